import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDispatcher } from "../../src/app/delivery.ts";
import { type App, openApp } from "../../src/app/services.ts";
import { loadConfig } from "../../src/config.ts";
import { clockSleep, type Dispatcher } from "../../src/dispatcher/dispatcher.ts";
import type { ArticleInput } from "../../src/domain/article.ts";
import { prepareArticle } from "../../src/ingest/prepare.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { seededRandom } from "../../src/lib/random.ts";
import { silentLogger } from "../../src/log.ts";
import { MemoryTransport } from "../../src/transport/memory.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/delivery");

type FixtureArticle = ArticleInput & { key: string };

/** The newsroom's sample articles (French copy), by key: aes, coton, aigles, paludisme. */
export function fixtureArticle(key: string): FixtureArticle {
  const all = JSON.parse(fs.readFileSync(path.join(fixtures, "articles.json"), "utf8")) as Omit<
    FixtureArticle,
    "origin"
  >[];
  const found = all.find((a) => a.key === key);
  if (!found) throw new Error(`no fixture article ${key}`);
  return { ...found, origin: `tests/fixtures/delivery/articles.json#${key}` };
}

export interface Harness {
  app: App;
  clock: ManualClock;
  transport: MemoryTransport;
  dispatcher: Dispatcher;
  /** Stores a fixture article as ingestion would; returns its id. */
  addArticle(
    key: string,
    options?: { publishedAt?: Date; status?: "published" | "draft"; known?: boolean },
  ): number;
}

/**
 * A newsroom in Bamako on 2 April 2025 at 09:00, with a Channel, the real migrations in
 * memory, a ManualClock, the memory transport and a dispatcher whose waits move the clock.
 */
export async function harness(
  options: { env?: Record<string, string>; start?: string; seed?: number } = {},
): Promise<Harness> {
  const clock = new ManualClock(options.start ?? "2025-04-02T09:00:00Z");
  const config = loadConfig({
    DATABASE_PATH: ":memory:",
    TZ: "Africa/Bamako",
    CHANNEL_ID: "120363000000000000@newsletter",
    SEND_RATE_PER_MINUTE: "12",
    MIN_GAP_PER_CHAT_SECONDS: "3",
    ...options.env,
  });
  const app = openApp(config, { clock, log: silentLogger() });
  const transport = new MemoryTransport({ now: () => clock.now() });
  await transport.start({ onMessage: () => {}, onStatus: () => {} });
  const dispatcher = createDispatcher(app, app.delivery, transport, {
    random: seededRandom(options.seed ?? 7),
    sleep: clockSleep(clock),
  });
  return {
    app,
    clock,
    transport,
    dispatcher,
    addArticle(key, o = {}) {
      const input = fixtureArticle(key);
      const prepared = prepareArticle(
        { ...input, publishedAt: o.publishedAt ?? clock.now(), status: o.status ?? "published" },
        { summaryMaxChars: config.summaryMaxChars },
      );
      return app.articles.upsert(prepared, clock.now(), { known: o.known ?? false }).id;
    },
  };
}
