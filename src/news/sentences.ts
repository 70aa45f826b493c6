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

const TERMINATORS = ".!?…";
/** Characters that close a sentence after its final punctuation: it ends after them. */
const CLOSERS = "»”\"')]’";
/** Characters that can open a sentence before its first letter. */
const OPENERS = "«“\"'([—–-‘¿¡";

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch);
const isUpper = (ch: string | undefined): boolean => ch !== undefined && /\p{Lu}/u.test(ch);
const isLower = (ch: string | undefined): boolean => ch !== undefined && /\p{Ll}/u.test(ch);
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
 * Returns the end (exclusive) of the sentence whose terminator run starts at `i`, or -1 if the
 * punctuation at `i` does not end a sentence.
 */
function boundaryAt(text: string, i: number): number {
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
  // Closing quotes and brackets belong to the sentence, also after a (narrow) no-break space.
  for (;;) {
    let k = end;
    while (text[k] === " " || text[k] === "\u00a0" || text[k] === "\u202f") k++;
    const ch = text[k];
    if (ch === "»" || ch === "”" || ch === "’" || ch === ")" || ch === "]") {
      end = k + 1;
    } else if ((ch === '"' || ch === "'") && k === end) {
      end = k + 1;
    } else break;
  }
  if (end >= text.length) return end;
  const next = text[end];
  if (isSpace(next)) {
    let k = end;
    while (isSpace(text[k])) k++;
    return k >= text.length || startsSentence(text, k) ? end : -1;
  }
  // Glued sentences from scraping: "de Paris.Cette vidéo", "l'Obs.La nuit". Not "M.Diop"
  // (abbreviation, handled above), "actu.orange.fr" (lowercase) or "3.600" (digits).
  if (first === "." && end === i + 1 && isUpper(next) && isLower(text[end + 1])) {
    const word = wordBefore(text, i);
    const afterQuote = CLOSERS.includes(text[i - 1] ?? " ");
    return afterQuote || (/\p{L}{2,}$|\p{N}$/u.test(word) && !word.includes(".")) ? end : -1;
  }
  // Glued after a closing quote: « … fini. »Le lendemain.
  if (end > i + 1 && CLOSERS.includes(text[end - 1] as string) && isUpper(next)) return end;
  return -1;
}

/** Splits French prose into sentences. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const push = (from: number, to: number): void => {
    const sentence = text.slice(from, to).trim();
    if (sentence !== "") sentences.push(sentence);
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
      const end = boundaryAt(text, i);
      if (end > 0) {
        push(start, end);
        start = end;
        i = end;
        continue;
      }
    }
    i++;
  }
  push(start, text.length);
  return sentences;
}
