import type { Database, Statement } from "better-sqlite3";

/** How many readers started and stopped in one UTC hour, for one rubric ('' = the service). */
export interface ReaderChange {
  rubric: string;
  /** Unix ms / 3,600,000. */
  hour: number;
  subscribed: number;
  stopped: number;
}

export const HOUR_MS = 3_600_000;

/**
 * The reader_changes table (migration 018): readers over time, counted by triggers as readers
 * subscribe, stop, follow and unfollow. Read-only here: the triggers are its only writers.
 */
export class ReaderChangesRepo {
  readonly #since: Statement<[number], ReaderChange>;
  readonly #before: Statement<[number], { rubric: string; net: number }>;

  constructor(db: Database) {
    this.#since = db.prepare(
      `SELECT rubric, hour, subscribed, stopped FROM reader_changes
       WHERE hour >= ? ORDER BY rubric, hour`,
    );
    this.#before = db.prepare(
      `SELECT rubric, sum(subscribed) - sum(stopped) AS net FROM reader_changes
       WHERE hour < ? GROUP BY rubric`,
    );
  }

  /** Every change from `from` on (by rubric, then hour). */
  since(from: Date): ReaderChange[] {
    return this.#since.all(Math.floor(from.getTime() / HOUR_MS));
  }

  /** Readers each rubric had just before `at` (what the window's first day starts from). */
  countsBefore(at: Date): Map<string, number> {
    return new Map(
      this.#before.all(Math.floor(at.getTime() / HOUR_MS)).map((r) => [r.rubric, r.net]),
    );
  }
}
