import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/news/sentences.ts";
import { summarize } from "../../src/news/summary.ts";

const aes = {
  title: "AES-Russie : Les ministres du Sahel à Moscou pour sceller un partenariat stratégique",
  paragraphs: [
    "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso effectuent depuis ce mercredi 2 avril une visite officielle en Russie. Cette mission diplomatique, qui s’inscrit dans le cadre du renforcement des relations entre la Confédération des États du Sahel (AES) et la Fédération de Russie, devrait aboutir à la signature de plusieurs accords de coopération.",
    "Dès leur arrivée à Moscou mardi 2 avril, les chefs de la diplomatie malienne, nigérienne et burkinabè ont entamé des travaux préparatoires. Abdoulaye Diop, ministre malien des Affaires étrangères et de la Coopération internationale, a présidé une réunion à huis clos avec ses homologues Bakary Yaou Sangaré du Niger et Karamoko Jean Marie Traoré du Burkina Faso.",
    "« Nous sommes venus établir les bases d’un partenariat mutuellement bénéfique entre notre confédération et la Russie », a déclaré M. Diop, dont le pays assure actuellement la présidence tournante de l’AES. Les discussions ont porté sur les modalités pratiques de la coopération à venir, notamment dans les domaines de la sécurité et du développement économique.",
    "Cette visite officielle intervient dans un moment charnière pour les pays du Sahel, qui cherchent à diversifier leurs partenariats internationaux tout en consolidant leur coopération régionale. La Russie, de son côté, continue d’étendre son influence en Afrique subsaharienne.",
  ],
};

const FIRST =
  "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso effectuent depuis ce mercredi 2 avril une visite officielle en Russie.";

describe("summarize", () => {
  it("says what happened, who and where: the lead sentence of the AES article", () => {
    const summary = summarize(aes, { maxChars: 280 });
    expect(summary.startsWith(FIRST)).toBe(true);
    for (const country of ["Mali", "Niger", "Burkina Faso"]) expect(summary).toContain(country);
  });

  it("is one or two whole sentences of the article, within the budget", () => {
    const body = aes.paragraphs.join(" ");
    for (const maxChars of [140, 200, 280, 400, 1000]) {
      const summary = summarize(aes, { maxChars });
      expect(summary.length).toBeLessThanOrEqual(maxChars);
      const sentences = splitSentences(summary);
      expect(sentences.length).toBeGreaterThanOrEqual(1);
      expect(sentences.length).toBeLessThanOrEqual(2);
      for (const sentence of sentences) expect(body).toContain(sentence);
    }
  });

  it("cuts a too-long best sentence at a word boundary with an ellipsis", () => {
    const summary = summarize(aes, { maxChars: 80 });
    expect(summary.length).toBeLessThanOrEqual(80);
    expect(summary.endsWith("…")).toBe(true);
    const kept = summary.slice(0, -1);
    expect(FIRST.startsWith(kept)).toBe(true);
    expect(FIRST[kept.length]).toBe(" ");
  });

  it("never cuts inside a URL", () => {
    const summary = summarize(
      {
        title: "Le site du ministère",
        paragraphs: [
          "Le communiqué complet du gouvernement est publié sur https://www.gouv.example.org/communiques/2025/04/02/visite-officielle-moscou ce mercredi.",
        ],
      },
      { maxChars: 70 },
    );
    expect(summary).toBe("Le communiqué complet du gouvernement est publié sur…");
  });

  it("skips noise: questions to the reader, « Lire aussi », credits, shouting", () => {
    const summary = summarize(
      {
        title: "Inondations à Niamey : des milliers de sinistrés",
        paragraphs: [
          "LA SUITE APRÈS LA PUBLICITÉ",
          "Vous souvenez-vous des crues de 2020 ?",
          "Lire aussi : Au Niger, la saison des pluies fait ses premières victimes.",
          "Photo : AFP / Boureima Hama.",
          "Des pluies diluviennes ont provoqué mardi des inondations à Niamey, faisant des milliers de sinistrés selon la protection civile.",
        ],
      },
      { maxChars: 280 },
    );
    expect(
      summary.startsWith("Des pluies diluviennes ont provoqué mardi des inondations à Niamey"),
    ).toBe(true);
  });

  it("falls back to the title when the body has no usable sentence", () => {
    expect(
      summarize({ title: "Coupure d'électricité à Bamako", paragraphs: [] }, { maxChars: 280 }),
    ).toBe("Coupure d'électricité à Bamako");
    expect(
      summarize(
        { title: "Coupure d'électricité à Bamako", paragraphs: ["EN DIRECT"] },
        { maxChars: 280 },
      ),
    ).toBe("Coupure d'électricité à Bamako");
  });
});
