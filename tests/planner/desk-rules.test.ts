import { describe, expect, it } from "vitest";
import { hasCode } from "../../src/domain/errors.ts";
import { progressText } from "../../src/messages/stats.ts";
import { CHANNEL } from "../../src/transport/transport.ts";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

const EDITOR = "+22376000000";

describe("The desk's publishing rules (the same for the phone and the CLI)", () => {
  it("schedules a future-dated article for its own date, then sends it once at that time", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness();
    addReaders(app, [{ chatId: chat(1), follows: ["politique"] }], clock.now());
    const id = addArticle("aes", { publishedAt: new Date("2025-04-02T18:00:00Z") });
    const outcome = app.delivery.desk.requestPublish(id, EDITOR);
    expect(outcome.kind).toBe("done");
    if (outcome.kind !== "done") return;
    expect(outcome.receipt.startsAt).toEqual(new Date("2025-04-02T18:00:00Z"));
    expect(outcome.receipt.embargo).toBe(true);
    await dispatcher.drain();
    expect(transport.sent).toEqual([]);

    clock.set(new Date("2025-04-02T18:00:30Z"));
    // The planner's minute job: the editor's schedule starts, no second automatic announce.
    app.delivery.planner.planDue();
    app.delivery.planner.planDue();
    await dispatcher.drain();
    expect(transport.sent.map((m) => m.to)).toEqual([CHANNEL, chat(1)]);
  });

  it("holds an article older than 48 h until confirmed, and forgets it after 5 minutes", async () => {
    const { app, clock, addArticle } = await harness();
    const id = addArticle("coton", { publishedAt: new Date("2025-03-30T08:00:00Z") });
    const desk = app.delivery.desk;
    const asked = desk.requestPublish(id, EDITOR);
    expect(asked.kind).toBe("confirm");
    expect(app.outbox.dayCounts(new Date(0), new Date(8.64e15)).queued).toBe(0);
    expect(desk.confirm(EDITOR).channel).toBe(true);
    expect(() => desk.confirm(EDITOR)).toThrow(
      expect.objectContaining({ code: "CONFIRMATION_NONE" }),
    );

    const other = addArticle("aigles", { publishedAt: new Date("2025-03-29T08:00:00Z") });
    expect(desk.requestPublish(other, EDITOR).kind).toBe("confirm");
    clock.advance(5 * 60_000);
    try {
      desk.confirm(EDITOR);
      expect.unreachable();
    } catch (error) {
      expect(hasCode(error, "CONFIRMATION_EXPIRED")).toBe(true);
    }
    // 47 h old goes at once.
    const recent = addArticle("paludisme", {
      publishedAt: new Date(clock.now().getTime() - 47 * 3600_000),
    });
    expect(desk.requestPublish(recent, EDITOR).kind).toBe("done");
  });

  it("asks again for an old article already sent, and counts only who has not had it", async () => {
    const { app, clock, addArticle } = await harness();
    addReaders(app, [{ chatId: chat(1), follows: ["économie"] }], clock.now());
    const id = addArticle("coton", { publishedAt: new Date("2025-03-30T08:00:00Z") });
    const desk = app.delivery.desk;
    const first = desk.requestPublish(id, EDITOR);
    expect(first.kind === "confirm" && first.request).toMatchObject({
      channel: true,
      recipients: 1,
    });
    expect(desk.confirm(EDITOR)).toMatchObject({ channel: true, recipients: 1 });
    // A reader who follows it now has not had it.
    addReaders(app, [{ chatId: chat(2), follows: ["économie"] }], clock.now());
    const again = desk.requestPublish(id, EDITOR);
    expect(again.kind).toBe("confirm");
    if (again.kind !== "confirm") return;
    // Before: « 2 lecteurs et à la chaîne », then a receipt « Chaîne : non · 1 lecteur ».
    expect(again.request).toMatchObject({ channel: false, recipients: 1 });
    expect(desk.confirm(EDITOR)).toMatchObject({ channel: false, recipients: 1 });
    // Nothing left to send: nothing to confirm, the receipt says why.
    const third = desk.requestPublish(id, EDITOR);
    expect(third.kind === "done" && third.receipt).toMatchObject({
      channel: false,
      recipients: 0,
      zeroReason: "already",
    });
  });

  it("holds a schedule of an article older than 48 h until confirmed, as a publish", async () => {
    const { app, clock, addArticle } = await harness();
    addReaders(app, [{ chatId: chat(1), follows: ["économie"] }], clock.now());
    const id = addArticle("coton", { publishedAt: new Date("2025-03-30T08:00:00Z") });
    const desk = app.delivery.desk;
    const at = new Date("2025-04-02T18:00:00Z");
    const asked = desk.requestSchedule(id, at, EDITOR);
    expect(asked.kind).toBe("confirm");
    if (asked.kind !== "confirm") return;
    expect(asked.request).toMatchObject({
      kind: "schedule",
      startsAt: at,
      channel: true,
      recipients: 1,
    });
    // Before: scheduled at once, the typed time taken as the editor's confirmation.
    expect(desk.scheduled()).toEqual([]);
    const receipt = desk.confirm(EDITOR);
    expect(receipt.startsAt).toEqual(at);
    expect(desk.scheduled().map((b) => [b.articleId, b.scheduledFor])).toEqual([[id, at]]);
    // A late « OUI » names the command to start again.
    desk.requestSchedule(id, at, EDITOR);
    clock.advance(5 * 60_000);
    expect(() => desk.confirm(EDITOR)).toThrow(
      expect.objectContaining({
        code: "CONFIRMATION_EXPIRED",
        params: expect.objectContaining({ kind: "schedule", articleId: id }),
      }),
    );
    // A recent article is scheduled at once.
    const recent = addArticle("aigles", {
      publishedAt: new Date(clock.now().getTime() - 3600_000),
    });
    expect(desk.requestSchedule(recent, at, EDITOR).kind).toBe("done");
  });

  it("a quiet-hours alert: the Channel now, readers at 07:00 with the time it was written, an honest ETA", async () => {
    // 23:10 in Bamako.
    const { app, clock, dispatcher, transport } = await harness({ start: "2025-04-02T23:10:00Z" });
    addReaders(app, [{ chatId: chat(1) }, { chatId: chat(2), language: "en" }], clock.now());
    const desk = app.delivery.desk;
    const asked = desk.requestAlert("Coupure d'électricité à Bamako", EDITOR);
    expect(asked.kind).toBe("confirm");
    if (asked.kind !== "confirm") return;
    expect(asked.request.readersFrom).toEqual(new Date("2025-04-03T07:00:00Z"));
    expect(asked.request.recipients).toBe(2);
    const receipt = desk.confirm(EDITOR);
    expect(receipt.readersFrom).toEqual(new Date("2025-04-03T07:00:00Z"));
    // 7 h 50 of quiet hours, then the sending: never « moins d'une minute ».
    expect(receipt.etaMs).toBeGreaterThanOrEqual(7 * 3600_000 + 50 * 60_000);
    expect(receipt.etaMs).toBeLessThan(8 * 3600_000);

    await dispatcher.drain();
    const channel = transport.sentTo(CHANNEL)[0] ?? "";
    expect(channel).toContain("Coupure d'électricité à Bamako");
    expect(channel).not.toContain("Écrite à");
    const rows = app.db
      .prepare<[], { recipient: string; body: string; not_before: number }>(
        "SELECT recipient, body, not_before FROM outbox WHERE kind = 'alert' ORDER BY recipient",
      )
      .all();
    expect(rows.map((r) => r.not_before)).toEqual([
      Date.parse("2025-04-03T07:00:00Z"),
      Date.parse("2025-04-03T07:00:00Z"),
    ]);
    expect(rows[0]?.body).toContain("_Écrite à 2025-04-02 23:10, envoyée après les heures calmes_");
    expect(rows[1]?.body).toContain("_Written at 2025-04-02 23:10, sent after the quiet hours_");
  });

  it("cancelling counts what already went, and refuses a finished broadcast", async () => {
    const { app, clock, addArticle, dispatcher } = await harness();
    addReaders(
      app,
      [
        { chatId: chat(1), follows: ["politique"] },
        { chatId: chat(2), follows: ["politique"] },
      ],
      clock.now(),
    );
    const id = addArticle("aes");
    const receipt = app.delivery.desk.publish(id, EDITOR);
    await dispatcher.drain();
    expect(() => app.delivery.desk.cancel(receipt.broadcastId, EDITOR)).toThrow(
      expect.objectContaining({ code: "BROADCAST_FINISHED" }),
    );
    expect(() => app.delivery.desk.cancel(99, EDITOR)).toThrow(
      expect.objectContaining({ code: "BROADCAST_NOT_FOUND" }),
    );
  });

  it("a cancelled broadcast's progress shows what was sent, not a full « terminé »", async () => {
    const { app, clock, addArticle, dispatcher } = await harness();
    addReaders(
      app,
      [1, 2, 3, 4].map((n) => ({ chatId: chat(n), follows: ["politique"] })),
      clock.now(),
    );
    const receipt = app.delivery.desk.publish(addArticle("aes"), EDITOR);
    await dispatcher.drain({ maxRows: 2 });
    const result = app.delivery.desk.cancel(receipt.broadcastId, EDITOR);
    expect(result).toMatchObject({ cancelled: 3, alreadySent: 2 });
    const p = app.delivery.desk.progress(receipt.broadcastId);
    // Counted as the receipt counts: readers, the Channel post apart (it went first).
    expect(p).toMatchObject({ sent: 1, total: 4, failed: 0, cancelled: 3, channel: "sent" });
    if (!p) return;
    const view = { lang: "fr" as const, timeZone: "Africa/Bamako", now: clock.now() };
    expect(progressText(p, view)).toBe(
      "1/4 lecteurs · chaîne : envoyée — annulée (3 ne partiront pas)",
    );
  });
});
