import { describe, expect, it } from "vitest";
import { fold } from "../../src/lib/fold.ts";
import { comparable } from "../../src/lib/text.ts";
import { truncate } from "../../src/lib/truncate.ts";

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
