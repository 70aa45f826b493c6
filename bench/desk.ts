/**
 * The web desk's pages at newsroom scale: each page of the desk answered in-process (Hono's
 * fetch, the real store, the real rendering) over 100,000 articles and 100,000 readers, with a
 * broadcast to every reader under way and a history of 50. Target: < 100 ms per page (p95).
 *   node dist/bench/desk.js [<data dir seeded by run.ts>] [articles] [readers]   (prints JSON)
 * Without a directory it seeds its own store (so it runs alone: `npm run build` first).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { deskDeps } from "../src/app/desk.ts";
import { openApp } from "../src/app/services.ts";
import { loadConfig } from "../src/config.ts";
import { createDeskApp } from "../src/http/desk/desk-app.ts";
import type { DeskRouter } from "../src/http/desk/env.ts";
import { prepareArticle } from "../src/ingest/prepare.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import {
  CountingTransport,
  percentile,
  seedArticles,
  seedReaders,
  unpacedDispatcher,
} from "./lib.ts";
import type { Figure } from "./run.ts";

const [dirArg, articlesArg = "100000", readersArg = "100000"] = process.argv.slice(2);
const EDITOR = "+22376000000";
const progress = (line: string) => process.stderr.write(`  ${line}\n`);

const dir = dirArg || fs.mkdtempSync(path.join(os.tmpdir(), "suivez-desk-bench-"));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", EDITORS: EDITOR });
const clock = new ManualClock("2025-04-02T10:00:00Z");
const app = openApp(config, { clock, log: silentLogger() });

if (!dirArg) {
  progress(`desk: seeding ${articlesArg} articles and ${readersArg} readers in ${dir} …`);
  const sentence =
    "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso effectuent une visite officielle en Russie. ";
  const prepared = Array.from({ length: 200 }, (_, i) =>
    prepareArticle(
      {
        title: `Article numéro ${i} sur la coopération régionale au Sahel`,
        body: sentence.repeat(20),
        origin: "bench",
      },
      { summaryMaxChars: 280 },
    ),
  );
  const base = Date.parse("2024-01-01T00:00:00Z");
  seedArticles(app, prepared, Number(articlesArg), base);
  seedReaders(app, Number(readersArg), base);
}

// A history of 49 broadcasts of other rubrics' articles (a Channel post each; no reader of
// the bench follows them), and, last, one to every reader under way.
const latest = app.articles.deskPage({ limit: 300 });
const others = latest.filter((a) => !a.categories.includes("Politique")).slice(0, 49);
for (const a of others) app.delivery.desk.publish(a.id, EDITOR);
const running = latest.find((a) => a.categories.includes("Politique"));
if (running) app.delivery.desk.publish(running.id, EDITOR);
// Half of it sent, with delivered receipts (read for one in three): the history's received /
// read counts join real rows.
const sender = new CountingTransport();
const sentBefore = sender.sent;
await unpacedDispatcher(app, sender).drain({ maxRows: Math.floor(Number(readersArg) / 2) });
app.db.transaction(() => {
  for (let i = sentBefore + 1; i <= sender.sent; i++) {
    const status = i % 3 === 0 ? "read" : "delivered";
    app.receipts.record({ transportId: `b${i}`, status, at: clock.now() });
  }
})();
const runningBroadcast = app.broadcasts.recent(1)[0]?.id ?? 0;
const deps = deskDeps(app);
const desk: DeskRouter = createDeskApp(deps);

// A session, opened through the sign-in pages as an editor would (code read from the outbox).
const cookie = await signIn(desk);

function lastCode(): string {
  let code = "";
  for (let id = 1; ; id++) {
    const row = app.outbox.get(id);
    if (!row) return code;
    code = /\*(\d{6})\*/.exec(row.body)?.[1] ?? code;
  }
}

async function signIn(router: DeskRouter): Promise<string> {
  const first = await router.request("http://localhost/desk/connexion", {
    headers: { accept: "text/html" },
  });
  const visitor = /desk_visitor=([^;]+)/.exec(first.headers.get("set-cookie") ?? "")?.[1] ?? "";
  const post = (url: string, form: Record<string, string>) =>
    router.request(`http://localhost${url}`, {
      method: "POST",
      headers: {
        cookie: `desk_visitor=${visitor}`,
        "content-type": "application/x-www-form-urlencoded",
        host: "localhost",
      },
      body: new URLSearchParams({ _csrf: visitor, phone: EDITOR, ...form }).toString(),
    });
  await post("/desk/connexion/code", {});
  const res = await post("/desk/connexion", { code: lastCode() });
  const session = /desk_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (!session) throw new Error(`bench: no session (${res.status})`);
  return `desk_session=${session}`;
}

const article = running?.id ?? 1;
const pages: [string, string][] = [
  ["articles, newest first", "/desk/articles"],
  ["articles, one rubric", "/desk/articles?rubrique=Politique"],
  ["articles, search", "/desk/articles?q=ministres%20sahel"],
  ["articles, page 100", ""],
  ["one article with its previews", `/desk/articles/${article}`],
  ["broadcasts (one to every reader, half sent)", "/desk/diffusions"],
  ["broadcasts progress event", "/desk/diffusions/flux?once=1"],
  ["receipts of the broadcast to every reader (fetched after the page)", "RECEIPTS"],
  ["pairing", "/desk/appairage"],
];

async function get(url: string): Promise<number> {
  const t = performance.now();
  const res = await desk.request(`http://localhost${url}`, {
    headers: { cookie, accept: "text/html", host: "localhost" },
  });
  await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`bench: ${url} answered ${res.status}`);
  return ms;
}

// The 100th page of the list: its cursor, as the « Plus anciens » link carries it.
const deep = app.articles.deskPage({ limit: 5000 }).at(-1);
const deepUrl = deep
  ? `/desk/articles?avant=${deep.publishedAt.getTime()}_${deep.id}`
  : "/desk/articles";

const figures: Figure[] = [];
for (const [name, url0] of pages) {
  const url =
    url0 === "RECEIPTS" ? `/desk/diffusions/${runningBroadcast}/accuses` : url0 || deepUrl;
  await get(url); // warm: prepared statements, caches
  const times: number[] = [];
  for (let i = 0; i < 30; i++) times.push(await get(url));
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  figures.push({
    name: `desk page: ${name}`,
    value: Math.round(p95 * 10) / 10,
    unit: "ms p95",
    target: { value: 100, better: "lower", label: "100 ms" },
    note: `median ${percentile(times, 50).toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms, 30 requests, ${articlesArg} articles, ${readersArg} readers`,
  });
  progress(`desk: ${name}: p95 ${p95.toFixed(1)} ms`);
}
app.close();
if (!dirArg && process.env.DESK_BENCH_KEEP !== "1")
  fs.rmSync(dir, { recursive: true, force: true });
else progress(`desk: store kept in ${dir}`);
process.stdout.write(`${JSON.stringify(figures)}\n`);
