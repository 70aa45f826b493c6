import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold } from "../../src/lib/fold.ts";
import { leadKey } from "../../src/store/articles.ts";

/** The definition: the first 40 words of the whole body, folded. */
const reference = (body: string): string =>
  fold(body)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 40)
    .join(" ");

const pieces = [
  "Le",
  "ministre",
  "Élysée",
  "e\u0301te\u0301", // decomposed accents
  "ΟΔΟΣ",
  "İstanbul",
  "l’État",
  "2,5",
  "—",
  "«",
  "»",
  "...",
  " ",
  "  ",
  "\n\n",
  "\t",
  "\u00a0",
  "\u0301",
  "x".repeat(500),
];

describe("an article's lead key (dedupe of one title on one day)", () => {
  it("is the first 40 folded words of the whole body, however long the body", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 900 }), (parts) => {
        const body = parts.join("");
        expect(leadKey(body)).toBe(reference(body));
      }),
      { numRuns: 400 },
    );
  });

  it("holds for ordinary text too", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5000, unit: "grapheme" }), (body) => {
        expect(leadKey(body)).toBe(reference(body));
      }),
      { numRuns: 300 },
    );
  });
});
