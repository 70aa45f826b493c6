/**
 * Per-call timings of `npm run bench` that are not the bot's memory: the summary model's pick
 * over 1,000 cleaned articles held at once, and the understander over 20,000 messages held at
 * once, best of three rounds each. Their arrays are the benchmark's, not the bot's (the bot
 * summarises as it imports and reads one message at a time), so they run in a process of their
 * own; the bot's process (bench/workload.ts) still loads the model and the tables and uses them
 * through its imports and commands.
 *   node dist/bench/functions.js <data dir>   (prints JSON figures)
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { openApp } from "../src/app/services.ts";
import { loadRubricLexicon, SYNONYMS_FILE } from "../src/bot/understand/synonyms.ts";
import { Understander } from "../src/bot/understand/understand.ts";
import { loadConfig } from "../src/config.ts";
import { cleanBody } from "../src/ingest/clean.ts";
import { summarize } from "../src/ingest/summary/summary.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import { percentile } from "./lib.ts";
import type { Figure } from "./run.ts";
import { benchMessages } from "./understand-messages.ts";

const [dir = ""] = process.argv.slice(2);
const figures: Figure[] = [];
const progress = (line: string) => process.stderr.write(`  ${line}\n`);
const clock = new ManualClock("2025-04-02T10:00:00Z");
const app = openApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" }), {
  clock,
  log: silentLogger(),
});

// --- summary: the trained model's pick for one article (cleaning excluded) ---------------
{
  const articles = readdirSync(path.join(dir, "ingest"))
    .slice(0, 1000)
    .map((name) => {
      const file = JSON.parse(readFileSync(path.join(dir, "ingest", name), "utf8")) as {
        title: string;
        body: string;
      };
      const paragraphs = cleanBody(file.body).flatMap((b) =>
        b.kind === "paragraph" ? [b.text] : [],
      );
      return { title: file.title, paragraphs };
    });
  // The model is loaded by the first summary (as in the bot); best of three rounds.
  summarize(articles[0] ?? { title: "x", paragraphs: [] }, { maxChars: 280 });
  let bestMs = Number.POSITIVE_INFINITY;
  let cpuMs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const a of articles) summarize(a, { maxChars: 280 });
    const used = process.cpuUsage(cpu);
    bestMs = Math.min(bestMs, (performance.now() - started) / Math.max(1, articles.length));
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000 / Math.max(1, articles.length));
  }
  figures.push({
    name: "summary: one article, trained model",
    value: Number(bestMs.toFixed(3)),
    unit: "ms",
    target: { value: 2, better: "lower", label: "2 ms" },
    note: `wall clock, best of 3 rounds over ${articles.length} cleaned OrangeSum articles (CPU ${cpuMs.toFixed(3)} ms), model loaded once`,
  });
  progress(`summary ${bestMs.toFixed(3)} ms/article`);
}

// --- understanding: a reader's message to its intent and arguments ----------------------
// The bot's own understander (synonym table + the store's rubrics), on messages of the kinds
// readers send; per message, in process.
{
  const lexicon = loadRubricLexicon(path.join(app.config.dataDir, SYNONYMS_FILE));
  lexicon.addRubrics(app.articles.rubrics(clock.now()).map((r) => r.name));
  const understander = new Understander(lexicon);
  const messages = benchMessages(20_000);
  // Best of three rounds, as bench/commands.ts does: on a shared machine one round can be
  // preempted; every round's p99 is in the note.
  const rounds: { p50: number; p99: number }[] = [];
  for (let round = 0; round < 3; round++) {
    const times: number[] = [];
    for (const text of messages) {
      const started = performance.now();
      understander.read(text);
      times.push(performance.now() - started);
    }
    const sorted = times.slice(2_000).sort((a, b) => a - b);
    rounds.push({ p50: percentile(sorted, 50), p99: percentile(sorted, 99) });
  }
  const best = rounds.reduce((a, b) => (b.p99 < a.p99 ? b : a));
  figures.push({
    name: "understand: p99 per message",
    value: Number(best.p99.toFixed(3)),
    unit: "ms",
    target: { value: 0.5, better: "lower", label: "0.5 ms" },
    note:
      `best of 3 rounds of ${messages.length - 2_000} messages, p50 ${best.p50.toFixed(3)} ms; ` +
      `round p99s ${rounds.map((r) => r.p99.toFixed(2)).join(", ")} ms`,
  });
  progress("understanding measured");
}

app.close();
process.stdout.write(JSON.stringify(figures));
