/**
 * `npm run bench`: the bot's own speed and memory, measured the same way every time, each figure
 * beside its limit or target. A few minutes on 2 cores. Prints a table; `--json` prints JSON
 * instead; results are also written to bench/results.json.
 *
 * Options: --articles N (100000) --subscribers N (100000) --ingest N (2000) --keep (keep the
 * temporary store) --dataset path (OrangeSum valid.jsonl, the source of real French text).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type App, openApp } from "../src/app.ts";
import { createBot } from "../src/bot/bot.ts";
import { ManualClock } from "../src/clock.ts";
import { loadConfig } from "../src/config.ts";
import { createDispatcher } from "../src/delivery/delivery.ts";
import { silentLogger } from "../src/log.ts";
import { Ingest } from "../src/news/ingest.ts";
import { prepareArticle } from "../src/news/prepare.ts";
import type { InboundMessage, SendResult, Transport } from "../src/transport/transport.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values: opts } = parseArgs({
  options: {
    articles: { type: "string", default: "100000" },
    subscribers: { type: "string", default: "100000" },
    ingest: { type: "string", default: "2000" },
    json: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    dataset: {
      type: "string",
      default: path.join(root, "../shared/datasets/orangesum/valid.jsonl"),
    },
  },
});
const N_ARTICLES = Number(opts.articles);
const N_SUBSCRIBERS = Number(opts.subscribers);
const N_INGEST = Number(opts.ingest);
const log = (line: string) => {
  if (!opts.json) process.stderr.write(`${line}\n`);
};

interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The physical limit or target it is compared with, and whether higher is better. */
  target?: { value: number; better: "higher" | "lower"; label: string };
  note?: string;
}
const figures: Figure[] = [];

/** Real French text: OrangeSum articles, or a generated stand-in when the dataset is absent. */
function corpus(): { title: string; article: string }[] {
  if (fs.existsSync(opts.dataset)) {
    return fs
      .readFileSync(opts.dataset, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { title: string; article: string });
  }
  log(`(${opts.dataset} absent : texte généré à la place)`);
  const sentence =
    "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso effectuent une visite officielle en Russie. ";
  return Array.from({ length: 200 }, (_, i) => ({
    title: `Article de test numéro ${i} sur la coopération régionale`,
    article: sentence.repeat(20),
  }));
}

/** Counts sends; keeps nothing (a 100,000-message drain must not be measured as memory). */
class CountingTransport implements Transport {
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

function time<T>(fn: () => T): { ms: number; result: T } {
  const t = performance.now();
  const result = fn();
  return { ms: performance.now() - t, result };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const chatOf = (i: number) => `2237${String(i).padStart(7, "0")}@c.us`;

/** Fills the store with articles (real text, prepared once, varied titles) and subscribers. */
function seed(app: App, texts: { title: string; article: string }[]): void {
  const prepared = texts.map((t) =>
    prepareArticle({ title: t.title, body: t.article, origin: "bench" }, { summaryMaxChars: 280 }),
  );
  const rubrics = ["Politique", "Économie", "Société", "Sport", "Culture", "International"];
  const base = Date.parse("2024-01-01T00:00:00Z");
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
    for (let i = 0; i < N_ARTICLES; i++) {
      const p = prepared[i % prepared.length];
      if (!p) continue;
      const rubric = rubrics[i % rubrics.length] ?? "Politique";
      const title = `${p.title} (${i})`;
      const id = insert.run({
        guid: `bench-${i}`,
        key: `bench-${i}`,
        title,
        categories: JSON.stringify([rubric]),
        at: base + i * 60_000,
        body: p.bodyText,
        summary: p.summary,
        hash: String(i),
      }).lastInsertRowid;
      category.run(id, rubric.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase());
    }
  })();
  const sub = app.db.prepare(
    `INSERT INTO subscribers (chat_id, language, opted_in_at, mode, first_seen_at, last_seen_at)
     VALUES (?, ?, ?, 'instant', ?, ?)`,
  );
  const follow = app.db.prepare(
    "INSERT INTO follows (subscriber_id, category_key, created_at) VALUES (?, 'politique', ?)",
  );
  app.db.transaction(() => {
    for (let i = 0; i < N_SUBSCRIBERS; i++) {
      const id = sub.run(chatOf(i), i % 10 === 0 ? "en" : "fr", base, base, base).lastInsertRowid;
      follow.run(id, base);
    }
  })();
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-bench-"));
  const dbPath = path.join(dir, "suivez.db");
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", EDITORS: "+22376000000" });
  const clock = new ManualClock("2025-04-02T10:00:00Z");
  const app = openApp(config, { clock, log: silentLogger() });
  const texts = corpus();

  log(`Store: ${N_ARTICLES} articles, ${N_SUBSCRIBERS} subscribers in ${dbPath} …`);
  const seeded = time(() => seed(app, texts));
  log(`  seeded in ${(seeded.ms / 1000).toFixed(1)} s`);

  // --- fan-out: one alert to every follower, against the raw insert of the same rows -------
  const article = app.articles.latest({ now: clock.now(), limit: 1, category: "politique" })[0];
  if (!article) throw new Error("no article to broadcast");
  const body = "x".repeat(600);
  const raw = time(() => {
    const ins = app.db.prepare(
      `INSERT INTO outbox (kind, priority, recipient, article_id, body, not_before, dedupe_key,
         created_at, updated_at) VALUES ('alert', 3, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = clock.now().getTime();
    app.db.transaction(() => {
      for (let i = 0; i < N_SUBSCRIBERS; i++) {
        ins.run(chatOf(i), article.id, body, now, `raw:${i}`, now, now);
      }
    })();
  });
  app.db.exec("DELETE FROM outbox");
  const fan = time(() => app.delivery.broadcaster.publish(article.id, "+22376000000"));
  const queued = fan.result.recipients;
  const rawRate = N_SUBSCRIBERS / (raw.ms / 1000);
  const fanRate = queued / (fan.ms / 1000);
  figures.push({
    name: "fan-out: alerts planned into the outbox",
    value: Math.round(fanRate),
    unit: "rows/s",
    target: { value: Math.round(rawRate / 2), better: "higher", label: "½ raw insert" },
    note: `${queued} alerts in ${fan.ms.toFixed(0)} ms; raw insert ${Math.round(rawRate)} rows/s (ratio ${(fanRate / rawRate).toFixed(2)})`,
  });
  log(`  fan-out ${Math.round(fanRate)}/s vs raw ${Math.round(rawRate)}/s`);

  // --- dispatch: drain every queued row through a counting transport, no pacing ----------
  const transport = new CountingTransport();
  const core = app.delivery;
  const fast = {
    ...core,
    policy: { ...core.policy, ratePerMinute: 1e9, minGapPerChatMs: 0, jitter: 0, replyBurst: 1e9 },
  };
  clock.advance(60_000);
  const dispatcher = createDispatcher(app, fast, transport, { sleep: async () => {} });
  const t0 = performance.now();
  const drained = await dispatcher.drain();
  const drainMs = performance.now() - t0;
  figures.push({
    name: "dispatch: outbox rows sent (memory transport, pacing off)",
    value: Math.round(drained / (drainMs / 1000)),
    unit: "rows/s",
    target: { value: 5000, better: "higher", label: "5× Cloud API" },
    note: `${drained} rows in ${(drainMs / 1000).toFixed(1)} s`,
  });
  log(`  dispatch ${Math.round(drained / (drainMs / 1000))}/s`);

  // --- commands: inbound message to reply row, in process ---------------------------------
  const bot = createBot(app, { backend: core.broadcaster, transport, via: "bench" });
  let msgId = 0;
  const say = (sender: number, text: string): InboundMessage => ({
    id: `bench-in-${msgId++}`,
    chatId: chatOf(sender),
    senderId: chatOf(sender),
    text,
    kind: "text",
    isGroup: false,
    timestamp: clock.now(),
  });
  const samples: Record<string, number[]> = {
    dernières: [],
    "lire N": [],
    "chercher deux mots": [],
  };
  const words = [
    "sahel russie",
    "gouvernement ministre",
    "football match",
    "police enquête",
    "élection présidentielle",
    "économie croissance",
  ];
  for (let i = 0; i < 2000; i++) {
    const sender = (i * 37) % N_SUBSCRIBERS;
    clock.advance(1000);
    for (const [name, text] of [
      ["dernières", "dernières"],
      ["lire N", `lire ${1 + (i % 5)}`],
      ["chercher deux mots", `chercher ${words[i % words.length]}`],
    ] as const) {
      const t = performance.now();
      await bot.handle(say(sender, text));
      samples[name]?.push(performance.now() - t);
    }
  }
  for (const [name, list] of Object.entries(samples)) {
    const sorted = list.slice(200).sort((a, b) => a - b); // first 200: warm-up
    figures.push({
      name: `command "${name}": p99 latency`,
      value: Number(percentile(sorted, 99).toFixed(2)),
      unit: "ms",
      target: { value: 5, better: "lower", label: "5 ms" },
      note: `p50 ${percentile(sorted, 50).toFixed(2)} ms over ${sorted.length} messages`,
    });
  }
  log("  commands measured");

  // --- ingest: files parsed, cleaned, summarised, stored --------------------------------
  const files = path.join(dir, "articles");
  fs.mkdirSync(files);
  for (let i = 0; i < N_INGEST; i++) {
    const t = texts[i % texts.length];
    if (!t) continue;
    fs.writeFileSync(
      path.join(files, `article-${i}.json`),
      JSON.stringify({
        title: `${t.title} [${i}]`,
        body: t.article,
        guid: `ingest-${i}`,
        categories: ["Société"],
      }),
    );
  }
  const ingest = new Ingest({
    articles: app.articles,
    clock,
    log: silentLogger(),
    summaryMaxChars: 280,
  });
  const ti = performance.now();
  const report = await ingest.importPaths([files]);
  const ingestMs = performance.now() - ti;
  figures.push({
    name: "ingest: article files imported",
    value: Math.round(report.imported / (ingestMs / 1000)),
    unit: "files/s",
    target: { value: 1000, better: "higher", label: "1,000/s" },
    note: `${report.imported} OrangeSum-sized files in ${(ingestMs / 1000).toFixed(2)} s, ${report.failed.length} failed`,
  });
  log(`  ingest ${Math.round(report.imported / (ingestMs / 1000))}/s`);

  const rssMb = process.resourceUsage().maxRSS / 1024;
  figures.push({
    name: "memory: peak RSS of the bot process (no Chromium)",
    value: Math.round(rssMb),
    unit: "MB",
    target: { value: 150, better: "lower", label: "150 MB" },
    note: "this process, through all of the above",
  });
  app.close();

  // --- start-up to ready with that store, in a fresh process ----------------------------
  const startup = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(root, "bench/startup-child.ts")],
    {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: "silent" },
      encoding: "utf8",
    },
  );
  const readyMs = Number(/ready-ms=(\d+(?:\.\d+)?)/.exec(startup.stdout)?.[1] ?? Number.NaN);
  figures.push({
    name: "start-up to ready (no WhatsApp), from process start",
    value: Math.round(readyMs),
    unit: "ms",
    target: { value: 1000, better: "lower", label: "1 s" },
    note:
      startup.status === 0
        ? "node + tsx + open + migrate + bot + dispatcher"
        : `failed: ${startup.stderr.slice(0, 300)}`,
  });

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const result = { date: new Date().toISOString(), machine, figures };
  fs.writeFileSync(path.join(root, "bench/results.json"), `${JSON.stringify(result, null, 2)}\n`);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    printTable(result.date, machine);
  }
  if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
}

function printTable(date: string, machine: string): void {
  const rows = figures.map((f) => {
    const ok = !f.target
      ? ""
      : (f.target.better === "higher" ? f.value >= f.target.value : f.value <= f.target.value)
        ? "ok"
        : "MISSED";
    return [
      f.name,
      `${f.value.toLocaleString("en")} ${f.unit}`,
      f.target
        ? `${f.target.better === "higher" ? "≥" : "≤"} ${f.target.value.toLocaleString("en")} ${f.unit} (${f.target.label})`
        : "",
      ok,
      f.note ?? "",
    ];
  });
  console.log(`suivez-info bench — ${date} — ${machine}\n`);
  const header = ["measure", "value", "target", "", "detail"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  for (const r of [header, ...rows]) {
    console.log(
      r
        .map((c, i) => (c ?? "").padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    );
  }
}

await main();
