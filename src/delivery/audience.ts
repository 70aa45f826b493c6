import type { Database, Statement } from "better-sqlite3";
import type { ReaderHealth } from "./dispatcher.ts";

/**
 * Who receives what, read straight from the subscribers and follows tables (the conversation
 * module owns writing them): alert audiences, digest readers, and readers' send health.
 */
export class Audience implements ReaderHealth {
  readonly #db: Database;
  readonly #failure: Statement<
    [{ chatId: string; now: number; threshold: number }],
    { unreachable_at: number | null; permanent_failures: number }
  >;
  readonly #success: Statement<[string]>;

  constructor(db: Database) {
    this.#db = db;
    this.#failure = db.prepare(
      `UPDATE subscribers SET permanent_failures = permanent_failures + 1,
         unreachable_at = CASE
           WHEN unreachable_at IS NULL AND permanent_failures + 1 >= @threshold THEN @now
           ELSE unreachable_at END
       WHERE chat_id = @chatId
       RETURNING unreachable_at, permanent_failures`,
    );
    this.#success = db.prepare(
      "UPDATE subscribers SET permanent_failures = 0 WHERE chat_id = ? AND permanent_failures > 0",
    );
  }

  /** Counts a permanent failure; true when the reader just became unreachable. */
  recordPermanentFailure(chatId: string, now: Date, threshold: number): boolean {
    const row = this.#failure.get({ chatId, now: now.getTime(), threshold });
    return (
      row !== undefined &&
      row.unreachable_at === now.getTime() &&
      row.permanent_failures === threshold
    );
  }

  /** A message went through: the failure count starts again. */
  recordSuccess(chatId: string): void {
    this.#success.run(chatId);
  }
}
