import type { Database, Statement } from "better-sqlite3";
import type { OutboxKind } from "../domain/message.ts";

/** Messages of one kind sent in one UTC hour. */
export interface SentCount {
  /** Unix ms / 3,600,000. */
  hour: number;
  kind: OutboxKind;
  count: number;
}

/**
 * The sent_counts table (migration 019): messages sent per hour and kind, counted by triggers
 * as the dispatcher marks rows sent. Read-only here: the triggers are its only writers.
 */
export class SentCountsRepo {
  readonly #since: Statement<[number], SentCount>;

  constructor(db: Database) {
    this.#since = db.prepare(
      "SELECT hour, kind, count FROM sent_counts WHERE hour >= ? ORDER BY hour, kind",
    );
  }

  /** Every hour from `from` on. */
  since(from: Date): SentCount[] {
    return this.#since.all(Math.floor(from.getTime() / 3_600_000));
  }
}
