import type { Database } from "better-sqlite3";
import { AppError } from "../domain/errors.ts";

/** One reported problem of a feed's last poll (same shape as the parser's ItemProblem). */
export interface FeedProblem {
  position: number;
  title: string | null;
  reason: string;
  skipped: boolean;
}

export type FeedStatus = "ok" | "not-modified" | "error";

/** A feed source and its polling state. */
export interface Feed {
  id: number;
  url: string;
  addedUrl: string;
  title: string | null;
  category: string | null;
  intervalMs: number;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: Date | null;
  lastSuccessAt: Date | null;
  firstSuccessAt: Date | null;
  lastStatus: FeedStatus | null;
  lastHttpStatus: number | null;
  lastError: string | null;
  lastProblems: FeedProblem[];
  lastItemCount: number | null;
  /** Articles this feed brought that the store did not have (all polls). */
  articlesNew: number;
  consecutiveFailures: number;
  nextPollAt: Date;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What one poll changes on a feed. */
export interface FeedPollUpdate {
  status: FeedStatus;
  httpStatus: number | null;
  error: string | null;
  nextPollAt: Date;
  consecutiveFailures: number;
  /** The feed answered (200 or 304): success times are set, a disabled feed is re-enabled. */
  success: boolean;
  /** Moved permanently: the new address. */
  url?: string | undefined;
  title?: string | null | undefined;
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
  problems?: FeedProblem[] | undefined;
  itemCount?: number | undefined;
  newArticles?: number | undefined;
  /** Too many failures: the poller stops polling it until an operator acts. */
  disabledReason?: string | undefined;
}

/** A feed with this address is already registered. */
export class FeedExistsError extends AppError {
  constructor(readonly feed: Feed) {
    super("FEED_EXISTS", `Ce flux est déjà suivi (n° ${feed.id}) : ${feed.url}`);
  }
}

interface FeedRow {
  id: number;
  url: string;
  added_url: string;
  title: string | null;
  category: string | null;
  interval_ms: number;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: number | null;
  last_success_at: number | null;
  first_success_at: number | null;
  last_status: FeedStatus | null;
  last_http_status: number | null;
  last_error: string | null;
  last_problems: string;
  last_item_count: number | null;
  articles_new: number;
  consecutive_failures: number;
  next_poll_at: number;
  disabled_at: number | null;
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
}

// Keeps a broken feed's report readable in `feeds list` and bounded in the database.
const MAX_STORED_PROBLEMS = 50;

/** The feeds table: sources to poll and what happened at their last poll. */
export class FeedsRepo {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Registers a feed, polled at once. Throws FeedExistsError for a known address. */
  add(input: { url: string; category?: string | null; intervalMs: number }, now: Date): Feed {
    const existing = this.findByUrl(input.url);
    if (existing) throw new FeedExistsError(existing);
    const id = Number(
      this.#db
        .prepare(
          `INSERT INTO feeds (url, added_url, category, interval_ms, next_poll_at, created_at, updated_at)
           VALUES (@url, @url, @category, @interval, @now, @now, @now)`,
        )
        .run({
          url: input.url,
          category: input.category ?? null,
          interval: input.intervalMs,
          now: now.getTime(),
        }).lastInsertRowid,
    );
    return this.get(id) as Feed;
  }

  get(id: number): Feed | null {
    if (!Number.isSafeInteger(id)) return null;
    const row = this.#db.prepare<[number], FeedRow>("SELECT * FROM feeds WHERE id = ?").get(id);
    return row ? toFeed(row) : null;
  }

  /** By current address or by the address it was added with (before a permanent redirect). */
  findByUrl(url: string): Feed | null {
    const row = this.#db
      .prepare<[string, string], FeedRow>(
        "SELECT * FROM feeds WHERE url = ? OR added_url = ? ORDER BY id LIMIT 1",
      )
      .get(url, url);
    return row ? toFeed(row) : null;
  }

  list(): Feed[] {
    return this.#db.prepare<[], FeedRow>("SELECT * FROM feeds ORDER BY id").all().map(toFeed);
  }

  /** Removes a feed; its articles stay in the store. */
  remove(id: number): boolean {
    return this.#db.prepare("DELETE FROM feeds WHERE id = ?").run(id).changes > 0;
  }

  /** Enabled feeds whose next poll time has come, the most overdue first. */
  due(now: Date): Feed[] {
    return this.#db
      .prepare<[number], FeedRow>(
        "SELECT * FROM feeds WHERE disabled_at IS NULL AND next_poll_at <= ? ORDER BY next_poll_at, id",
      )
      .all(now.getTime())
      .map(toFeed);
  }

  /** Enabled feeds, for a manual "poll everything now". */
  enabled(): Feed[] {
    return this.#db
      .prepare<[], FeedRow>("SELECT * FROM feeds WHERE disabled_at IS NULL ORDER BY id")
      .all()
      .map(toFeed);
  }

  /** Stores the outcome of one poll. */
  recordPoll(id: number, update: FeedPollUpdate, now: Date): Feed | null {
    const t = now.getTime();
    this.#db.transaction(() => {
      const set: string[] = [
        "last_polled_at = @now",
        "last_status = @status",
        "last_http_status = @httpStatus",
        "last_error = @error",
        "next_poll_at = @nextPollAt",
        "consecutive_failures = @failures",
        "updated_at = @now",
      ];
      const params: Record<string, unknown> = {
        id,
        now: t,
        status: update.status,
        httpStatus: update.httpStatus,
        error: update.error,
        nextPollAt: update.nextPollAt.getTime(),
        failures: update.consecutiveFailures,
      };
      if (update.success) {
        set.push(
          "last_success_at = @now",
          "first_success_at = coalesce(first_success_at, @now)",
          "disabled_at = NULL",
          "disabled_reason = NULL",
        );
      }
      if (update.url !== undefined) {
        const taken = this.#db
          .prepare<[string, number], { id: number }>(
            "SELECT id FROM feeds WHERE url = ? AND id <> ?",
          )
          .get(update.url, id);
        if (!taken) {
          set.push("url = @url");
          params.url = update.url;
        }
      }
      const optional: [keyof FeedPollUpdate, string, (v: unknown) => unknown][] = [
        ["title", "title", (v) => v],
        ["etag", "etag", (v) => v],
        ["lastModified", "last_modified", (v) => v],
        [
          "problems",
          "last_problems",
          (v) => JSON.stringify((v as FeedProblem[]).slice(0, MAX_STORED_PROBLEMS)),
        ],
        ["itemCount", "last_item_count", (v) => v],
      ];
      for (const [key, column, convert] of optional) {
        if (update[key] === undefined) continue;
        set.push(`${column} = @${key}`);
        params[key] = convert(update[key]);
      }
      if (update.newArticles) {
        set.push("articles_new = articles_new + @newArticles");
        params.newArticles = update.newArticles;
      }
      if (update.disabledReason !== undefined) {
        set.push("disabled_at = @now", "disabled_reason = @disabledReason");
        params.disabledReason = update.disabledReason;
      }
      this.#db.prepare(`UPDATE feeds SET ${set.join(", ")} WHERE id = @id`).run(params);
    })();
    return this.get(id);
  }

  /** Stops polling a feed until it is enabled again. */
  disable(id: number, reason: string, now: Date): boolean {
    return (
      this.#db
        .prepare(
          "UPDATE feeds SET disabled_at = ?, disabled_reason = ?, updated_at = ? WHERE id = ?",
        )
        .run(now.getTime(), reason, now.getTime(), id).changes > 0
    );
  }

  /** Polls a disabled feed again, at once, with a clean failure count. */
  enable(id: number, now: Date): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE feeds SET disabled_at = NULL, disabled_reason = NULL, consecutive_failures = 0,
             next_poll_at = @now, updated_at = @now WHERE id = @id`,
        )
        .run({ id, now: now.getTime() }).changes > 0
    );
  }

  /** Changes how often a feed is polled (or its rubric). */
  update(id: number, patch: { intervalMs?: number; category?: string | null }, now: Date): boolean {
    const feed = this.get(id);
    if (!feed) return false;
    this.#db
      .prepare(
        "UPDATE feeds SET interval_ms = @interval, category = @category, updated_at = @now WHERE id = @id",
      )
      .run({
        id,
        interval: patch.intervalMs ?? feed.intervalMs,
        category: patch.category === undefined ? feed.category : patch.category,
        now: now.getTime(),
      });
    return true;
  }
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

function toFeed(row: FeedRow): Feed {
  return {
    id: row.id,
    url: row.url,
    addedUrl: row.added_url,
    title: row.title,
    category: row.category,
    intervalMs: row.interval_ms,
    etag: row.etag,
    lastModified: row.last_modified,
    lastPolledAt: date(row.last_polled_at),
    lastSuccessAt: date(row.last_success_at),
    firstSuccessAt: date(row.first_success_at),
    lastStatus: row.last_status,
    lastHttpStatus: row.last_http_status,
    lastError: row.last_error,
    lastProblems: JSON.parse(row.last_problems) as FeedProblem[],
    lastItemCount: row.last_item_count,
    articlesNew: row.articles_new,
    consecutiveFailures: row.consecutive_failures,
    nextPollAt: new Date(row.next_poll_at),
    disabledAt: date(row.disabled_at),
    disabledReason: row.disabled_reason,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
