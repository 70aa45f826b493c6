import { describe, expect, it } from "vitest";
import { frenchTokens, rouge } from "../../../src/ingest/summary/rouge.ts";

describe("frenchTokens", () => {
  it("lowercases, splits elisions (both apostrophes) and keeps accents", () => {
    expect(frenchTokens("L'homme d’État, à Ouagadougou !")).toEqual([
      "l",
      "homme",
      "d",
      "état",
      "à",
      "ouagadougou",
    ]);
  });
});

describe("rouge", () => {
  it("scores identical text 100", () => {
    expect(rouge("Le chat dort.", "le chat dort")).toEqual({ r1: 100, r2: 100, rl: 100 });
  });

  it("scores disjoint text 0, and empty text 0", () => {
    expect(rouge("soleil levant", "pluie battante")).toEqual({ r1: 0, r2: 0, rl: 0 });
    expect(rouge("", "pluie battante")).toEqual({ r1: 0, r2: 0, rl: 0 });
  });

  it("matches a hand-computed example", () => {
    // candidate: le chat mange la souris (5 tokens); reference: le chat a mangé la souris (6).
    // R1: overlap 4 (le, chat, la, souris): P 4/5, R 4/6 -> F1 = 2·4/(5+6) = 72.73
    // R2: bigrams 4 vs 5, overlap 2 (le chat, la souris) -> F1 = 2·2/(4+5) = 44.44
    // RL: LCS "le chat la souris" = 4 -> same as R1.
    const score = rouge("Le chat mange la souris.", "Le chat a mangé la souris.");
    expect(score.r1).toBeCloseTo(72.727, 2);
    expect(score.r2).toBeCloseTo(44.444, 2);
    expect(score.rl).toBeCloseTo(72.727, 2);
  });

  it("clips repeated words and respects order for ROUGE-L", () => {
    // candidate: a a b (3); reference: b a (2). R1 overlap: min(2,1)+min(1,1) = 2 -> 2·2/5 = 80.
    // LCS("a a b", "b a") = 1 -> 2·1/5 = 40. Bigrams: {a a, a b} vs {b a}: 0.
    const score = rouge("a a b", "b a");
    expect(score.r1).toBeCloseTo(80, 5);
    expect(score.r2).toBe(0);
    expect(score.rl).toBeCloseTo(40, 5);
  });
});
