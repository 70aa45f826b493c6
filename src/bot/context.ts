import type { Config } from "../config.ts";
import type { EditorBackend } from "../domain/broadcast.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../log.ts";
import type { ReplyWords } from "../messages/i18n/catalogue.ts";
import { cutMarkup, MAX_MESSAGE_CHARS } from "../messages/markup.ts";
import { channelLinkOf, type FormatContext } from "../messages/templates.ts";
import { catalogue, type Lang } from "../messages/wording.ts";
import type { ArticlesRepo } from "../store/articles.ts";
import type { AuditRepo } from "../store/audit.ts";
import type { ConversationContext, ConversationRepo } from "../store/conversation.ts";
import type { OutboxRepo } from "../store/outbox.ts";
import type { Subscriber, SubscribersRepo } from "../store/subscribers.ts";
import type { TipsRepo } from "../store/tips.ts";
import type { InboundMessage } from "../transport/transport.ts";
import type { EditorDirectory } from "./editor/editors.ts";
import { type EditorParse, parseEditor, type ReaderParse } from "./parse.ts";
import type { Reading } from "./understand/intents.ts";
import { toCommand } from "./understand/to-command.ts";
import type { Understander } from "./understand/understand.ts";

/** Everything a command handler may use; passed in, never imported as a singleton. */
export interface BotDeps {
  config: Config;
  clock: Clock;
  log: Logger;
  articles: ArticlesRepo;
  outbox: OutboxRepo;
  subscribers: SubscribersRepo;
  conversation: ConversationRepo;
  audit: AuditRepo;
  /** Readers' tips (rumours, questions): the editors' inbox. */
  tips: TipsRepo;
  editors: EditorDirectory;
  backend: EditorBackend;
  /** Written in the audit: where editor actions come from ("whatsapp", "simulator"). */
  via: string;
  /** Reads readers' own words (with the newsroom's rubric synonyms). */
  understander: Understander;
}

/** How long "the list on screen" stays meaningful for a bare number. */
export const CONTEXT_MAX_AGE_MS = 12 * 3_600_000;

/** One inbound message being handled: who wrote, what they meant, how to answer. */
export class BotContext {
  readonly message: InboundMessage;
  /** The text without control characters, trimmed. */
  readonly text: string;
  readonly now: Date;
  readonly deps: BotDeps;
  subscriber: Subscriber;
  readonly isNew: boolean;
  /** What the understanding step made of the message (intent, arguments, doubts). */
  readonly reading: Reading;
  /** The reader's command; a bare number is rewritten into a command by the router. */
  parsed: ReaderParse;
  readonly editorParse: EditorParse | null;
  /** Bodies queued as replies while handling this message (logs and tests). */
  readonly replies: string[] = [];
  #editor: Promise<string | null> | undefined;

  constructor(init: {
    message: InboundMessage;
    text: string;
    now: Date;
    deps: BotDeps;
    subscriber: Subscriber;
    isNew: boolean;
    reading?: Reading;
  }) {
    this.message = init.message;
    this.text = init.text;
    this.now = init.now;
    this.deps = init.deps;
    this.subscriber = init.subscriber;
    this.isNew = init.isNew;
    this.reading = init.reading ?? init.deps.understander.read(init.text);
    this.parsed = toCommand(this.reading, init.text);
    this.editorParse = parseEditor(init.text);
  }

  get chatId(): string {
    return this.message.chatId;
  }

  get lang(): Lang {
    return this.subscriber.language;
  }

  /** The bot's wording in the reader's language. */
  get t(): ReplyWords {
    return catalogue(this.lang).replies;
  }

  /** What the article templates need for this reader. */
  get format(): FormatContext {
    return {
      language: this.lang,
      timeZone: this.deps.config.timeZone,
      channelLink: channelLinkOf(this.deps.config.channel.invite),
      now: this.now,
    };
  }

  /** Queues an answer to this chat through the outbox (the one sending path). */
  reply(body: string): void {
    // Templates keep under the limit already; this is the last guard for the bot's own text.
    const text = cutMarkup(body, MAX_MESSAGE_CHARS);
    this.deps.outbox.enqueue({ kind: "reply", recipient: this.chatId, body: text }, this.now);
    this.replies.push(text);
  }

  /** The editor's E.164 number when the sender is an editor (resolved once per message). */
  editor(): Promise<string | null> {
    this.#editor ??= this.deps.editors.editorOf(this.message.senderId);
    return this.#editor;
  }

  /**
   * The `…@c.us` id we may know this reader by when they write from a linked id (`…@lid`),
   * resolved through the transport as editors are; null otherwise.
   */
  async knownAs(): Promise<string | null> {
    if (!this.message.senderId.endsWith("@lid")) return null;
    const phone = await this.deps.editors.phoneOf(this.message.senderId);
    const id = phone ? `${phone.slice(1)}@c.us` : null;
    return id && id !== this.chatId ? id : null;
  }

  /** What the reader has on screen, for a bare number. */
  recall(): ConversationContext | null {
    return this.deps.conversation.recall(this.chatId, this.now, CONTEXT_MAX_AGE_MS);
  }

  remember(
    context:
      | { kind: "menu" }
      | { kind: "articles"; items: number[] }
      | { kind: "rubrics"; items: string[] },
  ): void {
    this.deps.conversation.remember(this.chatId, context, this.now);
  }
}
