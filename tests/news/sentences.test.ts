import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/news/sentences.ts";

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
