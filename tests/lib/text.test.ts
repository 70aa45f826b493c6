import { describe, expect, it } from "vitest";

import { fold } from "../../src/lib/fold.ts";
import { cleanInline, comparable } from "../../src/lib/text.ts";
import { truncate } from "../../src/lib/truncate.ts";
import { bounded } from "../support/bounded.ts";

describe("fold", () => {
  it("compares rubrics and commands without case, accents or extra spaces", () => {
    expect(fold("  Économie   Générale ")).toBe("economie generale");
    expect(fold("CÔTE D’IVOIRE")).toBe("cote d'ivoire");
    expect(fold("Dernières")).toBe(fold("dernieres"));
  });
});

describe("comparable", () => {
  it("sees two renderings of one text as the same: dashes, quotes, spaces", () => {
    expect(comparable("Mali – Niger\u00a0: l’accord")).toBe(comparable("mali - niger : l'accord"));
  });
});

describe("truncate", () => {
  it("leaves a short text alone", () => {
    expect(truncate("Bamako sous la pluie", 40)).toBe("Bamako sous la pluie");
  });

  it("cuts at a space, never inside a word, and ends with an ellipsis within the limit", () => {
    const cut = truncate("Les ministres du Sahel à Moscou pour sceller un partenariat", 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut.endsWith("…")).toBe(true);
    expect("Les ministres du Sahel à Moscou pour sceller un partenariat").toContain(
      cut.slice(0, -1).trimEnd(),
    );
    expect(cut).toBe("Les ministres du Sahel à…");
  });
});

describe("cleanInline: joiners and bidi controls", () => {
  it("keeps the zero-width joiner inside joined emoji (it split families and flags)", () => {
    expect(cleanInline("Une famille 👨‍👩‍👧 et le drapeau 🏳️‍🌈 à la une")).toBe(
      "Une famille 👨‍👩‍👧 et le drapeau 🏳️‍🌈 à la une",
    );
  });

  it("drops a stray joiner next to a space or at an edge", () => {
    expect(cleanInline("\u200dBamako \u200d Gao\u200d")).toBe("Bamako Gao");
  });

  it("removes bidi overrides and isolates, keeping the marks Arabic text needs", () => {
    expect(cleanInline("Rapport\u202e fdp.exe\u202c et \u2067isolé\u2069 ici")).toBe(
      "Rapport fdp.exe et isolé ici",
    );
    expect(cleanInline("مالي\u200f 2025")).toBe("مالي\u200f 2025");
  });
});

describe("cleanInline: words a printed page hyphenated at a line end", () => {
  it("joins a word cut by the typesetter's hyphen and its line break, and drops soft hyphens", () => {
    // A print edition copied to the web (Dakar daily, 2024): each cut word kept its break.
    expect(
      cleanInline("Le Premier ministre et lea‐ der de Pastef a in‐\ndiqué que l’op‐ position"),
    ).toBe("Le Premier ministre et leader de Pastef a indiqué que l’opposition");
    expect(cleanInline("Not\u00adfall\u00addaten\u00adsatz, in\u00ad diqué")).toBe(
      "Notfalldatensatz, indiqué",
    );
  });

  it("keeps real hyphens: compounds, and an ASCII hyphen before a space", () => {
    expect(cleanInline("le porte‐parole, les pré- et post-électorales, le 12‐ 14 mai, A‐ B")).toBe(
      "le porte‐parole, les pré- et post-électorales, le 12‐ 14 mai, A‐ B",
    );
  });
});

describe("cleanInline on hostile text", () => {
  it("strips 200,000 stray joiners between two letters in linear time, and keeps an emoji's", () => {
    expect(bounded(() => cleanInline(`a${"\u200d".repeat(200_000)}b fin`))).toBe(
      `a${"\u200d".repeat(200_000)}b fin`,
    );
    expect(cleanInline(`a ${"\u200d".repeat(200_000)}b`)).toBe("a b");
    expect(cleanInline(`a${"\u200d".repeat(200_000)} b`)).toBe("a b");
    expect(cleanInline("famille 👨\u200d👩\u200d👧 ici")).toBe("famille 👨\u200d👩\u200d👧 ici");
  });
});
