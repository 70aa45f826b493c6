import { describe, expect, it } from "vitest";
import { SEARCH_POOL, searchWords } from "../../src/store/search.ts";
import { articleStore } from "../support/articles.ts";

const body =
  "Le gouvernement de transition a réuni mardi à Bamako les ministres chargés de la sécurité.";
const hour = (h: number) => new Date(Date.UTC(2025, 3, 1, h));

describe("search over the articles", () => {
  it("matches every word as a prefix, accents folded, like FTS5's own prefix query", () => {
    const { ingest, articles, clock } = articleStore();
    ingest.importOne({ title: "Conseil des ministres", body, origin: "t", publishedAt: hour(1) });
    const now = clock.now();
    for (const query of ["ministre", "MINISTRES", "gouvernem", "sécu", "securite", "transit"]) {
      expect(articles.search(query, { now, limit: 5 }), query).toHaveLength(1);
    }
    expect(articles.search("ministreS gouvernementale", { now, limit: 5 })).toHaveLength(1); // OR
    expect(articles.search("girafe", { now, limit: 5 })).toEqual([]);
  });

  it("finds new words of articles imported after an earlier search (expansions refreshed)", () => {
    const { ingest, articles, clock } = articleStore();
    ingest.importOne({ title: "Conseil des ministres", body, origin: "t", publishedAt: hour(1) });
    expect(articles.search("minist", { now: clock.now(), limit: 5 })).toHaveLength(1);
    expect(articles.search("girafes", { now: clock.now(), limit: 5 })).toEqual([]);
    ingest.importOne({
      title: "Des girafes au parc de Kouré",
      body: "Un député ministrable a visité le parc de Kouré, au Niger.",
      origin: "t",
      publishedAt: hour(2),
    });
    // "minist" now also stands for "ministrable", a term the index did not have before.
    expect(articles.search("minist", { now: clock.now(), limit: 5 })).toHaveLength(2);
    expect(articles.search("girafe", { now: clock.now(), limit: 5 })).toHaveLength(1);
  });

  it("puts title matches first, then the newest; drafts and future articles are not found", () => {
    const { ingest, articles, clock } = articleStore();
    const add = (title: string, h: number, extra: object = {}) =>
      ingest.importOne({ title, body, origin: "t", publishedAt: hour(h), ...extra }).id;
    const oldTitle = add("Les ministres à Bamako", 1);
    const newerBody = add("Réunion sécuritaire", 3);
    const newestTitle = add("Nouveau ministre de la Défense", 4);
    add("Brouillon sur les ministres", 5, { status: "draft" });
    add("Ministres demain", 72); // after the clock's now
    const found = articles.search("ministre", { now: clock.now(), limit: 5 });
    expect(found.map((a) => a.id)).toEqual([newestTitle, oldTitle, newerBody]);
    expect(found[0]).toMatchObject({ title: "Nouveau ministre de la Défense" });
  });

  it(`ranks only the ${SEARCH_POOL} most recent matches: a news search, not an archive`, () => {
    const { ingest, articles, clock } = articleStore();
    const old = ingest.importOne({
      title: "Les ministres du Sahel à Moscou",
      body,
      origin: "t",
      publishedAt: hour(0),
    }).id;
    articles.transaction(() => {
      for (let i = 1; i <= SEARCH_POOL; i++) {
        ingest.importOne({ title: `Dépêche ${i}`, body, origin: "t", publishedAt: hour(1) });
      }
    });
    const found = articles.search("ministres", { now: clock.now(), limit: 5 });
    expect(found).toHaveLength(5);
    expect(found.map((a) => a.id)).not.toContain(old);
    // A word only the older article has still finds it.
    expect(articles.search("ministres moscou", { now: clock.now(), limit: 5 })[0]?.id).toBe(old);
  });

  it("drops elided single letters when other words remain, and keeps any text safe", () => {
    expect(searchWords("l'État d'urgence à Bamako")).toEqual(["etat", "urgence", "bamako"]);
    expect(searchWords("G5 Sahel, article 5")).toEqual(["g5", "sahel", "article", "5"]);
    expect(searchWords("à")).toEqual(["a"]);
    // Only single letters: the first alone (12 cost 1.35 s at 100,000 articles; bench/commands.ts).
    expect(searchWords("e d p l s c m a t r b f")).toEqual(["e"]);
    const { ingest, articles, clock } = articleStore();
    ingest.importOne({ title: "L'état d'urgence prolongé", body, origin: "t" });
    const now = clock.now();
    expect(articles.search("l'état d'urgence", { now, limit: 5 })).toHaveLength(1);
    for (const hostile of ['"', "*", "NEAR(", "a", "()", "ministre OR", "^x", "é".repeat(300)]) {
      expect(() => articles.search(hostile, { now, limit: 5 }), hostile).not.toThrow();
    }
  });
});
