import { describe, expect, it, vi } from "vitest";
import type { Message } from "whatsapp-web.js";
import { loadConfig } from "../../../src/config.ts";
import type { Receipt } from "../../../src/transport/transport.ts";
import { WhatsAppTransport } from "../../../src/transport/whatsapp/whatsapp.ts";
import { capturedLogger, FakeClient } from "./fake-client.ts";

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
