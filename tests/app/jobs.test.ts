import { describe, expect, it } from "vitest";
import { createSchedules } from "../../src/app/delivery.ts";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

describe("Schedules", () => {
  it("announces what is new, never running one job twice at once", async () => {
    const { app, clock, addArticle } = await harness();
    addReaders(app, [{ chatId: chat(1), follows: ["sport"] }], clock.now());
    addArticle("aigles");
    let plans = 0;
    const planner = {
      planAllDue: (stopping?: () => boolean) => {
        plans++;
        return app.delivery.planner.planAllDue(stopping);
      },
      planDigests: () => app.delivery.planner.planDigests(),
    };
    const schedules = createSchedules(app, { ...app.delivery, planner });
    const first = schedules.run("plan");
    const second = schedules.run("plan");
    await Promise.all([first, second]);
    expect(plans).toBe(1);
    expect(app.outbox.dayCounts(new Date(0), new Date(8.64e15)).queued).toBe(2); // Channel + alert
  });

  it("prunes old sent rows and checkpoints, and a failing job only logs", async () => {
    const { app, clock, dispatcher } = await harness();
    app.outbox.enqueue({ kind: "reply", recipient: chat(1), body: "Bonjour" }, clock.now());
    await dispatcher.drain();
    app.dailySends.add("2025-04-02", chat(1), true); // the ban guard's count of that day
    clock.advance(31 * 86_400_000);
    app.dailySends.add("2025-05-03", chat(1), false);
    const kept = app.outbox.enqueue(
      { kind: "reply", recipient: chat(1), body: "Encore" },
      clock.now(),
    );
    const planner = {
      planAllDue: (stopping?: () => boolean) => app.delivery.planner.planAllDue(stopping),
      planDigests: (): never => {
        throw new Error("base verrouillée");
      },
    };
    const schedules = createSchedules(app, { ...app.delivery, planner });
    await schedules.run("prune");
    expect(app.outbox.dayCounts(new Date(0), new Date(8.64e15))).toMatchObject({
      sent: 0,
      queued: 1,
    });
    expect(app.outbox.get(kept ?? 0)?.body).toBe("Encore");
    expect(app.dailySends.totals("2025-04-02")).toEqual({ messages: 0, cold: 0 });
    expect(app.dailySends.totals("2025-05-03")).toEqual({ messages: 1, cold: 0 });
    await schedules.run("checkpoint");
    await expect(schedules.run("digests")).resolves.toBeUndefined();
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
    addReaders(app, [{ chatId: chat(1), follows: ["économie"] }], clock.now());
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
