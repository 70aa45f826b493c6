import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { SettingsRepo } from "../../src/store/settings.ts";
import { playRounds } from "../support/rounds.ts";
import { tsWorker } from "../support/ts-worker.ts";

const ROUNDS = 200;
const CONTENDERS = [6101, 6102, 6103];

describe("dispatcher heartbeat", () => {
  it(`lets exactly one of 3 processes starting together take the sender's place (${ROUNDS} rounds)`, async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "suivez-beat-")), "suivez.db");
    const db = openDatabase(file);
    const settings = new SettingsRepo(db);
    const control = new SharedArrayBuffer(8);
    const workers = CONTENDERS.map((pid) =>
      tsWorker(new URL("./heartbeat-race-worker.ts", import.meta.url), { file, pid, control }),
    );
    try {
      const bad = await playRounds({
        workers,
        control,
        rounds: ROUNDS,
        reset: () => settings.clearHeartbeat(),
      });
      expect(bad).toEqual([]);
    } finally {
      db.close();
    }
  }, 120_000);
});
