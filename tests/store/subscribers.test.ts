import { describe, expect, it } from "vitest";
import { ConversationRepo } from "../../src/store/conversation.ts";
import { openDatabase } from "../../src/store/database.ts";
import { InboundRepo } from "../../src/store/inbound.ts";
import { SubscribersRepo } from "../../src/store/subscribers.ts";

const CHAT = "22370000000@c.us";
const t0 = new Date("2025-04-03T09:00:00Z");
const later = (min: number) => new Date(t0.getTime() + min * 60_000);

describe("SubscribersRepo", () => {
  it("creates a reader on a first message, not subscribed, and only touches them afterwards", () => {
    const repo = new SubscribersRepo(openDatabase(":memory:"));
    expect(repo.touch(CHAT, t0, "fr").isNew).toBe(true);
    const again = repo.touch(CHAT, later(5), "en");
    expect(again.isNew).toBe(false);
    expect(again.subscriber).toMatchObject({
      language: "fr",
      optedInAt: null,
      active: false,
      firstSeenAt: t0,
      lastSeenAt: later(5),
    });
  });

  it("subscribes, stops and subscribes again, keeping the times", () => {
    const repo = new SubscribersRepo(openDatabase(":memory:"));
    repo.touch(CHAT, t0, "fr");
    expect(repo.subscribe(CHAT, later(1))).toMatchObject({ optedInAt: later(1), active: true });
    expect(repo.stop(CHAT, later(2)).subscriber).toMatchObject({
      stoppedAt: later(2),
      active: false,
    });
    // A second stop keeps the first time: it is the proof of the opt-out.
    expect(repo.stop(CHAT, later(3)).subscriber.stoppedAt).toEqual(later(2));
    expect(repo.subscribe(CHAT, later(4))).toMatchObject({
      optedInAt: later(4),
      stoppedAt: null,
      active: true,
    });
  });

  it("follows rubrics folded, once each", () => {
    const repo = new SubscribersRepo(openDatabase(":memory:"));
    repo.touch(CHAT, t0, "fr");
    expect(repo.follow(CHAT, "Économie", t0)).toBe(true);
    expect(repo.follow(CHAT, "economie", t0)).toBe(false);
    expect(repo.follow(CHAT, "Politique", t0)).toBe(true);
    expect(repo.follows(CHAT)).toEqual(["economie", "politique"]);
    expect(repo.unfollow(CHAT, "ÉCONOMIE")).toBe(true);
    expect(repo.unfollow(CHAT, "économie")).toBe(false);
  });

  it("sets mode and digest time; instant mode forgets the time", () => {
    const repo = new SubscribersRepo(openDatabase(":memory:"));
    repo.touch(CHAT, t0, "fr");
    expect(repo.setMode(CHAT, "daily", "07:30")).toMatchObject({
      mode: "daily",
      digestTime: "07:30",
    });
    expect(repo.setMode(CHAT, "instant", "07:30")).toMatchObject({
      mode: "instant",
      digestTime: null,
    });
  });
});

describe("ConversationRepo", () => {
  it("remembers the last list shown, and forgets it when it is too old", () => {
    const repo = new ConversationRepo(openDatabase(":memory:"));
    repo.remember(CHAT, { kind: "articles", items: [12, 7, 3] }, t0);
    expect(repo.recall(CHAT, later(10), 3_600_000)).toEqual({
      kind: "articles",
      items: [12, 7, 3],
      updatedAt: t0,
    });
    repo.remember(CHAT, { kind: "menu" }, later(20));
    expect(repo.recall(CHAT, later(21), 3_600_000)?.kind).toBe("menu");
    expect(repo.recall(CHAT, later(200), 3_600_000)).toBeNull();
  });
});

describe("InboundRepo", () => {
  it("claims each message id once, and prunes old ones", () => {
    const repo = new InboundRepo(openDatabase(":memory:"));
    expect(repo.claim("false_22370000000@c.us_3EB0", t0)).toBe(true);
    expect(repo.claim("false_22370000000@c.us_3EB0", later(1))).toBe(false);
    expect(repo.prune(later(60))).toBe(1);
    expect(repo.claim("false_22370000000@c.us_3EB0", later(61))).toBe(true);
  });
});
