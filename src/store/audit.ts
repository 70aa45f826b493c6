import type { Database, Statement } from "better-sqlite3";

export type AuditOutcome = "ok" | "refused" | "error";

export interface AuditEntry {
  /** The editor's E.164 number, or a masked sender id for a refusal. */
  actor: string;
  via: "whatsapp" | "cli" | "simulator" | string;
  /** What was attempted: "publish", "alert", "preview", "pause", "resume", "stats", … */
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  detail?: string | null;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: number;
  at: Date;
}

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  via: string;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  detail: string | null;
}

/** The audit table: every editor action and every refusal of one, append-only. */
export class AuditRepo {
  readonly #db: Database;
  readonly #record: Statement<
    [number, string, string, string, string | null, AuditOutcome, string | null]
  >;

  constructor(db: Database) {
    this.#db = db;
    this.#record = db.prepare(
      `INSERT INTO audit (at, actor, via, action, target, outcome, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Appends one entry; long texts (an alert) are kept up to 1,000 characters. */
  record(entry: AuditEntry, now: Date): number {
    const clip = (s: string | null | undefined) => (s == null ? null : s.slice(0, 1000));
    return Number(
      this.#record.run(
        now.getTime(),
        entry.actor,
        entry.via,
        entry.action,
        clip(entry.target),
        entry.outcome,
        clip(entry.detail),
      ).lastInsertRowid,
    );
  }

  /** The most recent entries first. */
  recent(limit = 50): AuditRecord[] {
    return this.#db
      .prepare<[number], AuditRow>("SELECT * FROM audit ORDER BY id DESC LIMIT ?")
      .all(limit)
      .map((r) => ({ ...r, at: new Date(r.at) }));
  }
}
