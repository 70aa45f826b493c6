import { describe, expect, it } from "vitest";
import { loadSummaryModel } from "../../../src/ingest/summary/model.ts";
import { candidates } from "../../../src/ingest/summary/selection.ts";
import { summarize } from "../../../src/ingest/summary/summary.ts";

const model = loadSummaryModel();
const texts = (title: string, paragraphs: string[], maxChars = 280): string[] =>
  candidates(title, paragraphs, maxChars, model)
    .candidates.filter((c) => c.tier === 0)
    .map((c) => c.text);

describe("candidate summaries", () => {
  it("pair a second sentence only when it follows the first or shares its key words", () => {
    const a =
      "Le barrage de Taoussa sur le fleuve Niger sera achevé en 2027, selon le gouvernement.";
    const b = "Le marché de Médine a rouvert ses portes après les travaux.";
    const c = "La saison des pluies a commencé tôt dans la région de Kayes cette année.";
    const d = "Les travaux du barrage de Taoussa emploient déjà huit cents ouvriers de la région.";
    const found = texts("Mali : les grands chantiers de l'année", [`${a} ${b} ${c} ${d}`], 1000);
    expect(found).toContain(`${a} ${b}`); // adjacent
    expect(found).toContain(`${a} ${d}`); // shares « barrage », « Taoussa »
    expect(found).not.toContain(`${a} ${c}`); // neither
  });

  it("never offers a summary that only restates the title", () => {
    const title = "Le Sénégal bat la Côte d'Ivoire en finale de la CAN";
    const restated = "Le Sénégal bat la Côte d'Ivoire en finale de la CAN.";
    const lead =
      "Les Lions de la Teranga ont remporté la finale 2 buts à 1 dimanche soir à Yaoundé devant 40 000 spectateurs.";
    const found = texts(title, [`${restated} ${lead}`]);
    expect(found).not.toContain(restated);
    expect(found).toContain(lead);
  });

  it("leaves out verbless fragments and quotations nobody says", () => {
    const fragment = "Une victoire historique pour les Lions de la Teranga au stade de Yaoundé.";
    const quote = "« Nous avons écrit l'histoire ce soir devant notre peuple et nos familles. »";
    const lead =
      "Le Sénégal a remporté dimanche sa deuxième Coupe d'Afrique des nations en battant la Côte d'Ivoire.";
    const found = texts("CAN : le Sénégal sacré", [`${lead} ${fragment} ${quote}`]);
    for (const text of found) {
      expect(text).not.toContain(fragment);
      expect(text).not.toContain(quote);
    }
    expect(found).toContain(lead);
  });
});

describe("summarize with the trained model", () => {
  it("does not open on « Parmi eux » or « Cette réalisation » when the lead stands alone", () => {
    const summary = summarize(
      {
        title: "Kaya : des milliers de déplacés accueillis sur un nouveau site",
        paragraphs: [
          "Plus de 3 000 personnes déplacées par les attaques terroristes ont été accueillies mercredi sur un nouveau site aménagé à la sortie de Kaya.",
          "Parmi eux, de nombreux enfants en bas âge ont reçu des soins dès leur arrivée sur le site. Cette réalisation a coûté plus de 500 millions de francs CFA à l'État et à ses partenaires humanitaires.",
        ],
      },
      { maxChars: 280 },
    );
    expect(summary.startsWith("Plus de 3 000 personnes")).toBe(true);
    expect(summary).not.toMatch(/^(Parmi|Cette)/u);
  });
});
