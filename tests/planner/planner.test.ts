import { describe, expect, it } from "vitest";
import { MAX_ALERT_CHARS } from "../../src/domain/broadcast.ts";
import { DeskError } from "../../src/domain/errors.ts";
import { CHANNEL } from "../../src/transport/transport.ts";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

describe("Publishing an article", () => {
  it("queues one Channel post and one alert per opted-in instant reader following its rubrics", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness();
    addReaders(
      app,
      [
        { chatId: chat(1), follows: ["politique"] },
        { chatId: chat(2), follows: ["Diplomatie", "Sport"], language: "en" },
        { chatId: chat(3), follows: ["sport"] },
        { chatId: chat(4), follows: ["politique"], stopped: true },
        { chatId: chat(5), follows: ["politique"], optedIn: false },
        { chatId: chat(6), follows: ["politique"], unreachable: true },
        { chatId: chat(7), follows: ["politique"], mode: "daily" },
      ],
      clock.now(),
    );
    const id = addArticle("aes");
    const receipt = app.delivery.desk.publish(id, "+22370000099");
    expect(receipt.channel).toBe(true);
    expect(receipt.recipients).toBe(2);
    // 3 messages at 12 a minute with up to 50 % jitter: about 19 s, never zero.
    expect(receipt.etaMs).toBeGreaterThan(10_000);
    expect(receipt.etaMs).toBeLessThan(30_000);

    await dispatcher.drain();
    expect(transport.sent.map((m) => m.to)).toEqual([CHANNEL, chat(1), chat(2)]);
    expect(transport.sentTo(CHANNEL)[0]).toContain("*AES-Russie");
    expect(transport.sentTo(chat(1))[0]).toContain("stop");
    expect(transport.sentTo(chat(2))[0]).toContain(
      "To receive nothing more (alerts and summaries): *stop*",
    );
    const announced = app.db
      .prepare("SELECT announced_at FROM articles WHERE id = ?")
      .pluck()
      .get(id);
    expect(announced).toBe(new Date("2025-04-02T09:00:00Z").getTime());
  });

  it("never queues the same alert twice, even when an editor publishes again", async () => {
    const { app, clock, addArticle } = await harness();
    addReaders(app, [{ chatId: chat(1), follows: ["économie"] }], clock.now());
    const id = addArticle("coton");
    expect(app.delivery.desk.publish(id, "+22370000099").recipients).toBe(1);
    const again = app.delivery.desk.publish(id, "+22370000099");
    expect(again.recipients).toBe(0);
    expect(again.channel).toBe(false);
    expect(app.db.prepare("SELECT count(*) FROM outbox").pluck().get()).toBe(2);
  });

  it("posts on the Channel only for the rubrics of CHANNEL_RUBRICS, and not at all without a Channel", async () => {
    const policy = await harness({ env: { CHANNEL_RUBRICS: "Politique, Santé" } });
    const sport = policy.addArticle("aigles");
    const health = policy.addArticle("paludisme");
    expect(policy.app.delivery.desk.publish(sport, "cli").channel).toBe(false);
    expect(policy.app.delivery.desk.publish(health, "cli").channel).toBe(true);

    const none = await harness({ env: { CHANNEL_ID: "" } });
    expect(none.app.delivery.desk.publish(none.addArticle("aes"), "cli").channel).toBe(false);
  });

  it("defers alerts queued during quiet hours to 07:00, but not the Channel post", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness({
      start: "2025-04-02T23:10:00Z",
    });
    addReaders(app, [{ chatId: chat(1), follows: ["sport"] }], clock.now());
    app.delivery.desk.publish(addArticle("aigles"), "cli");
    await dispatcher.drain();
    expect(transport.sent.map((m) => m.to)).toEqual([CHANNEL]);

    await dispatcher.drain({ until: new Date("2025-04-03T08:00:00Z") });
    expect(transport.sent.map((m) => m.to)).toEqual([CHANNEL, chat(1)]);
    expect(transport.sent[1]?.at.toISOString()).toBe("2025-04-03T07:00:00.000Z");
  });

  it("stops alerting a reader after ALERTS_PER_DAY alerts that day", async () => {
    const { app, clock, addArticle } = await harness({ env: { ALERTS_PER_DAY: "2" } });
    addReaders(
      app,
      [
        { chatId: chat(1), follows: ["politique", "économie", "sport", "santé"] },
        { chatId: chat(2), follows: ["santé"] },
      ],
      clock.now(),
    );
    const b = app.delivery.desk;
    expect(b.publish(addArticle("aes"), "cli").recipients).toBe(1);
    expect(b.publish(addArticle("coton"), "cli").recipients).toBe(1);
    expect(b.publish(addArticle("aigles"), "cli").recipients).toBe(0);
    const health = addArticle("paludisme");
    expect(b.publish(health, "cli").recipients).toBe(1); // reader 2 only
    expect(app.broadcasts.recent(1)[0]?.capped).toBe(1);

    // The next day reader 1's count starts again; reader 2 already had this one.
    clock.set("2025-04-03T09:00:00Z");
    expect(b.publish(health, "cli").recipients).toBe(1);
  });
});

describe("The planner", () => {
  it("announces new published articles once, never a feed's backlog, drafts or old imports", async () => {
    const { app, clock, addArticle } = await harness();
    addReaders(
      app,
      [{ chatId: chat(1), follows: ["politique", "sport", "santé", "économie"] }],
      clock.now(),
    );
    const fresh = addArticle("aes", { publishedAt: new Date(clock.now().getTime() - 3600_000) });
    addArticle("coton", { known: true });
    addArticle("aigles", { status: "draft" });
    const old = addArticle("paludisme", { publishedAt: new Date("2025-03-20T10:00:00Z") });

    const first = app.delivery.planner.planDue();
    expect(first.started.map((s) => s.broadcast.articleId)).toEqual([fresh]);
    expect(first.skippedOld).toEqual([old]);
    expect(app.delivery.planner.planDue().started).toEqual([]);
    const alerts = app.db
      .prepare("SELECT article_id FROM outbox WHERE kind = 'alert'")
      .pluck()
      .all();
    expect(alerts).toEqual([fresh]);
  });

  it("announces an article scheduled for later publication when its time comes", async () => {
    const { app, clock, addArticle } = await harness();
    addReaders(app, [{ chatId: chat(1), follows: ["sport"] }], clock.now());
    addArticle("aigles", { publishedAt: new Date("2025-04-02T18:00:00Z") });
    expect(app.delivery.planner.planDue().started).toHaveLength(0);
    clock.set("2025-04-02T18:00:30Z");
    expect(app.delivery.planner.planDue().started).toHaveLength(1);
  });
});

describe("Scheduled broadcasts and breaking alerts", () => {
  it("starts a scheduled broadcast at its time, and a cancelled one never", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness();
    addReaders(app, [{ chatId: chat(1), follows: ["économie"] }], clock.now());
    const b = app.delivery.desk;
    const id = addArticle("coton", { publishedAt: new Date("2025-04-02T08:00:00Z") });
    const receipt = b.schedule(id, new Date("2025-04-02T18:00:00Z"), "+22370000099");
    expect(receipt.startsAt?.toISOString()).toBe("2025-04-02T18:00:00.000Z");
    expect(receipt.recipients).toBe(1);
    expect(receipt.etaMs).toBeGreaterThanOrEqual(9 * 3600_000);
    // The planner leaves an article with an editor's schedule alone.
    expect(app.delivery.planner.planDue().started).toHaveLength(0);
    clock.set("2025-04-02T18:00:00Z");
    expect(app.delivery.planner.planDue().started).toHaveLength(1);
    await dispatcher.drain();
    expect(transport.sent.map((m) => m.to)).toEqual([CHANNEL, chat(1)]);

    const other = b.scheduleAlert(
      "Coupure d'eau à Bamako demain",
      new Date("2025-04-03T10:00:00Z"),
      "cli",
    );
    expect(b.cancel(other.broadcastId, "cli")?.cancelled).toBe(0);
    clock.set("2025-04-03T11:00:00Z");
    expect(app.delivery.planner.startDue()).toHaveLength(0);
    expect(app.broadcasts.get(other.broadcastId)?.state).toBe("cancelled");
  });

  it("cancels what a running broadcast has not sent yet", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness();
    addReaders(
      app,
      Array.from({ length: 5 }, (_, i) => ({ chatId: chat(i), follows: ["sport"] })),
      clock.now(),
    );
    const receipt = app.delivery.desk.publish(addArticle("aigles"), "cli");
    await dispatcher.drain({ maxRows: 2 });
    const result = app.delivery.desk.cancel(receipt.broadcastId, "+22370000099");
    expect(result).toMatchObject({ cancelled: 4, alreadySent: 2 });
    await dispatcher.drain();
    expect(transport.sent).toHaveLength(2);
  });

  it("sends a breaking alert to every opted-in instant reader, whatever they follow", async () => {
    const { app, clock, dispatcher, transport } = await harness();
    addReaders(
      app,
      [
        { chatId: chat(1), follows: ["sport"] },
        { chatId: chat(2) },
        { chatId: chat(3), mode: "daily" },
        { chatId: chat(4), stopped: true },
      ],
      clock.now(),
    );
    const receipt = app.delivery.desk.alert(
      "Coupure d'électricité générale à Bamako",
      "+22370000099",
    );
    expect(receipt).toMatchObject({ channel: true, recipients: 2, startsAt: null });
    await dispatcher.drain();
    expect(transport.sentTo(chat(2))[0]).toContain("ALERTE INFO");
    expect(transport.sent.map((m) => m.to).sort()).toEqual([CHANNEL, chat(1), chat(2)].sort());
  });

  it("refuses unknown articles, drafts, empty and too long alerts, each with its code", async () => {
    const { app, addArticle } = await harness();
    const b = app.delivery.desk;
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof DeskError ? [error.code, error.params] : error;
      }
      return "no error";
    };
    expect(codeOf(() => b.publish(999, "cli"))).toEqual(["ARTICLE_NOT_FOUND", { id: 999 }]);
    const draft = addArticle("coton", { status: "draft" });
    expect(codeOf(() => b.publish(draft, "cli"))).toEqual(["ARTICLE_IS_DRAFT", { id: draft }]);
    expect(codeOf(() => b.alert("   ", "cli"))).toEqual(["ALERT_EMPTY", {}]);
    expect(codeOf(() => b.alert("x".repeat(MAX_ALERT_CHARS + 1), "cli"))).toEqual([
      "ALERT_TOO_LONG",
      { length: MAX_ALERT_CHARS + 1, max: MAX_ALERT_CHARS },
    ]);
    expect(codeOf(() => b.alert("x".repeat(MAX_ALERT_CHARS), "cli"))).toBe("no error");
  });
});
