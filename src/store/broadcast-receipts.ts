import type { Database, Statement } from "better-sqlite3";
import type { ReceiptCounts } from "./receipts.ts";

/**
 * The broadcast_receipts table (migration 020): sent / delivered / read per broadcast, counted
 * by triggers as messages are sent and receipts arrive. Read-only here.
 */
export class BroadcastReceiptsRepo {
  readonly #get: Statement<[number], ReceiptCounts>;

  constructor(db: Database) {
    this.#get = db.prepare(
      "SELECT sent, delivered, read FROM broadcast_receipts WHERE broadcast_id = ?",
    );
  }

  /** Each broadcast's figures (zeros for one that sent nothing yet). */
  forBroadcasts(ids: readonly number[]): Map<number, ReceiptCounts> {
    return new Map(ids.map((id) => [id, this.#get.get(id) ?? { sent: 0, delivered: 0, read: 0 }]));
  }
}
