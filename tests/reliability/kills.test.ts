import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killRepeatedly } from "./scenarios/kills.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-kills-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("A broadcast killed again and again (SIGKILL at random moments)", () => {
  it("reaches every reader, with at most one duplicate per kill and a sound store after each", async () => {
    const report = await killRepeatedly({ dir, readers: 300, kills: 3, seed: 7 });
    expect(report.problems).toEqual([]);
    // The kills did land mid-broadcast (a broadcast that finished first would prove nothing).
    expect(report.kills).toBe(3);
    expect(report.deliveries).toBe(301 + report.duplicates);
    process.stdout.write(
      `kills: ${report.kills} kills, ${report.deliveries} deliveries to ${report.readers + 1}, ` +
        `${report.duplicates} duplicate(s), at most ${report.maxInFlight} in flight at a kill\n`,
    );
  }, 90_000);
});
