/**
 * Focused ingest benchmark: N OrangeSum articles written as JSON files, then imported.
 *   npx tsx bench/ingest.ts [N] [--store M] [--workers W]
 * `--store M` imports into a store that already holds M articles (as `npm run bench` does with
 * 100,000: FTS5 upkeep costs more there); the seeded store is kept in the temporary folder and
 * copied for each run, so only the first run pays for seeding. `--workers W` sets the read
 * workers (default: the import's own choice).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openApp } from "../src/app/services.ts";
import { loadConfig } from "../src/config.ts";
import { Ingest } from "../src/ingest/ingest.ts";
import { prepareArticle } from "../src/ingest/prepare.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import { ArticlesRepo } from "../src/store/articles.ts";
import { openDatabase } from "../src/store/database.ts";
import { seedArticles } from "./lib.ts";

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { store: { type: "string", default: "0" }, workers: { type: "string" } },
});
const n = Number(positionals[0] ?? 2000);
const seeded = Number(opts.store);
// From bench/ (tsx) or dist/bench/ (compiled): the datasets sit beside the repository.
const root = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  import.meta.url.endsWith(".js") ? "../.." : "..",
);
const rows = fs
  .readFileSync(path.join(root, "../shared/datasets/orangesum/valid.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { title: string; article: string });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-ingest-"));
fs.mkdirSync(path.join(dir, "a"));
for (let i = 0; i < n; i++) {
  const r = rows[i % rows.length];
  if (!r) continue;
  fs.writeFileSync(
    path.join(dir, "a", `a-${i}.json`),
    JSON.stringify({
      title: `${r.title} [${i}]`,
      body: r.article,
      guid: `g-${i}`,
      categories: ["Société"],
    }),
  );
}
const dbPath = path.join(dir, "suivez.db");
if (seeded > 0) fs.copyFileSync(seededStore(seeded), dbPath);
const db = openDatabase(dbPath);
const ingest = new Ingest({
  articles: new ArticlesRepo(db),
  clock: new ManualClock("2025-01-01T00:00:00Z"),
  log: silentLogger(),
  summaryMaxChars: 280,
  ...(opts.workers === undefined ? {} : { readWorkers: Number(opts.workers) }),
});
const cpu = process.cpuUsage();
const t = performance.now();
const report = await ingest.importPaths([path.join(dir, "a")]);
const ms = performance.now() - t;
const used = process.cpuUsage(cpu);
await ingest.close();
console.log(
  `${report.imported} imported in ${ms.toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, all threads)` +
    `${seeded > 0 ? ` into ${seeded} articles` : ""}: ${Math.round(report.imported / (ms / 1000))} files/s`,
);
db.close();
fs.rmSync(dir, { recursive: true, force: true });

/** A store holding `count` articles (real text, as bench/run.ts seeds it), made once and kept. */
function seededStore(count: number): string {
  const file = path.join(os.tmpdir(), `suivez-ingest-store-${count}.db`);
  if (fs.existsSync(file)) return file;
  const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-ingest-seed-"));
  const app = openApp(loadConfig({ DATA_DIR: seedDir, LOG_LEVEL: "silent" }), {
    clock: new ManualClock("2025-04-02T10:00:00Z"),
    log: silentLogger(),
  });
  const prepared = rows.map((r) =>
    prepareArticle({ title: r.title, body: r.article, origin: "bench" }, { summaryMaxChars: 280 }),
  );
  seedArticles(app, prepared, count, Date.parse("2024-01-01T00:00:00Z"));
  app.db.pragma("wal_checkpoint(TRUNCATE)");
  const stored = app.db.name;
  app.close();
  fs.renameSync(stored, file);
  fs.rmSync(seedDir, { recursive: true, force: true });
  return file;
}
