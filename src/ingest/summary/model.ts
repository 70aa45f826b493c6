/**
 * The trained summary model: two small linear models and the corpus word statistics they read,
 * stored as one JSON artefact (`summary-model.json`, written by `npm run train:summary`).
 *
 * - the word model (logistic regression) gives each article word its chance of appearing in
 *   the human summary;
 * - the candidate model (linear regression) scores a one- or two-sentence summary from the
 *   expected overlap those chances give, its length and position; the best score wins.
 */
import { readFileSync } from "node:fs";
import { stemmer } from "@orama/stemmers/french";
import { AppError } from "../../domain/errors.ts";
import {
  CANDIDATE_FEATURES,
  WORD_FEATURES,
  type WordCounts,
  type WordEntry,
  type WordStats,
  wordEntry,
} from "./features.ts";

/** The artefact as stored. Word lines: `word\tdf\thits\thits2\tstem index`; stem lines: `stem\tdf\thits`. */
export interface SummaryModelFile {
  format: 1;
  /** How it was trained: data, seed, sizes, held-out figures. */
  trainedOn: Record<string, unknown>;
  docs: number;
  rate: number;
  referenceWords: number;
  wordFeatures: readonly string[];
  wordWeights: readonly number[];
  candidateFeatures: readonly string[];
  candidateWeights: readonly number[];
  words: string;
  stems: string;
}

/** A loaded model: weights, and the corpus statistics as a `WordStats`. */
export interface SummaryModel {
  stats: WordStats;
  /** A word's article-independent terms; known words' are computed once, at load. */
  entry(word: string): WordEntry;
  referenceWords: number;
  wordWeights: Float64Array;
  candidateWeights: Float64Array;
}

/** The artefact shipped next to this file. */
export const DEFAULT_MODEL_URL = new URL("./summary-model.json", import.meta.url);

/** Why a model file cannot be used: which file, and the hint says what to do. */
export class SummaryModelError extends AppError {
  constructor(message: string, cause?: unknown) {
    super("SUMMARY_MODEL_INVALID", message, {
      hint: "relancez « npm run train:summary » (ou restaurez src/ingest/summary/summary-model.json)",
      cause,
    });
  }
}

class CorpusStats implements WordStats {
  readonly docs: number;
  readonly rate: number;
  readonly #words = new Map<string, WordCounts & { stem: string }>();
  readonly #stems = new Map<string, WordCounts>();

  constructor(file: SummaryModelFile) {
    this.docs = file.docs;
    this.rate = file.rate;
    const stems: string[] = [];
    for (const line of file.stems.split("\n")) {
      const [stem = "", df = "0", hits = "0"] = line.split("\t");
      stems.push(stem);
      this.#stems.set(stem, { df: Number(df), hits: Number(hits), hits2: 0 });
    }
    for (const line of file.words.split("\n")) {
      const [word = "", df = "0", hits = "0", hits2 = "0", stem = "0"] = line.split("\t");
      this.#words.set(word, {
        df: Number(df),
        hits: Number(hits),
        hits2: Number(hits2),
        stem: stems[Number(stem)] ?? word,
      });
    }
  }

  word(token: string): WordCounts | undefined {
    return this.#words.get(token);
  }

  // Known words carry their stem: stemming costs ~5 µs a word, only rare words pay it.
  stemOf(token: string): string {
    return this.#words.get(token)?.stem ?? stemmer(token);
  }

  stem(stem: string): WordCounts | undefined {
    return this.#stems.get(stem);
  }

  known(): Iterable<string> {
    return this.#words.keys();
  }
}

/** Checks an artefact against the features this code computes, and makes it usable. */
export function modelFromFile(file: SummaryModelFile, source = "summary model"): SummaryModel {
  const same = (a: readonly string[], b: readonly string[]): boolean =>
    a.length === b.length && a.every((name, i) => name === b[i]);
  if (
    file.format !== 1 ||
    !same(file.wordFeatures, WORD_FEATURES) ||
    !same(file.candidateFeatures, CANDIDATE_FEATURES) ||
    file.wordWeights.length !== WORD_FEATURES.length ||
    file.candidateWeights.length !== CANDIDATE_FEATURES.length
  ) {
    throw new SummaryModelError(
      `${source} : le modèle de résumé ne correspond pas aux caractéristiques du code ; relancez « npm run train:summary »`,
    );
  }
  const stats = new CorpusStats(file);
  return withWeights(
    stats,
    file.referenceWords,
    Float64Array.from(file.wordWeights),
    Float64Array.from(file.candidateWeights),
  );
}

/**
 * A model from statistics and weights (training builds them before there is a file). Known
 * words' terms are computed at once (~30,000 words, a few ms); unknown ones on each use.
 */
export function withWeights(
  stats: WordStats & { known?(): Iterable<string> },
  referenceWords: number,
  wordWeights: Float64Array,
  candidateWeights: Float64Array,
): SummaryModel {
  const table = new Map<string, WordEntry>();
  for (const word of stats.known?.() ?? []) table.set(word, wordEntry(word, stats, wordWeights));
  return {
    stats,
    entry: (word) => table.get(word) ?? wordEntry(word, stats, wordWeights),
    referenceWords,
    wordWeights,
    candidateWeights,
  };
}

/** Reads a model artefact from disk (the shipped one by default). */
export function loadSummaryModel(url: URL | string = DEFAULT_MODEL_URL): SummaryModel {
  let file: SummaryModelFile;
  try {
    file = JSON.parse(readFileSync(url, "utf8")) as SummaryModelFile;
  } catch (error) {
    throw new SummaryModelError(
      `${String(url)} : modèle de résumé illisible (${(error as Error).message}) ; relancez « npm run train:summary »`,
      error,
    );
  }
  return modelFromFile(file, String(url));
}

export const dot = (w: Float64Array, x: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += (w[i] as number) * (x[i] as number);
  return s;
};

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
