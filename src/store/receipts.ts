import type { Database, Statement } from "better-sqlite3";

/** Sent, delivered (reached the phone) and read, for a set of messages. */
export interface ReceiptCounts {
  sent: number;
  delivered: number;
  read: number;
}

/** One rubric's receipts over a period. */
export interface RubricReceipts extends ReceiptCounts {
  rubric: string;
}

/** What a transport reported about one message. */
export interface ReceiptInput {
  transportId: string;
  status: "delivered" | "read" | "failed";
  at: Date;
  error?: string | undefined;
}

/**
 * The receipts table: delivered / read / failed per message, by the transport's id. Recording
 * is idempotent (the first time of each state is kept), so a webhook Meta sends twice, or
 * receipts that arrive out of order (read before delivered), count once.
 */
export class ReceiptsRepo {
  readonly #db: Database;
  readonly #upsert: Statement<[Record<string, string | number | null>]>;
  readonly #broadcast: Statement<[number], ReceiptCounts>;

  constructor(db: Database) {
    this.#db = db;
    this.#upsert = db.prepare(
      `INSERT INTO receipts (transport_id, delivered_at, read_at, failed_at, error, updated_at)
       VALUES (@id, @delivered, @read, @failed, @error, @now)
       ON CONFLICT (transport_id) DO UPDATE SET
         delivered_at = coalesce(delivered_at, excluded.delivered_at),
         read_at = coalesce(read_at, excluded.read_at),
         failed_at = coalesce(failed_at, excluded.failed_at),
         error = coalesce(error, excluded.error),
         updated_at = excluded.updated_at
       WHERE (delivered_at IS NULL AND excluded.delivered_at IS NOT NULL)
          OR (read_at IS NULL AND excluded.read_at IS NOT NULL)
          OR (failed_at IS NULL AND excluded.failed_at IS NOT NULL)`,
    );
    // Reads the broadcast's rows through outbox_broadcast, then one key lookup each.
    this.#broadcast = db.prepare(
      `SELECT count(*) AS sent, count(r.delivered_at) AS delivered, count(r.read_at) AS read
       FROM outbox o LEFT JOIN receipts r ON r.transport_id = o.transport_id
       WHERE o.broadcast_id = ? AND o.state = 'sent'`,
    );
  }

  /** Records one receipt; false when it told nothing new (a replay, an older state). */
  record(receipt: ReceiptInput): boolean {
    const at = receipt.at.getTime();
    const delivered = receipt.status === "delivered" || receipt.status === "read" ? at : null;
    return (
      this.#upsert.run({
        id: receipt.transportId,
        delivered,
        read: receipt.status === "read" ? at : null,
        failed: receipt.status === "failed" ? at : null,
        error: receipt.status === "failed" ? (receipt.error ?? "échec") : null,
        now: at,
      }).changes > 0
    );
  }

  /** Sent / delivered / read of one broadcast's one-to-one messages and Channel post. */
  forBroadcast(broadcastId: number): ReceiptCounts {
    return this.#broadcast.get(broadcastId) ?? { sent: 0, delivered: 0, read: 0 };
  }

  /** Sent / delivered / read of messages sent in `[from, to)`: all, and per rubric. */
  forPeriod(from: Date, to: Date): { total: ReceiptCounts; byRubric: RubricReceipts[] } {
    const range = { from: from.getTime(), to: to.getTime() };
    const total = this.#db
      .prepare(
        `SELECT count(*) AS sent, count(r.delivered_at) AS delivered, count(r.read_at) AS read
         FROM outbox o LEFT JOIN receipts r ON r.transport_id = o.transport_id
         WHERE o.sent_at >= @from AND o.sent_at < @to AND o.state = 'sent'
           AND o.kind IN ('alert', 'digest', 'channel')`,
      )
      .get(range) as ReceiptCounts;
    const byRubric = this.#db
      .prepare(
        `SELECT c.category_key AS rubric, count(*) AS sent, count(r.delivered_at) AS delivered,
                count(r.read_at) AS read
         FROM outbox o
         JOIN article_categories c ON c.article_id = o.article_id
         LEFT JOIN receipts r ON r.transport_id = o.transport_id
         WHERE o.sent_at >= @from AND o.sent_at < @to AND o.state = 'sent'
           AND o.kind IN ('alert', 'channel')
         GROUP BY c.category_key ORDER BY sent DESC, rubric LIMIT 20`,
      )
      .all(range) as RubricReceipts[];
    return { total, byRubric };
  }

  /** Forgets receipts not updated since `before` (their outbox rows are pruned too). */
  prune(before: Date): number {
    return this.#db.prepare("DELETE FROM receipts WHERE updated_at < ?").run(before.getTime())
      .changes;
  }
}
