/**
 * Extractive summary: picks the one or two article sentences that best say what happened, who
 * and where, within a character budget. Sentences are copied verbatim (never rewritten).
 *
 * Each word of the article gets a chance of appearing in a human summary, from simple features:
 * is it in the title, how many sentences repeat it (centrality), is it a function word, how
 * early is its sentence. The single sentence or ordered pair that fits the budget and maximises
 * the expected ROUGE F1 (expected matched words over summary + typical summary length) wins.
 */
import { frenchTokens } from "../../src/ingest/summary/rouge.ts";
import { type Sentence, splitQuotedSentences } from "../../src/ingest/summary/sentences.ts";

export interface SummaryInput {
  title: string;
  /** Cleaned body prose, no headings or lists. */
  paragraphs: readonly string[];
}

export interface SummaryOptions {
  /** Hard limit on the summary length in characters (the app uses 280). */
  maxChars: number;
}

/** Function words: every text has them, so matching them says little about the topic. */
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

const isFunctionWord = (token: string): boolean => token.length < 2 || STOPWORDS.has(token);

/** Openings of lines that are navigation, promotion or credits rather than news. */
const NOISE =
  /^(lire aussi|à lire|a lire|voir aussi|à voir|regarder|vidéo\s*[-:–]|photo\s*[-:–]|crédits?\b|©|\(?photo\b|source\s*:|publicité|la suite après|suivez|abonnez|cliquez|retrouvez|partager|inscrivez)/iu;

/** Ellipsis used for a cut summary. */
const ELLIPSIS = "…";

interface Candidate {
  text: string;
  /** Position of the sentence in the article. */
  index: number;
  /** Whether it can open a summary without the sentences before it (see `needsContext`). */
  standalone: boolean;
  /** Whether it can follow a sentence other than the one before it in the article. */
  detachable: boolean;
  /** Word tokens with their counts. */
  counts: ReadonlyMap<string, number>;
  /** Estimated chance that each word appears in a human summary of the article. */
  chance: ReadonlyMap<string, number>;
  /** Expected number of words matched in a human summary, alone. */
  expected: number;
  words: number;
}

/**
 * How likely a word of the article is to appear in a human summary of it (OrangeSum-style
 * abstracts): words of the title, and words the article repeats across sentences, are likely;
 * function words are everywhere, so they say little. Sentences after the first three count a
 * bit less (news puts the essentials first). Round numbers, from word counts, not tuned per
 * article.
 */
const CHANCE = {
  functionWord: 0.05,
  /** Other words: base + perSentence × (sentences it occurs in − 1), at most max. */
  word: { base: 0.05, perSentence: 0.12, max: 0.4 },
  titleWord: { base: 0.37, perSentence: 0.09, max: 0.64 },
  /** Sentences at index ≤ flat are equals; later ones lose `decay` each, down to `min`. */
  position: { flat: 2, decay: 0.05, min: 0.6 },
} as const;

/** Typical length of a human summary in words: F1 weighs a candidate's length against it. */
const REFERENCE_WORDS = 35;
/** Function words ("de", "la") may match up to twice; other words once. */
const FUNCTION_WORD_CAP = 2;
/** Only the top of the article is searched: later sentences rarely win and cost time. */
const MAX_SENTENCES = 12;
/** Enough text for MAX_SENTENCES sentences of news prose. */
const PREFIX_CHARS = 4000;

/**
 * Openings that point back at text the reader of a summary has not seen: discourse connectors
 * ("Donc", "Mais", "En effet") and anaphoric pronouns ("Il", "Celle-ci"). "Alors que" (while)
 * and impersonal "Il y a", "Il faut" stand alone.
 */
const CONNECTOR =
  /^(?:donc|mais|et|or|pourtant|cependant|toutefois|en effet|par ailleurs|ainsi|aussi|de plus|en revanche|néanmoins|d['’]ailleurs|car|puis|alors(?! qu)|enfin|en outre|par contre|pour autant|du coup|bref|certes|dès lors|par conséquent|c['’]est pourquoi|de son côté|de leur côté|quant à|là encore|autrement dit|en clair|ensuite|sinon)(?![\p{L}\p{N}'’-])/iu;
const ANAPHORA =
  /^(?:(?:il|elle|ils|elles|lui|leur|leurs|eux|cela|ça|ceci|c['’]est)(?![\p{L}\p{N}'’-])(?! y a| n['’]y a| faut| fallait| faudra| faudrait)|(?:celui|celle|ceux|celles)-(?:ci|là)|(?:ce|ces) derni(?:er|ers|ère|ères)(?![\p{L}])|d['’]autres\s|(?:\S+\s+){0,3}(?:le|la|les) (?:sien|sienne|siens|siennes|leur|leurs)(?![\p{L}]))/iu;
/** Opening quotes and spaces before a sentence's first word. */
const LEADING_OPENERS = /^[«“"'‘\s]+/u;

/**
 * Whether a sentence's first words need the sentences before it to make sense. The article's
 * first sentence may say "Il"/"Elle" for the title's subject (`index` 0), not "Donc" or "Mais".
 */
export function needsContext(sentence: string, index: number): boolean {
  const start = sentence.replace(LEADING_OPENERS, "");
  if (CONNECTOR.test(start)) return true;
  return index > 0 && ANAPHORA.test(start);
}

/** Straight quotes come in pairs, the first one opening (after a space or at the start). */
function balancedStraightQuotes(sentence: string): boolean {
  const first = sentence.indexOf('"');
  if (first < 0) return true;
  let count = 0;
  for (let i = first; i >= 0; i = sentence.indexOf('"', i + 1)) count++;
  if (count % 2 !== 0) return false;
  return first === 0 || /[\s(«“'’-]/u.test(sentence[first - 1] as string);
}

const PAIRS: Readonly<Record<string, number>> = {
  "«": 0,
  "»": 0,
  "“": 1,
  "”": 1,
  "(": 2,
  ")": 2,
  "[": 3,
  "]": 3,
};
const PAIR_CHARS = /[«»“”()[\]]/gu;

/** Each opener closes after it: « », “ ”, ( ), [ ]. */
function balancedPairs(sentence: string): boolean {
  const depth = [0, 0, 0, 0];
  for (const [ch] of sentence.matchAll(PAIR_CHARS)) {
    const kind = PAIRS[ch] as number;
    const delta = ch === "«" || ch === "“" || ch === "(" || ch === "[" ? 1 : -1;
    depth[kind] = (depth[kind] as number) + delta;
    if ((depth[kind] as number) < 0) return false;
  }
  return depth.every((d) => d === 0);
}

/** Ends like a sentence: final punctuation, maybe closing quotes, not "(...)" or ":". */
const WHOLE_END = /[.!…]["»”’')\]]*$/u;
const ELIDED_END = /[([](?:\.{3}|…)[)\]]$/u;
/** Words whose period is an abbreviation's, so a lowercase word may follow it. */
const LOWERCASE_AFTER = new Set(["etc", "env", "cf", "ex", "art", "coll", "chap", "vol", "hab"]);

/** A period after a word, then a lowercase word: a sentence whose capital was lost ("Trump. invité"). */
function lostCapital(sentence: string): boolean {
  for (const match of sentence.matchAll(/\.\s+\p{Ll}/gu)) {
    const dot = match.index ?? 0;
    let start = dot;
    while (start > 0 && /\p{L}/u.test(sentence[start - 1] as string)) start--;
    if (dot - start < 3 || sentence[start - 1] === ".") continue;
    if (!LOWERCASE_AFTER.has(sentence.slice(start, dot).toLowerCase())) return true;
  }
  return false;
}

/** Scraping glue: a heading or paragraph run into the sentence ("récurrentesLe", " -Jusqu'ici"). */
const GLUED = new RegExp(
  [
    // "récurrentesLe conseil", "tourLes regards"
    "\\p{Ll}{2}(?:Le|La|Les|L['’]|Un|Une|Des|Il|Elle|Ils|Elles|Ce|Cette|C['’]|Selon|Depuis|Dans|Pour|Mais)(?!\\p{Ll})",
    // "le 1er tour Depuis, alors que": a sentence opener capitalised mid-sentence
    "[\\p{Ll}\\p{N}] (?:Il|Elle|Ils|Elles|Depuis|Selon|Mais|Dans|Cette|Lors|Alors|Pourtant|Cependant|Ainsi|Enfin|Après|Avant)[ ,]",
    // " -Jusqu'ici", "juges.- Laide"
    "\\s[-–—]\\p{Lu}",
    '[.!?…]["»”)]?\\s*[-–—]\\s',
    // "enceinte ?par 6MEDIASSi l'heureux", "DÉPENSERAu final"
    "[?!]\\p{L}",
    "\\p{Lu}{5}\\p{Ll}",
    // list items run together: "depuis 1980.► Le bleu de travail"
    "[►•▪■●◆]",
  ].join("|"),
  "u",
);

/**
 * Whether a sentence reads as a whole sentence on its own: it starts with a capital, a digit or
 * an opening quote (not lowercase, not punctuation), its quotes and brackets are balanced, it
 * ends with final punctuation (not ":" or an elision), and scraping did not glue text into it.
 */
export function readsWhole(sentence: string): boolean {
  const start = sentence.replace(LEADING_OPENERS, "");
  const first = start[0];
  if (first === undefined || !/[\p{Lu}\p{N}]/u.test(first)) return false;
  if (/^["'‘]\s/u.test(sentence) && !/^"\s\p{Lu}/u.test(sentence)) return false;
  if (!WHOLE_END.test(sentence) || ELIDED_END.test(sentence)) return false;
  if (!balancedStraightQuotes(sentence) || !balancedPairs(sentence)) return false;
  return !lostCapital(sentence) && !GLUED.test(sentence);
}

const QUESTION_END = /\?["»”)\s]*$/u;

/** Whether a sentence is noise: too short, a question, navigation/credit text or all caps. */
function isNoise(sentence: string, words: number): boolean {
  if (sentence.length < 25 || words < 5) return true;
  if (QUESTION_END.test(sentence)) return true;
  if (NOISE.test(sentence)) return true;
  return isShouting(sentence);
}

/** Whether more than 60% of the letters are capitals ("LA SUITE APRÈS LA PUBLICITÉ"). */
function isShouting(sentence: string): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < sentence.length; i++) {
    const code = sentence.charCodeAt(i);
    // ASCII and Latin-1 letters by code (most of the text), the rest by Unicode property.
    if ((code >= 97 && code <= 122) || (code >= 223 && code <= 255 && code !== 247)) letters++;
    else if ((code >= 65 && code <= 90) || (code >= 192 && code <= 222 && code !== 215)) {
      letters++;
      upper++;
    } else if (code > 255) {
      const ch = sentence[i] as string;
      if (/\p{Lu}/u.test(ch)) upper++;
      if (/\p{L}/u.test(ch)) letters++;
    }
  }
  return letters > 0 && upper / letters > 0.6;
}

const capOf = (token: string): number => (isFunctionWord(token) ? FUNCTION_WORD_CAP : 1);

function candidatesOf(title: string, split: readonly Sentence[]): Candidate[] {
  const titleWords = new Set(frenchTokens(title));
  const sentences = split.map((sentence) => sentence.text);
  const tokenized = sentences.map(frenchTokens);
  // Number of sentences each word occurs in: what the article keeps repeating is its topic.
  const df = new Map<string, number>();
  for (const tokens of tokenized) {
    for (const token of new Set(tokens)) df.set(token, (df.get(token) ?? 0) + 1);
  }
  const candidates: Candidate[] = [];
  sentences.forEach((text, index) => {
    const tokens = tokenized[index] ?? [];
    // A sentence continuing someone's quotation would read as the newsroom's own words.
    if (split[index]?.quoted || isNoise(text, tokens.length) || !readsWhole(text)) return;
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    const { flat, decay, min } = CHANCE.position;
    const position = index <= flat ? 1 : Math.max(min, 1 - decay * (index - flat));
    const chance = new Map<string, number>();
    let expected = 0;
    for (const [token, count] of counts) {
      let p: number = CHANCE.functionWord;
      if (!isFunctionWord(token)) {
        const model = titleWords.has(token) ? CHANCE.titleWord : CHANCE.word;
        p = Math.min(model.max, model.base + model.perSentence * ((df.get(token) ?? 1) - 1));
      }
      chance.set(token, p * position);
      expected += Math.min(count, capOf(token)) * p * position;
    }
    // The answer to a question ("Objectif ? Diminuer les retards.") needs the question, and
    // questions are never picked.
    const answers = index > 0 && QUESTION_END.test(sentences[index - 1] ?? "");
    const standalone = !answers && !needsContext(text, index);
    const detachable = !answers && (index === 0 || !needsContext(text, 1));
    candidates.push({
      text,
      index,
      standalone,
      detachable,
      counts,
      chance,
      expected,
      words: tokens.length,
    });
  });
  return candidates;
}

/**
 * Expected ROUGE F1 of one or two sentences: expected matched words over (summary + typical
 * reference length). A word counts once however often it is repeated (function words up to
 * twice), so a second sentence that repeats the first gains nothing.
 */
function expectedF1(a: Candidate, b?: Candidate): number {
  if (b === undefined) return (2 * a.expected) / (a.words + REFERENCE_WORDS);
  let expected = a.expected;
  for (const [token, count] of b.counts) {
    const cap = capOf(token);
    const before = Math.min(a.counts.get(token) ?? 0, cap);
    expected += (Math.min(before + count, cap) - before) * (b.chance.get(token) ?? 0);
  }
  return (2 * expected) / (a.words + b.words + REFERENCE_WORDS);
}

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

/** The first `count` sentences of the body, splitting only as much text as needed. */
function leadingSentences(paragraphs: readonly string[], count: number): Sentence[] {
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

/**
 * How much a summary opening on a sentence that needs context is worth next to one that
 * stands alone: little, so it only wins when no standalone opening fits the budget.
 */
const CONTEXT_PENALTY = 0.25;

/** A short extractive summary: 1–2 sentences of the article, verbatim, at most maxChars. */
export function summarize(input: SummaryInput, options: SummaryOptions): string {
  const maxChars = Math.max(1, Math.floor(options.maxChars));
  const sentences = leadingSentences(input.paragraphs, MAX_SENTENCES);
  const candidates = candidatesOf(input.title, sentences.slice(0, MAX_SENTENCES));
  let best: { text: string; value: number } | undefined;
  // Candidates are in article order and pairs keep it: the summary reads as the article does.
  for (let i = 0; i < candidates.length; i++) {
    const a = candidates[i] as Candidate;
    if (a.text.length > maxChars) continue;
    const weight = a.standalone ? 1 : CONTEXT_PENALTY;
    const alone = weight * expectedF1(a);
    if (best === undefined || alone > best.value) best = { text: a.text, value: alone };
    for (let j = i + 1; j < candidates.length; j++) {
      const b = candidates[j] as Candidate;
      if (a.text.length + 1 + b.text.length > maxChars) continue;
      // "Ils déplorent…" after a sentence other than the one naming them points at the wrong noun.
      const follows = b.detachable || b.index === a.index + 1 ? 1 : CONTEXT_PENALTY;
      const value = weight * follows * expectedF1(a, b);
      if (value > best.value) best = { text: `${a.text} ${b.text}`, value };
    }
  }
  if (best !== undefined) return best.text;
  // No sentence fits: cut the most promising one at a word boundary. No usable sentence: title.
  let top: Candidate | undefined;
  for (const c of candidates) if (top === undefined || expectedF1(c) > expectedF1(top)) top = c;
  const title = input.title.trim();
  return cut(top?.text ?? (title !== "" ? title : (sentences[0]?.text ?? "")), maxChars);
}
