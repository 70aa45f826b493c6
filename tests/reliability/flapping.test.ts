import { describe, expect, it } from "vitest";
import { flappingBroadcast } from "./scenarios/flapping.ts";

describe("A transport that flaps (down, up, dropped mid-send) and fails 30 % of sends", () => {
  for (const seed of [1, 2]) {
    it(`ends every row sent, dead or cancelled with its reason, and nobody gets a message twice (seed ${seed})`, async () => {
      const report = await flappingBroadcast({ readers: 300, seed });
      expect(report.problems).toEqual([]);
      // The faults really happened: outages, and failures around 30 % of the attempts.
      expect(report.outages).toBeGreaterThan(10);
      expect(report.failures).toBeGreaterThan(report.rows * 0.2);
      expect(report.dead + report.cancelled).toBeGreaterThan(0);
      expect(report.sent).toBeGreaterThan(report.rows * 0.8);
      process.stdout.write(
        `flapping (seed ${seed}): ${JSON.stringify({ ...report, problems: undefined })}\n`,
      );
    });
  }
});
