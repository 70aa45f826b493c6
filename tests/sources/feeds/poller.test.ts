import { afterEach, describe, expect, it } from "vitest";
import { Ingest } from "../../../src/ingest/ingest.ts";
import { ManualClock } from "../../../src/lib/clock.ts";
import { silentLogger } from "../../../src/log.ts";
import { FeedPoller, type PollerOptions } from "../../../src/sources/feeds/poller.ts";
import { ArticlesRepo } from "../../../src/store/articles.ts";
import { openDatabase } from "../../../src/store/database.ts";
import { type Feed, FeedsRepo } from "../../../src/store/feeds.ts";
import { FeedServer, fixture } from "./feed-server.ts";

const MINUTE = 60_000;
const servers: FeedServer[] = [];

async function server(): Promise<FeedServer> {
  const s = await new FeedServer().start();
  servers.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function newsroom(options: Partial<PollerOptions> = {}) {
  const db = openDatabase(":memory:");
  const clock = new ManualClock("2025-04-03T08:00:00Z");
  const articles = new ArticlesRepo(db);
  const feeds = new FeedsRepo(db);
  const ingest = new Ingest({ articles, clock, log: silentLogger(), summaryMaxChars: 280 });
  const disabled: { feed: Feed; reason: string }[] = [];
  const news: number[][] = [];
  const poller = new FeedPoller({
    feeds,
    importer: ingest,
    clock,
    log: silentLogger(),
    onFeedDisabled: (feed, reason) => disabled.push({ feed, reason }),
    onNewArticles: (ids) => news.push(ids),
    // The test servers listen on 127.0.0.1, which feeds may reach only when allowed.
    options: {
      timeoutMs: 2_000,
      destinations: { allowPrivate: false, allowHosts: ["127.0.0.1"] },
      ...options,
    },
  });
  const add = (url: string, extra: { category?: string; intervalMs?: number } = {}) =>
    feeds.add(
      { url, intervalMs: extra.intervalMs ?? 10 * MINUTE, category: extra.category ?? null },
      clock.now(),
    );
  const announced = () =>
    db
      .prepare<[], { title: string; announced_at: number | null }>(
        "SELECT title, announced_at FROM articles ORDER BY id",
      )
      .all();
  return { db, clock, articles, feeds, poller, disabled, news, add, announced };
}

/** The WordPress fixture with one more article on top, as the site publishes it. */
function withNewArticle(xml: string, title: string, pubDate: string, id: number): string {
  const item = `<item>
		<title>${title}</title>
		<link>https://lesahelinfo.example/2025/04/03/article-${id}/</link>
		<dc:creator><![CDATA[Aminata Traoré]]></dc:creator>
		<pubDate>${pubDate}</pubDate>
		<category><![CDATA[Politique]]></category>
		<guid isPermaLink="false">https://lesahelinfo.example/?p=${id}</guid>
		<content:encoded><![CDATA[<p>Bamako, 3 avril 2025 &#8211; Le Conseil national de Transition a adopté jeudi la nouvelle loi électorale par 121 voix pour et aucune contre.</p><p>Le texte fixe le calendrier des prochaines consultations.</p>]]></content:encoded>
	</item>
	<item>`;
  return xml.replace("<item>", item);
}

describe("polling a WordPress feed", () => {
  it("imports the backlog as already known, then a 304 changes nothing, then a new article is news", async () => {
    const site = await server();
    const xml = fixture("wordpress-fr.xml").toString("utf8");
    site.feed("/feed/", xml, { etag: '"v1"' });
    const { poller, add, feeds, clock, announced, articles, news } = newsroom();
    const feed = add(site.url("/feed/"));

    const first = await poller.pollDue();
    expect(first).toEqual([
      expect.objectContaining({
        status: "ok",
        httpStatus: 200,
        backlog: true,
        imported: 3,
        newIds: [],
      }),
    ]);
    // The backlog is stored as already announced: the planner will never broadcast it.
    expect(announced().every((a) => a.announced_at !== null)).toBe(true);
    const stored = feeds.get(feed.id);
    expect(stored).toMatchObject({
      title: "Le Sahel Info – L'actualité du Mali et du Sahel",
      lastStatus: "ok",
      etag: '"v1"',
      lastItemCount: 3,
      articlesNew: 3,
      consecutiveFailures: 0,
      lastProblems: [],
    });
    expect(stored?.nextPollAt.toISOString()).toBe("2025-04-03T08:10:00.000Z");

    // Clean summaries: no ad marker, no syndication footer, no markup, no entities, no script.
    for (const article of articles.list({ limit: 10 })) {
      for (const text of [article.summary, article.bodyText, article.title]) {
        expect(text).not.toMatch(
          /PUBLICIT|apparu en premier|adsbygoogle|<\/?[a-z]+|&#?\w+;|Suivez l/i,
        );
      }
    }
    const aes = articles
      .list({ limit: 10 })
      .find((a) => a.guid === "https://lesahelinfo.example/?p=48213");
    expect(aes?.summary).toMatch(
      /^Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso/,
    );
    expect(aes?.dateline).toBe("Moscou, 2 avril 2025");
    expect(aes?.keyPoints).toHaveLength(3);

    // Not yet due: no request at all.
    clock.advance(5 * MINUTE);
    expect(await poller.pollDue()).toEqual([]);
    expect(site.hits("/feed/")).toBe(1);

    // Due: a conditional request, answered 304, changes nothing.
    clock.advance(5 * MINUTE);
    const before = JSON.stringify(articles.list({ limit: 10 }));
    const second = await poller.pollDue();
    expect(second).toEqual([
      expect.objectContaining({ status: "not-modified", httpStatus: 304, imported: 0 }),
    ]);
    expect(site.requests.at(-1)?.headers["if-none-match"]).toBe('"v1"');
    expect(JSON.stringify(articles.list({ limit: 10 }))).toBe(before);
    expect(feeds.get(feed.id)?.lastStatus).toBe("not-modified");

    // The site publishes: the new article is news (not announced yet), the others unchanged.
    site.feed(
      "/feed/",
      withNewArticle(
        xml,
        "Transition : le CNT adopte la nouvelle loi électorale",
        "Thu, 03 Apr 2025 08:15:00 +0000",
        48230,
      ),
      { etag: '"v2"' },
    );
    clock.advance(10 * MINUTE);
    const third = await poller.pollDue();
    expect(third).toEqual([
      expect.objectContaining({ status: "ok", backlog: false, imported: 1, unchanged: 3 }),
    ]);
    expect(third[0]?.newIds).toHaveLength(1);
    // The composition root is told at once, only about the new one.
    expect(news).toEqual([third[0]?.newIds]);
    expect(
      announced()
        .filter((a) => a.announced_at === null)
        .map((a) => a.title),
    ).toEqual(["Transition : le CNT adopte la nouvelle loi électorale"]);
    expect(feeds.get(feed.id)?.articlesNew).toBe(4);
  });

  it("treats an old article that appears later as backlog too", async () => {
    const site = await server();
    const xml = fixture("wordpress-fr.xml").toString("utf8");
    site.feed("/feed/", xml, { etag: '"v1"' });
    const { poller, add, clock, announced } = newsroom();
    add(site.url("/feed/"));
    await poller.pollDue();
    site.feed(
      "/feed/",
      withNewArticle(xml, "Archives : la visite de 2023", "Mon, 06 Mar 2023 10:00:00 +0000", 30001),
      {
        etag: '"v2"',
      },
    );
    clock.advance(10 * MINUTE);
    const [report] = await poller.pollDue();
    expect(report?.imported).toBe(1);
    expect(report?.newIds).toEqual([]);
    expect(announced().every((a) => a.announced_at !== null)).toBe(true);
  });

  it("adds the feed's rubric to every article", async () => {
    const site = await server();
    site.feed("/sport/feed/", fixture("wordpress-fr.xml"));
    const { poller, add, articles } = newsroom();
    add(site.url("/sport/feed/"), { category: "Sahel" });
    await poller.pollDue();
    expect(articles.list({ limit: 10, category: "sahel" })).toHaveLength(3);
  });

  it("follows a permanent redirect and stores the new address", async () => {
    const site = await server();
    site.feed("/feed/", fixture("wordpress-fr.xml"));
    site.route("/rss.xml", { status: 301, headers: { location: "/feed/" } });
    const { poller, add, feeds } = newsroom();
    const feed = add(site.url("/rss.xml"));
    const [report] = await poller.pollDue();
    expect(report).toMatchObject({ status: "ok", movedTo: site.url("/feed/") });
    expect(feeds.get(feed.id)).toMatchObject({
      url: site.url("/feed/"),
      addedUrl: site.url("/rss.xml"),
    });
    // FEEDS seeding finds it under either address.
    expect(feeds.findByUrl(site.url("/rss.xml"))?.id).toBe(feed.id);
  });

  it("keeps a temporary redirect's original address", async () => {
    const site = await server();
    site.feed("/feed/", fixture("wordpress-fr.xml"));
    site.route("/rss.xml", { status: 302, headers: { location: "/feed/" } });
    const { poller, add, feeds } = newsroom();
    const feed = add(site.url("/rss.xml"));
    await poller.pollDue();
    expect(feeds.get(feed.id)?.url).toBe(site.url("/rss.xml"));
  });
});

describe("feeds in the wild", () => {
  it("never lets one bad feed hurt the others", async () => {
    const site = await server();
    site
      .feed("/good/", fixture("wordpress-fr.xml"))
      .feed("/atom/", fixture("atom.xml"), { contentType: "application/atom+xml" })
      .feed("/json/", fixture("json-feed.json"), { contentType: "application/feed+json" })
      .feed("/rdf/", fixture("rdf.xml"))
      .feed("/latin1/", fixture("latin1.xml"), { contentType: "text/xml" })
      .feed("/cp1252/", fixture("windows-1252.xml"), { contentType: "text/xml" })
      .feed("/bom/", fixture("utf8-bom.xml"))
      .route("/garbage/", {
        body: fixture("garbage.bin"),
        headers: { "content-type": "application/octet-stream" },
      })
      .route("/html/", { body: fixture("not-xml.html"), headers: { "content-type": "text/html" } })
      .route("/sitemap/", {
        body: fixture("not-a-feed.xml"),
        headers: { "content-type": "text/xml" },
      })
      .route("/broken/", { status: 500, body: "Internal Server Error" })
      .route("/slow/", { delayMs: 1_000, body: fixture("wordpress-fr.xml") });
    const { poller, add, feeds, articles } = newsroom({ timeoutMs: 200 });
    const paths = [
      "/good/",
      "/garbage/",
      "/atom/",
      "/html/",
      "/json/",
      "/missing/",
      "/rdf/",
      "/sitemap/",
      "/latin1/",
      "/broken/",
      "/cp1252/",
      "/slow/",
      "/bom/",
    ];
    for (const p of paths) add(site.url(p));

    const reports = await poller.pollDue();
    const byPath = Object.fromEntries(reports.map((r) => [new URL(r.url).pathname, r]));
    expect(reports).toHaveLength(paths.length);
    expect(
      Object.fromEntries(Object.entries(byPath).map(([p, r]) => [p, [r.status, r.imported]])),
    ).toEqual({
      "/good/": ["ok", 3],
      "/atom/": ["ok", 2],
      "/json/": ["ok", 2],
      "/rdf/": ["ok", 2],
      "/latin1/": ["ok", 2],
      "/cp1252/": ["ok", 1],
      "/bom/": ["ok", 1],
      "/garbage/": ["error", 0],
      "/html/": ["error", 0],
      "/sitemap/": ["error", 0],
      "/missing/": ["error", 0],
      "/broken/": ["error", 0],
      "/slow/": ["error", 0],
    });
    expect(articles.list({ limit: 100 })).toHaveLength(13);

    const errors = Object.fromEntries(
      feeds.list().map((f) => [new URL(f.url).pathname, f.lastError]),
    );
    expect(errors["/garbage/"]).toMatch(/ni XML ni JSON/);
    expect(errors["/html/"]).toMatch(/page HTML/);
    expect(errors["/sitemap/"]).toMatch(/<urlset>/);
    expect(errors["/missing/"]).toMatch(/404/);
    expect(errors["/broken/"]).toMatch(/500/);
    expect(errors["/slow/"]).toMatch(/délai dépassé/);
    const failed = feeds.list().filter((f) => f.lastStatus === "error");
    expect(failed.every((f) => f.consecutiveFailures === 1)).toBe(true);

    const latin1 = articles.list({ limit: 100 }).find((a) => a.title.startsWith("Conakry"));
    expect(latin1?.categories).toEqual(["Éducation"]);
    const cp1252 = articles.list({ limit: 100 }).find((a) => a.title.startsWith("Lomé"));
    expect(cp1252?.bodyText).toContain("« C’est une œuvre de confiance »");
  });

  it("imports the good items of a messy feed and stores the reasons for the others", async () => {
    const site = await server();
    site.feed("/messy/", fixture("messy-rss.xml"));
    const { poller, add, feeds, articles } = newsroom();
    const feed = add(site.url("/messy/"));
    const [report] = await poller.pollDue();
    expect(report).toMatchObject({ status: "ok", imported: 6 });
    const problems = feeds.get(feed.id)?.lastProblems ?? [];
    expect(problems.filter((p) => p.skipped).map((p) => p.reason)).toEqual([
      expect.stringMatching(/sans lien/),
      expect.stringMatching(/sans titre/),
      expect.stringMatching(/identifiant en double/),
    ]);
    const titles = articles.list({ limit: 10 }).map((a) => a.title);
    expect(titles).toContain("Urgent : coupure d’électricité prévue samedi à Bobo-Dioulasso");
    // Missing date: the import time.
    expect(
      articles
        .list({ limit: 10 })
        .find((a) => a.title.startsWith("Kaya"))
        ?.publishedAt.toISOString(),
    ).toBe("2025-04-03T08:00:00.000Z");
  });

  it("keeps the newest 500 items of a 10,000-item feed", async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => {
      const date = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toUTCString();
      return `<item><title>Brève n° ${i} : le marché de Sikasso</title><link>https://x.example/b/${i}</link><guid>https://x.example/?p=${i}</guid><pubDate>${date}</pubDate><description>Les prix du marché de Sikasso relevés le jour ${i}.</description></item>`;
    });
    const site = await server();
    site.feed(
      "/big/",
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Brèves</title><link>https://x.example/</link>${items.join("\n")}</channel></rss>`,
    );
    const { poller, add, feeds, articles } = newsroom();
    const feed = add(site.url("/big/"));
    const [report] = await poller.pollDue();
    expect(report).toMatchObject({ status: "ok", imported: 500 });
    expect(feeds.get(feed.id)?.lastProblems[0]?.reason).toMatch(/10000 articles/);
    expect(feeds.get(feed.id)?.lastItemCount).toBe(10_000);
    expect(articles.counts(new Date("2026-01-01")).total).toBe(500);
  });

  it("imports the complete items of a truncated body and does not keep its validators", async () => {
    const xml = fixture("wordpress-fr.xml").toString("utf8");
    const site = await server();
    site.feed("/cut/", xml.slice(0, xml.indexOf("Devant plus de")), { etag: '"cut"' });
    const { poller, add, feeds } = newsroom();
    const feed = add(site.url("/cut/"));
    const [report] = await poller.pollDue();
    expect(report).toMatchObject({ status: "ok", imported: 2 });
    expect(feeds.get(feed.id)?.etag).toBeNull();
    expect(feeds.get(feed.id)?.lastProblems).toContainEqual(
      expect.objectContaining({ reason: expect.stringMatching(/tronqué/) }),
    );
  });

  it("refuses an oversized body", async () => {
    const site = await server();
    site.feed("/big/", fixture("wordpress-fr.xml"));
    const { poller, add, feeds } = newsroom({ maxBytes: 4_000 });
    const feed = add(site.url("/big/"));
    await poller.pollDue();
    expect(feeds.get(feed.id)?.lastError).toMatch(/trop volumineux/);
  });

  it("keeps the headline of an item whose content is only a syndication footer", async () => {
    const site = await server();
    site.feed(
      "/footer/",
      `<rss version="2.0"><channel><title>T</title><link>https://x.example/</link><item><title>Kidal : retour des services de l'État</title><link>https://x.example/kidal</link><description><![CDATA[<p>L'article <a href="https://x.example/kidal">Kidal</a> est apparu en premier sur <a href="https://x.example">X</a>.</p>]]></description></item></channel></rss>`,
    );
    const { poller, add, articles } = newsroom();
    add(site.url("/footer/"));
    const [report] = await poller.pollDue();
    expect(report?.imported).toBe(1);
    expect(articles.list({ limit: 1 })[0]?.summary).toBe("Kidal : retour des services de l'État");
  });
});

describe("politeness", () => {
  it("backs off exponentially, then disables the feed and tells the editors why", async () => {
    const site = await server();
    site.route("/feed/", { status: 500, body: "Internal Server Error" });
    const { poller, add, feeds, clock, disabled } = newsroom({ maxFailures: 4 });
    const feed = add(site.url("/feed/"));
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = clock.now().getTime();
      const [report] = await poller.pollDue();
      expect(report?.status).toBe("error");
      const next = feeds.get(feed.id)?.nextPollAt.getTime() ?? 0;
      waits.push((next - before) / MINUTE);
      clock.set(new Date(next));
    }
    expect(waits).toEqual([10, 20, 40, 80]);
    const stored = feeds.get(feed.id);
    expect(stored?.consecutiveFailures).toBe(4);
    expect(stored?.disabledAt).not.toBeNull();
    expect(stored?.disabledReason).toMatch(
      /4 échecs de suite, dernier : erreur du serveur \(500\)/,
    );
    expect(disabled).toHaveLength(1);
    expect(disabled[0]?.feed.id).toBe(feed.id);

    // Disabled: the poller leaves it alone.
    clock.advance(24 * 60 * MINUTE);
    expect(await poller.pollDue()).toEqual([]);
    expect(site.hits("/feed/")).toBe(4);

    // The site is repaired; the operator polls it by hand: it is enabled again.
    site.feed("/feed/", fixture("wordpress-fr.xml"));
    const report = await poller.pollFeed(feed.id);
    expect(report?.status).toBe("ok");
    expect(feeds.get(feed.id)).toMatchObject({ disabledAt: null, consecutiveFailures: 0 });
  });

  it("caps the backoff", async () => {
    const site = await server();
    site.route("/feed/", { status: 502 });
    const { poller, add, feeds, clock } = newsroom({ maxFailures: 50, maxBackoffMs: 60 * MINUTE });
    const feed = add(site.url("/feed/"));
    let wait = 0;
    for (let i = 0; i < 8; i++) {
      const before = clock.now().getTime();
      await poller.pollDue();
      const next = feeds.get(feed.id)?.nextPollAt.getTime() ?? 0;
      wait = (next - before) / MINUTE;
      clock.set(new Date(next));
    }
    expect(wait).toBe(60);
  });

  it("honours Retry-After and disables a feed that is gone (410) at once", async () => {
    const site = await server();
    site.route("/busy/", { status: 503, headers: { "retry-after": "7200" } });
    site.route("/gone/", { status: 410 });
    const { poller, add, feeds, clock, disabled } = newsroom();
    const busy = add(site.url("/busy/"));
    const gone = add(site.url("/gone/"));
    await poller.pollDue();
    expect(feeds.get(busy.id)?.nextPollAt.getTime()).toBe(clock.now().getTime() + 120 * MINUTE);
    expect(feeds.get(gone.id)?.disabledReason).toMatch(/410/);
    expect(disabled.map((d) => d.feed.id)).toEqual([gone.id]);
  });

  it("a success after failures resets the count and the interval", async () => {
    const site = await server();
    let fail = true;
    site.route("/feed/", () =>
      fail
        ? { status: 500 }
        : { body: fixture("wordpress-fr.xml"), headers: { "content-type": "text/xml" } },
    );
    const { poller, add, feeds, clock } = newsroom();
    const feed = add(site.url("/feed/"));
    await poller.pollDue();
    clock.advance(10 * MINUTE);
    await poller.pollDue();
    expect(feeds.get(feed.id)?.consecutiveFailures).toBe(2);
    fail = false;
    clock.advance(20 * MINUTE);
    await poller.pollDue();
    const stored = feeds.get(feed.id);
    expect(stored).toMatchObject({ consecutiveFailures: 0, lastStatus: "ok", lastError: null });
    expect(stored?.nextPollAt.getTime()).toBe(clock.now().getTime() + 10 * MINUTE);
  });

  it("fetches one feed at a time per site, and different sites in parallel", async () => {
    const a = await server();
    const b = await server();
    const timeline: string[] = [];
    for (const [name, site] of [
      ["A", a],
      ["B", b],
    ] as const) {
      for (const p of ["/politique/feed/", "/sport/feed/", "/economie/feed/"]) {
        site.route(p, () => {
          timeline.push(`${name} start`);
          setTimeout(() => timeline.push(`${name} end`), 150);
          return {
            delayMs: 150,
            body: fixture("wordpress-fr.xml"),
            headers: { "content-type": "text/xml" },
          };
        });
      }
    }
    const { poller, add } = newsroom({ concurrency: 4 });
    for (const p of ["/politique/feed/", "/sport/feed/", "/economie/feed/"]) {
      add(a.url(p));
      add(b.url(p));
    }
    const reports = await poller.pollDue();
    expect(reports).toHaveLength(6);
    expect(a.maxConcurrent).toBe(1);
    expect(b.maxConcurrent).toBe(1);
    // Site B's first request started before site A's first one ended.
    expect(timeline.indexOf("B start")).toBeLessThan(timeline.indexOf("A end"));
  });

  it("runs on its own with start() and stops cleanly", async () => {
    const site = await server();
    site.feed("/feed/", fixture("wordpress-fr.xml"));
    const { poller, add, feeds } = newsroom({ tickMs: 20 });
    const feed = add(site.url("/feed/"));
    poller.start();
    for (let i = 0; i < 50 && feeds.get(feed.id)?.lastStatus !== "ok"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await poller.stop();
    expect(feeds.get(feed.id)?.lastStatus).toBe("ok");
    // The clock did not move: the feed is not due again, however many ticks ran.
    expect(site.hits("/feed/")).toBe(1);
  });
});
