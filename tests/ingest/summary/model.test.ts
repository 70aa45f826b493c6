import { readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasCode } from "../../../src/domain/errors.ts";
import {
  CANDIDATE_FEATURES,
  tokenize,
  WORD_FEATURES,
  wordChances,
  wordFeatures,
} from "../../../src/ingest/summary/features.ts";
import {
  DEFAULT_MODEL_URL,
  dot,
  loadSummaryModel,
  modelFromFile,
  SummaryModelError,
  type SummaryModelFile,
  sigmoid,
} from "../../../src/ingest/summary/model.ts";

describe("the shipped summary model", () => {
  it("is small, matches the code's features and knows French news words", () => {
    expect(statSync(DEFAULT_MODEL_URL).size).toBeLessThan(2_000_000);
    const model = loadSummaryModel();
    expect(model.wordWeights).toHaveLength(WORD_FEATURES.length);
    expect(model.candidateWeights).toHaveLength(CANDIDATE_FEATURES.length);
    expect(model.stats.word("gouvernement")?.df).toBeGreaterThan(100);
    // Known words carry their stem; unknown ones are stemmed on the fly.
    expect(model.stats.stemOf("ministres")).toBe(model.stats.stemOf("ministre"));
    expect(model.stats.stemOf("ouagadougouuu")).not.toBe("");
  });

  it("refuses an artefact trained for other features, saying how to fix it", () => {
    const file = JSON.parse(readFileSync(DEFAULT_MODEL_URL, "utf8")) as SummaryModelFile;
    const stale = { ...file, wordFeatures: file.wordFeatures.slice(1) };
    expect(() => modelFromFile(stale)).toThrow(SummaryModelError);
    expect(() => modelFromFile(stale)).toThrow(/npm run train:summary/u);
    try {
      modelFromFile(stale);
    } catch (error) {
      expect(hasCode(error, "SUMMARY_MODEL_INVALID")).toBe(true);
    }
  });

  it("reads its word and stem tables field by field as they are written, short lines included", () => {
    const file = JSON.parse(readFileSync(DEFAULT_MODEL_URL, "utf8")) as SummaryModelFile;
    const model = modelFromFile({
      ...file,
      stems: ["gouvern\t120\t40", "ministr\t90", "x\tabc\t3", "bamako\t\t7"].join("\n"),
      words: [
        "gouvernement\t100\t30\t4\t0",
        "ministres\t80\t20\t2\t1",
        "ministre\t70\t10\t1\t1",
        "bamako\t50\t25\t5\t-1",
        "court\t9",
        "bizarre\t1x\t2\t3\t99",
      ].join("\n"),
    });
    const { stats } = model;
    expect(stats.word("gouvernement")).toEqual({ df: 100, hits: 30, hits2: 4 });
    expect(stats.stem("gouvern")).toEqual({ df: 120, hits: 40, hits2: 0 });
    expect(stats.stemOf("ministres")).toBe("ministr");
    expect(stats.stem("ministr")).toEqual({ df: 90, hits: 0, hits2: 0 });
    // A word that is its own stem, a line cut short, fields that are not numbers (read as 0).
    expect(stats.stemOf("bamako")).toBe("bamako");
    expect(stats.stem("bamako")).toEqual({ df: 0, hits: 7, hits2: 0 });
    expect(stats.word("court")).toEqual({ df: 9, hits: 0, hits2: 0 });
    expect(stats.stemOf("court")).toBe("gouvern");
    expect(stats.word("bizarre")).toEqual({ df: 0, hits: 2, hits2: 3 });
    expect(stats.stemOf("bizarre")).toBe("bizarre");
    expect(stats.stem("x")).toEqual({ df: 0, hits: 3, hits2: 0 });
    // A known word's terms are the same at first use and after.
    expect(model.entry("ministres")).toEqual(model.entry("ministres"));
  });

  it("names the file it cannot read", () => {
    expect(() => loadSummaryModel("/nonexistent/summary-model.json")).toThrow(
      /nonexistent\/summary-model\.json.*illisible/u,
    );
  });
});

describe("the word model's fast path", () => {
  it("gives the same chances as the logistic model on the full feature vectors", () => {
    const model = loadSummaryModel();
    const title = tokenize("Mali : les ministres reçus à Moscou pour un partenariat").words;
    const sentences = [
      "Les ministres du Mali, du Niger et du Burkina Faso sont arrivés mardi à Moscou.",
      "Abdoulaye Diop a présidé une réunion à huis clos avec ses homologues zxqwy.",
      "Le partenariat couvre la sécurité et l'énergie, selon le ministère malien.",
    ].map(tokenize);
    const full = wordFeatures(title, sentences, model.stats);
    const fast = wordChances(title, sentences, model.entry, model.wordWeights);
    expect(fast.chance.size).toBe(full.size);
    for (const [word, { x }] of full) {
      expect(fast.chance.get(word)).toBeCloseTo(sigmoid(dot(model.wordWeights, x)), 12);
    }
  });
});
