import type { Database, Statement } from "better-sqlite3";
import { fold } from "../lib/fold.ts";

/** One search result: what a numbered result line shows. */
export interface ArticleHit {
  id: number;
  title: string;
  categories: string[];
  publishedAt: Date;
}

/**
 * How many matches a search ranks: the most recently stored ones. FTS5 walks its index newest
 * first and stops there, so a search reads this many articles however many match; the answer
 * is "the best matches among the 100 most recent matching articles" — right for news.
 */
export const SEARCH_POOL = 100;

/** A prefix matching more index terms than this is left to FTS5's own (slower) prefix scan. */
const MAX_EXPANSION = 256;

interface HitRow {
  id: number;
  title: string;
  categories: string;
  published_at: number;
}

/**
 * The words of a reader's search, folded, at most 12. Single letters are dropped when other
 * words remain: they are elisions ("l'État", "d'Ivoire") that every article contains, and
 * FTS5 would have to merge the postings of every term starting with that letter.
 */
export function searchWords(text: string): string[] {
  const words = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  const kept = words.filter((w) => w.length > 1 || /\p{N}/u.test(w));
  // Only letters ("e d p l s c m a t r b f"): the first one alone. Twelve of them cost 1.35 s
  // at 100,000 articles (each had to be proved absent from every article for the AND).
  return kept.length > 0 ? kept.slice(0, 12) : words.slice(0, 1);
}

/**
 * Readers' search over the articles' FTS5 index (migration 007): every word must match (as a
 * prefix, accents folded), else any word; the best of the most recent matches first.
 */
export class ArticleSearch {
  readonly #searchPool: Statement<[{ match: string; now: number; pool: number }], HitRow>;
  /** The same, drafts and future-dated articles included (the editors' desk). */
  readonly #searchPoolAll: Statement<[{ match: string; now: number; pool: number }], HitRow>;
  readonly #vocabulary: Statement<[string, string, number], string>;
  readonly #generation: Statement<[], number>;
  /** Search word → the index terms it prefixes (null: left to FTS5); see #expand. */
  readonly #expansions = new Map<string, string[] | null>();
  #expansionsGeneration = -1;

  constructor(db: Database) {
    // The subquery stops after @pool matches, newest first (FTS5 honours ORDER BY rowid DESC);
    // only those rows of articles are read, by id, and not their bodies. CROSS JOIN keeps that
    // order: left to itself, the planner walks articles_published over every article instead.
    this.#searchPool = db.prepare(
      `SELECT a.id, a.title, a.categories, a.published_at
       FROM (SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH @match
             ORDER BY rowid DESC LIMIT @pool) AS m
       CROSS JOIN articles a ON a.id = m.id
       WHERE a.status = 'published' AND a.published_at <= @now`,
    );
    this.#searchPoolAll = db.prepare(
      `SELECT a.id, a.title, a.categories, a.published_at
       FROM (SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH @match
             ORDER BY rowid DESC LIMIT @pool) AS m
       CROSS JOIN articles a ON a.id = m.id`,
    );
    this.#vocabulary = db
      .prepare<[string, string, number], string>(
        "SELECT term FROM articles_fts_vocab WHERE term >= ? AND term < ? LIMIT ?",
      )
      .pluck();
    this.#generation = db
      .prepare<[], number>("SELECT value FROM search_generation WHERE id = 1")
      .pluck();
  }

  /**
   * Full-text search over published articles. Every word must match (as a prefix, accents
   * folded); if no article has them all, any word may. The best matches among the SEARCH_POOL
   * most recently stored matching articles come first: words found in the title count most,
   * then in the rubric; ties go to the newest.
   */
  search(
    text: string,
    options: { now: Date; limit: number; includeUnpublished?: boolean },
  ): ArticleHit[] {
    const pool = options.includeUnpublished ? this.#searchPoolAll : this.#searchPool;
    const words = searchWords(text);
    if (words.length === 0) return [];
    const terms = words.map((w) => this.#expand(w));
    for (const joiner of ["AND", "OR"] as const) {
      if (joiner === "OR" && words.length === 1) break;
      const rows = pool.all({
        match: terms.join(` ${joiner} `),
        now: options.now.getTime(),
        pool: SEARCH_POOL,
      });
      if (rows.length > 0) return rank(rows, words).slice(0, options.limit).map(toHit);
    }
    return [];
  }

  /**
   * One search word as an FTS5 expression. FTS5 answers `"word"*` by merging the postings of
   * every term with that prefix before returning the first row — for a common word, tens of
   * thousands of postings, milliseconds each time. The same word written as the OR of its terms
   * (`"ministre" OR "ministres"`) is read lazily, newest first, and stops after SEARCH_POOL rows.
   * The terms come from the index's vocabulary, cached until an article is added or changed.
   * Words of 2–3 characters have their own prefix index; words FTS5 might tokenize differently
   * from `fold` (anything but a–z and digits) keep FTS5's own prefix query.
   */
  #expand(word: string): string {
    // A single letter is a word (« à », « y »), never a prefix: FTS5 has no 1-letter prefix
    // index and would merge the postings of every term starting with it.
    if (word.length === 1) return `"${word}"`;
    const native = `"${word}"*`;
    if (word.length <= 3 || !/^[a-z0-9]+$/.test(word)) return native;
    const generation = this.#generation.get() ?? 0;
    if (generation !== this.#expansionsGeneration || this.#expansions.size >= 10_000) {
      this.#expansions.clear();
      this.#expansionsGeneration = generation;
    }
    let terms = this.#expansions.get(word);
    if (terms === undefined) {
      const end = word.slice(0, -1) + String.fromCharCode(word.charCodeAt(word.length - 1) + 1);
      const found = this.#vocabulary.all(word, end, MAX_EXPANSION + 1);
      terms = found.length > 0 && found.length <= MAX_EXPANSION ? found : null;
      this.#expansions.set(word, terms);
    }
    return terms ? `(${terms.map((t) => `"${t}"`).join(" OR ")})` : native;
  }
}

/**
 * Orders search candidates: each query word that starts a word of the title counts 8, of the
 * rubric 2 (the weights bm25 had for those columns); ties go to the newest. Only titles and
 * rubrics are read, never bodies.
 */
function rank(rows: HitRow[], words: string[]): HitRow[] {
  const scored = rows.map((row) => {
    const title = foldForRank(row.title);
    const rubrics = foldForRank(row.categories);
    let score = 0;
    for (const w of words) {
      if (startsAWord(title, w)) score += 8;
      if (startsAWord(rubrics, w)) score += 2;
    }
    return { row, score };
  });
  scored.sort(
    (a, b) => b.score - a.score || b.row.published_at - a.row.published_at || b.row.id - a.row.id,
  );
  return scored.map((x) => x.row);
}

/** Latin-1 and Latin Extended-A letters without their accents ("é" → "e"), computed once. */
const LATIN_BASE: ReadonlyMap<string, string> = new Map(
  Array.from({ length: 0x180 - 0xc0 }, (_, i) => {
    const c = String.fromCharCode(0xc0 + i).toLowerCase();
    return [c, fold(c)] as const;
  }).filter(([c, base]) => c !== base),
);

/**
 * `fold` for ranking, which reads every candidate's title at every search: French text is
 * folded with a table; only text with other scripts or combining marks pays for Unicode
 * normalisation (general punctuation — ’, «, — — needs neither).
 */
function foldForRank(text: string): string {
  const lower = text.toLowerCase();
  if (/[\u0300-\u1fff\u2070-\uffff]/.test(lower)) return fold(lower);
  return lower.replace(/[\u00c0-\u017f]/g, (c) => LATIN_BASE.get(c) ?? c);
}

/** Whether `word` occurs in `text` at the start of a word (as FTS5 prefix queries match). */
function startsAWord(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    if (i === 0 || !/[\p{L}\p{N}]/u.test(text.charAt(i - 1))) return true;
  }
  return false;
}

function toHit(row: HitRow): ArticleHit {
  return {
    id: row.id,
    title: row.title,
    categories: JSON.parse(row.categories) as string[],
    publishedAt: new Date(row.published_at),
  };
}
