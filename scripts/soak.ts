/**
 * `npm run soak`: the reliability suite's scenarios (tests/reliability), run longer and bigger
 * until the time is up, then a summary. Exit 1 when any promise broke.
 *
 *   npm run soak                                  # about 3 minutes
 *   npm run soak -- --minutes 10 --kills 40 --readers 3000 --seed 7
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { flappingBroadcast } from "../tests/reliability/scenarios/flapping.ts";
import { inboundStorm } from "../tests/reliability/scenarios/inbound-storm.ts";
import { killRepeatedly } from "../tests/reliability/scenarios/kills.ts";
import {
  cleanerProperty,
  formatterProperty,
  splitterProperty,
  summaryProperty,
} from "../tests/reliability/scenarios/properties.ts";

const HELP = `npm run soak -- [options]
  --minutes N    how long to keep starting rounds (default 3; each kind runs at least once)
  --kills N      SIGKILLs per broadcast in a crash round (default 15)
  --readers N    readers per broadcast (default 1500)
  --messages N   inbound messages per storm round (default 30000, from a tenth as many senders)
  --runs N       runs per property per round (default 1000)
  --seed N       first seed (default: the time); rounds use seed, seed+1, …`;

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "3" },
    kills: { type: "string", default: "15" },
    readers: { type: "string", default: "1500" },
    messages: { type: "string", default: "30000" },
    runs: { type: "string", default: "1000" },
    seed: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const number = (name: keyof typeof values, value: string | undefined): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    process.stderr.write(`--${name} attend un nombre positif (reçu « ${value} »)\n\n${HELP}\n`);
    process.exit(2);
  }
  return n;
};
const minutes = number("minutes", values.minutes);
const kills = Math.floor(number("kills", values.kills));
const readers = Math.floor(number("readers", values.readers));
const messages = Math.floor(number("messages", values.messages));
const runs = Math.floor(number("runs", values.runs));
const firstSeed = values.seed === undefined ? Date.now() % 1_000_000 : number("seed", values.seed);

const totals = {
  crash: { rounds: 0, kills: 0, deliveries: 0, duplicates: 0, maxInFlight: 0 },
  flapping: { rounds: 0, rows: 0, sent: 0, dead: 0, cancelled: 0, failures: 0, outages: 0 },
  storm: { rounds: 0, messages: 0, replies: 0, posing: 0, refusals: 0, longestReply: 0 },
  properties: { rounds: 0, runs: 0 },
};
const problems: string[] = [];
const deadline = Date.now() + minutes * 60_000;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const note = (line: string) => process.stdout.write(`[${elapsed()}] ${line}\n`);

const rounds: Array<(seed: number) => Promise<void>> = [
  async (seed) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-soak-"));
    try {
      const r = await killRepeatedly({ dir, readers, kills, seed });
      const t = totals.crash;
      t.rounds++;
      t.kills += r.kills;
      t.deliveries += r.deliveries;
      t.duplicates += r.duplicates;
      t.maxInFlight = Math.max(t.maxInFlight, r.maxInFlight);
      problems.push(...r.problems.map((p) => `crash (seed ${seed}): ${p}`));
      note(`crash: ${r.kills} kills, ${r.deliveries} deliveries, ${r.duplicates} duplicate(s)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  async (seed) => {
    const r = await flappingBroadcast({ readers, seed });
    const t = totals.flapping;
    t.rounds++;
    t.rows += r.rows;
    t.sent += r.sent;
    t.dead += r.dead;
    t.cancelled += r.cancelled;
    t.failures += r.failures;
    t.outages += r.outages;
    problems.push(...r.problems.map((p) => `flapping (seed ${seed}): ${p}`));
    note(`flapping: ${r.rows} rows, ${r.sent} sent, ${r.dead} dead, ${r.outages} outages`);
  },
  async (seed) => {
    const senders = Math.max(100, Math.floor(messages / 10));
    const r = await inboundStorm({ messages, senders, seed });
    const t = totals.storm;
    t.rounds++;
    t.messages += r.messages;
    t.replies += r.replies;
    t.posing += r.posing;
    t.refusals += r.refusals;
    t.longestReply = Math.max(t.longestReply, r.longestReply);
    problems.push(...r.problems.map((p) => `storm (seed ${seed}): ${p}`));
    note(`storm: ${r.messages} messages, ${r.posing} posing as editors, ${r.refusals} refused`);
  },
  async (seed) => {
    const properties = {
      cleaner: cleanerProperty,
      splitter: splitterProperty,
      summary: summaryProperty,
      formatter: formatterProperty,
    };
    for (const [name, property] of Object.entries(properties)) {
      const result = fc.check(property as fc.IProperty<unknown[]>, { numRuns: runs, seed });
      totals.properties.runs += result.numRuns;
      if (result.failed) {
        problems.push(
          `property ${name} (seed ${seed}): ${String(result.errorInstance).slice(0, 800)}\n` +
            `  counterexample: ${JSON.stringify(result.counterexample).slice(0, 800)}`,
        );
      }
    }
    totals.properties.rounds++;
    note(`properties: ${4 * runs} runs`);
  },
];

note(`soak: ${minutes} min, seed ${firstSeed}, ${readers} readers, ${kills} kills a round`);
for (let i = 0; i < rounds.length || Date.now() < deadline; i++) {
  const round = rounds[i % rounds.length];
  await round?.(firstSeed + i);
}

const c = totals.crash;
const f = totals.flapping;
const s = totals.storm;
const summary = [
  "",
  `Soak summary (${elapsed()}, first seed ${firstSeed})`,
  `  SIGKILL     ${c.rounds} broadcasts of ${readers + 1}, ${c.kills} kills, ${c.deliveries} deliveries, ` +
    `${c.duplicates} duplicate(s) (allowed: ${c.kills}), at most ${c.maxInFlight} in flight at a kill`,
  `  flapping    ${f.rounds} runs, ${f.rows} rows: ${f.sent} sent, ${f.dead} dead, ${f.cancelled} cancelled; ` +
    `${f.failures} failed sends, ${f.outages} outages`,
  `  inbound     ${s.rounds} storms, ${s.messages} messages, ${s.posing} posing as editors, ` +
    `${s.refusals} refusals audited, ${s.replies} replies (longest ${s.longestReply} chars)`,
  `  properties  ${totals.properties.rounds} rounds, ${totals.properties.runs} runs (cleaner, splitter, summary, formatter)`,
  problems.length === 0 ? "  all promises held" : `  ${problems.length} PROBLEM(S):`,
  ...problems.map((p) => `  - ${p}`),
];
process.stdout.write(`${summary.join("\n")}\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
