/**
 * A broadcast killed with SIGKILL at random moments, again and again, then finished: the
 * scenario behind the CI test and `npm run soak`. The process that sends is the delivery
 * tests' crash child (tests/delivery/crash-child.ts): a real dispatcher over the real store
 * file, and a transport that fsyncs each recipient to a log before reporting success — the log
 * is the truth about what "WhatsApp" received.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { openApp } from "../../../src/app/services.ts";
import { loadConfig } from "../../../src/config.ts";
import { prepareArticle } from "../../../src/ingest/prepare.ts";
import { ManualClock } from "../../../src/lib/clock.ts";
import { seededRandom } from "../../../src/lib/random.ts";
import { silentLogger } from "../../../src/log.ts";
import { INTERRUPTED } from "../../../src/store/outbox.ts";
import { CHANNEL } from "../../../src/transport/transport.ts";
import { fixtureArticle } from "../../support/delivery.ts";
import { addReaders, chat } from "../../support/delivery-helpers.ts";
import { integrity, tally } from "../helpers.ts";

const CHILD = fileURLToPath(new URL("../crash-child.ts", import.meta.url));

export interface KillOptions {
  /** A fresh folder for the store and the sent log. */
  dir: string;
  readers: number;
  kills: number;
  seed: number;
}

export interface KillReport {
  readers: number;
  /** Kills that landed while the broadcast was still sending. */
  kills: number;
  /** Lines in the sent log: messages "WhatsApp" received, duplicates included. */
  deliveries: number;
  /** Recipients who received the alert twice (each one a row a kill interrupted). */
  duplicates: number;
  /** The most rows found in `sending` right after a kill (the one in flight). */
  maxInFlight: number;
  /** Everything that broke a promise of the crash policy; empty when all held. */
  problems: string[];
}

/** Queues a broadcast to `readers` followers as an editor would; returns its id. */
function queueBroadcast(db: string, readers: number): number {
  const clock = new ManualClock("2025-04-02T09:00:00Z");
  const config = loadConfig({
    DATABASE_PATH: db,
    TZ: "Africa/Bamako",
    CHANNEL_ID: "120363000000000000@newsletter",
  });
  const app = openApp(config, { clock, log: silentLogger() });
  addReaders(
    app,
    Array.from({ length: readers }, (_, i) => ({ chatId: chat(i), follows: ["politique"] })),
    clock.now(),
  );
  const prepared = prepareArticle(
    { ...fixtureArticle("aes"), publishedAt: clock.now() },
    { summaryMaxChars: config.summaryMaxChars },
  );
  const { id } = app.articles.upsert(prepared, clock.now());
  const { broadcastId } = app.delivery.desk.publish(id, "+22370000099");
  // Due now for the child's real clock.
  app.db.prepare("UPDATE outbox SET not_before = 0").run();
  app.close();
  return broadcastId;
}

function lines(file: string): string[] {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
}

/**
 * Starts the crash child; `killAt` (a count of lines in the sent log) and `delayMs` say when
 * to SIGKILL it. Resolves with how it ended: "SIGKILL", or its exit code when it finished first.
 */
async function runChild(
  args: string[],
  sentLog: string,
  killAt: number | null,
  delayMs: number,
): Promise<{ ended: string | number | null; stderr: string }> {
  const proc = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const ended = new Promise<string | number | null>((resolve) =>
    proc.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  if (killAt !== null) {
    let exited = false;
    void ended.then(() => {
      exited = true;
    });
    while (!exited && lines(sentLog).length < killAt) {
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    // A few milliseconds more: the kill lands anywhere in a send (before WhatsApp has it, or
    // after and before the outbox knows), not always just after a write.
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!exited) proc.kill("SIGKILL");
  }
  return { ended: await ended, stderr };
}

/** Rows left `sending` and the store's health, read right after a kill (before any restart). */
function inspect(db: string): { sending: number; health: string } {
  const handle = new Database(db);
  try {
    const sending = handle
      .prepare("SELECT count(*) FROM outbox WHERE state = 'sending'")
      .pluck()
      .get() as number;
    return { sending, health: integrity(handle) };
  } finally {
    handle.close();
  }
}

/** Runs the broadcast, killing it `kills` times at random moments, then lets it finish. */
export async function killRepeatedly(options: KillOptions): Promise<KillReport> {
  const { dir, readers } = options;
  const random = seededRandom(options.seed);
  const db = path.join(dir, "suivez.db");
  const sentLog = path.join(dir, "sent.log");
  const broadcastId = queueBroadcast(db, readers);
  const args = [db, sentLog, String(broadcastId)];
  const total = readers + 1;
  const problems: string[] = [];
  let kills = 0;
  let maxInFlight = 0;

  for (let k = 0; k < options.kills; k++) {
    const done = lines(sentLog).length;
    // Spread the kills over what is left, at random points of each stretch.
    const stretch = Math.max(2, Math.floor((total - done) / (options.kills - k + 1)));
    const killAt = done + 1 + Math.floor(random() * stretch);
    const { ended, stderr } = await runChild(args, sentLog, killAt, Math.floor(random() * 8));
    if (ended !== "SIGKILL") {
      if (ended !== 0) problems.push(`run ${k + 1} ended with ${ended}: ${stderr.slice(-500)}`);
      break;
    }
    kills++;
    const { sending, health } = inspect(db);
    maxInFlight = Math.max(maxInFlight, sending);
    if (sending > 1) problems.push(`kill ${kills}: ${sending} rows in flight (at most 1)`);
    if (health !== "ok") problems.push(`kill ${kills}: ${health}`);
  }
  const last = await runChild(args, sentLog, null, 0);
  if (last.ended !== 0) problems.push(`final run ended with ${last.ended}: ${last.stderr}`);

  const sent = lines(sentLog);
  const { counts, repeated } = tally(sent);
  const expected = [CHANNEL, ...Array.from({ length: readers }, (_, i) => chat(i))];
  const missing = expected.filter((to) => !counts.has(to));
  if (missing.length > 0) problems.push(`${missing.length} never received: ${missing.slice(0, 5)}`);
  if (repeated.length > kills) {
    problems.push(`${repeated.length} duplicates for ${kills} kills (at most one per kill)`);
  }
  for (const to of repeated) {
    if ((counts.get(to) ?? 0) > 2) problems.push(`${to} received ${counts.get(to)} copies`);
  }

  const check = new Database(db);
  const health = integrity(check);
  if (health !== "ok") problems.push(`at the end: ${health}`);
  const states = check.prepare("SELECT state, count(*) AS n FROM outbox GROUP BY state").all() as {
    state: string;
    n: number;
  }[];
  if (states.length !== 1 || states[0]?.state !== "sent" || states[0].n !== total) {
    problems.push(`outbox states at the end: ${JSON.stringify(states)}`);
  }
  // A duplicate can only be a row a kill interrupted, and the row says so.
  const interrupted = new Set(
    check
      .prepare("SELECT recipient FROM outbox WHERE last_error = ?")
      .pluck()
      .all(INTERRUPTED) as string[],
  );
  check.close();
  for (const to of repeated) {
    if (!interrupted.has(to)) problems.push(`${to} received twice without an interrupted row`);
  }
  return {
    readers,
    kills,
    deliveries: sent.length,
    duplicates: repeated.length,
    maxInFlight,
    problems,
  };
}
