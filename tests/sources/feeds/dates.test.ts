import { describe, expect, it } from "vitest";
import { parseFeedDate } from "../../../src/sources/feeds/dates.ts";

const iso = (raw: string) => parseFeedDate(raw)?.toISOString() ?? null;

describe("dates as feeds write them", () => {
  it("reads RFC 822 with and without the day name, numeric and named zones", () => {
    expect(iso("Wed, 02 Apr 2025 15:42:07 +0000")).toBe("2025-04-02T15:42:07.000Z");
    expect(iso("02 Apr 2025 15:42:07 +0000")).toBe("2025-04-02T15:42:07.000Z");
    expect(iso("Wed, 2 Apr 2025 16:42:07 +0100")).toBe("2025-04-02T15:42:07.000Z");
    expect(iso("Fri, 28 Mar 2025 08:15:00 GMT")).toBe("2025-03-28T08:15:00.000Z");
    expect(iso("Fri, 28 Mar 2025 03:15:00 EST")).toBe("2025-03-28T08:15:00.000Z");
    expect(iso("Fri, 28 Mar 25 08:15 GMT")).toBe("2025-03-28T08:15:00.000Z");
    expect(iso("Fri, 28 Mar 2025 08:15:00")).toBe("2025-03-28T08:15:00.000Z");
  });

  it("reads ISO 8601 with T or a space, fractions, zones, or a bare day", () => {
    expect(iso("2025-03-26T10:30:00+00:00")).toBe("2025-03-26T10:30:00.000Z");
    expect(iso("2025-03-26T11:30:00.123+01:00")).toBe("2025-03-26T10:30:00.000Z");
    expect(iso("2025-04-01T16:40:00Z")).toBe("2025-04-01T16:40:00.000Z");
    expect(iso("2025-03-24 14:05:00")).toBe("2025-03-24T14:05:00.000Z");
    expect(iso("2025-03-24T14:05+0100")).toBe("2025-03-24T13:05:00.000Z");
    expect(iso("2025-03-24")).toBe("2025-03-24T00:00:00.000Z");
  });

  it("reads French month and day names that some CMSs write", () => {
    expect(iso("mer., 02 avr. 2025 15:42:07 +0000")).toBe("2025-04-02T15:42:07.000Z");
    expect(iso("1er février 2025")).toBe("2025-02-01T00:00:00.000Z");
  });

  it("answers null for missing or unreadable dates instead of guessing", () => {
    expect(parseFeedDate(undefined)).toBeNull();
    expect(parseFeedDate("")).toBeNull();
    expect(parseFeedDate("pas de date")).toBeNull();
    expect(parseFeedDate("31 Feb 2025 10:00:00 GMT")).toBeNull();
    expect(parseFeedDate("2025-13-01")).toBeNull();
    expect(parseFeedDate("Wed, 02 Apr 2025 15:42:07 XYZ")).toBeNull();
  });
});
