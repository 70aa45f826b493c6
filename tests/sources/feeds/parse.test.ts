import { describe, expect, it } from "vitest";
import { decodeFeedBytes } from "../../../src/sources/feeds/encoding.ts";
import { FeedParseError, parseFeed, stableGuid } from "../../../src/sources/feeds/parse.ts";
import { fixture } from "./feed-server.ts";

const read = (name: string, url = "https://lesahelinfo.example/feed/") =>
  parseFeed(decodeFeedBytes(fixture(name), null).text, { url });

describe("a WordPress RSS 2.0 feed in French", () => {
  const feed = read("wordpress-fr.xml");
  const [aes, riz, foot] = feed.items;

  it("reads every item with its metadata", () => {
    expect(feed.format).toBe("rss");
    expect(feed.title).toBe("Le Sahel Info – L'actualité du Mali et du Sahel");
    expect(feed.siteUrl).toBe("https://lesahelinfo.example/");
    expect(feed.items).toHaveLength(3);
    expect(feed.problems).toEqual([]);
    expect(aes?.title).toBe(
      "AES-Russie\u00a0: Les ministres du Sahel à Moscou pour sceller un partenariat stratégique",
    );
    expect(aes?.url).toBe(
      "https://lesahelinfo.example/2025/04/02/aes-russie-les-ministres-du-sahel-a-moscou/",
    );
    expect(aes?.guid).toBe("https://lesahelinfo.example/?p=48213");
    expect(aes?.author).toBe("Aminata Traoré");
    expect(aes?.categories).toEqual(["Diplomatie", "Politique", "AES"]);
    expect(aes?.publishedAt?.toISOString()).toBe("2025-04-02T15:42:07.000Z");
    expect(aes?.origin).toBe("https://lesahelinfo.example/feed/");
  });

  it("prefers content:encoded to the excerpt", () => {
    expect(aes?.html).toContain("Une concertation préalable approfondie");
    expect(aes?.html).not.toContain("[&#8230;]");
  });

  it("takes the picture from media:content, an image enclosure, or none", () => {
    expect(aes?.image).toBe(
      "https://lesahelinfo.example/wp-content/uploads/2025/04/aes-moscou.jpg",
    );
    expect(riz?.image).toBe(
      "https://lesahelinfo.example/wp-content/uploads/2025/04/riz-marche.jpg",
    );
    expect(foot?.image).toBeUndefined();
  });
});

describe("the other formats", () => {
  it("reads Atom: html and xhtml content, categories' labels, relative links", () => {
    const feed = read("atom.xml", "https://nigermatin.example/atom.xml");
    expect(feed.format).toBe("atom");
    const [loi, route] = feed.items;
    expect(loi?.title).toBe("Niamey\u00a0: l’Assemblée consultative adopte la loi de finances");
    expect(loi?.guid).toBe("tag:nigermatin.example,2025:article-9921");
    expect(loi?.publishedAt?.toISOString()).toBe("2025-04-02T08:12:00.000Z");
    expect(loi?.categories).toEqual(["Politique", "Économie"]);
    expect(loi?.author).toBe("Halima Issoufou");
    expect(loi?.image).toBe("https://nigermatin.example/img/assemblee.jpg");
    expect(loi?.html).toContain("loi de finances rectificative");
    expect(route?.url).toBe("https://nigermatin.example/regions/agadez-route-arlit");
    expect(route?.html).toContain("<p>La route nationale entre Agadez et Arlit");
    expect(route?.publishedAt?.toISOString()).toBe("2025-04-01T16:40:00.000Z");
  });

  it("reads JSON Feed 1.1: content_html, content_text, tags, authors, image", () => {
    const feed = read("json-feed.json", "https://abidjanactu.example/feed.json");
    expect(feed.format).toBe("json");
    const [pont, cacao] = feed.items;
    expect(pont?.html).toContain("quatrième pont");
    expect(pont?.categories).toEqual(["Société", "Transports"]);
    expect(pont?.author).toBe("Koffi Yao");
    expect(pont?.image).toBe("https://abidjanactu.example/wp-content/uploads/pont.jpg");
    expect(cacao?.body).toContain("Les planteurs espéraient une hausse.");
    // A bare id is qualified by the site so two sites' "7709" never collide.
    expect(cacao?.guid).toBe("abidjanactu.example#7709");
  });

  it("reads RSS 1.0 (RDF) with Dublin Core", () => {
    const feed = read("rdf.xml", "https://dakarhebdo.example/rss");
    expect(feed.format).toBe("rdf");
    expect(feed.items.map((i) => i.title)).toEqual([
      "Dakar : le TER prolongé jusqu'à l'aéroport en 2026",
      "Saint-Louis : les pêcheurs inquiets pour la saison",
    ]);
    expect(feed.items[0]?.author).toBe("Awa Ndiaye");
    expect(feed.items[0]?.categories).toEqual(["Transports"]);
    expect(feed.items[1]?.html).toContain("pirogues");
  });

  it("reads Latin-1, Windows-1252 and UTF-8 with BOM feeds", () => {
    expect(read("latin1.xml").items.map((i) => i.categories)).toEqual([
      ["Éducation"],
      ["Économie"],
    ]);
    expect(read("windows-1252.xml").items[0]?.title).toBe(
      "Lomé : l’État lance un emprunt obligataire de 50 milliards – 6,5 % sur 5 ans",
    );
    expect(read("utf8-bom.xml").items[0]?.title).toContain("l’électricité solaire");
  });
});

describe("bad input: the good items come through, the rest are reported", () => {
  const feed = read("messy-rss.xml", "https://journaldufaso.example/rss.xml");

  it("skips items without title or link, and duplicate guids, with a reason", () => {
    expect(feed.total).toBe(9);
    expect(feed.items).toHaveLength(6);
    const skipped = feed.problems.filter((p) => p.skipped);
    expect(skipped.map((p) => p.position)).toEqual([4, 5, 6]);
    expect(skipped[0]?.reason).toMatch(/sans lien/);
    expect(skipped[1]?.reason).toMatch(/sans titre/);
    expect(skipped[2]?.reason).toMatch(/identifiant en double.*n° 3/);
  });

  it("strips HTML from titles and resolves relative links", () => {
    expect(feed.items[0]?.url).toBe(
      "https://journaldufaso.example/2025/03/28/ouagadougou-reprise-des-cours.html",
    );
    expect(feed.items[1]?.title).toBe(
      "Urgent : coupure d’électricité prévue samedi à Bobo-Dioulasso",
    );
  });

  it("keeps items with an unreadable or missing date, noting the unreadable one", () => {
    const dori = feed.items.find((i) => i.title.startsWith("Dori"));
    expect(dori?.publishedAt).toBeUndefined();
    expect(feed.problems).toContainEqual(
      expect.objectContaining({
        position: 8,
        skipped: false,
        reason: expect.stringMatching(/date illisible/),
      }),
    );
    const kaya = feed.items.find((i) => i.title.startsWith("Kaya"));
    expect(kaya?.publishedAt).toBeUndefined();
    expect(
      feed.items.find((i) => i.title.startsWith("Koudougou"))?.publishedAt?.toISOString(),
    ).toBe("2025-03-26T10:30:00.000Z");
    expect(feed.items.find((i) => i.title.startsWith("Fada"))?.publishedAt?.toISOString()).toBe(
      "2025-03-24T14:05:00.000Z",
    );
  });

  it("refuses what is not a feed, saying what it is", () => {
    const attempt = (name: string) => () => read(name);
    expect(attempt("not-xml.html")).toThrow(/page HTML et non flux/);
    expect(attempt("not-a-feed.xml")).toThrow(/<urlset> qui n'est ni RSS/);
    expect(attempt("garbage.bin")).toThrow(FeedParseError);
    expect(() => parseFeed("", { url: "https://x.example/feed" })).toThrow(/réponse vide/);
    expect(() => parseFeed('{"hello": 1}', { url: "https://x.example/feed" })).toThrow(/JSON Feed/);
  });

  it("reads the complete items of a truncated document", () => {
    const text = fixture("wordpress-fr.xml").toString("utf8");
    const cut = text.slice(0, text.indexOf("<title>Football"));
    const feed = parseFeed(cut, { url: "https://lesahelinfo.example/feed/" });
    expect(feed.truncated).toBe(true);
    expect(feed.items.map((i) => i.guid)).toEqual([
      "https://lesahelinfo.example/?p=48213",
      "https://lesahelinfo.example/?p=48207",
    ]);
    expect(feed.problems).toContainEqual(
      expect.objectContaining({ reason: expect.stringMatching(/tronqué/) }),
    );
    // Cut before the first item ends: nothing to salvage, a clear error.
    expect(() => parseFeed(text.slice(0, 1500), { url: "https://x.example/feed" })).toThrow(
      FeedParseError,
    );
  });

  it("keeps the newest items of a 10,000-item feed and reports the rest", () => {
    const items = Array.from({ length: 10_000 }, (_, i) => {
      const day = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toUTCString();
      return `<item><title>Brève n° ${i}</title><link>https://x.example/b/${i}</link><guid>https://x.example/?p=${i}</guid><pubDate>${day}</pubDate><description>Texte de la brève ${i}.</description></item>`;
    });
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Brèves</title><link>https://x.example/</link>${items.join("\n")}</channel></rss>`;
    const feed = parseFeed(xml, { url: "https://x.example/feed", maxItems: 500 });
    expect(feed.total).toBe(10_000);
    expect(feed.items).toHaveLength(500);
    expect(feed.items[0]?.title).toBe("Brève n° 9500");
    expect(feed.items.at(-1)?.title).toBe("Brève n° 9999");
    expect(feed.problems).toEqual([
      expect.objectContaining({
        position: 0,
        reason: expect.stringMatching(/10000 articles.*500 plus récents.*9500 sont ignorés/),
      }),
    ]);
  });

  it("gives title-only items their headline as text, and drops placeholder rubrics", () => {
    const xml = `<rss version="2.0"><channel><title>T</title><link>https://x.example/</link>
      <item><title>Flash : le président s&#8217;adresse à la nation ce soir</title><link>https://x.example/flash</link><category>Non classé</category></item>
    </channel></rss>`;
    const [item] = parseFeed(xml, { url: "https://x.example/feed" }).items;
    expect(item?.body).toBe("Flash : le président s’adresse à la nation ce soir");
    expect(item?.categories).toEqual([]);
  });

  it("reads old Drupal feeds that declare entity sets in a DOCTYPE", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss [<!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent">]>
<rss version="2.0"><channel><title>Sahel Tribune</title><link>https://x.example/</link>
<item><title>Gao : l&eacute;gère hausse du fleuve</title><link>https://x.example/gao</link><description>Le Niger monte &agrave; Gao.</description></item>
</channel></rss>`;
    const [item] = parseFeed(xml, { url: "https://x.example/rss.xml" }).items;
    expect(item?.title).toBe("Gao : légère hausse du fleuve");
  });

  it("ignores javascript: links and keeps only web addresses", () => {
    const xml = `<rss version="2.0"><channel><title>T</title><link>https://x.example/</link>
      <item><title>Piège</title><link>javascript:alert(1)</link><description>x</description></item>
    </channel></rss>`;
    const feed = parseFeed(xml, { url: "https://x.example/feed" });
    expect(feed.items).toEqual([]);
    expect(feed.problems[0]?.reason).toMatch(/sans lien/);
  });
});

describe("stable guids", () => {
  it("keeps WordPress ?p= guids and URIs, resolves relative ones, qualifies bare ids", () => {
    const feed = "https://site.example/feed/";
    expect(stableGuid("https://site.example/?p=12", feed)).toBe("https://site.example/?p=12");
    expect(stableGuid("tag:site.example,2025:42", feed)).toBe("tag:site.example,2025:42");
    expect(stableGuid("/?p=12", feed)).toBe("https://site.example/?p=12");
    expect(stableGuid(" 12 ", feed)).toBe("site.example#12");
    expect(stableGuid("", feed)).toBeUndefined();
  });
});
