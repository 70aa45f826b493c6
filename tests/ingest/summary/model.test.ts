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
