import {
  CHANNEL,
  type ChannelPostCheck,
  type Recipient,
  type SendMeta,
  type SendResult,
  type Transport,
  TransportError,
  type TransportHandlers,
} from "../transport.ts";

/**
 * WHATSAPP_TRANSPORT=hybrid: the Channel through WhatsApp Web (only an unofficial client can
 * post to it), every one-to-one message through the Cloud API. Up while either side is up: a
 * message for the side that is down fails as transient and waits for it.
 */
export class HybridTransport implements Transport {
  readonly name = "hybrid";
  readonly maxInFlight: number;
  constructor(
    readonly channel: Transport,
    readonly readers: Transport,
  ) {
    this.maxInFlight = readers.maxInFlight ?? 1;
  }

  async start(handlers: TransportHandlers): Promise<void> {
    const status = new Map<string, "up" | "down">();
    const relay = (side: string) => (s: "up" | "down", reason?: string) => {
      status.set(side, s);
      const up = [...status.values()].includes("up");
      handlers.onStatus(up ? "up" : "down", reason ? `${side} : ${reason}` : side);
    };
    await this.readers.start({ ...handlers, onStatus: relay("api") });
    await this.channel.start({ ...handlers, onStatus: relay("web") });
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.channel.stop(), this.readers.stop()]);
  }

  isUp(): boolean {
    return this.channel.isUp() || this.readers.isUp();
  }

  send(to: Recipient, text: string, meta?: SendMeta): Promise<SendResult> {
    const side = to === CHANNEL ? this.channel : this.readers;
    if (!side.isUp()) {
      return Promise.reject(
        new TransportError(
          to === CHANNEL ? "WhatsApp Web (chaîne) déconnecté" : "API WhatsApp indisponible",
          "transient",
        ),
      );
    }
    return side.send(to, text, meta);
  }

  /** The Channel is WhatsApp Web's: it reads the post back, when it can. */
  async checkChannelPost(post: {
    transportId: string | null;
    text: string;
  }): Promise<ChannelPostCheck> {
    return this.channel.checkChannelPost ? this.channel.checkChannelPost(post) : "unknown";
  }

  async resolvePhones(ids: readonly string[]): Promise<Map<string, string | null>> {
    const fromApi = await this.readers.resolvePhones(ids);
    const unknown = ids.filter((id) => fromApi.get(id) == null);
    if (unknown.length === 0 || !this.channel.isUp()) return fromApi;
    const fromWeb = await this.channel.resolvePhones(unknown);
    for (const [id, phone] of fromWeb) fromApi.set(id, phone);
    return fromApi;
  }
}
