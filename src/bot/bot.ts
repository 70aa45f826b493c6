import path from "node:path";
import type { EditorBackend } from "../domain/broadcast.ts";
import { catalogue, type Lang } from "../messages/wording.ts";
import { DISK_FULL_ADVICE, isDiskFull } from "../store/database.ts";
import type { InboundRepo } from "../store/inbound.ts";
import type { InboundMessage, Transport } from "../transport/transport.ts";
import { run } from "./composer.ts";
import { BotContext, type BotDeps } from "./context.ts";
import { EditorDirectory } from "./editor/editors.ts";
import { FloodControl, type FloodOptions } from "./flood-control.ts";
import { sanitize } from "./parse.ts";
import { commandName, createRouter } from "./router.ts";
import type { Reading } from "./understand/intents.ts";
import { loadRubricLexicon, SYNONYMS_FILE } from "./understand/synonyms.ts";
import { Understander } from "./understand/understand.ts";

/** Longer texts are answered briefly, never parsed. */
export const MAX_INBOUND_CHARS = 4000;

/** What became of one inbound message (logs and tests). */
export type HandleOutcome =
  | "ignored"
  | "duplicate"
  | "flood-warned"
  | "flood-dropped"
  | "media"
  | "too-long"
  | "handled"
  | "failed";

export interface BotOptions {
  flood?: FloodOptions;
  /** The bot's own ids: its messages coming back are ignored. */
  ownIds?: readonly string[];
  /** Handled message ids are forgotten after this long. */
  dedupeRetentionMs?: number;
}

/**
 * The conversation's entry point: transports hand every inbound message to `handle`. It drops
 * what is not for us (groups, status, Channels, our own messages, duplicates, floods), answers
 * media and over-long texts briefly, and runs the router on the rest. It never throws.
 */
export class Bot {
  readonly #deps: BotDeps & { inbound: InboundRepo };
  readonly #router = createRouter().middleware();
  readonly #flood: FloodControl;
  readonly #ownIds: Set<string>;
  readonly #retentionMs: number;
  #handledSincePrune = 0;

  constructor(
    deps: Omit<BotDeps, "understander"> & { inbound: InboundRepo; understander?: Understander },
    options: BotOptions = {},
  ) {
    this.#deps = { ...deps, understander: deps.understander ?? new Understander() };
    this.#flood = new FloodControl(options.flood);
    this.#ownIds = new Set(options.ownIds ?? []);
    this.#retentionMs = options.dedupeRetentionMs ?? 7 * 86_400_000;
  }

  /** Handles one inbound message: at most one pass per message id, replies via the outbox. */
  async handle(message: InboundMessage): Promise<HandleOutcome> {
    const { log } = this.#deps;
    try {
      return await this.#handle(message);
    } catch (error) {
      // A full disk is the operator's to fix: say so, not just "not handled".
      log.error(
        { err: error, chatId: message.chatId },
        isDiskFull(error)
          ? `message entrant non traité : ${DISK_FULL_ADVICE}`
          : "message entrant non traité",
      );
      try {
        this.#reply(message.chatId, catalogue(this.#language(message.chatId)).replies.sorry);
      } catch {
        // The store itself is failing: nothing more we can do for this message.
      }
      return "failed";
    }
  }

  async #handle(received: InboundMessage): Promise<HandleOutcome> {
    const { clock, inbound, subscribers, log } = this.#deps;
    if (this.#ignored(received)) return "ignored";
    const now = clock.now();
    if (!inbound.claim(received.id, now)) {
      log.debug({ chatId: received.chatId }, "message reçu deux fois : ignoré");
      return "duplicate";
    }
    this.#maybePrune(now);
    const message = received;

    const text = message.kind === "text" ? sanitize(message.text) : "";
    const reading =
      message.kind === "text" && message.text.length <= MAX_INBOUND_CHARS
        ? this.#deps.understander.read(text)
        : undefined;
    // Opting out, erasing and editors' commands always get through: only ordinary replies
    // are muted during a flood.
    const urgent =
      (reading !== undefined && isUrgent(reading)) ||
      (text.startsWith("/") && (await this.#deps.editors.editorOf(message.senderId)) !== null);
    const verdict = urgent ? "ok" : this.#flood.check(message.senderId, now);
    if (verdict === "drop") return "flood-dropped";
    if (verdict === "warn") {
      log.warn({ chatId: message.chatId }, "trop de messages : avertissement puis silence");
      const minutes = Math.ceil(this.#flood.cooldownMs / 60_000);
      this.#reply(
        message.chatId,
        catalogue(this.#language(message.chatId)).replies.flood(minutes),
        now,
      );
      return "flood-warned";
    }

    if (message.kind !== "text") {
      this.#reply(message.chatId, catalogue(this.#language(message.chatId)).replies.media, now);
      return "media";
    }
    if (message.text.length > MAX_INBOUND_CHARS) {
      const t = catalogue(this.#language(message.chatId)).replies;
      this.#reply(message.chatId, t.tooLong(MAX_INBOUND_CHARS), now);
      return "too-long";
    }

    const { subscriber, isNew } = subscribers.touch(
      message.chatId,
      now,
      this.#deps.config.language,
    );
    const ctx = new BotContext({
      message,
      text,
      now,
      deps: this.#deps,
      subscriber,
      isNew,
      ...(reading ? { reading } : {}),
    });
    await run(this.#router, ctx);
    log.info(
      { chatId: message.chatId, command: commandName(ctx), replies: ctx.replies.length },
      "message traité",
    );
    return "handled";
  }

  /** Groups, status updates, Channels and the bot's own messages are not conversations. */
  #ignored(m: InboundMessage): boolean {
    return (
      m.isGroup ||
      m.chatId.endsWith("@g.us") ||
      m.chatId.endsWith("@broadcast") ||
      m.chatId.endsWith("@newsletter") ||
      m.senderId.endsWith("@broadcast") ||
      this.#ownIds.has(m.senderId)
    );
  }

  #language(chatId: string): Lang {
    return this.#deps.subscribers.get(chatId)?.language ?? this.#deps.config.language;
  }

  #reply(chatId: string, body: string, now = this.#deps.clock.now()): void {
    this.#deps.outbox.enqueue({ kind: "reply", recipient: chatId, body }, now);
  }

  #maybePrune(now: Date): void {
    this.#handledSincePrune += 1;
    if (this.#handledSincePrune < 500) return;
    this.#handledSincePrune = 0;
    this.#deps.inbound.prune(new Date(now.getTime() - this.#retentionMs));
  }
}

/** The store and settings the bot reads and writes (an opened App has them all). */
export type BotServices = Omit<BotDeps, "editors" | "backend" | "via" | "understander"> & {
  inbound: InboundRepo;
};

/** Builds the bot over the store: the editor directory asks `transport` about `@lid` ids. */
export function createBot(
  app: BotServices,
  deps: { backend: EditorBackend; transport: Pick<Transport, "resolvePhones">; via: string },
  options: BotOptions = {},
): Bot {
  const lexicon = loadRubricLexicon(path.join(app.config.dataDir, SYNONYMS_FILE));
  lexicon.addRubrics(app.articles.rubrics(app.clock.now()).map((r) => r.name));
  const editors = new EditorDirectory(app.config.editors, {
    resolvePhones: (ids) => deps.transport.resolvePhones(ids),
    clock: app.clock,
    log: app.log,
  });
  return new Bot(
    {
      config: app.config,
      clock: app.clock,
      log: app.log,
      articles: app.articles,
      outbox: app.outbox,
      subscribers: app.subscribers,
      conversation: app.conversation,
      audit: app.audit,
      tips: app.tips,
      inbound: app.inbound,
      editors,
      backend: deps.backend,
      via: deps.via,
      understander: new Understander(lexicon),
    },
    options,
  );
}

/** Messages that must pass flood control: a reader leaving or erasing their data. */
function isUrgent(reading: Reading): boolean {
  const intent = reading.understood.intent;
  return intent === "stop" || intent === "erase";
}
