import http from "node:http";
import https from "node:https";
import type { Config } from "../../config.ts";
import { chatIdOf } from "../../domain/chat-id.ts";
import { type Logger, maskPhone } from "../../log.ts";
import {
  CHANNEL,
  type InboundMessage,
  type Recipient,
  type SendMeta,
  type SendResult,
  type Transport,
  TransportError,
  type TransportHandlers,
} from "../transport.ts";
import { CloudApiError, type CloudSignal, classifyGraphError } from "./graph-errors.ts";
import { Semaphore, SlidingWindowLimiter } from "./rate-limiter.ts";
import { templateParameters, templatePayload } from "./template.ts";
import { type CloudInbound, type CloudStatus, parseWebhook } from "./webhook-payload.ts";

/** The 24-hour customer-service window, less a margin: last_seen is kept to the minute. */
const WINDOW_MS = 24 * 3600_000 - 10 * 60_000;
const PAIR_GAP_MS = 6_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** After the token is refused, sending stops this long before one more try. */
const AUTH_RETRY_MS = 60_000;

/** Where a reader's other ids are kept (src/store/reader-aliases.ts). */
export interface AliasBook {
  remember(alias: string, chatId: string, now: Date): void;
  chatIdOf(alias: string): string | null;
}

export interface CloudTransportDeps {
  cloud: Config["cloud"];
  log: Logger;
  /** When the reader last wrote (opens the 24-hour window); null when never or unknown. */
  lastInbound: (chatId: string) => Date | null;
  aliases?: AliasBook;
  /**
   * Requests in flight at most (keep-alive sockets). Default: a quarter of a second's worth of
   * the rate (4 to 256), enough to keep the rate with a 250 ms round trip to Meta.
   */
  concurrency?: number;
  /** Wall-clock ms for the 24-hour window and the pair rate (the pacing uses a monotonic clock). */
  now?: () => number;
  /** Told about each refusal that says something about the number's health (ban guard). */
  onSignal?: (signal: CloudSignal, error: CloudApiError) => void;
}

/** The reader's chat id → the API's `to`: digits for a phone, the id itself for a BSUID. */
export function recipientOf(chatId: string): string | null {
  const phone = /^\+?(\d{6,15})(@c\.us)?$/.exec(chatId)?.[1];
  if (phone) return phone;
  const bsuid = /^(.+)@bsuid$/.exec(chatId)?.[1];
  return bsuid ?? null;
}

/**
 * WhatsApp's official Business Cloud API as a Transport. Sends text inside a reader's 24-hour
 * window and the approved template outside it; paces at the number's throughput
 * (CLOUD_RATE_PER_SECOND, never above it in any second) and Meta's pair rate; keeps a bounded
 * pool of keep-alive connections. Inbound messages and receipts come through the bot's webhook
 * (src/http), which hands them to `receive`. The Channel cannot be posted to through this API:
 * use WHATSAPP_TRANSPORT=hybrid for that.
 */
export class CloudTransport implements Transport {
  readonly name = "cloud";
  readonly maxInFlight: number;
  readonly #d: CloudTransportDeps;
  readonly #url: URL;
  readonly #agent: http.Agent;
  readonly #limiter: SlidingWindowLimiter;
  /** A quarter of the rate per quarter second: no burst of a whole second's sends at once. */
  readonly #burst: SlidingWindowLimiter;
  readonly #slots: Semaphore;
  readonly #lastTo = new Map<string, number>();
  readonly #now: () => number;
  #handlers: TransportHandlers | null = null;
  #up = false;
  #authTimer: NodeJS.Timeout | null = null;
  /** Requests made, by outcome: what /metrics shows. */
  readonly counters = { sent: 0, templates: 0, refused: new Map<string, number>() };

  constructor(deps: CloudTransportDeps) {
    this.#d = deps;
    const { cloud } = deps;
    this.#url = new URL(
      `${cloud.baseUrl}/${encodeURIComponent(cloud.version)}/${encodeURIComponent(cloud.phoneNumberId)}/messages`,
    );
    const concurrency =
      deps.concurrency ?? Math.min(256, Math.max(4, Math.ceil(cloud.ratePerSecond / 4)));
    this.maxInFlight = concurrency;
    const Agent = this.#url.protocol === "https:" ? https.Agent : http.Agent;
    this.#agent = new Agent({ keepAlive: true, maxSockets: concurrency, scheduling: "lifo" });
    this.#now = deps.now ?? Date.now;
    const rate = cloud.ratePerSecond;
    // Counted from each answer (rate-limiter.ts): the bench's fake saw 1,026–1,032 requests in
    // its busiest second at 1,000/s when permits were counted when granted, even with a 50 ms
    // margin on a loaded machine; counted from the answers, never more than 1,000.
    this.#limiter = new SlidingWindowLimiter(rate, 1000);
    this.#burst = new SlidingWindowLimiter(Math.ceil(rate / 4), 250);
    this.#slots = new Semaphore(concurrency);
  }

  async start(handlers: TransportHandlers): Promise<void> {
    this.#handlers = handlers;
    this.#up = true;
    this.#d.log.info(
      { rate: this.#d.cloud.ratePerSecond, api: this.#url.origin },
      "API WhatsApp officielle : prête (messages entrants par le webhook)",
    );
    handlers.onStatus("up");
  }

  async stop(): Promise<void> {
    this.#up = false;
    if (this.#authTimer) clearTimeout(this.#authTimer);
    this.#agent.destroy();
  }

  isUp(): boolean {
    return this.#up;
  }

  async send(to: Recipient, text: string, meta?: SendMeta): Promise<SendResult> {
    if (!this.#up) {
      throw new TransportError("API WhatsApp indisponible : nouvel essai bientôt.", "transient");
    }
    if (to === CHANNEL) {
      throw new TransportError(
        "La chaîne WhatsApp ne peut pas être publiée par l'API officielle : choisissez WHATSAPP_TRANSPORT=hybrid (chaîne par WhatsApp Web).",
        "permanent",
      );
    }
    const recipient = recipientOf(to);
    if (recipient === null) {
      throw new TransportError(`Destinataire invalide : ${maskPhone(to)}`, "permanent");
    }
    const now = this.#now();
    const last = this.#lastTo.get(recipient);
    if (last !== undefined && now - last < PAIR_GAP_MS) {
      throw new TransportError("Même lecteur il y a moins de 6 s (limite de Meta)", "transient", {
        retryAfterMs: last + PAIR_GAP_MS - now,
      });
    }
    const kind = meta?.kind ?? "reply";
    const template = this.#templateFor(kind);
    const broadcast = kind === "alert" || kind === "digest";
    const seen = broadcast ? this.#d.lastInbound(to) : null;
    const inWindow = !broadcast || (seen !== null && now - seen.getTime() < WINDOW_MS);
    if (!inWindow && template === null) {
      throw new CloudApiError(
        `Lecteur hors de la fenêtre de 24 h : seul un modèle approuvé peut partir. Renseignez CLOUD_TEMPLATE_${kind === "digest" ? "DIGEST" : "ALERT"} dans .env.`,
        "permanent",
        131047,
        "window",
      );
    }
    try {
      return await this.#post(recipient, inWindow ? null : template, text);
    } catch (error) {
      // The window closed sooner than we knew (the reader wrote from another device…): the
      // template is the allowed way to say the same thing.
      if (inWindow && template && error instanceof CloudApiError && error.signal === "window") {
        return await this.#post(recipient, template, text);
      }
      throw error;
    }
  }

  /** A reader's business-scoped id maps back to the phone's chat id when known. */
  async resolvePhones(ids: readonly string[]): Promise<Map<string, string | null>> {
    const result = new Map<string, string | null>();
    for (const id of ids) {
      const phone = /^\+?(\d{6,15})(@c\.us)?$/.exec(id)?.[1];
      result.set(id, phone ? `+${phone}` : null);
    }
    return result;
  }

  /**
   * A webhook body whose signature the HTTP server checked, JSON-parsed: Meta's shape is read
   * here (src/transport/cloud/webhook-payload.ts) and its events handed on; a body of another
   * shape is refused with the reason and nothing is handled.
   */
  async receiveWebhook(
    body: unknown,
  ): Promise<{ ok: true; skipped: number } | { ok: false; problem: string }> {
    const parsed = parseWebhook(body);
    if (!parsed.ok) return parsed;
    await this.receive(parsed);
    return { ok: true, skipped: parsed.skipped };
  }

  /**
   * The webhook's events, already authenticated: readers' messages to the bot, statuses into
   * receipts. A reader's key is the phone's chat id (`NUMBER@c.us`, as with WhatsApp Web, so
   * switching transports keeps every subscription); a business-scoped id seen beside it is
   * remembered, so the key survives the number disappearing from later webhooks.
   */
  async receive(events: { messages: CloudInbound[]; statuses: CloudStatus[] }): Promise<void> {
    const handlers = this.#handlers;
    if (!handlers) return;
    for (const s of events.statuses) {
      if (s.status === "sent") continue;
      handlers.onReceipt?.({
        transportId: s.transportId,
        status: s.status,
        at: s.at,
        ...(s.error ? { error: s.error } : {}),
      });
    }
    for (const m of events.messages) {
      const chatId = this.#chatIdOf(m);
      const message: InboundMessage = {
        id: m.id,
        chatId,
        senderId: chatId,
        text: m.text,
        kind: m.kind,
        isGroup: false,
        timestamp: m.at,
        ...(m.forwarded ? { forwarded: true } : {}),
      };
      await handlers.onMessage(message);
    }
  }

  #chatIdOf(m: CloudInbound): string {
    const aliases = this.#d.aliases;
    if (m.phone !== null) {
      const chatId = chatIdOf(m.phone) ?? `${m.phone}@c.us`;
      if (m.userId !== null) aliases?.remember(`bsuid:${m.userId}`, chatId, new Date(this.#now()));
      return chatId;
    }
    const userId = m.userId as string;
    return aliases?.chatIdOf(`bsuid:${userId}`) ?? `${userId}@bsuid`;
  }

  #templateFor(kind: SendMeta["kind"]): string | null {
    const t = this.#d.cloud.templates;
    if (kind === "digest") return t.digest ?? t.alert;
    if (kind === "alert") return t.alert;
    return null;
  }

  async #post(recipient: string, template: string | null, text: string): Promise<SendResult> {
    const { cloud } = this.#d;
    const body = JSON.stringify({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: recipient,
      ...(template
        ? {
            type: "template",
            template: templatePayload(
              template,
              cloud.templates.language,
              templateParameters(text, cloud.templateParams),
            ),
          }
        : { type: "text", text: { body: text, preview_url: true } }),
    });
    return this.#slots.run(async () => {
      const second = await this.#limiter.acquire();
      // Smoothing only, counted from the grant: paying the round trip four times a second
      // here cost 10 % of the rate under load (789 msg/s in the bench instead of ~950).
      (await this.#burst.acquire())();
      this.#lastTo.set(recipient, this.#now());
      this.#forgetOldPairs();
      let response: { status: number; body: unknown; retryAfter: string | undefined };
      try {
        response = await this.#request(body);
      } catch (cause) {
        throw new CloudApiError(
          `API WhatsApp injoignable : ${(cause as Error).message}`,
          "transient",
          null,
          "server",
          { cause },
        );
      } finally {
        second();
      }
      if (response.status >= 200 && response.status < 300) {
        const id = (response.body as { messages?: { id?: string }[] } | null)?.messages?.[0]?.id;
        this.counters.sent++;
        if (template) this.counters.templates++;
        return { transportId: typeof id === "string" ? id : null };
      }
      const error = classifyGraphError(response.status, response.body, response.retryAfter);
      this.#refused(error);
      throw error;
    });
  }

  #refused(error: CloudApiError): void {
    const key = error.signal;
    this.counters.refused.set(key, (this.counters.refused.get(key) ?? 0) + 1);
    if (error.signal === "throughput") this.#limiter.holdFor(error.retryAfterMs ?? 1000);
    if (error.signal === "auth" && this.#up) {
      // Every send would be refused the same way: stop claiming, tell the operator, try later.
      this.#up = false;
      this.#d.log.error({ err: error.message }, "API WhatsApp : accès refusé, envois suspendus");
      this.#handlers?.onStatus("down", error.message);
      this.#authTimer = setTimeout(() => {
        this.#up = true;
        this.#handlers?.onStatus("up");
      }, AUTH_RETRY_MS);
      this.#authTimer.unref();
    }
    if (
      ["throughput", "spam-rate", "not-delivered", "undeliverable", "auth", "restricted"].includes(
        error.signal,
      )
    ) {
      this.#d.onSignal?.(error.signal, error);
    }
  }

  #forgetOldPairs(): void {
    if (this.#lastTo.size < 20_000) return;
    const now = this.#now();
    for (const [key, at] of this.#lastTo) if (now - at >= PAIR_GAP_MS) this.#lastTo.delete(key);
  }

  #request(
    body: string,
  ): Promise<{ status: number; body: unknown; retryAfter: string | undefined }> {
    const transport = this.#url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        this.#url,
        {
          method: "POST",
          agent: this.#agent,
          headers: {
            authorization: `Bearer ${this.#d.cloud.token}`,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const raw = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown = null;
            try {
              parsed = raw ? JSON.parse(raw) : null;
            } catch {
              parsed = { error: { message: raw.slice(0, 200) } };
            }
            const retry = res.headers["retry-after"];
            resolve({
              status: res.statusCode ?? 0,
              body: parsed,
              retryAfter: Array.isArray(retry) ? retry[0] : retry,
            });
          });
        },
      );
      req.on("timeout", () =>
        req.destroy(new Error(`pas de réponse en ${REQUEST_TIMEOUT_MS / 1000} s`)),
      );
      req.on("error", reject);
      req.end(body);
    });
  }
}
