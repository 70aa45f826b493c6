/**
 * Text from outside (a file name, a feed's address) made safe to print on a terminal or in a
 * log line: control characters — ANSI escapes that would recolour, move the cursor or rewrite
 * the screen, carriage returns that hide what came before, bidi overrides that reverse what
 * follows — are written as visible `\xNN` / `\u{…}` escapes. Everything else is left as is.
 *
 * @example printable("rapport\u001b[2J.txt") === "rapport\\x1b[2J.txt"
 */
export function printable(text: string): string {
  // C0 and C1 controls, DEL, and the bidi embedding, override and isolate characters.
  return text.replace(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}
