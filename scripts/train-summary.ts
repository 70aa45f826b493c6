/**
 * Trains the summary model on OrangeSum's training split and writes the artefact
 * `src/ingest/summary/summary-model.json` (corpus word statistics + two small linear models).
 *
 *   npm run train:summary -- [--train path] [--out path] [--seed 14] [--holdout 1500]
 *
 * Reproducible: the split of the training articles is a seeded shuffle and both fits are exact
 * (Newton's method, least squares), so the same data and seed give the same file. Only the
 * training split is read; part of it is held out to report how the model does on articles it
 * did not see.
 */

import { createReadStream, existsSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createGunzip } from "node:zlib";
import { stemmer } from "@orama/stemmers/french";
import { cleanBody } from "../src/ingest/clean.ts";
import {
  CANDIDATE_FEATURES,
  type Tokens,
  tokenize,
  WORD_FEATURES,
  type WordCounts,
  type WordStats,
  wordFeatures,
} from "../src/ingest/summary/features.ts";
import {
  modelFromFile,
  type SummaryModel,
  type SummaryModelFile,
  withWeights,
} from "../src/ingest/summary/model.ts";
import { frenchTokens, rouge } from "../src/ingest/summary/rouge.ts";
import { best, candidates, leadingSentences } from "../src/ingest/summary/selection.ts";
import { seededRandom } from "../src/lib/random.ts";
import { fitCentredLinear, fitListwise, fitLogistic, Rows } from "./lib/fit.ts";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const { values } = parseArgs({
  options: {
    train: { type: "string", default: here("../../shared/datasets/orangesum/train.jsonl.gz") },
    out: { type: "string", default: here("../src/ingest/summary/summary-model.json") },
    seed: { type: "string", default: "14" },
    holdout: { type: "string", default: "1500" },
    "word-articles": { type: "string", default: "8000" },
    "candidate-articles": { type: "string", default: "6000" },
    "max-chars": { type: "string", default: "280" },
    temperature: { type: "string", default: "2" },
  },
});
const seed = Number(values.seed);
const holdoutSize = Number(values.holdout);
const wordArticles = Number(values["word-articles"]);
const candidateArticles = Number(values["candidate-articles"]);
const maxChars = Number(values["max-chars"]);
/** Words seen in fewer training articles than this are left out of the artefact (size). */
const MIN_DF = 5;

interface Article {
  title: string;
  paragraphs: string[];
  tokens: Tokens[];
  abstract: string;
  /** Abstract word counts. */
  reference: Map<string, number>;
}

async function readArticles(path: string): Promise<Article[]> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()) });
  const out: Article[] = [];
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const row = JSON.parse(line) as { title: string; article: string; abstract: string };
    // The same cleaning as every import, then the sentences the summary looks at.
    const paragraphs = cleanBody(row.article).flatMap((b) =>
      b.kind === "paragraph" ? [b.text] : [],
    );
    const tokens = leadingSentences(paragraphs).map((s) => tokenize(s.text));
    const reference = new Map<string, number>();
    for (const w of frenchTokens(row.abstract)) reference.set(w, (reference.get(w) ?? 0) + 1);
    out.push({ title: row.title, paragraphs, tokens, abstract: row.abstract, reference });
  }
  return out;
}

const stems = new Map<string, string>();
const stemOf = (word: string): string => {
  let s = stems.get(word);
  if (s === undefined) {
    s = stemmer(word);
    stems.set(word, s);
  }
  return s;
};

/** What one article contributes to the corpus counts. */
function contribution(article: Article): {
  words: Map<string, WordCounts>;
  stems: Map<string, WordCounts>;
} {
  const words = new Map<string, WordCounts>();
  const stemCounts = new Map<string, WordCounts>();
  const referenceStems = new Set([...article.reference.keys()].map(stemOf));
  for (const sentence of article.tokens) {
    for (const w of sentence.words) {
      if (words.has(w)) continue;
      const inRef = article.reference.get(w) ?? 0;
      words.set(w, { df: 1, hits: inRef > 0 ? 1 : 0, hits2: inRef > 1 ? 1 : 0 });
      const s = stemOf(w);
      if (!stemCounts.has(s))
        stemCounts.set(s, { df: 1, hits: referenceStems.has(s) ? 1 : 0, hits2: 0 });
    }
  }
  return { words, stems: stemCounts };
}

/** Corpus counts over the fitting articles. */
class Counts {
  words = new Map<string, WordCounts>();
  stems = new Map<string, WordCounts>();
  docs = 0;
  add(article: Article): void {
    this.docs++;
    const c = contribution(article);
    for (const [map, from] of [
      [this.words, c.words],
      [this.stems, c.stems],
    ] as const) {
      for (const [k, v] of from) {
        const t = map.get(k);
        if (t === undefined) map.set(k, { ...v });
        else {
          t.df += v.df;
          t.hits += v.hits;
          t.hits2 += v.hits2;
        }
      }
    }
  }
  rate(): number {
    let df = 0;
    let hits = 0;
    for (const v of this.words.values()) {
      df += v.df;
      hits += v.hits;
    }
    return hits / df;
  }
}

/**
 * The counts as a new article sees them: without its own contribution (leave one out, so a
 * word's statistics do not already know this article's summary), and without the words the
 * artefact leaves out.
 */
function statsFor(counts: Counts, rate: number, article?: Article): WordStats {
  const own = article === undefined ? undefined : contribution(article);
  const minus = (
    total: WordCounts | undefined,
    mine: WordCounts | undefined,
  ): WordCounts | undefined => {
    if (total === undefined || total.df < MIN_DF) return undefined;
    if (mine === undefined) return total;
    return {
      df: total.df - mine.df,
      hits: total.hits - mine.hits,
      hits2: total.hits2 - mine.hits2,
    };
  };
  return {
    docs: counts.docs,
    rate,
    word: (w) => minus(counts.words.get(w), own?.words.get(w)),
    stemOf,
    stem: (s) => minus(counts.stems.get(s), own?.stems.get(s)),
  };
}

const round = (x: number): number => Number(x.toPrecision(6));

function modelOf(
  stats: WordStats,
  referenceWords: number,
  wordWeights: Float64Array,
  candidateWeights: Float64Array,
): SummaryModel {
  return withWeights(stats, referenceWords, wordWeights, candidateWeights);
}

interface Score {
  r1: number;
  r2: number;
  rl: number;
  n: number;
}

function evaluate(articles: readonly Article[], model: SummaryModel): Score {
  const total = { r1: 0, r2: 0, rl: 0, n: 0 };
  for (const article of articles) {
    const found = candidates(article.title, article.paragraphs, maxChars, model);
    const top = best(found.candidates, model);
    const s = rouge(top?.text ?? article.title, article.abstract);
    total.r1 += s.r1;
    total.r2 += s.r2;
    total.rl += s.rl;
    total.n++;
  }
  return { r1: total.r1 / total.n, r2: total.r2 / total.n, rl: total.rl / total.n, n: total.n };
}

const show = (s: Score): string =>
  `R1 ${s.r1.toFixed(2)} R2 ${s.r2.toFixed(2)} RL ${s.rl.toFixed(2)} (${s.n} articles)`;

async function main(): Promise<void> {
  if (!existsSync(values.train)) {
    console.error(`${values.train}: introuvable. Indiquez --train, le train.jsonl.gz d'OrangeSum.`);
    process.exit(2);
  }
  const started = Date.now();
  const all = await readArticles(values.train);
  console.log(
    `${all.length} training articles read and split in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  // Seeded shuffle (Fisher–Yates), then: held-out | word-model rows | candidate-model rows.
  const next = seededRandom(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [all[i], all[j]] = [all[j] as Article, all[i] as Article];
  }
  const holdout = all.slice(0, holdoutSize);
  const fitting = all.slice(holdoutSize);
  const counts = new Counts();
  for (const article of fitting) counts.add(article);
  const rate = counts.rate();
  let referenceWords = 0;
  for (const article of fitting) for (const c of article.reference.values()) referenceWords += c;
  referenceWords /= fitting.length;
  console.log(
    `counts: ${counts.words.size} words, ${counts.stems.size} stems over ${counts.docs} articles; prior ${rate.toFixed(4)}; summary ${referenceWords.toFixed(1)} words`,
  );

  // 1. Word model: is each article word in the human summary?
  const wordRows = new Rows(WORD_FEATURES.length);
  for (const article of fitting.slice(0, wordArticles)) {
    const stats = statsFor(counts, rate, article);
    const features = wordFeatures(tokenize(article.title).words, article.tokens, stats);
    for (const [word, { x }] of features) wordRows.push(x, article.reference.has(word) ? 1 : 0);
  }
  console.log(`word model: ${wordRows.n} rows`);
  const wordWeights = fitLogistic(wordRows, 1);

  // 2. Candidate model: how well does each candidate summary match the human one?
  const candidateRows = new Rows(CANDIDATE_FEATURES.length);
  const firstGuess = new Float64Array(CANDIDATE_FEATURES.length);
  firstGuess[0] = 1;
  let group = 0;
  for (const article of fitting.slice(wordArticles, wordArticles + candidateArticles)) {
    const model = modelOf(statsFor(counts, rate, article), referenceWords, wordWeights, firstGuess);
    const found = candidates(article.title, article.paragraphs, maxChars, model).candidates;
    group++;
    for (const c of found) {
      if (c.tier !== 0) continue;
      const s = rouge(c.text, article.abstract);
      candidateRows.push(c.x, (s.r1 + s.r2 + s.rl) / 3, group);
    }
  }
  console.log(`candidate model: ${candidateRows.n} rows from ${group} articles`);
  const fits: Array<[string, Float64Array]> = [
    ["expected ROUGE-1 F1 alone", firstGuess],
    ["least squares within articles", fitCentredLinear(candidateRows, 1)],
    ["listwise choice", fitListwise(candidateRows, Number(values.temperature), 1)],
  ];
  // Model selection on the held-out training articles: the fit whose choices match best.
  const heldStats = statsFor(counts, rate);
  let chosen: { name: string; weights: Float64Array; score: Score } | undefined;
  for (const [name, weights] of fits) {
    const score = evaluate(holdout, modelOf(heldStats, referenceWords, wordWeights, weights));
    console.log(`held-out, ${name.padEnd(31)} ${show(score)}`);
    const mean = (score.r1 + score.r2 + score.rl) / 3;
    if (chosen === undefined || mean > (chosen.score.r1 + chosen.score.r2 + chosen.score.rl) / 3) {
      chosen = { name, weights, score };
    }
  }
  if (chosen === undefined) throw new Error("no candidate fit");
  const candidateWeights = chosen.weights;
  const learned = chosen.score;
  console.log(`kept: ${chosen.name}`);

  // The artefact: words and stems seen in at least MIN_DF articles.
  const stemIndex = new Map<string, number>();
  const stemLines: string[] = [];
  for (const [s, c] of [...counts.stems].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (c.df < MIN_DF) continue;
    stemIndex.set(s, stemLines.length);
    stemLines.push(`${s}\t${c.df}\t${c.hits}`);
  }
  const wordLines: string[] = [];
  for (const [w, c] of [...counts.words].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (c.df < MIN_DF) continue;
    const s = stemIndex.get(stemOf(w));
    // A word whose stem was left out is stemmed at run time, as an unknown word.
    if (s === undefined) continue;
    wordLines.push(`${w}\t${c.df}\t${c.hits}\t${c.hits2}\t${s}`);
  }
  const file: SummaryModelFile = {
    format: 1,
    trainedOn: {
      data: "OrangeSum training split (abstracts), train.jsonl.gz",
      articles: all.length,
      seed,
      heldOut: holdout.length,
      wordModelArticles: Math.min(wordArticles, fitting.length),
      wordModelRows: wordRows.n,
      candidateModelArticles: group,
      candidateModelRows: candidateRows.n,
      maxChars,
      candidateFit: chosen.name,
      heldOutScore: { r1: round(learned.r1), r2: round(learned.r2), rl: round(learned.rl) },
    },
    docs: counts.docs,
    rate: round(rate),
    referenceWords: round(referenceWords),
    wordFeatures: [...WORD_FEATURES],
    wordWeights: [...wordWeights].map(round),
    candidateFeatures: [...CANDIDATE_FEATURES],
    candidateWeights: [...candidateWeights].map(round),
    words: wordLines.join("\n"),
    stems: stemLines.join("\n"),
  };
  modelFromFile(file); // the artefact must load
  const text = `${JSON.stringify(file, null, 1)}\n`;
  writeFileSync(values.out, text);
  console.log(
    `${values.out}: ${(text.length / 1e6).toFixed(2)} MB, ${wordLines.length} words, ${stemLines.length} stems, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(
    "word weights:",
    WORD_FEATURES.map((n, i) => `${n}=${wordWeights[i]?.toFixed(3)}`).join(", "),
  );
  console.log(
    "candidate weights:",
    CANDIDATE_FEATURES.map((n, i) => `${n}=${candidateWeights[i]?.toFixed(3)}`).join(", "),
  );
}

await main();
