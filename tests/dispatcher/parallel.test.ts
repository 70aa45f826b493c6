import { describe, expect, it } from "vitest";
import { createDispatcher } from "../../src/app/delivery.ts";
import { clockSleep } from "../../src/dispatcher/dispatcher.ts";
import { type SendResult, type Transport, TransportError } from "../../src/transport/transport.ts";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

/** A transport that answers after a round trip, several requests at once (like the Cloud API). */
class SlowParallelTransport implements Transport {
  readonly name = "slow";
  readonly maxInFlight = 4;
  active = 0;
  mostAtOnce = 0;
  readonly sent: string[] = [];
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  isUp(): boolean {
    return true;
  }
  async send(to: string): Promise<SendResult> {
    this.active++;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.active);
    await new Promise((r) => setTimeout(r, 5));
    this.active--;
    if (to === chat(3) && !this.sent.includes(`refused:${to}`)) {
      this.sent.push(`refused:${to}`);
      throw new TransportError("refusé une fois", "transient");
    }
    this.sent.push(to);
    return { transportId: `slow-${this.sent.length}` };
  }
  async resolvePhones(): Promise<Map<string, string | null>> {
    return new Map();
  }
}

describe("the dispatcher with a transport that takes several sends at once", () => {
  it("keeps up to maxInFlight in flight, writes every outcome, and retries a failure", async () => {
    const h = await harness({
      env: { CHANNEL_ID: "", SEND_RATE_PER_MINUTE: "6000", MIN_GAP_PER_CHAT_SECONDS: "0" },
    });
    addReaders(
      h.app,
      Array.from({ length: 20 }, (_, i) => ({ chatId: chat(i), follows: ["Politique"] })),
      h.clock.now(),
    );
    const transport = new SlowParallelTransport();
    const dispatcher = createDispatcher(h.app, h.app.delivery, transport, {
      sleep: clockSleep(h.clock),
    });
    const { broadcastId } = h.app.delivery.desk.publish(h.addArticle("aes"), "cli");
    await dispatcher.drain({ until: new Date(h.clock.now().getTime() + 3 * 3600_000) });

    expect(transport.mostAtOnce).toBe(4);
    expect(h.app.outbox.countsByStateAndKind()).toEqual([
      { state: "sent", kind: "alert", count: 20 },
    ]);
    expect(h.app.broadcasts.counts(broadcastId)).toMatchObject({ sent: 20 });
    expect(transport.sent.filter((s) => s === chat(3))).toHaveLength(1);
    h.app.close();
  });
});
