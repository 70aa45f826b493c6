import { type Logger, pino } from "pino";

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

export interface LogOptions {
  level: string;
  destination?: NodeJS.WritableStream;
}

/**
 * The structured logger. Phone numbers are personal data: every string field named like a
 * chat or sender id is masked before it is written, whatever the level.
 */
export function createLogger(options: LogOptions): Logger {
  const maskKeys = new Set(["chatId", "senderId", "to", "from", "recipient", "phone", "number"]);
  return pino(
    {
      level: options.level,
      base: null,
      formatters: {
        log(object) {
          for (const key of Object.keys(object)) {
            const value = object[key];
            if (typeof value === "string" && maskKeys.has(key)) object[key] = maskPhone(value);
          }
          return object;
        },
      },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** A logger that writes nothing: for tests and quiet CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
