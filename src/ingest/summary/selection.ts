/**
 * Which one- or two-sentence summaries an article offers, and the model's pick among them.
 *
 * A candidate is one sentence, or two in article order, copied verbatim, that fits the budget
 * and reads on its own (`readable.ts`): the second sentence must follow the first in the
 * article or share its key words, and a summary must say more than the title.
 */
import {
  candidateFeatures,
  FUNCTION_WORDS,
  type ScoredSentence,
  type Tokens,
  tokenize,
  wordChances,
} from "./features.ts";
import { dot, type SummaryModel } from "./model.ts";
import {
  hasVerb,
  isNoise,
  isQuestion,
  needsContext,
  quotesHaveSpeaker,
  readsWhole,
} from "./readable.ts";
import { type Sentence, splitQuotedSentences } from "./sentences.ts";

/** Only the top of the article is searched: later sentences rarely win and cost time. */
export const MAX_SENTENCES = 12;
/** Enough text for MAX_SENTENCES sentences of news prose. */
const PREFIX_CHARS = 4000;

/** The first `count` sentences of the body, splitting only as much text as needed. */
export function leadingSentences(paragraphs: readonly string[], count = MAX_SENTENCES): Sentence[] {
  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs) {
    if (sentences.length >= count) break;
    // Scraped bodies can be one huge paragraph: split a prefix and drop its cut-off last sentence.
    const long = paragraph.length > PREFIX_CHARS;
    const found = splitQuotedSentences(long ? paragraph.slice(0, PREFIX_CHARS) : paragraph);
    if (long && found.length > 1) found.pop();
    sentences.push(...found);
  }
  return sentences.slice(0, count);
}

/** An article sentence that may go into a summary. */
export interface UsableSentence extends ScoredSentence {
  text: string;
  tokens: Tokens;
  /** Opens a summary without the sentences before it. */
  standalone: boolean;
  /** Can follow a sentence other than the one before it. */
  detachable: boolean;
}

/** A summary the article offers, with its features for the candidate model. */
export interface Candidate {
  text: string;
  parts: readonly UsableSentence[];
  x: Float64Array;
  /** 0: reads on its own; 1: needs context or only restates the title (used only if nothing else fits). */
  tier: 0 | 1;
}

const isContent = (word: string): boolean => word.length > 1 && !FUNCTION_WORDS.has(word);

/** Whether a second sentence continues the first: next in the article, or sharing two key words. */
function continues(a: UsableSentence, b: UsableSentence): boolean {
  if (b.index === a.index + 1) return true;
  if (!b.detachable) return false;
  const key = new Set(a.words.filter(isContent));
  let shared = 0;
  for (const word of new Set(b.words)) if (key.has(word) && ++shared >= 2) return true;
  return false;
}

/** Content words of the summary that the title does not already say. */
function newWords(parts: readonly UsableSentence[], title: ReadonlySet<string>): number {
  const fresh = new Set<string>();
  for (const part of parts)
    for (const w of part.words) if (isContent(w) && !title.has(w)) fresh.add(w);
  return fresh.size;
}

/** A summary that adds fewer new words than this to the title only restates it. */
const MIN_NEW_WORDS = 3;

/** What an article offers: its candidates within the budget, and what they are made of. */
export interface Offered {
  candidates: Candidate[];
  usable: UsableSentence[];
  sentences: Sentence[];
  /** The usable sentences longer than the budget, each a candidate of its own (to be cut). */
  overlong(): Candidate[];
}

/** Every candidate summary of an article within `maxChars`, scored features included. */
export function candidates(
  title: string,
  paragraphs: readonly string[],
  maxChars: number,
  model: SummaryModel,
): Offered {
  const sentences = leadingSentences(paragraphs);
  const tokens = sentences.map((s) => tokenize(s.text));
  const titleWords = tokenize(title).words;
  const titleSet = new Set(titleWords);
  const { chance, again } = wordChances(titleWords, tokens, model.entry, model.wordWeights);
  const usable: UsableSentence[] = [];
  sentences.forEach((sentence, index) => {
    const text = sentence.text;
    const t = tokens[index] as Tokens;
    // A sentence continuing someone's quotation would read as the newsroom's own words.
    if (sentence.quoted || isNoise(text, t.words.length) || !readsWhole(text)) return;
    if (!hasVerb(t.words) || !quotesHaveSpeaker(text)) return;
    // The answer to a question ("Objectif ? Diminuer les retards.") needs the question.
    const answers = index > 0 && isQuestion(sentences[index - 1]?.text ?? "");
    usable.push({
      text,
      index,
      tokens: t,
      words: t.words,
      named: t.named,
      chance,
      again,
      standalone: !answers && !needsContext(text, index),
      detachable: !answers && (index === 0 || !needsContext(text, 1)),
    });
  });
  const out: Candidate[] = [];
  const candidate = (parts: UsableSentence[], text: string): Candidate => {
    const restates = newWords(parts, titleSet) < MIN_NEW_WORDS;
    const tier = (parts[0] as UsableSentence).standalone && !restates ? 0 : 1;
    return { text, parts, tier, x: candidateFeatures(parts, titleSet, model.referenceWords) };
  };
  for (let i = 0; i < usable.length; i++) {
    const a = usable[i] as UsableSentence;
    if (a.text.length > maxChars) continue;
    out.push(candidate([a], a.text));
    for (let j = i + 1; j < usable.length; j++) {
      const b = usable[j] as UsableSentence;
      if (a.text.length + 1 + b.text.length > maxChars || !continues(a, b)) continue;
      out.push(candidate([a, b], `${a.text} ${b.text}`));
    }
  }
  const overlong = () =>
    usable.filter((a) => a.text.length > maxChars).map((a) => candidate([a], a.text));
  return { candidates: out, usable, sentences, overlong };
}

/** The candidate the model scores highest, among those that read on their own if any do. */
export function best(found: readonly Candidate[], model: SummaryModel): Candidate | undefined {
  let top: Candidate | undefined;
  let topScore = Number.NEGATIVE_INFINITY;
  for (const candidate of found) {
    const score = dot(model.candidateWeights, candidate.x) - candidate.tier * 1000;
    if (score > topScore) {
      top = candidate;
      topScore = score;
    }
  }
  return top;
}
