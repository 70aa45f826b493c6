import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { SettingsRepo } from "../../src/store/settings.ts";
import { tsWorker } from "../support/ts-worker.ts";

const ROUNDS = 200;
const CONTENDERS = [6101, 6102, 6103];

describe("dispatcher heartbeat", () => {
  it(`lets exactly one of 3 processes starting together take the sender's place (${ROUNDS} rounds)`, async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "suivez-beat-")), "suivez.db");
    const db = openDatabase(file);
    const settings = new SettingsRepo(db);
    const control = new SharedArrayBuffer(8);
    const shared = new Int32Array(control);
    const owners = new Map<number, number[]>();
    let failure: unknown = null;
    const workers = CONTENDERS.map((pid) =>
      tsWorker(new URL("./heartbeat-race-worker.ts", import.meta.url), { file, pid, control }),
    );
    for (const worker of workers) {
      worker.on("error", (error) => {
        failure = error;
      });
      worker.on("message", (m: { round: number; pid: number; got: boolean }) => {
        if (m.got) owners.set(m.round, [...(owners.get(m.round) ?? []), m.pid]);
      });
    }
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        settings.clearHeartbeat();
        Atomics.store(shared, 1, 0);
        Atomics.store(shared, 0, round);
        Atomics.notify(shared, 0);
        while (Atomics.load(shared, 1) < CONTENDERS.length) {
          if (failure) throw failure;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      Atomics.store(shared, 0, -1);
      Atomics.notify(shared, 0);
      await Promise.all(workers.map((w) => w.terminate()));
      db.close();
    }
    const bad = [...Array(ROUNDS).keys()]
      .map((i) => i + 1)
      .filter((round) => owners.get(round)?.length !== 1)
      .map((round) => `round ${round}: ${owners.get(round)?.join(", ") ?? "personne"}`);
    expect(bad).toEqual([]);
  }, 120_000);
});
