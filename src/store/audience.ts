import type { Database, Statement } from "better-sqlite3";
import type { ReaderHealth } from "../dispatcher/dispatcher.ts";
import { PRIORITY } from "./outbox.ts";

/** A reader in daily mode whose digest may be due. */
export interface DigestReader {
  id: number;
  chatId: string;
  language: "fr" | "en";
  digestTime: string;
  lastDigestAt: Date | null;
}

export interface AlertFanOut {
  broadcastId: number;
  /** Same-language bodies: each reader gets the one in their language. */
  bodies: { fr: string; en: string };
  notBefore: Date;
  now: Date;
}

export interface ArticleFanOut extends AlertFanOut {
  articleId: number;
  /** The local day `[start, end)` of `notBefore`, and the cap of alerts per reader in it. */
  day: { start: Date; end: Date };
  cap: number;
}

/** Who was queued, and who would have been without the daily cap. */
export interface FanOutResult {
  queued: number;
  audience: number;
}

// Who may receive anything unasked: opted in, not stopped, not unreachable.
const ACTIVE = "s.opted_in_at IS NOT NULL AND s.stopped_at IS NULL AND s.unreachable_at IS NULL";
const FOLLOWS_ARTICLE = `s.id IN (SELECT f.subscriber_id FROM follows f WHERE f.category_key IN
  (SELECT c.category_key FROM article_categories c WHERE c.article_id = @articleId))`;

/**
 * Who receives what, read straight from the subscribers and follows tables (the conversation
 * module writes them): alert fan-out in one statement, digest readers, and readers' health.
 */
export class Audience implements ReaderHealth {
  readonly #db: Database;
  readonly #failure: Statement<
    [{ chatId: string; now: number; threshold: number }],
    { unreachable_at: number | null; permanent_failures: number }
  >;
  readonly #success: Statement<[string]>;
  readonly #articleAlerts: Statement;
  readonly #articleAudience: Statement;
  readonly #breaking: Statement;
  readonly #breakingAudience: Statement;

  constructor(db: Database) {
    this.#db = db;
    this.#failure = db.prepare(
      `UPDATE subscribers SET permanent_failures = permanent_failures + 1,
         unreachable_at = CASE
           WHEN unreachable_at IS NULL AND permanent_failures + 1 >= @threshold THEN @now
           ELSE unreachable_at END
       WHERE chat_id = @chatId
       RETURNING unreachable_at, permanent_failures`,
    );
    this.#success = db.prepare(
      "UPDATE subscribers SET permanent_failures = 0 WHERE chat_id = ? AND permanent_failures > 0",
    );
    // One INSERT … SELECT queues every alert of an article: the fan-out to 100,000 readers is a
    // single statement. The dedupe key makes a second run (or a re-publish) queue nobody twice.
    this.#articleAlerts = db.prepare(
      `INSERT OR IGNORE INTO outbox (kind, priority, recipient, article_id, broadcast_id, body,
         not_before, dedupe_key, created_at, updated_at)
       SELECT 'alert', ${PRIORITY.alert}, s.chat_id, @articleId, @broadcastId,
         CASE s.language WHEN 'en' THEN @bodyEn ELSE @bodyFr END,
         @notBefore, 'alert:' || s.chat_id || ':' || @articleId, @now, @now
       FROM subscribers s
       WHERE ${ACTIVE} AND s.mode = 'instant' AND ${FOLLOWS_ARTICLE}
         AND (SELECT count(*) FROM outbox o
              WHERE o.kind = 'alert' AND o.recipient = s.chat_id
                AND o.not_before >= @dayStart AND o.not_before < @dayEnd
                AND o.state NOT IN ('dead', 'cancelled')) < @cap
       ORDER BY s.id`,
    );
    this.#articleAudience = db.prepare(
      `SELECT count(*) FROM subscribers s
       WHERE ${ACTIVE} AND s.mode = 'instant' AND ${FOLLOWS_ARTICLE}`,
    );
    this.#breaking = db.prepare(
      `INSERT OR IGNORE INTO outbox (kind, priority, recipient, article_id, broadcast_id, body,
         not_before, dedupe_key, created_at, updated_at)
       SELECT 'alert', ${PRIORITY.alert}, s.chat_id, NULL, @broadcastId,
         CASE s.language WHEN 'en' THEN @bodyEn ELSE @bodyFr END,
         @notBefore, 'alert:' || s.chat_id || ':b' || @broadcastId, @now, @now
       FROM subscribers s WHERE ${ACTIVE} AND s.mode = 'instant'
       ORDER BY s.id`,
    );
    this.#breakingAudience = db.prepare(
      `SELECT count(*) FROM subscribers s WHERE ${ACTIVE} AND s.mode = 'instant'`,
    );
  }

  /**
   * Queues one alert per opted-in instant-mode reader following one of the article's rubrics,
   * skipping readers who reached the daily cap for the day the alert goes out.
   */
  queueArticleAlerts(f: ArticleFanOut): FanOutResult {
    const audience = this.#articleAudience.pluck().get({ articleId: f.articleId }) as number;
    const queued = this.#articleAlerts.run({
      articleId: f.articleId,
      broadcastId: f.broadcastId,
      bodyFr: f.bodies.fr,
      bodyEn: f.bodies.en,
      notBefore: f.notBefore.getTime(),
      dayStart: f.day.start.getTime(),
      dayEnd: f.day.end.getTime(),
      cap: f.cap,
      now: f.now.getTime(),
    }).changes;
    return { queued, audience };
  }

  /** Queues an editor's breaking alert to every opted-in instant-mode reader (no cap). */
  queueBreakingAlerts(f: AlertFanOut): FanOutResult {
    const audience = this.#breakingAudience.pluck().get() as number;
    const queued = this.#breaking.run({
      broadcastId: f.broadcastId,
      bodyFr: f.bodies.fr,
      bodyEn: f.bodies.en,
      notBefore: f.notBefore.getTime(),
      now: f.now.getTime(),
    }).changes;
    return { queued, audience };
  }

  /**
   * Daily-mode readers whose digest hour (HH:MM, theirs or the default) is in `[from, to]`
   * of the local day and who had no digest since `dayStart`.
   */
  digestReaders(q: {
    from: string;
    to: string;
    defaultTime: string;
    dayStart: Date;
  }): DigestReader[] {
    const rows = this.#db
      .prepare(
        `SELECT s.id, s.chat_id AS chatId, s.language,
           coalesce(s.digest_time, @defaultTime) AS digestTime, s.last_digest_at AS last
         FROM subscribers s
         WHERE ${ACTIVE} AND s.mode = 'daily'
           AND coalesce(s.digest_time, @defaultTime) BETWEEN @from AND @to
           AND (s.last_digest_at IS NULL OR s.last_digest_at < @dayStart)
         ORDER BY s.id`,
      )
      .all({ ...q, dayStart: q.dayStart.getTime() }) as (Omit<DigestReader, "lastDigestAt"> & {
      last: number | null;
    })[];
    return rows.map(({ last, ...r }) => ({
      ...r,
      lastDigestAt: last === null ? null : new Date(last),
    }));
  }

  /**
   * The newest published articles in `(since, now]` in the reader's rubrics (every rubric when
   * they follow none): what their digest lists.
   */
  digestArticleIds(subscriberId: number, since: Date, now: Date, limit: number): number[] {
    return this.#db
      .prepare(
        `SELECT a.id FROM articles a
         WHERE a.status = 'published' AND a.published_at > @since AND a.published_at <= @now
           AND (NOT EXISTS (SELECT 1 FROM follows WHERE subscriber_id = @sid)
                OR a.id IN (SELECT c.article_id FROM article_categories c
                            JOIN follows f ON f.category_key = c.category_key
                            WHERE f.subscriber_id = @sid))
         ORDER BY a.published_at DESC, a.id DESC LIMIT @limit`,
      )
      .pluck()
      .all({ sid: subscriberId, since: since.getTime(), now: now.getTime(), limit }) as number[];
  }

  /** Today's digest was handled for this reader (sent, or nothing new to send). */
  markDigest(subscriberId: number, at: Date): void {
    this.#db
      .prepare("UPDATE subscribers SET last_digest_at = ? WHERE id = ?")
      .run(at.getTime(), subscriberId);
  }

  /** Readers by state, for /stats. */
  counts(): { optedIn: number; instant: number; daily: number; stopped: number } {
    return this.#db
      .prepare(
        `SELECT
           coalesce(sum(opted_in_at IS NOT NULL AND stopped_at IS NULL), 0) AS optedIn,
           coalesce(sum(opted_in_at IS NOT NULL AND stopped_at IS NULL AND mode = 'instant'), 0)
             AS instant,
           coalesce(sum(opted_in_at IS NOT NULL AND stopped_at IS NULL AND mode = 'daily'), 0)
             AS daily,
           coalesce(sum(stopped_at IS NOT NULL), 0) AS stopped
         FROM subscribers`,
      )
      .get() as { optedIn: number; instant: number; daily: number; stopped: number };
  }

  /** Counts a permanent failure; true when the reader just became unreachable. */
  recordPermanentFailure(chatId: string, now: Date, threshold: number): boolean {
    const row = this.#failure.get({ chatId, now: now.getTime(), threshold });
    return (
      row !== undefined &&
      row.unreachable_at === now.getTime() &&
      row.permanent_failures === threshold
    );
  }

  /** A message went through: the failure count starts again. */
  recordSuccess(chatId: string): void {
    this.#success.run(chatId);
  }
}
