/**
 * Manual robustness check, not a vitest test: runs every feed-like document under a folder of
 * real-world feeds (one sub-folder per source or encoding) through the poller's real path
 * (encoding → parsing → the foundation's Ingest into SQLite) and reports failures and any
 * stored text that still holds tags, entities, script or broken characters.
 *
 *   npx tsx tests/feeds/corpus-check.ts <folder>
 */
import fs from "node:fs";
import path from "node:path";
import { Ingest } from "../../../src/ingest/ingest.ts";
import { ManualClock } from "../../../src/lib/clock.ts";
import { silentLogger } from "../../../src/log.ts";
import { decodeFeedBytes } from "../../../src/sources/feeds/encoding.ts";
import { FeedPoller } from "../../../src/sources/feeds/poller.ts";
import { ArticlesRepo } from "../../../src/store/articles.ts";
import { openDatabase } from "../../../src/store/database.ts";
import { FeedsRepo } from "../../../src/store/feeds.ts";

const root = process.argv[2] as string;
const files: string[] = [];
for (const dir of fs.readdirSync(root)) {
  const d = path.join(root, dir);
  if (!fs.statSync(d).isDirectory()) continue;
  for (const f of fs.readdirSync(d)) files.push(path.join(d, f));
}
const feedLike = files.filter((f) => {
  const head = decodeFeedBytes(fs.readFileSync(f).subarray(0, 4000), null).text;
  return /<(rss|feed|rdf:RDF)[\s>]/i.test(head);
});
const db = openDatabase(":memory:");
const clock = new ManualClock("2026-01-01T00:00:00Z");
const articles = new ArticlesRepo(db);
const feeds = new FeedsRepo(db);
const ingest = new Ingest({ articles, clock, log: silentLogger(), summaryMaxChars: 280 });
const bytesByUrl = new Map<string, Buffer>();
const poller = new FeedPoller({
  feeds,
  importer: ingest,
  clock,
  log: silentLogger(),
  fetch: async (url) => ({
    kind: "ok",
    url,
    movedTo: null,
    status: 200,
    bytes: bytesByUrl.get(url) as Buffer,
    contentType: null,
    validators: { etag: null, lastModified: null },
  }),
});
for (const f of feedLike) {
  const url = `https://corpus.example/${encodeURIComponent(path.relative(root, f))}`;
  bytesByUrl.set(url, fs.readFileSync(f));
  feeds.add({ url, intervalMs: 600_000 }, clock.now());
}
const t0 = Date.now();
const reports = await poller.pollDue();
const ms = Date.now() - t0;
let items = 0,
  imported = 0,
  skipped = 0,
  errors = 0;
const reasons = new Map<string, number>();
const failedFeeds: string[] = [];
for (const r of reports) {
  if (r.status === "error") {
    errors++;
    failedFeeds.push(`${decodeURIComponent(r.url)} : ${r.error}`);
    continue;
  }
  imported += r.imported + r.updated + r.unchanged;
  for (const p of r.problems)
    if (p.skipped) {
      skipped++;
      const k = p.reason.replace(/\(.*?\)|« .*? »|\d+/g, "…");
      reasons.set(k, (reasons.get(k) ?? 0) + 1);
    }
}
for (const f of feeds.list()) items += f.lastItemCount ?? 0;
const dirty: string[] = [];
const bad = [
  /<\/?[a-z][a-z0-9]*[\s>/]/i,
  /&(#\d+|#x[0-9a-f]+|[a-z]{2,8});/i,
  /<script|javascript:/i,
  /\ufffd/,
  /Ã[\u00a0-\u00bf]/,
];
for (const a of articles.list({ limit: 100_000 })) {
  for (const [field, text] of [
    ["title", a.title],
    ["summary", a.summary],
    ["body", a.bodyText],
  ] as const) {
    const hit = bad.find((re) => re.test(text));
    if (hit)
      dirty.push(
        `${a.origin.split("/").pop()} #${a.id} ${field} ${hit} : ${text.slice(Math.max(0, text.search(hit) - 40), text.search(hit) + 40)}`,
      );
  }
}
console.log(
  JSON.stringify(
    {
      files: files.length,
      feedLike: feedLike.length,
      polledOk: reports.length - errors,
      errors,
      itemsInFeeds: items,
      articlesStored: articles.counts(new Date("2100-01-01")).total,
      importedOrKnown: imported,
      skipped,
      ms,
    },
    null,
    1,
  ),
);
console.log("skip reasons:", [...reasons.entries()]);
console.log(`failed feeds:\n ${failedFeeds.join("\n ")}`);
console.log(`dirty fields: ${dirty.length}\n ${dirty.slice(0, 40).join("\n ")}`);
