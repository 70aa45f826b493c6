import { describe, expect, it } from "vitest";
import { readTextPage, unwrap } from "../../../src/sources/files/text-page.ts";
import { hardWrap } from "./page-variants.ts";

const now = new Date("2026-06-01T12:00:00Z");
const read = (text: string) => readTextPage(text, "page.txt", { now });

// Synthetic pages (written for these tests): each case is a defect the page-variants check
// found, and fails without its fix.
const TITLE = "Le marché central rouvre ses portes après six mois de travaux de réhabilitation";
const P1 =
  "Le marché central de la ville a rouvert ses portes ce mercredi, après six mois de travaux de réhabilitation financés par la commune et ses partenaires techniques et financiers.";
const P2 =
  "Les commerçants, qui avaient été relogés sur un site provisoire, ont retrouvé des étals neufs, un réseau d'eau potable et un éclairage public entièrement remis à neuf par la mairie.";
const P3 =
  "Le coût total des travaux s'élève à plus d'un milliard de francs CFA, selon la mairie, et une seconde tranche doit porter sur les voies d'accès au marché dès l'an prochain.";

describe("a .txt page copied in other ways reads the same", () => {
  it("joins a hard-wrapped copy back: headline, date line, paragraphs and furniture stay apart", () => {
    const page = [
      "Économie",
      TITLE,
      "Publié le 12 mars 2025 à 09:30",
      P1,
      P2,
      P3,
      "Partager :",
      "Facebook",
    ].join("\n");
    const straight = read(page).inputs[0];
    for (const width of [72, 78]) {
      const wrapped = read(hardWrap(page, width)).inputs[0];
      expect(wrapped?.title).toBe(TITLE);
      expect(wrapped?.categories).toEqual(["Économie"]);
      expect(wrapped?.publishedAt?.toISOString().slice(0, 10)).toBe("2025-03-12");
      expect(wrapped?.body).toBe(straight?.body);
    }
  });

  it("leaves an unwrapped page's lines alone, and a link longer than the width on its own", () => {
    const lines = [TITLE, P1, P2];
    expect(unwrap(lines)).toEqual(lines);
    const link =
      "https://exemple.org/fichiers/un-tres-long-nom-de-document-publie-par-la-mairie.pdf";
    const wrapped = hardWrap(`${P1} Voir le document : ${link}\n${P2}`, 72).split("\n");
    expect(unwrap(wrapped)).toEqual([`${P1} Voir le document : ${link}`, P2]);
  });

  it("reads a copy with every blank line doubled like the original (gaps above the page's spacing)", () => {
    // A caption printed twice on consecutive lines is not a repeated headline; a list after
    // the paragraph that announces it is not another post after a wide gap.
    const page = [
      "Marché central : les commerçants retrouvent leurs étals",
      "",
      "Vue du marché central rénové",
      "Vue du marché central rénové",
      "",
      P1,
      "",
      "Les lots attribués sont les suivants :",
      "",
      "1 – Lot des Légumes Frais",
      "",
      "2 – Lot des Poissons Fumés",
      "",
      "3 – Lot des Tissus Wax",
    ].join("\n");
    const once = read(page).inputs[0];
    const twice = read(page.replace(/\n/g, "\n\n")).inputs[0];
    expect(once?.title).toBe("Marché central : les commerçants retrouvent leurs étals");
    expect(twice?.title).toBe(once?.title);
    expect(twice?.body).toBe(once?.body);
    expect(twice?.body).toMatch(/3 – Lot des Tissus Wax$/);
  });

  it("strips the « ? » a copy in another character set left for a bullet", () => {
    const page = [`? ${TITLE}`, P1, `? ${TITLE}`, P2].join("\n");
    expect(read(page).inputs[0]?.title).toBe(TITLE);
  });

  it("takes only the nearest of a menu's label lines as the rubric, none above site chrome", () => {
    const menu = read(
      ["Accueil", "Politique", "Sport", "Culture", "Économie", TITLE, P1].join("\n"),
    ).inputs[0];
    expect(menu?.categories).toEqual(["Économie"]);
    const aboveChrome = read(["Sport", "Aller au contenu principal", TITLE, P1].join("\n"))
      .inputs[0];
    expect(aboveChrome?.categories).toEqual([]);
    // A rubric line above the headline, and a two-line rubric, still read.
    expect(read(["Économie", TITLE, P1].join("\n")).inputs[0]?.categories).toEqual(["Économie"]);
    expect(read(["Direct", "A la Une", TITLE, P1].join("\n")).inputs[0]?.categories).toEqual([
      "Direct",
      "A la Une",
    ]);
  });

  it("does not read a breadcrumb's root on a line of its own (« Accueil ») as a rubric", () => {
    const page = ["Aller au contenu principal", "Accueil", "Économie", TITLE, P1].join("\n");
    expect(read(page).inputs[0]?.categories).toEqual(["Économie"]);
  });

  it("reads a ticker paragraph above the post's rubric and headline as chrome, whatever its separators", () => {
    const ticker =
      "Rencontre au ministère : « Les travaux du pont reprendront en janvier » (le ministre)... « Aucun retard ne sera toléré sur ce chantier » (le préfet). Voir le lien : https://exemple.org/pont.pdf ? « Les riverains seront indemnisés » (la mairie)";
    const page = [ticker, "ACTIVITES", TITLE, P1, P2].join("\n");
    const input = read(page).inputs[0];
    expect(input?.title).toBe(TITLE);
    expect(input?.categories).toEqual(["ACTIVITES"]);
    expect(input?.body).toBe(`${P1}\n\n${P2}`);
  });

  it("reads through the soft hyphens and zero-width spaces of a web copy", () => {
    const page = ["ACTUA\u00adLITES PAYS Togo", TITLE, P1, P2].join("\n");
    const plain = read(page.replace(/\u00ad/g, "")).inputs[0];
    const input = read(
      page.replace(/(\p{L}{5})(\p{L}{5,})/gu, "$1\u00ad$2").replace(/, /g, ",\u200b "),
    ).inputs[0];
    expect(input?.title).toBe(TITLE);
    expect(input?.categories).toEqual(["ACTUALITES", "PAYS", "Togo"]);
    expect(input?.body).toBe(plain?.body);
  });

  it("reads a byline with a weekday and a numeric date as the date line", () => {
    const page = [TITLE, "SITE.NET | Par Awa Ndiaye • vendredi 10/08/2018 à 22h25min", P1].join(
      "\n",
    );
    const input = read(page).inputs[0];
    expect(input?.publishedAt?.toISOString().slice(0, 10)).toBe("2018-08-10");
    expect(input?.body).toBe(P1);
  });

  it("never takes a line with a link address for a headline", () => {
    const page = [
      "Voir le lien : https://exemple.org/liste-des-zones.pdf",
      "Société",
      TITLE,
      P1,
    ].join("\n");
    expect(read(page).inputs[0]?.title).toBe(TITLE);
  });
});

describe("a .txt page of very many lines", () => {
  it("is read without overflowing the call stack (the spacing and wrap-width scans)", () => {
    // 230,000 short lines, under the 2 MB limit: spreading them into Math.min/Math.max threw
    // « Maximum call stack size exceeded ».
    const lines = ["Le conseil municipal de Bamako vote son budget annuel", ""];
    for (let i = 0; i < 230_000; i++) lines.push(`L${i}.`);
    const result = read(lines.join("\n"));
    expect(result.problems.map((p) => p.reason).join(" ")).not.toMatch(/call stack/);
  });
});
