import type { Database, Statement } from "better-sqlite3";

/** What the reader has on screen: the menu, a numbered list of articles, or the rubrics. */
export type ConversationContext =
  | { kind: "menu"; items: []; updatedAt: Date }
  | { kind: "articles"; items: number[]; updatedAt: Date }
  | { kind: "rubrics"; items: string[]; updatedAt: Date };

type NewContext =
  | { kind: "menu" }
  | { kind: "articles"; items: number[] }
  | { kind: "rubrics"; items: string[] };

interface ContextRow {
  kind: ConversationContext["kind"];
  items: string;
  updated_at: number;
}

/** Per-chat memory of the last numbered thing shown, so "2" or "lire 2" means its item 2. */
export class ConversationRepo {
  readonly #remember: Statement<[string, string, string, number]>;
  readonly #recall: Statement<[string], ContextRow>;

  constructor(db: Database) {
    this.#remember = db.prepare(
      `INSERT INTO conversation_context (chat_id, kind, items, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (chat_id) DO UPDATE SET kind = excluded.kind, items = excluded.items,
         updated_at = excluded.updated_at`,
    );
    this.#recall = db.prepare(
      "SELECT kind, items, updated_at FROM conversation_context WHERE chat_id = ?",
    );
  }

  /** Remembers what was just shown to a chat (replacing what was there). */
  remember(chatId: string, context: NewContext, now: Date): void {
    const items = context.kind === "menu" ? [] : context.items;
    this.#remember.run(chatId, context.kind, JSON.stringify(items), now.getTime());
  }

  /** The last context shown, or null if none or older than `maxAgeMs`. */
  recall(chatId: string, now: Date, maxAgeMs: number): ConversationContext | null {
    const row = this.#recall.get(chatId);
    if (!row || now.getTime() - row.updated_at > maxAgeMs) return null;
    const updatedAt = new Date(row.updated_at);
    const items = JSON.parse(row.items) as unknown[];
    if (row.kind === "articles") {
      return { kind: "articles", items: items.filter((x) => typeof x === "number"), updatedAt };
    }
    if (row.kind === "rubrics") {
      return { kind: "rubrics", items: items.filter((x) => typeof x === "string"), updatedAt };
    }
    return { kind: "menu", items: [], updatedAt };
  }
}
