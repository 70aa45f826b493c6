import path from "node:path";
import { z } from "zod";
import { AppError } from "./domain/errors.ts";

/** A bad `.env`: every wrong value is named with what to write instead. */
export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super(
      "CONFIG_INVALID",
      `Configuration invalide (.env) :\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
}

const e164 = /^\+[1-9]\d{6,14}$/;
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

const list = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(/[,;\s]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  );

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", "oui", "non"], {
      message: "écrivez true ou false",
    })
    .default(fallback ? "true" : "false")
    .transform((v) => ["true", "1", "yes", "oui"].includes(v));

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("fr", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "fuseau horaire IANA inconnu (exemple : Africa/Bamako, Africa/Abidjan)" },
);

/**
 * The code of a Channel invite (`https://whatsapp.com/channel/0029Va…` or the code alone), or
 * null when the text is neither: it goes into every one-to-one message as the Channel's link.
 */
export function channelInviteCode(text: string): string | null {
  const m =
    /^(?:https?:\/\/(?:www\.)?whatsapp\.com\/channel\/)?([A-Za-z0-9]{8,64})\/?(?:[?#]\S*)?$/i.exec(
      text.trim(),
    );
  return m?.[1] ?? null;
}

const schema = z.object({
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_PATH: z.string().optional(),
  ARTICLES_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z
    .enum(["auto", "pretty", "json"], {
      message: "écrivez pretty (lignes lisibles), json (une ligne JSON par événement) ou auto",
    })
    .default("auto"),
  TZ: timeZone.default("Africa/Bamako"),
  LANGUAGE: z.enum(["fr", "en"]).default("fr"),
  SUMMARY_MAX_CHARS: int(280, 120, 1000),
  NEWSROOM_NAME: z.string().min(1).default("Suivez l'info"),
  SITE_URL: z.url({ message: "adresse web complète attendue (https://…)" }).optional(),

  EDITORS: list.pipe(
    z.array(z.string().regex(e164, "numéros au format international, ex. +22370000000")),
  ),
  CHANNEL_INVITE: z
    .string()
    .transform((s) => channelInviteCode(s) ?? "")
    .pipe(
      z
        .string()
        .min(
          1,
          "lien https://whatsapp.com/channel/… de la chaîne, ou le code qui le termine (lettres et chiffres)",
        ),
    )
    .optional(),
  CHANNEL_ID: z
    .string()
    .regex(/@newsletter$/, "identifiant de chaîne attendu, ex. 120363000000000000@newsletter")
    .optional(),
  CHANNEL_RUBRICS: list,

  FEEDS: list,

  SEND_RATE_PER_MINUTE: int(12, 1, 6000),
  MIN_GAP_PER_CHAT_SECONDS: int(3, 0, 3600),
  ALERTS_PER_DAY: int(5, 1, 100),
  QUIET_HOURS: z
    .string()
    .regex(
      /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/,
      "format HH:MM-HH:MM, ex. 22:00-07:00",
    )
    .default("22:00-07:00"),
  DIGEST_TIME: z.string().regex(hhmm, "format HH:MM, ex. 07:00").default("07:00"),

  CHROME_PATH: z.string().optional(),
  CHROME_ARGS: z
    .string()
    .default("")
    .transform((s) => s.split(/\s+/).filter(Boolean))
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^--[a-z]/,
            "options Chromium commençant par --, ex. --proxy-server=http://proxy:3128",
          ),
      ),
    ),
  WA_CLIENT_ID: z
    .string()
    .regex(/^[-_\w]+$/, "lettres, chiffres, - et _ seulement")
    .default("suivez-info"),
  WA_SEND_SEEN: bool(false),
  WA_LINK_PREVIEW: bool(true),
});

type Env = z.infer<typeof schema>;

/** The validated, typed configuration, parsed once at start-up. */
export interface Config {
  dataDir: string;
  databasePath: string;
  articlesDir: string;
  sessionDir: string;
  logLevel: Env["LOG_LEVEL"];
  /** `auto`: readable lines on a terminal, JSON elsewhere. */
  logFormat: Env["LOG_FORMAT"];
  timeZone: string;
  language: "fr" | "en";
  summaryMaxChars: number;
  newsroomName: string;
  siteUrl: string | null;
  editors: string[];
  channel: { invite: string | null; id: string | null; rubrics: string[] };
  feeds: string[];
  sending: {
    ratePerMinute: number;
    minGapPerChatSeconds: number;
    alertsPerDay: number;
    quietHours: { start: string; end: string };
    digestTime: string;
  };
  whatsapp: {
    chromePath: string | null;
    /** Added to the server flags, e.g. a proxy: `--proxy-server=http://proxy:3128`. */
    chromeArgs: string[];
    clientId: string;
    sendSeen: boolean;
    linkPreview: boolean;
  };
}

/** Parses the environment (after dotenv) into a Config, or throws a ConfigError naming every fix. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value in .env means "not set": keeps `.env.example` copy-paste friendly.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? "?");
        const value = cleaned[key];
        return `${key}${value === undefined ? "" : `=${value}`} : ${issue.message}`;
      }),
    );
  }
  const v = parsed.data;
  const [quietStart = "22:00", quietEnd = "07:00"] = v.QUIET_HOURS.split("-");
  return {
    dataDir: v.DATA_DIR,
    databasePath: v.DATABASE_PATH ?? path.join(v.DATA_DIR, "suivez.db"),
    articlesDir: v.ARTICLES_DIR ?? path.join(v.DATA_DIR, "articles"),
    sessionDir: path.join(v.DATA_DIR, "session"),
    logLevel: v.LOG_LEVEL,
    logFormat: v.LOG_FORMAT,
    timeZone: v.TZ,
    language: v.LANGUAGE,
    summaryMaxChars: v.SUMMARY_MAX_CHARS,
    newsroomName: v.NEWSROOM_NAME,
    siteUrl: v.SITE_URL ?? null,
    editors: v.EDITORS,
    channel: {
      invite: v.CHANNEL_INVITE ?? null,
      id: v.CHANNEL_ID ?? null,
      rubrics: v.CHANNEL_RUBRICS,
    },
    feeds: v.FEEDS,
    sending: {
      ratePerMinute: v.SEND_RATE_PER_MINUTE,
      minGapPerChatSeconds: v.MIN_GAP_PER_CHAT_SECONDS,
      alertsPerDay: v.ALERTS_PER_DAY,
      quietHours: { start: quietStart, end: quietEnd },
      digestTime: v.DIGEST_TIME,
    },
    whatsapp: {
      chromePath: v.CHROME_PATH ?? null,
      chromeArgs: v.CHROME_ARGS,
      clientId: v.WA_CLIENT_ID,
      sendSeen: v.WA_SEND_SEEN,
      linkPreview: v.WA_LINK_PREVIEW,
    },
  };
}
