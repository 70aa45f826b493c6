import { describe, expect, it } from "vitest";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

describe("pacing on a monotonic clock", () => {
  it("answers at once after the wall clock is set back an hour (it waited 3,606 s)", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness();
    addReaders(
      app,
      Array.from({ length: 20 }, (_, i) => ({ chatId: chat(i), follows: ["sport"] })),
      clock.now(),
    );
    app.delivery.desk.publish(addArticle("aigles"), "cli");
    await dispatcher.drain({ maxRows: 5 });

    clock.stepWall(-3_600_000);
    const asked = clock.monotonic();
    app.outbox.enqueue({ kind: "reply", recipient: chat(9000), body: "Menu" }, clock.now());
    await dispatcher.drain({ maxRows: 1 });
    expect(transport.sent.at(-1)?.to).toBe(chat(9000));
    expect(clock.monotonic() - asked).toBeLessThan(8_000);

    // The broadcast goes on at its pace, not an hour later either.
    const before = clock.monotonic();
    await dispatcher.drain({ maxRows: 1 });
    expect(clock.monotonic() - before).toBeLessThan(12_000);
  });

  it("still keeps the pace when the wall clock jumps forward", async () => {
    const { app, clock, dispatcher, transport } = await harness();
    addReaders(app, [{ chatId: chat(1) }, { chatId: chat(2) }], clock.now());
    app.outbox.enqueue({ kind: "alert", recipient: chat(1), body: "A" }, clock.now());
    await dispatcher.drain();
    clock.stepWall(3_600_000);
    app.outbox.enqueue({ kind: "alert", recipient: chat(2), body: "B" }, clock.now());
    const before = clock.monotonic();
    await dispatcher.drain();
    expect(transport.sent.map((m) => m.text)).toEqual(["A", "B"]);
    // 12 a minute: the second waits its gap (5 s and jitter) although the wall clock leapt.
    expect(clock.monotonic() - before).toBeGreaterThanOrEqual(5_000);
  });
});
