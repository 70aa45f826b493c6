import type { Database } from "better-sqlite3";
import { fold } from "../../src/lib/fold.ts";

export interface ReaderSeed {
  chatId: string;
  language?: "fr" | "en";
  optedIn?: boolean;
  stopped?: boolean;
  unreachable?: boolean;
  mode?: "instant" | "daily";
  digestTime?: string | null;
  lastDigestAt?: Date | null;
  follows?: string[];
}

/** Writes readers straight into the subscribers and follows tables (as the bot would have). */
export function addReaders(db: Database, readers: ReaderSeed[], now: Date): void {
  const insert = db.prepare(
    `INSERT INTO subscribers (chat_id, language, opted_in_at, stopped_at, mode, digest_time,
       last_digest_at, unreachable_at, first_seen_at, last_seen_at)
     VALUES (@chatId, @language, @optedIn, @stopped, @mode, @digestTime, @lastDigestAt,
       @unreachable, @now, @now)`,
  );
  const follow = db.prepare(
    `INSERT INTO follows (subscriber_id, category_key, created_at)
     SELECT id, ?, ? FROM subscribers WHERE chat_id = ?`,
  );
  db.transaction(() => {
    const t = now.getTime();
    for (const r of readers) {
      insert.run({
        chatId: r.chatId,
        language: r.language ?? "fr",
        optedIn: r.optedIn === false ? null : t,
        stopped: r.stopped ? t : null,
        unreachable: r.unreachable ? t : null,
        mode: r.mode ?? "instant",
        digestTime: r.digestTime ?? null,
        lastDigestAt: r.lastDigestAt ? r.lastDigestAt.getTime() : null,
        now: t,
      });
      for (const rubric of r.follows ?? []) follow.run(fold(rubric), t, r.chatId);
    }
  })();
}

/** A Malian-looking chat id for reader number `n`. */
export function chat(n: number): string {
  return `223700${String(n).padStart(5, "0")}@c.us`;
}
