/**
 * Extractive summary: picks the one or two article sentences that best say what happened, who
 * and where, within a character budget. Sentences are copied verbatim (never rewritten).
 *
 * Each usable sentence gets a score from simple, explainable features — position (news puts the
 * essentials first), overlap with the title, centrality (words the rest of the article repeats),
 * named entities and numbers — and the best single sentence or ordered pair that fits wins.
 */
import { frenchTokens } from "./rouge.ts";
import { splitSentences } from "./sentences.ts";

export interface SummaryInput {
  title: string;
  /** Cleaned body prose, no headings or lists. */
  paragraphs: readonly string[];
}

export interface SummaryOptions {
  /** Hard limit on the summary length in characters (the app uses 280). */
  maxChars: number;
}

/** Function words carry no topic: they are ignored by the title-overlap and centrality features. */
const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a à ai aie ait afin ainsi alors au aux auprès aussi autre autres avait avaient avant avec " +
    "avoir c ça car ce ceci cela celle celles celui ces cet cette ceux chaque chez comme comment " +
    "d dans de des depuis donc dont du elle elles en encore entre est et été être eu fait faire " +
    "fois il ils j je jusqu l la le les leur leurs lui m ma mais me même mes moi mon n ne ni non " +
    "nos notre nous on ont ou où par parce pas pendant peu peut plus pour pourquoi qu quand que " +
    "quel quelle quelles quels qui s sa sans se selon ses si sien son sont sous sur t ta te tes " +
    "toi ton tous tout toute toutes très tu un une vers vos votre vous y été était étaient sera " +
    "seront serait va vont avoir fut aurait ont eux là après lors dès déjà aujourd hui"
  ).split(" "),
);

/** Openings of lines that are navigation, promotion or credits rather than news. */
const NOISE =
  /^(lire aussi|à lire|a lire|voir aussi|à voir|regarder|vidéo\s*[-:–]|photo\s*[-:–]|crédits?\b|©|\(?photo\b|source\s*:|publicité|la suite après|suivez|abonnez|cliquez|retrouvez|partager|inscrivez)/iu;

/** Ellipsis used for a cut summary. */
const ELLIPSIS = "…";

interface Candidate {
  text: string;
  /** Position among the article's sentences, 0 first. */
  index: number;
  score: number;
  tokens: readonly string[];
}

const contentTokens = (text: string): string[] =>
  frenchTokens(text).filter((token) => token.length > 1 && !STOPWORDS.has(token));

/** Whether a sentence is noise: too short, a question, navigation/credit text or all caps. */
function isNoise(sentence: string): boolean {
  if (sentence.length < 25 || frenchTokens(sentence).length < 5) return true;
  if (/\?["»”)\s]*$/u.test(sentence)) return true;
  if (NOISE.test(sentence)) return true;
  if (/https?:\/\/|www\./iu.test(sentence)) return true;
  const letters = sentence.replace(/[^\p{L}]/gu, "");
  const upper = sentence.replace(/[^\p{Lu}]/gu, "");
  return letters.length > 0 && upper.length / letters.length > 0.6;
}

/** Capitalised words not at the start of the sentence: people, places, organisations. */
function entityCount(sentence: string): number {
  const matches = sentence.slice(1).match(/(?<=[\s(«“"'’-])\p{Lu}[\p{L}-]+/gu);
  return matches?.length ?? 0;
}

function scoreSentences(input: SummaryInput, sentences: readonly string[]): Candidate[] {
  const title = new Set(contentTokens(input.title));
  const perSentence = sentences.map((sentence) => new Set(contentTokens(sentence)));
  // Document frequency of each word over sentences, for centrality.
  const df = new Map<string, number>();
  for (const set of perSentence) for (const token of set) df.set(token, (df.get(token) ?? 0) + 1);

  const candidates: Candidate[] = [];
  sentences.forEach((sentence, index) => {
    if (isNoise(sentence)) return;
    const words = perSentence[index] ?? new Set<string>();
    let inTitle = 0;
    let central = 0;
    for (const token of words) {
      if (title.has(token)) inTitle++;
      central += Math.log((df.get(token) ?? 1) + 0);
    }
    const titleScore = title.size === 0 ? 0 : inTitle / title.size;
    const centrality = words.size === 0 ? 0 : central / Math.sqrt(words.size);
    const numbers = sentence.match(/\d+/gu)?.length ?? 0;
    const position = 1 / Math.sqrt(1 + index);
    const quoteStart = /^[«“"]/u.test(sentence) ? 1 : 0;
    const score =
      W.position * position +
      W.title * titleScore +
      W.centrality * centrality +
      W.entities * Math.min(entityCount(sentence), 4) +
      W.numbers * Math.min(numbers, 2) -
      W.quote * quoteStart;
    candidates.push({ text: sentence, index, score, tokens: [...words] });
  });
  return candidates;
}

const W = {
  position: 2,
  title: 1,
  centrality: 0.3,
  entities: 0.1,
  numbers: 0.1,
  quote: 0.3,
  fill: 1,
  redundancy: 1,
};

/** Cuts text at a word boundary so that text + "…" fits in maxChars; never inside a URL. */
function cut(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const room = Math.max(0, maxChars - ELLIPSIS.length);
  let end = room;
  // Back up to a space; if the word straddling the limit is a URL, this drops it whole.
  while (end > 0 && !/\s/u.test(text[end] ?? " ")) end--;
  const kept = text
    .slice(0, end)
    .replace(/[\s,;:–—-]+$/u, "")
    .trimEnd();
  return kept === "" ? text.slice(0, room) + ELLIPSIS : kept + ELLIPSIS;
}

/** A short extractive summary: 1–2 sentences of the article, verbatim, at most maxChars. */
export function summarize(input: SummaryInput, options: SummaryOptions): string {
  const maxChars = Math.max(1, Math.floor(options.maxChars));
  const sentences = input.paragraphs.flatMap(splitSentences);
  // Summaries come from the top of a news article; later sentences rarely win and cost time.
  const candidates = scoreSentences(input, sentences.slice(0, 12));
  if (candidates.length === 0) {
    const fallback = sentences[0] ?? input.title.trim();
    return cut(fallback, maxChars);
  }

  let best: { text: string; score: number } | undefined;
  const consider = (text: string, score: number): void => {
    if (text.length > maxChars) return;
    // Longer summaries recall more: reward filling the budget.
    const value = score + W.fill * (text.length / maxChars);
    if (best === undefined || value > best.score) best = { text, score: value };
  };
  for (let i = 0; i < candidates.length; i++) {
    const a = candidates[i] as Candidate;
    consider(a.text, a.score);
    for (let j = i + 1; j < candidates.length; j++) {
      const b = candidates[j] as Candidate;
      const shared = b.tokens.filter((token) => a.tokens.includes(token)).length;
      const overlap = b.tokens.length === 0 ? 0 : shared / b.tokens.length;
      consider(`${a.text} ${b.text}`, a.score + b.score * (1 - W.redundancy * overlap) * 0.5);
    }
  }
  if (best !== undefined) return best.text;
  // Even the best sentence is too long: cut it at a word boundary.
  const top = candidates.reduce((x, y) => (y.score > x.score ? y : x));
  return cut(top.text, maxChars);
}
