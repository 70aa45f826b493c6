import path from "node:path";
import { z } from "zod";
import { AppError } from "./domain/errors.ts";
import { DEFAULT_WARM_UP_SCHEDULE, type WarmUp } from "./domain/warm-up.ts";

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
/**
 * Phone numbers, separated by commas, semicolons or line ends, each as people write them
 * (« +223 70 00 00 09 », « +223-70-00-00-09 »); numbers that each start with « + » may also be
 * separated by spaces only.
 */
const phoneList = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(/[,;\n]+/)
      .flatMap((part) => ((part.match(/\+/g)?.length ?? 0) > 1 ? part.trim().split(/\s+/) : [part]))
      .map((x) => x.replace(/[\s.()-]+/g, ""))
      .filter(Boolean),
  );
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

/**
 * A whole number written in plain digits: « 0x10 », « 1e3 » or « ٨٠٨٠ » are refused in French
 * (zod's coercion took the first two silently and named the last « NaN », in English).
 */
const int = (fallback: number, min: number, max: number) => {
  const message = `un nombre entier entre ${min} et ${max}, en chiffres (ex. ${fallback})`;
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message))
    .default(fallback);
};

/** One of `values`, whatever its case (« FR », « On »), or a French message listing them. */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T, message?: string) =>
  z
    .string()
    .toLowerCase()
    .pipe(z.enum(values, { message: message ?? `écrivez ${values.join(", ")}` }));

const bool = (fallback: boolean) =>
  oneOf(
    ["true", "false", "1", "0", "yes", "no", "oui", "non", "on", "off"],
    "écrivez true ou false (ou on, off)",
  )
    .default(fallback ? "true" : "false")
    .transform((v) => ["true", "1", "yes", "oui", "on"].includes(v));

/**
 * A duration as an operator writes it in .env: « 45 » or « 45min » (minutes), « 2h », « 1h30 »;
 * null when it is none of these.
 */
export function parseMinutes(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, "");
  const m = /^(?:(\d{1,3})h(?:(\d{1,2})(?:min|mn|m)?)?|(\d{1,5})(?:min|mn|m)?)$/.exec(t);
  if (!m) return null;
  const minutes = m[3] !== undefined ? Number(m[3]) : Number(m[1]) * 60 + Number(m[2] ?? 0);
  return minutes > 0 && minutes <= 7 * 24 * 60 ? minutes : null;
}

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
  LOG_LEVEL: oneOf(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z
    .enum(["auto", "pretty", "json"], {
      message: "écrivez pretty (lignes lisibles), json (une ligne JSON par événement) ou auto",
    })
    .default("auto"),
  TZ: timeZone.default("Africa/Bamako"),
  LANGUAGE: oneOf(["fr", "en"], "écrivez fr ou en").default("fr"),
  SUMMARY_MAX_CHARS: int(280, 120, 1000),
  NEWSROOM_NAME: z.string().min(1).default("Suivez l'info"),
  SITE_URL: z
    .url({ protocol: /^https?$/, message: "adresse web complète attendue (https://…)" })
    .optional(),

  EDITORS: phoneList.pipe(
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
  /** on: a new article from files or feeds waits for an editor's /publier (or /ignorer). */
  APPROVAL: bool(false),
  /** With APPROVAL=on: how long an article may wait for an editor ("45min", "2h"). */
  APPROVAL_TIMEOUT: z
    .string()
    .transform((s, ctx) => {
      const minutes = parseMinutes(s);
      if (minutes === null) {
        ctx.addIssue({
          code: "custom",
          message:
            "une durée entre 1 minute et 7 jours, ex. 45min, 2h ou 1h30 (laissez vide : l'article attend un éditeur sans limite)",
        });
        return z.NEVER;
      }
      return minutes;
    })
    .optional(),
  /** What happens when APPROVAL_TIMEOUT passes: the article goes out, or never does. */
  APPROVAL_TIMEOUT_ACTION: z
    .enum(["publier", "publish", "ignorer", "ignore", "drop", "abandonner"], {
      message:
        "écrivez publier (l'article part seul à l'échéance) ou ignorer (il n'est jamais envoyé sans /publier)",
    })
    .transform(
      (v) => (v === "publier" || v === "publish" ? "publish" : "drop") as "publish" | "drop",
    )
    .optional(),

  FEEDS: list,
  FEEDS_ALLOW_HOSTS: list,
  FEEDS_ALLOW_PRIVATE: bool(false),

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
  // Pair by a code typed on the phone instead of scanning the QR (a server without a screen).
  WHATSAPP_PAIRING_PHONE: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s().-]/g, ""))
    .pipe(
      z
        .string()
        .regex(
          e164,
          "le numéro du téléphone du bot, au format international, ex. +22370000000 (ou laissez vide pour le QR)",
        ),
    )
    .optional()
    .or(z.literal("").transform(() => undefined)),

  WHATSAPP_TRANSPORT: z
    .enum(["web", "cloud", "hybrid"], {
      message:
        "web (WhatsApp Web), cloud (API officielle de Meta) ou hybrid (chaîne par WhatsApp Web, lecteurs par l'API officielle)",
    })
    .default("web"),
  CLOUD_API_BASE_URL: z
    .url({ message: "adresse complète attendue, ex. https://graph.facebook.com" })
    .default("https://graph.facebook.com"),
  CLOUD_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "version de l'API au format v23.0")
    .default("v23.0"),
  CLOUD_PHONE_NUMBER_ID: z
    .string()
    .regex(
      /^\d{5,30}$/,
      "l'identifiant numérique du numéro (Meta > WhatsApp > Configuration de l'API)",
    )
    .optional(),
  CLOUD_API_TOKEN: z.string().optional(),
  CLOUD_APP_SECRET: z.string().optional(),
  CLOUD_VERIFY_TOKEN: z.string().optional(),
  CLOUD_RATE_PER_SECOND: int(80, 1, 1000),
  CLOUD_TEMPLATE_ALERT: z
    .string()
    .regex(/^[a-z0-9_]{1,512}$/, "nom de modèle approuvé : minuscules, chiffres et _")
    .optional(),
  CLOUD_TEMPLATE_DIGEST: z
    .string()
    .regex(/^[a-z0-9_]{1,512}$/, "nom de modèle approuvé : minuscules, chiffres et _")
    .optional(),
  CLOUD_TEMPLATE_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "code de langue du modèle, ex. fr ou fr_FR")
    .default("fr"),
  CLOUD_TEMPLATE_PARAMS: list.pipe(
    z.array(
      z.enum(["title", "summary", "link", "text"], {
        message: "paramètres du modèle parmi title, summary, link, text (ex. title,link)",
      }),
    ),
  ),
  HTTP_HOST: z.string().min(1).default("127.0.0.1"),
  HTTP_PORT: int(8080, 0, 65535),
  /** A new number's first day (YYYY-MM-DD): its alerts and digests grow day by day. */
  WARMUP_START: z
    .string()
    .refine((s) => s.toLowerCase() === "off" || isDay(s), {
      message: "date du premier jour d'envoi du numéro (AAAA-MM-JJ, ex. 2026-12-01) ou off",
    })
    .transform((s) => (s.toLowerCase() === "off" ? null : s))
    .optional(),
  WARMUP_SCHEDULE: list
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[1-9]\d{0,8}$/, "plafonds par jour : des nombres entiers, ex. 50,100,200"),
      ),
    )
    .transform((days) => days.map(Number)),
  /** First messages of the day to readers silent for COLD_READER_AFTER_HOURS (0: no cap). */
  COLD_READERS_PER_DAY: int(0, 0, 1_000_000),
  COLD_READER_AFTER_HOURS: int(24, 1, 24 * 365),
});

function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** With the official API, these must be set (Meta's app dashboard gives each). */
const CLOUD_REQUIRED = [
  "CLOUD_PHONE_NUMBER_ID",
  "CLOUD_API_TOKEN",
  "CLOUD_APP_SECRET",
  "CLOUD_VERIFY_TOKEN",
] as const;

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
  /** New articles wait for an editor's /publier instead of going out by themselves. */
  approval: boolean;
  /** APPROVAL_TIMEOUT: an article nobody handled in time is published or dropped; null = waits. */
  approvalTimeout: { minutes: number; action: "publish" | "drop" } | null;
  channel: { invite: string | null; id: string | null; rubrics: string[] };
  feeds: string[];
  /** Private destinations feeds may reach (default none: see sources/feeds/destination.ts). */
  feedDestinations: { allowPrivate: boolean; allowHosts: string[] };
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
    /** E.164 number of the bot's phone: pair by code instead of QR; null = QR. */
    pairingPhone: string | null;
  };
  /** Which transport sends: `hybrid` = Channel via WhatsApp Web, readers via the Cloud API. */
  transport: "web" | "cloud" | "hybrid";
  cloud: {
    baseUrl: string;
    version: string;
    phoneNumberId: string;
    token: string;
    appSecret: string;
    verifyToken: string;
    ratePerSecond: number;
    /** Approved template names for messages outside the reader's 24-hour window. */
    templates: { alert: string | null; digest: string | null; language: string };
    /** What fills the template's body parameters {{1}}, {{2}}…, in order. */
    templateParams: ("title" | "summary" | "link" | "text")[];
  };
  http: { host: string; port: number };
  /** Limits that keep a number out of trouble (README: « Ban guard »). */
  guard: {
    /** Null: no ramp (WARMUP_START unset or off). */
    warmUp: WarmUp | null;
    /** First messages a day to long-silent readers; null: no cap. */
    coldPerDay: number | null;
    /** Silent this long (since their last message), a reader is « long silent ». */
    coldAfterMs: number;
  };
}

/** Parses the environment (after dotenv) into a Config, or throws a ConfigError naming every fix. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value in .env means "not set": keeps `.env.example` copy-paste friendly.
  // Spaces and a stray CR around a value (a .env saved on Windows, an env-file that keeps
  // them) are no part of it.
  const cleaned = Object.fromEntries(
    Object.entries(env).flatMap(([k, v]) =>
      v === undefined || v.trim() === "" ? [] : [[k, v.trim()]],
    ),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      // One line per setting and problem: three bad numbers in EDITORS are one line, not three.
      [
        ...new Set(
          parsed.error.issues.map((issue) => {
            const key = String(issue.path[0] ?? "?");
            const value = cleaned[key];
            return `${key}${value === undefined ? "" : `=${value}`} : ${issue.message}`;
          }),
        ),
      ],
    );
  }
  const v = parsed.data;
  if (v.WHATSAPP_TRANSPORT !== "web") {
    const missing = CLOUD_REQUIRED.filter((key) => v[key] === undefined);
    if (missing.length > 0) {
      throw new ConfigError(
        missing.map(
          (key) =>
            `${key} : obligatoire avec WHATSAPP_TRANSPORT=${v.WHATSAPP_TRANSPORT} (tableau de bord de l'application Meta > WhatsApp)`,
        ),
      );
    }
  }
  const approvalProblems: string[] = [];
  if (v.APPROVAL_TIMEOUT !== undefined && !v.APPROVAL) {
    approvalProblems.push(
      `APPROVAL_TIMEOUT=${cleaned.APPROVAL_TIMEOUT} : n'a d'effet qu'avec APPROVAL=on (ajoutez-le, ou videz APPROVAL_TIMEOUT)`,
    );
  }
  if (v.APPROVAL_TIMEOUT !== undefined && v.APPROVAL_TIMEOUT_ACTION === undefined) {
    approvalProblems.push(
      "APPROVAL_TIMEOUT_ACTION : obligatoire avec APPROVAL_TIMEOUT — écrivez publier (l'article part seul à l'échéance) ou ignorer (il n'est jamais envoyé sans /publier)",
    );
  }
  if (v.APPROVAL_TIMEOUT === undefined && v.APPROVAL_TIMEOUT_ACTION !== undefined) {
    approvalProblems.push(
      `APPROVAL_TIMEOUT_ACTION=${cleaned.APPROVAL_TIMEOUT_ACTION} : sans APPROVAL_TIMEOUT (ex. 2h) il ne sert à rien`,
    );
  }
  if (approvalProblems.length > 0) throw new ConfigError(approvalProblems);
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
    approval: v.APPROVAL,
    approvalTimeout:
      v.APPROVAL_TIMEOUT !== undefined && v.APPROVAL_TIMEOUT_ACTION !== undefined
        ? { minutes: v.APPROVAL_TIMEOUT, action: v.APPROVAL_TIMEOUT_ACTION }
        : null,
    channel: {
      invite: v.CHANNEL_INVITE ?? null,
      id: v.CHANNEL_ID ?? null,
      rubrics: v.CHANNEL_RUBRICS,
    },
    feeds: v.FEEDS,
    feedDestinations: { allowPrivate: v.FEEDS_ALLOW_PRIVATE, allowHosts: v.FEEDS_ALLOW_HOSTS },
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
      pairingPhone: v.WHATSAPP_PAIRING_PHONE ?? null,
    },
    transport: v.WHATSAPP_TRANSPORT,
    cloud: {
      baseUrl: v.CLOUD_API_BASE_URL.replace(/\/+$/, ""),
      version: v.CLOUD_API_VERSION,
      phoneNumberId: v.CLOUD_PHONE_NUMBER_ID ?? "",
      token: v.CLOUD_API_TOKEN ?? "",
      appSecret: v.CLOUD_APP_SECRET ?? "",
      verifyToken: v.CLOUD_VERIFY_TOKEN ?? "",
      ratePerSecond: v.CLOUD_RATE_PER_SECOND,
      templates: {
        alert: v.CLOUD_TEMPLATE_ALERT ?? null,
        digest: v.CLOUD_TEMPLATE_DIGEST ?? null,
        language: v.CLOUD_TEMPLATE_LANGUAGE,
      },
      templateParams:
        v.CLOUD_TEMPLATE_PARAMS.length > 0 ? v.CLOUD_TEMPLATE_PARAMS : ["title", "link"],
    },
    http: { host: v.HTTP_HOST, port: v.HTTP_PORT },
    guard: {
      warmUp: v.WARMUP_START
        ? {
            start: v.WARMUP_START,
            schedule: v.WARMUP_SCHEDULE.length > 0 ? v.WARMUP_SCHEDULE : DEFAULT_WARM_UP_SCHEDULE,
          }
        : null,
      coldPerDay: v.COLD_READERS_PER_DAY > 0 ? v.COLD_READERS_PER_DAY : null,
      coldAfterMs: v.COLD_READER_AFTER_HOURS * 3_600_000,
    },
  };
}
