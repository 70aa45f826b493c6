/**
 * The OrangeSum training articles as the summary training sees them (cleaned, split, tokenised)
 * and the corpus word counts over them, with the leave-one-out view a fitting article gets.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { stemmer } from "@orama/stemmers/french";
import { cleanBody } from "../../src/ingest/clean.ts";
import {
  type Tokens,
  tokenize,
  type WordCounts,
  type WordStats,
} from "../../src/ingest/summary/features.ts";
import { frenchTokens } from "../../src/ingest/summary/rouge.ts";
import { leadingSentences } from "../../src/ingest/summary/selection.ts";

/** Words seen in fewer training articles than this are left out of the artefact (size). */
export const MIN_DF = 5;

export interface Article {
  title: string;
  paragraphs: string[];
  tokens: Tokens[];
  abstract: string;
  /** Abstract word counts. */
  reference: Map<string, number>;
}

export async function readArticles(path: string): Promise<Article[]> {
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
export const stemOf = (word: string): string => {
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
export class Counts {
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
export function statsFor(counts: Counts, rate: number, article?: Article): WordStats {
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
