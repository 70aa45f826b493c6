import type { Database } from "better-sqlite3";
import type { Config } from "../config.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../log.ts";
import { ApprovalsRepo } from "../store/approvals.ts";
import { ArticlesRepo } from "../store/articles.ts";
import { AuditRepo } from "../store/audit.ts";
import { BroadcastReceiptsRepo } from "../store/broadcast-receipts.ts";
import { BroadcastsRepo } from "../store/broadcasts.ts";
import { ConfirmationsRepo } from "../store/confirmations.ts";
import { ConversationRepo } from "../store/conversation.ts";
import { DailySendsRepo } from "../store/daily-sends.ts";
import { openDatabase } from "../store/database.ts";
import { DeskSessionsRepo } from "../store/desk-sessions.ts";
import { DeskSignInAttemptsRepo } from "../store/desk-sign-in-attempts.ts";
import { DeskSignInTokensRepo } from "../store/desk-sign-in-tokens.ts";
import { FeedsRepo } from "../store/feeds.ts";
import { InboundRepo } from "../store/inbound.ts";
import { OutboxRepo } from "../store/outbox.ts";
import { ReaderAliasesRepo } from "../store/reader-aliases.ts";
import { ReaderChangesRepo } from "../store/reader-changes.ts";
import { ReceiptsRepo } from "../store/receipts.ts";
import { SentCountsRepo } from "../store/sent-counts.ts";
import { SettingsRepo } from "../store/settings.ts";
import { SubscribersRepo } from "../store/subscribers.ts";
import { TipsRepo } from "../store/tips.ts";
import { createDeliveryCore, type DeliveryCore } from "./delivery.ts";

/** Everything the bot, the CLI and the simulator share: one database, its tables, the clock. */
export interface App {
  config: Config;
  clock: Clock;
  log: Logger;
  db: Database;
  articles: ArticlesRepo;
  outbox: OutboxRepo;
  subscribers: SubscribersRepo;
  conversation: ConversationRepo;
  inbound: InboundRepo;
  audit: AuditRepo;
  settings: SettingsRepo;
  broadcasts: BroadcastsRepo;
  /** Editors' requests waiting for « OUI ». */
  confirmations: ConfirmationsRepo;
  /** RSS/Atom/JSON feed sources and their polling state (FEEDS in .env seeds it). */
  feeds: FeedsRepo;
  /** Delivered / read receipts, and readers' other ids (Cloud API). */
  receipts: ReceiptsRepo;
  readerAliases: ReaderAliasesRepo;
  /** What the ban guard counts per day (warm-up ramp, long-silent readers). */
  dailySends: DailySendsRepo;
  /** Readers' tips (rumours, questions) and who sent them: the editors' inbox. */
  tips: TipsRepo;
  /** Approval mode: articles editors were asked about, and what became of them. */
  approvals: ApprovalsRepo;
  /** The web desk's sessions, one-time codes and links, and wrong-code counts. */
  deskSessions: DeskSessionsRepo;
  deskSignInTokens: DeskSignInTokensRepo;
  deskSignInAttempts: DeskSignInAttemptsRepo;
  /** Readers over time (subscribed, stopped, per rubric), counted by triggers: the Audience page. */
  readerChanges: ReaderChangesRepo;
  /** Messages sent per hour and kind, counted by triggers: the Audience page. */
  sentCounts: SentCountsRepo;
  /** Sent / delivered / read per broadcast, counted by triggers: the Audience page. */
  broadcastReceipts: BroadcastReceiptsRepo;
  /** Planner, audience and the desk (the EditorBackend): src/app/delivery.ts. */
  delivery: DeliveryCore;
  close(): void;
}

/**
 * Opens the store and builds the repositories and the planner: no transport, no timers, no
 * writes (callers add those; `seedFeeds` writes FEEDS of .env where a process polls or lists them).
 */
export function openApp(config: Config, deps: { clock: Clock; log: Logger }): App {
  const db = openDatabase(config.databasePath);
  const app: Omit<App, "delivery"> = {
    config,
    clock: deps.clock,
    log: deps.log,
    db,
    articles: new ArticlesRepo(db),
    outbox: new OutboxRepo(db),
    subscribers: new SubscribersRepo(db),
    conversation: new ConversationRepo(db),
    inbound: new InboundRepo(db),
    audit: new AuditRepo(db),
    settings: new SettingsRepo(db),
    broadcasts: new BroadcastsRepo(db),
    confirmations: new ConfirmationsRepo(db),
    feeds: new FeedsRepo(db),
    receipts: new ReceiptsRepo(db),
    readerAliases: new ReaderAliasesRepo(db),
    dailySends: new DailySendsRepo(db),
    tips: new TipsRepo(db),
    approvals: new ApprovalsRepo(db),
    deskSessions: new DeskSessionsRepo(db),
    deskSignInTokens: new DeskSignInTokensRepo(db),
    deskSignInAttempts: new DeskSignInAttemptsRepo(db),
    readerChanges: new ReaderChangesRepo(db),
    sentCounts: new SentCountsRepo(db),
    broadcastReceipts: new BroadcastReceiptsRepo(db),
    close: () => db.close(),
  };
  return { ...app, delivery: createDeliveryCore(app) };
}
