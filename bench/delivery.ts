/**
 * Focused delivery bench: the fan-out (raw insert vs the planner's INSERT…SELECT) and the
 * dispatch drain, measured exactly as bench/run.ts measures them, on a store seeded once and
 * copied for each run (best of --runs, the machine is shared).
 *
 *   npx tsx bench/delivery.ts [--subscribers 100000] [--runs 3] [--only fanout|dispatch]
 *   node --cpu-prof --import tsx bench/delivery.ts --runs 1   (then open the .cpuprofile)
 *   npx tsx bench/delivery.ts --plan   (EXPLAIN QUERY PLAN of the hot statements)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openApp } from "../src/app/services.ts";
import { loadConfig } from "../src/config.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import { CountingTransport, chatOf, seedReaders, unpacedDispatcher } from "./lib.ts";

const { values: opts } = parseArgs({
  options: {
    subscribers: { type: "string", default: "100000" },
    runs: { type: "string", default: "3" },
    only: { type: "string", default: "" },
    plan: { type: "boolean", default: false },
    /** Experiment: PRAGMA wal_autocheckpoint for the runs (SQLite's default is 1000 pages). */
    autocheckpoint: { type: "string", default: "" },
  },
});
const N = Number(opts.subscribers);
const RUNS = Number(opts.runs);
const EDITOR = "+22376000000";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-bench-delivery-"));
const template = path.join(dir, "template.db");

function open(file: string) {
  const config = loadConfig({ DATABASE_PATH: file, LOG_LEVEL: "silent", EDITORS: EDITOR });
  const clock = new ManualClock("2025-04-02T10:00:00Z");
  return { app: openApp(config, { clock, log: silentLogger() }), clock };
}

/** N readers following "politique" and one published article in it (as bench/run.ts). */
function seed(): void {
  const { app, clock } = open(template);
  const at = clock.now().getTime() - 3600_000;
  const id = app.db
    .prepare(
      `INSERT INTO articles (guid, url, title_key, title, categories, author, dateline,
         published_at, status, body, blocks, key_points, summary, image, content_hash, origin,
         announced_at, created_at, updated_at)
       VALUES ('bench-1', NULL, 'bench-1', 'Les ministres de l''AES en visite à Moscou',
         '["Politique"]', NULL, NULL, @at, 'published', @body, '[]', '[]', @summary, NULL, '1',
         'bench', @at, @at, @at)`,
    )
    .run({
      at,
      body: "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso effectuent une visite officielle en Russie. ".repeat(
        20,
      ),
      summary:
        "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso effectuent une visite officielle en Russie.",
    }).lastInsertRowid;
  app.db
    .prepare("INSERT INTO article_categories (article_id, category_key) VALUES (?, 'politique')")
    .run(id);
  seedReaders(app, N, at);
  app.db.pragma("wal_checkpoint(TRUNCATE)");
  app.close();
}

function ms(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

interface RunResult {
  raw: number;
  fan: number;
  ratio: number;
  /** Raw insert of the planner's exact rows into reused pages. */
  fair: number;
  dispatch: number;
}

async function once(run: number): Promise<RunResult> {
  const file = path.join(dir, `run-${run}.db`);
  fs.copyFileSync(template, file);
  const { app, clock } = open(file);
  if (opts.autocheckpoint) app.db.pragma(`wal_autocheckpoint = ${Number(opts.autocheckpoint)}`);
  const articleId = app.db.prepare("SELECT id FROM articles LIMIT 1").pluck().get() as number;
  const result: RunResult = { raw: 0, fan: 0, ratio: 0, fair: 0, dispatch: 0 };

  // Fan-out, as bench/run.ts: raw insert of the same rows in one transaction, emptied, then
  // the planner's publish.
  const body = "x".repeat(600);
  const rawMs = ms(() => {
    const ins = app.db.prepare(
      `INSERT INTO outbox (kind, priority, recipient, article_id, body, not_before, dedupe_key,
         created_at, updated_at) VALUES ('alert', 3, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = clock.now().getTime();
    app.db.transaction(() => {
      for (let i = 0; i < N; i++) ins.run(chatOf(i), articleId, body, now, `raw:${i}`, now, now);
    })();
  });
  app.db.exec("DELETE FROM outbox");
  // The same rows as the planner writes them (with a broadcast id, so the outbox_broadcast index
  // is paid too) into the pages the DELETE freed, as the fan-out below: the like-for-like limit.
  const fairMs = ms(() => {
    const ins = app.db.prepare(
      `INSERT INTO outbox (kind, priority, recipient, article_id, broadcast_id, body, not_before,
         dedupe_key, created_at, updated_at) VALUES ('alert', 3, ?, ?, 999999, ?, ?, ?, ?, ?)`,
    );
    const now = clock.now().getTime();
    app.db.transaction(() => {
      for (let i = 0; i < N; i++) {
        ins.run(chatOf(i), articleId, body, now, `alert:${chatOf(i)}:${articleId}`, now, now);
      }
    })();
  });
  app.db.exec("DELETE FROM outbox");
  let queued = 0;
  const fanMs = ms(() => {
    queued = app.delivery.desk.publish(articleId, EDITOR).recipients;
  });
  if (queued !== N) throw new Error(`fan-out queued ${queued}, expected ${N}`);
  result.raw = N / (rawMs / 1000);
  result.fan = queued / (fanMs / 1000);
  result.ratio = result.fan / result.raw;
  result.fair = N / (fairMs / 1000);
  process.stderr.write(
    `run ${run}: fan-out ${Math.round(result.fan)}/s (${fanMs.toFixed(0)} ms) vs raw ${Math.round(result.raw)}/s (${rawMs.toFixed(0)} ms): ratio ${result.ratio.toFixed(2)}; like-for-like raw ${Math.round(result.fair)}/s (${fairMs.toFixed(0)} ms): ratio ${(result.fan / result.fair).toFixed(2)}\n`,
  );

  if (opts.only !== "fanout") {
    const transport = new CountingTransport();
    clock.advance(60_000);
    const dispatcher = unpacedDispatcher(app, transport);
    const t0 = performance.now();
    const drained = await dispatcher.drain();
    const drainMs = performance.now() - t0;
    const sent = app.db
      .prepare("SELECT count(*) FROM outbox WHERE state = 'sent'")
      .pluck()
      .get() as number;
    if (drained !== N || sent !== N || transport.sent !== N) {
      throw new Error(
        `drained ${drained}, sent ${sent}, transport ${transport.sent}; expected ${N}`,
      );
    }
    result.dispatch = drained / (drainMs / 1000);
    process.stderr.write(
      `run ${run}: dispatch ${Math.round(result.dispatch)}/s (${drained} rows in ${(drainMs / 1000).toFixed(1)} s)\n`,
    );
  }
  app.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return result;
}

/** The query plans of the statements the fan-out and the dispatch loop run. */
function plans(): void {
  const { app } = open(template);
  const show = (label: string, sql: string) => {
    const rows = app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[];
    console.log(`${label}\n${rows.map((r) => `  ${r.detail}`).join("\n")}`);
  };
  show(
    "daily cap",
    `SELECT count(*) FROM outbox o WHERE o.kind = 'alert' AND o.recipient = 'x'
       AND o.not_before >= 0 AND o.not_before < 1 AND o.state NOT IN ('dead', 'cancelled')`,
  );
  show(
    "first due (dispatcher, before each send)",
    `SELECT id, kind, recipient, not_before FROM outbox WHERE state = 'queued' AND priority = 3
       AND not_before <= 5 ORDER BY not_before, id`,
  );
  show("next due", "SELECT min(not_before) FROM outbox WHERE state = 'queued' AND priority = 3");
  show(
    "already alerted (re-publish)",
    `SELECT count(*) FROM outbox WHERE broadcast_id IN (SELECT id FROM broadcasts
       WHERE article_id = 1 AND id <> 2) AND kind = 'alert' AND article_id = 1`,
  );
  show(
    "reader stops",
    `UPDATE outbox SET state = 'cancelled' WHERE recipient = 'x' AND state IN ('queued', 'failed')
       AND kind IN ('alert', 'digest')`,
  );
  show(
    "reader erased",
    "DELETE FROM outbox WHERE recipient = 'x' AND state IN ('sent', 'failed', 'dead', 'cancelled')",
  );
  show("reader state", "SELECT stopped_at FROM subscribers WHERE chat_id = 'x'");
  app.close();
}

try {
  const t = performance.now();
  seed();
  process.stderr.write(`seeded ${N} readers in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  if (opts.plan) {
    plans();
  } else {
    const results: RunResult[] = [];
    for (let r = 1; r <= RUNS; r++) results.push(await once(r));
    const best = (f: (r: RunResult) => number) => Math.max(...results.map(f));
    console.log(
      JSON.stringify({
        subscribers: N,
        runs: RUNS,
        bestFanOut: Math.round(best((r) => r.fan)),
        bestRaw: Math.round(best((r) => r.raw)),
        bestRatio: Number(best((r) => r.ratio).toFixed(2)),
        bestLikeForLikeRaw: Math.round(best((r) => r.fair)),
        bestLikeForLikeRatio: Number(best((r) => r.fan / r.fair).toFixed(2)),
        bestDispatch: Math.round(best((r) => r.dispatch)),
      }),
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
