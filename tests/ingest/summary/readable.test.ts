import { describe, expect, it } from "vitest";
import { tokenize } from "../../../src/ingest/summary/features.ts";
import {
  hasVerb,
  needsContext,
  quotesHaveSpeaker,
  readsWhole,
} from "../../../src/ingest/summary/readable.ts";

describe("needsContext: demonstratives and quantifiers", () => {
  it("flags openings that point at a group or a thing named before", () => {
    for (const sentence of [
      "Parmi eux, trois enfants ont été hospitalisés à Kaya.",
      "Parmi ces victimes figurent deux gendarmes.",
      "Cette réalisation a coûté 2 milliards de francs CFA.",
      "Ces travaux dureront six mois selon le ministère.",
      "Cet ouvrage permettra de désenclaver la région.",
      "Globalement, le rapport salue les progrès réalisés.",
      // The second half of « Sur le fond, … Sur la forme, … »: it answers a point made before.
      "Sur la forme, Brigitte Bardot donne même dans l'insulte envers le ministre.",
      "La plupart d'entre eux vivent dans des camps.",
      "Les deux hommes se sont entretenus à huis clos.",
    ]) {
      expect(needsContext(sentence, 3), sentence).toBe(true);
    }
  });

  it("flags « ces deux attaques » anywhere after the first sentence", () => {
    const sentence = "Le gouvernement a condamné ces deux attaques dans un communiqué.";
    expect(needsContext(sentence, 2)).toBe(true);
    expect(needsContext(sentence, 0)).toBe(false);
  });

  it("lets time phrases and ordinary openings stand alone", () => {
    for (const sentence of [
      "Cette semaine, le conseil des ministres a adopté trois décrets.",
      "Ce mardi, les élèves ont repris le chemin de l'école.",
      "Cette année, la récolte de coton dépasse les prévisions.",
      "Le conseil des ministres s'est tenu ce mercredi à Ouagadougou.",
      "Parmentier, le maire, a inauguré le marché.",
    ]) {
      expect(needsContext(sentence, 3), sentence).toBe(false);
    }
  });
});

describe("hasVerb", () => {
  const verb = (s: string): boolean => hasVerb(tokenize(s).words);
  it("finds the verb of ordinary news sentences", () => {
    expect(verb("Le président a reçu les ministres mardi.")).toBe(true);
    expect(verb("Les pluies diluviennes inondaient la ville depuis lundi.")).toBe(true);
    expect(verb("Il se rendra à Niamey la semaine prochaine.")).toBe(true);
  });
  it("finds none in verbless fragments", () => {
    expect(verb("Une nouvelle étape pour la coopération entre le Mali et le Niger.")).toBe(false);
    expect(verb("Photo d'illustration de la rencontre de Bamako.")).toBe(false);
    expect(verb("Vent de panique ce lundi à l'Assemblée nationale.")).toBe(false);
  });
  it("knows the present-tense forms learned from the training articles", () => {
    expect(verb("La campagne bat son plein.")).toBe(true);
    expect(verb("Bison Futé prévoit des difficultés sur les routes dès vendredi.")).toBe(true);
    expect(verb("Leur fille en reçoit un jeudi à 14h30.")).toBe(true);
    // Forms seen mostly as nouns were left out of the list.
    expect(verb("Le vote du président de la commission.")).toBe(false);
  });
});

describe("quotesHaveSpeaker", () => {
  it("accepts a quotation with its speaker and sentences without quotations", () => {
    expect(
      quotesHaveSpeaker("« Nous allons gagner ce match », a déclaré l'entraîneur des Aigles."),
    ).toBe(true);
    expect(quotesHaveSpeaker("Pour le sélectionneur, « le groupe est prêt pour la finale ».")).toBe(
      true,
    );
    expect(quotesHaveSpeaker("Le « pacte vert » a été adopté par les députés lundi soir.")).toBe(
      true,
    );
    expect(quotesHaveSpeaker("Le ministre a inauguré le pont de Kayes.")).toBe(true);
  });
  it("rejects a quotation that nobody says", () => {
    expect(
      quotesHaveSpeaker("« Nous allons gagner ce match et ramener la coupe à la maison. »"),
    ).toBe(false);
    expect(quotesHaveSpeaker('"Le groupe est prêt, nous ne lâcherons rien jusqu\'au bout."')).toBe(
      false,
    );
  });
  it("hears plural speakers and other verbs of saying", () => {
    expect(
      quotesHaveSpeaker(
        'Les chercheurs soulignent que "beaucoup plus de morts seront évités si les mesures restent en place jusqu\'au bout".',
      ),
    ).toBe(true);
    expect(
      quotesHaveSpeaker(
        "L'avocat avait clamé que « son client est innocent et sera bientôt libéré par la cour d'appel ».",
      ),
    ).toBe(true);
  });
  it("hears a speaker whose verb ends in an accented letter, after a long quotation", () => {
    expect(
      quotesHaveSpeaker(
        "« Nous allons gagner ce match et ramener la coupe à la maison, je vous le promets », a déclaré Diop.",
      ),
    ).toBe(true);
  });
  it("rejects someone's words written without quotation marks (« je », « ma », « mes »)", () => {
    expect(quotesHaveSpeaker("Les avantages du pouvoir, je ne les vois pas.")).toBe(false);
    expect(quotesHaveSpeaker("Le président a salué ma démarche auprès des jeunes.")).toBe(false);
    expect(quotesHaveSpeaker("J'ai décidé de me retirer, a déclaré le ministre.")).toBe(true);
    expect(quotesHaveSpeaker("M. Diallo est arrivé à Bamako jeudi soir.")).toBe(true);
  });
});

describe("needsContext: sentences tied to an earlier one", () => {
  it("needs the earlier text for « ces jeunes », « cette décision » inside a later sentence", () => {
    const later = (t: string) => needsContext(t, 2);
    expect(later("Le seul moyen de rendre hommage à ces jeunes, c'est de changer le pays.")).toBe(
      true,
    );
    expect(later("Le gouvernement a justifié cette décision par la crise budgétaire.")).toBe(true);
    expect(later("Le ministre a visité cette semaine trois régions du nord.")).toBe(false);
    expect(later("Les prix ont doublé ces derniers mois dans la capitale.")).toBe(false);
    expect(needsContext("Le gouvernement a justifié cette décision par la crise.", 0)).toBe(false);
    expect(later("L'enjeu c'est ça et le ministre peut en témoigner devant tous.")).toBe(true);
  });

  it("flags answers, subordinate halves and adverbs that point back", () => {
    for (const sentence of [
      "Oui, c'est désormais possible grâce à l'association de Gourcy.",
      "Il faut dire que les assises de N'Zérékoré viennent à point nommé.",
      "Vu qu'elles permettront de tirer au clair les grands dossiers de la région.",
      "Émerse Faé devient donc le 34e sélectionneur des Éléphants.",
      "Le comité demande enfin au gouvernement de prendre son temps.",
      "Tout en priant que le gouvernement retrouve la sécurité, la dignité et la justice, le comité demande enfin au CNSP de prendre son temps.",
    ]) {
      expect(needsContext(sentence, 2), sentence).toBe(true);
    }
  });

  it("flags a pronoun subject that no name before it explains", () => {
    expect(
      needsContext(
        "En attendant le début de la cérémonie, il décoche un sourire à l'assistance.",
        2,
      ),
    ).toBe(true);
    expect(
      needsContext(
        "Après la distribution des moustiquaires, il s'apprête à lancer une campagne.",
        0,
      ),
    ).toBe(true);
    expect(
      needsContext(
        "Arrivé à Niamey lundi, le ministre Ali Salatou a rencontré les journalistes.",
        2,
      ),
    ).toBe(false);
    expect(needsContext("Selon le ministre Ali Salatou, il faudra encore deux ans.", 2)).toBe(
      false,
    );
  });
});

describe("readsWhole: print line breaks", () => {
  it("rejects a word split by a kept hyphenation", () => {
    expect(readsWhole("Le Premier ministre et lea‐ der de Pastef a reçu les artistes hier.")).toBe(
      false,
    );
    expect(readsWhole("Le Premier ministre et leader de Pastef a reçu les artistes hier.")).toBe(
      true,
    );
  });
  it("rejects a heading run into the sentence, not brand names", () => {
    expect(
      readsWhole("Pas de recours à la forceJean-Marie Le Pen s'appuie sur une décision."),
    ).toBe(false);
    expect(readsWhole("Il a publié une vidéo sur YouTube depuis son iPhone.")).toBe(true);
  });
  it("refuses a sentence that announces what follows", () => {
    expect(readsWhole("Voici en résumé le compte rendu du Conseil des ministres.")).toBe(false);
    expect(readsWhole("Les décisions prises sont détaillées ci-dessous pour nos lecteurs.")).toBe(
      false,
    );
  });
  it("reads a sentence ending inside French quotation marks, space before « »", () => {
    expect(readsWhole("L'animatrice l'a présentée dans « Les pouvoirs du corps humain. »")).toBe(
      true,
    );
  });
});
