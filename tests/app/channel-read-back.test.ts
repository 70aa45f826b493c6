import { describe, expect, it } from "vitest";
import { ChannelReadBack } from "../../src/app/channel-read-back.ts";
import { createDispatcher } from "../../src/app/delivery.ts";
import { clockSleep } from "../../src/dispatcher/dispatcher.ts";
import { seededRandom } from "../../src/lib/random.ts";
import { MemoryTransport } from "../../src/transport/memory.ts";
import { CHANNEL, type ChannelPostCheck } from "../../src/transport/transport.ts";
import { harness } from "../support/delivery.ts";

/** The memory transport with a Channel it can read back: each check answers the next verdict. */
class ReadableChannel extends MemoryTransport {
  verdicts: ChannelPostCheck[] = [];
  checked: { transportId: string | null; text: string }[] = [];
  async checkChannelPost(post: { transportId: string | null; text: string }) {
    this.checked.push(post);
    return this.verdicts.shift() ?? "seen";
  }
}

async function setUp(verdicts: ChannelPostCheck[]) {
  const h = await harness({ env: { EDITORS: "+22370000099" } });
  const transport = new ReadableChannel({ now: () => h.clock.now() });
  transport.verdicts = verdicts;
  await transport.start({ onMessage: () => {}, onStatus: () => {} });
  const due: (() => void)[] = [];
  const readBack = new ChannelReadBack({
    transport,
    outbox: h.app.outbox,
    clock: h.clock,
    log: h.app.log,
    editors: h.app.config.editors,
    language: "fr",
    later: (_ms, run) => {
      due.push(run);
      return () => {};
    },
  });
  const dispatcher = createDispatcher(h.app, h.app.delivery, transport, {
    random: seededRandom(5),
    sleep: clockSleep(h.clock),
    onOutcome: (row, outcome) => readBack.onOutcome(row, outcome),
  });
  /** Runs the checks that are due, then waits for them. */
  const runChecks = async () => {
    for (const run of due.splice(0)) run();
    await readBack.stop();
  };
  const post = (body: string) =>
    h.app.outbox.enqueue({ kind: "channel", recipient: CHANNEL, body }, h.clock.now());
  return { h, transport, dispatcher, runChecks, post };
}

describe("the Channel read-back", () => {
  it("checks each Channel post by its id and text; a post that shows needs nothing more", async () => {
    const { h, transport, dispatcher, runChecks, post } = await setUp(["seen"]);
    post("*Coton : la récolte record*\nLire l'article : https://example.org/coton");
    await dispatcher.drain();
    await runChecks();
    expect(transport.checked).toEqual([
      {
        transportId: "mem-1",
        text: "*Coton : la récolte record*\nLire l'article : https://example.org/coton",
      },
    ]);
    await dispatcher.drain();
    expect(transport.sentTo(CHANNEL)).toHaveLength(1);
    expect(transport.sentTo("22370000099@c.us")).toEqual([]);
    h.app.close();
  });

  it("a missing post is sent once more and the editors told; missing again, they are told and it stops", async () => {
    const { h, transport, dispatcher, runChecks, post } = await setUp(["missing", "missing"]);
    post("*Coton : la récolte record*\nLire l'article : https://example.org/coton");
    await dispatcher.drain();
    await runChecks();
    await dispatcher.drain();
    expect(transport.sentTo(CHANNEL)).toHaveLength(2);
    const told = transport.sentTo("22370000099@c.us");
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(
      /« Coton : la récolte record » n'apparaît pas dans la chaîne : elle est renvoyée une fois/,
    );
    await runChecks();
    await dispatcher.drain();
    expect(transport.sentTo(CHANNEL)).toHaveLength(2); // no third post
    expect(transport.sentTo("22370000099@c.us")[1]).toMatch(/toujours pas dans la chaîne/);
    expect(transport.checked).toHaveLength(2);
    h.app.close();
  });

  it("cannot tell (WhatsApp Web down): nothing is sent again", async () => {
    const { h, transport, dispatcher, runChecks, post } = await setUp(["unknown"]);
    post("Brève");
    await dispatcher.drain();
    await runChecks();
    await dispatcher.drain();
    expect(transport.sentTo(CHANNEL)).toHaveLength(1);
    expect(transport.sentTo("22370000099@c.us")).toEqual([]);
    h.app.close();
  });

  it("does nothing with a transport that cannot read the Channel (the Cloud API)", async () => {
    const h = await harness();
    const readBack = new ChannelReadBack({
      transport: new MemoryTransport(),
      outbox: h.app.outbox,
      clock: h.clock,
      log: h.app.log,
      editors: [],
      language: "fr",
    });
    expect(readBack.enabled).toBe(false);
    h.app.close();
  });
});
