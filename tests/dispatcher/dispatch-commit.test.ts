import { describe, expect, it } from "vitest";
import { clockSleep, Dispatcher } from "../../src/dispatcher/dispatcher.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { MemoryTransport } from "../../src/transport/memory.ts";
import type { Recipient, SendResult } from "../../src/transport/transport.ts";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

/**
 * A send's success is written in the same transaction as the next claim (one commit per
 * message). These are the promises that must still hold: one row `sending` at most, and
 * nothing left `sending` once the dispatcher has nothing to do.
 */
describe("One commit per message", () => {
  it("never has more than the row being sent in `sending`, and the previous one already sent", async () => {
    const h = await harness({ env: { SEND_RATE_PER_MINUTE: "600" } });
    addReaders(
      h.app,
      Array.from({ length: 30 }, (_, i) => ({ chatId: chat(i), follows: ["politique"] })),
      h.clock.now(),
    );
    h.app.delivery.desk.publish(h.addArticle("aes"), "cli");
    const seen: { sending: number; sentBefore: number }[] = [];
    const count = (state: string) =>
      h.app.db.prepare("SELECT count(*) FROM outbox WHERE state = ?").pluck().get(state) as number;
    const watching = new (class extends MemoryTransport {
      override async send(to: Recipient, text: string): Promise<SendResult> {
        seen.push({ sending: count("sending"), sentBefore: count("sent") });
        return super.send(to, text);
      }
    })({ now: () => h.clock.now() });
    await watching.start({ onMessage: () => {}, onStatus: () => {} });
    const dispatcher = new Dispatcher({
      outbox: h.app.outbox,
      settings: h.app.settings,
      transport: watching,
      readers: h.app.subscribers,
      clock: h.clock,
      log: h.app.log,
      policy: { ...h.app.delivery.policy, ratePerMinute: 1e9, minGapPerChatMs: 0, jitter: 0 },
      // Waits move the manual clock: the pacer counts on its monotonic time, which only moves so.
      sleep: clockSleep(h.clock),
    });
    expect(await dispatcher.drain()).toBe(31);
    expect(seen.map((s) => s.sending)).toEqual(Array(31).fill(1));
    // Each send finds every earlier message recorded as sent: a crash now resends one at most.
    expect(seen.map((s) => s.sentBefore)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    expect(count("sent")).toBe(31);
    expect(count("sending")).toBe(0);
  });

  it("records the last send before waiting: a running dispatcher leaves nothing `sending`", async () => {
    const h = await harness();
    const transport = new MemoryTransport();
    await transport.start({ onMessage: () => {}, onStatus: () => {} });
    const dispatcher = new Dispatcher({
      outbox: h.app.outbox,
      settings: h.app.settings,
      transport,
      readers: h.app.subscribers,
      clock: systemClock,
      log: h.app.log,
      policy: { ...h.app.delivery.policy, ratePerMinute: 1e9, minGapPerChatMs: 0, idlePollMs: 20 },
    });
    dispatcher.start();
    for (const i of [1, 2, 3]) {
      h.app.outbox.enqueue(
        { kind: "reply", recipient: chat(i), body: "Voici le menu" },
        h.clock.now(),
      );
    }
    const states = () =>
      h.app.db.prepare("SELECT state FROM outbox ORDER BY id").pluck().all() as string[];
    const start = Date.now();
    while (states().some((s) => s !== "sent") && Date.now() - start < 5000) {
      await new Promise((r) => setTimeout(r, 5));
    }
    // Still running, idle: the third reply is recorded although no fourth claim came.
    expect(dispatcher.running).toBe(true);
    expect(states()).toEqual(["sent", "sent", "sent"]);
    await dispatcher.stop();
  });
});
