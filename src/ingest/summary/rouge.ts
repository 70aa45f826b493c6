/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F1 for French text, as used to measure summaries against
 * the OrangeSum abstracts: lowercased word tokens, elisions split, accents kept.
 */

export interface RougeScore {
  r1: number;
  r2: number;
  rl: number;
}

/** Letters and digits runs: apostrophes (' and ’), hyphens and punctuation separate words. */
const WORD = /[\p{L}\p{N}]+/gu;

/** Lowercased word tokens with elisions split ("l'homme" -> "l", "homme"); accents kept. */
export function frenchTokens(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

function f1(overlap: number, candidateCount: number, referenceCount: number): number {
  if (overlap === 0 || candidateCount === 0 || referenceCount === 0) return 0;
  const precision = overlap / candidateCount;
  const recall = overlap / referenceCount;
  return (200 * precision * recall) / (precision + recall);
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(" ");
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function rougeN(candidate: readonly string[], reference: readonly string[], n: number): number {
  const cand = ngramCounts(candidate, n);
  const ref = ngramCounts(reference, n);
  let overlap = 0;
  // Clipped counts: a candidate n-gram matches at most as often as it occurs in the reference.
  for (const [gram, count] of cand) overlap += Math.min(count, ref.get(gram) ?? 0);
  return f1(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Length of the longest common subsequence, in O(n·m) time and O(m) memory. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(up, row[j - 1] as number);
      diagonal = up;
    }
  }
  return row[b.length] as number;
}

/** ROUGE-1/2/L F1 (× 100) of a candidate summary against a reference summary. */
export function rouge(candidate: string, reference: string): RougeScore {
  const cand = frenchTokens(candidate);
  const ref = frenchTokens(reference);
  return {
    r1: rougeN(cand, ref, 1),
    r2: rougeN(cand, ref, 2),
    rl: f1(lcsLength(cand, ref), cand.length, ref.length),
  };
}
