import type { BudgetFigures } from "./send-budget.ts";
/** An editor's breaking alert stays a short message: small data plans, small screens. */
export const MAX_ALERT_CHARS = 1000;

/** What an editor's broadcast command got queued: the numbers the editor is told. */
export interface BroadcastReceipt {
  broadcastId: number;
  /** The article it publishes, or null for a breaking alert. */
  articleId?: number | null;
  /** Whether a Channel post was queued (Channel configured and the rubric policy matched). */
  channel: boolean;
  /** One-to-one recipients queued (followers of the rubrics, or all opted-in for an alert). */
  recipients: number;
  /** Honest estimate of when the last message goes out, at the current pace. */
  etaMs: number;
  /** Days part of it waits for the warm-up ramp's next ceilings (0 or absent: none). */
  warmUpDays?: number;
  /** For a scheduled broadcast: when it starts. */
  startsAt: Date | null;
  /** When readers' alerts may start, if later than now (quiet hours): the Channel goes first. */
  readersFrom?: Date | null;
  /** Other broadcasts of the same article still waiting for their time (a second schedule). */
  alsoScheduled?: number[];
  /** Why a scheduled article waits: its own publication date (not an editor's choice). */
  embargo?: boolean;
  /**
   * Why no reader was queued: nobody follows its rubrics (or no one subscribed), they all
   * reached today's alert limit, or they were already alerted about this article.
   */
  zeroReason?: "nobody" | "unsubscribed" | "capped" | "already" | null;
  /** The article went to the Channel before: it is not posted twice. */
  channelAlready?: boolean;
}

/** A broadcast that waits for the editor's « OUI » (an /alerte, an article older than 48 h). */
export interface ConfirmationRequest {
  /** `schedule`: an old article to be sent at `startsAt`. */
  kind: "publish" | "schedule" | "alert";
  articleId: number | null;
  label: string;
  /** For an old article: its publication date. */
  publishedAt: Date | null;
  channel: boolean;
  recipients: number;
  /** When readers' alerts may start if confirmed now (quiet hours), or null for now. */
  readersFrom: Date | null;
  /** A schedule's time (kind `schedule`), else null. */
  startsAt: Date | null;
  expiresAt: Date;
}

/** What an editor's publish or alert request did: sent/scheduled, or waits for « OUI ». */
export type DeskOutcome =
  | { kind: "done"; receipt: BroadcastReceipt }
  | { kind: "confirm"; request: ConfirmationRequest };

/** One broadcast as /diffusions lists it. */
/** Where a broadcast's Channel post is: none (no Channel, or not for it), waiting, sent… */
export type ChannelState = "none" | "waiting" | "sent" | "failed" | "cancelled";

/**
 * Figures of a broadcast, counted as its receipt counts them: `sent`/`total` (and `failed`,
 * `cancelled`) are readers' messages, one per reader; the Channel post is `channel`, apart.
 */
export interface BroadcastSummary {
  broadcastId: number;
  label: string;
  state: "scheduled" | "running" | "done" | "cancelled";
  /** When it is scheduled for, or started, or was created. */
  at: Date;
  sent: number;
  total: number;
  channel: ChannelState;
}

/** What a cancel did. */
export interface CancelSummary {
  broadcastId: number;
  label: string;
  /** Messages that will not be sent. */
  cancelled: number;
  /** Messages already sent before the cancel. */
  alreadySent: number;
}

/** Messages sent, delivered to the phone and read (WhatsApp's receipts). */
export interface ReceiptFigures {
  sent: number;
  delivered: number;
  read: number;
}

export interface BroadcastProgress {
  broadcastId: number;
  label: string;
  total: number;
  sent: number;
  /** Given up (dead) messages. */
  failed: number;
  /** Messages an editor's cancel stopped. */
  cancelled?: number;
  etaMs: number;
  /** Its Channel post, apart from the readers' figures above. */
  channel?: ChannelState;
  /** Receipts of its sent messages, when the store keeps them. */
  receipts?: ReceiptFigures;
}

/** Sending figures for `/stats` and `cli stats`. */
export interface SendingStats {
  paused: boolean;
  transportUp: boolean;
  today: { queued: number; sent: number; failed: number; dead: number };
  running: BroadcastProgress[];
  subscribers: { optedIn: number; instant: number; daily: number; stopped: number };
  /** Today's broadcast messages (newsroom's day): receipts in all, and per rubric. */
  receipts?: { today: ReceiptFigures; byRubric: (ReceiptFigures & { rubric: string })[] };
  /** Today against the ban guard's daily limits (absent: no limit set). */
  budget?: BudgetFigures;
}

/**
 * What the bot's editor commands need from delivery. The delivery layer implements it; the
 * bot only depends on this interface. `editor` is the editor's E.164 number, for the audit.
 */
export interface EditorBackend {
  publish(articleId: number, editor: string): BroadcastReceipt;
  alert(text: string, editor: string): BroadcastReceipt;
  /**
   * The publishing rules, the same for the phone and the CLI: a future-dated article is
   * scheduled for its date unless `force`; one older than 48 h waits for « OUI » unless
   * `confirmed`.
   */
  requestPublish(
    articleId: number,
    editor: string,
    options?: { force?: boolean; confirmed?: boolean },
  ): DeskOutcome;
  /** Schedules an article at `at`; one older than 48 h waits for « OUI » unless `confirmed`. */
  requestSchedule(
    articleId: number,
    at: Date,
    editor: string,
    options?: { confirmed?: boolean },
  ): DeskOutcome;
  /** Every breaking alert waits for « OUI » unless `confirmed`. */
  requestAlert(text: string, editor: string, options?: { confirmed?: boolean }): DeskOutcome;
  /** Carries out the editor's pending request (DeskError when none, or expired). */
  confirm(editor: string): BroadcastReceipt;
  /** Forgets the editor's pending request; whether there was one. */
  decline(editor: string): boolean;
  /** Whether a request of the editor waits for « OUI » (expired ones included). */
  hasPending(editor: string): boolean;
  /** Publishes an article at `at`; the receipt says if it was already scheduled. */
  schedule(articleId: number, at: Date, editor: string): BroadcastReceipt;
  /** Cancels a waiting or running broadcast (DeskError when unknown or already over). */
  cancel(broadcastId: number, editor: string): CancelSummary;
  /** The latest broadcasts, newest first. */
  recent(limit: number): BroadcastSummary[];
  /** "scheduled" or "sent" for the articles that have a broadcast. */
  articleStates(articleIds: readonly number[]): Map<number, "scheduled" | "sent">;
  pause(editor: string): void;
  resume(editor: string): void;
  isPaused(): boolean;
  stats(): SendingStats;
  /** Approval mode: the editor's /ignorer (the article will not go out by itself). */
  ignore(articleId: number, editor: string): void;
}
