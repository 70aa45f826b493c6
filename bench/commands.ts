/**
 * Focused benchmark of the reader commands ("dernières", "lire N", "chercher deux mots"): the
 * in-process latency from an inbound message to its reply row, as `npm run bench` measures it,
 * but against a store seeded once and kept, so it can be re-run in seconds while tuning.
 *
 *   npx tsx bench/commands.ts                       # seeds /tmp/suivez-commands once, then runs
 *   npx tsx bench/commands.ts --rounds 5 --profile  # best of 5 rounds; time per repo method
 *   npx tsx bench/commands.ts --explain             # query plans of the hot statements
 *
 * Options: --articles N (100000) --subscribers N (100000) --messages N per round (2000)
 * --rounds N (3) --dir path (/tmp/suivez-commands) --fresh (new working copy of the seed)
 * --reseed (seed again) --dataset path (OrangeSum valid.jsonl); experiments on the connection:
 * --autocheckpoint N (WAL pages before a commit checkpoints; 0 = never; SQLite's default 1000),
 * --cache-mb N (page cache size).
 *
 * The seed is the one bench/run.ts builds (same articles, rubrics, times and subscribers) plus
 * the 100,000 sent alerts its fan-out and dispatch leave in the outbox before the commands run.
 * Rounds run on a working copy; new migrations apply to it when it is opened.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type App, openApp } from "../src/app/services.ts";
import { createBot } from "../src/bot/bot.ts";
import { loadConfig } from "../src/config.ts";
import { prepareArticle } from "../src/ingest/prepare.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import {
  chatOf,
  inboundFrom,
  percentile,
  SEARCH_QUERIES,
  seedArticles,
  seedReaders,
} from "./lib.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values: opts } = parseArgs({
  options: {
    articles: { type: "string", default: "100000" },
    subscribers: { type: "string", default: "100000" },
    messages: { type: "string", default: "2000" },
    rounds: { type: "string", default: "3" },
    dir: { type: "string", default: "/tmp/suivez-commands" },
    fresh: { type: "boolean", default: false },
    reseed: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
    autocheckpoint: { type: "string" },
    "cache-mb": { type: "string" },
    dataset: {
      type: "string",
      default: path.join(root, "../shared/datasets/orangesum/valid.jsonl"),
    },
  },
});
const N_ARTICLES = Number(opts.articles);
const N_SUBSCRIBERS = Number(opts.subscribers);
const N_MESSAGES = Number(opts.messages);
const ROUNDS = Number(opts.rounds);
const WARM_UP = Math.min(200, Math.floor(N_MESSAGES / 10));
const START = "2025-04-02T10:00:00Z";
const base = Date.parse("2024-01-01T00:00:00Z");

function open(dir: string, clock: ManualClock): App {
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", EDITORS: "+22376000000" });
  return openApp(config, { clock, log: silentLogger() });
}

/** The store bench/run.ts measures the commands against (see its seed()). */
function seed(dir: string): void {
  const texts = fs
    .readFileSync(opts.dataset, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { title: string; article: string });
  const app = open(dir, new ManualClock(START));
  const prepared = texts.map((t) =>
    prepareArticle({ title: t.title, body: t.article, origin: "bench" }, { summaryMaxChars: 280 }),
  );
  seedArticles(app, prepared, N_ARTICLES, base);
  // What the fan-out and the dispatch leave behind: one sent alert per subscriber.
  const sent = app.db.prepare(
    `INSERT INTO outbox (kind, priority, recipient, article_id, body, state, attempts, not_before,
       sent_at, transport_id, dedupe_key, created_at, updated_at)
     VALUES ('alert', 3, ?, ?, ?, 'sent', 1, ?, ?, ?, ?, ?, ?)`,
  );
  const now = Date.parse(START);
  const body = "x".repeat(600);
  seedReaders(app, N_SUBSCRIBERS, base, (i) =>
    sent.run(chatOf(i), N_ARTICLES, body, now, now + 60_000, `b${i}`, `alert:${i}`, now, now),
  );
  app.db.pragma("wal_checkpoint(TRUNCATE)");
  app.close();
}

/** Wraps every method of the repos the bot uses, to see where a command's time goes. */
function instrument(app: App, totals: Map<string, number>, current: { command: string }): void {
  const repos = {
    articles: app.articles,
    subscribers: app.subscribers,
    conversation: app.conversation,
    inbound: app.inbound,
    outbox: app.outbox,
    audit: app.audit,
  } as Record<string, object>;
  for (const [name, repo] of Object.entries(repos)) {
    const proto = Object.getPrototypeOf(repo) as Record<string, unknown>;
    for (const method of Object.getOwnPropertyNames(proto)) {
      const fn = proto[method];
      if (method === "constructor" || typeof fn !== "function") continue;
      (repo as Record<string, unknown>)[method] = (...a: unknown[]) => {
        const t = performance.now();
        try {
          return (fn as (...x: unknown[]) => unknown).apply(repo, a);
        } finally {
          const key = `${current.command} › ${name}.${method}`;
          const ms = performance.now() - t;
          totals.set(key, (totals.get(key) ?? 0) + ms);
          if (ms > 50) console.log(`  (${ms.toFixed(0)} ms in ${key})`);
        }
      };
    }
  }
}

function explain(app: App): void {
  const now = Date.parse(START);
  const show = (label: string, sql: string, params: object) => {
    const rows = app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[];
    console.log(`\n${label}\n${rows.map((r) => `  ${r.detail}`).join("\n")}`);
  };
  show(
    "latest",
    `SELECT * FROM articles WHERE status = 'published' AND published_at <= @now
     ORDER BY published_at DESC, id DESC LIMIT 5`,
    { now },
  );
  show(
    "search (before: join, bm25 over every match)",
    `SELECT a.* FROM articles_fts f JOIN articles a ON a.id = f.rowid
     WHERE articles_fts MATCH @match AND a.status = 'published' AND a.published_at <= @now
     ORDER BY bm25(articles_fts, 8.0, 3.0, 1.0, 2.0), a.published_at DESC LIMIT 5`,
    { match: '"gouvernement"* AND "ministre"*', now },
  );
  show(
    "search (now: the newest matches only, then each by id)",
    `SELECT a.id, a.title, a.categories, a.published_at
     FROM (SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH @match
           ORDER BY rowid DESC LIMIT 100) AS m
     CROSS JOIN articles a ON a.id = m.id
     WHERE a.status = 'published' AND a.published_at <= @now`,
    { match: '("gouvernement" OR "gouvernements") AND ("ministre" OR "ministres")', now },
  );
  const fts = app.db.prepare(
    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
  ) as unknown as { pluck(): { get(m: string): number } };
  for (const q of ["sahel russie", "gouvernement ministre", "football match", "police enquête"]) {
    const m = q
      .split(" ")
      .map((w) => `"${w.normalize("NFD").replace(/\p{M}/gu, "")}"*`)
      .join(" AND ");
    console.log(`matches for "${q}": ${fts.pluck().get(m)}`);
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const seedDir = path.join(opts.dir, `seed-${N_ARTICLES}-${N_SUBSCRIBERS}`);
  const workDir = path.join(opts.dir, `work-${N_ARTICLES}-${N_SUBSCRIBERS}`);
  const seedFile = path.join(seedDir, "suivez.db");
  if (opts.reseed || !fs.existsSync(seedFile)) {
    fs.rmSync(seedDir, { recursive: true, force: true });
    fs.mkdirSync(seedDir, { recursive: true });
    const t = performance.now();
    console.error(`seeding ${N_ARTICLES} articles, ${N_SUBSCRIBERS} subscribers in ${seedDir} …`);
    seed(seedDir);
    console.error(`  seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  if (opts.fresh || opts.reseed || !fs.existsSync(path.join(workDir, "suivez.db"))) {
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.mkdirSync(workDir, { recursive: true });
    fs.copyFileSync(seedFile, path.join(workDir, "suivez.db"));
  }

  const clock = new ManualClock(START);
  const t0 = performance.now();
  const app = open(workDir, clock);
  console.error(`opened (migrations included) in ${(performance.now() - t0).toFixed(0)} ms`);
  if (opts.explain) explain(app);
  // Experiments on the connection's settings (src/store/database.ts owns the defaults).
  if (opts.autocheckpoint) app.db.pragma(`wal_autocheckpoint = ${Number(opts.autocheckpoint)}`);
  if (opts["cache-mb"]) app.db.pragma(`cache_size = -${Number(opts["cache-mb"]) * 1024}`);

  const totals = new Map<string, number>();
  const current = { command: "" };
  if (opts.profile) instrument(app, totals, current);
  const transport = { resolvePhones: async () => new Map<string, string | null>() };
  const bot = createBot(app, { backend: app.delivery.desk, transport, via: "bench" });
  // Unique per process: the working copy keeps the ids handled by earlier runs.
  const run = Date.now().toString(36);
  const say = inboundFrom(clock, `bench-${run}`);
  const words = SEARCH_QUERIES;
  const names = ["dernières", "lire N", "chercher deux mots", "chercher 12 lettres"] as const;
  const best = new Map<string, { p50: number; p99: number; max: number }>();
  const slowest: { ms: number; what: string }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const samples = new Map<string, number[]>(names.map((n) => [n, []]));
    for (let i = 0; i < N_MESSAGES; i++) {
      const sender = (round * 7919 + i * 37) % N_SUBSCRIBERS;
      clock.advance(1000);
      for (const [name, text] of [
        ["dernières", "dernières"],
        ["lire N", `lire ${1 + (i % 5)}`],
        ["chercher deux mots", `chercher ${words[i % words.length]}`],
        // Red team D12: twelve single letters took 1.35 s at 100,000 articles.
        ["chercher 12 lettres", "chercher e d p l s c m a t r b f"],
      ] as const) {
        current.command = name;
        const t = performance.now();
        const outcome = await bot.handle(say(sender, text));
        const ms = performance.now() - t;
        samples.get(name)?.push(ms);
        if (i >= WARM_UP && ms > 10) slowest.push({ ms, what: `round ${round} #${i} ${text}` });
        if (outcome !== "handled") throw new Error(`${name}: ${outcome}`);
      }
    }
    const line: string[] = [];
    for (const [name, list] of samples) {
      const sorted = list.slice(WARM_UP).sort((a, b) => a - b);
      const r = {
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? 0,
      };
      const b = best.get(name);
      if (!b || r.p99 < b.p99) best.set(name, r);
      line.push(`${name} p50 ${r.p50.toFixed(3)} p99 ${r.p99.toFixed(3)} max ${r.max.toFixed(1)}`);
    }
    const t = performance.now();
    const [wal] = app.db.pragma("wal_checkpoint(PASSIVE)") as {
      log: number;
      checkpointed: number;
    }[];
    const checkpoint = `checkpoint ${wal?.log ?? 0} WAL pages: ${(performance.now() - t).toFixed(1)} ms`;
    console.log(`round ${round}: ${line.join(" | ")} (ms); ${checkpoint}`);
  }
  console.log(
    `\nbest of ${ROUNDS} rounds × ${N_MESSAGES} messages (first ${WARM_UP} are warm-up):`,
  );
  for (const [name, r] of best) {
    console.log(
      `  ${name.padEnd(20)} p50 ${r.p50.toFixed(3).padStart(8)} ms   p99 ${r.p99.toFixed(3).padStart(8)} ms   max ${r.max.toFixed(2).padStart(8)} ms`,
    );
  }
  if (slowest.length > 0) {
    console.log(`\nmessages over 10 ms after warm-up: ${slowest.length}; slowest:`);
    for (const s of slowest.sort((a, b) => b.ms - a.ms).slice(0, 8)) {
      console.log(`  ${s.ms.toFixed(1).padStart(7)} ms  ${s.what}`);
    }
  }
  if (opts.profile) {
    const per = ROUNDS * N_MESSAGES;
    console.log("\nmean time per message inside repo methods (µs):");
    for (const [key, ms] of [...totals].sort((a, b) => b[1] - a[1])) {
      console.log(`  ${((ms / per) * 1000).toFixed(1).padStart(9)}  ${key}`);
    }
  }
  app.close();
}

await main();
