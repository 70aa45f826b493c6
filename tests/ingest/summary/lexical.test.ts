import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../../src/ingest/summary/features.ts";
import { lexicalBuckets, lexicalScore } from "../../../src/ingest/summary/lexical.ts";
import {
  DEFAULT_MODEL_URL,
  encodeLexical,
  modelFromFile,
  SummaryModelError,
  type SummaryModelFile,
} from "../../../src/ingest/summary/model.ts";
import { best, candidates } from "../../../src/ingest/summary/selection.ts";

const sentence = tokenize("Le gouvernement a annoncé ce lundi une hausse de 5 % du prix du pain.");
const title = new Set(tokenize("Hausse du prix du pain").words);

describe("the lexical term", () => {
  it("hashes a sentence into the same buckets every time, within the table", () => {
    const a = lexicalBuckets(sentence, 0, title, 16);
    expect([...lexicalBuckets(sentence, 0, title, 16)]).toEqual([...a]);
    expect(a.every((b) => b >= 0 && b < 1 << 16)).toBe(true);
    // Openings, words, pairs, title words and the last word.
    expect(a.length).toBeGreaterThan(2 * sentence.words.length);
    // Its place in the article is one of the features.
    expect([...lexicalBuckets(sentence, 3, title, 16)]).not.toEqual([...a]);
  });

  it("scores a sentence as the mean of its buckets' weights, scaled by 1/√k", () => {
    const weights = new Float32Array(1 << 16).fill(0.5);
    const buckets = lexicalBuckets(sentence, 0, title, 16);
    expect(lexicalScore(buckets, weights)).toBeCloseTo(0.5 * Math.sqrt(buckets.length), 4);
    expect(lexicalScore(new Int32Array(0), weights)).toBe(0);
  });

  it("is read from a model file, and a table of the wrong size is refused", () => {
    const file = JSON.parse(readFileSync(DEFAULT_MODEL_URL, "utf8")) as SummaryModelFile;
    const weights = new Float32Array(1 << 10);
    weights[3] = 1.25;
    const model = modelFromFile({ ...file, lexical: encodeLexical({ bits: 10, weights }) });
    expect(model.lexical?.weights[3]).toBe(1.25);
    const short = {
      ...file,
      lexical: { bits: 12, weights: encodeLexical({ bits: 10, weights }).weights },
    };
    expect(() => modelFromFile(short)).toThrow(SummaryModelError);
  });

  it("moves the pick when its weights favour a sentence's words", () => {
    const file = JSON.parse(readFileSync(DEFAULT_MODEL_URL, "utf8")) as SummaryModelFile;
    const plain = modelFromFile(file);
    const paragraphs = [
      "Le gouvernement malien a annoncé lundi une hausse du prix du pain à Bamako.",
      "Les boulangers de Bamako protestent depuis plusieurs semaines contre le coût de la farine.",
    ];
    const found = candidates("Le pain plus cher", paragraphs, 120, plain);
    const first = best(found.candidates, plain);
    const other = found.usable.find((s) => s.text !== first?.text) as (typeof found.usable)[0];
    const weights = new Float32Array(1 << 16);
    for (const b of lexicalBuckets(
      other.tokens,
      other.index,
      new Set(tokenize("Le pain plus cher").words),
      16,
    ))
      weights[b] = 100;
    const boosted = modelFromFile({ ...file, lexical: encodeLexical({ bits: 16, weights }) });
    const again = candidates("Le pain plus cher", paragraphs, 120, boosted);
    expect(best(again.candidates, boosted)?.text).toBe(other.text);
  });
});
