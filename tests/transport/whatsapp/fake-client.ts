import { EventEmitter } from "node:events";
import { Writable } from "node:stream";
import { expect, vi } from "vitest";
import type {
  Channel,
  ClientOptions,
  Message,
  MessageContent,
  MessageSendOptions,
} from "whatsapp-web.js";
import { loadConfig } from "../../../src/config.ts";
import { createLogger, type Logger } from "../../../src/log.ts";
import type { InboundMessage } from "../../../src/transport/transport.ts";
import type { WhatsAppClient } from "../../../src/transport/whatsapp/whatsapp.ts";
import { WhatsAppTransport } from "../../../src/transport/whatsapp/whatsapp.ts";

/** A message whatsapp-web.js would return from sendMessage (only its id is read). */
export function sentMessage(serialized: string): Message {
  const partial: Partial<Message> = {
    id: { fromMe: true, remote: "", id: serialized, _serialized: serialized },
  };
  return partial as Message;
}

/** A Channel as whatsapp-web.js returns it; `role` lands where the library puts it. */
export function channel(id: string, name: string, role?: string): Channel {
  const partial: Partial<Channel> & { channelMetadata?: { membershipType: string } } = {
    id: { server: "newsletter", user: id.replace(/@.*/, ""), _serialized: id },
    name,
    isChannel: true,
    ...(role ? { channelMetadata: { membershipType: role } } : {}),
  };
  return partial as Channel;
}

export interface SendCall {
  chatId: string;
  content: MessageContent;
  options: MessageSendOptions | undefined;
}

/**
 * A stand-in for whatsapp-web.js's Client with the same TypeScript shape: tests emit its
 * events and script its answers; nothing launches a browser.
 */
export class FakeClient extends EventEmitter implements WhatsAppClient {
  readonly sends: SendCall[] = [];
  destroyed = 0;
  initialized = 0;
  /** What initialize() does: resolve (default) or reject with this. */
  initError: unknown = null;
  /** What the next sendMessage returns or throws; default: a message with a fresh id. */
  sendPlan: Array<{ result: Message | null } | { error: unknown }> = [];
  lidAndPhone: Array<{ lid: string; pn: string }> = [];
  lidCalls: string[][] = [];
  channelsByInvite = new Map<string, Channel>();
  channels: Channel[] = [];

  constructor(readonly options: ClientOptions) {
    super();
  }

  async initialize(): Promise<void> {
    this.initialized++;
    if (this.initError !== null) throw this.initError;
  }

  async destroy(): Promise<void> {
    this.destroyed++;
  }

  async sendMessage(
    chatId: string,
    content: MessageContent,
    options?: MessageSendOptions,
  ): Promise<Message> {
    this.sends.push({ chatId, content, options });
    const next = this.sendPlan.shift();
    if (next && "error" in next) throw next.error;
    // The library's typings promise a Message, its code returns null/undefined on refusal.
    if (next) return next.result as Message;
    return sentMessage(`true_${chatId}_3EB0${String(this.sends.length).padStart(16, "0")}`);
  }

  async getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]> {
    this.lidCalls.push(userIds);
    return userIds.map(
      (id) =>
        this.lidAndPhone.find((p) => p.lid === id || p.pn === id) ?? {
          lid: id.endsWith("@lid") ? id : "",
          pn: id.endsWith("@c.us") ? id : "",
        },
    );
  }

  async getChannelByInviteCode(inviteCode: string): Promise<Channel> {
    // Like the library: undefined when WhatsApp does not know the code.
    return this.channelsByInvite.get(inviteCode) as Channel;
  }

  async getChannels(): Promise<Channel[]> {
    return this.channels;
  }
}

/** A logger whose JSON lines the test can read back. */
export function capturedLogger(level = "debug"): {
  log: Logger;
  lines: () => Array<Record<string, unknown>>;
} {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    log: createLogger({ level, destination }),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** An adapter over fake clients (one per connection), with a fast backoff and no jitter. */
export function fakeWhatsApp(env: Record<string, string> = {}) {
  const config = loadConfig({ DATA_DIR: "/srv/suivez/data", ...env });
  const clients: FakeClient[] = [];
  const prepare: Array<(client: FakeClient) => void> = [];
  const { log, lines } = capturedLogger();
  const qrs: string[] = [];
  const codes: string[] = [];
  const transport = new WhatsAppTransport({
    config,
    log,
    findBrowser: () => "/usr/bin/chromium",
    createClient: (options) => {
      const client = new FakeClient(options);
      prepare[clients.length]?.(client);
      clients.push(client);
      return client;
    },
    backoff: { initialMs: 5, maxMs: 40 },
    random: () => 0.5,
    printQr: (qr) => qrs.push(qr),
    printPairingCode: (code) => codes.push(code),
  });
  const inbound: InboundMessage[] = [];
  const statuses: string[] = [];
  const handlers = {
    onMessage: (m: InboundMessage) => {
      inbound.push(m);
    },
    onStatus: (s: "up" | "down", reason?: string) => {
      statuses.push(reason ? `${s}:${reason}` : s);
    },
  };
  const current = () => {
    const client = clients.at(-1);
    if (!client) throw new Error("no client yet");
    return client;
  };
  /** Starts and brings the first client to `ready`. */
  const ready = async () => {
    await transport.start(handlers);
    await vi.waitFor(() => expect(clients).toHaveLength(1));
    current().emit("ready");
    await vi.waitFor(() => expect(transport.isUp()).toBe(true));
  };
  return {
    config,
    transport,
    clients,
    prepare,
    handlers,
    inbound,
    statuses,
    lines,
    qrs,
    codes,
    current,
    ready,
  };
}
