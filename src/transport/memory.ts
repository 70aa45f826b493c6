import { phoneOfChatId } from "../domain/chat-id.ts";
import {
  type InboundMessage,
  type Recipient,
  type SendResult,
  type Transport,
  TransportError,
  type TransportHandlers,
} from "./transport.ts";

/** A message the memory transport accepted, in sending order. */
export interface SentMessage {
  to: Recipient;
  text: string;
  transportId: string;
  at: Date;
}

/** How the next sends should fail: a kind, a count (default: until cleared), an optional filter. */
export interface FailurePlan {
  kind: "transient" | "permanent";
  message?: string;
  /** Fail only this many sends, then succeed again. */
  times?: number;
  /** Fail only sends to this recipient. */
  to?: Recipient;
}

export interface MemoryTransportOptions {
  /** Sender id → E.164 phone (or null: known to be unresolvable). `@c.us` ids resolve by themselves. */
  phones?: Record<string, string | null>;
  /** Time stamp for sent messages; defaults to the wall clock. */
  now?: () => Date;
  /** Whether `start()` brings the transport up (default true). */
  upOnStart?: boolean;
}

/**
 * The in-memory transport for tests: records every sent message, lets a test inject inbound
 * messages, go down and up, and make sends fail transiently or permanently.
 */
export class MemoryTransport implements Transport {
  readonly name = "memory";
  readonly sent: SentMessage[] = [];
  /** Every id `resolvePhones` was asked about, in order: lets tests check caching. */
  readonly resolveCalls: string[][] = [];
  #handlers: TransportHandlers | null = null;
  #up = false;
  #failures: FailurePlan[] = [];
  #counter = 0;
  #inboundCounter = 0;
  readonly #phones: Map<string, string | null>;
  readonly #now: () => Date;
  readonly #upOnStart: boolean;

  constructor(options: MemoryTransportOptions = {}) {
    this.#phones = new Map(Object.entries(options.phones ?? {}));
    this.#now = options.now ?? (() => new Date());
    this.#upOnStart = options.upOnStart ?? true;
  }

  async start(handlers: TransportHandlers): Promise<void> {
    this.#handlers = handlers;
    if (this.#upOnStart) this.setUp();
  }

  async stop(): Promise<void> {
    if (this.#up) {
      this.#up = false;
      this.#handlers?.onStatus("down", "stopped");
    }
    this.#handlers = null;
  }

  isUp(): boolean {
    return this.#up;
  }

  /** Brings the transport up and tells the handlers (as WhatsApp's `ready` would). */
  setUp(): void {
    if (this.#up) return;
    this.#up = true;
    this.#handlers?.onStatus("up");
  }

  /** Takes the transport down (as a disconnection would): sends fail transiently until up. */
  setDown(reason = "disconnected"): void {
    if (!this.#up) return;
    this.#up = false;
    this.#handlers?.onStatus("down", reason);
  }

  /** Makes upcoming sends fail; plans are checked in the order they were added. */
  failNext(plan: FailurePlan): void {
    this.#failures.push({ ...plan });
  }

  /** Sends succeed again. */
  clearFailures(): void {
    this.#failures = [];
  }

  async send(to: Recipient, text: string): Promise<SendResult> {
    if (!this.#up) throw new TransportError("transport is not connected", "transient");
    const plan = this.#failures.find((p) => p.to === undefined || p.to === to);
    if (plan) {
      if (plan.times !== undefined) {
        plan.times -= 1;
        if (plan.times <= 0) this.#failures.splice(this.#failures.indexOf(plan), 1);
      }
      throw new TransportError(plan.message ?? `simulated ${plan.kind} failure`, plan.kind);
    }
    this.#counter += 1;
    const transportId = `mem-${this.#counter}`;
    this.sent.push({ to, text, transportId, at: this.#now() });
    return { transportId };
  }

  async resolvePhones(ids: readonly string[]): Promise<Map<string, string | null>> {
    this.resolveCalls.push([...ids]);
    const out = new Map<string, string | null>();
    for (const id of ids) {
      if (this.#phones.has(id)) out.set(id, this.#phones.get(id) ?? null);
      else out.set(id, phoneOfChatId(id));
    }
    return out;
  }

  /** Declares (or changes) the phone behind a sender id, e.g. an `@lid`. */
  setPhone(id: string, phone: string | null): void {
    this.#phones.set(id, phone);
  }

  /**
   * Delivers an inbound message to the handlers as WhatsApp would, filling the usual fields:
   * a one-to-one text from `chatId` with a fresh id. Resolves once the handler has finished.
   */
  async inject(message: Partial<InboundMessage> & { chatId: string }): Promise<void> {
    if (!this.#handlers) throw new Error("MemoryTransport.inject: start() the transport first");
    this.#inboundCounter += 1;
    const full: InboundMessage = {
      id: message.id ?? `in-${this.#inboundCounter}`,
      chatId: message.chatId,
      senderId: message.senderId ?? message.chatId,
      text: message.text ?? "",
      kind: message.kind ?? "text",
      isGroup: message.isGroup ?? message.chatId.endsWith("@g.us"),
      timestamp: message.timestamp ?? this.#now(),
      ...(message.forwarded ? { forwarded: true } : {}),
    };
    await this.#handlers.onMessage(full);
  }

  /** Texts sent to one recipient, in order. */
  sentTo(to: Recipient): string[] {
    return this.sent.filter((m) => m.to === to).map((m) => m.text);
  }

  /** Forgets what was sent (between steps of a test). */
  clearSent(): void {
    this.sent.length = 0;
  }
}
