import type { Database } from "better-sqlite3";
import type { SubscribersRepo } from "../../src/store/subscribers.ts";

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

/**
 * Adds readers through the subscribers repo, as the conversation would have: each one wrote,
 * then subscribed, chose a language, a mode and rubrics, and maybe stopped later.
 */
export function addReaders(
  app: { db: Database; subscribers: SubscribersRepo },
  readers: ReaderSeed[],
  now: Date,
): void {
  const { subscribers } = app;
  app.db.transaction(() => {
    for (const r of readers) {
      const { subscriber } = subscribers.touch(r.chatId, now, r.language ?? "fr");
      if (r.optedIn !== false) subscribers.subscribe(r.chatId, now);
      if (r.mode === "daily" || r.digestTime) {
        subscribers.setMode(r.chatId, r.mode ?? "daily", r.digestTime ?? null);
      }
      for (const rubric of r.follows ?? []) subscribers.follow(r.chatId, rubric, now);
      if (r.lastDigestAt) subscribers.markDigest(subscriber.id, r.lastDigestAt);
      if (r.unreachable) subscribers.recordPermanentFailure(r.chatId, now, 1);
      if (r.stopped) subscribers.stop(r.chatId, now);
    }
  })();
}

/** A Malian-looking chat id for reader number `n`. */
export function chat(n: number): string {
  return `223700${String(n).padStart(5, "0")}@c.us`;
}
