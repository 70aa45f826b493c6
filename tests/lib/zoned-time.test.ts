import { describe, expect, it } from "vitest";
import {
  atLocalTime,
  fromLocal,
  isQuiet,
  localDayRange,
  localParts,
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

describe("DST gaps and overlaps (resolved as Temporal's compatible rule)", () => {
  const gaps = [
    // zone, local date and time that the clock skips, the instant it means, what the clock shows
    ["Europe/Paris", "2026-03-29 02:30", "2026-03-29T01:30:00Z", "03:30"],
    ["America/New_York", "2026-03-08 02:30", "2026-03-08T07:30:00Z", "03:30"],
    ["Australia/Lord_Howe", "2026-10-04 02:15", "2026-10-03T15:45:00Z", "02:45"], // a 30-min gap
    ["America/Santiago", "2026-09-06 00:30", "2026-09-06T04:30:00Z", "01:30"], // gap at midnight
  ] as const;

  it.each(gaps)("%s %s, skipped by the clock, resolves forward", (zone, local, instant, shown) => {
    const date = parseLocalDateTime(local, zone);
    expect(date?.toISOString()).toBe(new Date(instant).toISOString());
    const p = localParts(date ?? new Date(0), zone);
    expect(`${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`).toBe(shown);
  });

  it("a digest at 02:30 on the spring-forward day goes at 03:30, not an hour before", () => {
    const at = atLocalTime(new Date("2026-03-28T12:00:00Z"), "02:30", "Europe/Paris", 1);
    expect(at.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("a time shown twice in autumn is the first one", () => {
    expect(fromLocal("Europe/Paris", 2026, 10, 25, 2, 30).toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
    expect(fromLocal("America/New_York", 2026, 11, 1, 1, 30).toISOString()).toBe(
      "2026-11-01T05:30:00.000Z",
    );
  });

  it("zones without DST are unchanged", () => {
    expect(fromLocal("Africa/Bamako", 2026, 3, 29, 2, 30).toISOString()).toBe(
      "2026-03-29T02:30:00.000Z",
    );
    expect(fromLocal("Asia/Kolkata", 2026, 3, 29, 2, 30).toISOString()).toBe(
      "2026-03-28T21:00:00.000Z",
    );
  });
});
