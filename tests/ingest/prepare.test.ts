import { describe, expect, it } from "vitest";
import { prepareArticle } from "../../src/ingest/prepare.ts";
import { summarize } from "../../src/ingest/summary/summary.ts";

const options = { summaryMaxChars: 280 };

// A page copied without its headline (written for this test): the lead sentence stands in.
const LEAD =
  "Le Mali doit sa réputation de plus grand producteur de coton en grande partie à la zone de Koutiala.";
const REST =
  "Depuis trois ans, les producteurs de Koutiala relancent la culture du coton après des années de crise. Moumini Sanogo, producteur à Sangaba, a doublé sa récolte cette saison.";

describe("an article whose page had no headline", () => {
  it("takes the lead sentence as its title and summarises what follows, not the title again", () => {
    const article = prepareArticle(
      { title: "", untitled: true, body: `${LEAD} ${REST}`, origin: "page.txt" },
      options,
    );
    expect(article.title).toBe(LEAD.replace(/\.$/, ""));
    expect(article.summary).not.toContain(LEAD);
    expect(`${LEAD} ${REST}`).toContain(article.summary);
  });

  it("keeps the lead in the summary when what follows could only be cut", () => {
    const long = `Il a également été décidé ${"de réformer la gouvernance des sociétés d'État, ".repeat(8)}avant la fin de l'année.`;
    const article = prepareArticle(
      { title: "", untitled: true, body: `${LEAD} ${long}`, origin: "page.txt" },
      options,
    );
    expect(article.summary).toBe(LEAD);
  });

  it("takes a cut sentence that reads on its own rather than the lead again", () => {
    const long = `Le conseil a décidé ${"de réformer la gouvernance des sociétés d'État, ".repeat(8)}avant la fin de l'année.`;
    const article = prepareArticle(
      { title: "", untitled: true, body: `${LEAD} ${long}`, origin: "page.txt" },
      options,
    );
    expect(article.summary.startsWith("Le conseil a décidé de réformer")).toBe(true);
    expect(article.summary.endsWith("…")).toBe(true);
  });

  it("leaves an article with a real title as it was", () => {
    const article = prepareArticle(
      { title: "Le coton repart à Koutiala", body: `${LEAD} ${REST}`, origin: "page.txt" },
      options,
    );
    const paragraphs = [`${LEAD} ${REST}`];
    expect(article.summary).toBe(
      summarize({ title: article.title, paragraphs }, { maxChars: 280 }),
    );
  });
});

describe("the stand-in title of a page without a headline", () => {
  it("is the whole lead sentence, an abbreviated month inside it included", () => {
    const lead =
      "Le conseil municipal de Kaolack s'est réuni le 10 févr. 2022 pour voter le budget.";
    const article = prepareArticle(
      { title: "", untitled: true, body: `${lead} ${REST}`, origin: "page.txt" },
      options,
    );
    // Before: « … s'est réuni le 10 févr », cut at the month's full stop.
    expect(article.title).toBe(lead.replace(/\.$/, ""));
  });
});
