import iconv from "iconv-lite";

/**
 * Text that was UTF-8, read once as Windows-1252 and saved again (« Ã© » for « é », « â€™ »
 * for « ’ », « Â« » for « « »): each such run is turned back into the bytes it came from and
 * read as UTF-8, the way ftfy does it. A run is only replaced when its bytes are valid UTF-8,
 * so correct accented text (« é » alone is no valid UTF-8 byte sequence) is never touched, and
 * a text that mixes repaired and correct parts comes out right.
 */

/** A UTF-8 lead byte read as Windows-1252 (Â–ô), then continuation bytes read the same way. */
const RUN =
  /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]+/gu;
/** The runs double encoding leaves in French text: é è à ê ç ô ’ « » “ ” and the like. */
const SIGN = /Ã[\u00a0-\u00bf\u0152-\u2122]|â€|Â[«»\u00a0°]/u;

const strict = new TextDecoder("utf-8", { fatal: true });

/** Whether the text carries the marks of double encoding. Cheap: one regular expression. */
export function looksDoubleEncoded(text: string): boolean {
  return SIGN.test(text);
}

/** The text with its double-encoded runs read back as UTF-8; text without them as it was. */
export function repairMojibake(text: string): string {
  if (!looksDoubleEncoded(text)) return text;
  const repaired = text.replace(RUN, (run) => {
    const bytes = iconv.encode(run, "windows-1252");
    try {
      const fixed = strict.decode(bytes);
      return fixed.includes("\ufffd") ? run : fixed;
    } catch {
      return run;
    }
  });
  // « à » is C3 A0: once the A0 (a no-break space) has become a plain space, « Ã  » is left.
  return repaired.replace(/Ã {1,2}/gu, "à ");
}
