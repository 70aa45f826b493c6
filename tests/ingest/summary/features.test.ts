import { describe, expect, it } from "vitest";
import {
  bodyCounts,
  CANDIDATE_FEATURES,
  candidateFeatures,
  type ScoredSentence,
  sentenceContexts,
  tokenize,
} from "../../../src/ingest/summary/features.ts";

const feature = (x: Float64Array, name: (typeof CANDIDATE_FEATURES)[number]): number =>
  x[CANDIDATE_FEATURES.indexOf(name)] as number;

const stats = {
  docs: 1000,
  word: (w: string) => ({ df: w === "barrage" ? 5 : 100, hits: 0, hits2: 0 }),
};

describe("whole-body counts", () => {
  it("count words and bigrams over every paragraph, lowercased", () => {
    const body = bodyCounts(["Le barrage de Taoussa.", "Le barrage sera achevé."]);
    expect(body.count("barrage")).toBe(2);
    expect(body.count("le")).toBe(2);
    expect(body.count("absent")).toBe(0);
    expect(body.bigram("le", "barrage")).toBe(2);
    expect(body.bigram("barrage", "sera")).toBe(1);
    expect(body.bigram("sera", "barrage")).toBe(0);
  });

  it("stop at a bound on a huge body", () => {
    const body = bodyCounts(["mot ".repeat(100_000)]);
    expect(body.count("mot")).toBeLessThan(10_000);
  });
});

describe("sentence contexts", () => {
  const texts = [
    "Le barrage de Taoussa sur le fleuve Niger sera achevé en 2027.",
    "Le marché de Médine a rouvert ses portes.",
    "Les travaux du barrage de Taoussa emploient huit cents ouvriers.",
  ];
  const tokens = texts.map(tokenize);
  const places = [
    { paragraph: 0, opensParagraph: true },
    { paragraph: 0, opensParagraph: false },
    { paragraph: 1, opensParagraph: true },
  ];
  const body = bodyCounts([`${texts[0]} ${texts[1]}`, texts[2] as string]);
  const contexts = sentenceContexts(tokens, places, stats, (w) => w, body);

  it("rank a sentence that shares the article's topic above an aside", () => {
    expect(contexts[0]?.centrality).toBeGreaterThan(contexts[1]?.centrality ?? 1);
    expect(contexts[2]?.centrality).toBeGreaterThan(contexts[1]?.centrality ?? 1);
    expect(contexts[1]?.centrality).toBe(0);
  });

  it("say where the sentence stands, what it shares with the lead and the rest of the body", () => {
    expect(contexts.map((c) => c.paragraph)).toEqual([0, 0, 1]);
    expect(contexts.map((c) => c.opensParagraph)).toEqual([true, false, true]);
    expect(contexts[0]?.leadOverlap).toBe(1);
    expect(contexts[2]?.leadOverlap).toBeGreaterThan(0);
    expect(contexts[1]?.leadOverlap).toBe(0);
    // « de Taoussa » and « barrage de » are said elsewhere; nothing of the aside is.
    expect(contexts[2]?.bigramEcho).toBeGreaterThan(0);
    expect(contexts[1]?.bigramEcho).toBe(0);
  });

  it("feed the candidate features: a pair's second part, redundancy, title stems", () => {
    const scored = (i: number): ScoredSentence => ({
      index: i,
      text: texts[i] as string,
      words: (tokens[i] as ReturnType<typeof tokenize>).words,
      named: (tokens[i] as ReturnType<typeof tokenize>).named,
      chance: new Map([["barrage", 0.9]]),
      again: new Map(),
      context: contexts[i] as (typeof contexts)[number],
    });
    const title = {
      words: new Set(["barrage", "taoussa"]),
      stems: new Set(["barrage", "taoussa"]),
    };
    const single = candidateFeatures([scored(0)], title, 30);
    const pair = candidateFeatures([scored(0), scored(2)], title, 30);
    expect(single).toHaveLength(CANDIDATE_FEATURES.length);
    expect(feature(single, "second sentence's own expected ROUGE-1 F1")).toBe(0);
    expect(feature(pair, "second sentence's own expected ROUGE-1 F1")).toBeGreaterThan(0);
    expect(
      feature(pair, "share of the second sentence's content words already in the first"),
    ).toBeGreaterThan(0);
    expect(feature(single, "share of the title's content stems it covers")).toBe(1);
    expect(feature(single, "has a number")).toBe(1);
    expect(feature(pair, "first sentence index / sentences")).toBe(0);
  });
});
