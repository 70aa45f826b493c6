import { AppError } from "../domain/errors.ts";
/** A message that reached the bot, translated from WhatsApp (or the console) into our terms. */
export interface InboundMessage {
  /** The transport's message id: each is handled once even if delivered twice. */
  id: string;
  /** Where to answer: `NUMBER@c.us`, `…@lid`, `…@g.us` for a group. */
  chatId: string;
  /** Who wrote it (differs from chatId in groups). */
  senderId: string;
  text: string;
  kind: "text" | "media" | "other";
  isGroup: boolean;
  timestamp: Date;
  /** WhatsApp marked it forwarded (someone else's text): a reader's tip to check. */
  forwarded?: boolean;
}

/** Where an outgoing message goes: a reader's chat, or the newsroom's Channel. */
export type Recipient = string;
export const CHANNEL: Recipient = "channel";

/**
 * What the sender knows about a message besides its text: the official API needs the kind to
 * choose between free text (inside the reader's 24-hour window) and an approved template.
 */
export interface SendMeta {
  kind: "reply" | "notice" | "channel" | "alert" | "digest";
}

/** A delivery or read receipt for a message sent earlier (by its transport id). */
export interface Receipt {
  transportId: string;
  status: "delivered" | "read" | "failed";
  at: Date;
  /** For `failed`: the platform's reason (error code and title). */
  error?: string;
}

export interface SendResult {
  /** The transport's id for the sent message, when it gives one. */
  transportId: string | null;
}

/**
 * A send that failed. `permanent` means retrying cannot help (no such number, blocked, not
 * the Channel's admin); `transient` means try again later (network, rate, not connected).
 */
export class TransportError extends AppError {
  /** When the platform said how long to wait (a rate limit): the retry is not sooner. */
  readonly retryAfterMs: number | null;
  constructor(
    message: string,
    readonly kind: "transient" | "permanent",
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super("TRANSPORT_FAILED", message, options);
    this.retryAfterMs = options?.retryAfterMs ?? null;
  }
}

export interface TransportHandlers {
  onMessage(message: InboundMessage): void | Promise<void>;
  /** Up: sending may resume. Down: claim nothing until it is up again. */
  onStatus(status: "up" | "down", reason?: string): void;
  /** Delivered / read receipts of sent messages (both WhatsApp transports give them). */
  onReceipt?(receipt: Receipt): void;
  /** A connection state that may mean trouble for the number (WhatsApp Web's TOS_BLOCK…). */
  onState?(state: string): void;
}

/** Whether a Channel post shows in the Channel: `unknown` when it cannot be told now. */
export type ChannelPostCheck = "seen" | "missing" | "unknown";

/** What the core needs from WhatsApp, the console simulator or the in-memory test double. */
export interface Transport {
  readonly name: string;
  /**
   * How many sends may wait for their answer at once (default 1). The dispatcher keeps that
   * many in flight; a crash can then send each of them twice (README: crash policy).
   */
  readonly maxInFlight?: number;
  start(handlers: TransportHandlers): Promise<void>;
  stop(): Promise<void>;
  isUp(): boolean;
  send(to: Recipient, text: string, meta?: SendMeta): Promise<SendResult>;
  /**
   * The E.164 phone number behind each sender id (`NUMBER@c.us` or an `…@lid`), or null when
   * it cannot be known: used to recognise editors.
   */
  resolvePhones(ids: readonly string[]): Promise<Map<string, string | null>>;
  /**
   * Optional capability: reads the Channel's recent posts back and says whether this one (its
   * transport id from send(), its text) is there and accepted by WhatsApp's server.
   */
  checkChannelPost?(post: { transportId: string | null; text: string }): Promise<ChannelPostCheck>;
}
