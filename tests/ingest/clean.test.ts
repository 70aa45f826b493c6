import { describe, expect, it } from "vitest";
import { cleanBody } from "../../src/ingest/clean.ts";
import { htmlToBlocks } from "../../src/ingest/html.ts";
import { cleanInline, mendGluedSentences } from "../../src/lib/text.ts";

const texts = (blocks: ReturnType<typeof cleanBody>) =>
  blocks.map((b) => (b.kind === "list" ? b.items.join(" | ") : b.text));

describe("cleaning article text", () => {
  it("drops advertising markers, follow-us footers, syndication notices and read-also lines", () => {
    const blocks = cleanBody(
      [
        "Le gouvernement a adopté mercredi le projet de loi de finances.",
        "LA SUITE APRÈS LA PUBLICITÉ",
        "Publicité",
        "Lire aussi : Le budget 2024 en chiffres",
        "À lire aussi – Les syndicats réagissent",
        "Le texte sera examiné par le Conseil national de transition.",
        "L'article Loi de finances : le texte adopté est apparu en premier sur Exemple Info.",
        "Suivez-nous sur Facebook",
        "Suivez l'information en direct sur notre chaîne WHATSAPP",
        "Suivez l'actualité en continu sur notre site",
      ].join("\n\n"),
    );
    expect(texts(blocks)).toEqual([
      "Le gouvernement a adopté mercredi le projet de loi de finances.",
      "Le texte sera examiné par le Conseil national de transition.",
    ]);
  });

  it("drops the truncated teaser that repeats the first paragraph", () => {
    const blocks = cleanBody(
      "Dakar, 1er mai 2025 - Les enseignants ont entamé une grève de…\n\nDakar, 1er mai 2025 – Les enseignants ont entamé une grève de 48 heures ce jeudi.",
    );
    expect(texts(blocks)).toEqual([
      "Dakar, 1er mai 2025 – Les enseignants ont entamé une grève de 48 heures ce jeudi.",
    ]);
  });

  it("mends glued sentences but not initials, decimals or domains", () => {
    expect(mendGluedSentences("à Paris.Cette vidéo")).toBe("à Paris. Cette vidéo");
    expect(mendGluedSentences('souillés".Les animaux')).toBe('souillés". Les animaux');
    expect(mendGluedSentences("M.Diop a 3.600 voix sur actu.orange.fr")).toBe(
      "M.Diop a 3.600 voix sur actu.orange.fr",
    );
  });

  it("leaves a site name written with capitals alone, and an opening straight quote unmoved", () => {
    expect(mendGluedSentences("selon Guinéematin.Com et Abidjan.Net")).toBe(
      "selon Guinéematin.Com et Abidjan.Net",
    );
    expect(mendGluedSentences('du 19 au 21 janvier."Nous avons')).toBe(
      'du 19 au 21 janvier."Nous avons',
    );
  });

  it("removes leftover page script", () => {
    const blocks = cleanBody(
      'a détaillé le procureur. window.pvp_436c = new Pvp(\'dmpublic\', {idDM: "x7vv"}, { \'domNode\': "pvp", "mute": true',
    );
    expect(texts(blocks)).toEqual(["a détaillé le procureur."]);
  });

  it("recovers sub-headings, lists and quotes", () => {
    const blocks = cleanBody(
      "Premier paragraphe du texte.\n\nUn contexte particulier\n\nLes attentes :\n  • un cadre régulier\n  • des accords\n\n« Nous voulons bâtir une relation durable. »",
    );
    expect(blocks).toEqual([
      { kind: "paragraph", text: "Premier paragraphe du texte." },
      { kind: "heading", text: "Un contexte particulier" },
      { kind: "paragraph", text: "Les attentes :" },
      { kind: "list", ordered: false, items: ["un cadre régulier", "des accords"] },
      { kind: "quote", text: "« Nous voulons bâtir une relation durable. »" },
    ]);
  });

  it("decodes entities, strips tags and invisible characters, keeps French typography", () => {
    expect(cleanInline("L&rsquo;AES &amp; la <b>Russie</b>\u200b : 6,2\u00a0% « oui »")).toBe(
      "L’AES & la Russie : 6,2\u00a0% « oui »",
    );
  });
});

describe("HTML to blocks", () => {
  it("keeps paragraphs, headings, lists and quotes; drops scripts, navigation and noise", () => {
    const blocks = htmlToBlocks(
      `<nav>Accueil</nav><p>Abidjan, 20 février 2025 – Le port a traité 39,8&nbsp;millions de tonnes.</p>
       <script>var x = 1;</script><p><em>Publicité</em></p><h2>Un nouveau terminal</h2>
       <ol><li>Premier point</li><li>Second <b>point</b></li></ol>
       <blockquote><p>« Une porte d&rsquo;entrée »</p></blockquote><figure><img src="x.jpg"><figcaption>Photo : DR</figcaption></figure>`,
    );
    expect(blocks).toEqual([
      {
        kind: "paragraph",
        text: "Abidjan, 20 février 2025 – Le port a traité 39,8\u00a0millions de tonnes.",
      },
      { kind: "heading", text: "Un nouveau terminal" },
      { kind: "list", ordered: true, items: ["Premier point", "Second point"] },
      { kind: "quote", text: "« Une porte d’entrée »" },
    ]);
  });
});

describe("cleanBody: calls to action around the article", () => {
  it("drops « click here », newsletter offers, JavaScript and copyright notices, whatever their words", () => {
    const body = [
      "Le conseil municipal a voté le budget de la commune après trois jours de débats.",
      "Abonnez-vous à notre lettre d'information : recevez chaque matin l'essentiel de l'actualité.",
      "Get the latest updates right in your inbox. Subscribe to our newsletters.",
      "Pour recevoir le journal chez vous chaque semaine, cliquez ici.",
      "This slideshow requires JavaScript.",
      "© 2024 Le Quotidien de Bamako. Tous droits réservés.",
      "The contents of this site are ©2019 Capitol Hill Publishing Corp.",
      "Le maire a promis de publier les comptes de la commune chaque trimestre.",
    ].join("\n\n");
    expect(cleanBody(body).map((b) => (b.kind === "paragraph" ? b.text : ""))).toEqual([
      "Le conseil municipal a voté le budget de la commune après trois jours de débats.",
      "Le maire a promis de publier les comptes de la commune chaque trimestre.",
    ]);
  });

  it("keeps prose that only mentions a newsletter or JavaScript", () => {
    const body = [
      "La mairie publie désormais une lettre d'information mensuelle sur les travaux de voirie.",
      "Les développeurs de la start-up dakaroise écrivent leurs applications en JavaScript.",
    ].join("\n\n");
    expect(cleanBody(body)).toHaveLength(2);
  });
});
