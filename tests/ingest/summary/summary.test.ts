import { describe, expect, it } from "vitest";
import { loadSummaryModel } from "../../../src/ingest/summary/model.ts";
import { candidates } from "../../../src/ingest/summary/selection.ts";
import { splitSentences } from "../../../src/ingest/summary/sentences.ts";
import { needsContext, readsWhole, summarize } from "../../../src/ingest/summary/summary.ts";

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

describe("summaries that read well on their own", () => {
  const juppe = {
    title:
      '"Je ne suis pas Hillary Clinton" : Juppé agacé par le parallèle fait avec les États-Unis',
    paragraphs: [
      "Donc pas question de transposer ce qui s'est passé aux États-Unis avec l'élection de Donald Trump. invité de Public Sénat ce jeudi, le maire de Bordeaux a refusé de faire le parallèle avec le succès de Trump. \"La façon dont certains essaient de récupérer ce qui s'est passé aux États-Unis est ridicule. Je pense à tout le monde\", a-t-il d'abord lâché. \"Je ne suis pas Hillary Clinton. Et qui est Trump chez nous ? Il y a plusieurs Trump. Écoutez, soyons sérieux. Il faut tirer les conséquences de cette élection et écouter la colère de ceux qui se sentent abandonnés, mais en tirer des conséquences sur le plan des personnalités, c'est ridicule\", a ensuite expliqué Alain Juppé, candidat à la primaire de la droite.",
    ],
  };

  it("does not open on a connector, a lost capital or an open quotation", () => {
    const summary = summarize(juppe, { maxChars: 280 });
    expect(summary).not.toMatch(/^Donc/);
    expect(summary).not.toMatch(/\. invité/);
    expect((summary.match(/"/g) ?? []).length % 2).toBe(0);
    expect(summary).not.toContain("Écoutez");
    expect(juppe.paragraphs[0]).toContain(summary);
  });

  it("keeps a quotation whole, without the quote scraping moved to the end of a sentence", () => {
    const summary = summarize(
      {
        title: "Brigitte Bardot s'en prend de nouveau au ministre de l'Écologie",
        paragraphs: [
          "Sur le fond, Brigitte Bardot regrette notamment \"la prolongation des dates de chasse aux oies cendrées\" malgré une consultation publique défavorable. Sur la forme, Brigitte Bardot donne même dans l'insulte envers le ministre de l'Écologie.\" Si on devait exterminer tout ce qui n'est pas en voie d'extinction, il n'existerait pas grand-chose ! À part les cons qui résistent à tout, comme vous\", écrit la militante de la cause animale ce mardi 5 février.",
        ],
      },
      { maxChars: 280 },
    );
    expect(summary.startsWith("Sur le fond, Brigitte Bardot regrette")).toBe(true);
    // One sentence or both; never the second one with the next quotation's opening quote.
    expect(summary).not.toContain("l'Écologie.\"");
    expect((summary.match(/"/g) ?? []).length % 2).toBe(0);
  });

  it("prefers a standalone opening to one that starts with « Mais » or « Ils »", () => {
    const article = {
      title: "Niamey : les enseignants contractuels en grève pour leurs salaires",
      paragraphs: [
        "Mais les enseignants contractuels de Niamey ont entamé lundi une grève illimitée pour réclamer le paiement de trois mois de salaires impayés.",
        "Le syndicat national des enseignants contractuels du Niger affirme que plus de 4.000 enseignants de Niamey n'ont pas été payés depuis le mois de janvier.",
        "Ils réclament aussi leur intégration dans la fonction publique, promise par le gouvernement depuis 2019.",
      ],
    };
    const summary = summarize(article, { maxChars: 280 });
    expect(summary.startsWith("Le syndicat national des enseignants contractuels")).toBe(true);
    // "Ils" right after the sentence that names them reads fine: that pair is on offer.
    const offered = candidates(article.title, article.paragraphs, 280, loadSummaryModel());
    expect(offered.candidates.filter((c) => c.tier === 0).map((c) => c.text)).toContain(
      `${article.paragraphs[1]} ${article.paragraphs[2]}`,
    );
  });

  it("falls back to a sentence that needs context when nothing else fits", () => {
    const summary = summarize(
      {
        title: "Grève des enseignants à Niamey",
        paragraphs: [
          "Toutefois, les enseignants contractuels de Niamey ont entamé lundi une grève illimitée pour réclamer leurs salaires.",
        ],
      },
      { maxChars: 280 },
    );
    expect(summary.startsWith("Toutefois, les enseignants")).toBe(true);
  });

  it("prefers a sentence that reads on its own, cut, to one that fits but needs what came before", () => {
    const lead = `Le Comité de soutien des résidents nigériens au Sénégal s'est réuni dimanche à Dakar, dans l'enceinte de l'ambassade du Niger, pour demander au Conseil national de prendre ${"tout son temps, ".repeat(8)}pour une transition réussie.`;
    const summary = summarize(
      {
        title: "Les Nigériens du Sénégal soutiennent le CNSP",
        paragraphs: [
          lead,
          "Toutefois, le comité demande enfin au Conseil national de garantir la sécurité et la justice.",
        ],
      },
      { maxChars: 280 },
    );
    // Before: « Toutefois, le comité demande enfin … » (it fits, but opens on a connector).
    expect(summary.startsWith("Le Comité de soutien des résidents nigériens")).toBe(true);
    expect(summary.endsWith("…")).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(280);
  });

  it("does not pair a sentence starting with « Ils » with one that does not name them", () => {
    const summary = summarize(
      {
        title:
          "LBD : des ophtalmologistes dénoncent un nombre inédit de blessures oculaires graves",
        paragraphs: [
          "Les lanceurs de balles de défense (LBD) font débat : des blessures oculaires graves ont été recensées en nombre inédit.",
          "Trente-cinq praticiens hospitaliers de Paris, Lyon, Bordeaux et Marseille ont signé une lettre adressée dimanche au président de la République.",
          "Ils dénoncent, en tant qu'ophtalmologistes, des lésions irréversibles chez des manifestants touchés au visage.",
        ],
      },
      { maxChars: 280 },
    );
    // "Ils" may follow the sentence about the doctors, not the one about the weapons.
    expect(summary).not.toContain("en nombre inédit. Ils dénoncent");
  });

  it("does not start with the answer to a question it leaves out", () => {
    const summary = summarize(
      {
        title: "Ryanair va faire payer les valises en cabine pour réduire les retards",
        paragraphs: [
          "Pourquoi faire payer les valises en cabine ? Réduire les retards des vols Ryanair, car ranger les valises en cabine prend trop de temps et cause des retards.",
          "La compagnie irlandaise appliquera la mesure à partir de novembre sur tous ses vols en Europe.",
        ],
      },
      { maxChars: 280 },
    );
    expect(summary.startsWith("La compagnie irlandaise appliquera la mesure")).toBe(true);
  });

  it("keeps two chosen sentences in article order", () => {
    const summary = summarize(aes, { maxChars: 400 });
    const sentences = splitSentences(summary);
    const body = aes.paragraphs.join(" ");
    const positions = sentences.map((sentence) => body.indexOf(sentence));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

describe("needsContext", () => {
  it("flags connectors everywhere and pronouns after the article's first sentence", () => {
    for (const opening of [
      "Donc pas question.",
      "Mais le Mali refuse.",
      "En effet, il pleut.",
      "D'ailleurs, rien.",
      "« Or, ça suffit », dit-il.",
    ]) {
      expect(needsContext(opening, 0)).toBe(true);
    }
    expect(needsContext("Ils réclament leurs salaires.", 3)).toBe(true);
    expect(needsContext("Celle-ci a refusé.", 2)).toBe(true);
    expect(needsContext("Ce dernier a démissionné.", 1)).toBe(true);
    expect(needsContext("Elle affiche un million d'euros de ventes.", 0)).toBe(false);
  });

  it("lets standalone openings through", () => {
    for (const opening of [
      "Alors que les tensions montent, le Mali rappelle son ambassadeur.",
      "Il y a eu 33 signalements depuis octobre.",
      "Il faut s'inscrire avant le 31 décembre.",
      "Ainsinou Diallo a été élu.",
      "Les ministres sont arrivés à Moscou.",
      "Ilboudo a marqué deux buts.",
    ]) {
      expect(needsContext(opening, 4)).toBe(false);
    }
  });
});

describe("readsWhole", () => {
  it("accepts sentences that start and end properly", () => {
    expect(readsWhole("Le Mali, le Niger et le Burkina Faso signent un accord.")).toBe(true);
    expect(readsWhole("« Nous sommes prêts », a déclaré M. Diop.")).toBe(true);
    expect(readsWhole('" Je respire à nouveau", a confié Geraldine Chinga.')).toBe(true);
    expect(readsWhole("27 personnes ont été blessées, selon la préfecture.")).toBe(true);
  });

  it("rejects fragments, open quotations and scraping glue", () => {
    for (const sentence of [
      "invité de Public Sénat, le maire a refusé le parallèle.",
      "- Fonds d'indemnisation - Les regards se tournent vers l'été.",
      '"Je ne suis pas Hillary Clinton.',
      "Elle donne même dans l'insulte.\"",
      "« Nous partons, a-t-il dit.",
      "Le bilan (provisoire fait état de trois morts.",
      "Il a répondu en ces termes :",
      "Il y a huit ans, nous protégions ces jeunes (...)",
      "Donc pas question de transposer ce qui s'est passé avec Trump. invité de Public Sénat, il a refusé.",
      "Les demandes de suspension récurrentesLe conseil d'État a rejeté la demande.",
      "La voiture en faute ?Le bus rentrait au collège.",
      "Les regards se tournent vers l'été.► Le bleu de travail qui fait scandale.",
    ]) {
      expect(readsWhole(sentence), sentence).toBe(false);
    }
  });
});
