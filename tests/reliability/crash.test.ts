import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openApp } from "../../src/app/services.ts";
import { loadConfig } from "../../src/config.ts";
import { prepareArticle } from "../../src/ingest/prepare.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/log.ts";
import { INTERRUPTED } from "../../src/store/outbox.ts";
import { CHANNEL } from "../../src/transport/transport.ts";
import { fixtureArticle } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const child = path.join(here, "crash-child.ts");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-crash-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const READERS = 2000;

function run(
  db: string,
  sentLog: string,
  broadcastId: number,
): { proc: ChildProcess; done: Promise<number | string | null>; stderr: () => string } {
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", child, db, sentLog, String(broadcastId)],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  proc.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<number | string | null>((resolve) =>
    proc.on("exit", (code, signal) => resolve(code ?? signal)),
  );
  return { proc, done, stderr: () => stderr };
}

function lines(file: string): string[] {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("A broadcast that survives a crash", () => {
  it("sends every one of 2,000 alerts exactly once, except at most the one in flight, after a SIGKILL", async () => {
    const db = path.join(dir, "suivez.db");
    const sentLog = path.join(dir, "sent.log");
    const clock = new ManualClock("2025-04-02T09:00:00Z");
    const config = loadConfig({
      DATABASE_PATH: db,
      TZ: "Africa/Bamako",
      CHANNEL_ID: "120363000000000000@newsletter",
    });
    // Queue the broadcast as an editor would, then close: the child only sends.
    const setup = openApp(config, { clock, log: silentLogger() });
    addReaders(
      setup,
      Array.from({ length: READERS }, (_, i) => ({ chatId: chat(i), follows: ["politique"] })),
      clock.now(),
    );
    const prepared = prepareArticle(
      { ...fixtureArticle("aes"), publishedAt: clock.now() },
      { summaryMaxChars: config.summaryMaxChars },
    );
    const { id } = setup.articles.upsert(prepared, clock.now());
    const receipt = setup.delivery.desk.publish(id, "+22370000099");
    expect(receipt.recipients).toBe(READERS);
    // Rows are due "now" for the real clock in the child.
    setup.db.prepare("UPDATE outbox SET not_before = 0").run();
    setup.close();

    const first = run(db, sentLog, receipt.broadcastId);
    await until(() => lines(sentLog).length >= 700, 60_000);
    first.proc.kill("SIGKILL");
    expect(await first.done).toBe("SIGKILL");
    const beforeRestart = lines(sentLog).length;
    expect(beforeRestart).toBeLessThan(READERS + 1);

    const second = run(db, sentLog, receipt.broadcastId);
    const code = await second.done;
    expect(code, second.stderr()).toBe(0);

    const sent = lines(sentLog);
    const counts = new Map<string, number>();
    for (const to of sent) counts.set(to, (counts.get(to) ?? 0) + 1);
    const expected = [CHANNEL, ...Array.from({ length: READERS }, (_, i) => chat(i))];
    const missing = expected.filter((to) => !counts.has(to));
    const twice = [...counts].filter(([, n]) => n > 1).map(([to]) => to);
    expect(missing).toEqual([]);
    expect(twice.length).toBeLessThanOrEqual(1);
    expect(counts.size).toBe(READERS + 1);

    const check = openApp(config, { clock, log: silentLogger() });
    expect(check.db.pragma("integrity_check", { simple: true })).toBe("ok");
    const states = check.db.prepare("SELECT state, count(*) AS n FROM outbox GROUP BY state").all();
    expect(states).toEqual([{ state: "sent", n: READERS + 1 }]);
    // A duplicate can only be the row the crash interrupted, and it says so.
    const interrupted = check.db
      .prepare("SELECT recipient FROM outbox WHERE last_error = ?")
      .pluck()
      .all(INTERRUPTED) as string[];
    expect(interrupted.length).toBeLessThanOrEqual(1);
    for (const to of twice) expect(interrupted).toContain(to);
    check.close();
    process.stdout.write(
      `crash test: killed after ${beforeRestart} sends, ${sent.length} lines in all, ` +
        `${twice.length} sent twice, ${interrupted.length} row(s) settled at restart\n`,
    );
  }, 120_000);
});
