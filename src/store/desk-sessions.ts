import type { Database, Statement } from "better-sqlite3";

/** An open desk session, found by the hash of the id its cookie carries. */
export interface DeskSession {
  idHash: string;
  editor: string;
  csrf: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

interface Row {
  id_hash: string;
  editor: string;
  csrf: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

const session = (r: Row): DeskSession => ({
  idHash: r.id_hash,
  editor: r.editor,
  csrf: r.csrf,
  createdAt: new Date(r.created_at),
  lastSeenAt: new Date(r.last_seen_at),
  expiresAt: new Date(r.expires_at),
});

/** The desk_sessions table: web desk sessions (hashed ids), one row each. */
export class DeskSessionsRepo {
  readonly #insert: Statement<[string, string, string, number, number, number]>;
  readonly #get: Statement<[string, number], Row>;
  readonly #touch: Statement<[number, number, string]>;
  readonly #delete: Statement<[string]>;
  readonly #prune: Statement<[number]>;

  constructor(db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO desk_sessions (id_hash, editor, csrf, created_at, last_seen_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.#get = db.prepare("SELECT * FROM desk_sessions WHERE id_hash = ? AND expires_at > ?");
    this.#touch = db.prepare(
      "UPDATE desk_sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?",
    );
    this.#delete = db.prepare("DELETE FROM desk_sessions WHERE id_hash = ?");
    this.#prune = db.prepare("DELETE FROM desk_sessions WHERE expires_at <= ?");
  }

  create(s: { idHash: string; editor: string; csrf: string; now: Date; expiresAt: Date }): void {
    this.#insert.run(
      s.idHash,
      s.editor,
      s.csrf,
      s.now.getTime(),
      s.now.getTime(),
      s.expiresAt.getTime(),
    );
  }

  /** The live session with this id hash, or null (unknown or expired). */
  get(idHash: string, now: Date): DeskSession | null {
    const row = this.#get.get(idHash, now.getTime());
    return row ? session(row) : null;
  }

  /** Slides the session's end (an editor at work stays signed in). */
  touch(idHash: string, now: Date, expiresAt: Date): void {
    this.#touch.run(now.getTime(), expiresAt.getTime(), idHash);
  }

  delete(idHash: string): void {
    this.#delete.run(idHash);
  }

  /** Forgets expired sessions; how many. */
  prune(now: Date): number {
    return this.#prune.run(now.getTime()).changes;
  }
}
