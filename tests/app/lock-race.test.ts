import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
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
    const shared = new Int32Array(control);
    const owners = new Map<number, number[]>();
    // Why the others were refused, by round: what a failure report needs to be understood.
    const refusals = new Map<number, string[]>();
    const workers = CONTENDERS.map((pid) =>
      tsWorker(new URL("./lock-race-worker.ts", import.meta.url), {
        file,
        pid,
        alive: CONTENDERS,
        control,
      }),
    );
    let failure: unknown = null;
    for (const worker of workers) {
      worker.on("error", (error) => {
        failure = error;
      });
      worker.on("message", (m: { round: number; pid: number; got: boolean; why: string }) => {
        if (!m.got) {
          refusals.set(m.round, [...(refusals.get(m.round) ?? []), `${m.pid}: ${m.why}`]);
          return;
        }
        owners.set(m.round, [...(owners.get(m.round) ?? []), m.pid]);
      });
    }
    const stale = JSON.stringify({
      pid: 4999,
      host: "serveur-redaction",
      bootId: "boot-1",
      token: "t-4999",
      startedAt: "2026-01-01T10:00:00.000Z",
      what: "la base",
    });
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        rmSync(file, { force: true });
        writeFileSync(file, stale);
        Atomics.store(shared, 1, 0);
        Atomics.store(shared, 0, round);
        Atomics.notify(shared, 0);
        while (Atomics.load(shared, 1) < CONTENDERS.length) {
          if (failure) throw failure;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      // Messages of the last round may still be on their way.
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      Atomics.store(shared, 0, -1);
      Atomics.notify(shared, 0);
      await Promise.all(workers.map((w) => w.terminate()));
    }
    const bad = [...Array(ROUNDS).keys()]
      .map((i) => i + 1)
      .filter((round) => owners.get(round)?.length !== 1)
      .map(
        (round) =>
          `round ${round}: ${owners.get(round)?.join(", ") ?? "personne"} ` +
          `(refusés : ${refusals.get(round)?.join(" | ") ?? "aucun"})`,
      );
    expect(bad).toEqual([]);
  }, 120_000);
});
