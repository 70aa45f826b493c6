import type {
  BroadcastProgress,
  BroadcastReceipt,
  EditorBackend,
  SendingStats,
} from "../domain/broadcast.ts";
import { PRIORITY } from "../domain/message.ts";
import { averageBulkGapMs, type SendingPolicy } from "../domain/sending-policy.ts";
import type { Clock } from "../lib/clock.ts";
import { localDayRange } from "../lib/zoned-time.ts";
import type { Logger } from "../log.ts";
import type { Broadcast, BroadcastCounts } from "../store/broadcasts.ts";
import type { Planner, StartedBroadcast } from "./planner.ts";
import type { DeskStore } from "./ports.ts";

export interface DeskDeps extends DeskStore {
  planner: Planner;
  clock: Clock;
  log: Logger;
  policy: SendingPolicy;
  timeZone: string;
}

/** What `cancel` did. */
export interface CancelResult {
  broadcast: Broadcast;
  /** Messages that will not be sent. */
  cancelled: number;
  /** Messages already sent before the cancel. */
  alreadySent: number;
}

const BULK = [PRIORITY.channel, PRIORITY.alert, PRIORITY.digest];

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

  /** A breaking alert to every instant-mode reader (and the Channel), now. */
  alert(text: string, editor: string): BroadcastReceipt {
    return this.#receipt(this.#d.planner.broadcastText(text, editor));
  }

  /** Publishes an article at `at` (or now when `at` is past). */
  schedule(articleId: number, at: Date, editor: string): BroadcastReceipt {
    return this.#receipt(this.#d.planner.broadcastArticle(articleId, editor, at));
  }

  /** Sends a breaking alert at `at` (or now when `at` is past). */
  scheduleAlert(text: string, at: Date, editor: string): BroadcastReceipt {
    return this.#receipt(this.#d.planner.broadcastText(text, editor, at));
  }

  /** Cancels a scheduled or running broadcast: nothing more of it is sent. */
  cancel(broadcastId: number, editor: string): CancelResult | null {
    const { broadcasts, outbox, clock, log } = this.#d;
    const broadcast = broadcasts.get(broadcastId);
    if (!broadcast) return null;
    const now = clock.now();
    const cancelled = outbox.cancelBroadcast(broadcastId, now, `annulé par ${editor}`);
    broadcasts.markCancelled(broadcastId, now, editor);
    const counts = broadcasts.counts(broadcastId);
    log.info({ broadcast: broadcastId, cancelled, by: editor }, "diffusion annulée");
    return {
      broadcast: broadcasts.get(broadcastId) ?? broadcast,
      cancelled,
      alreadySent: counts.sent,
    };
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

  /** Progress and honest ETA of one broadcast. */
  progress(broadcastId: number): BroadcastProgress | null {
    const broadcast = this.#d.broadcasts.get(broadcastId);
    return broadcast ? this.#progress(broadcast) : null;
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
    };
  }

  /** Scheduled broadcasts not started yet. */
  scheduled(): Broadcast[] {
    return this.#d.broadcasts.scheduled();
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
    const startWait = Math.max(0, (counts.firstNotBefore ?? now) - now);
    return Math.round(startWait + ahead * averageBulkGapMs(this.#d.policy));
  }

  #progress(b: Broadcast): BroadcastProgress {
    const c = this.#d.broadcasts.counts(b.id);
    return {
      broadcastId: b.id,
      label: b.label,
      total: c.total,
      sent: c.sent,
      failed: c.dead + c.cancelled,
      etaMs: this.#eta(c),
      ...(this.#d.receipts ? { receipts: this.#d.receipts.forBroadcast(b.id) } : {}),
    };
  }

  #receipt(result: Broadcast | StartedBroadcast): BroadcastReceipt {
    const now = this.#d.clock.now();
    if ("broadcast" in result) {
      return {
        broadcastId: result.broadcast.id,
        channel: result.channel,
        recipients: result.recipients,
        etaMs: this.etaMs(result.broadcast.id),
        startsAt: null,
      };
    }
    // Scheduled: who would receive it if it started now, and the pace from its start.
    const estimate = this.#d.planner.estimate(result.articleId);
    const startsAt = result.scheduledFor ?? now;
    const messages = estimate.recipients + (estimate.channel ? 1 : 0);
    const wait = Math.max(0, startsAt.getTime() - now.getTime());
    return {
      broadcastId: result.id,
      channel: estimate.channel,
      recipients: estimate.recipients,
      etaMs: Math.round(wait + messages * averageBulkGapMs(this.#d.policy)),
      startsAt,
    };
  }
}
