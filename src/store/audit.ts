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

/** What the desk's journal filters by; every field optional. */
export interface AuditFilter {
  /** Digits the actor's number ends with (an editor types the last digits they know). */
  actorEndsWith?: string | undefined;
  via?: string | undefined;
  /** An action, or the start of one ("desk-" finds every sign-in step). */
  action?: string | undefined;
  /** `[from, to)` in Unix time. */
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset pagination: entries older than this id. */
  beforeId?: number | undefined;
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

  /**
   * One page of the journal, newest first, filtered; `limit + 1` rows are read so the caller
   * knows whether an older page exists. Keyset pagination (by id) keeps each page one index
   * range however deep the editor goes; `LIKE` patterns escape the editor's own % and _.
   */
  search(filter: AuditFilter, limit: number): { entries: AuditRecord[]; more: boolean } {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: limit + 1 };
    const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
    if (filter.actorEndsWith) {
      where.push("actor LIKE @actor ESCAPE '\\'");
      params.actor = `%${like(filter.actorEndsWith)}`;
    }
    if (filter.via) {
      where.push("via = @via");
      params.via = filter.via;
    }
    if (filter.action) {
      where.push("action LIKE @action ESCAPE '\\'");
      params.action = `${like(filter.action)}%`;
    }
    if (filter.from) {
      where.push("at >= @from");
      params.from = filter.from.getTime();
    }
    if (filter.to) {
      where.push("at < @to");
      params.to = filter.to.getTime();
    }
    if (filter.beforeId) {
      where.push("id < @before");
      params.before = filter.beforeId;
    }
    const rows = this.#db
      .prepare<Record<string, string | number>, AuditRow>(
        `SELECT * FROM audit ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY id DESC LIMIT @limit`,
      )
      .all(params);
    return {
      entries: rows.slice(0, limit).map((r) => ({ ...r, at: new Date(r.at) })),
      more: rows.length > limit,
    };
  }
}
