/**
 * A sparse lexical view of a sentence for the candidate model: which words, word pairs and
 * openings it has, hashed into a fixed table (FNV-1a, no seed), so a learned weight per bucket
 * can say which turns of phrase make a sentence read like a news standfirst (« a annoncé »,
 * « selon », « ce lundi », a number and its unit) beyond the per-word corpus statistics.
 *
 * A sentence's score is the mean of its buckets' weights (each feature 1/√k of k); a candidate's
 * is the sum of its sentences'. The same code builds training rows and scores at inference.
 */
import { FUNCTION_WORDS, type Tokens } from "./features.ts";

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a string's UTF-16 code units, continuing from `h`. */
function fnv(h: number, text: string): number {
  let x = h;
  for (let i = 0; i < text.length; i++) {
    x ^= text.charCodeAt(i);
    x = Math.imul(x, FNV_PRIME);
  }
  return x >>> 0;
}

/** A separator between the parts of a feature (no word contains it). */
const SEP = "\u0001";

/** The word as the pair features see it: numbers as « # », names as « N ». */
function shape(word: string, named: boolean): string {
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) return "#";
  return named ? "N" : word;
}

/**
 * The hashed feature buckets of a sentence (duplicates kept: a bucket seen twice counts twice).
 * `index`: the sentence's place in the article; `title`: the title's words.
 */
export function lexicalBuckets(
  tokens: Tokens,
  index: number,
  title: ReadonlySet<string>,
  bits: number,
  /** Only these kinds of features (all by default): f, f2, pf, u, b, t, l. */
  kinds?: ReadonlySet<string>,
): Int32Array {
  const mask = (1 << bits) - 1;
  const { words, named } = tokens;
  const n = words.length;
  const out: number[] = [];
  const add = (kind: string, ...parts: string[]): void => {
    if (kinds !== undefined && !kinds.has(kind)) return;
    let h = fnv(FNV_OFFSET, kind);
    for (const p of parts) h = fnv(fnv(h, SEP), p);
    out.push(h & mask);
  };
  const shapes = words.map((w, k) => shape(w, named[k] === true));
  const position = String(Math.min(index, 4));
  const first = shapes[0] ?? "";
  add("f", first);
  add("f2", first, shapes[1] ?? "");
  add("pf", position, first);
  for (let k = 0; k < n; k++) {
    const w = words[k] as string;
    add("u", w);
    if (k + 1 < n) add("b", shapes[k] as string, shapes[k + 1] as string);
    if (title.has(w) && w.length > 1 && !FUNCTION_WORDS.has(w)) add("t", w);
  }
  add("l", shapes[n - 1] ?? "");
  return Int32Array.from(out);
}

/** A sentence's lexical score under `weights` (a table of 2^bits). */
export function lexicalScore(buckets: Int32Array, weights: Float32Array): number {
  if (buckets.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < buckets.length; i++) s += weights[buckets[i] as number] as number;
  return s / Math.sqrt(buckets.length);
}
