import readline from "node:readline/promises";
import { type Config, loadConfig } from "../../config.ts";
import { AppError, type AppErrorOptions } from "../../domain/errors.ts";
import { Ingest } from "../../ingest/ingest.ts";
import { systemClock } from "../../lib/clock.ts";
import { createLogger } from "../../log.ts";
import { seedFeeds } from "../../sources/feeds/feed-sources.ts";
import { checkpointWal } from "../../store/database.ts";
import { type App, openApp } from "../services.ts";

/** A command that cannot do what was asked: the message says what to do instead. Exit code 1. */
export class CliError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super("CLI_USAGE", message, options);
  }
}

/** What every CLI command gets: lazily opened config and store, and where to write. */
export interface CliContext {
  config(): Config;
  app(): App;
  ingest(): Ingest;
  out(line: string): void;
  /** stderr is a terminal: progress bars are welcome. */
  interactive: boolean;
  /** Asks a yes/no question on the terminal; absent when no one can answer (scripts, pipes). */
  ask?: ((question: string) => Promise<boolean>) | undefined;
  close(): void;
}

/** Builds the context from the process environment (.env already loaded by the caller). */
export function createCliContext(env: Record<string, string | undefined>): CliContext {
  let config: Config | undefined;
  let app: App | undefined;
  const ctx: CliContext = {
    config: () => {
      config ??= loadConfig(env);
      return config;
    },
    app: () => {
      if (!app) {
        const c = ctx.config();
        // The CLI prints its own results; the log only carries warnings and errors.
        const log = createLogger({
          level: c.logLevel === "info" ? "warn" : c.logLevel,
          format: c.logFormat,
        });
        app = openApp(c, { clock: systemClock, log });
        seedFeeds(app.feeds, c.feeds, { now: systemClock.now(), log });
      }
      return app;
    },
    ingest: () => {
      const a = ctx.app();
      return new Ingest({
        articles: a.articles,
        clock: a.clock,
        log: a.log,
        summaryMaxChars: a.config.summaryMaxChars,
        checkpoint: () => checkpointWal(a.db, "PASSIVE"),
      });
    },
    out: (line) => process.stdout.write(`${line}\n`),
    interactive: Boolean(process.stderr.isTTY),
    ask: process.stdin.isTTY ? askOnTerminal : undefined,
    close: () => app?.close(),
  };
  return ctx;
}

/** A yes/no question on the terminal: « oui », « o », « yes », « y » say yes. */
async function askOnTerminal(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return /^\s*(oui|o|yes|y)\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
