import type { Database, Statement } from "better-sqlite3";

/** One day's totals: alerts and digests claimed, long-silent readers contacted. */
export interface DailyTotals {
  messages: number;
  cold: number;
}

/**
 * The daily_sends table (migration 016): per local day and reader, how many alerts and
 * digests were handed to the transport, and whether the reader was long silent then.
 */
export class DailySendsRepo {
  readonly #totals: Statement<[string], { messages: number | null; cold: number | null }>;
  readonly #has: Statement<[string, string], { cold: number }>;
  readonly #add: Statement<[{ day: string; chat: string; cold: number }]>;
  readonly #prune: Statement<[string]>;

  constructor(db: Database) {
    this.#totals = db.prepare(
      "SELECT sum(messages) AS messages, sum(cold) AS cold FROM daily_sends WHERE day = ?",
    );
    this.#has = db.prepare("SELECT cold FROM daily_sends WHERE day = ? AND chat_id = ?");
    this.#add = db.prepare(
      `INSERT INTO daily_sends (day, chat_id, messages, cold) VALUES (@day, @chat, 1, @cold)
       ON CONFLICT (day, chat_id) DO UPDATE SET messages = messages + 1`,
    );
    this.#prune = db.prepare("DELETE FROM daily_sends WHERE day < ?");
  }

  totals(day: string): DailyTotals {
    const row = this.#totals.get(day);
    return { messages: row?.messages ?? 0, cold: row?.cold ?? 0 };
  }

  /** Whether this reader already got a message that day (then it is not a first one). */
  contacted(day: string, chatId: string): boolean {
    return this.#has.get(day, chatId) !== undefined;
  }

  /** One more alert or digest to this reader that day; `cold` counts on the first only. */
  add(day: string, chatId: string, cold: boolean): void {
    this.#add.run({ day, chat: chatId, cold: cold ? 1 : 0 });
  }

  /** Forgets days before `day` (YYYY-MM-DD); returns how many rows. */
  prune(day: string): number {
    return this.#prune.run(day).changes;
  }
}
