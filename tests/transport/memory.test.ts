import { describe, expect, it } from "vitest";
import { MemoryTransport } from "../../src/transport/memory.ts";
import { type InboundMessage, TransportError } from "../../src/transport/transport.ts";

function handlers() {
  const inbound: InboundMessage[] = [];
  const statuses: string[] = [];
  return {
    inbound,
    statuses,
    onMessage: (m: InboundMessage) => {
      inbound.push(m);
    },
    onStatus: (s: "up" | "down", reason?: string) => {
      statuses.push(reason ? `${s}:${reason}` : s);
    },
  };
}

describe("MemoryTransport", () => {
  it("records what is sent once started, and refuses to send while down", async () => {
    const t = new MemoryTransport();
    await expect(t.send("22370000000@c.us", "avant")).rejects.toMatchObject({ kind: "transient" });
    const h = handlers();
    await t.start(h);
    expect(t.isUp()).toBe(true);
    const r = await t.send("22370000000@c.us", "Bonjour");
    expect(r.transportId).toBe("mem-1");
    expect(t.sentTo("22370000000@c.us")).toEqual(["Bonjour"]);
    t.setDown();
    await expect(t.send("22370000000@c.us", "x")).rejects.toBeInstanceOf(TransportError);
    t.setUp();
    expect(h.statuses).toEqual(["up", "down:disconnected", "up"]);
    await t.stop();
    expect(t.isUp()).toBe(false);
  });

  it("fails the planned number of sends with the planned kind, optionally for one recipient", async () => {
    const t = new MemoryTransport();
    await t.start(handlers());
    t.failNext({ kind: "permanent", times: 1, to: "b@c.us" });
    t.failNext({ kind: "transient", times: 2 });
    await expect(t.send("a@c.us", "1")).rejects.toMatchObject({ kind: "transient" });
    await expect(t.send("b@c.us", "2")).rejects.toMatchObject({ kind: "permanent" });
    await expect(t.send("b@c.us", "3")).rejects.toMatchObject({ kind: "transient" });
    await t.send("b@c.us", "4");
    expect(t.sent.map((m) => m.text)).toEqual(["4"]);
  });

  it("injects inbound messages with sensible defaults and resolves phones", async () => {
    const t = new MemoryTransport({ phones: { "123@lid": "+22376000000", "999@lid": null } });
    const h = handlers();
    await t.start(h);
    await t.inject({ chatId: "22370000000@c.us", text: "menu" });
    expect(h.inbound[0]).toMatchObject({
      chatId: "22370000000@c.us",
      senderId: "22370000000@c.us",
      kind: "text",
      isGroup: false,
    });
    const phones = await t.resolvePhones(["22370000000@c.us", "123@lid", "999@lid", "5@lid"]);
    expect([...phones.values()]).toEqual(["+22370000000", "+22376000000", null, null]);
  });
});
