import { createHash } from "node:crypto";
import type { Database, Statement } from "better-sqlite3";

/**
 * Inbound message ids already handled, so a message WhatsApp delivers twice is answered once.
 * Ids are stored hashed: a WhatsApp message id embeds the sender's number.
 */
export class InboundRepo {
  readonly #db: Database;
  readonly #claim: Statement<[string, number]>;

  constructor(db: Database) {
    this.#db = db;
    this.#claim = db.prepare(
      "INSERT OR IGNORE INTO inbound_handled (id_hash, handled_at) VALUES (?, ?)",
    );
  }

  /** Marks a message id handled; false when it already was (a duplicate delivery). */
  claim(messageId: string, now: Date): boolean {
    return this.#claim.run(hashId(messageId), now.getTime()).changes > 0;
  }

  /** Forgets ids handled before `before` (a redelivery after days is not a concern). */
  prune(before: Date): number {
    return this.#db
      .prepare("DELETE FROM inbound_handled WHERE handled_at < ?")
      .run(before.getTime()).changes;
  }
}

function hashId(id: string): string {
  return createHash("sha256").update(id).digest("base64url").slice(0, 22);
}
