import type { Database, Statement } from "better-sqlite3";

export type ApprovalOutcome = "published" | "ignored" | "timeout-published" | "timeout-dropped";

export interface Approval {
  articleId: number;
  askedAt: Date;
  /** When APPROVAL_TIMEOUT passes; null = the article waits for an editor. */
  deadline: Date | null;
  settledAt: Date | null;
  outcome: ApprovalOutcome | null;
  settledBy: string | null;
}

interface Row {
  article_id: number;
  asked_at: number;
  deadline: number | null;
  settled_at: number | null;
  outcome: ApprovalOutcome | null;
  settled_by: string | null;
}

const toApproval = (r: Row): Approval => ({
  articleId: r.article_id,
  askedAt: new Date(r.asked_at),
  deadline: r.deadline === null ? null : new Date(r.deadline),
  settledAt: r.settled_at === null ? null : new Date(r.settled_at),
  outcome: r.outcome,
  settledBy: r.settled_by,
});

/** The approvals table: articles editors were asked about in approval mode, and what became of them. */
export class ApprovalsRepo {
  readonly #ask: Statement<[number, number, number | null]>;
  readonly #settle: Statement<[number, ApprovalOutcome, string, number]>;
  readonly #get: Statement<[number], Row>;
  readonly #expired: Statement<[number, number], Row>;

  constructor(db: Database) {
    this.#ask = db.prepare(
      "INSERT OR IGNORE INTO approvals (article_id, asked_at, deadline) VALUES (?, ?, ?)",
    );
    this.#settle = db.prepare(
      `UPDATE approvals SET settled_at = ?, outcome = ?, settled_by = ?
       WHERE article_id = ? AND settled_at IS NULL`,
    );
    this.#get = db.prepare("SELECT * FROM approvals WHERE article_id = ?");
    this.#expired = db.prepare(
      `SELECT * FROM approvals WHERE settled_at IS NULL AND deadline IS NOT NULL AND deadline <= ?
       ORDER BY deadline LIMIT ?`,
    );
  }

  /** Records that editors were asked about an article (once: a second ask changes nothing). */
  ask(articleId: number, at: Date, deadline: Date | null): void {
    this.#ask.run(articleId, at.getTime(), deadline?.getTime() ?? null);
  }

  /** Settles a waiting approval; false when there was none waiting (not asked, or settled). */
  settle(articleId: number, outcome: ApprovalOutcome, by: string, at: Date): boolean {
    return this.#settle.run(at.getTime(), outcome, by, articleId).changes > 0;
  }

  get(articleId: number): Approval | null {
    const row = this.#get.get(articleId);
    return row ? toApproval(row) : null;
  }

  /** Waiting approvals whose deadline has passed, the oldest first. */
  expired(now: Date, limit = 100): Approval[] {
    return this.#expired.all(now.getTime(), limit).map(toApproval);
  }
}
