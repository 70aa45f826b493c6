import type { Database } from "better-sqlite3";

export type OutboxKind = "reply" | "notice" | "channel" | "alert" | "digest";
export type OutboxState = "queued" | "sending" | "sent" | "failed" | "dead" | "cancelled";

/** Lower is sooner: a reader's answer never waits behind a broadcast. */
export const PRIORITY: Record<OutboxKind, number> = {
  reply: 0,
  notice: 1,
  channel: 2,
  alert: 3,
  digest: 4,
};

export interface NewOutboxRow {
  kind: OutboxKind;
  recipient: string;
  body: string;
  articleId?: number | null;
  broadcastId?: number | null;
  /** Not before this time (quiet hours, schedules). Default: now. */
  notBefore?: Date;
  /** The same key is never queued twice (e.g. `alert:<chat>:<article>`). */
  dedupeKey?: string | null;
}

/** The outbox table: every message the bot will send is a row here first. */
export class OutboxRepo {
  readonly #db: Database;
  readonly #listeners = new Set<() => void>();

  constructor(db: Database) {
    this.#db = db;
  }

  /** Queues a message; returns its id, or null when its dedupe key was already queued. */
  enqueue(row: NewOutboxRow, now: Date): number | null {
    const result = this.#db
      .prepare(
        `INSERT OR IGNORE INTO outbox (kind, priority, recipient, article_id, broadcast_id, body,
           not_before, dedupe_key, created_at, updated_at)
         VALUES (@kind, @priority, @recipient, @articleId, @broadcastId, @body, @notBefore,
           @dedupeKey, @now, @now)`,
      )
      .run({
        kind: row.kind,
        priority: PRIORITY[row.kind],
        recipient: row.recipient,
        articleId: row.articleId ?? null,
        broadcastId: row.broadcastId ?? null,
        body: row.body,
        notBefore: (row.notBefore ?? now).getTime(),
        dedupeKey: row.dedupeKey ?? null,
        now: now.getTime(),
      });
    if (result.changes === 0) return null;
    for (const listener of this.#listeners) listener();
    return Number(result.lastInsertRowid);
  }

  /** Called after each enqueue: the dispatcher wakes up instead of polling. */
  onEnqueued(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
