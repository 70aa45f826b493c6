import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { DEFAULT_WARM_UP_SCHEDULE, warmUpCeiling } from "../../src/domain/warm-up.ts";

describe("the warm-up schedule", () => {
  it("gives day 1's ceiling on the start day (and before it), the next ones after, none past the list", () => {
    const warmUp = { start: "2026-11-30", schedule: [50, 100, 200] };
    expect(warmUpCeiling(warmUp, "2026-11-28")).toBe(50);
    expect(warmUpCeiling(warmUp, "2026-11-30")).toBe(50);
    expect(warmUpCeiling(warmUp, "2026-12-01")).toBe(100);
    expect(warmUpCeiling(warmUp, "2026-12-02")).toBe(200);
    expect(warmUpCeiling(warmUp, "2026-12-03")).toBeNull();
    expect(warmUpCeiling(null, "2026-12-01")).toBeNull();
  });

  it("is read from .env: a start date or off, a schedule of whole numbers; bad values are named", () => {
    expect(loadConfig({}).guard).toEqual({
      warmUp: null,
      coldPerDay: null,
      coldAfterMs: 86_400_000,
    });
    expect(loadConfig({ WARMUP_START: "2026-12-01" }).guard.warmUp).toEqual({
      start: "2026-12-01",
      schedule: DEFAULT_WARM_UP_SCHEDULE,
    });
    expect(
      loadConfig({ WARMUP_START: "2026-12-01", WARMUP_SCHEDULE: "10, 20" }).guard.warmUp?.schedule,
    ).toEqual([10, 20]);
    expect(loadConfig({ COLD_READERS_PER_DAY: "250" }).guard.coldPerDay).toBe(250);
    const bad = () => loadConfig({ WARMUP_START: "2026-02-30", WARMUP_SCHEDULE: "50,beaucoup" });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/WARMUP_START=2026-02-30 : date du premier jour/);
    expect(bad).toThrow(/WARMUP_SCHEDULE=50,beaucoup : plafonds par jour/);
  });
});
