import { describe, expect, it } from "vitest";
import { findDate } from "../../src/lib/french-dates.ts";

const now = new Date("2026-03-01T12:00:00Z");
const day = (text: string, hint = "") => findDate(text, now, hint)?.date.toISOString().slice(0, 10);

describe("dates as French-language news pages print them", () => {
  it("reads every form: words, abbreviations, dashes, numbers, glued bylines", () => {
    expect(day("Ouagadougou, 22 mars 2025 (AIB) –")).toBe("2025-03-22");
    expect(day("Publié le 3 juin 2025 à 10:12")).toBe("2025-06-03");
    expect(day("Date : 10 mars 2021")).toBe("2021-03-10");
    expect(day("16 - Juin - 2019")).toBe("2019-06-16");
    expect(day("Par Bamada.net 30/09/2023")).toBe("2023-09-30");
    expect(day("le 1er fév. 2024")).toBe("2024-02-01");
    expect(day("12 sept. 2024")).toBe("2024-09-12");
    expect(day("Par Adou Mel20 février 2024")).toBe("2024-02-20");
    expect(day("Opinions of Wednesday, 7 October 2015")).toBe("2015-10-07");
  });

  it("gives a date without a year the latest past year, or the one its weekday fits", () => {
    expect(day("Dakar, 4 août (APS) –")).toBe("2025-08-04");
    expect(day("12 février")).toBe("2026-02-12");
    expect(day("mardi 19 novembre")).toBe("2024-11-19");
    expect(day("18 Nov", "le match de ce mardi 19 novembre")).toBe("2024-11-18");
  });

  it("takes the weekday before a numeric date as part of it, as before a written one", () => {
    // A byline « Par X • vendredi 10/08/2018 à 22h25 » is a date line either way.
    const numeric = findDate("Par Yvette Zongo • vendredi 10/08/2018 à 22h25min", now);
    const written = findDate("Par Yvette Zongo • vendredi 10 août 2018 à 22h25min", now);
    expect(numeric?.date.toISOString().slice(0, 10)).toBe("2018-08-10");
    expect(numeric?.start).toBe(written?.start);
  });

  it("reads a year-first date (2025-03-22), as site templates print it", () => {
    expect(day("Publié le 2025-03-22 à 10:12")).toBe("2025-03-22");
    expect(day("mis à jour : 2024/11/05")).toBe("2024-11-05");
    expect(day("vendredi 2018-08-10")).toBe("2018-08-10");
    // Not a date: a month 13, a reference number, a range of years.
    expect(findDate("Dossier 2025-13-40", now)).toBeNull();
    expect(findDate("Réf. 12-2025-03-22-7", now)).toBeNull();
  });

  it("finds nothing in text without a date", () => {
    expect(findDate("Le conseil a siégé hier soir.", now)).toBeNull();
    expect(findDate("Score : 2 à 1 après 90 minutes", now)).toBeNull();
  });
});
