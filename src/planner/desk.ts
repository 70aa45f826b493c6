import type {
  BroadcastProgress,
  BroadcastReceipt,
  BroadcastSummary,
  CancelSummary,
  ChannelState,
  ConfirmationRequest,
  DeskOutcome,
  EditorBackend,
  SendingStats,
} from "../domain/broadcast.ts";
import { DeskError } from "../domain/errors.ts";
import { PRIORITY } from "../domain/message.ts";
import { type BudgetLimits, budgetFigures, warmUpDaysAhead } from "../domain/send-budget.ts";
import { averageBulkGapMs, type SendingPolicy } from "../domain/sending-policy.ts";
import type { Clock } from "../lib/clock.ts";
import { fromLocal, localDay, localDayRange } from "../lib/zoned-time.ts";
import type { Logger } from "../log.ts";
import type { Broadcast, BroadcastCounts } from "../store/broadcasts.ts";
import type { PendingAction } from "../store/confirmations.ts";
import type { DailyTotals } from "../store/daily-sends.ts";
import { POSTPONED_COLD } from "../store/outbox.ts";
import type { Planner, StartedBroadcast } from "./planner.ts";
import type { DeskStore } from "./ports.ts";

export interface DeskDeps extends DeskStore {
  planner: Planner;
  clock: Clock;
  log: Logger;
  policy: SendingPolicy;
  timeZone: string;
  /** The ban guard's daily limits and counts: /stats shows them, ETAs honour the ramp. */
  budget?: { limits: BudgetLimits; totals(day: string): DailyTotals } | undefined;
}

/** What `cancel` did. */
export interface CancelResult extends CancelSummary {
  broadcast: Broadcast;
}

const BULK = [PRIORITY.channel, PRIORITY.alert, PRIORITY.digest];

/** An article older than this goes out only after the editor's « OUI » (a wrong id is costly). */
export const CONFIRM_OLDER_THAN_MS = 48 * 3600_000;
/** How long an editor has to answer « OUI »: after that nothing is sent. */
export const CONFIRMATION_TTL_MS = 5 * 60_000;

/**
 * A broadcast's figures as its receipt counts them: readers' messages, the Channel post apart
 * (« 12/30 lecteurs · chaîne : envoyée », where the outbox holds 31 rows).
 */
export function readerFigures(c: BroadcastCounts): {
  total: number;
  sent: number;
  failed: number;
  cancelled: number;
  channel: ChannelState;
} {
  const one = (state: ChannelState) => (c.channel === state ? 1 : 0);
  return {
    total: c.total - (c.channel === "none" ? 0 : 1),
    sent: c.sent - one("sent"),
    failed: c.dead - one("failed"),
    cancelled: c.cancelled - one("cancelled"),
    channel: c.channel,
  };
}

/** A heartbeat older than this means no process is sending. */
const HEARTBEAT_STALE_MS = 60_000;

/**
 * Broadcasts as editors see them (the EditorBackend the bot's commands use, and the CLI):
 * publish, breaking alert, schedule, cancel, pause and resume, with honest ETAs and stats.
 */
export class Desk implements EditorBackend {
  readonly #d: DeskDeps;
  #localSender: (() => boolean) | null = null;

  constructor(deps: DeskDeps) {
    this.#d = deps;
  }

  /**
   * Tells the desk that this process sends (its dispatcher's transport status), so stats
   * need no heartbeat from another process. createDispatcher calls it.
   */
  attachSender(transportUp: () => boolean): void {
    this.#localSender = transportUp;
  }

  /** Channel post + alerts to the article's followers, now. */
  publish(articleId: number, editor: string): BroadcastReceipt {
    return this.#receipt(this.#d.planner.broadcastArticle(articleId, editor));
  }

  /** Approval mode: the article will not go out by itself, nor at APPROVAL_TIMEOUT. */
  ignore(articleId: number, editor: string): void {
    this.#d.planner.ignoreArticle(articleId, editor);
  }

  /** A breaking alert to every instant-mode reader (and the Channel), now. */
  alert(text: string, editor: string): BroadcastReceipt {
    return this.#receipt(this.#d.planner.broadcastText(text, editor));
  }

  /** Publishes an article at `at` (or now when `at` is past); says if it was already scheduled. */
  schedule(articleId: number, at: Date, editor: string): BroadcastReceipt {
    const others = this.#d.broadcasts
      .scheduled()
      .filter((b) => b.articleId === articleId)
      .map((b) => b.id);
    const receipt = this.#receipt(this.#d.planner.broadcastArticle(articleId, editor, at));
    return others.length > 0 ? { ...receipt, alsoScheduled: others } : receipt;
  }

  /**
   * The publishing rules, the same from the phone and the CLI: a future-dated article is
   * scheduled for its own date (its embargo) unless `force`; one published more than 48 h ago
   * waits for the editor's « OUI » unless `confirmed` or it would send nothing (all had it);
   * otherwise it goes now.
   */
  requestPublish(
    articleId: number,
    editor: string,
    options: { force?: boolean; confirmed?: boolean } = {},
  ): DeskOutcome {
    const article = this.#d.planner.broadcastableArticle(articleId);
    const now = this.#d.clock.now();
    const force = options.force === true;
    if (!force && article.publishedAt.getTime() > now.getTime()) {
      const receipt = this.schedule(articleId, article.publishedAt, editor);
      return { kind: "done", receipt: { ...receipt, embargo: true } };
    }
    const request = options.confirmed
      ? null
      : this.#askIfOld(editor, { kind: "publish", articleId, force }, article);
    if (request) return { kind: "confirm", request };
    return { kind: "done", receipt: this.publish(articleId, editor) };
  }

  /**
   * Schedules an article at `at`, the same rule as publishing it: one published more than 48 h
   * ago waits for the editor's « OUI » unless `confirmed` or it would send nothing.
   */
  requestSchedule(
    articleId: number,
    at: Date,
    editor: string,
    options: { confirmed?: boolean } = {},
  ): DeskOutcome {
    const article = this.#d.planner.broadcastableArticle(articleId);
    const action = { kind: "schedule", articleId, at: at.getTime() } as const;
    const request = options.confirmed ? null : this.#askIfOld(editor, action, article, at);
    if (request) return { kind: "confirm", request };
    return { kind: "done", receipt: this.schedule(articleId, at, editor) };
  }

  /**
   * The question for an article published more than 48 h ago, or null when there is none to
   * ask: a recent article, or one that would send nothing (all had it).
   */
  #askIfOld(
    editor: string,
    action: PendingAction & { articleId: number },
    article: { title: string; publishedAt: Date },
    startsAt?: Date,
  ): ConfirmationRequest | null {
    const age = this.#d.clock.now().getTime() - article.publishedAt.getTime();
    if (age <= CONFIRM_OLDER_THAN_MS) return null;
    const estimate = this.#d.planner.estimate(action.articleId);
    if (!estimate.channel && estimate.recipients === 0) return null;
    const about = { articleId: action.articleId, publishedAt: article.publishedAt, startsAt };
    return this.#ask(editor, action, article.title, about, estimate);
  }

  /** Every breaking alert goes to everyone: it waits for the editor's « OUI » unless `confirmed`. */
  requestAlert(text: string, editor: string, options: { confirmed?: boolean } = {}): DeskOutcome {
    const clean = this.#d.planner.alertText(text);
    if (!options.confirmed) {
      const request = this.#ask(editor, { kind: "alert", text: clean }, clean, {
        articleId: null,
        publishedAt: null,
      });
      return { kind: "confirm", request };
    }
    return { kind: "done", receipt: this.alert(clean, editor) };
  }

  /** Carries out the editor's pending request: a DeskError when there is none, or it expired. */
  confirm(editor: string): BroadcastReceipt {
    const { confirmations, clock } = this.#d;
    const pending = confirmations.get(editor);
    if (!pending) throw new DeskError("CONFIRMATION_NONE", {});
    confirmations.delete(editor);
    const a = pending.action;
    if (clock.now().getTime() >= pending.expiresAt.getTime()) {
      throw new DeskError("CONFIRMATION_EXPIRED", {
        kind: a.kind,
        articleId: a.kind === "alert" ? null : a.articleId,
        minutes: Math.round(CONFIRMATION_TTL_MS / 60_000),
      });
    }
    const outcome =
      a.kind === "publish"
        ? this.requestPublish(a.articleId, editor, { force: a.force, confirmed: true })
        : a.kind === "schedule"
          ? this.requestSchedule(a.articleId, new Date(a.at), editor, { confirmed: true })
          : this.requestAlert(a.text, editor, { confirmed: true });
    // Confirmed requests never ask again.
    if (outcome.kind !== "done") throw new Error("confirmed request asked again");
    this.#d.log.info({ by: editor, action: a.kind }, "diffusion confirmée");
    return outcome.receipt;
  }

  /** Forgets the editor's pending request; whether there was one. */
  decline(editor: string): boolean {
    const had = this.#d.confirmations.get(editor) !== null;
    this.#d.confirmations.delete(editor);
    return had;
  }

  /** Whether a request of the editor waits for « OUI » (an expired one included: « OUI » says so). */
  hasPending(editor: string): boolean {
    return this.#d.confirmations.get(editor) !== null;
  }

  #ask(
    editor: string,
    action: PendingAction,
    label: string,
    about: { articleId: number | null; publishedAt: Date | null; startsAt?: Date | undefined },
    estimate = this.#d.planner.estimate(about.articleId),
  ): ConfirmationRequest {
    const { planner, clock, confirmations } = this.#d;
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + CONFIRMATION_TTL_MS);
    confirmations.put(editor, action, now, expiresAt);
    const sendsAt = about.startsAt ?? now;
    const from = planner.alertTime(sendsAt);
    return {
      kind: action.kind,
      articleId: about.articleId,
      label,
      publishedAt: about.publishedAt,
      channel: estimate.channel,
      recipients: estimate.recipients,
      readersFrom: from.getTime() > sendsAt.getTime() ? from : null,
      startsAt: about.startsAt ?? null,
      expiresAt,
    };
  }

  /** Sends a breaking alert at `at` (or now when `at` is past). */
  scheduleAlert(text: string, at: Date, editor: string): BroadcastReceipt {
    return this.#receipt(this.#d.planner.broadcastText(text, editor, at));
  }

  /**
   * Cancels a scheduled or running broadcast: nothing more of it is sent. What already went
   * (the Channel post first) is counted in the result. A DeskError when the number is unknown
   * or the broadcast is already over.
   */
  cancel(broadcastId: number, editor: string): CancelResult {
    const { broadcasts, outbox, clock, log } = this.#d;
    const broadcast = broadcasts.get(broadcastId);
    if (!broadcast) throw new DeskError("BROADCAST_NOT_FOUND", { id: broadcastId });
    const over =
      broadcast.state === "done" ||
      broadcast.state === "cancelled" ||
      // Running with nothing left to send: done, even if not yet marked so.
      (broadcast.state === "running" && broadcasts.counts(broadcastId).waiting === 0);
    if (over) {
      const state = broadcast.state === "cancelled" ? "cancelled" : "done";
      throw new DeskError("BROADCAST_FINISHED", { id: broadcastId, state });
    }
    const now = clock.now();
    const cancelled = outbox.cancelBroadcast(broadcastId, now, `annulé par ${editor}`);
    broadcasts.markCancelled(broadcastId, now, editor);
    const counts = broadcasts.counts(broadcastId);
    log.info({ broadcast: broadcastId, cancelled, by: editor }, "diffusion annulée");
    // Messages, the Channel post included: the /annuler answer says « chaîne comprise ».
    return {
      broadcast: broadcasts.get(broadcastId) ?? broadcast,
      broadcastId,
      label: broadcast.label,
      cancelled,
      alreadySent: counts.sent,
    };
  }

  /** The latest broadcasts, newest first, with what each sent. */
  recent(limit: number): BroadcastSummary[] {
    const { broadcasts } = this.#d;
    // Marks finished running broadcasts done on the way (their state is then true).
    broadcasts.running(this.#d.clock.now());
    return broadcasts.recent(limit).map((b) => {
      const c = broadcasts.counts(b.id);
      return {
        broadcastId: b.id,
        label: b.label,
        state: b.state,
        at: b.scheduledFor ?? b.startedAt ?? b.createdAt,
        ...readerFigures(c),
      };
    });
  }

  /** "scheduled" or "sent" for the articles that have a broadcast (/articles). */
  articleStates(articleIds: readonly number[]): Map<number, "scheduled" | "sent"> {
    return this.#d.broadcasts.articleStates(articleIds);
  }

  /** Stops all claiming at once, in every process sharing the database. */
  pause(editor: string): void {
    this.#d.settings.setPaused(true, editor, this.#d.clock.now());
    this.#d.log.info({ by: editor }, "envois mis en pause");
  }

  /** Resumes sending. */
  resume(editor: string): void {
    this.#d.settings.setPaused(false, editor, this.#d.clock.now());
    this.#d.log.info({ by: editor }, "envois repris");
    // Wakes an in-process dispatcher at once; one in another process notices within seconds.
    this.#d.outbox.notifyEnqueued();
  }

  isPaused(): boolean {
    return this.#d.settings.isPaused();
  }

  /**
   * Progress and honest ETA of one broadcast; `receipts: false` leaves out the delivered / read
   * counts (a join over every sent message: a live progress bar does not need it).
   */
  progress(broadcastId: number, options: { receipts?: boolean } = {}): BroadcastProgress | null {
    const broadcast = this.#d.broadcasts.get(broadcastId);
    return broadcast ? this.#progress(broadcast, options.receipts !== false) : null;
  }

  /** Queued / sent / failed / dead today (newsroom's day), running broadcasts, readers. */
  stats(): SendingStats {
    const { outbox, broadcasts, settings, subscribers, clock, timeZone } = this.#d;
    const now = clock.now();
    const { start, end } = localDayRange(now, timeZone);
    const day = outbox.dayCounts(start, end);
    const beat = settings.heartbeat();
    const fresh = beat !== null && now.getTime() - beat.at.getTime() < HEARTBEAT_STALE_MS;
    return {
      paused: settings.isPaused(),
      transportUp: this.#localSender ? this.#localSender() : fresh && beat.transportUp,
      today: { queued: day.queued, sent: day.sent, failed: day.failed, dead: day.dead },
      running: broadcasts.running(now).map((b) => this.#progress(b)),
      subscribers: subscribers.counts(),
      ...(this.#d.receipts
        ? (() => {
            const r = this.#d.receipts.forPeriod(start, end);
            return { receipts: { today: r.total, byRubric: r.byRubric } };
          })()
        : {}),
      ...(this.#budgetFigures(now) ?? {}),
    };
  }

  /** Today against the ban guard's daily limits, when any is set. */
  #budgetFigures(now: Date): Pick<SendingStats, "budget"> | null {
    const budget = this.#d.budget;
    if (!budget || (!budget.limits.warmUp && budget.limits.coldPerDay === null)) return null;
    const day = localDay(now, this.#d.timeZone);
    const postponed = this.#d.outbox.waitingWith(POSTPONED_COLD);
    return { budget: budgetFigures(budget.limits, day, budget.totals(day), postponed) };
  }

  /**
   * How many days from today the last of `messages` alerts and digests goes under the warm-up
   * ramp, and when that day starts (null: today, or no ramp).
   */
  #warmUpWait(messages: number, now: Date): { days: number; startsAt: Date } | null {
    const budget = this.#d.budget;
    if (!budget?.limits.warmUp) return null;
    const today = localDay(now, this.#d.timeZone);
    const days = warmUpDaysAhead(
      budget.limits.warmUp,
      today,
      budget.totals(today).messages,
      messages,
      addDays,
    );
    if (days === 0) return null;
    const [y, m, d] = addDays(today, days).split("-").map(Number) as [number, number, number];
    return { days, startsAt: fromLocal(this.#d.timeZone, y, m, d) };
  }

  /** Scheduled broadcasts not started yet. */
  scheduled(): Broadcast[] {
    return this.#d.broadcasts.scheduled();
  }

  /** Whether messages can go now: a process sends and its WhatsApp is up (stats' transportUp). */
  sending(): boolean {
    if (this.#localSender) return this.#localSender();
    const beat = this.#d.settings.heartbeat();
    return (
      beat !== null &&
      this.#d.clock.now().getTime() - beat.at.getTime() < HEARTBEAT_STALE_MS &&
      beat.transportUp
    );
  }

  /** Whether a process is sending right now (its heartbeat is fresh). */
  senderAlive(): boolean {
    if (this.#localSender) return true;
    const beat = this.#d.settings.heartbeat();
    return beat !== null && this.#d.clock.now().getTime() - beat.at.getTime() < HEARTBEAT_STALE_MS;
  }

  /**
   * When the last message of a broadcast should go at the current pace: the wait until its
   * rows are due (quiet hours, schedule) plus every broadcast message due by then, one average
   * gap each. Replies take their share on top, so this errs on the early side only by them.
   */
  etaMs(broadcastId: number): number {
    return this.#eta(this.#d.broadcasts.counts(broadcastId));
  }

  #eta(counts: BroadcastCounts): number {
    if (counts.waiting === 0 || counts.lastNotBefore === null) return 0;
    const now = this.#d.clock.now().getTime();
    const ahead = this.#d.outbox.waitingDueBy(BULK, new Date(counts.lastNotBefore));
    const gap = averageBulkGapMs(this.#d.policy);
    const startWait = Math.max(0, (counts.firstNotBefore ?? now) - now);
    // Rows deferred by quiet hours (the Channel post goes now, readers at 07:00): the last
    // message cannot go before its own time, whatever the first one does.
    const lastWait = Math.max(0, counts.lastNotBefore - now);
    const eta = Math.round(Math.max(startWait, lastWait) + ahead * gap);
    // The warm-up ramp: what today's ceiling cannot take goes on the next days.
    const later = this.#warmUpWait(ahead, new Date(now));
    return later ? Math.max(eta, later.startsAt.getTime() - now) : eta;
  }

  /** Days a broadcast waits for the warm-up ramp (0: it all fits today). */
  #warmUpDays(broadcastId: number): number {
    const counts = this.#d.broadcasts.counts(broadcastId);
    if (counts.waiting === 0 || counts.lastNotBefore === null) return 0;
    const ahead = this.#d.outbox.waitingDueBy(BULK, new Date(counts.lastNotBefore));
    return this.#warmUpWait(ahead, this.#d.clock.now())?.days ?? 0;
  }

  #progress(b: Broadcast, withReceipts = true): BroadcastProgress {
    const c = this.#d.broadcasts.counts(b.id);
    return {
      broadcastId: b.id,
      label: b.label,
      ...readerFigures(c),
      etaMs: this.#eta(c),
      ...(this.#d.receipts && withReceipts
        ? { receipts: this.#d.receipts.forBroadcast(b.id) }
        : {}),
    };
  }

  #receipt(result: Broadcast | StartedBroadcast): BroadcastReceipt {
    const now = this.#d.clock.now();
    if ("broadcast" in result) {
      return {
        broadcastId: result.broadcast.id,
        articleId: result.broadcast.articleId,
        channel: result.channel,
        recipients: result.recipients,
        etaMs: this.etaMs(result.broadcast.id),
        warmUpDays: this.#warmUpDays(result.broadcast.id),
        startsAt: null,
        readersFrom: result.notBefore.getTime() > now.getTime() ? result.notBefore : null,
        zeroReason:
          result.recipients > 0
            ? null
            : result.broadcast.articleId === null
              ? "unsubscribed"
              : result.capped > 0
                ? "capped"
                : this.#d.planner.estimate(result.broadcast.articleId).already > 0
                  ? "already"
                  : "nobody",
        channelAlready: !result.channel && this.#channelPosted(result.broadcast.articleId),
      };
    }
    // Scheduled: who would receive it if it started now, and the pace from its start.
    const estimate = this.#d.planner.estimate(result.articleId);
    const startsAt = result.scheduledFor ?? now;
    const messages = estimate.recipients + (estimate.channel ? 1 : 0);
    const wait = Math.max(0, startsAt.getTime() - now.getTime());
    const from = this.#d.planner.alertTime(startsAt);
    return {
      articleId: result.articleId,
      readersFrom: from.getTime() > startsAt.getTime() ? from : null,
      broadcastId: result.id,
      channel: estimate.channel,
      recipients: estimate.recipients,
      etaMs: Math.round(wait + messages * averageBulkGapMs(this.#d.policy)),
      startsAt,
      channelAlready: !estimate.channel && this.#channelPosted(result.articleId),
    };
  }

  #channelPosted(articleId: number | null): boolean {
    return articleId !== null && this.#d.planner.channelPosted(articleId);
  }
}

/** `YYYY-MM-DD` plus `k` days. */
function addDays(day: string, k: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + k)).toISOString().slice(0, 10);
}
