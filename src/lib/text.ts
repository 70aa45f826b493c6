import { decodeHTML } from "entities";
import { stripBidiControls } from "./bidi.ts";
import { fold } from "./fold.ts";

// Control characters (but tab/newline) and zero-width marks that break WhatsApp rendering.
// The zero-width joiner (U+200D) is not one of them: it joins emoji (👨‍👩‍👧, 🏳️‍🌈) and
// letters of some scripts; only a stray one, next to a space or an edge, goes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const invisible = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u200c\u2060\ufeff]/g;
// A run is tried from its first joiner only (`(?<!\u200d)`): tried from each of them, 10^5
// joiners between two letters were quadratic (30 kB: 3 s).
const strayJoiner = /(?<!\S)\u200d+|(?<!\u200d)\u200d+(?!\S)/g;
/**
 * A word a printed page hyphenated at a line end, copied with its break: « lea‐ der »,
 * « in‐ diqué » (U+2010, the typesetter's hyphen, then the line's space), or a soft hyphen
 * (U+00AD, a hint that is never shown). An ASCII « - » is left: « pré- et post-électoral ».
 */
const printBreak = /(?<=\p{Ll})(?:\u2010 |\u00ad ?)(?=\p{Ll})|\u00ad/gu;

/**
 * One line of article text made clean: entities decoded, stray tags and invisible characters
 * removed, spaces collapsed. French typography is kept (« », ’, non-breaking spaces).
 */
export function cleanInline(text: string): string {
  let s = text.includes("&") ? decodeHTML(text) : text;
  if (s.includes("<")) s = s.replace(/<\/?[a-zA-Z][^<>]*>/g, " ");
  return mendGluedSentences(
    stripBidiControls(s)
      .replace(invisible, "")
      .replace(strayJoiner, "")
      .replace(/[ \t\r\n\u2028\u2029]+/g, " ")
      .replace(printBreak, "")
      .replace(/ ([\u00a0\u202f])|([\u00a0\u202f]) /g, "$1$2")
      .trim(),
  );
}

/**
 * Scraped text often loses the space between sentences ("de Paris.Cette vidéo"). A lowercase
 * letter or digit, end punctuation, then a capital: put the space back. Initials ("M.Diop"),
 * decimals ("3.600") and domains ("actu.orange.fr") do not match.
 */
export function mendGluedSentences(text: string): string {
  // A straight quote after the stop may open the next sentence as well as close this one: left alone.
  // A site's name written with capitals (« Guinéematin.Com », « Abidjan.Net ») is no sentence end.
  return text.replace(
    /([\p{Ll}\d][)»"”]?[.!?]+[»”]?)(?=\p{Lu}\p{Ll})(?!(?:Com|Net|Org|Info|Biz|Tv|Africa|News|Online|Site)(?![\p{L}]))/gu,
    "$1 ",
  );
}

/** Folded for comparing two renderings of one text: case, accents, dashes and spaces ignored. */
export function comparable(text: string): string {
  return fold(text)
    .replace(/[‐‑‒–—―-]/g, "-")
    .replace(/[’`]/g, "'")
    .trim();
}

/** Values in order, without repeats that differ only by case ("Politique", "politique"). */
export function uniqueCaseless(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A short line without end punctuation, starting with a capital, followed by more text. */
export function looksLikeHeading(text: string): boolean {
  const words = text.split(/\s+/).length;
  return (
    text.length >= 3 &&
    text.length <= 90 &&
    words <= 12 &&
    /^[\p{Lu}\d]/u.test(text) &&
    !/[.!?…:;,»"”)]$/.test(text)
  );
}
