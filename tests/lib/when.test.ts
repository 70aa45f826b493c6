import { describe, expect, it } from "vitest";
import { parseWhen } from "../../src/lib/when.ts";

// Tuesday 1 December 2026, 10:00 in Abidjan (UTC+0) and 11:00 in Douala (UTC+1).
const NOW = new Date("2026-12-01T10:00:00Z");
const at = (text: string, tz = "Africa/Abidjan") => parseWhen(text, NOW, tz)?.toISOString() ?? null;

describe("dates as editors type them", () => {
  it("reads a time alone as today's, with h or a colon", () => {
    expect(at("18h")).toBe("2026-12-01T18:00:00.000Z");
    expect(at("18h30")).toBe("2026-12-01T18:30:00.000Z");
    expect(at("7:30")).toBe("2026-12-01T07:30:00.000Z");
    expect(at("18H")).toBe("2026-12-01T18:00:00.000Z");
  });

  it("reads today, tomorrow and the day after, in French and English", () => {
    expect(at("demain 7h30")).toBe("2026-12-02T07:30:00.000Z");
    expect(at("Demain à 18h")).toBe("2026-12-02T18:00:00.000Z");
    expect(at("aujourd'hui 20h")).toBe("2026-12-01T20:00:00.000Z");
    expect(at("après-demain 6h")).toBe("2026-12-03T06:00:00.000Z");
    expect(at("tomorrow 7:30")).toBe("2026-12-02T07:30:00.000Z");
  });

  it("reads day/month with or without the year, and ISO dates", () => {
    expect(at("05/12 18:00")).toBe("2026-12-05T18:00:00.000Z");
    expect(at("le 05/12 à 18h")).toBe("2026-12-05T18:00:00.000Z");
    expect(at("05/12/2026 18:00")).toBe("2026-12-05T18:00:00.000Z");
    expect(at("2026-12-05 18:00")).toBe("2026-12-05T18:00:00.000Z");
    // A day already behind us this year is next year's.
    expect(at("05/01 08:00")).toBe("2027-01-05T08:00:00.000Z");
  });

  it("uses the newsroom's time zone", () => {
    expect(at("demain 7h30", "Africa/Douala")).toBe("2026-12-02T06:30:00.000Z");
  });

  it("refuses what is not a date and time", () => {
    for (const bad of [
      "18",
      "hier soir",
      "31/02 10h",
      "25h",
      "18h75",
      "bientôt",
      "",
      "12 demain",
    ]) {
      expect(at(bad), bad).toBeNull();
    }
  });
});
