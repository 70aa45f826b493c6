import { describe, expect, it } from "vitest";
import { looksLikeHtml, readTextPage } from "../../../src/sources/files/text-page.ts";
import { bounded } from "../../support/bounded.ts";

const now = new Date("2026-06-01T12:00:00Z");
const read = (text: string) => readTextPage(text, "page.txt", { now });

// Synthetic pages in the shapes real newsroom pages take (written for these tests).
const P1 =
  "Les agents de la mairie ont commencé lundi le curage des caniveaux du quartier du fleuve, avant la saison des pluies qui s'annonce précoce cette année.";
const P2 =
  "Selon le maire, plus de trois cents tonnes de déchets ont déjà été retirées, et les travaux dureront jusqu'à la fin du mois.";

describe("a .txt news page read line by line", () => {
  it("skips chrome and date bars before the headline, reads rubric, date and single-newline paragraphs", () => {
    const page = [
      "Aller au contenu principal",
      "Société",
      "Curage des caniveaux : la mairie prend les devants",
      "Publié le 3 fév. 2025 à 10:12",
      P1,
      P2,
    ].join("\n");
    const input = read(page).inputs[0];
    expect(input?.title).toBe("Curage des caniveaux : la mairie prend les devants");
    expect(input?.categories).toEqual(["Société"]);
    expect(input?.publishedAt?.toISOString().slice(0, 10)).toBe("2025-02-03");
    expect(input?.body).toBe(`${P1}\n\n${P2}`);
  });

  it("reads a date label whose date is missing (« Published » / « on ») as chrome, not as a rubric", () => {
    const page = [
      "Politique",
      "Curage des caniveaux : la mairie prend les devants",
      "Published",
      "on",
      P1,
      P2,
    ].join("\n");
    const input = read(page).inputs[0];
    expect(input?.title).toBe("Curage des caniveaux : la mairie prend les devants");
    expect(input?.categories).toEqual(["Politique"]);
    expect(input?.publishedAt).toBeUndefined();
    expect(input?.body).toBe(`${P1}\n\n${P2}`);
  });

  it("reads signature lines as the author, never as rubrics", () => {
    const above = read(
      [
        "Opinions",
        "Auteur: Inès Ntsama",
        "Curage des caniveaux : la mairie prend les devants",
        P1,
      ].join("\n"),
    ).inputs[0];
    expect(above?.categories).toEqual(["Opinions"]);
    expect(above?.author).toBe("Inès Ntsama");
    const site = read(
      ["Auteur/autrice : lejournal", "Curage des caniveaux : la mairie prend les devants", P1].join(
        "\n",
      ),
    ).inputs[0];
    expect(site?.categories).toEqual([]);
    expect(site?.author).toBe("lejournal");
    const after = read(
      [
        "Curage des caniveaux : la mairie prend les devants",
        P1,
        P2,
        "Kerfalla KOUROUMA pour GCI",
        "Autre chose",
      ].join("\n"),
    ).inputs[0];
    expect(after?.author).toBe("Kerfalla KOUROUMA");
    expect(after?.body).toBe(`${P1}\n\n${P2}`);
    const par = read(
      ["Curage des caniveaux : la mairie prend les devants", "Par Binta Sow", P1].join("\n"),
    ).inputs[0];
    expect(par?.author).toBe("Binta Sow");
    expect(par?.body).toBe(P1);
  });

  it("prefers a headline the page repeats over a menu line, and drops the copies", () => {
    const page = [
      "Accueil Nos rubriques Contact et partenaires",
      "",
      "Les pluies reviennent sur la capitale",
      "",
      "Les pluies reviennent sur la capitale",
      P1,
    ].join("\n");
    const input = read(page).inputs[0];
    expect(input?.title).toBe("Les pluies reviennent sur la capitale");
    expect(input?.body).toBe(P1);
  });

  it("ends the article at its byline and reports the listing's other article, never mixed in", () => {
    const page = [
      "Économie : le port bat son record",
      P1,
      "Awa Traoré",
      "",
      "Économie : la bourse recule",
      "Un autre article commence ici, avec sa propre phrase d'ouverture.",
    ].join("\n");
    const result = read(page);
    expect(result.inputs[0]?.body).toBe(P1);
    expect(result.notes?.join(" ")).toMatch(/autres articles/);
  });

  it("drops captions, credits, glued image names, in-body link lists and teaser runs", () => {
    const page = [
      "Le marché central rouvre ses portes",
      "vue du marché",
      "Les étals du marché central. © Photo Agence/Untel",
      `A60P6882-660x380${P1}`,
      "Inondations : le bilan s'alourdit dans le nord",
      "Football : les Lions en stage à Saly",
      P2,
      "Une autre histoire qui commence ainsi et que le site a coupée…",
      "Encore un autre article qui commence aussi par ici…",
    ].join("\n");
    const body = read(page).inputs[0]?.body;
    expect(body).toBe(`${P1}\n\n${P2}`);
  });

  it("imports a page copied without its headline, flagged, with its lead sentence as stand-in", () => {
    const result = read(`${P1}\n${P2}`);
    expect(result.inputs[0]).toMatchObject({ title: "", untitled: true });
    expect(result.notes?.[0]).toMatch(/titre absent/);
  });

  it("says what was seen when neither a headline nor a paragraph is there", () => {
    const result = read("Accueil\nContact\nMenu");
    expect(result.inputs).toEqual([]);
    expect(result.problems[0]?.reason).toMatch(/introuvable.*Accueil/);
  });

  it("reads a day/month widget on two lines, the year from the weekday the body names", () => {
    const page = ["18", "Nov", P1, "Le match aura lieu ce mardi 19 novembre au stade."].join("\n");
    expect(read(page).inputs[0]?.publishedAt?.toISOString().slice(0, 10)).toBe("2024-11-18");
  });
});

// Each of these took minutes before (quadratic regexes); now well under a second.
describe("a .txt page built to stall the reader", () => {
  it("reads a line holding a 200 kB run of spaces", () => {
    const page = [
      "Curage des caniveaux : la mairie prend les devants",
      `${P1}${" ".repeat(200_000)}fin.`,
      P2,
    ].join("\n");
    const input = bounded(() => read(page)).inputs[0];
    expect(input?.title).toBe("Curage des caniveaux : la mairie prend les devants");
    expect(input?.body).toContain("fin.");
  });

  it("tells 10^5 « <p » without a « > » from an HTML page at once", () => {
    expect(bounded(() => looksLikeHtml(`Titre\n\n${"<p".repeat(100_000)}`))).toBe(false);
    expect(looksLikeHtml('Titre\n<p class="chapo">Texte</p>')).toBe(true);
  });
});
