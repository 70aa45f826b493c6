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

/**
 * The corpus statistics of a model file, kept compact: one index per word and per stem, the
 * counts in typed arrays (the file's 30,000 words and 17,000 stems as objects in maps took
 * ~11 MB of heap, a long-lived share of the bot's memory; this takes ~3 MB).
 */
class CorpusStats implements WordStats {
  readonly docs: number;
  readonly rate: number;
  /** word → its row in the word arrays */
  readonly #words = new Map<string, number>();
  readonly #wordCounts: Int32Array;
  /** Each word's stem, as a row of the stem arrays (-1: the word is its own stem). */
  readonly #wordStem: Int32Array;
  readonly #stemNames: string[] = [];
  readonly #stems = new Map<string, number>();
  readonly #stemCounts: Int32Array;

  constructor(file: SummaryModelFile) {
    this.docs = file.docs;
    this.rate = file.rate;
    // The tables are read in place, field by field: splitting them into lines and fields
    // first made ~150,000 short-lived strings, ~10 MB of the bot's peak memory at the first
    // summary.
    const stemCount = lineCount(file.stems);
    this.#stemCounts = new Int32Array(stemCount * 2);
    const stemFields = [0, 0];
    forEachRow(file.stems, stemFields, (i, stem) => {
      this.#stemNames.push(stem);
      // A stem listed twice: the last line wins, as a Map.set would.
      this.#stems.set(stem, i);
      this.#stemCounts[2 * i] = stemFields[0] as number;
      this.#stemCounts[2 * i + 1] = stemFields[1] as number;
    });
    const wordCount = lineCount(file.words);
    this.#wordCounts = new Int32Array(wordCount * 3);
    this.#wordStem = new Int32Array(wordCount);
    const wordFields = [0, 0, 0, 0];
    forEachRow(file.words, wordFields, (i, word) => {
      this.#words.set(word, i);
      this.#wordCounts[3 * i] = wordFields[0] as number;
      this.#wordCounts[3 * i + 1] = wordFields[1] as number;
      this.#wordCounts[3 * i + 2] = wordFields[2] as number;
      const s = wordFields[3] as number;
      this.#wordStem[i] = Number.isInteger(s) && s >= 0 && s < stemCount ? s : -1;
    });
  }

  word(token: string): WordCounts | undefined {
    const i = this.#words.get(token);
    if (i === undefined) return undefined;
    const c = this.#wordCounts;
    return { df: c[3 * i] as number, hits: c[3 * i + 1] as number, hits2: c[3 * i + 2] as number };
  }

  // Known words carry their stem: stemming costs ~5 µs a word, only rare words pay it.
  stemOf(token: string): string {
    const i = this.#words.get(token);
    return i === undefined ? stemmer(token) : this.stemAt(i, token);
  }

  /** The stem of the known word at row `i`. */
  stemAt(i: number, word: string): string {
    const s = this.#wordStem[i] as number;
    return s < 0 ? word : (this.#stemNames[s] as string);
  }

  stem(stem: string): WordCounts | undefined {
    const i = this.#stems.get(stem);
    if (i === undefined) return undefined;
    return {
      df: this.#stemCounts[2 * i] as number,
      hits: this.#stemCounts[2 * i + 1] as number,
      hits2: 0,
    };
  }

  known(): Iterable<string> {
    return this.#words.keys();
  }

  /** The row of a known word (for tables indexed like the word arrays). */
  rowOf(word: string): number | undefined {
    return this.#words.get(word);
  }

  get size(): number {
    return this.#wordStem.length;
  }
}

function lineCount(table: string): number {
  let lines = 1;
  for (let at = table.indexOf("\n"); at >= 0; at = table.indexOf("\n", at + 1)) lines++;
  return lines;
}

/**
 * Calls `row(i, key)` for each line of a tab-separated table, `key` its first field; the next
 * fields are read as integers into `fields` (0 when absent or empty, NaN when not an integer:
 * what `Number` gave them).
 */
function forEachRow(
  table: string,
  fields: number[],
  row: (index: number, key: string) => void,
): void {
  let start = 0;
  for (let index = 0; start <= table.length; index++) {
    let end = table.indexOf("\n", start);
    if (end < 0) end = table.length;
    let tab = table.indexOf("\t", start);
    if (tab < 0 || tab > end) tab = end;
    const key = table.slice(start, tab);
    let at = tab;
    for (let f = 0; f < fields.length; f++) {
      if (at >= end) {
        fields[f] = 0;
        continue;
      }
      let next = table.indexOf("\t", at + 1);
      if (next < 0 || next > end) next = end;
      fields[f] = integerAt(table, at + 1, next);
      at = next;
    }
    row(index, key);
    start = end + 1;
  }
}

/** The integer written in `text[from, to)`: 0 when empty, NaN when it is not one. */
function integerAt(text: string, from: number, to: number): number {
  let i = from;
  const negative = text.charCodeAt(i) === 45; // "-"
  if (negative) i++;
  if (i === to) return negative ? Number.NaN : 0;
  let value = 0;
  for (; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
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
  const wordWeights = Float64Array.from(file.wordWeights);
  // Known words' terms, computed once, at a word's first use, into arrays indexed like the
  // words: computing all 30,000 at load made ~90,000 short-lived objects for words most
  // articles never use.
  const prior = new Float64Array(stats.size);
  const fixed = new Float64Array(stats.size);
  const again = new Float64Array(stats.size);
  const computed = new Uint8Array(stats.size);
  return {
    stats,
    entry: (word) => {
      const i = stats.rowOf(word);
      if (i === undefined) return wordEntry(word, stats, wordWeights);
      if (computed[i] === 0) {
        const e = wordEntry(word, stats, wordWeights);
        prior[i] = e.prior;
        fixed[i] = e.fixed;
        again[i] = e.again;
        computed[i] = 1;
        return e;
      }
      return {
        stem: stats.stemAt(i, word),
        prior: prior[i] as number,
        fixed: fixed[i] as number,
        again: again[i] as number,
      };
    },
    referenceWords: file.referenceWords,
    wordWeights,
    candidateWeights: Float64Array.from(file.candidateWeights),
  };
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
