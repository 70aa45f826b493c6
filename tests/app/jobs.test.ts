import { describe, expect, it } from "vitest";
import { createSchedules } from "../../src/app/delivery.ts";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

describe("Schedules", () => {
  it("polls the sources then announces what is new, never running one job twice at once", async () => {
    const { app, clock, addArticle } = await harness();
    addReaders(app.db, [{ chatId: chat(1), follows: ["sport"] }], clock.now());
    let polls = 0;
    let finish: () => void = () => {};
    const schedules = createSchedules(app, app.delivery, {
      poll: async () => {
        polls++;
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
        addArticle("aigles"); // what the feed brought
      },
    });
    const first = schedules.run("poll");
    const second = schedules.run("poll");
    finish();
    await Promise.all([first, second]);
    expect(polls).toBe(1);
    expect(app.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'alert'").pluck().get()).toBe(
      1,
    );
  });

  it("prunes old sent rows and checkpoints, and a failing job only logs", async () => {
    const { app, clock, dispatcher } = await harness();
    app.outbox.enqueue({ kind: "reply", recipient: chat(1), body: "Bonjour" }, clock.now());
    await dispatcher.drain();
    clock.advance(31 * 86_400_000);
    app.outbox.enqueue({ kind: "reply", recipient: chat(1), body: "Encore" }, clock.now());
    const schedules = createSchedules(app, app.delivery, {
      poll: async () => {
        throw new Error("flux injoignable");
      },
    });
    await schedules.run("prune");
    expect(app.db.prepare("SELECT body FROM outbox").pluck().all()).toEqual(["Encore"]);
    await schedules.run("checkpoint");
    await expect(schedules.run("poll")).resolves.toBeUndefined();
  });

  it("starts its cron jobs in the newsroom's zone and stops cleanly", async () => {
    const { app } = await harness();
    const schedules = createSchedules(app, app.delivery);
    schedules.start();
    await schedules.stop();
    await schedules.stop();
  });
});

describe("startDelivery", () => {
  it("sends what was queued while the bot was down, and stops in order", async () => {
    const { startDelivery } = await import("../../src/app/delivery.ts");
    const { MemoryTransport } = await import("../../src/transport/memory.ts");
    const { app, clock, addArticle } = await harness({ env: { SEND_RATE_PER_MINUTE: "6000" } });
    addReaders(app.db, [{ chatId: chat(1), follows: ["économie"] }], clock.now());
    addArticle("coton");
    const transport = new MemoryTransport();
    const running = startDelivery(app, app.delivery, transport);
    await transport.start({
      onMessage: () => {},
      onStatus: (s, r) => running.dispatcher.onTransportStatus(s, r),
    });
    for (let i = 0; i < 100 && transport.sent.length < 2; i++) {
      clock.advance(1000); // the pace counts in the app's (manual) time
      running.dispatcher.wake();
      await new Promise((r) => setTimeout(r, 20));
    }
    await running.stop();
    expect(transport.sent.map((m) => m.to).sort()).toEqual([chat(1), "channel"].sort());
    expect(app.settings.heartbeat()).toBeNull();
  });
});
