import { writeSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import qrcode from "qrcode-terminal";
import type { Channel, Client, ClientOptions, Message, WAState } from "whatsapp-web.js";
import type { Config } from "../../config.ts";
import { chatIdOf, normalisePhone, phoneOfChatId } from "../../domain/chat-id.ts";
import { stripBidiControls } from "../../lib/bidi.ts";
import { type Logger, maskPhone } from "../../log.ts";
import {
  CHANNEL,
  type ChannelPostCheck,
  type Recipient,
  type SendResult,
  type Transport,
  TransportError,
  type TransportHandlers,
} from "../transport.ts";
import { CHROMIUM_ARGS, findChromium } from "./chromium.ts";
import {
  classifySendError,
  describeStartFailure,
  errorText,
  WhatsAppStartError,
} from "./errors.ts";
import { translateInbound, type WhatsAppInbound } from "./inbound.ts";

/**
 * The part of whatsapp-web.js's Client the adapter uses, in the library's own types: a fake
 * client in the tests must match them, and the real Client must too (the default factory),
 * so a change in the library breaks the build. `on` is EventEmitter's: the library's typed
 * overloads return `Client` itself, which no fake can be; the listeners below use its types.
 */
export type WhatsAppClient = Pick<
  Client,
  | "initialize"
  | "destroy"
  | "sendMessage"
  | "getContactLidAndPhone"
  | "getChannelByInviteCode"
  | "getChannels"
  | "pupBrowser"
> &
  ClientEvents;

interface ClientEvents {
  // biome-ignore lint/suspicious/noExplicitAny: EventEmitter's own listener signature.
  on(event: string, listener: (...args: any[]) => void): unknown;
}

/** Builds one client; the adapter builds a new one after every disconnection. */
export type ClientFactory = (options: ClientOptions) => WhatsAppClient;

/**
 * whatsapp-web.js, loaded when a client is first built: the library and puppeteer are ~30 MB
 * of the process's memory, which a bot on the Cloud API alone (or the CLI) never needs.
 */
const require = createRequire(import.meta.url);
const wwebjs = (): typeof import("whatsapp-web.js") => require("whatsapp-web.js");

/** The real thing: a whatsapp-web.js Client with LocalAuth. */
export const createWhatsAppWebClient: ClientFactory = (options) => new (wwebjs().Client)(options);

export interface BackoffOptions {
  /** First wait after a failure. */
  initialMs: number;
  /** Longest wait between two attempts. */
  maxMs: number;
}

export interface WhatsAppTransportOptions {
  config: Pick<Config, "sessionDir" | "editors" | "channel" | "whatsapp">;
  log: Logger;
  createClient?: ClientFactory;
  /** The browser to launch; default: CHROME_PATH or the usual locations (throws when none). */
  findBrowser?: () => string;
  /** Added to the server flags (tests cut the network with `--host-resolver-rules`). */
  extraBrowserArgs?: readonly string[];
  backoff?: BackoffOptions;
  /** A start that takes longer than this is abandoned and retried (WhatsApp Web hung). */
  initTimeoutMs?: number;
  /** A send with no answer after this long fails as transient. */
  sendTimeoutMs?: number;
  /** Where the QR goes: the terminal by default. */
  printQr?: (qr: string) => void;
  /** Told each new QR as well (the web desk's pairing page draws it). */
  onQr?: (qr: string) => void;
  /** Where a pairing code goes (WHATSAPP_PAIRING_PHONE): the terminal by default. */
  printPairingCode?: (code: string) => void;
  /** For jitter on the backoff; tests pass a constant. */
  random?: () => number;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 5_000, maxMs: 5 * 60_000 };
const SEEN_IDS_KEPT = 5_000;

/**
 * The QR on the logs' own stream (standard error, written synchronously like the log lines),
 * framed by blank lines and a title: it appears right under the line that asks to scan it
 * instead of between JSON lines of another stream.
 */
function printQrToTerminal(qr: string): void {
  qrcode.generate(qr, { small: true }, (art) => {
    const rule = "─".repeat(60);
    writeSync(
      2,
      `\n${rule}\nQR WhatsApp à scanner (Appareils connectés > Connecter un appareil)\n\n${art}\n${rule}\n\n`,
    );
  });
}

/** « ABCD-EFGH »: the pairing code as the phone shows its boxes. */
export function formatPairingCode(code: string): string {
  return /^[A-Z0-9]{8}$/i.test(code) ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

/** The pairing code on the logs' stream, framed like the QR, with where to type it. */
function printPairingCodeToTerminal(code: string): void {
  const rule = "─".repeat(60);
  writeSync(
    2,
    `\n${rule}\nCode d'association WhatsApp : ${formatPairingCode(code)}\nSur le téléphone du bot : WhatsApp > Appareils connectés > Connecter un appareil >\nConnecter avec un numéro de téléphone, puis tapez ce code.\n${rule}\n\n`,
  );
}

/** The code at the end of `https://whatsapp.com/channel/CODE`, or the code itself. */
export function inviteCode(invite: string): string {
  return invite
    .trim()
    .replace(/^https?:\/\/(www\.)?whatsapp\.com\/channel\//i, "")
    .replace(/\/$/, "");
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * WhatsApp through whatsapp-web.js (WhatsApp Web in a headless Chromium). Keeps one client at a
 * time: a failed start or a `disconnected` destroys it and builds a new one after an
 * exponential backoff; `ready` brings sending back up. Translates messages both ways.
 */
export class WhatsAppTransport implements Transport {
  readonly name = "whatsapp";
  readonly #config: WhatsAppTransportOptions["config"];
  readonly #log: Logger;
  readonly #createClient: ClientFactory;
  readonly #findBrowser: () => string;
  readonly #extraArgs: readonly string[];
  readonly #backoff: BackoffOptions;
  readonly #initTimeoutMs: number;
  readonly #sendTimeoutMs: number;
  readonly #printQr: (qr: string) => void;
  readonly #onQr: ((qr: string) => void) | null;
  readonly #printPairingCode: (code: string) => void;
  readonly #random: () => number;

  #handlers: TransportHandlers | null = null;
  #client: WhatsAppClient | null = null;
  #initializing: Promise<void> = Promise.resolve();
  #browserPath = "";
  #up = false;
  #stopping = false;
  #failures = 0;
  #retryTimer: NodeJS.Timeout | null = null;
  #channelId: string | null = null;
  /** The Channel as whatsapp-web.js gave it: its recent posts are read back from it. */
  #channel: Pick<Channel, "fetchMessages"> | null = null;
  #channelProblem: string | null = null;
  readonly #seen = new Set<string>();
  readonly #disposing = new Set<Promise<void>>();
  /** `…@lid` → `+NUMBER` (or null: WhatsApp does not tell), learnt at `ready` and on demand. */
  readonly #phones = new Map<string, string | null>();

  constructor(options: WhatsAppTransportOptions) {
    this.#config = options.config;
    this.#log = options.log;
    this.#createClient = options.createClient ?? createWhatsAppWebClient;
    this.#findBrowser =
      options.findBrowser ?? (() => findChromium(options.config.whatsapp.chromePath));
    this.#extraArgs = options.extraBrowserArgs ?? [];
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#initTimeoutMs = options.initTimeoutMs ?? 120_000;
    this.#sendTimeoutMs = options.sendTimeoutMs ?? 60_000;
    this.#printQr = options.printQr ?? printQrToTerminal;
    this.#onQr = options.onQr ?? null;
    this.#printPairingCode = options.printPairingCode ?? printPairingCodeToTerminal;
    this.#random = options.random ?? Math.random;
  }

  /**
   * Finds the browser (throws ChromiumNotFoundError at once: retrying cannot help) and starts
   * connecting in the background; `onStatus("up")` comes at `ready`.
   */
  async start(handlers: TransportHandlers): Promise<void> {
    this.#browserPath = this.#findBrowser();
    this.#handlers = handlers;
    this.#stopping = false;
    this.#log.info(
      { browser: this.#browserPath, session: this.#config.sessionDir },
      "WhatsApp : démarrage de WhatsApp Web",
    );
    void this.#connect();
  }

  /** Stops reconnecting, closes the browser (waiting for a start in progress) and reports down. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const client = this.#client;
    this.#client = null;
    this.#setDown("stopped");
    if (client) await this.#dispose(client);
    // A client lost just before stop() may still be closing its browser: wait for it too.
    await Promise.all(this.#disposing);
    this.#handlers = null;
    this.#log.info("WhatsApp : navigateur fermé");
  }

  isUp(): boolean {
    return this.#up;
  }

  /** Sends a text to a reader's chat or to the Channel; a refusal or an empty result throws. */
  async send(to: Recipient, text: string): Promise<SendResult> {
    const client = this.#client;
    if (!client || !this.#up) {
      throw new TransportError(
        "WhatsApp n'est pas connecté : nouvel essai à la reconnexion.",
        "transient",
      );
    }
    let chatId: string | null;
    if (to === CHANNEL) {
      if (!this.#channelId) {
        throw new TransportError(
          this.#channelProblem ??
            "Aucune chaîne WhatsApp configurée : renseignez CHANNEL_INVITE ou CHANNEL_ID dans .env.",
          "permanent",
        );
      }
      chatId = this.#channelId;
    } else {
      chatId = chatIdOf(to);
      if (!chatId)
        throw new TransportError(`Destinataire invalide : ${maskPhone(to)}`, "permanent");
    }
    let sent: Message | null | undefined;
    try {
      sent = await withTimeout(
        client.sendMessage(chatId, text, {
          linkPreview: this.#config.whatsapp.linkPreview,
          sendSeen: this.#config.whatsapp.sendSeen,
        }),
        this.#sendTimeoutMs,
        `pas de réponse de WhatsApp Web en ${Math.round(this.#sendTimeoutMs / 1000)} s`,
      );
    } catch (error) {
      throw classifySendError(error);
    }
    // whatsapp-web.js answers null/undefined (with at most a console warning) when the chat
    // cannot be found or the content is not allowed there: nothing was sent.
    if (!sent) {
      throw new TransportError(
        to === CHANNEL
          ? "La chaîne n'a pas accepté le message (aucun message créé) : le numéro du bot en est-il administrateur ?"
          : "WhatsApp n'a créé aucun message (résultat vide) : numéro absent de WhatsApp ?",
        "permanent",
      );
    }
    return { transportId: sent.id?._serialized ?? null };
  }

  /**
   * Reads the Channel's last posts by this number (whatsapp-web.js `Channel.fetchMessages`)
   * and looks for this one, by id or by text: `seen` once WhatsApp's server acknowledged it
   * (ack 1 or more), `missing` when it is not there or still pending or in error, `unknown`
   * when WhatsApp Web cannot be asked now.
   */
  async checkChannelPost(post: {
    transportId: string | null;
    text: string;
  }): Promise<ChannelPostCheck> {
    const channel = this.#channel;
    if (!channel || !this.#up) return "unknown";
    let recent: Message[];
    try {
      recent = await withTimeout(
        channel.fetchMessages({ limit: 20, fromMe: true }),
        30_000,
        "délai dépassé",
      );
    } catch (error) {
      this.#log.warn({ err: errorText(error) }, "WhatsApp : publications de la chaîne non lues");
      return "unknown";
    }
    const text = stripBidiControls(post.text).trim();
    const found = recent.find(
      (m) =>
        (post.transportId !== null && m?.id?._serialized === post.transportId) ||
        stripBidiControls(m?.body ?? "").trim() === text,
    );
    return found && typeof found.ack === "number" && found.ack >= 1 ? "seen" : "missing";
  }

  /** `NUMBER@c.us` answers itself; an `…@lid` is asked to WhatsApp (cached), null when unknown. */
  async resolvePhones(ids: readonly string[]): Promise<Map<string, string | null>> {
    const result = new Map<string, string | null>();
    const ask: string[] = [];
    for (const id of ids) {
      const direct = phoneOfChatId(id);
      if (direct) result.set(id, direct);
      else if (this.#phones.has(id)) result.set(id, this.#phones.get(id) ?? null);
      else if (id.endsWith("@lid")) ask.push(id);
      else result.set(id, null);
    }
    const client = this.#client;
    if (ask.length > 0 && client && this.#up) {
      try {
        const pairs = await client.getContactLidAndPhone(ask);
        ask.forEach((id, i) => {
          const pair = pairs.find((p) => p?.lid === id) ?? pairs[i];
          const phone = pair?.pn ? normalisePhone(pair.pn) : null;
          this.#phones.set(id, phone);
          result.set(id, phone);
        });
      } catch (error) {
        // Not cached: WhatsApp may answer next time.
        this.#log.warn({ err: errorText(error) }, "WhatsApp : identités @lid non résolues");
      }
    }
    for (const id of ask) if (!result.has(id)) result.set(id, null);
    return result;
  }

  async #connect(): Promise<void> {
    if (this.#stopping) return;
    let client: WhatsAppClient;
    try {
      client = this.#createClient(this.#clientOptions());
    } catch (error) {
      const delay = this.#nextDelay();
      this.#log.error({ err: errorText(error), retryInMs: delay }, "WhatsApp : client non créé");
      this.#retryIn(delay);
      return;
    }
    this.#client = client;
    this.#listen(client);
    const initializing = client.initialize();
    this.#initializing = initializing.then(
      () => undefined,
      () => undefined,
    );
    const watchdog = setTimeout(() => {
      void this.#failed(
        client,
        new WhatsAppStartError(
          `WhatsApp Web ne répond pas après ${Math.round(this.#initTimeoutMs / 1000)} s : réseau lent ou filtré ?`,
          "slow",
        ),
      );
    }, this.#initTimeoutMs);
    try {
      await initializing;
      if (client !== this.#client) return;
      // A crashed or killed browser is a disconnection too, though whatsapp-web.js says nothing.
      client.pupBrowser?.once("disconnected", () => {
        if (client === this.#client) void this.#lost(client, "BROWSER_CLOSED");
      });
      this.#log.info("WhatsApp Web chargé : session en cours d'ouverture (ou QR à scanner)");
    } catch (error) {
      await this.#failed(client, describeStartFailure(error));
    } finally {
      clearTimeout(watchdog);
    }
  }

  #clientOptions(): ClientOptions {
    const { sessionDir, whatsapp } = this.#config;
    // The library asks WhatsApp for a code for this number instead of showing a QR ("code"
    // event, a new code every 3 minutes until it is typed on the phone).
    const pairing = whatsapp.pairingPhone
      ? {
          pairWithPhoneNumber: {
            phoneNumber: whatsapp.pairingPhone.replace(/^\+/, ""),
            showNotification: true,
          },
        }
      : {};
    return {
      ...pairing,
      authStrategy: new (wwebjs().LocalAuth)({ dataPath: sessionDir, clientId: whatsapp.clientId }),
      // The WhatsApp Web page is cached beside the session, not in the working directory.
      webVersionCache: { type: "local", path: path.join(sessionDir, "web-cache") },
      puppeteer: {
        executablePath: this.#browserPath,
        headless: true,
        args: [...CHROMIUM_ARGS, ...whatsapp.chromeArgs, ...this.#extraArgs],
        // Our own shutdown closes the browser in order; puppeteer's handlers would race it.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      },
    };
  }

  /** Listeners are registered once per client; events from a replaced client are ignored. */
  #listen(client: WhatsAppClient): void {
    const current = () => client === this.#client;
    client.on("qr", (qr: string) => {
      if (!current()) return;
      // The text too: a headless server's operator can render it elsewhere.
      this.#log.info(
        { qr },
        "WhatsApp : scannez ce QR avec le téléphone du numéro du bot (WhatsApp > Appareils connectés > Connecter un appareil)",
      );
      this.#printQr(qr);
      this.#onQr?.(qr);
    });
    client.on("code", (code: string) => {
      if (!current()) return;
      const phone = this.#config.whatsapp.pairingPhone;
      this.#log.info(
        { code: formatPairingCode(code), phone: phone ? maskPhone(phone) : null },
        "WhatsApp : tapez ce code d'association sur le téléphone du bot (WhatsApp > Appareils connectés > Connecter un appareil > Connecter avec un numéro de téléphone)",
      );
      this.#printPairingCode(code);
    });
    client.on("authenticated", () => {
      if (current()) this.#log.info("WhatsApp : session acceptée, synchronisation…");
    });
    client.on("auth_failure", (message: string) => {
      if (!current()) return;
      this.#log.error(
        { reason: message },
        "WhatsApp : la session enregistrée a été refusée. Un nouveau QR va être proposé ; si cela se répète, arrêtez le bot, supprimez le dossier de session (data/session) et scannez à nouveau.",
      );
    });
    client.on("ready", () => {
      if (current()) void this.#ready(client);
    });
    client.on("change_state", (state: WAState) => {
      if (!current()) return;
      this.#log.info({ state }, "WhatsApp : état de la connexion");
      this.#handlers?.onState?.(String(state));
    });
    client.on("disconnected", (reason: WAState | "LOGOUT") => {
      if (current()) void this.#lost(client, String(reason));
    });
    client.on("message", (message: Message) => {
      if (current()) this.#inbound(message);
    });
    // Receipts of what the bot sent: 2 = on the reader's phone, 3 = read, 4 = played (read).
    client.on("message_ack", (message: Message, ack: number) => {
      const id = message?.id?._serialized;
      if (!current() || !message.fromMe || !id) return;
      const status = ack === 2 ? "delivered" : ack >= 3 ? "read" : ack === -1 ? "failed" : null;
      if (status) this.#handlers?.onReceipt?.({ transportId: id, status, at: new Date() });
    });
  }

  async #ready(client: WhatsAppClient): Promise<void> {
    await this.#resolveChannel(client);
    await this.#resolveEditors(client);
    if (client !== this.#client) return;
    this.#failures = 0;
    if (!this.#up) {
      this.#up = true;
      this.#log.info("WhatsApp : prêt, les envois reprennent");
      this.#handlers?.onStatus("up");
    }
  }

  async #resolveChannel(client: WhatsAppClient): Promise<void> {
    const { invite, id } = this.#config.channel;
    this.#channelId = null;
    this.#channel = null;
    this.#channelProblem = null;
    if (!invite && !id) return;
    const what = invite ? `CHANNEL_INVITE=${invite}` : `CHANNEL_ID=${id}`;
    let channel: Channel | undefined;
    try {
      if (invite) {
        channel =
          (await withTimeout(
            client.getChannelByInviteCode(inviteCode(invite)),
            30_000,
            "délai dépassé",
          )) ?? undefined;
      } else {
        const channels = await withTimeout(client.getChannels(), 30_000, "délai dépassé");
        channel = channels.find((c) => c.id?._serialized === id);
      }
    } catch (error) {
      this.#channelProblem = `Chaîne WhatsApp (${what}) non chargée : ${errorText(error)}. Nouvel essai à la prochaine connexion.`;
      this.#log.error(this.#channelProblem);
      return;
    }
    if (!channel) {
      this.#channelProblem = invite
        ? `Chaîne introuvable pour ${what} : vérifiez le code (la fin du lien https://whatsapp.com/channel/…).`
        : `Chaîne introuvable pour ${what} : ce numéro n'y est pas abonné ; le numéro du bot doit en être propriétaire ou administrateur.`;
      this.#log.error(this.#channelProblem);
      return;
    }
    // Not in the library's typings, but set by its Channel structure (newsletter metadata).
    const role = (channel as { channelMetadata?: { membershipType?: unknown } }).channelMetadata
      ?.membershipType;
    if (typeof role === "string" && role !== "owner" && role !== "admin") {
      this.#channelProblem = `Le numéro du bot n'est pas administrateur de la chaîne « ${channel.name} » (rôle : ${role}). Dans WhatsApp : la chaîne > Infos > Inviter des administrateurs, puis redémarrez le bot.`;
      this.#log.error(this.#channelProblem);
      return;
    }
    this.#channelId = channel.id._serialized;
    this.#channel = channel;
    this.#log.info({ channel: channel.name }, "WhatsApp : chaîne prête");
  }

  async #resolveEditors(client: WhatsAppClient): Promise<void> {
    const ids = this.#config.editors.map((phone) => chatIdOf(phone) ?? phone);
    if (ids.length === 0) return;
    try {
      const pairs = await withTimeout(client.getContactLidAndPhone(ids), 30_000, "délai dépassé");
      let linked = 0;
      for (const pair of pairs) {
        const phone = pair?.pn ? normalisePhone(pair.pn) : null;
        if (pair?.lid && phone) {
          this.#phones.set(pair.lid, phone);
          linked++;
        }
      }
      this.#log.info(
        { editors: ids.length, linked },
        "WhatsApp : numéros des éditeurs reliés à leurs identifiants @lid",
      );
    } catch (error) {
      // Editors writing from an @lid are then resolved one by one when they write.
      this.#log.warn(
        { err: errorText(error) },
        "WhatsApp : identifiants @lid des éditeurs non résolus",
      );
    }
  }

  #inbound(raw: WhatsAppInbound): void {
    const translated = translateInbound(raw);
    if ("ignored" in translated) {
      this.#log.debug(
        { reason: translated.ignored, type: String(raw.type) },
        "WhatsApp : message ignoré",
      );
      return;
    }
    const message = translated.message;
    if (this.#seen.has(message.id)) return;
    this.#seen.add(message.id);
    if (this.#seen.size > SEEN_IDS_KEPT) {
      const oldest = this.#seen.values().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
    const handlers = this.#handlers;
    if (!handlers) return;
    Promise.resolve()
      .then(() => handlers.onMessage(message))
      .catch((error: unknown) => {
        this.#log.error(
          { err: error, chatId: message.chatId },
          "WhatsApp : message entrant non traité",
        );
      });
  }

  async #lost(client: WhatsAppClient, reason: string): Promise<void> {
    if (client !== this.#client) return;
    this.#client = null;
    this.#setDown(reason);
    if (reason === "LOGOUT") {
      this.#log.warn(
        "WhatsApp : ce bot a été déconnecté (depuis le téléphone, ou session expirée). La session est effacée : un nouveau QR va s'afficher, scannez-le avec le téléphone du numéro du bot.",
      );
    }
    const delay = this.#nextDelay();
    this.#log.warn(
      { reason, retryInMs: delay },
      `WhatsApp Web déconnecté (${reason}) : reconnexion dans ${Math.round(delay / 1000)} s`,
    );
    await this.#dispose(client);
    this.#retryIn(delay);
  }

  async #failed(client: WhatsAppClient, error: WhatsAppStartError): Promise<void> {
    if (client !== this.#client) return;
    this.#client = null;
    this.#setDown(error.kind);
    const delay = this.#nextDelay();
    this.#log.warn(
      { kind: error.kind, attempt: this.#failures, retryInMs: delay },
      `${error.message} Nouvel essai dans ${Math.round(delay / 1000)} s.`,
    );
    await this.#dispose(client);
    this.#retryIn(delay);
  }

  #nextDelay(): number {
    const { initialMs, maxMs } = this.#backoff;
    const base = Math.min(maxMs, initialMs * 2 ** this.#failures);
    this.#failures++;
    // ±20 % so that a restarted fleet does not knock in step.
    return Math.round(base * (0.8 + 0.4 * this.#random()));
  }

  #retryIn(delay: number): void {
    if (this.#stopping) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#connect();
    }, delay);
  }

  /**
   * An 8-character pairing code for the bot's own number, the alternative to scanning the QR
   * (WhatsApp > Linked devices > Link with phone number). Only while WhatsApp Web waits for a
   * device to link it: before it has loaded, an error says to try again.
   */
  async requestPairingCode(phone: string): Promise<string> {
    const client = this.#client as
      | (WhatsAppClient & Partial<Pick<Client, "requestPairingCode">>)
      | null;
    if (!client?.requestPairingCode) {
      throw new Error("WhatsApp Web n'est pas encore chargé : réessayez dans quelques secondes");
    }
    return client.requestPairingCode(phone.replace(/\D/g, ""), true);
  }

  #setDown(reason: string): void {
    if (!this.#up) return;
    this.#up = false;
    this.#handlers?.onStatus("down", reason);
  }

  /**
   * Closes a client's browser for sure: destroy, wait for a start still in progress (the
   * browser may appear after the first destroy), destroy again, and kill what is left.
   */
  async #dispose(client: WhatsAppClient): Promise<void> {
    const done = this.#close(client);
    this.#disposing.add(done);
    try {
      await done;
    } finally {
      this.#disposing.delete(done);
    }
  }

  async #close(client: WhatsAppClient): Promise<void> {
    const destroy = async () => {
      try {
        await withTimeout(client.destroy(), 10_000, "destroy: délai dépassé");
      } catch (error) {
        this.#log.debug({ err: errorText(error) }, "WhatsApp : fermeture du client");
      }
    };
    await destroy();
    await withTimeout(this.#initializing, 10_000, "init").catch(() => undefined);
    await destroy();
    const child = client.pupBrowser?.process();
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}
