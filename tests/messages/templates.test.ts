import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMarkup, MAX_MESSAGE_CHARS, truncate } from "../../src/messages/markup.ts";
import {
  alert,
  articleDetail,
  breakingAlert,
  channelPost,
  digest,
  type FormatContext,
  headlines,
} from "../../src/messages/templates.ts";

const fr: FormatContext = {
  language: "fr",
  timeZone: "Africa/Bamako",
  channelLink: "https://whatsapp.com/channel/0029VaExemple",
};

const article = {
  id: 7,
  title: "AES-Russie : Les ministres du Sahel à Moscou",
  categories: ["Politique", "Diplomatie"],
  dateline: "Moscou, 2 avril 2025",
  publishedAt: new Date("2025-04-02T12:00:00Z"),
  summary:
    "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso effectuent depuis ce mercredi 2 avril une visite officielle en Russie.",
  keyPoints: ["La coopération en matière de sécurité", "Les partenariats économiques"],
  url: "https://exemple-info.ml/aes_russie_moscou?utm_source=wa*1",
};

describe("WhatsApp templates", () => {
  it("a Channel post: bold title, rubrics and dateline, summary, key points, link", () => {
    expect(channelPost(article, fr)).toBe(
      [
        "*AES-Russie : Les ministres du Sahel à Moscou*",
        "_Politique · Diplomatie — Moscou, 2 avril 2025_",
        "",
        article.summary,
        "",
        "*Points clés*",
        "- La coopération en matière de sécurité",
        "- Les partenariats économiques",
        "",
        article.url,
      ].join("\n"),
    );
  });

  it("one-to-one messages invite to the Channel and say how to stop; Channel posts do not", () => {
    expect(alert(article, fr)).toContain(
      "Suivez l'information en direct sur notre chaîne WhatsApp : https://whatsapp.com/channel/0029VaExemple",
    );
    expect(alert(article, fr)).toContain("*stop*");
    expect(articleDetail(article, fr)).toContain("Suivez l'information en direct");
    expect(channelPost(article, fr)).not.toContain("Suivez");
  });

  it("speaks English when asked", () => {
    const en = { ...fr, language: "en" as const };
    expect(articleDetail(article, en)).toContain("*Key points*");
    expect(headlines([article], en)).toContain("*Latest news*");
    expect(headlines([article], en)).toContain("2 Apr");
  });

  it("numbers headlines and says how to read one", () => {
    const text = headlines([article, { ...article, title: "Deuxième titre", categories: [] }], fr);
    expect(text.split("\n")).toEqual([
      "*Dernières informations*",
      "",
      "1. AES-Russie : Les ministres du Sahel à Moscou _(Politique, 2 avr.)_",
      "2. Deuxième titre _(2 avr.)_",
      "",
      "Répondez par un numéro (ex. *1*) pour lire l'article.",
    ]);
  });

  it("a digest lists articles with their number and a short line", () => {
    const text = digest([article, article], new Date("2025-04-03T07:00:00Z"), fr);
    expect(text).toMatch(/^☀️ \*Votre sélection du 3 avril 2025\*/);
    expect(text).toContain("1. *AES-Russie");
    expect(text).toContain("2. *AES-Russie");
  });

  it("article text cannot break the markup, and links stay intact", () => {
    const hostile = {
      ...article,
      title: "Prix *en hausse* de 5 % _selon_ l'INS ~ `code`",
      summary: "> citation * étoile",
    };
    const post = channelPost(hostile, fr);
    expect(post.startsWith("*Prix ∗en hausse∗ de 5 % ˍselonˍ l'INS ∼ ˋcodeˋ*")).toBe(true);
    expect(post).toContain("› citation ∗ étoile");
    expect(post).toContain("https://exemple-info.ml/aes_russie_moscou?utm_source=wa*1");
    expect(escapeMarkup("voir www.site.ml/a_b et a_b")).toBe("voir www.site.ml/a_b et aˍb");
  });

  it("truncates only at spaces, never inside a word or a link", () => {
    expect(truncate("Les ministres du Sahel à Moscou", 20)).toBe("Les ministres du…");
    expect(truncate("voir https://exemple.ml/tres-long-lien-qui-depasse", 30)).toBe("voir…");
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 2, max: 200 }), (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, text.length <= max ? text.length : 0));
        if (out !== text && out !== "") {
          const kept = out.slice(0, -1);
          expect(text.startsWith(kept)).toBe(true);
          // The cut falls on a space (or on punctuation trimmed before it): never mid-word.
          expect(text.charAt(kept.length)).toMatch(/[\s,;:–—-]/);
        }
      }),
    );
  });

  it("no message is ever over 4,096 characters, whatever the article", () => {
    const word = fc.stringMatching(/^[a-zéèà*_~`]{1,12}$/);
    const long = fc.array(word, { minLength: 1, maxLength: 1500 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(long, long, fc.array(long, { maxLength: 8 }), (title, summary, keyPoints) => {
        const a = { ...article, title, summary, keyPoints };
        for (const text of [
          channelPost(a, fr),
          alert(a, fr),
          articleDetail(a, fr),
          headlines([a, a, a], fr),
          digest(Array(10).fill(a), new Date(), fr),
          breakingAlert(summary, fr),
        ]) {
          expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("breaking alerts", () => {
  it("tell readers how to stop, but not Channel followers, who cannot answer", () => {
    expect(breakingAlert("Coupure d'électricité générale à Bamako", fr)).toContain("*stop*");
    expect(breakingAlert("Coupure d'électricité générale à Bamako", fr, "channel")).toBe(
      "🔴 *ALERTE INFO*\n\nCoupure d'électricité générale à Bamako",
    );
  });
});
