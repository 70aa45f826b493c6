import type { Database, Statement } from "better-sqlite3";

/** Where one number stands: wrong codes in a row, a lock, codes sent in the current window. */
export interface SignInAttempts {
  failures: number;
  lockedUntil: Date | null;
  codesSent: number;
  codesSince: Date;
}

interface Row {
  editor: string;
  failures: number;
  locked_until: number | null;
  codes_sent: number;
  codes_since: number;
}

/** The desk_sign_in_attempts table: wrong codes and codes sent, per number. */
export class DeskSignInAttemptsRepo {
  readonly #get: Statement<[string], Row>;
  readonly #upsert: Statement<[string, number, number | null, number, number]>;
  readonly #clearFailures: Statement<[string]>;

  constructor(db: Database) {
    this.#get = db.prepare("SELECT * FROM desk_sign_in_attempts WHERE editor = ?");
    this.#upsert = db.prepare(
      `INSERT INTO desk_sign_in_attempts (editor, failures, locked_until, codes_sent, codes_since)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (editor) DO UPDATE SET failures = excluded.failures,
         locked_until = excluded.locked_until, codes_sent = excluded.codes_sent,
         codes_since = excluded.codes_since`,
    );
    this.#clearFailures = db.prepare(
      "UPDATE desk_sign_in_attempts SET failures = 0, locked_until = NULL WHERE editor = ?",
    );
  }

  get(editor: string): SignInAttempts {
    const r = this.#get.get(editor);
    return r
      ? {
          failures: r.failures,
          lockedUntil: r.locked_until === null ? null : new Date(r.locked_until),
          codesSent: r.codes_sent,
          codesSince: new Date(r.codes_since),
        }
      : { failures: 0, lockedUntil: null, codesSent: 0, codesSince: new Date(0) };
  }

  put(editor: string, a: SignInAttempts): void {
    this.#upsert.run(
      editor,
      a.failures,
      a.lockedUntil?.getTime() ?? null,
      a.codesSent,
      a.codesSince.getTime(),
    );
  }

  /** A right code: the wrong ones before it no longer count. */
  clearFailures(editor: string): void {
    this.#clearFailures.run(editor);
  }
}
