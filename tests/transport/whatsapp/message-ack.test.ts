import { describe, expect, it, vi } from "vitest";
import type { Channel, Message } from "whatsapp-web.js";
import { loadConfig } from "../../../src/config.ts";
import type { Receipt } from "../../../src/transport/transport.ts";
import { WhatsAppTransport } from "../../../src/transport/whatsapp/whatsapp.ts";
import { capturedLogger, channel, FakeClient, fakeWhatsApp } from "./fake-client.ts";

function ackedMessage(serialized: string, fromMe: boolean): Message {
  const partial: Partial<Message> = {
    fromMe,
    id: { fromMe, remote: "", id: serialized, _serialized: serialized },
  };
  return partial as Message;
}

describe("whatsapp-web.js receipts (message_ack)", () => {
  it("reports delivered (2), read (3, 4) and failed (-1) for the bot's own messages only", async () => {
    const clients: FakeClient[] = [];
    const transport = new WhatsAppTransport({
      config: loadConfig({ DATA_DIR: "/srv/suivez/data" }),
      log: capturedLogger().log,
      findBrowser: () => "/usr/bin/chromium",
      createClient: (options) => {
        const c = new FakeClient(options);
        clients.push(c);
        return c;
      },
      backoff: { initialMs: 5, maxMs: 40 },
      random: () => 0.5,
      printQr: () => {},
    });
    const receipts: Receipt[] = [];
    await transport.start({
      onMessage: () => {},
      onStatus: () => {},
      onReceipt: (r) => receipts.push(r),
    });
    await vi.waitFor(() => expect(clients).toHaveLength(1));
    const client = clients[0] as FakeClient;
    client.emit("message_ack", ackedMessage("true_1@c.us_A", true), 1); // server only: nothing
    client.emit("message_ack", ackedMessage("true_1@c.us_A", true), 2);
    client.emit("message_ack", ackedMessage("true_1@c.us_A", true), 3);
    client.emit("message_ack", ackedMessage("true_2@c.us_B", true), 4);
    client.emit("message_ack", ackedMessage("true_3@c.us_C", true), -1);
    client.emit("message_ack", ackedMessage("false_4@c.us_D", false), 3); // a reader's message
    expect(receipts.map((r) => [r.transportId, r.status])).toEqual([
      ["true_1@c.us_A", "delivered"],
      ["true_1@c.us_A", "read"],
      ["true_2@c.us_B", "read"],
      ["true_3@c.us_C", "failed"],
    ]);
    await transport.stop();
  });
});

describe("reading a Channel post back (Channel.fetchMessages)", () => {
  function posted(serialized: string, body: string, ack: number): Message {
    const partial: Partial<Message> = {
      fromMe: true,
      body,
      ack,
      id: { fromMe: true, remote: "", id: serialized, _serialized: serialized },
    };
    return partial as Message;
  }

  it("seen once the server acknowledged it (by id or text), missing when absent or pending", async () => {
    const wa = fakeWhatsApp({ CHANNEL_ID: "120363000000000000@newsletter" });
    const recent: Message[] = [
      posted("true_120363000000000000@newsletter_A", "Brève A", 1),
      posted("true_120363000000000000@newsletter_B", "Brève B", 0),
    ];
    const asked: unknown[] = [];
    const c = channel("120363000000000000@newsletter", "Suivez l'info", "owner");
    (c as { fetchMessages: Channel["fetchMessages"] }).fetchMessages = async (options) => {
      asked.push(options);
      return recent;
    };
    wa.prepare[0] = (client) => {
      client.channels = [c];
    };
    await wa.ready();
    const check = (transportId: string | null, text: string) =>
      wa.transport.checkChannelPost({ transportId, text });
    expect(await check("true_120363000000000000@newsletter_A", "Brève A")).toBe("seen");
    expect(await check(null, "Brève A\n")).toBe("seen"); // by text when no id came back
    expect(await check("true_120363000000000000@newsletter_B", "Brève B")).toBe("missing");
    expect(await check("true_120363000000000000@newsletter_C", "Brève C")).toBe("missing");
    expect(asked[0]).toEqual({ limit: 20, fromMe: true });
    await wa.transport.stop();
    expect(await check("x", "Brève A")).toBe("unknown");
  });
});
