import { describe, expect, it } from "vitest";
import { SEED } from "../../support/articles.ts";
import { freshDataDir, jsonLines, runCli } from "../../support/cli.ts";

describe("--json for scripts", () => {
  it("lists articles, feeds and broadcasts one object a line, and stats as one object", () => {
    const dataDir = freshDataDir();
    expect(runCli(["import", SEED], { dataDir }).code).toBe(0);
    const feed = runCli(
      ["feeds", "add", "https://moi:secret@lesahelinfo.example/feed/", "--no-poll"],
      { dataDir, env: { FEEDS_ALLOW_PRIVATE: "true" } },
    );
    expect(feed.code).toBe(0);

    const articles = runCli(["articles", "list", "--json"], { dataDir });
    expect(articles.code).toBe(0);
    expect(jsonLines(articles.out)).toEqual([
      expect.objectContaining({
        id: 1,
        title:
          "AES-Russie : Les ministres du Sahel à Moscou pour sceller un partenariat stratégique",
        state: "published",
        publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        categories: ["Politique", "Diplomatie"],
        url: null,
        origin: expect.stringContaining("aes-russie-moscou.txt"),
      }),
    ]);

    const feeds = jsonLines(runCli(["feeds", "list", "--json"], { dataDir }).out);
    expect(feeds).toEqual([
      expect.objectContaining({
        id: 1,
        enabled: true,
        lastPolledAt: null,
        lastStatus: null,
        intervalMinutes: expect.any(Number),
        articlesNew: 0,
      }),
    ]);
    // The password never leaves the store, not even for a script.
    expect(JSON.stringify(feeds)).not.toContain("secret");

    const broadcasts = runCli(["broadcasts", "--json"], { dataDir });
    expect(broadcasts).toMatchObject({ code: 0, out: "" });

    const stats = JSON.parse(runCli(["stats", "--json"], { dataDir }).out) as Record<
      string,
      unknown
    >;
    expect(stats).toMatchObject({
      articles: { total: 1, published: 1, scheduled: 0, drafts: 0 },
      sending: {
        paused: false,
        today: { queued: 0, sent: 0, failed: 0, dead: 0 },
        subscribers: expect.objectContaining({ optedIn: 0 }),
        scheduled: [],
      },
      feeds: { followed: 1, failing: 0, disabled: [], articlesNew: 0 },
    });
  }, 90_000);

  it("lists a scheduled broadcast with its figures", () => {
    const dataDir = freshDataDir();
    expect(runCli(["import", SEED], { dataDir }).code).toBe(0);
    // The seed is an old article: --yes answers the confirmation.
    const scheduled = runCli(
      ["broadcast", "1", "--schedule", "2099-01-02 18:00", "--no-wait", "--yes"],
      {
        dataDir,
        env: { CHANNEL_ID: "120363000000000000@newsletter" },
      },
    );
    expect(scheduled.code, scheduled.err).toBe(0);
    const [b] = jsonLines(runCli(["broadcasts", "--json"], { dataDir }).out);
    expect(b).toMatchObject({
      id: 1,
      kind: expect.any(String),
      state: "scheduled",
      articleId: 1,
      createdBy: expect.stringMatching(/^cli/),
      scheduledFor: expect.stringMatching(/^2099-01-02T/),
      startedAt: null,
      messages: expect.any(Number),
      sent: 0,
    });
  }, 90_000);
});
