import { describe, expect, it } from "vitest";
import { harness, READER } from "../support/bot.ts";

describe("what the bot leaves alone", () => {
  it("ignores groups, status broadcasts, Channels and its own messages", async () => {
    const h = await harness({ bot: { ownIds: ["22300000000@c.us"] } });
    expect(
      await h.deliver({
        chatId: "120363012345678901@g.us",
        senderId: READER,
        isGroup: true,
        text: "menu",
      }),
    ).toEqual([]);
    expect(await h.deliver({ chatId: "status@broadcast", senderId: READER, text: "menu" })).toEqual(
      [],
    );
    expect(await h.deliver({ chatId: "120363000000000000@newsletter", text: "menu" })).toEqual([]);
    expect(await h.deliver({ chatId: READER, senderId: "22300000000@c.us", text: "menu" })).toEqual(
      [],
    );
    expect(h.app.subscribers.get(READER)).toBeNull();
  });

  it("answers a message delivered twice only once", async () => {
    const h = await harness();
    expect(
      await h.deliver({ chatId: READER, id: "false_22370000000@c.us_3EB0A1", text: "menu" }),
    ).toHaveLength(1);
    expect(
      await h.deliver({ chatId: READER, id: "false_22370000000@c.us_3EB0A1", text: "menu" }),
    ).toEqual([]);
    // The id is kept hashed: a WhatsApp message id contains the sender's number.
    const stored = h.app.db.prepare("SELECT id_hash FROM inbound_handled").all();
    expect(JSON.stringify(stored)).not.toContain("22370000000");
  });

  it("answers media and stickers with a hint", async () => {
    const h = await harness();
    expect(await h.deliver({ chatId: READER, kind: "media", text: "" })).toEqual([
      "Je ne lis que les messages écrits (pas les photos, audios ni autocollants). Écrivez *menu* pour voir les commandes.",
    ]);
    expect(await h.deliver({ chatId: READER, kind: "other", text: "" })).toHaveLength(1);
  });
});

describe("flood control", () => {
  it("beyond a burst: one polite warning, then silence for the cool-down, then normal again", async () => {
    const h = await harness({
      bot: { flood: { burst: 3, windowMs: 60_000, cooldownMs: 120_000 } },
    });
    const quick = (text: string) => {
      // deliver() moves the clock 5 s per message: well inside the window.
      return h.say(text);
    };
    expect(await quick("menu")).toHaveLength(1);
    expect(await quick("dernieres")).toHaveLength(1);
    expect(await quick("rubriques")).toHaveLength(1);
    expect(await quick("menu")).toEqual([
      "Vous envoyez beaucoup de messages d'un coup. Je vous réponds de nouveau dans 2 min, merci de patienter. *stop* reste toujours pris en compte.",
    ]);
    expect(await quick("menu")).toEqual([]);
    expect(await quick("menu")).toEqual([]);
    h.clock.advance(120_000);
    expect(await quick("menu")).toHaveLength(1);
  });

  it("is per sender: one reader's flood does not silence another", async () => {
    const h = await harness({ bot: { flood: { burst: 2, windowMs: 60_000, cooldownMs: 60_000 } } });
    for (const text of ["a", "b", "c", "d"]) await h.say(text);
    expect(await h.say("menu", "22370000009@c.us")).toHaveLength(1);
  });
});

describe("error boundary", () => {
  it("a failing command answers « désolé… », and the next message works", async () => {
    const h = await harness();
    await h.say("menu");
    const search = h.app.articles.search.bind(h.app.articles);
    h.app.articles.search = () => {
      throw new Error("database disk image is malformed");
    };
    expect(await h.say("chercher sahel")).toEqual([
      "Désolé, un problème est survenu de notre côté. Réessayez dans un instant ou écrivez *menu*.",
    ]);
    h.app.articles.search = search;
    expect((await h.say("chercher sahel"))[0]).toContain("AES-Russie");
  });

  it("a failure before the router (the store) never throws to the transport", async () => {
    const h = await harness();
    h.app.subscribers.touch = () => {
      throw new Error("SQLITE_BUSY");
    };
    await expect(
      h.bot.handle({
        id: "x1",
        chatId: READER,
        senderId: READER,
        text: "menu",
        kind: "text",
        isGroup: false,
        timestamp: h.clock.now(),
      }),
    ).resolves.toBe("failed");
  });
});
