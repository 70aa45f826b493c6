import { MAX_ALERT_CHARS } from "../domain/broadcast.ts";
import { chatIdOf } from "../domain/chat-id.ts";
import { DeskError } from "../domain/errors.ts";
import { fold } from "../lib/fold.ts";
import {
  formatLocal,
  localDay,
  localDayRange,
  localParts,
  nextAllowedTime,
} from "../lib/zoned-time.ts";
import * as templates from "../messages/templates.ts";
import { catalogue } from "../messages/wording.ts";
import type { StoredArticle } from "../store/articles.ts";
import type { Broadcast } from "../store/broadcasts.ts";
import { CHANNEL } from "../transport/transport.ts";
import type { PlannerDeps } from "./ports.ts";

/** Articles published longer ago than this are not announced automatically (editors can). */
export const AUTO_ANNOUNCE_MAX_AGE_MS = 24 * 3600_000;
/** Articles the planner takes per pass (see planDue): a few milliseconds of work each time. */
export const PLAN_BATCH = 200;
/** Articles in one digest. */
export const DIGEST_SIZE = 8;
/** A digest is sent up to this long after the reader's hour (bot restarted late), not later. */
export const DIGEST_WINDOW_MINUTES = 180;

/** What a broadcast queued when it started. */
export interface StartedBroadcast {
  broadcast: Broadcast;
  channel: boolean;
  recipients: number;
  /** Readers following the rubrics but at their daily limit. */
  capped: number;
  /** When its alerts may go (quiet hours push them to the morning). */
  notBefore: Date;
}

/**
 * Turns published articles into outbox rows: one Channel post and one alert per interested
 * reader (capped per day, deferred out of quiet hours), breaking alerts, scheduled broadcasts,
 * and daily digests — all in the newsroom's time zone. Message text comes only from
 * src/messages/templates.ts, through the few functions at the bottom of this file.
 */
export class Planner {
  readonly #d: PlannerDeps;

  constructor(deps: PlannerDeps) {
    this.#d = deps;
  }

  /** Whether the Channel is configured and its rubric policy (CHANNEL_RUBRICS) takes `rubrics`. */
  channelTakes(rubrics: readonly string[] | null): boolean {
    const { channel } = this.#d.config;
    if (!channel.invite && !channel.id) return false;
    if (rubrics === null || channel.rubrics.length === 0) return true;
    const wanted = new Set(channel.rubrics.map(fold));
    return rubrics.some((r) => wanted.has(fold(r)));
  }

  /** An article an editor may broadcast, or a DeskError saying why not. */
  broadcastableArticle(articleId: number): StoredArticle {
    const article = this.#d.articles.get(articleId);
    if (!article) {
      throw new DeskError("ARTICLE_NOT_FOUND", { id: articleId });
    }
    if (article.status !== "published") {
      throw new DeskError("ARTICLE_IS_DRAFT", { id: articleId });
    }
    return article;
  }

  /** Records a broadcast of an article; starts it now unless `at` is in the future. */
  broadcastArticle(
    articleId: number,
    by: string,
    at: Date | null = null,
  ): Broadcast | StartedBroadcast {
    const article = this.broadcastableArticle(articleId);
    const now = this.#d.clock.now();
    const scheduled = at !== null && at.getTime() > now.getTime();
    return this.#d.transaction(() => {
      // An article waiting for approval is handled once an editor publishes or schedules it.
      this.#d.approvals?.settle(articleId, "published", by, now);
      const broadcast = this.#d.broadcasts.create(
        {
          kind: "article",
          articleId,
          label: article.title,
          createdBy: by,
          scheduledFor: scheduled ? at : null,
        },
        now,
      );
      return scheduled ? broadcast : this.#start(broadcast, now);
    });
  }

  /** An alert's text as it will be sent, or a DeskError (empty, too long). */
  alertText(text: string): string {
    const clean = text.trim();
    if (clean.length === 0) {
      throw new DeskError("ALERT_EMPTY", {});
    }
    if (clean.length > MAX_ALERT_CHARS) {
      throw new DeskError("ALERT_TOO_LONG", { length: clean.length, max: MAX_ALERT_CHARS });
    }
    return clean;
  }

  /** Records an editor's breaking alert; starts it now unless `at` is in the future. */
  broadcastText(text: string, by: string, at: Date | null = null): Broadcast | StartedBroadcast {
    const clean = this.alertText(text);
    const now = this.#d.clock.now();
    const scheduled = at !== null && at.getTime() > now.getTime();
    return this.#d.transaction(() => {
      const broadcast = this.#d.broadcasts.create(
        {
          kind: "alert",
          articleId: null,
          label: clean.length > 60 ? `${clean.slice(0, 59)}…` : clean,
          text: clean,
          createdBy: by,
          scheduledFor: scheduled ? at : null,
        },
        now,
      );
      return scheduled ? broadcast : this.#start(broadcast, now);
    });
  }

  /** Starts scheduled broadcasts whose time has come. */
  startDue(): StartedBroadcast[] {
    const now = this.#d.clock.now();
    const started: StartedBroadcast[] = [];
    for (const due of this.#d.broadcasts.due(now)) {
      try {
        const result = this.#d.transaction(() => {
          const fresh = this.#d.broadcasts.get(due.id);
          return fresh?.state === "scheduled" ? this.#start(fresh, now) : null;
        });
        if (result) started.push(result);
      } catch (error) {
        this.#d.log.error({ err: error, broadcast: due.id }, "diffusion programmée impossible");
      }
    }
    return started;
  }

  /**
   * Announces newly published articles (published, due, not yet announced, no editor schedule),
   * at most `limit` of each kind per call: `more` says another call has work. Articles older
   * than 24 h (an import of old files) are marked announced without sending: readers are not
   * flooded with yesterday's news; an editor can still /publier them.
   */
  planDue(options: { limit?: number } = {}): {
    started: StartedBroadcast[];
    skippedOld: number[];
    /** Approval mode: the articles editors were asked about. */
    awaiting: number[];
    more: boolean;
  } {
    const now = this.#d.clock.now();
    const limit = options.limit ?? PLAN_BATCH;
    const timedOut = this.expireApprovals(now);
    const cutoff = new Date(now.getTime() - AUTO_ANNOUNCE_MAX_AGE_MS);
    // One statement marks a batch of old ones (409,101 imported articles were 409,101
    // statements and minutes of frozen event loop).
    const skippedOld = this.#d.articles.markOldAnnounced(cutoff, now, limit);
    const rows = this.#d.articles.dueForAnnouncement(now, { since: cutoff, limit });
    const started: StartedBroadcast[] = [];
    const awaiting: number[] = [];
    for (const { id } of rows) {
      if (this.#d.config.approval) {
        this.#askApproval(id, now);
        awaiting.push(id);
        continue;
      }
      try {
        const result = this.broadcastArticle(id, "auto");
        if ("broadcast" in result) started.push(result);
      } catch (error) {
        this.#d.log.error({ err: error, article: id }, "annonce automatique impossible");
      }
    }
    if (skippedOld.length > 0) {
      this.#d.log.info(
        { count: skippedOld.length, articles: skippedOld.slice(0, 20) },
        "articles de plus de 24 h : non annoncés automatiquement (/publier reste possible)",
      );
    }
    const more = skippedOld.length === limit || rows.length === limit;
    return {
      started: [...this.startDue(), ...timedOut.started, ...started],
      skippedOld,
      awaiting,
      more,
    };
  }

  /**
   * `planDue` until nothing is left, a turn of the event loop between two batches so that
   * readers are answered and a shutdown is heard during a huge import; `stopping` ends early.
   */
  async planAllDue(
    stopping: () => boolean = () => false,
  ): Promise<{ started: number; skippedOld: number }> {
    const total = { started: 0, skippedOld: 0 };
    for (;;) {
      const pass = this.planDue();
      total.started += pass.started.length;
      total.skippedOld += pass.skippedOld.length;
      if (!pass.more || stopping()) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Approval mode: the article is not announced; each editor is told once (the dedupe key)
   * « Nouvel article n° 12 « … » — /publier 12 ou /ignorer 12 ». Marked announced so that the
   * question is not asked again; /publier still sends it.
   */
  #askApproval(articleId: number, now: Date): void {
    const article = this.#d.articles.get(articleId);
    if (!article) return;
    const words = catalogue(this.#d.config.language).replies;
    const timeout = this.#d.config.approvalTimeout;
    const deadline = timeout ? new Date(now.getTime() + timeout.minutes * 60_000) : null;
    const ask = words.approvalAsk(article.id, article.title);
    const body =
      timeout && deadline
        ? `${ask}\n${words.approvalDeadline(formatLocal(deadline, this.#d.config.timeZone, now), timeout.action)}`
        : ask;
    this.#d.transaction(() => {
      this.#d.approvals?.ask(article.id, now, deadline);
      for (const editor of this.#d.config.editors) {
        const chatId = chatIdOf(editor);
        if (!chatId) continue;
        this.#d.outbox.enqueue(
          { kind: "reply", recipient: chatId, body, dedupeKey: `approval:${article.id}:${chatId}` },
          now,
        );
      }
      this.#d.articles.markAnnounced(article.id, now);
    });
    this.#d.outbox.notifyEnqueued();
    this.#d.log.info({ article: article.id }, "article en attente d'approbation");
  }

  /** An editor's /ignorer: the article will not go out by itself; false if it was not waiting. */
  ignoreArticle(articleId: number, editor: string): boolean {
    return this.#d.approvals?.settle(articleId, "ignored", editor, this.#d.clock.now()) ?? false;
  }

  /**
   * APPROVAL_TIMEOUT: articles nobody handled in time are published or dropped as .env says;
   * every editor is told, and the audit says what the bot did on its own.
   */
  expireApprovals(now = this.#d.clock.now()): { started: StartedBroadcast[]; dropped: number[] } {
    const timeout = this.#d.config.approvalTimeout;
    const started: StartedBroadcast[] = [];
    const dropped: number[] = [];
    const { approvals } = this.#d;
    if (!timeout || !approvals) return { started, dropped };
    const words = catalogue(this.#d.config.language).replies;
    for (const waiting of approvals.expired(now)) {
      const id = waiting.articleId;
      const article = this.#d.articles.get(id);
      const publish = timeout.action === "publish" && article?.status === "published";
      let broadcastId: number | null = null;
      let detail = "dropped";
      try {
        this.#d.transaction(() => {
          approvals.settle(id, publish ? "timeout-published" : "timeout-dropped", "auto", now);
          if (publish) {
            const result = this.broadcastArticle(id, "approval-timeout");
            if ("broadcast" in result) {
              broadcastId = result.broadcast.id;
              started.push(result);
            } else {
              broadcastId = result.id;
            }
            detail = `published: broadcast ${broadcastId}`;
          } else {
            dropped.push(id);
          }
        });
      } catch (error) {
        this.#d.log.error(
          { err: error, article: id },
          "délai d'approbation : publication impossible",
        );
        approvals.settle(id, "timeout-dropped", "auto", now);
        detail = `not published: ${(error as Error).message}`;
        dropped.push(id);
      }
      this.#d.audit?.record(
        {
          actor: "APPROVAL_TIMEOUT",
          via: "auto",
          action: "approval-timeout",
          target: String(id),
          outcome: "ok",
          detail: `${detail} after ${timeout.minutes} min`,
        },
        now,
      );
      if (article) {
        const body = words.approvalTimedOut(
          id,
          article.title,
          broadcastId === null ? "drop" : "publish",
          timeout.minutes,
          broadcastId,
        );
        for (const editor of this.#d.config.editors) {
          const chatId = chatIdOf(editor);
          if (!chatId) continue;
          this.#d.outbox.enqueue(
            {
              kind: "reply",
              recipient: chatId,
              body,
              dedupeKey: `approval-timeout:${id}:${chatId}`,
            },
            now,
          );
        }
      }
      this.#d.log.info({ article: id, detail }, "délai d'approbation écoulé");
    }
    if (started.length > 0 || dropped.length > 0) this.#d.outbox.notifyEnqueued();
    return { started, dropped };
  }

  /**
   * Queues today's digest for daily-mode readers whose hour has come (within 3 h after it):
   * the newest articles in their rubrics since their last digest, one message. A reader with
   * nothing new gets nothing, and is marked done for the day.
   */
  planDigests(): { queued: number; empty: number } {
    const { config, clock, subscribers, outbox } = this.#d;
    const now = clock.now();
    const tz = config.timeZone;
    const p = localParts(now, tz);
    const nowMinutes = p.hour * 60 + p.minute;
    const from = Math.max(0, nowMinutes - DIGEST_WINDOW_MINUTES);
    const hhmm = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    const { start: dayStart } = localDayRange(now, tz);
    const readers = subscribers.digestReaders({
      from: hhmm(from),
      to: hhmm(nowMinutes),
      defaultTime: config.sending.digestTime,
      dayStart,
    });
    let queued = 0;
    let empty = 0;
    const day = localDay(now, tz);
    this.#d.transaction(() => {
      for (const reader of readers) {
        const since = reader.lastDigestAt ?? new Date(now.getTime() - 24 * 3600_000);
        const ids = this.#d.articles.digestArticleIds(reader.id, since, now, DIGEST_SIZE);
        const articles = ids
          .map((id) => this.#d.articles.get(id))
          .filter((a): a is StoredArticle => a !== null);
        if (articles.length > 0) {
          const id = outbox.enqueue(
            {
              kind: "digest",
              recipient: reader.chatId,
              body: digestBody(articles, now, this.#ctx(reader.language)),
              dedupeKey: `digest:${reader.chatId}:${day}`,
            },
            now,
          );
          if (id !== null) {
            queued++;
            this.#d.conversation?.remember(
              reader.chatId,
              { kind: "articles", items: articles.map((a) => a.id) },
              now,
            );
          }
        } else {
          empty++;
        }
        subscribers.markDigest(reader.id, now);
      }
    });
    if (queued > 0) this.#d.log.info({ queued, empty }, "résumés du jour mis en file");
    return { queued, empty };
  }

  /** When alerts queued now may go: now, or the end of the quiet hours. */
  alertTime(now: Date): Date {
    return nextAllowedTime(now, this.#d.config.sending.quietHours, this.#d.config.timeZone);
  }

  /** Whether the article's Channel post was ever queued (it is then never queued again). */
  channelPosted(articleId: number): boolean {
    return this.#d.outbox.hasDedupeKey(channelKey(articleId));
  }

  /**
   * What a broadcast would send if started now (for a confirmation or a scheduled one's
   * receipt): the Channel post and the readers not sent this article before (dedupe keys),
   * and how many of its readers were (`already`).
   */
  estimate(articleId: number | null): { channel: boolean; recipients: number; already: number } {
    const { subscribers, articles } = this.#d;
    const audience = subscribers.instantAudience(articleId);
    if (articleId === null) {
      return { channel: this.channelTakes(null), recipients: audience, already: 0 };
    }
    const article = articles.get(articleId);
    const channel = this.channelTakes(article?.categories ?? []) && !this.channelPosted(articleId);
    const already = audience === 0 ? 0 : subscribers.alreadyAlerted(articleId);
    return { channel, recipients: audience - already, already };
  }

  /** Queues a broadcast's Channel post and alerts (inside the caller's transaction). */
  #start(broadcast: Broadcast, now: Date): StartedBroadcast {
    const { config, outbox, subscribers, broadcasts, articles } = this.#d;
    const notBefore = this.alertTime(now);
    let channel = false;
    let fan: { queued: number; audience: number };
    if (broadcast.kind === "article" && broadcast.articleId !== null) {
      const article = this.broadcastableArticle(broadcast.articleId);
      if (this.channelTakes(article.categories)) {
        channel =
          outbox.enqueue(
            {
              kind: "channel",
              recipient: CHANNEL,
              articleId: article.id,
              broadcastId: broadcast.id,
              body: channelBody(article, this.#ctx(config.language)),
              dedupeKey: channelKey(article.id),
            },
            now,
          ) !== null;
      }
      const audience = subscribers.instantAudience(article.id);
      const queued = outbox.queueArticleAlerts({
        articleId: article.id,
        broadcastId: broadcast.id,
        bodies: {
          fr: alertBody(article, this.#ctx("fr")),
          en: alertBody(article, this.#ctx("en")),
        },
        notBefore,
        day: localDayRange(notBefore, config.timeZone),
        cap: config.sending.alertsPerDay,
        now,
      });
      fan = { queued, audience };
      articles.markAnnounced(article.id, now);
    } else {
      const text = broadcast.text ?? broadcast.label;
      if (this.channelTakes(null)) {
        channel =
          outbox.enqueue(
            {
              kind: "channel",
              recipient: CHANNEL,
              broadcastId: broadcast.id,
              body: breakingBody(text, this.#ctx(config.language), "channel"),
              dedupeKey: `channel:b${broadcast.id}`,
            },
            now,
          ) !== null;
      }
      const audience = subscribers.instantAudience(null);
      // Held back by the quiet hours, the alert says when it was written.
      const written =
        notBefore.getTime() > now.getTime() ? formatLocal(now, config.timeZone, notBefore) : null;
      const queued = outbox.queueBreakingAlerts({
        broadcastId: broadcast.id,
        bodies: {
          fr: breakingBody(text, this.#ctx("fr"), "reader", written),
          en: breakingBody(text, this.#ctx("en"), "reader", written),
        },
        notBefore,
        now,
      });
      fan = { queued, audience };
    }
    // Readers already alerted about this article (a re-publish) are neither queued nor capped.
    const capped =
      broadcast.kind === "article"
        ? Math.max(0, fan.audience - fan.queued - this.#alreadyAlerted(broadcast))
        : 0;
    broadcasts.markStarted(broadcast.id, now, { channel, recipients: fan.queued, capped });
    outbox.notifyEnqueued();
    this.#d.log.info(
      {
        broadcast: broadcast.id,
        article: broadcast.articleId,
        channel,
        recipients: fan.queued,
        capped,
        from: formatLocal(notBefore, config.timeZone, now),
      },
      "diffusion mise en file",
    );
    return {
      broadcast: broadcasts.get(broadcast.id) ?? broadcast,
      channel,
      recipients: fan.queued,
      capped,
      notBefore,
    };
  }

  #alreadyAlerted(broadcast: Broadcast): number {
    if (broadcast.articleId === null) return 0;
    return this.#d.outbox.alertsOfOtherBroadcasts(broadcast.articleId, broadcast.id);
  }

  #ctx(language: "fr" | "en"): templates.FormatContext {
    return {
      language,
      timeZone: this.#d.config.timeZone,
      channelLink: templates.channelLinkOf(this.#d.config.channel.invite),
    };
  }
}

/** The dedupe key of an article's Channel post: it goes to the Channel once. */
function channelKey(articleId: number): string {
  return `channel:${articleId}`;
}

// The only call sites of the lead's templates in delivery: change wording there, not here.
function channelBody(article: StoredArticle, ctx: templates.FormatContext): string {
  return templates.channelPost(article, ctx);
}
function alertBody(article: StoredArticle, ctx: templates.FormatContext): string {
  return templates.alert(article, ctx);
}
function breakingBody(
  text: string,
  ctx: templates.FormatContext,
  audience: "channel" | "reader" = "reader",
  writtenAt: string | null = null,
): string {
  return templates.breakingAlert(text, ctx, audience, writtenAt);
}
function digestBody(articles: StoredArticle[], now: Date, ctx: templates.FormatContext): string {
  return templates.digest(articles, now, ctx);
}
