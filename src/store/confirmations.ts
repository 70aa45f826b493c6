import type { Database, Statement } from "better-sqlite3";

/** What an editor asked for and must confirm: replayed as is once they answer « OUI ». */
export type PendingAction =
  | { kind: "publish"; articleId: number; force: boolean }
  | { kind: "schedule"; articleId: number; at: number }
  | { kind: "alert"; text: string };

export interface PendingConfirmation {
  editor: string;
  action: PendingAction;
  createdAt: Date;
  expiresAt: Date;
}

interface Row {
  editor: string;
  action: string;
  created_at: number;
  expires_at: number;
}

function parseAction(text: string): PendingAction | null {
  try {
    const a = JSON.parse(text) as Partial<PendingAction> & Record<string, unknown>;
    if (a.kind === "publish" && typeof a.articleId === "number") {
      return { kind: "publish", articleId: a.articleId, force: a.force === true };
    }
    if (a.kind === "schedule" && typeof a.articleId === "number" && typeof a.at === "number") {
      return { kind: "schedule", articleId: a.articleId, at: a.at };
    }
    if (a.kind === "alert" && typeof a.text === "string") return { kind: "alert", text: a.text };
  } catch {
    // A row written by a newer version: treated as nothing pending.
  }
  return null;
}

/** The pending_confirmations table: at most one question waiting per editor. */
export class ConfirmationsRepo {
  readonly #put: Statement<[{ editor: string; action: string; now: number; expires: number }]>;
  readonly #get: Statement<[string], Row>;
  readonly #delete: Statement<[string]>;

  constructor(db: Database) {
    this.#put = db.prepare(
      `INSERT INTO pending_confirmations (editor, action, created_at, expires_at)
       VALUES (@editor, @action, @now, @expires)
       ON CONFLICT (editor) DO UPDATE SET action = excluded.action,
         created_at = excluded.created_at, expires_at = excluded.expires_at`,
    );
    this.#get = db.prepare("SELECT * FROM pending_confirmations WHERE editor = ?");
    this.#delete = db.prepare("DELETE FROM pending_confirmations WHERE editor = ?");
  }

  /** Stores the editor's question, replacing any earlier one. */
  put(editor: string, action: PendingAction, now: Date, expiresAt: Date): void {
    this.#put.run({
      editor,
      action: JSON.stringify(action),
      now: now.getTime(),
      expires: expiresAt.getTime(),
    });
  }

  /** The editor's pending question (expired ones included: the caller says so), or null. */
  get(editor: string): PendingConfirmation | null {
    const row = this.#get.get(editor);
    if (!row) return null;
    const action = parseAction(row.action);
    if (!action) return null;
    return {
      editor: row.editor,
      action,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
    };
  }

  /** Forgets the editor's question (answered, declined or expired). */
  delete(editor: string): void {
    this.#delete.run(editor);
  }
}
