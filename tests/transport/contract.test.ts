import { vi } from "vitest";
import wwebjs from "whatsapp-web.js";
import { ConsoleTransport } from "../../src/transport/console.ts";
import { MemoryTransport } from "../../src/transport/memory.ts";
import { message } from "../fixtures/whatsapp/messages.ts";
import { transportContract } from "./contract.ts";
import { fakeWhatsApp } from "./whatsapp/fake-client.ts";

transportContract("MemoryTransport", () => {
  const transport = new MemoryTransport();
  return {
    transport,
    bringUp: (handlers) => transport.start(handlers),
    deliverText: (from, text) => transport.inject({ chatId: from, text }),
    sentTo: (to) => transport.sentTo(to),
  };
});

transportContract("ConsoleTransport", () => {
  const printed: string[] = [];
  const transport = new ConsoleTransport({ write: (t) => printed.push(t), ansi: false });
  return {
    transport,
    bringUp: (handlers) => transport.start(handlers),
    deliverText: (from, text) => transport.receive(from, text),
    sentTo: (to) => printed.filter((p) => p.startsWith(`bot → +${to.replace(/@c\.us$/, "")}`)),
  };
});

transportContract("WhatsAppTransport (fake whatsapp-web.js client)", () => {
  const t = fakeWhatsApp();
  let serial = 0;
  return {
    transport: t.transport,
    bringUp: async (handlers) => {
      await t.transport.start(handlers);
      await vi.waitFor(() => {
        if (t.clients.length === 0) throw new Error("no client yet");
      });
      t.current().emit("ready");
      await vi.waitFor(() => {
        if (!t.transport.isUp()) throw new Error("not up yet");
      });
    },
    deliverText: async (from, text) => {
      serial++;
      t.current().emit(
        "message",
        message(from, `3EB0CONTRACT${serial}`, { type: wwebjs.MessageTypes.TEXT, body: text }),
      );
      await vi.waitFor(() => {
        if (t.current().listenerCount("message") === 0) throw new Error("no listener");
      });
      await new Promise((r) => setTimeout(r, 10));
    },
    sentTo: (to) =>
      t.clients.flatMap((c) =>
        c.sends.filter((s) => s.chatId === to).map((s) => String(s.content)),
      ),
  };
});
