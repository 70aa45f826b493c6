import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { playRounds } from "../support/rounds.ts";
import { tsWorker } from "../support/ts-worker.ts";

const ROUNDS = 1000;
const CONTENDERS = [5101, 5102, 5103];

/**
 * Three starters (threads, really in parallel) find the same stale lock, left by a crashed
 * pid, and all try to take it over at once; each round, exactly one may own it.
 */
describe("lock takeover race", () => {
  it(`gives the stale lock to exactly one of 3 starters, ${ROUNDS} rounds in a row`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "suivez-lock-race-"));
    const file = path.join(dir, "suivez.db.lock");
    const control = new SharedArrayBuffer(8);
    const workers = CONTENDERS.map((pid) =>
      tsWorker(new URL("./lock-race-worker.ts", import.meta.url), {
        file,
        pid,
        alive: CONTENDERS,
        control,
      }),
    );
    const stale = JSON.stringify({
      pid: 4999,
      host: "serveur-redaction",
      bootId: "boot-1",
      token: "t-4999",
      startedAt: "2026-01-01T10:00:00.000Z",
      what: "la base",
    });
    const bad = await playRounds({
      workers,
      control,
      rounds: ROUNDS,
      reset: () => {
        rmSync(file, { force: true });
        writeFileSync(file, stale);
      },
    });
    expect(bad).toEqual([]);
  }, 120_000);
});
