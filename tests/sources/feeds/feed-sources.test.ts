import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/log.ts";
import {
  FeedSourceError,
  formatInterval,
  normalizeFeedUrl,
  parseInterval,
  seedFeeds,
} from "../../../src/sources/feeds/feed-sources.ts";
import { openDatabase } from "../../../src/store/database.ts";
import { FeedExistsError, FeedsRepo } from "../../../src/store/feeds.ts";

const MINUTE = 60_000;

describe("what the operator types", () => {
  it("reads intervals, 2 minutes at least", () => {
    expect(parseInterval("10m")).toBe(10 * MINUTE);
    expect(parseInterval("10")).toBe(10 * MINUTE);
    expect(parseInterval("2 min")).toBe(2 * MINUTE);
    expect(parseInterval("1h")).toBe(60 * MINUTE);
    expect(parseInterval("1h30")).toBe(90 * MINUTE);
    expect(parseInterval("120s")).toBe(2 * MINUTE);
    expect(() => parseInterval("30s")).toThrow(/2 minutes au moins/);
    expect(() => parseInterval("1m")).toThrow(/2 minutes au moins/);
    expect(() => parseInterval("souvent")).toThrow(/Intervalle illisible/);
    expect(() => parseInterval("10x")).toThrow(FeedSourceError);
    expect(() => parseInterval("30d")).toThrow(FeedSourceError);
    expect(() => parseInterval("200h")).toThrow(/7 jours au plus/);
    expect([10 * MINUTE, 90 * MINUTE, 120 * MINUTE].map(formatInterval)).toEqual([
      "10m",
      "1h30",
      "2h",
    ]);
  });

  it("accepts only web addresses, without their #fragment", () => {
    expect(normalizeFeedUrl(" https://lesahelinfo.example/feed/#haut ")).toBe(
      "https://lesahelinfo.example/feed/",
    );
    expect(() => normalizeFeedUrl("lesahelinfo.example/feed")).toThrow(/adresse complète/);
    expect(() => normalizeFeedUrl("file:///etc/passwd")).toThrow(/http:\/\/ et https:\/\//);
  });
});

describe("the feeds table", () => {
  const now = new Date("2025-04-03T08:00:00Z");

  it("registers a feed once, due at once", () => {
    const feeds = new FeedsRepo(openDatabase(":memory:"));
    const feed = feeds.add(
      { url: "https://lesahelinfo.example/feed/", intervalMs: 10 * MINUTE, category: "Sahel" },
      now,
    );
    expect(feed).toMatchObject({
      id: 1,
      category: "Sahel",
      lastStatus: null,
      consecutiveFailures: 0,
      disabledAt: null,
    });
    expect(feeds.due(now).map((f) => f.id)).toEqual([1]);
    expect(() =>
      feeds.add({ url: "https://lesahelinfo.example/feed/", intervalMs: MINUTE * 10 }, now),
    ).toThrow(FeedExistsError);
    expect(feeds.remove(1)).toBe(true);
    expect(feeds.list()).toEqual([]);
  });

  it("seeds FEEDS, skipping bad and known addresses", () => {
    const feeds = new FeedsRepo(openDatabase(":memory:"));
    const deps = { now, log: silentLogger() };
    const urls = [
      "https://lesahelinfo.example/feed/",
      "pas-une-adresse",
      "https://nigermatin.example/atom.xml",
    ];
    expect(seedFeeds(feeds, urls, deps).map((f) => f.url)).toEqual([
      "https://lesahelinfo.example/feed/",
      "https://nigermatin.example/atom.xml",
    ]);
    expect(seedFeeds(feeds, urls, deps)).toEqual([]);
    // Moved permanently since: still known under the address it was added with.
    feeds.recordPoll(
      1,
      {
        status: "ok",
        httpStatus: 200,
        error: null,
        success: true,
        consecutiveFailures: 0,
        nextPollAt: now,
        url: "https://www.lesahelinfo.example/feed/",
      },
      now,
    );
    expect(seedFeeds(feeds, urls, deps)).toEqual([]);
    expect(feeds.get(1)?.url).toBe("https://www.lesahelinfo.example/feed/");
  });

  it("enables a disabled feed with a clean count", () => {
    const feeds = new FeedsRepo(openDatabase(":memory:"));
    const feed = feeds.add({ url: "https://x.example/feed", intervalMs: 10 * MINUTE }, now);
    feeds.recordPoll(
      feed.id,
      {
        status: "error",
        httpStatus: 500,
        error: "erreur",
        success: false,
        consecutiveFailures: 10,
        nextPollAt: now,
        disabledReason: "10 échecs",
      },
      now,
    );
    expect(feeds.due(now)).toEqual([]);
    expect(feeds.enable(feed.id, now)).toBe(true);
    expect(feeds.get(feed.id)).toMatchObject({ disabledAt: null, consecutiveFailures: 0 });
    expect(feeds.due(now).map((f) => f.id)).toEqual([feed.id]);
  });
});
