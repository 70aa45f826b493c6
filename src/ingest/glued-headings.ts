/**
 * Copied text often runs a sub-heading into the paragraph it heads, with no space or stop:
 * « …a conclu l'adjoint.Une attaque au hachoirPeu avant midi, un homme… ». The glue is a word
 * of three or more lowercase letters followed at once by a capitalised word (« hachoirPeu »),
 * which French prose never writes (brand names start with a capital or one letter: « YouTube »,
 * « iPhone »). The heading is what runs from the last sentence end to the glue, when it is
 * short enough to be one.
 */

/** A lowercase letter right before a capitalised word: where glue may be (fast to find). */
const SEAM = /\p{Ll}(?=\p{Lu}\p{Ll})/gu;
const LOWER = /\p{Ll}/u;
const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Where each glue in the text ends (the index of the capital): a word of three or more
 * lowercase letters from its start, then a capitalised word. Found by a cheap scan for the seam,
 * then a look back, rather than one regular expression that retries at every letter.
 */
export function glueEnds(text: string): number[] {
  const ends: number[] = [];
  for (const seam of text.matchAll(SEAM)) {
    const end = (seam.index ?? 0) + 1;
    let start = end - 1;
    while (start > 0 && LOWER.test(text[start - 1] as string)) start--;
    if (end - start < 3) continue;
    if (start > 0 && WORDISH.test(text[start - 1] as string)) continue;
    ends.push(end);
  }
  return ends;
}
/** The end of the sentence before the heading: a stop, maybe closing quotes, then a space. */
const SENTENCE_END = /[.!?…][»"”)]*\s+/gu;
const MAX_HEADING_WORDS = 14;
const MAX_HEADING_CHARS = 120;

export interface GluedPiece {
  kind: "paragraph" | "heading";
  text: string;
}

/** A paragraph's text cut into the paragraphs and the sub-headings glued into it. */
export function splitGluedHeadings(text: string): GluedPiece[] {
  const pieces: GluedPiece[] = [];
  let rest = text;
  for (;;) {
    const cut = headingCut(rest);
    if (cut === null) break;
    const before = rest.slice(0, cut.start).trim();
    if (before) pieces.push({ kind: "paragraph", text: before });
    pieces.push({ kind: "heading", text: rest.slice(cut.start, cut.end).trim() });
    rest = rest.slice(cut.end);
  }
  if (rest.trim()) pieces.push({ kind: "paragraph", text: rest.trim() });
  return pieces;
}

/** Where the first glued heading of the text starts and ends, or null. */
function headingCut(text: string): { start: number; end: number } | null {
  for (const end of glueEnds(text)) {
    let start = 0;
    for (const stop of text.slice(0, end).matchAll(SENTENCE_END)) {
      start = (stop.index ?? 0) + stop[0].length;
    }
    const heading = text.slice(start, end);
    const words = heading.split(/\s+/).filter(Boolean).length;
    if (words > MAX_HEADING_WORDS || heading.length > MAX_HEADING_CHARS) continue;
    if (!/^[\p{Lu}\p{N}«"“]/u.test(heading)) continue;
    return { start, end };
  }
  return null;
}
