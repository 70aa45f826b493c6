import path from "node:path";
import { type App, openApp } from "../../src/app/services.ts";
import { type Bot, type BotOptions, createBot } from "../../src/bot/bot.ts";
import { loadConfig } from "../../src/config.ts";
import type {
  BroadcastReceipt,
  BroadcastSummary,
  CancelSummary,
  DeskOutcome,
  EditorBackend,
  SendingStats,
} from "../../src/domain/broadcast.ts";
import { MAX_ALERT_CHARS } from "../../src/domain/broadcast.ts";
import { DeskError } from "../../src/domain/errors.ts";
import { Ingest } from "../../src/ingest/ingest.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/log.ts";
import { type NewOutboxRow, OutboxRepo } from "../../src/store/outbox.ts";
import { MemoryTransport } from "../../src/transport/memory.ts";
import type { InboundMessage } from "../../src/transport/transport.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SEED = path.join(ROOT, "data/articles/aes-russie-moscou.txt");
export const MORE = path.join(ROOT, "tests/fixtures/bot/articles.json");

export const READER = "22370000000@c.us";
export const EDITOR_PHONE = "+22376000000";
export const EDITOR = "22376000000@c.us";
/** A linked id WhatsApp may show instead of the editor's number. */
export const EDITOR_LID = "187654321098765@lid";
/** A linked id nobody can resolve. */
export const UNKNOWN_LID = "111222333444555@lid";

/** The real outbox, also remembering what each handled message queued. */
class RecordingOutbox extends OutboxRepo {
  readonly queued: NewOutboxRow[] = [];
  override enqueue(row: NewOutboxRow, now: Date): number | null {
    this.queued.push(row);
    return super.enqueue(row, now);
  }
}

/** A delivery backend that records what editors asked for. */
export class FakeBackend implements EditorBackend {
  readonly calls: string[] = [];
  paused = false;
  failPublish: Error | null = null;

  ignore(articleId: number, editor: string): void {
    this.calls.push(`ignore ${articleId} by ${editor}`);
  }

  publish(articleId: number, editor: string): BroadcastReceipt {
    if (this.failPublish) throw this.failPublish;
    this.calls.push(`publish ${articleId} by ${editor}`);
    return { broadcastId: 7, channel: true, recipients: 42, etaMs: 28 * 60_000, startsAt: null };
  }
  alert(text: string, editor: string): BroadcastReceipt {
    // The real planner's rule, so the bot's rendering of the refusal is what editors read.
    if (text.length > MAX_ALERT_CHARS) {
      throw new DeskError("ALERT_TOO_LONG", { length: text.length, max: MAX_ALERT_CHARS });
    }
    this.calls.push(`alert "${text}" by ${editor}`);
    return { broadcastId: 8, channel: true, recipients: 120, etaMs: 95 * 60_000, startsAt: null };
  }
  /** The fake sends at once: the rules themselves are tested against the real Desk. */
  requestPublish(articleId: number, editor: string): DeskOutcome {
    return { kind: "done", receipt: this.publish(articleId, editor) };
  }
  requestSchedule(articleId: number, at: Date, editor: string): DeskOutcome {
    return { kind: "done", receipt: this.schedule(articleId, at, editor) };
  }
  requestAlert(text: string, editor: string): DeskOutcome {
    return { kind: "done", receipt: this.alert(text, editor) };
  }
  confirm(): BroadcastReceipt {
    throw new DeskError("CONFIRMATION_NONE", {});
  }
  decline(): boolean {
    return false;
  }
  hasPending(): boolean {
    return false;
  }
  schedule(articleId: number, at: Date, editor: string): BroadcastReceipt {
    this.calls.push(`schedule ${articleId} at ${at.toISOString()} by ${editor}`);
    return { broadcastId: 9, channel: true, recipients: 42, etaMs: 60_000, startsAt: at };
  }
  cancel(broadcastId: number, editor: string): CancelSummary {
    this.calls.push(`cancel ${broadcastId} by ${editor}`);
    return { broadcastId, label: "Article 1", cancelled: 10, alreadySent: 32 };
  }
  recent(): BroadcastSummary[] {
    return [];
  }
  articleStates(): Map<number, "scheduled" | "sent"> {
    return new Map();
  }
  pause(editor: string): void {
    this.calls.push(`pause by ${editor}`);
    this.paused = true;
  }
  resume(editor: string): void {
    this.calls.push(`resume by ${editor}`);
    this.paused = false;
  }
  isPaused(): boolean {
    return this.paused;
  }
  stats(): SendingStats {
    this.calls.push("stats");
    return {
      paused: this.paused,
      transportUp: true,
      today: { queued: 3, sent: 120, failed: 1, dead: 0 },
      running: [
        { broadcastId: 7, label: "Article 1", total: 42, sent: 40, failed: 1, etaMs: 60_000 },
      ],
      subscribers: { optedIn: 42, instant: 40, daily: 2, stopped: 3 },
    };
  }
}

export interface Harness {
  app: App;
  bot: Bot;
  clock: ManualClock;
  backend: FakeBackend;
  transport: MemoryTransport;
  /** Sends a text as `from` and returns the replies it got (bodies, in order). */
  say(text: string, from?: string, extra?: Partial<InboundMessage>): Promise<string[]>;
  /** Delivers a whole message (for media, groups, duplicates) and returns the replies. */
  deliver(message: Partial<InboundMessage> & { chatId: string }): Promise<string[]>;
  /** Every reply queued to a chat so far. */
  repliesTo(chatId: string): string[];
  close(): void;
}

/** A bot over a fresh in-memory store with the seed article (and the fixtures) imported. */
export async function harness(
  options: {
    fixtures?: boolean;
    bot?: BotOptions;
    env?: Record<string, string>;
    /** More `@lid` → number answers for the transport. */
    phones?: Record<string, string>;
    /** The real Desk (planner, outbox) instead of the recording fake: the publishing rules. */
    desk?: boolean;
    /** Where the clock starts (default 2025-04-03 09:00 UTC). */
    start?: string;
  } = {},
): Promise<Harness> {
  const clock = new ManualClock(options.start ?? "2025-04-03T09:00:00Z");
  const log = silentLogger();
  const config = loadConfig({
    DATABASE_PATH: ":memory:",
    EDITORS: EDITOR_PHONE,
    NEWSROOM_NAME: "Suivez l'info",
    ...options.env,
  });
  const app = openApp(config, { clock, log });
  const ingest = new Ingest({ articles: app.articles, clock, log, summaryMaxChars: 280 });
  const report = await ingest.importPaths(options.fixtures === false ? [SEED] : [SEED, MORE]);
  if (report.failed.length > 0) throw new Error(JSON.stringify(report.failed));
  const transport = new MemoryTransport({
    phones: { [EDITOR_LID]: EDITOR_PHONE, ...options.phones },
  });
  const backend = new FakeBackend();
  const outbox = new RecordingOutbox(app.db);
  // The real wiring (createBot, as npm start builds it), with a recording outbox and a
  // backend that records what editors asked for instead of planning broadcasts.
  const bot = createBot(
    { ...app, outbox },
    { backend: options.desk ? app.delivery.desk : backend, transport, via: "test" },
    options.bot,
  );
  let counter = 0;
  const since = (chatId: string): string[] => {
    const rows = outbox.queued.splice(0);
    return rows.filter((r) => r.recipient === chatId && r.kind === "reply").map((r) => r.body);
  };
  const deliver = async (message: Partial<InboundMessage> & { chatId: string }) => {
    counter += 1;
    await bot.handle({
      id: message.id ?? `wamid-${counter}`,
      chatId: message.chatId,
      senderId: message.senderId ?? message.chatId,
      text: message.text ?? "",
      kind: message.kind ?? "text",
      isGroup: message.isGroup ?? false,
      timestamp: message.timestamp ?? clock.now(),
      ...(message.forwarded ? { forwarded: true } : {}),
    });
    // Readers do not type instantly: keeps flood control out of ordinary conversations.
    clock.advance(5_000);
    return since(message.chatId);
  };
  return {
    app,
    bot,
    clock,
    backend,
    transport,
    say: (text, from = READER, extra = {}) => deliver({ chatId: from, ...extra, text }),
    deliver,
    repliesTo: (chatId) =>
      app.db
        .prepare<[string], { body: string }>(
          "SELECT body FROM outbox WHERE recipient = ? AND kind = 'reply' ORDER BY id",
        )
        .all(chatId)
        .map((r) => r.body),
    close: () => app.close(),
  };
}
