import { describe, expect, it } from "vitest";
import {
  type InboundMessage,
  type Transport,
  TransportError,
  type TransportHandlers,
} from "../../src/transport/transport.ts";

/** What the contract needs to drive one Transport implementation from the outside. */
export interface ContractSubject {
  transport: Transport;
  /** Starts the transport and brings it up (for WhatsApp: the session becomes ready). */
  bringUp(handlers: TransportHandlers): Promise<void>;
  /** A reader's text arrives the way this transport's source delivers it. */
  deliverText(from: string, text: string): Promise<void>;
  /** The texts this transport handed over for `to`, in order. */
  sentTo(to: string): string[];
}

function recordingHandlers() {
  const inbound: InboundMessage[] = [];
  const statuses: string[] = [];
  const handlers: TransportHandlers = {
    onMessage: (m) => {
      inbound.push(m);
    },
    onStatus: (s) => {
      statuses.push(s);
    },
  };
  return { inbound, statuses, handlers };
}

const READER = "22370123456@c.us";

/**
 * The promises every Transport keeps, whatever it drives (the memory double, the terminal,
 * WhatsApp Web): run by each implementation's test so they cannot drift apart.
 */
export function transportContract(name: string, subject: () => ContractSubject): void {
  describe(`${name}: the Transport contract`, () => {
    it("is down until started, says so to its handlers, and is down again after stop", async () => {
      const s = subject();
      const h = recordingHandlers();
      expect(s.transport.isUp()).toBe(false);
      await s.bringUp(h.handlers);
      expect(s.transport.isUp()).toBe(true);
      expect(h.statuses).toContain("up");
      await s.transport.stop();
      expect(s.transport.isUp()).toBe(false);
      await s.transport.stop(); // twice is harmless
    });

    it("sends text to a reader's chat exactly as given and returns a result", async () => {
      const s = subject();
      await s.bringUp(recordingHandlers().handlers);
      const text = "*Dernières infos*\n1. Bamako : la pluie revient";
      const result = await s.transport.send(READER, text);
      expect(result).toHaveProperty("transportId");
      expect(s.sentTo(READER).at(-1)).toContain("Bamako : la pluie revient");
      await s.transport.stop();
    });

    it("refuses to send while stopped with a transient TransportError (the dispatcher retries)", async () => {
      const s = subject();
      await s.bringUp(recordingHandlers().handlers);
      await s.transport.stop();
      const error = await s.transport.send(READER, "Bonjour").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).kind).toBe("transient");
    });

    it("hands a reader's text to the bot as an InboundMessage", async () => {
      const s = subject();
      const h = recordingHandlers();
      await s.bringUp(h.handlers);
      await s.deliverText(READER, "dernières");
      expect(h.inbound).toHaveLength(1);
      expect(h.inbound[0]).toMatchObject({
        chatId: READER,
        senderId: READER,
        text: "dernières",
        kind: "text",
        isGroup: false,
      });
      expect(typeof h.inbound[0]?.id).toBe("string");
      expect(h.inbound[0]?.timestamp).toBeInstanceOf(Date);
      await s.transport.stop();
    });

    it("resolves a person's chat id to the number behind it, and unknown ids to null", async () => {
      const s = subject();
      await s.bringUp(recordingHandlers().handlers);
      const phones = await s.transport.resolvePhones([READER, "999999999999999@lid"]);
      expect(phones.get(READER)).toBe("+22370123456");
      expect(phones.get("999999999999999@lid")).toBeNull();
      await s.transport.stop();
    });
  });
}
