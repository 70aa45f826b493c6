import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compose, cutMarkup, italic, MAX_MESSAGE_CHARS } from "../../src/messages/markup.ts";
import { alert, channelPost } from "../../src/messages/templates.ts";
import { catalogue } from "../../src/messages/wording.ts";

/** Whether every WhatsApp span is closed: markers outside links, counted per kind. */
function balanced(text: string): boolean {
  const plain = text.replace(/\bhttps?:\/\/\S+|\bwww\.\S+/g, "");
  const openers = (m: string) =>
    [...plain.matchAll(new RegExp(`(^|[\\s(])[${m}](?=\\S)`, "gu"))].length;
  const closers = (m: string) =>
    [...plain.matchAll(new RegExp(`(?<=\\S)[${m}](?![\\p{L}\\p{N}])`, "gu"))].length;
  return ["*", "_", "~"].every((m) => openers(m) <= closers(m));
}

describe("cutting a message with markup", () => {
  it("5,000 followed rubrics: the reply is cut at a line and no `_suivie_` loses its closing `_`", () => {
    const lines = Array.from({ length: 5000 }, (_, i) => ({
      name: `Rubrique régionale numéro ${i + 1}`,
      followed: true,
    }));
    const body = catalogue("fr").replies.rubrics(lines);
    const cut = cutMarkup(body, MAX_MESSAGE_CHARS);
    expect(cut.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(cut.endsWith("✓ _suivie_\n…")).toBe(true);
    expect(balanced(cut)).toBe(true);
  });

  it("an article with 5,000 rubrics: its alert and Channel post are cut, their italic byline closed", () => {
    const article = {
      id: 7,
      title: "AES-Russie : Les ministres du Sahel à Moscou",
      categories: Array.from({ length: 5000 }, (_, i) => `Rubrique ${i + 1}`),
      dateline: "Moscou, 2 avril 2025",
      publishedAt: new Date("2025-04-02T12:00:00Z"),
      summary: "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso.",
      keyPoints: [],
      url: "https://exemple-info.ml/aes_russie",
    };
    const ctx = { language: "fr" as const, timeZone: "Africa/Bamako", channelLink: null };
    for (const text of [alert(article, ctx), channelPost(article, ctx)]) {
      expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      expect(balanced(text)).toBe(true);
      expect(text).toContain("https://exemple-info.ml/aes_russie");
    }
  });

  it("closes a span the cut fell inside instead of leaving it open", () => {
    const text = `*Titre* ${italic("une phrase en italique qui continue bien au-delà de la limite")}`;
    const cut = cutMarkup(text, 30);
    expect(cut).toBe("*Titre* _une phrase en_…");
    const composed = compose(["*Dernières infos*", text], 40);
    expect(composed.length).toBeLessThanOrEqual(40);
    expect(composed).toMatch(/^\*Dernières infos\*\n\n\*Titre\* _une[^_]*_…$/);
  });

  it("leaves links and in-word underscores alone", () => {
    const text = "Voir https://site.ml/a_b*c puis sport_auto et _la suite du texte longue_";
    const cut = cutMarkup(text, 55);
    expect(cut).toBe("Voir https://site.ml/a_b*c puis sport_auto et _la_…");
  });

  it("never leaves a span open, whatever the text and the limit", () => {
    const word = fc.constantFrom(
      "Bamako",
      "Sahel",
      "*gras*",
      "_italique_",
      "~barré~",
      "a_b",
      "www.x.ml/_a",
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 1, maxLength: 6 }), { maxLength: 40 }),
        fc.integer({ min: 2, max: 300 }),
        (lines, max) => {
          const text = lines.map((l) => l.join(" ")).join("\n");
          const cut = cutMarkup(text, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          expect(balanced(cut)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
