/**
 * Focused ingest benchmark: N OrangeSum articles written as JSON files, then imported.
 *   npx tsx bench/ingest.ts [N]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Ingest } from "../src/ingest/ingest.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import { ArticlesRepo } from "../src/store/articles.ts";
import { openDatabase } from "../src/store/database.ts";

const n = Number(process.argv[2] ?? 2000);
const rows = fs
  .readFileSync(new URL("../../shared/datasets/orangesum/valid.jsonl", import.meta.url), "utf8")
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
    JSON.stringify({ title: `${r.title} [${i}]`, body: r.article, guid: `g-${i}` }),
  );
}
const db = openDatabase(path.join(dir, "suivez.db"));
const ingest = new Ingest({
  articles: new ArticlesRepo(db),
  clock: new ManualClock("2025-01-01T00:00:00Z"),
  log: silentLogger(),
  summaryMaxChars: 280,
});
const t = performance.now();
const report = await ingest.importPaths([path.join(dir, "a")]);
const ms = performance.now() - t;
console.log(
  `${report.imported} imported in ${ms.toFixed(0)} ms: ${Math.round(report.imported / (ms / 1000))} files/s`,
);
fs.rmSync(dir, { recursive: true, force: true });
