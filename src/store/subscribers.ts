import type { Database, Statement } from "better-sqlite3";
import { mayReceive } from "../domain/reader.ts";
import { fold } from "../lib/fold.ts";

export type Language = "fr" | "en";
export type DeliveryMode = "instant" | "daily";

/** A reader who wrote to the bot, and what they asked to receive. */
export interface Subscriber {
  id: number;
  chatId: string;
  language: Language;
  /** Explicit opt-in time ("abonner"); null = never subscribed, or erased. */
  optedInAt: Date | null;
  /** "stop" time; kept after an erase so the opt-out is still honoured. */
  stoppedAt: Date | null;
  mode: DeliveryMode;
  /** HH:MM for the daily digest; null = the newsroom default. */
  digestTime: string | null;
  lastDigestAt: Date | null;
  unreachableAt: Date | null;
  permanentFailures: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Opted in, not stopped, not unreachable: may receive alerts and digests. */
  active: boolean;
}

interface SubscriberRow {
  id: number;
  chat_id: string;
  language: Language;
  opted_in_at: number | null;
  stopped_at: number | null;
  mode: DeliveryMode;
  digest_time: string | null;
  last_digest_at: number | null;
  unreachable_at: number | null;
  permanent_failures: number;
  first_seen_at: number;
  last_seen_at: number;
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

function toSubscriber(row: SubscriberRow): Subscriber {
  const subscriber: Subscriber = {
    id: row.id,
    chatId: row.chat_id,
    language: row.language,
    optedInAt: date(row.opted_in_at),
    stoppedAt: date(row.stopped_at),
    mode: row.mode,
    digestTime: row.digest_time,
    lastDigestAt: date(row.last_digest_at),
    unreachableAt: date(row.unreachable_at),
    permanentFailures: row.permanent_failures,
    firstSeenAt: new Date(row.first_seen_at),
    lastSeenAt: new Date(row.last_seen_at),
    active: false,
  };
  subscriber.active = mayReceive(subscriber);
  return subscriber;
}

/**
 * The "may receive" rule of src/domain/reader.ts as SQL over the subscribers row `alias`:
 * opted in, not stopped, reachable. Fan-outs and counts run it over every reader at once.
 */
export function mayReceiveSql(alias: string): string {
  return `${alias}.opted_in_at IS NOT NULL AND ${alias}.stopped_at IS NULL AND ${alias}.unreachable_at IS NULL`;
}
const ACTIVE = mayReceiveSql("s");

/** A reader in daily mode whose digest may be due. */
export interface DigestReader {
  id: number;
  chatId: string;
  language: Language;
  digestTime: string;
  lastDigestAt: Date | null;
}

/** Readers by state, for /stats. */
export interface ReaderCounts {
  optedIn: number;
  instant: number;
  daily: number;
  stopped: number;
}

/** The subscriber `s` follows one of the rubrics of article `@articleId`. */
export const FOLLOWS_ARTICLE = `s.id IN (SELECT f.subscriber_id FROM follows f WHERE f.category_key IN
  (SELECT c.category_key FROM article_categories c WHERE c.article_id = @articleId))`;

/** last_seen_at is kept to the minute. */
const SEEN_RESOLUTION_MS = 60_000;

/** Broadcast kinds a reader's "stop" or erase cancels in the outbox (replies still go). */
const BROADCAST_KINDS = "('alert', 'digest')";

/**
 * The subscribers and follows tables: readers, their opt-in, language, mode and rubrics as the
 * conversation writes them; who is due a digest and how many would get an alert, as the
 * planner reads them; readers' health (permanent failures) as the dispatcher records it.
 */
export class SubscribersRepo {
  readonly #db: Database;
  // Every inbound message reads and touches its reader: these run once per message.
  readonly #get: Statement<[string], SubscriberRow>;
  readonly #seen: Statement<[number, string], SubscriberRow>;
  readonly #create: Statement<[string, Language, number, number], SubscriberRow>;
  readonly #follows: Statement<[string], string>;
  readonly #failure: Statement<
    [{ chatId: string; now: number; threshold: number }],
    { unreachable_at: number | null; permanent_failures: number }
  >;
  readonly #success: Statement<[string]>;
  readonly #articleAudience: Statement<{ articleId: number }, number>;
  readonly #instantAudience: Statement<[], number>;

  constructor(db: Database) {
    this.#db = db;
    this.#get = db.prepare("SELECT * FROM subscribers WHERE chat_id = ?");
    this.#seen = db.prepare(
      "UPDATE subscribers SET last_seen_at = ? WHERE chat_id = ? RETURNING *",
    );
    this.#create = db.prepare(
      `INSERT INTO subscribers (chat_id, language, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?) ON CONFLICT (chat_id) DO NOTHING RETURNING *`,
    );
    this.#follows = db
      .prepare<[string], string>(
        `SELECT f.category_key FROM follows f JOIN subscribers s ON s.id = f.subscriber_id
         WHERE s.chat_id = ? ORDER BY f.category_key`,
      )
      .pluck();
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
    this.#articleAudience = db
      .prepare<{ articleId: number }, number>(
        `SELECT count(*) FROM subscribers s
         WHERE ${ACTIVE} AND s.mode = 'instant' AND ${FOLLOWS_ARTICLE}`,
      )
      .pluck();
    this.#instantAudience = db
      .prepare<[], number>(
        `SELECT count(*) FROM subscribers s WHERE ${ACTIVE} AND s.mode = 'instant'`,
      )
      .pluck();
  }

  /** The reader behind a chat id, or null if they never wrote. */
  get(chatId: string): Subscriber | null {
    const row = this.#get.get(chatId);
    return row ? toSubscriber(row) : null;
  }

  /**
   * Records that a chat wrote now (to the minute); creates the reader (not subscribed) on a first
   * message. A reader writing again within a minute costs a read, not a write: every write is a
   * commit and WAL pages on the path of every reply.
   */
  touch(chatId: string, now: Date, language: Language): { subscriber: Subscriber; isNew: boolean } {
    const t = now.getTime();
    const known = this.#get.get(chatId);
    if (known && t >= known.last_seen_at && t - known.last_seen_at < SEEN_RESOLUTION_MS) {
      return { subscriber: toSubscriber(known), isNew: false };
    }
    const seen = known ? this.#seen.get(t, chatId) : undefined;
    if (seen) return { subscriber: toSubscriber(seen), isNew: false };
    const created = this.#create.get(chatId, language, t, t);
    if (created) return { subscriber: toSubscriber(created), isNew: true };
    // Created meanwhile by another process (or erased and recreated): it exists now.
    const row = this.#seen.get(t, chatId);
    if (!row) throw new Error(`subscriber not found: ${chatId.slice(0, 4)}…`);
    return { subscriber: toSubscriber(row), isNew: false };
  }

  /** Explicit opt-in: records its time and lifts an earlier stop. */
  subscribe(chatId: string, now: Date): Subscriber {
    this.#db
      .prepare(
        `UPDATE subscribers SET opted_in_at = ?, stopped_at = NULL, unreachable_at = NULL,
           permanent_failures = 0 WHERE chat_id = ?`,
      )
      .run(now.getTime(), chatId);
    return this.#require(chatId);
  }

  /**
   * "stop", honoured at once: nothing more is sent but the confirmation. Alerts and digests
   * already queued for this chat are cancelled in the same transaction (a message already being
   * sent cannot be recalled).
   */
  stop(chatId: string, now: Date): { subscriber: Subscriber; cancelled: number } {
    return this.#db.transaction(() => {
      this.#db
        .prepare("UPDATE subscribers SET stopped_at = coalesce(stopped_at, ?) WHERE chat_id = ?")
        .run(now.getTime(), chatId);
      const cancelled = this.#cancelQueuedBroadcasts(chatId, now);
      return { subscriber: this.#require(chatId), cancelled };
    })();
  }

  setLanguage(chatId: string, language: Language): Subscriber {
    this.#db.prepare("UPDATE subscribers SET language = ? WHERE chat_id = ?").run(language, chatId);
    return this.#require(chatId);
  }

  /** Instant alerts, or a daily digest at `digestTime` (null keeps the newsroom default). */
  setMode(chatId: string, mode: DeliveryMode, digestTime: string | null): Subscriber {
    this.#db
      .prepare("UPDATE subscribers SET mode = ?, digest_time = ? WHERE chat_id = ?")
      .run(mode, mode === "daily" ? digestTime : null, chatId);
    return this.#require(chatId);
  }

  /** Follows a rubric (compared folded); false if it was already followed. */
  follow(chatId: string, rubric: string, now: Date): boolean {
    const sub = this.#require(chatId);
    return (
      this.#db
        .prepare(
          `INSERT OR IGNORE INTO follows (subscriber_id, category_key, created_at) VALUES (?, ?, ?)`,
        )
        .run(sub.id, fold(rubric), now.getTime()).changes > 0
    );
  }

  /** Stops following a rubric; false if it was not followed. */
  unfollow(chatId: string, rubric: string): boolean {
    const sub = this.#require(chatId);
    return (
      this.#db
        .prepare("DELETE FROM follows WHERE subscriber_id = ? AND category_key = ?")
        .run(sub.id, fold(rubric)).changes > 0
    );
  }

  /** The folded rubric keys a reader follows, alphabetically. */
  follows(chatId: string): string[] {
    return this.#follows.all(chatId);
  }

  /**
   * "supprimer mes données": erases everything about the reader except the opt-out needed to
   * honour it (the chat id and the stop time). Follows, context, preferences and the history of
   * messages sent to them go; queued broadcasts are cancelled.
   */
  erase(chatId: string, now: Date): void {
    this.#db.transaction(() => {
      const sub = this.get(chatId);
      if (!sub) return;
      this.#db.prepare("DELETE FROM follows WHERE subscriber_id = ?").run(sub.id);
      this.#db.prepare("DELETE FROM conversation_context WHERE chat_id = ?").run(chatId);
      this.#cancelQueuedBroadcasts(chatId, now);
      // Message ids embed the reader's number: their receipts go, and their other ids.
      this.#db
        .prepare(
          `DELETE FROM receipts WHERE transport_id IN
             (SELECT transport_id FROM outbox WHERE recipient = ? AND transport_id IS NOT NULL)`,
        )
        .run(chatId);
      this.#db.prepare("DELETE FROM reader_aliases WHERE chat_id = ?").run(chatId);
      // Finished messages to this chat are personal data (what they read, searched).
      this.#db
        .prepare(
          `DELETE FROM outbox WHERE recipient = ?
           AND state IN ('sent', 'failed', 'dead', 'cancelled')`,
        )
        .run(chatId);
      this.#db
        .prepare(
          `UPDATE subscribers SET language = 'fr', opted_in_at = NULL,
             stopped_at = coalesce(stopped_at, @now), mode = 'instant', digest_time = NULL,
             last_digest_at = NULL, unreachable_at = NULL, permanent_failures = 0,
             first_seen_at = @now, last_seen_at = @now
           WHERE chat_id = @chatId`,
        )
        .run({ now: now.getTime(), chatId });
    })();
  }

  /**
   * How many readers an article's alerts would reach (instant mode, following one of its
   * rubrics, allowed to receive); `null`: an editor's breaking alert (every instant reader).
   */
  instantAudience(articleId: number | null): number {
    return articleId === null
      ? (this.#instantAudience.get() ?? 0)
      : (this.#articleAudience.get({ articleId }) ?? 0);
  }

  /**
   * Readers of an article's instant audience who were already queued its alert (by any of its
   * broadcasts, whatever became of it): publishing it again queues them nothing.
   */
  alreadyAlerted(articleId: number): number {
    // An article's alerts are only queued by its broadcasts: reached through their index.
    return this.#db
      .prepare<{ articleId: number }, number>(
        `SELECT count(*) FROM outbox o JOIN subscribers s ON s.chat_id = o.recipient
         WHERE o.broadcast_id IN (SELECT id FROM broadcasts WHERE article_id = @articleId)
           AND o.kind = 'alert' AND o.article_id = @articleId
           AND ${ACTIVE} AND s.mode = 'instant' AND ${FOLLOWS_ARTICLE}`,
      )
      .pluck()
      .get({ articleId }) as number;
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

  /** Today's digest was handled for this reader (sent, or nothing new to send). */
  markDigest(subscriberId: number, at: Date): void {
    this.#db
      .prepare("UPDATE subscribers SET last_digest_at = ? WHERE id = ?")
      .run(at.getTime(), subscriberId);
  }

  /** Readers by state, for /stats. */
  counts(): ReaderCounts {
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
      .get() as ReaderCounts;
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

  #cancelQueuedBroadcasts(chatId: string, now: Date): number {
    return this.#db
      .prepare(
        `UPDATE outbox SET state = 'cancelled', last_error = 'reader stopped', updated_at = ?
         WHERE recipient = ? AND state IN ('queued', 'failed') AND kind IN ${BROADCAST_KINDS}`,
      )
      .run(now.getTime(), chatId).changes;
  }

  #require(chatId: string): Subscriber {
    const sub = this.get(chatId);
    if (!sub) throw new Error(`subscriber not found: ${chatId.slice(0, 4)}…`);
    return sub;
  }
}
