import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitQuotedSentences, splitSentences } from "../../../src/ingest/summary/sentences.ts";

describe("splitSentences", () => {
  it("splits plain French prose on final punctuation", () => {
    expect(
      splitSentences("Le sommet s'ouvre à Bamako. Les délégations arrivent ce soir !"),
    ).toEqual(["Le sommet s'ouvre à Bamako.", "Les délégations arrivent ce soir !"]);
  });

  it("keeps titles of address with the name that follows", () => {
    expect(
      splitSentences(
        "M. Diop a parlé. MM. Traoré et Sangaré ont suivi. Mme Koné, Mlle Ba, Dr Sow et Me Faye étaient là.",
      ),
    ).toEqual([
      "M. Diop a parlé.",
      "MM. Traoré et Sangaré ont suivi.",
      "Mme Koné, Mlle Ba, Dr Sow et Me Faye étaient là.",
    ]);
    expect(splitSentences("Le Pr. Ndiaye a reçu le Dr. Sall. Ils ont parlé.")).toEqual([
      "Le Pr. Ndiaye a reçu le Dr. Sall.",
      "Ils ont parlé.",
    ]);
  });

  it("keeps saints, streets and dates with their sentence", () => {
    expect(
      splitSentences(
        "Il vit à St-Louis depuis 2010. La Ste. Famille est au 12 av. Faidherbe. Fondée en 52 av. J.-C. par des Gaulois, la ville a grandi.",
      ),
    ).toEqual([
      "Il vit à St-Louis depuis 2010.",
      "La Ste. Famille est au 12 av. Faidherbe.",
      "Fondée en 52 av. J.-C. par des Gaulois, la ville a grandi.",
    ]);
  });

  it("keeps abbreviated months inside their date", () => {
    expect(
      splitSentences(
        "Le sommet s'est tenu le 3 fév. 2025 à Niamey. Il reprendra en sept. 2025 à Lomé.",
      ),
    ).toEqual([
      "Le sommet s'est tenu le 3 fév. 2025 à Niamey.",
      "Il reprendra en sept. 2025 à Lomé.",
    ]);
  });

  it("treats etc. as a sentence end only before a capital", () => {
    expect(
      splitSentences(
        "Mil, sorgho, maïs, etc. sont en hausse. On vend du riz, etc. Le marché ferme.",
      ),
    ).toEqual([
      "Mil, sorgho, maïs, etc. sont en hausse.",
      "On vend du riz, etc.",
      "Le marché ferme.",
    ]);
  });

  it("keeps initials with the name", () => {
    expect(splitSentences("Il lit J. R. R. Tolkien. Karamoko J. M. Traoré est arrivé.")).toEqual([
      "Il lit J. R. R. Tolkien.",
      "Karamoko J. M. Traoré est arrivé.",
    ]);
  });

  it("does not split decimals or thousands", () => {
    expect(
      splitSentences(
        "Le prix passe de 2,5 à 3.600 francs, soit 1.5 fois plus. Les ménages protestent.",
      ),
    ).toEqual([
      "Le prix passe de 2,5 à 3.600 francs, soit 1.5 fois plus.",
      "Les ménages protestent.",
    ]);
  });

  it("handles both ellipses", () => {
    expect(
      splitSentences("Il hésite... puis signe. Il attend… Puis il part. Rien... Enfin."),
    ).toEqual(["Il hésite... puis signe.", "Il attend…", "Puis il part.", "Rien...", "Enfin."]);
  });

  it("ends a sentence after the closing guillemet or quote", () => {
    expect(
      splitSentences("« Nous sommes prêts. » Le ministre a conclu. “C'est fini.” Il est parti."),
    ).toEqual([
      "« Nous sommes prêts. »",
      "Le ministre a conclu.",
      "“C'est fini.”",
      "Il est parti.",
    ]);
  });

  it("does not split a quoted exclamation followed by its speaker", () => {
    expect(splitSentences("« Allez ! », crie-t-il. « Vraiment ? » demande-t-elle.")).toEqual([
      "« Allez ! », crie-t-il.",
      "« Vraiment ? » demande-t-elle.",
    ]);
  });

  it("keeps ?! runs together", () => {
    expect(splitSentences("Encore ?! Oui. Vraiment ? ! Non.")).toEqual([
      "Encore ?!",
      "Oui.",
      "Vraiment ? !",
      "Non.",
    ]);
  });

  it("splits sentences glued together by scraping", () => {
    expect(
      splitSentences(
        "Il est arrivé de Paris.Cette vidéo le montre.Selon l'Obs.La nuit suivante, rien.",
      ),
    ).toEqual([
      "Il est arrivé de Paris.",
      "Cette vidéo le montre.",
      "Selon l'Obs.",
      "La nuit suivante, rien.",
    ]);
  });

  it("does not split numbers, domain names or glued abbreviations", () => {
    expect(splitSentences("Sur actu.orange.fr, M.Diop cite 3.600 cas. Fin.")).toEqual([
      "Sur actu.orange.fr, M.Diop cite 3.600 cas.",
      "Fin.",
    ]);
  });

  it("does not end a sentence inside a quotation that closes shortly after", () => {
    expect(
      splitSentences(
        'Juppé a coupé court : "Je ne suis pas Hillary Clinton. Et il y a plusieurs Trump", a-t-il lancé. Le débat continue.',
      ),
    ).toEqual([
      'Juppé a coupé court : "Je ne suis pas Hillary Clinton. Et il y a plusieurs Trump", a-t-il lancé.',
      "Le débat continue.",
    ]);
    expect(
      splitSentences(
        "« Nous sommes prêts. Nous partons demain », a déclaré M. Diop. Il a salué Moscou.",
      ),
    ).toEqual([
      "« Nous sommes prêts. Nous partons demain », a déclaré M. Diop.",
      "Il a salué Moscou.",
    ]);
  });

  it("still splits a long quotation, and marks the sentences that continue it", () => {
    const first =
      "« Nous voulons la paix et la sécurité pour tous les habitants du Sahel, du nord au sud, des villes aux campagnes, sans exception aucune.";
    const middle =
      "Nous travaillerons avec tous nos partenaires, anciens et nouveaux, pour y parvenir dans les meilleurs délais possibles.";
    const end =
      "C'est notre devoir envers nos peuples, envers nos soldats tombés au front, envers les familles déplacées par les violences et envers toutes les générations qui viendront après nous dans cette région du monde », a-t-il dit.";
    expect(splitQuotedSentences(`${first} ${middle} ${end} Il est parti.`)).toEqual([
      { text: first, quoted: false },
      { text: middle, quoted: true },
      { text: end, quoted: true },
      { text: "Il est parti.", quoted: false },
    ]);
  });

  it("keeps a straight closing quote after the final punctuation with its sentence", () => {
    expect(
      splitSentences('Il a répondu "oui." Puis il est parti. Elle a dit "non !" Fin.'),
    ).toEqual(['Il a répondu "oui."', "Puis il est parti.", 'Elle a dit "non !"', "Fin."]);
  });

  it("gives a quote that opens the next sentence to that sentence, not to the previous one", () => {
    // Scraped copy moves the quote that opened a paragraph to the end of the previous one.
    expect(
      splitSentences(
        'Il a fustigé "la perte complète d\'autorité" du gouvernement." Attaquer un policier, c\'est attaquer la République", a-t-il dit.',
      ),
    ).toEqual([
      'Il a fustigé "la perte complète d\'autorité" du gouvernement.',
      '" Attaquer un policier, c\'est attaquer la République", a-t-il dit.',
    ]);
  });

  it("ends a sentence at an elision (...) or […] followed by a capital, even inside a quotation", () => {
    expect(
      splitSentences(
        '"Il y a huit ans, nous protégions ces jeunes (...) Aujourd\'hui, je suis content pour eux", a dit Obama.',
      ),
    ).toEqual([
      '"Il y a huit ans, nous protégions ces jeunes (...)',
      "Aujourd'hui, je suis content pour eux\", a dit Obama.",
    ]);
    expect(splitSentences("« Le pays a souffert […] Nous reconstruirons », dit-il.")).toEqual([
      "« Le pays a souffert […]",
      "Nous reconstruirons », dit-il.",
    ]);
    expect(splitSentences("Il cite « la place (...) de la République » sans détour.")).toEqual([
      "Il cite « la place (...) de la République » sans détour.",
    ]);
  });

  it("splits more sentences glued together by scraping", () => {
    expect(
      splitSentences(
        "Le programme protège ces jeunes de l'expulsion.C'est un soulagement. La voiture en faute ?Le bus rentrait. À MOINS DE PAYER...Les passagers paient. \"Il n'y a pas eu de problème\"C'est ici que Cheney a été évacué.",
      ),
    ).toEqual([
      "Le programme protège ces jeunes de l'expulsion.",
      "C'est un soulagement.",
      "La voiture en faute ?",
      "Le bus rentrait.",
      "À MOINS DE PAYER...",
      "Les passagers paient.",
      '"Il n\'y a pas eu de problème"',
      "C'est ici que Cheney a été évacué.",
    ]);
  });

  it("always returns trimmed, non-empty slices of the input, in order", () => {
    const piece = fc.constantFrom(
      "Le ministre",
      " parle",
      ".",
      " ",
      '"',
      "« ",
      " »",
      "(...)",
      "…",
      " Il",
      "?",
      "!",
      "M.",
      "\n\n",
      "C'est",
      "3.600",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        let from = 0;
        for (const sentence of splitSentences(text)) {
          expect(sentence).toBe(sentence.trim());
          expect(sentence).not.toBe("");
          const at = text.indexOf(sentence, from);
          expect(at).toBeGreaterThanOrEqual(from);
          from = at + sentence.length;
        }
      }),
    );
  });

  it("returns trimmed sentences that are verbatim slices of the input", () => {
    const text = "  Le  Niger   signe.\u00a0La Russie aussi !  \n\n  Un paragraphe suit.  ";
    const sentences = splitSentences(text);
    expect(sentences).toEqual(["Le  Niger   signe.", "La Russie aussi !", "Un paragraphe suit."]);
    for (const sentence of sentences) expect(text).toContain(sentence);
  });

  it("returns nothing for blank text", () => {
    expect(splitSentences("  \n ")).toEqual([]);
  });
});
