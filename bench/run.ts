/**
 * `npm run bench`: the bot's own speed and memory, measured the same way every time, each figure
 * beside its limit or target. A few minutes on 2 cores. Prints a table; `--json` prints JSON
 * instead; results are also written to bench/results.json.
 *
 * Options: --articles N (100000) --subscribers N (100000) --ingest N (2000) --cloud N (100000
 * alerts through the Cloud API transport) --cloud-e2e N (20000 readers, store → dispatcher → Cloud
 * API) --keep (keep the
 * temporary store) --dataset path (OrangeSum valid.jsonl, the source of real French text).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type App, openApp } from "../src/app/services.ts";
import { loadConfig } from "../src/config.ts";
import { prepareArticle } from "../src/ingest/prepare.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import { measureHtmlIngest } from "./html-ingest.ts";
import { seedArticles, seedReaders } from "./lib.ts";

// `npm run bench` runs the compiled JavaScript (dist/bench), as `npm start` runs the bot: the
// measured processes carry no TypeScript loader. Run through tsx, the siblings are .ts files.
const here = path.dirname(fileURLToPath(import.meta.url));
const compiled = import.meta.url.endsWith(".js");
const root = compiled ? path.resolve(here, "../..") : path.resolve(here, "..");
// The same Node flags as `npm start` (package.json), each measured with this bench at no
// measurable cost in speed: a 2 MB young generation (~30 MB of RSS); the old generation grown
// by 20 % over what a full collection kept instead of up to 4× (the promoted garbage of the
// 2 MB young generation, ~35 MB); one V8 helper thread instead of four (~8 MB of malloc arenas).
const NODE_FLAGS = ["--max-semi-space-size=2", "--heap-growing-percent=20", "--v8-pool-size=1"];
const sibling = (name: string) => [
  ...NODE_FLAGS,
  ...(compiled
    ? [path.join(here, `${name}.js`)]
    : ["--import", "tsx", path.join(here, `${name}.ts`)]),
];
const { values: opts } = parseArgs({
  options: {
    articles: { type: "string", default: "100000" },
    subscribers: { type: "string", default: "100000" },
    ingest: { type: "string", default: "2000" },
    cloud: { type: "string", default: "100000" },
    "cloud-e2e": { type: "string", default: "20000" },
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
  const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
  if (!opts.json) process.stderr.write(`${line}   [rss ${rss} MB]\n`);
};

export interface Figure {
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

function time<T>(fn: () => T): { ms: number; result: T } {
  const t = performance.now();
  const result = fn();
  return { ms: performance.now() - t, result };
}

/** Fills the store with articles (real text, prepared once, varied titles) and readers. */
function seed(app: App, texts: { title: string; article: string }[]): void {
  const prepared = texts.map((t) =>
    prepareArticle({ title: t.title, body: t.article, origin: "bench" }, { summaryMaxChars: 280 }),
  );
  const base = Date.parse("2024-01-01T00:00:00Z");
  seedArticles(app, prepared, N_ARTICLES, base);
  seedReaders(app, N_SUBSCRIBERS, base);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-bench-"));
  const dbPath = path.join(dir, "suivez.db");
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" });
  const app = openApp(config, {
    clock: new ManualClock("2025-04-02T10:00:00Z"),
    log: silentLogger(),
  });
  const texts = corpus();

  log(`Store: ${N_ARTICLES} articles, ${N_SUBSCRIBERS} subscribers in ${dbPath} …`);
  const seeded = time(() => seed(app, texts));
  app.db.pragma("wal_checkpoint(TRUNCATE)");
  app.close();
  log(`  seeded in ${(seeded.ms / 1000).toFixed(1)} s`);

  // Article files for the ingest measure: OrangeSum-sized French articles, one JSON file each.
  const files = path.join(dir, "ingest");
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

  // The measures run in a fresh process that holds only what the bot holds: its RSS is the
  // bot's, not the seeding's.
  const workload = spawnSync(
    process.execPath,
    [...sibling("workload"), dir, String(N_SUBSCRIBERS)],
    { cwd: root, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] },
  );
  if (workload.status !== 0) throw new Error(`bench/workload.ts failed (${workload.status})`);
  const measured = JSON.parse(workload.stdout) as Figure[];
  // The per-call timings of the summary and the understanding, in a process of their own
  // (their 1,000 articles and 20,000 messages held at once are the bench's, not the bot's).
  const functions = spawnSync(process.execPath, [...sibling("functions"), dir], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 24,
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (functions.status !== 0) throw new Error(`bench/functions.ts failed (${functions.status})`);
  // In the table's usual order: the per-call timings after the commands, memory last.
  const memory = measured.filter((f) => f.name.startsWith("memory:"));
  const ingestFigures = measured.filter((f) => f.name.startsWith("ingest:"));
  figures.push(
    ...measured.filter((f) => !memory.includes(f) && !ingestFigures.includes(f)),
    ...(JSON.parse(functions.stdout) as Figure[]),
    ...ingestFigures,
    ...memory,
  );

  // --- the web desk's Audience, Journal, Signalements and Essayer pages, on a copy --------
  const deskPages = spawnSync(
    process.execPath,
    [...sibling("desk-pages"), dir, String(N_SUBSCRIBERS)],
    { cwd: root, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] },
  );
  if (deskPages.status !== 0) throw new Error(`bench/desk-pages.ts failed (${deskPages.status})`);
  figures.push(...(JSON.parse(deskPages.stdout) as Figure[]));

  // --- HTML pages: extraction + cleaning + summary, on the benchmark's real pages ---------
  const html = await measureHtmlIngest(path.resolve(root, "../shared/datasets"));
  figures.push({
    name: "HTML page ingest (Readability + metadata + cleaning + summary + store)",
    value: html?.pagesPerSecond ?? 0,
    unit: "pages/s",
    target: { value: 100, better: "higher", label: "100 pages/s" },
    note: html
      ? `${html.pages} article-extraction pages (${html.meanKb} KB mean) imported as files, ${html.workers} read workers, best of 3; one thread: ${html.oneThreadPagesPerSecond} pages/s`
      : "../shared/datasets/article-extraction absent",
  });

  // --- start-up to ready with that store, in a fresh process ----------------------------
  const startup = spawnSync(process.execPath, sibling("startup-child"), {
    cwd: root,
    env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  const readyMs = Number(/ready-ms=(\d+(?:\.\d+)?)/.exec(startup.stdout)?.[1] ?? Number.NaN);
  figures.push({
    name: "start-up to ready (no WhatsApp), from process start",
    value: Math.round(readyMs),
    unit: "ms",
    target: { value: 1000, better: "lower", label: "1 s" },
    note:
      startup.status === 0
        ? `node${compiled ? "" : " + tsx"} + open + migrate + bot + dispatcher + schedules`
        : `failed: ${startup.stderr.slice(0, 300)}`,
  });

  // --- the Cloud API transport against a local fake of Meta's API, in a fresh process ----
  log(`Cloud API: ${opts.cloud} alerts at 1,000/s to a local fake …`);
  const cloud = spawnSync(process.execPath, [...sibling("cloud"), String(opts.cloud)], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (cloud.status !== 0) throw new Error(`bench/cloud.ts failed (${cloud.status})`);
  figures.push(...(JSON.parse(cloud.stdout) as Figure[]));
  log(`Cloud API, whole path: one alert to ${opts["cloud-e2e"]} readers …`);
  const e2e = spawnSync(
    process.execPath,
    [...sibling("cloud-e2e"), dir, String(opts["cloud-e2e"])],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (e2e.status !== 0) throw new Error(`bench/cloud-e2e.ts failed (${e2e.status})`);
  figures.push(...(JSON.parse(e2e.stdout) as Figure[]));

  // --- the web desk's pages over the same store, in a fresh process ----------------------
  log("Web desk: every page over the store …");
  const desk = spawnSync(
    process.execPath,
    [...sibling("desk"), dir, String(N_ARTICLES), String(N_SUBSCRIBERS)],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (desk.status !== 0) throw new Error(`bench/desk.ts failed (${desk.status})`);
  figures.push(...(JSON.parse(desk.stdout) as Figure[]));

  const cpu = os.cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const result = {
    date: new Date().toISOString(),
    machine,
    store: { articles: N_ARTICLES, subscribers: N_SUBSCRIBERS, ingestFiles: N_INGEST },
    figures,
  };
  fs.writeFileSync(path.join(root, "bench/results.json"), `${JSON.stringify(result, null, 2)}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printTable(result.date, machine);
  if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
  else log(`store kept in ${dir}`);
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
