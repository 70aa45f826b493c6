import type { Config } from "../config.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../log.ts";
import type { ApprovalsRepo } from "../store/approvals.ts";
import type { ArticlesRepo } from "../store/articles.ts";
import type { AuditRepo } from "../store/audit.ts";
import type { BroadcastsRepo } from "../store/broadcasts.ts";
import type { ConfirmationsRepo } from "../store/confirmations.ts";
import type { ConversationRepo } from "../store/conversation.ts";
import type { OutboxRepo } from "../store/outbox.ts";
import type { ReceiptsRepo } from "../store/receipts.ts";
import type { SettingsRepo } from "../store/settings.ts";
import type { SubscribersRepo } from "../store/subscribers.ts";

/** Runs `fn` in one database transaction (nested calls become savepoints). */
export type Transaction = <T>(fn: () => T) => T;

/**
 * What the planner needs from the store: only these calls, no database handle. The store's
 * repos implement them (src/app/services.ts wires them); tests may pass their own.
 */
export interface PlannerStore {
  articles: Pick<
    ArticlesRepo,
    "get" | "dueForAnnouncement" | "markAnnounced" | "markOldAnnounced" | "digestArticleIds"
  >;
  outbox: Pick<
    OutboxRepo,
    | "enqueue"
    | "notifyEnqueued"
    | "queueArticleAlerts"
    | "queueBreakingAlerts"
    | "alertsOfOtherBroadcasts"
    | "hasDedupeKey"
  >;
  subscribers: Pick<
    SubscribersRepo,
    "instantAudience" | "alreadyAlerted" | "digestReaders" | "markDigest"
  >;
  broadcasts: Pick<BroadcastsRepo, "create" | "due" | "get" | "markStarted">;
  /** Remembers what a digest listed, so a reader's "2" opens its second article. */
  conversation?: Pick<ConversationRepo, "remember"> | undefined;
  /** Approval mode: what editors were asked and what became of it (APPROVAL_TIMEOUT). */
  approvals?: Pick<ApprovalsRepo, "ask" | "settle" | "expired"> | undefined;
  /** What the planner does on its own (APPROVAL_TIMEOUT) is audited like an editor's action. */
  audit?: Pick<AuditRepo, "record"> | undefined;
  transaction: Transaction;
}

export interface PlannerDeps extends PlannerStore {
  config: Pick<
    Config,
    "timeZone" | "language" | "channel" | "sending" | "approval" | "approvalTimeout" | "editors"
  >;
  clock: Clock;
  log: Logger;
}

/** What the editors' desk needs from the store, besides the planner. */
export interface DeskStore {
  outbox: Pick<
    OutboxRepo,
    "cancelBroadcast" | "dayCounts" | "notifyEnqueued" | "waitingDueBy" | "waitingWith"
  >;
  broadcasts: Pick<
    BroadcastsRepo,
    "counts" | "get" | "markCancelled" | "running" | "scheduled" | "recent" | "articleStates"
  >;
  settings: Pick<SettingsRepo, "isPaused" | "heartbeat" | "setPaused">;
  subscribers: Pick<SubscribersRepo, "counts">;
  /** Delivered / read receipts: shown in stats and progress when given. */
  receipts?: Pick<ReceiptsRepo, "forBroadcast" | "forPeriod"> | undefined;
  /** Requests waiting for an editor's « OUI ». */
  confirmations: Pick<ConfirmationsRepo, "put" | "get" | "delete">;
}
