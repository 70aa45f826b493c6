import { describe, expect, it } from "vitest";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

describe("Daily digests", () => {
  it("sends each daily reader one message at their hour with the new articles of their rubrics", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness({
      start: "2025-04-02T06:00:00Z",
    });
    const yesterday = new Date("2025-04-01T07:00:00Z");
    addReaders(
      app,
      [
        {
          chatId: chat(1),
          mode: "daily",
          follows: ["politique", "économie"],
          lastDigestAt: yesterday,
        },
        {
          chatId: chat(2),
          mode: "daily",
          digestTime: "18:30",
          lastDigestAt: yesterday,
          language: "en",
        },
        { chatId: chat(3), mode: "daily", follows: ["santé"], lastDigestAt: yesterday },
        { chatId: chat(4), mode: "instant", follows: ["politique"] },
        { chatId: chat(5), mode: "daily", stopped: true },
      ],
      clock.now(),
    );
    addArticle("aes", { publishedAt: new Date("2025-04-01T20:00:00Z") });
    addArticle("coton", { publishedAt: new Date("2025-04-02T05:30:00Z") });
    addArticle("aigles", { publishedAt: new Date("2025-04-01T21:00:00Z") });
    addArticle("paludisme", { publishedAt: new Date("2025-03-31T10:00:00Z") }); // before last digest
    app.db.prepare("UPDATE articles SET announced_at = 1").run();

    const planner = app.delivery.planner;
    expect(planner.planDigests()).toEqual({ queued: 0, empty: 0 }); // 06:00: too early
    clock.set("2025-04-02T07:00:00Z");
    expect(planner.planDigests()).toEqual({ queued: 1, empty: 1 }); // reader 3: nothing new
    expect(planner.planDigests()).toEqual({ queued: 0, empty: 0 }); // once a day
    await dispatcher.drain();
    const digest = transport.sentTo(chat(1));
    expect(digest).toHaveLength(1);
    const text = digest[0] ?? "";
    expect(text).toContain("Votre sélection du 2 avril 2025");
    // Newest first; only the reader's rubrics.
    expect(text.indexOf("Campagne cotonnière")).toBeLessThan(text.indexOf("AES-Russie"));
    expect(text).toMatch(/1\. \*Campagne cotonnière/);
    expect(text).not.toContain("Aigles");
    expect(text.length).toBeLessThan(4096);
    // "1" now reads the first article of the digest.
    const screen = app.conversation.recall(chat(1), clock.now(), 3600_000);
    expect(screen).toMatchObject({ kind: "articles", items: [2, 1] });

    clock.set("2025-04-02T18:31:00Z");
    expect(planner.planDigests()).toEqual({ queued: 1, empty: 0 });
    await dispatcher.drain();
    const english = transport.sentTo(chat(2))[0] ?? "";
    expect(english).toContain("Your news for");
    // A reader who follows nothing gets every rubric.
    for (const title of ["Campagne cotonnière", "AES-Russie", "Aigles"])
      expect(english).toContain(title);
    expect(transport.sentTo(chat(4))).toEqual([]);
    expect(transport.sentTo(chat(5))).toEqual([]);
  });

  it("does not send a digest long after its hour (a reader who just switched to daily waits for tomorrow)", async () => {
    const { app, clock, addArticle } = await harness({ start: "2025-04-02T11:00:00Z" });
    addReaders(app, [{ chatId: chat(1), mode: "daily" }], clock.now());
    addArticle("aes", { publishedAt: new Date("2025-04-02T10:00:00Z") });
    expect(app.delivery.planner.planDigests()).toEqual({ queued: 0, empty: 0 });
    clock.set("2025-04-03T07:02:00Z");
    expect(app.delivery.planner.planDigests()).toEqual({ queued: 1, empty: 0 });
  });
});
