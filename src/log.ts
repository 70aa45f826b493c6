import { type DestinationStream, type Logger, pino } from "pino";
import { PinoPretty } from "pino-pretty";

export type { Logger } from "pino";

/** Keeps the country code and the last two digits: enough to tell readers apart in a log. */
export function maskPhone(id: string): string {
  // Tried only where a run of digits starts: from inside a run the match ends at the same place
  // (or fails the same way), and trying every position made a 90 kB run quadratic.
  return id.replace(
    /(?<!\d)\+?(\d{1,3})(\d{4,})(\d{2})(?=@|\b)/g,
    (_m, cc: string, mid: string, end: string) => {
      return `+${cc}${"•".repeat(mid.length)}${end}`;
    },
  );
}

/** `pretty`: one readable line per event (a terminal); `json`: one JSON object a line. */
export type LogFormat = "pretty" | "json";

export interface LogOptions {
  level: string;
  /** Default: pretty on a terminal, JSON elsewhere (files, journald, containers). */
  format?: LogFormat | "auto";
  destination?: NodeJS.WritableStream;
  /** Colours on the pretty format; default: a terminal without NO_COLOR. */
  colorize?: boolean;
}

/** `auto` made concrete: pretty when standard error is a terminal. */
export function resolveLogFormat(
  format: LogFormat | "auto" | undefined,
  isTTY = process.stderr.isTTY === true,
): LogFormat {
  return format === "pretty" || format === "json" ? format : isTTY ? "pretty" : "json";
}

/** Whether colours are wanted: a terminal, and no NO_COLOR (https://no-color.org). */
export function colorWanted(
  env: Record<string, string | undefined> = process.env,
  isTTY = process.stderr.isTTY === true,
): boolean {
  return isTTY && !env.NO_COLOR;
}

/**
 * pino-pretty as a plain synchronous stream in this thread (not a transport worker): a line
 * is on the terminal before the next statement runs, so a crash loses none and the QR code
 * printed in between stays in place.
 */
function prettyStream(options: LogOptions): DestinationStream {
  return PinoPretty({
    colorize: options.colorize ?? colorWanted(),
    sync: true,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname",
    singleLine: true,
    ...(options.destination ? { destination: options.destination } : { destination: 2 }),
  });
}

/** Fields that hold a person's number or WhatsApp id (`by`: the editor who paused…). */
const MASK_KEYS = new Set([
  "chatId",
  "senderId",
  "to",
  "from",
  "recipient",
  "phone",
  "number",
  "by",
  "editor",
  "author",
  "sender",
]);

/** A whole value that is a number or a person's WhatsApp id, whatever its field is called. */
const PHONE_LIKE = /^\+?\d{8,15}(@(c\.us|lid|s\.whatsapp\.net))?$/;

/**
 * A number inside free text (an error's message, a stack, a log message): written with its
 * `+` (spaces, dots or dashes allowed between digits) or as a WhatsApp id. Bare digit runs are
 * left alone there: timestamps and row ids look like them.
 */
const PHONE_IN_TEXT =
  /\+\d{1,3}(?:[ .-]?\d){6,13}(?!\d)|\b\d{8,15}@(?:c\.us|lid|s\.whatsapp\.net)\b/g;

/** `text` with every number written in it masked (see PHONE_IN_TEXT). */
export function maskPhonesInText(text: string): string {
  return text.replace(PHONE_IN_TEXT, (m) =>
    m.includes("@") ? maskPhone(m) : maskPhone(`+${m.replace(/\D/g, "")}`),
  );
}

/** How deep nested log fields are looked into (pino's own serialised errors are 2–3 deep). */
const MASK_DEPTH = 6;

function maskValue(key: string, value: unknown, depth: number): unknown {
  if (typeof value === "string") {
    return maskPhonesInText(
      MASK_KEYS.has(key) || PHONE_LIKE.test(value) ? maskPhone(value) : value,
    );
  }
  if (value === null || typeof value !== "object" || depth >= MASK_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(key, v, depth + 1));
  // An error as pino writes it (message and stack with their causes'), then masked.
  const plain = value instanceof Error ? pino.stdSerializers.err(value) : value;
  const proto = Object.getPrototypeOf(value);
  if (plain === value && proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(plain)) out[k] = maskValue(k, v, depth + 1);
  return out;
}

/**
 * The log fields with phone numbers masked: named fields, any value that is one, numbers
 * written inside any text (an error's message and its causes, a stack), at any depth — a
 * TransportError's cause (whatsapp-web.js's "No LID for user 223…@c.us") reached the log whole.
 * The caller's objects are not changed: a new object is returned.
 */
export function maskFields(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) out[key] = maskValue(key, value, 0);
  return out;
}

/**
 * The structured logger. Phone numbers are personal data: every string field named like a
 * chat, sender or editor id, and every value shaped like a number, is masked before it is
 * written, whatever the level.
 */
export function createLogger(options: LogOptions): Logger {
  return pino(
    {
      level: options.level,
      base: null,
      formatters: {
        log: maskFields,
      },
      // maskFields has already written (and masked) the errors: pino must not redo it.
      serializers: { err: (value: unknown) => value },
      // The message itself may name someone (`arrêt : « ${stage} »…` and the like).
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === "string" ? maskPhonesInText(a) : a)) as typeof args,
          );
        },
      },
    },
    resolveLogFormat(options.format) === "pretty"
      ? prettyStream(options)
      : (options.destination ?? pino.destination({ dest: 2, sync: true })),
  );
}

/** A logger that writes nothing: for tests and quiet CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
