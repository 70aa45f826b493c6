import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { Ingest } from "../../../src/ingest/ingest.ts";
import { ManualClock } from "../../../src/lib/clock.ts";
import { createLogger } from "../../../src/log.ts";
import { redactText, redactUrl } from "../../../src/sources/feeds/credentials.ts";
import { decodeFeedBytes } from "../../../src/sources/feeds/encoding.ts";
import { FeedParseError, parseFeed, withoutDoctype } from "../../../src/sources/feeds/parse.ts";
import { FeedPoller } from "../../../src/sources/feeds/poller.ts";
import { ArticlesRepo } from "../../../src/store/articles.ts";
import { openDatabase } from "../../../src/store/database.ts";
import { FeedsRepo } from "../../../src/store/feeds.ts";
import { FeedServer, fixture } from "./feed-server.ts";

const MINUTE = 60_000;
const servers: FeedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(): Promise<FeedServer> {
  const s = await new FeedServer().start();
  servers.push(s);
  return s;
}

/** A newsroom whose logs are kept, to check what they say. */
function newsroom(allowHosts = ["127.0.0.1"]) {
  const db = openDatabase(":memory:");
  const clock = new ManualClock("2025-04-03T08:00:00Z");
  const articles = new ArticlesRepo(db);
  const feeds = new FeedsRepo(db);
  const lines: string[] = [];
  const log = createLogger({
    level: "debug",
    destination: new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  const ingest = new Ingest({ articles, clock, log, summaryMaxChars: 280 });
  const disabled: string[] = [];
  const poller = new FeedPoller({
    feeds,
    importer: ingest,
    clock,
    log,
    onFeedDisabled: (_feed, reason) => disabled.push(reason),
    options: {
      timeoutMs: 2_000,
      destinations: { allowPrivate: false, allowHosts },
    },
  });
  const add = (url: string, category: string | null = null) =>
    feeds.add({ url, intervalMs: 10 * MINUTE, category }, clock.now());
  return { db, clock, articles, feeds, ingest, poller, disabled, add, lines };
}

describe("hostile feed bodies", () => {
  it("reads 5 MB of `<!DOCTYPE[` in linear time and says it is not a feed (was minutes)", () => {
    const hostile = "<!DOCTYPE[".repeat(500_000);
    expect(() => parseFeed(hostile, { url: "https://site.ml/feed/" })).toThrow(FeedParseError);
    const inRss = `<rss version="2.0"><channel><title>T</title>${"<!DOCTYPE[".repeat(100_000)}</channel></rss>`;
    expect(() => parseFeed(inRss, { url: "https://site.ml/feed/" })).not.toThrow(RangeError);
    // withoutDoctype scans a bounded head: the cost does not grow with the body.
    expect(withoutDoctype(hostile)).toBe(hostile);
  });

  it("still drops a real DOCTYPE with an internal subset (old Drupal feeds)", () => {
    const xml = `<?xml version="1.0"?>
<!-- généré par Drupal -->
<!DOCTYPE rss [<!ENTITY eacute "&#233;"> <!ENTITY nbsp "&#160;">]>
<rss version="2.0"><channel><title>Site</title>
<item><title>Conseil des ministres</title><link>https://site.ml/a</link></item>
</channel></rss>`;
    expect(withoutDoctype(xml)).not.toMatch(/DOCTYPE/);
    expect(parseFeed(xml, { url: "https://site.ml/feed/" }).items).toHaveLength(1);
  });

  it("keeps a UTF-8 feed in UTF-8 when one byte is invalid (no Windows-1252 mojibake)", () => {
    const good = fixture("wordpress-fr.xml");
    const at = good.indexOf("Les ministres du Sahel");
    const bad = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]);
    for (const contentType of ["application/rss+xml; charset=UTF-8", null]) {
      const { text, encoding } = decodeFeedBytes(bad, contentType);
      expect(encoding).toBe("utf-8");
      expect(text).toContain("\ufffdLes ministres du Sahel à Moscou");
      expect(text).not.toMatch(/Ã©|Ã /);
    }
  });
});

describe("redirects and addresses", () => {
  it("does not disable a feed at once for a redirect to an invalid or non-web address", async () => {
    const site = await server();
    site
      .route("/to-ftp/", { status: 301, headers: { location: "ftp://lesahelinfo.example/feed" } })
      .route("/to-junk/", { status: 302, headers: { location: "http://[nope/feed" } });
    const { poller, add, disabled } = newsroom();
    for (const route of ["/to-ftp/", "/to-junk/"]) {
      const feed = add(site.url(route));
      const report = await poller.pollFeed(feed.id);
      expect(report?.status, route).toBe("error");
      expect(report?.error, route).toMatch(/redirection 30\d vers une adresse/);
      expect(report?.disabledReason, route).toBeNull();
    }
    expect(disabled).toEqual([]);
  });

  it("does not re-point a feed for good when a 301 sends it to another site", async () => {
    const site = await server();
    const other = await server();
    other.feed("/feed/", fixture("wordpress-fr.xml"));
    // The same machine under another name: a different host for the feed's address.
    const elsewhere = other.url("/feed/").replace("127.0.0.1", "localhost");
    site.route("/feed/", { status: 301, headers: { location: elsewhere } });
    const { poller, add, feeds } = newsroom(["127.0.0.1", "localhost"]);
    const feed = add(site.url("/feed/"));
    const report = await poller.pollFeed(feed.id);
    // Followed this time, but the stored address stays, and the operator is told.
    expect(report?.status).toBe("ok");
    expect(report?.movedTo).toBeNull();
    expect(feeds.get(feed.id)?.url).toBe(site.url("/feed/"));
    expect(report?.problems.some((p) => /autre site/.test(p.reason))).toBe(true);
    // A move within the site is still recorded.
    site.route("/old/", { status: 301, headers: { location: "/new/" } });
    site.feed("/new/", fixture("wordpress-fr.xml"));
    const moving = add(site.url("/old/"));
    expect((await poller.pollFeed(moving.id))?.movedTo).toBe(site.url("/new/"));
    expect(feeds.get(moving.id)?.url).toBe(site.url("/new/"));
  });

  it("never shows a feed's password: not in last_error, the report, nor the logs", async () => {
    const site = await server();
    site.route("/private/", (req) =>
      req.headers.authorization === `Basic ${Buffer.from("robot:s3cret").toString("base64")}`
        ? { headers: { "content-type": "application/rss+xml" }, body: fixture("wordpress-fr.xml") }
        : { status: 401, body: "Unauthorized" },
    );
    const { poller, add, feeds, lines } = newsroom();
    const withLogin = site.url("/private/").replace("http://", "http://robot:s3cret@");
    const ok = await poller.pollFeed(add(withLogin).id);
    // The login works (sent as Basic authentication)…
    expect(ok?.status).toBe("ok");
    expect(ok?.imported).toBeGreaterThan(0);
    // …and a failing one says nothing of the password.
    const failing = add("http://robot:s3cret@127.0.0.1:1/feed/");
    const failed = await poller.pollFeed(failing.id);
    expect(failed?.status).toBe("error");
    expect(failed?.url).toBe("http://robot:***@127.0.0.1:1/feed/");
    for (const f of feeds.list()) expect(JSON.stringify(f.lastError ?? "")).not.toContain("s3cret");
    expect(JSON.stringify(failed)).not.toContain("s3cret");
    expect(lines.join("")).not.toContain("s3cret");
    expect(redactUrl("https://a:b@cms.ml/feed/")).toBe("https://a:***@cms.ml/feed/");
    expect(redactText("échec de https://a:motdepasse@cms.ml/x")).toBe(
      "échec de https://a:***@cms.ml/x",
    );
  });
});

describe("items that belong to someone else", () => {
  it("never lets a feed item overwrite a file's article with the same guid (a draft stays a draft)", async () => {
    const site = await server();
    site.feed("/feed/", fixture("wordpress-fr.xml"));
    const { db, poller, add, ingest } = newsroom();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-owner-"));
    const file = path.join(dir, "brouillon.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        title: "Brouillon : notre enquête sur la diplomatie sahélienne",
        body: "Texte en relecture, à ne pas publier. Il reste des vérifications à faire.",
        status: "draft",
        guid: "https://lesahelinfo.example/?p=48213",
      }),
    );
    const imported = await ingest.importPaths([file]);
    const id = imported.changedIds[0];
    const report = await poller.pollFeed(add(site.url("/feed/")).id);
    const row = db.prepare("SELECT status, origin, title FROM articles WHERE id = ?").get(id) as {
      status: string;
      origin: string;
      title: string;
    };
    expect(row.status).toBe("draft");
    expect(row.origin).toBe(file);
    expect(row.title).toMatch(/^Brouillon/);
    expect(report?.problems.some((p) => /autre source/.test(p.reason))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("two feeds of one site agree on shared articles' rubrics instead of flipping them", async () => {
    const site = await server();
    const xml = fixture("wordpress-fr.xml");
    site.feed("/feed/", xml).feed("/sport/feed/", xml);
    const { db, poller, add, clock } = newsroom();
    const main = add(site.url("/feed/"));
    const sport = add(site.url("/sport/feed/"), "Sport");
    const rubrics = () =>
      db.prepare("SELECT categories FROM articles ORDER BY id").pluck().all() as string[];
    await poller.pollFeed(main.id);
    await poller.pollFeed(sport.id);
    const settled = rubrics();
    expect(settled.every((c) => (JSON.parse(c) as string[]).includes("Sport"))).toBe(true);
    // Round after round (the validators changed: every poll reads the whole body again).
    for (let round = 0; round < 3; round++) {
      clock.advance(11 * MINUTE);
      db.prepare("UPDATE feeds SET etag = NULL, last_modified = NULL").run();
      const a = await poller.pollFeed(main.id);
      const b = await poller.pollFeed(sport.id);
      expect([a?.updated, b?.updated]).toEqual([0, 0]);
      expect(rubrics()).toEqual(settled);
    }
  });
});
