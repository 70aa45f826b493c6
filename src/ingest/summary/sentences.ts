/**
 * A rule-based French sentence splitter, tuned for newsroom copy and scraped text.
 * It only decides where to cut: every sentence is a trimmed slice of the input, so an
 * extractive summary built from it is always text that appears in the article.
 */

/** Abbreviations that are followed by a name or a number, so never end a sentence. */
const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "m",
  "mm",
  "mme",
  "mmes",
  "mlle",
  "mlles",
  "mgr",
  "dr",
  "drs",
  "pr",
  "me",
  "st",
  "ste",
  "sts",
  "av",
  "apr",
  "bd",
  "bld",
  "boul",
  "art",
  "cf",
  "chap",
  "env",
  "fig",
  "no",
  "nos",
  "p",
  "pp",
  "tél",
  "vol",
  "gal",
  "gén",
  "col",
  "cdt",
  "lt",
  "sgt",
  "adj",
  "cie",
  "éd",
]);

/** Abbreviated months: their period ends no sentence when a day or a year is next to them. */
const MONTH_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "janv",
  "jan",
  "fév",
  "févr",
  "fevr",
  "avr",
  "juil",
  "sept",
  "sep",
  "oct",
  "nov",
  "déc",
  "dec",
]);

const TERMINATORS = ".!?…";
/** Characters that close a sentence after its final punctuation: it ends after them. */
const CLOSERS = "»”\"')]’";
/** Characters that can open a sentence before its first letter. */
const OPENERS = "«“\"'([—–-‘¿¡";

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch);
const isUpper = (ch: string | undefined): boolean => ch !== undefined && /\p{Lu}/u.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= "0" && ch <= "9";

/** The word just before `dot` (letters, dots and hyphens), e.g. "M", "Mme", "J.-C", "etc". */
function wordBefore(text: string, dot: number): string {
  let start = dot;
  while (start > 0) {
    const ch = text[start - 1] as string;
    if (/[\p{L}\p{N}.-]/u.test(ch)) start--;
    else break;
  }
  return text.slice(start, dot);
}

/** Whether the period at `dot` belongs to an abbreviation or an initial, not a sentence end. */
function isAbbreviationDot(text: string, dot: number): boolean {
  const word = wordBefore(text, dot);
  if (word === "") return false;
  if (TITLE_ABBREVIATIONS.has(word.toLowerCase())) return true;
  // "le 3 fév. 2025", "sept. 2024": an abbreviated month inside a date.
  if (
    MONTH_ABBREVIATIONS.has(word.toLowerCase()) &&
    (/\d\s+$/u.test(text.slice(Math.max(0, dot - word.length - 4), dot - word.length)) ||
      /^\s+\d/u.test(text.slice(dot + 1, dot + 4)))
  ) {
    return true;
  }
  // "J.-C." after "av." or "apr." is a date: the period can end the sentence.
  if (/^J\.-C$/u.test(word)) {
    return !/\b(av|apr|avant|après)\.?\s*$/iu.test(text.slice(Math.max(0, dot - 16), dot - 4));
  }
  // Initials: "J. R. R. Tolkien", "J.-P. Sartre", "U.S.A." — the last piece is one capital.
  const last = word.split(/[.-]/u).pop() ?? "";
  return last.length === 1 && isUpper(last);
}

/** Whether text at `i` (after spaces) can start a new sentence. */
function startsSentence(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && OPENERS.includes(text[j] as string)) j++;
  while (isSpace(text[j])) j++;
  const ch = text[j];
  return isUpper(ch) || isDigit(ch);
}

/**
 * A quotation closing at most this many characters after a sentence end keeps its sentences
 * together: « Je pars. Demain », dit-il. is one sentence, not two halves with an open quote.
 */
const QUOTE_REACH = 200;

/**
 * Where quotations open and close. Straight quotes " are the same character both ways: their
 * role comes from the spaces around them and, when those say nothing (`fin." Suite`, glued
 * `mot"Mot`), from whether a quotation is open. Scraped copy often moves the quote opening a
 * paragraph to the end of the previous one (`fin." Suite…`): parity reads it as an opener.
 */
interface Quotes {
  /** Index of each straight quote that closes a quotation. */
  closing: ReadonlySet<number>;
  /** Quotations as [opening index, closing index]. */
  spans: ReadonlyArray<readonly [number, number]>;
}

const BEFORE_OPENING = "([{«“'’-–—/";
const AFTER_CLOSING = ".,;:!?)]}»”…";

function findQuotes(text: string): Quotes {
  const closing = new Set<number>();
  const spans: Array<readonly [number, number]> = [];
  let straight = -1;
  const open: { "«": number[]; "“": number[] } = { "«": [], "“": [] };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "\n" && /^\n[^\S\n]*\n/u.test(text.slice(i, i + 64))) {
      // Quotations do not run across paragraphs (or, if they do, each paragraph reopens them).
      straight = -1;
      open["«"].length = 0;
      open["“"].length = 0;
    } else if (ch === "«" || ch === "“") {
      open[ch].push(i);
    } else if (ch === "»" || ch === "”") {
      const from = open[ch === "»" ? "«" : "“"].pop();
      if (from !== undefined) spans.push([from, i]);
    } else if (ch === '"') {
      const prev = text[i - 1];
      const next = text[i + 1];
      const spaceBefore = prev === undefined || isSpace(prev) || BEFORE_OPENING.includes(prev);
      const spaceAfter = next === undefined || isSpace(next) || AFTER_CLOSING.includes(next);
      const afterEnd = prev !== undefined && TERMINATORS.includes(prev) && isSpace(next);
      const opens =
        spaceBefore && !spaceAfter
          ? true
          : !spaceBefore && spaceAfter && !afterEnd
            ? false
            : straight < 0;
      if (opens) {
        straight = i;
      } else if (straight >= 0) {
        closing.add(i);
        spans.push([straight, i]);
        straight = -1;
      }
    }
  }
  return { closing, spans };
}

/** Whether a sentence ending at `end` would leave a quotation open that closes soon after. */
function insideShortQuote(quotes: Quotes, end: number): boolean {
  for (const [from, to] of quotes.spans) {
    if (from < end && to >= end && to - end <= QUOTE_REACH) return true;
  }
  return false;
}

/** An elision mark ending at `end` (exclusive): "(...)", "(…)", "[...]", "[…]". */
const isElision = (text: string, end: number): boolean =>
  /[([](?:\.{3}|…)[)\]]$/u.test(text.slice(Math.max(0, end - 5), end));

/**
 * Returns the end (exclusive) of the sentence whose terminator run starts at `i`, or -1 if the
 * punctuation at `i` does not end a sentence.
 */
function boundaryAt(text: string, i: number, quotes: Quotes): number {
  const first = text[i] as string;
  let end = i + 1;
  // Terminator runs: "...", "?!", "? !", "!!!".
  for (;;) {
    let k = end;
    while (text[k] === " " || text[k] === "\u00a0" || text[k] === "\u202f") k++;
    const ch = text[k];
    if (ch !== undefined && TERMINATORS.includes(ch) && (k === end || ch === "!" || ch === "?")) {
      end = k + 1;
    } else break;
  }
  const isSingleDot = first === "." && end === i + 1;
  if (isSingleDot) {
    // Decimals and thousands: "2.5", "3.600".
    if (isDigit(text[i - 1]) && isDigit(text[i + 1])) return -1;
    if (isAbbreviationDot(text, i)) return -1;
  }
  // Closing quotes and brackets belong to the sentence, also after a (narrow) no-break space;
  // a straight quote only when it closes a quotation (else it opens the next sentence's).
  for (;;) {
    let k = end;
    while (text[k] === " " || text[k] === "\u00a0" || text[k] === "\u202f") k++;
    const ch = text[k];
    if (ch === "»" || ch === "”" || ch === "’" || ch === ")" || ch === "]") {
      end = k + 1;
    } else if (((ch === '"' && quotes.closing.has(k)) || ch === "'") && k === end) {
      end = k + 1;
    } else break;
  }
  // "(...) La suite": the journalist cut the quotation there, what follows is a new sentence.
  const elision = isElision(text, end);
  if (!elision && insideShortQuote(quotes, end)) return -1;
  if (end >= text.length) return end;
  const next = text[end];
  if (isSpace(next) || next === '"') {
    let k = end;
    while (isSpace(text[k])) k++;
    return k >= text.length || startsSentence(text, k) ? end : -1;
  }
  // Glued sentences from scraping: "de Paris.Cette vidéo", "l'Obs.La nuit", "faute ?Le bus",
  // "SURPLUS...Les passagers". Not "M.Diop" (abbreviation, handled above), "actu.orange.fr"
  // (lowercase) or "3.600" (digits).
  if (isUpper(next)) {
    const after = text[end + 1] ?? "";
    if (end > i + 1 || first !== ".") {
      if (/[\p{Ll}'’]/u.test(after)) return end;
    } else if (/[\p{Ll}'’ ]/u.test(after)) {
      // "fin.A l'inverse" but not "J.R" initials: the word before must be a real word.
      const word = wordBefore(text, i);
      const afterQuote = CLOSERS.includes(text[i - 1] ?? " ");
      return afterQuote || (/\p{L}{2,}$|\p{N}$/u.test(word) && !word.includes(".")) ? end : -1;
    }
  }
  // Glued after a closing quote: « … fini. »Le lendemain.
  if (end > i + 1 && CLOSERS.includes(text[end - 1] as string) && isUpper(next)) return end;
  return -1;
}

/** A sentence of the text, and whether it starts inside a quotation opened before it. */
export interface Sentence {
  text: string;
  /**
   * The middle or end of a longer quotation ("Écoutez, soyons sérieux." inside « … »): it has
   * no quote marks of its own, yet it is someone's words, not the newsroom's.
   */
  quoted: boolean;
}

/** Splits French prose into sentences, saying which ones continue a quotation. */
export function splitQuotedSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const quotes = findQuotes(text);
  const push = (from: number, to: number): void => {
    const slice = text.slice(from, to);
    const sentence = slice.trim();
    if (sentence === "") return;
    const at = from + slice.indexOf(sentence);
    const quoted = quotes.spans.some(([open, close]) => open < at && close > at);
    sentences.push({ text: sentence, quoted });
  };
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === "\n" && /^\n[^\S\n]*\n/u.test(text.slice(i, i + 64))) {
      // A blank line is a paragraph break: always a boundary.
      push(start, i);
      while (isSpace(text[i])) i++;
      start = i;
      continue;
    }
    if (TERMINATORS.includes(ch)) {
      const end = boundaryAt(text, i, quotes);
      if (end > 0) {
        push(start, end);
        start = end;
        i = end;
        continue;
      }
    }
    // A quotation glued to the next sentence by scraping: `pas de problème"C'est dans…`.
    if (
      (ch === "»" || ch === "”" || (ch === '"' && quotes.closing.has(i))) &&
      isUpper(text[i + 1]) &&
      /[\p{Ll}'’]/u.test(text[i + 2] ?? "")
    ) {
      push(start, i + 1);
      start = i + 1;
    }
    i++;
  }
  push(start, text.length);
  return sentences;
}

/** Splits French prose into sentences. */
export function splitSentences(text: string): string[] {
  return splitQuotedSentences(text).map((sentence) => sentence.text);
}
