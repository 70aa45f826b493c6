/**
 * The measured part of `npm run bench`, in its own process so that its peak RSS is the bot's:
 * fan-out, dispatch, command latency and ingest over the store bench/run.ts seeded. The
 * per-call timings of the summary and the understanding, which hold 1,000 articles and 20,000
 * messages at once as the bot never does, run in their own process (bench/functions.ts).
 *   node dist/bench/workload.js <data dir> <subscribers>   (prints JSON figures)
 * Each phase's line on stderr gives rss, the peak so far, and V8's heap (used / total).
 */
import path from "node:path";
import { openApp } from "../src/app/services.ts";
import { createBot } from "../src/bot/bot.ts";
import { loadConfig } from "../src/config.ts";
import { Ingest } from "../src/ingest/ingest.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import { checkpointWal } from "../src/store/database.ts";
// Everything `npm start` loads (the desk, the feeds, the Cloud API client…), not run: the bot's
// own code is part of the bot's memory (~25 MB of heap). WhatsApp Web's library (~11 MB more)
// loads when the default transport (WHATSAPP_TRANSPORT=web) starts its client: loaded here too.
import "../src/main.ts";
import "whatsapp-web.js";
import {
  CountingTransport,
  chatOf,
  inboundFrom,
  peakRssMb,
  percentile,
  SEARCH_QUERIES,
  unpacedDispatcher,
} from "./lib.ts";
import type { Figure } from "./run.ts";

const [dir = "", subscribersArg = "0"] = process.argv.slice(2);
const N_SUBSCRIBERS = Number(subscribersArg);
const EDITOR = "+22376000000";
const figures: Figure[] = [];
const progress = (line: string) => {
  const m = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  process.stderr.write(
    `  ${line}   [rss ${mb(m.rss)} MB, peak ${peakRssMb()} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB]\n`,
  );
};

const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", EDITORS: EDITOR });
const clock = new ManualClock("2025-04-02T10:00:00Z");
const app = openApp(config, { clock, log: silentLogger() });
progress("store open");

// --- fan-out: one alert to every follower, against the raw insert of the same rows ---------
const article = app.articles.latest({ now: clock.now(), limit: 1, category: "politique" })[0];
if (!article) throw new Error("no article to broadcast");
const body = "x".repeat(600);
// The same rows the planner writes (broadcast id and dedupe key included, so the same indexes
// are maintained), one prepared statement in one transaction: the physical limit.
const insertRaw = app.db.prepare(
  `INSERT INTO outbox (kind, priority, recipient, article_id, broadcast_id, body, not_before,
     dedupe_key, created_at, updated_at) VALUES ('alert', 3, ?, ?, -1, ?, ?, ?, ?, ?)`,
);
let t = performance.now();
app.db.transaction(() => {
  const now = clock.now().getTime();
  for (let i = 0; i < N_SUBSCRIBERS; i++) {
    insertRaw.run(chatOf(i), article.id, body, now, `alert:${chatOf(i)}:raw`, now, now);
  }
})();
const rawMs = performance.now() - t;
app.db.exec("DELETE FROM outbox");
t = performance.now();
const receipt = app.delivery.desk.publish(article.id, EDITOR);
const fanMs = performance.now() - t;
const rawRate = N_SUBSCRIBERS / (rawMs / 1000);
const fanRate = receipt.recipients / (fanMs / 1000);
figures.push({
  name: "fan-out: alerts planned into the outbox",
  value: Math.round(fanRate),
  unit: "rows/s",
  target: { value: Math.round(rawRate / 2), better: "higher", label: "½ raw insert" },
  note: `${receipt.recipients} alerts in ${fanMs.toFixed(0)} ms; raw insert of the same rows ${Math.round(rawRate)} rows/s (ratio ${(fanRate / rawRate).toFixed(2)})`,
});
progress(`fan-out ${Math.round(fanRate)}/s, raw ${Math.round(rawRate)}/s`);

// --- dispatch: drain every queued row, pacing off ----------------------------------------
const transport = new CountingTransport();
clock.advance(60_000);
const dispatcher = unpacedDispatcher(app, transport);
t = performance.now();
const drained = await dispatcher.drain();
const drainMs = performance.now() - t;
figures.push({
  name: "dispatch: outbox rows sent (memory transport, pacing off)",
  value: Math.round(drained / (drainMs / 1000)),
  unit: "rows/s",
  target: { value: 5000, better: "higher", label: "5× Cloud API top rate" },
  note: `${drained} rows in ${(drainMs / 1000).toFixed(1)} s`,
});
progress(`dispatch ${Math.round(drained / (drainMs / 1000))}/s`);

// --- commands: inbound message to reply row, in process -----------------------------------
const bot = createBot(app, { backend: app.delivery.desk, transport, via: "bench" });
const say = inboundFrom(clock, "bench-in");
const queries = SEARCH_QUERIES;
const samples: Record<string, number[]> = {
  dernières: [],
  "lire N": [],
  "chercher deux mots": [],
};
const ROUNDS = 1200;
for (let i = 0; i < ROUNDS; i++) {
  // A different reader each round (flood control is per sender), a second apart.
  const sender = (i * 37) % Math.max(1, N_SUBSCRIBERS);
  clock.advance(1000);
  for (const [name, text] of [
    ["dernières", "dernières"],
    ["lire N", `lire ${1 + (i % 5)}`],
    ["chercher deux mots", `chercher ${queries[i % queries.length]}`],
  ] as const) {
    const started = performance.now();
    await bot.handle(say(sender, text));
    samples[name]?.push(performance.now() - started);
  }
}
for (const [name, list] of Object.entries(samples)) {
  const sorted = list.slice(200).sort((a, b) => a - b); // the first 200 warm up caches and JIT
  figures.push({
    name: `command "${name}": p99 latency`,
    value: Number(percentile(sorted, 99).toFixed(2)),
    unit: "ms",
    target: { value: 5, better: "lower", label: "5 ms" },
    note: `p50 ${percentile(sorted, 50).toFixed(2)} ms over ${sorted.length} messages`,
  });
}
progress("commands measured");

// --- ingest: files parsed, cleaned, summarised and stored ---------------------------------
// The running bot checkpoints the WAL every 5 minutes (schedules.ts); this process has no
// scheduler, so it does it here rather than billing the dispatch's checkpoint to the import.
app.db.pragma("wal_checkpoint(PASSIVE)");
// As the bot's (src/app/start-bot.ts): the import's checkpoints between its commits.
const ingest = new Ingest({
  articles: app.articles,
  clock,
  log: silentLogger(),
  summaryMaxChars: 280,
  checkpoint: () => checkpointWal(app.db, "PASSIVE"),
});
t = performance.now();
const report = await ingest.importPaths([path.join(dir, "ingest")]);
const ingestMs = performance.now() - t;
figures.push({
  name: "ingest: article files imported",
  value: Math.round(report.imported / (ingestMs / 1000)),
  unit: "files/s",
  target: { value: 1000, better: "higher", label: "1,000/s" },
  note: `${report.imported} OrangeSum-sized JSON files in ${(ingestMs / 1000).toFixed(2)} s, ${report.failed.length} failed`,
});
progress(`ingest ${Math.round(report.imported / (ingestMs / 1000))}/s`);

figures.push({
  name: "memory: peak RSS of the bot process (no Chromium)",
  value: peakRssMb(),
  unit: "MB",
  target: { value: 150, better: "lower", label: "150 MB" },
  note: "the process that ran all of the above over the full store, with the code npm start loads",
});
app.close();
process.stdout.write(JSON.stringify(figures));
