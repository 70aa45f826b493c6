import type { Database } from "better-sqlite3";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./log.ts";
import { ArticlesRepo } from "./store/articles.ts";
import { openDatabase } from "./store/database.ts";
import { OutboxRepo } from "./store/outbox.ts";

/** Everything the bot, the CLI and the simulator share: one database, its tables, the clock. */
export interface App {
  config: Config;
  clock: Clock;
  log: Logger;
  db: Database;
  articles: ArticlesRepo;
  outbox: OutboxRepo;
  close(): void;
}

/** Opens the store and builds the repositories (no transport, no timers: callers add those). */
export function openApp(config: Config, deps: { clock: Clock; log: Logger }): App {
  const db = openDatabase(config.databasePath);
  return {
    config,
    clock: deps.clock,
    log: deps.log,
    db,
    articles: new ArticlesRepo(db),
    outbox: new OutboxRepo(db),
    close: () => db.close(),
  };
}
