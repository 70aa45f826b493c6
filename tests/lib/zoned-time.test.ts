import { describe, expect, it } from "vitest";
import {
  isQuiet,
  localDayRange,
  nextAllowedTime,
  parseLocalDateTime,
} from "../../src/lib/zoned-time.ts";

const quiet = { start: "22:00", end: "07:00" };

describe("Newsroom time", () => {
  it("knows the quiet hours across midnight, in the newsroom's zone", () => {
    expect(isQuiet(new Date("2025-04-02T21:59:00Z"), quiet, "Africa/Bamako")).toBe(false);
    expect(isQuiet(new Date("2025-04-02T22:00:00Z"), quiet, "Africa/Bamako")).toBe(true);
    expect(isQuiet(new Date("2025-04-03T06:59:00Z"), quiet, "Africa/Bamako")).toBe(true);
    // Lagos is UTC+1: 21:30 UTC is already 22:30 there.
    expect(isQuiet(new Date("2025-04-02T21:30:00Z"), quiet, "Africa/Lagos")).toBe(true);
    expect(isQuiet(new Date("2025-04-02T12:00:00Z"), { start: "07:00", end: "07:00" }, "UTC")).toBe(
      false,
    );
  });

  it("defers to the end of the quiet hours, today or tomorrow", () => {
    const late = nextAllowedTime(new Date("2025-04-02T23:10:00Z"), quiet, "Africa/Bamako");
    expect(late.toISOString()).toBe("2025-04-03T07:00:00.000Z");
    const early = nextAllowedTime(new Date("2025-04-03T05:00:00Z"), quiet, "Africa/Lagos");
    expect(early.toISOString()).toBe("2025-04-03T06:00:00.000Z");
    const day = new Date("2025-04-03T12:00:00Z");
    expect(nextAllowedTime(day, quiet, "Africa/Bamako")).toBe(day);
  });

  it("reads schedules like an editor writes them, and rejects impossible dates", () => {
    expect(parseLocalDateTime("2025-04-02 18:00", "Africa/Bamako")?.toISOString()).toBe(
      "2025-04-02T18:00:00.000Z",
    );
    expect(parseLocalDateTime("2025-03-30 03:30", "Europe/Paris")?.toISOString()).toBe(
      "2025-03-30T01:30:00.000Z",
    );
    expect(parseLocalDateTime("2025-02-30 18:00", "Africa/Bamako")).toBeNull();
    expect(parseLocalDateTime("demain 18h", "Africa/Bamako")).toBeNull();
  });

  it("cuts days at local midnight, 23 hours long on a DST day", () => {
    const { start, end } = localDayRange(new Date("2025-03-30T12:00:00Z"), "Europe/Paris");
    expect(start.toISOString()).toBe("2025-03-29T23:00:00.000Z");
    expect(end.getTime() - start.getTime()).toBe(23 * 3600_000);
  });
});
