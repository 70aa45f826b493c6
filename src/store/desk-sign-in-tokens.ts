import type { Database, Statement } from "better-sqlite3";

export type SignInTokenKind = "code" | "link";

export interface SignInToken {
  hash: string;
  kind: SignInTokenKind;
  editor: string;
  createdAt: Date;
  expiresAt: Date;
}

interface Row {
  hash: string;
  kind: SignInTokenKind;
  editor: string;
  created_at: number;
  expires_at: number;
}

/** The desk_sign_in_tokens table: pending one-time codes and links, by hash. */
export class DeskSignInTokensRepo {
  readonly #db: Database;
  readonly #insert: Statement<[string, SignInTokenKind, string, number, number]>;
  readonly #get: Statement<[string], Row>;
  readonly #delete: Statement<[string]>;
  readonly #deleteCodes: Statement<[string]>;

  constructor(db: Database) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO desk_sign_in_tokens (hash, kind, editor, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.#get = db.prepare("SELECT * FROM desk_sign_in_tokens WHERE hash = ?");
    this.#delete = db.prepare("DELETE FROM desk_sign_in_tokens WHERE hash = ?");
    this.#deleteCodes = db.prepare(
      "DELETE FROM desk_sign_in_tokens WHERE editor = ? AND kind = 'code'",
    );
  }

  /** Stores a token. A new code replaces the editor's earlier ones: only the last one works. */
  put(t: {
    hash: string;
    kind: SignInTokenKind;
    editor: string;
    now: Date;
    expiresAt: Date;
  }): void {
    this.#db.transaction(() => {
      if (t.kind === "code") this.#deleteCodes.run(t.editor);
      this.#insert.run(t.hash, t.kind, t.editor, t.now.getTime(), t.expiresAt.getTime());
    })();
  }

  get(hash: string): SignInToken | null {
    const r = this.#get.get(hash);
    return r
      ? {
          hash: r.hash,
          kind: r.kind,
          editor: r.editor,
          createdAt: new Date(r.created_at),
          expiresAt: new Date(r.expires_at),
        }
      : null;
  }

  /** Uses a token up (a code or a link works once). */
  delete(hash: string): void {
    this.#delete.run(hash);
  }

  /** Forgets the editor's pending codes (signed in, or locked). */
  deleteCodes(editor: string): void {
    this.#deleteCodes.run(editor);
  }
}
