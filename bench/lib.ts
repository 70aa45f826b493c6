/** What the benchmarks share: reader ids, a transport that only counts, percentiles, seeding. */

import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDispatcher } from "../src/app/delivery.ts";
import type { App } from "../src/app/services.ts";
import type { Dispatcher } from "../src/dispatcher/dispatcher.ts";
import type { PreparedArticle } from "../src/domain/article.ts";
import type { Clock } from "../src/lib/clock.ts";
import { fold } from "../src/lib/fold.ts";
import type { InboundMessage, SendResult, Transport } from "../src/transport/transport.ts";

/** Two-word searches readers of a West African French-language newsroom might type. */
export const SEARCH_QUERIES = [
  "sahel russie",
  "gouvernement ministre",
  "football match",
  "police enquête",
  "élection présidentielle",
  "économie croissance",
];

/** The chat id of the i-th simulated reader. */
export const chatOf = (i: number) => `2237${String(i).padStart(7, "0")}@c.us`;

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * This process's own peak resident memory, in MB. Not `process.resourceUsage().maxRSS`: on
 * Linux a child's maxRSS starts at the RSS of the parent it was forked from (the kernel keeps
 * the parent's high-water mark across exec), so a measure spawned by a bench that had just
 * seeded 100,000 articles read 171 MB where it peaked at 153. VmHWM is the high-water mark of
 * this process's own memory since exec; elsewhere than Linux, maxRSS is all there is.
 */
export function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Math.round(Number(kb) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Counts sends and keeps nothing: 100,000 sent messages must not be measured as memory. */
export class CountingTransport implements Transport {
  readonly name = "bench";
  sent = 0;
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  isUp(): boolean {
    return true;
  }
  async send(): Promise<SendResult> {
    this.sent++;
    return { transportId: `b${this.sent}` };
  }
  async resolvePhones(ids: readonly string[]): Promise<Map<string, string | null>> {
    return new Map(ids.map((id) => [id, null]));
  }
}

const RUBRICS = ["Politique", "Économie", "Société", "Sport", "Culture", "International"];

/**
 * `count` published articles, cycling through `prepared` (real text, cleaned and summarised
 * once) with numbered titles, a minute apart from `base`, in six rubrics, already announced.
 */
export function seedArticles(
  app: App,
  prepared: readonly PreparedArticle[],
  count: number,
  base: number,
): void {
  const insert = app.db.prepare(
    `INSERT INTO articles (guid, url, title_key, title, categories, author, dateline, published_at,
       status, body, blocks, key_points, summary, image, content_hash, origin, announced_at,
       created_at, updated_at)
     VALUES (@guid, NULL, @key, @title, @categories, NULL, NULL, @at, 'published', @body, '[]',
       '[]', @summary, NULL, @hash, 'bench', @at, @at, @at)`,
  );
  const category = app.db.prepare(
    "INSERT INTO article_categories (article_id, category_key) VALUES (?, ?)",
  );
  app.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const p = prepared[i % prepared.length];
      if (!p) continue;
      const rubric = RUBRICS[i % RUBRICS.length] ?? "Politique";
      const id = insert.run({
        guid: `bench-${i}`,
        key: `bench-${i}`,
        title: `${p.title} (${i})`,
        categories: JSON.stringify([rubric]),
        at: base + i * 60_000,
        body: p.bodyText,
        summary: p.summary,
        hash: String(i),
      }).lastInsertRowid;
      category.run(id, fold(rubric));
    }
  })();
}

/**
 * `count` opted-in readers in instant mode following « politique » (one in ten in English);
 * `each(i)` runs inside the same transaction, for whatever else a bench needs per reader.
 */
export function seedReaders(app: App, count: number, at: number, each?: (i: number) => void): void {
  const sub = app.db.prepare(
    `INSERT INTO subscribers (chat_id, language, opted_in_at, mode, first_seen_at, last_seen_at)
     VALUES (?, ?, ?, 'instant', ?, ?)`,
  );
  const follow = app.db.prepare(
    "INSERT INTO follows (subscriber_id, category_key, created_at) VALUES (?, 'politique', ?)",
  );
  app.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = sub.run(chatOf(i), i % 10 === 0 ? "en" : "fr", at, at, at).lastInsertRowid;
      follow.run(id, at);
      each?.(i);
    }
  })();
}

/**
 * A dispatcher with pacing off (no rate, no gap, no jitter, no waiting): the loop's own speed.
 * An infinite rate, not a huge one: the pacer counts on the monotonic clock, which a manual
 * clock never moves, so even microsecond gaps would add up to a wait that never ends.
 */
export function unpacedDispatcher(app: App, transport: Transport): Dispatcher {
  const policy = {
    ...app.delivery.policy,
    ratePerMinute: Number.POSITIVE_INFINITY,
    minGapPerChatMs: 0,
    jitter: 0,
    replyBurst: 1e9,
  };
  return createDispatcher(app, { ...app.delivery, policy }, transport, { sleep: async () => {} });
}

/** Inbound text messages from reader `sender`, each with a new id (prefix: unique per run). */
export function inboundFrom(clock: Clock, prefix: string) {
  let n = 0;
  return (sender: number, text: string): InboundMessage => ({
    id: `${prefix}-${n++}`,
    chatId: chatOf(sender),
    senderId: chatOf(sender),
    text,
    kind: "text",
    isGroup: false,
    timestamp: clock.now(),
  });
}

/**
 * Starts the local fake of Meta's API (bench/cloud-fake.ts) in its own process, compiled or
 * through tsx like the caller; resolves with its address once it listens.
 */
export async function startCloudFake(): Promise<{ process: ChildProcess; base: string }> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const compiled = import.meta.url.endsWith(".js");
  const fake = spawn(
    process.execPath,
    compiled
      ? [path.join(here, "cloud-fake.js")]
      : ["--import", "tsx", path.join(here, "cloud-fake.ts")],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    fake.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /port=(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    fake.once("exit", (code) => reject(new Error(`fake API exited (${code})`)));
  });
  return { process: fake, base: `http://127.0.0.1:${port}` };
}
