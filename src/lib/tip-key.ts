import { createHash } from "node:crypto";
import { fold } from "./fold.ts";

/**
 * How near-identical tips are recognised as one (see src/domain/tip.ts). Hand-written: a
 * near-duplicate library (MinHash, SimHash) pays off on long documents; tips are one or two
 * sentences where the wording around the rumour (« est-ce vrai que », « vérifiez svp ») is what
 * varies, so the key is the set of the rumour's own words.
 */

// The words that say « please check this » rather than what the rumour is about: set aside so
// « est-ce vrai que X ? » and « X, vérifiez svp » are the same tip.
const ASKING =
  /\b(?:vrai(?:ment)?(?: ou faux)?|is it true|true or false|verifi\w*|check\w*|confirm\w*|dement\w*|rumeurs?|intox|info ou intox|fake news|fake|svp|stp|please|merci|bonjour|bonsoir|salut|hello|la redaction|il parait|on dit)\b/gu;

// Function words and auxiliaries (French and English): they vary from one wording to the next
// (« le président serait malade », « le président est malade ») without changing the rumour.
const FUNCTION_WORDS = new Set(
  (
    "c es ke le la les l un une des du de d au aux a à et ou en dans sur pour par avec sans ce cet cette ces " +
    "que qu qui quoi est sont serait seraient etait ete sera etre a ont avait aurait il elle ils elles on " +
    "y se s ne n pas plus nous vous je j me m te t lui leur leurs son sa ses mon ma mes ton ta tes notre " +
    "votre vos nos tout tous toute toutes tres bien aussi deja encore the a an of to in on at is are was " +
    "were be been it that this for with and or from by has have had will would do does did"
  ).split(" "),
);

/** The tip's text as compared: folded, links and emojis dropped, punctuation as spaces. */
export function normalizeTip(text: string): string {
  return fold(text.replace(/https?:\/\/\S+|www\.\S+/giu, " "))
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * What the tip is about, as a sorted set of content words with a crude plural removed: two
 * messages with the same set are counted as one tip, whatever the order, the accents, the
 * punctuation, the « est-ce vrai que » or the « vérifiez svp » around them.
 */
export function tipKeyWords(text: string): string[] {
  const words = ` ${normalizeTip(text)} `
    .replace(ASKING, " ")
    .split(" ")
    .filter((w) => w.length > 0 && !FUNCTION_WORDS.has(w))
    .map((w) => (w.length > 3 ? w.replace(/(?<=[^s])[sx]$/u, "") : w));
  return [...new Set(words)].sort();
}

/** The fingerprint near-identical tips share (16 hex digits of SHA-256 over the key words). */
export function tipFingerprint(text: string): string {
  const words = tipKeyWords(text);
  // Nothing left but « vérifiez svp »: the whole normalised text is the key.
  const key = words.length > 0 ? words.join(" ") : normalizeTip(text);
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}
