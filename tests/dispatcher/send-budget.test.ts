import { describe, expect, it } from "vitest";
import { createDispatcher } from "../../src/app/delivery.ts";
import { clockSleep } from "../../src/dispatcher/dispatcher.ts";
import { seededRandom } from "../../src/lib/random.ts";
import { statsReceiptLines } from "../../src/messages/receipts.ts";
import { receiptLines, sendingStatsLines } from "../../src/messages/stats.ts";
import { POSTPONED_COLD } from "../../src/store/outbox.ts";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

const alertsTo = (h: Awaited<ReturnType<typeof harness>>) =>
  h.transport.sent.filter((s) => s.text.startsWith("🔔")).map((s) => s.to);

describe("the warm-up ramp", () => {
  it("sends no more alerts a day than the schedule allows; the rest waits for the next days", async () => {
    const h = await harness({ env: { WARMUP_START: "2025-04-02", WARMUP_SCHEDULE: "3,5" } });
    const readers = Array.from({ length: 10 }, (_, i) => ({ chatId: chat(i) }));
    addReaders(h.app, readers, h.clock.now());
    for (const r of readers) {
      h.app.outbox.enqueue(
        { kind: "alert", recipient: r.chatId, body: "🔔 Alerte" },
        h.clock.now(),
      );
    }
    await h.dispatcher.drain();
    expect(alertsTo(h)).toHaveLength(3);
    // A reply still goes once the ceiling is reached: only alerts and digests are counted.
    h.app.outbox.enqueue({ kind: "reply", recipient: chat(99), body: "Menu" }, h.clock.now());
    await h.dispatcher.drain();
    expect(h.transport.sent.at(-1)?.text).toBe("Menu");
    expect(alertsTo(h)).toHaveLength(3);
    expect(h.app.outbox.dayCounts(new Date(0), new Date(2 ** 42)).queued).toBe(7);

    // A restart does not forget today's count.
    const again = createDispatcher(h.app, h.app.delivery, h.transport, {
      random: seededRandom(1),
      sleep: clockSleep(h.clock),
    });
    await again.drain();
    expect(alertsTo(h)).toHaveLength(3);

    h.clock.set("2025-04-03T00:00:30Z"); // day 2 in Bamako: 5 more
    await again.drain();
    expect(alertsTo(h)).toHaveLength(8);
    h.clock.set("2025-04-04T08:00:00Z"); // day 3: past the schedule, no ceiling
    await again.drain();
    expect(alertsTo(h)).toHaveLength(10);
    expect(new Set(alertsTo(h)).size).toBe(10);
    h.app.close();
  });

  it("is off unless WARMUP_START is set, and counts nothing then", async () => {
    const h = await harness({ env: { WARMUP_START: "off" } });
    const readers = Array.from({ length: 60 }, (_, i) => ({ chatId: chat(i) }));
    addReaders(h.app, readers, h.clock.now());
    for (const r of readers) {
      h.app.outbox.enqueue(
        { kind: "alert", recipient: r.chatId, body: "🔔 Alerte" },
        h.clock.now(),
      );
    }
    await h.dispatcher.drain();
    expect(alertsTo(h)).toHaveLength(60);
    expect(h.app.db.prepare("SELECT count(*) FROM daily_sends").pluck().get()).toBe(0);
    h.app.close();
  });
});

describe("the daily cap on first messages to long-silent readers", () => {
  it("writes to at most N long-silent readers a day, moves the others to tomorrow, never drops them", async () => {
    const h = await harness({ env: { COLD_READERS_PER_DAY: "2", COLD_READER_AFTER_HOURS: "24" } });
    const longAgo = new Date(h.clock.now().getTime() - 3 * 86_400_000);
    const silent = [1, 2, 3, 4, 5].map((n) => ({ chatId: chat(n) }));
    addReaders(h.app, silent, longAgo);
    addReaders(h.app, [{ chatId: chat(6) }], h.clock.now()); // wrote this morning
    for (const n of [1, 2, 3, 4, 5, 6]) {
      h.app.outbox.enqueue({ kind: "alert", recipient: chat(n), body: `🔔 A ${n}` }, h.clock.now());
    }
    await h.dispatcher.drain();
    expect(alertsTo(h).sort()).toEqual([chat(1), chat(2), chat(6)].sort());
    expect(h.app.outbox.waitingWith(POSTPONED_COLD)).toBe(3);
    const moved = h.app.db
      .prepare("SELECT DISTINCT not_before FROM outbox WHERE last_error = ?")
      .pluck()
      .all(POSTPONED_COLD);
    expect(moved).toEqual([Date.parse("2025-04-03T00:00:00Z")]);

    // A second alert the same day to a reader already written to is not a first message.
    h.clock.advance(60_000);
    h.app.outbox.enqueue({ kind: "alert", recipient: chat(1), body: "🔔 B 1" }, h.clock.now());
    await h.dispatcher.drain();
    expect(alertsTo(h).filter((to) => to === chat(1))).toHaveLength(2);

    h.clock.set("2025-04-03T08:00:00Z");
    await h.dispatcher.drain();
    expect(alertsTo(h)).toHaveLength(6);
    expect(h.app.outbox.waitingWith(POSTPONED_COLD)).toBe(1);
    h.clock.set("2025-04-04T08:00:00Z");
    await h.dispatcher.drain();
    expect(new Set(alertsTo(h))).toEqual(new Set([1, 2, 3, 4, 5, 6].map(chat)));
    expect(h.app.outbox.waitingWith(POSTPONED_COLD)).toBe(0);
    h.app.close();
  });
});

describe("what editors see of the daily limits", () => {
  it("the receipt's ETA and words say part of a broadcast waits for the ramp; /stats and cli stats show the day", async () => {
    const h = await harness({ env: { WARMUP_START: "2025-04-02", WARMUP_SCHEDULE: "3,5" } });
    const readers = Array.from({ length: 10 }, (_, i) => ({ chatId: chat(i), follows: ["sport"] }));
    addReaders(h.app, readers, h.clock.now());
    const receipt = h.app.delivery.desk.publish(h.addArticle("aigles"), "cli");
    expect(receipt.recipients).toBe(10);
    // 3 today, 5 tomorrow, the rest on day 3: the ETA is at least until day 3 begins.
    expect(receipt.warmUpDays).toBe(2);
    expect(h.clock.now().getTime() + receipt.etaMs).toBeGreaterThanOrEqual(
      Date.parse("2025-04-04T00:00:00Z"),
    );
    const view = { lang: "fr" as const, timeZone: "Africa/Bamako", now: h.clock.now() };
    expect(receiptLines(receipt, { ...view, senderAlive: true, paused: false })).toContain(
      "Montée en charge du numéro : une partie partira dans 2 jours (plafond du jour).",
    );
    await h.dispatcher.drain();
    const stats = h.app.delivery.desk.stats();
    expect(stats.budget).toMatchObject({ sent: 3, ceiling: 3, coldCap: null });
    expect(statsReceiptLines(stats, "fr")).toContain(
      "Montée en charge du numéro : 3 alertes et résumés sur 3 permis aujourd'hui",
    );
    expect(sendingStatsLines(stats, [], { ...view, senderAlive: true })).toContain(
      "Montée en charge du numéro : 3 alertes et résumés sur 3 permis aujourd'hui",
    );
    h.app.close();
  });

  it("/stats counts long-silent readers written to and the rows moved to tomorrow", async () => {
    const h = await harness({ env: { COLD_READERS_PER_DAY: "1", LANGUAGE: "en" } });
    const longAgo = new Date(h.clock.now().getTime() - 3 * 86_400_000);
    addReaders(
      h.app,
      [1, 2, 3].map((n) => ({ chatId: chat(n) })),
      longAgo,
    );
    for (const n of [1, 2, 3]) {
      h.app.outbox.enqueue({ kind: "alert", recipient: chat(n), body: "🔔 A" }, h.clock.now());
    }
    await h.dispatcher.drain();
    const stats = h.app.delivery.desk.stats();
    expect(stats.budget).toMatchObject({ cold: 1, coldCap: 1, postponed: 2, ceiling: null });
    expect(statsReceiptLines(stats, "en")).toContain(
      "Long-silent readers: 1 first messages of 1 allowed today, 2 moved to tomorrow",
    );
    h.app.close();
  });

  it("shows nothing when no limit is set", async () => {
    const h = await harness();
    expect(h.app.delivery.desk.stats().budget).toBeUndefined();
    h.app.close();
  });
});
