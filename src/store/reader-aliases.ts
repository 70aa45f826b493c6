import type { Database, Statement } from "better-sqlite3";

/**
 * Other ids a reader is known by (a business-scoped user id from Meta's webhooks), each mapped
 * to the reader's chat id: a reader whose phone number disappears from the webhooks keeps their
 * subscriptions, language and history.
 */
export class ReaderAliasesRepo {
  readonly #set: Statement<[string, string, number]>;
  readonly #get: Statement<[string], string>;
  readonly #aliases: Statement<[string], string>;
  readonly #erase: Statement<[string]>;

  constructor(db: Database) {
    this.#set = db.prepare(
      `INSERT INTO reader_aliases (alias, chat_id, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (alias) DO NOTHING`,
    );
    this.#get = db
      .prepare("SELECT chat_id FROM reader_aliases WHERE alias = ?")
      .pluck() as Statement<[string], string>;
    this.#aliases = db
      .prepare("SELECT alias FROM reader_aliases WHERE chat_id = ?")
      .pluck() as Statement<[string], string>;
    this.#erase = db.prepare("DELETE FROM reader_aliases WHERE chat_id = ?");
  }

  /** Remembers that `alias` is `chatId`; the first mapping stays (a reader keeps one key). */
  remember(alias: string, chatId: string, now: Date): void {
    this.#set.run(alias, chatId, now.getTime());
  }

  /** The chat id behind an alias, or null. */
  chatIdOf(alias: string): string | null {
    return this.#get.get(alias) ?? null;
  }

  /** Every alias of one reader. */
  aliasesOf(chatId: string): string[] {
    return this.#aliases.all(chatId);
  }

  /** « supprimer mes données »: the aliases go with the reader. */
  erase(chatId: string): number {
    return this.#erase.run(chatId).changes;
  }
}
