import { type DestinationStream, type Logger, pino } from "pino";
import { PinoPretty } from "pino-pretty";

export type { Logger } from "pino";

/** Keeps the country code and the last two digits: enough to tell readers apart in a log. */
export function maskPhone(id: string): string {
  return id.replace(
    /\+?(\d{1,3})(\d{4,})(\d{2})(?=@|\b)/g,
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

/** The log fields with phone numbers masked: named fields, and any value that is one. */
export function maskFields(object: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (typeof value !== "string") continue;
    if (MASK_KEYS.has(key) || PHONE_LIKE.test(value)) object[key] = maskPhone(value);
  }
  return object;
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
