/**
 * What the summary model sees: for each word of an article, clues that it belongs in the
 * article's human summary (title, repetition, position, what the training corpus says about the
 * word); for each candidate summary (one sentence or two), its expected overlap with a human
 * summary, length, position and how much it only repeats the title.
 *
 * The same functions build the training rows (`scripts/train-summary.ts`) and the features at
 * inference, so the model is trained on exactly what it is later given.
 */

/** Letters and digits runs, as ROUGE counts words (`rouge.ts`). */
const WORD = /[\p{L}\p{N}]+/gu;

/** Function words: every text has them, so matching them says little about the topic. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "a à ai aie ait afin ainsi alors au aux auprès aussi autre autres avait avaient avant avec " +
    "avoir c ça car ce ceci cela celle celles celui ces cet cette ceux chaque chez comme comment " +
    "d dans de des depuis donc dont du elle elles en encore entre est et été être eu fait faire " +
    "fois il ils j je jusqu l la le les leur leurs lui m ma mais me même mes moi mon n ne ni non " +
    "nos notre nous on ont ou où par parce pas pendant peu peut plus pour pourquoi qu quand que " +
    "quel quelle quelles quels qui s sa sans se selon ses si sien son sont sous sur t ta te tes " +
    "toi ton tous tout toute toutes très tu un une vers vos votre vous y était étaient sera " +
    "seront serait va vont fut aurait eux là après lors dès déjà aujourd hui"
  ).split(" "),
);

/** A sentence as word tokens: lowercased, and whether each was capitalised inside the sentence. */
export interface Tokens {
  words: string[];
  /** A capital not at the sentence's start: a name ("Bamako", "Diop"). */
  named: boolean[];
}

/** Lowercased word tokens of a sentence, elisions split ("l'homme" → "l", "homme"). */
export function tokenize(text: string): Tokens {
  const words: string[] = [];
  const named: boolean[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const lower = word.toLowerCase();
    words.push(lower);
    named.push(words.length > 1 && word !== lower);
  }
  return { words, named };
}

/** What the training corpus says about a word: in how many articles, how often in their summary. */
export interface WordCounts {
  /** Training articles whose first sentences contain the word. */
  df: number;
  /** Of those, articles whose human summary contains it. */
  hits: number;
  /** Of those, articles whose human summary contains it at least twice. */
  hits2: number;
}

/** The corpus statistics the features need; the model's vocabulary, or training's leave-one-out view. */
export interface WordStats {
  /** Number of training articles. */
  readonly docs: number;
  /** Share of article words that occur in their summary, over the corpus (the prior). */
  readonly rate: number;
  word(token: string): WordCounts | undefined;
  /** The word's stem (French Snowball) and that stem's counts. */
  stemOf(token: string): string;
  stem(stem: string): WordCounts | undefined;
}

/** How strongly corpus counts are pulled toward the prior: a word seen in few articles says little. */
const PRIOR_WEIGHT = 20;

const logit = (p: number): number => Math.log(p / (1 - p));

/** Smoothed log-odds that the word occurs in the summary, given it occurs in the article. */
function priorLogit(counts: WordCounts | undefined, rate: number): number {
  const df = counts?.df ?? 0;
  const hits = counts?.hits ?? 0;
  return logit((hits + PRIOR_WEIGHT * rate) / (df + PRIOR_WEIGHT));
}

/** Names of the word features, in order (kept in the artefact to check it matches the code). */
export const WORD_FEATURES = [
  "bias",
  "in title",
  "stem in title (not the word)",
  "corpus log-odds of the word",
  "corpus log-odds of the stem",
  "corpus frequency log(df+1)",
  "sentences with the word, log",
  "occurrences, log",
  "first sentence with it, log(i+1)",
  "in the first sentence",
  "function word",
  "written as a name",
  "number",
  "in title × corpus log-odds",
  "article sentences, log",
] as const;

/** One article word: its features and how it is counted by ROUGE. */
export interface ArticleWord {
  x: Float64Array;
  /** Chance that a second occurrence also matches (summaries repeat « de », « la »…). */
  again: number;
}

/** How a word occurs in the article's first sentences. */
interface Occurrences {
  sentences: number;
  count: number;
  first: number;
  named: number;
  /** Last sentence it was counted in. */
  last: number;
}

function occurrences(sentences: readonly Tokens[]): Map<string, Occurrences> {
  const info = new Map<string, Occurrences>();
  sentences.forEach((sentence, index) => {
    const words = sentence.words;
    for (let k = 0; k < words.length; k++) {
      const word = words[k] as string;
      let entry = info.get(word);
      if (entry === undefined) {
        entry = { sentences: 0, count: 0, first: index, named: 0, last: -1 };
        info.set(word, entry);
      }
      entry.count++;
      if (sentence.named[k]) entry.named++;
      // Sentences are visited in order: a word first met in this sentence counts it once.
      if (entry.last !== index) {
        entry.sentences++;
        entry.last = index;
      }
    }
  });
  return info;
}

const isFunctionWord = (word: string): boolean => FUNCTION_WORDS.has(word) || word.length < 2;
const isNumber = (word: string): boolean => /^\p{N}/u.test(word);

/** The features of every distinct word in the article's first sentences (training's view). */
export function wordFeatures(
  title: readonly string[],
  sentences: readonly Tokens[],
  stats: WordStats,
): Map<string, ArticleWord> {
  const titleWords = new Set(title);
  const titleStems = new Set(title.map((t) => stats.stemOf(t)));
  const articleSize = Math.log(sentences.length + 1);
  const out = new Map<string, ArticleWord>();
  for (const [word, entry] of occurrences(sentences)) {
    const counts = stats.word(word);
    const stem = stats.stemOf(word);
    const inTitle = titleWords.has(word) ? 1 : 0;
    const wordPrior = priorLogit(counts, stats.rate);
    const x = new Float64Array(WORD_FEATURES.length);
    x[0] = 1;
    x[1] = inTitle;
    x[2] = inTitle === 0 && titleStems.has(stem) ? 1 : 0;
    x[3] = wordPrior;
    x[4] = priorLogit(stats.stem(stem), stats.rate);
    x[5] = Math.log((counts?.df ?? 0) + 1);
    x[6] = Math.log(entry.sentences);
    x[7] = Math.log(entry.count);
    x[8] = Math.log(entry.first + 1);
    x[9] = entry.first === 0 ? 1 : 0;
    x[10] = isFunctionWord(word) ? 1 : 0;
    x[11] = entry.named / entry.count;
    x[12] = isNumber(word) ? 1 : 0;
    x[13] = inTitle * wordPrior;
    x[14] = articleSize;
    out.set(word, { x, again: againOf(counts) });
  }
  return out;
}

const againOf = (counts: WordCounts | undefined): number =>
  ((counts?.hits2 ?? 0) + 1) / ((counts?.hits ?? 0) + 3);

/** The part of a word's logit that depends on the word alone, not on the article. */
export interface WordEntry {
  stem: string;
  prior: number;
  fixed: number;
  again: number;
}

/** A word's article-independent terms (bias, corpus statistics, kind of word) under weights `w`. */
export function wordEntry(word: string, stats: WordStats, w: Float64Array): WordEntry {
  const counts = stats.word(word);
  const stem = stats.stemOf(word);
  const prior = priorLogit(counts, stats.rate);
  const fixed =
    (w[0] as number) +
    (w[3] as number) * prior +
    (w[4] as number) * priorLogit(stats.stem(stem), stats.rate) +
    (w[5] as number) * Math.log((counts?.df ?? 0) + 1) +
    (isFunctionWord(word) ? (w[10] as number) : 0) +
    (isNumber(word) ? (w[12] as number) : 0);
  return { stem, prior, fixed, again: againOf(counts) };
}

/**
 * Each word's chance of being in the summary: the logistic word model on `wordFeatures`, computed
 * without building the feature vectors (a precomputed `WordEntry` per known word). Same numbers.
 */
export function wordChances(
  title: readonly string[],
  sentences: readonly Tokens[],
  entryOf: (word: string) => WordEntry,
  w: Float64Array,
): { chance: Map<string, number>; again: Map<string, number> } {
  const titleWords = new Set(title);
  const titleStems = new Set(title.map((t) => entryOf(t).stem));
  const articleTerm = (w[14] as number) * Math.log(sentences.length + 1);
  const chance = new Map<string, number>();
  const again = new Map<string, number>();
  for (const [word, o] of occurrences(sentences)) {
    const e = entryOf(word);
    const inTitle = titleWords.has(word);
    let z = e.fixed + articleTerm;
    if (inTitle) z += (w[1] as number) + (w[13] as number) * e.prior;
    else if (titleStems.has(e.stem)) z += w[2] as number;
    z +=
      (w[6] as number) * Math.log(o.sentences) +
      (w[7] as number) * Math.log(o.count) +
      (w[8] as number) * Math.log(o.first + 1) +
      (o.first === 0 ? (w[9] as number) : 0) +
      (w[11] as number) * (o.named / o.count);
    chance.set(word, 1 / (1 + Math.exp(-z)));
    again.set(word, e.again);
  }
  return { chance, again };
}

/** A sentence that can be part of a summary, with each word's chance of being in the summary. */
export interface ScoredSentence {
  index: number;
  text: string;
  words: readonly string[];
  /** Per word: written as a name. */
  named: readonly boolean[];
  /** Chance of each word (first occurrence) being in the human summary. */
  chance: ReadonlyMap<string, number>;
  /** Chance of a second occurrence matching too. */
  again: ReadonlyMap<string, number>;
}

const QUOTED = /«[^»]*»|“[^”]*”|"[^"]*"/gu;

/** Names of the candidate features, in order. */
export const CANDIDATE_FEATURES = [
  "expected ROUGE-1 F1",
  "expected ROUGE-2 F1",
  "length / summary length",
  "(length / summary length)²",
  "first sentence index, log(i+1)",
  "is a pair",
  "pair of adjacent sentences",
  "share of its content words in the title",
  "share of the title's content words it covers",
  "expected matched words / summary length",
  "share of words written as names",
  "has a number",
  "share of characters inside quotation marks",
  "gap between the two sentences, log",
] as const;

/**
 * The features of a summary made of `parts` (one sentence or two, in article order).
 * `referenceWords`: typical length of a human summary in ROUGE tokens.
 */
export function candidateFeatures(
  parts: readonly ScoredSentence[],
  title: ReadonlySet<string>,
  referenceWords: number,
): Float64Array {
  const used = new Map<string, number>();
  let n = 0;
  let e1 = 0;
  let e2 = 0;
  let content = 0;
  let contentInTitle = 0;
  const titleCovered = new Set<string>();
  let named = 0;
  let numbers = 0;
  let chars = 0;
  let quoted = 0;
  for (const part of parts) {
    let previous = -1;
    chars += part.text.length;
    for (const span of part.text.matchAll(QUOTED)) quoted += span[0].length;
    part.named.forEach((isName) => {
      if (isName) named++;
    });
    for (const word of part.words) {
      if (word.charCodeAt(0) >= 48 && word.charCodeAt(0) <= 57) numbers++;
      n++;
      const p = part.chance.get(word) ?? 0;
      const seen = used.get(word) ?? 0;
      // ROUGE clips counts: a repeated word matches only if the summary repeats it too.
      if (seen === 0) e1 += p;
      else if (seen === 1) e1 += p * (part.again.get(word) ?? 0);
      used.set(word, seen + 1);
      if (previous >= 0) e2 += previous * p;
      previous = p;
      if (!FUNCTION_WORDS.has(word) && word.length > 1) {
        content++;
        if (title.has(word)) {
          contentInTitle++;
          titleCovered.add(word);
        }
      }
    }
  }
  let titleContent = 0;
  for (const word of title) if (!FUNCTION_WORDS.has(word) && word.length > 1) titleContent++;
  const first = parts[0] as ScoredSentence;
  const last = parts[parts.length - 1] as ScoredSentence;
  const ratio = n / referenceWords;
  const x = new Float64Array(CANDIDATE_FEATURES.length);
  x[0] = (2 * e1) / (n + referenceWords);
  x[1] = (2 * e2) / Math.max(1, n + referenceWords - 2);
  x[2] = ratio;
  x[3] = ratio * ratio;
  x[4] = Math.log(first.index + 1);
  x[5] = parts.length > 1 ? 1 : 0;
  x[6] = parts.length > 1 && last.index === first.index + 1 ? 1 : 0;
  x[7] = content === 0 ? 0 : contentInTitle / content;
  x[8] = titleContent === 0 ? 0 : titleCovered.size / titleContent;
  x[9] = e1 / referenceWords;
  x[10] = n === 0 ? 0 : named / n;
  x[11] = numbers > 0 ? 1 : 0;
  x[12] = chars === 0 ? 0 : quoted / chars;
  x[13] = parts.length > 1 ? Math.log(last.index - first.index) : 0;
  return x;
}
