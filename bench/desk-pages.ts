/**
 * The desk's Audience, Journal, Signalements and Essayer pages (and Audience's JSON) at the
 * size of a big newsroom: 100,000 articles, 100,000 readers, 100,000 journal entries, 5,000
 * tips, a year of readers' changes, 20 broadcasts with 200,000 messages sent and their receipts.
 * Each page is requested through the desk app with a signed-in session: median and p95 of 30
 * requests after 3 warm-ups; the Audience page also cold (first request, outbox figures not
 * cached yet). Prints JSON figures (bench/run.ts); alone: `npx tsx bench/desk-pages.ts [dir]`
 * (without a dir it seeds its own store).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { deskDeps } from "../src/app/desk.ts";
import { openApp } from "../src/app/services.ts";
import { loadConfig } from "../src/config.ts";
import { createDeskApp } from "../src/http/desk/desk-app.ts";
import { hashToken, newToken } from "../src/http/desk/tokens.ts";
import { prepareArticle } from "../src/ingest/prepare.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import { chatOf, percentile, seedArticles, seedReaders } from "./lib.ts";
import type { Figure } from "./run.ts";

const EDITOR = "+22370000009";
const NOW = "2025-04-02T10:00:00Z";
const source = process.argv[2];
const readers = Number(process.argv[3] ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-desk-bench-"));
// A copy: the other benches use the shared store as it was seeded.
if (source) fs.copyFileSync(path.join(source, "suivez.db"), path.join(dir, "suivez.db"));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", EDITORS: EDITOR });
const clock = new ManualClock(NOW);
const app = openApp(config, { clock, log: silentLogger() });
const now = clock.now().getTime();
const DAY = 86_400_000;

if (!source) {
  const prepared = [
    prepareArticle(
      {
        title: "Le Mali et la Russie signent un accord sur l'énergie",
        body: "Bamako et Moscou ont signé mardi un accord de coopération dans le domaine de l'énergie. ".repeat(
          20,
        ),
        origin: "bench",
      },
      { summaryMaxChars: 280 },
    ),
  ];
  seedArticles(app, prepared, 100_000, Date.parse("2024-01-01T00:00:00Z"));
  seedReaders(app, readers, now - 400 * DAY);
}

// A year of readers' life: stops and new follows spread over the days (through the real
// triggers, as the bot writes them), journal entries, tips, broadcasts and receipts.
app.db.transaction(() => {
  const stop = app.db.prepare("UPDATE subscribers SET stopped_at = ? WHERE chat_id = ?");
  const follow = app.db.prepare(
    `INSERT OR IGNORE INTO follows (subscriber_id, category_key, created_at)
     SELECT id, ?, ? FROM subscribers WHERE chat_id = ?`,
  );
  const rubrics = ["sport", "economie", "societe", "culture", "international", "sante"];
  for (let i = 0; i < readers; i += 7) {
    const at = now - ((i * 7919) % (365 * DAY));
    if (i % 5 === 0) stop.run(at, chatOf(i));
    follow.run(rubrics[i % rubrics.length], at, chatOf(i));
  }
  for (let i = 0; i < 100_000; i++) {
    app.audit.record(
      {
        actor: i % 3 === 0 ? EDITOR : "+22376000001",
        via: ["whatsapp", "desk", "cli"][i % 3] ?? "desk",
        action: ["publish", "preview", "stats", "pause", "tip-answer"][i % 5] ?? "stats",
        target: String(i % 1000),
        outcome: i % 11 === 0 ? "refused" : "ok",
        detail: null,
      },
      new Date(now - (100_000 - i) * 300_000),
    );
  }
  for (let i = 0; i < 5_000; i++) {
    app.tips.record({
      chatId: chatOf(i * 13),
      text: `Est-ce vrai que la route nationale ${i} est coupée près de Ségou ?`,
      language: "fr",
      forwarded: i % 4 === 0,
      at: new Date(now - i * 600_000),
    });
  }
  const broadcast = app.db.prepare(
    `INSERT INTO broadcasts (kind, label, created_by, created_at, started_at, state, channel,
       recipients, finished_at) VALUES ('alert', ?, ?, ?, ?, 'done', 1, 10000, ?)`,
  );
  const sent = app.db.prepare(
    `INSERT INTO outbox (kind, priority, recipient, broadcast_id, body, state, not_before, sent_at,
       transport_id, created_at, updated_at)
     VALUES (?, 1, ?, ?, 'Alerte', 'sent', ?, ?, ?, ?, ?)`,
  );
  const receipt = app.db.prepare(
    "INSERT INTO receipts (transport_id, delivered_at, read_at, updated_at) VALUES (?, ?, ?, ?)",
  );
  for (let b = 0; b < 20; b++) {
    const at = now - (20 - b) * DAY;
    const id = Number(
      broadcast.run(`Alerte n° ${b}`, EDITOR, at, at, at + 3_600_000).lastInsertRowid,
    );
    sent.run("channel", "channel", id, at, at, `ch-${b}`, at, at);
    for (let r = 0; r < 10_000; r++) {
      const t = at + r * 300;
      const tid = `bench-${b}-${r}`;
      sent.run("alert", chatOf(r), id, t, t, tid, t, t);
      if (r % 3 !== 0) receipt.run(tid, t + 1000, r % 2 === 0 ? t + 60_000 : null, t + 60_000);
    }
  }
})();
app.db.pragma("optimize");

const desk = createDeskApp(deskDeps(app));
const session = newToken();
app.deskSessions.create({
  idHash: hashToken(session),
  editor: EDITOR,
  csrf: newToken(),
  now: clock.now(),
  expiresAt: new Date(now + DAY),
});
const get = async (url: string): Promise<number> => {
  const t = performance.now();
  const res = await desk.request(`http://localhost${url}`, {
    headers: { cookie: `desk_session=${session}`, host: "localhost", accept: "text/html" },
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t;
};

const figures: Figure[] = [];
const cold = await get("/desk/audience");
figures.push({
  name: "Desk: Audience page, first request of the process",
  value: Math.round(cold * 10) / 10,
  unit: "ms",
  target: { value: 100, better: "lower", label: "< 100 ms" },
  note: "200,000 messages sent over 20 broadcasts, receipts for two thirds",
});
const PAGES: [string, string][] = [
  ["Audience page", "/desk/audience"],
  ["Audience readers JSON (365 days)", "/desk/audience/lecteurs.json?jours=365"],
  ["Journal, newest", "/desk/journal"],
  [
    "Journal, filtered (who + action + dates)",
    "/desk/journal?qui=0009&action=publ&du=2025-01-01&au=2025-03-31",
  ],
  ["Journal, 1,000th page", "/desk/journal?avant=50000"],
  ["Signalements, to handle", "/desk/signalements"],
  ["Signalements, most frequent", "/desk/signalements?filtre=frequents"],
  ["Signalements, one tip", "/desk/signalements/1"],
  ["Essayer (page)", "/desk/essayer"],
];
for (const [name, url] of PAGES) {
  for (let i = 0; i < 3; i++) await get(url);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) times.push(await get(url));
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  figures.push({
    name: `Desk: ${name}`,
    value: Math.round(p50 * 10) / 10,
    unit: "ms",
    target: { value: 100, better: "lower", label: "< 100 ms" },
    note: `median of 30, p95 ${percentile(times, 95).toFixed(1)} ms; ${readers.toLocaleString("en")} readers, 100,000 articles`,
  });
}
app.close();
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(figures)}\n`);
