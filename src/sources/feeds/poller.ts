import type { ArticleInput } from "../../domain/article.ts";
import { hasCode } from "../../domain/errors.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../log.ts";
import type { UpsertOutcome } from "../../store/articles.ts";
import type { Feed, FeedProblem, FeedStatus, FeedsRepo } from "../../store/feeds.ts";
import { redactText, redactUrl } from "./credentials.ts";
import { type DestinationPolicy, PUBLIC_ONLY } from "./destination.ts";
import { decodeFeedBytes } from "./encoding.ts";
import {
  FETCH_DEFAULTS,
  FeedFetchError,
  type FetchOptions,
  type FetchOutcome,
  fetchFeed,
} from "./fetch.ts";
import { HostLimiter } from "./host-limiter.ts";
import { claimItem, type ExistingArticle } from "./ownership.ts";
import { FeedParseError, parseFeed } from "./parse.ts";

/** Where feed items go: the foundation's Ingest (cleaning, summary, dedupe, store). */
export interface FeedImporter {
  importOne(
    input: ArticleInput,
    options?: { known?: boolean },
  ): { id: number; outcome: UpsertOutcome };
  /**
   * The stored article an item with this guid or url would replace, if any: lets a feed keep
   * to its own articles (see ownership.ts). Without it, items are imported as they come.
   */
  existing?(guid: string | null, url: string | null): ExistingArticle | null;
}

export interface PollerOptions {
  /** Feeds fetched at the same time (never two of one host). */
  concurrency: number;
  timeoutMs: number;
  maxBytes: number;
  /** Items read per poll; beyond, the newest are kept and the rest reported. */
  maxItems: number;
  /** Consecutive failed polls before a feed is disabled. */
  maxFailures: number;
  /** Longest wait between two polls of a failing feed. */
  maxBackoffMs: number;
  userAgent: string;
  /** How often `start()` looks for due feeds. */
  tickMs: number;
  /** Which hosts feeds may reach (FEEDS_ALLOW_HOSTS, FEEDS_ALLOW_PRIVATE): public ones only by default. */
  destinations: DestinationPolicy;
}

export const POLLER_DEFAULTS: PollerOptions = {
  concurrency: 4,
  timeoutMs: FETCH_DEFAULTS.timeoutMs,
  maxBytes: FETCH_DEFAULTS.maxBytes,
  maxItems: 500,
  maxFailures: 10,
  maxBackoffMs: 6 * 3_600_000,
  userAgent: FETCH_DEFAULTS.userAgent,
  tickMs: 30_000,
  destinations: PUBLIC_ONLY,
};

export interface FeedPollerDeps {
  feeds: FeedsRepo;
  importer: FeedImporter;
  clock: Clock;
  log: Logger;
  /** The HTTP side, replaceable in tests. */
  fetch?: (url: string, options: FetchOptions) => Promise<FetchOutcome>;
  /**
   * Called once when a feed is disabled after too many failures (or a 410), with the reason
   * in French: the hook for telling editors on WhatsApp.
   */
  onFeedDisabled?: (feed: Feed, reason: string) => void;
  /**
   * Called after a poll that stored articles new to the store (not the backlog): the hook for
   * announcing them at once rather than at the planner's next pass.
   */
  onNewArticles?: (ids: number[], feed: Feed) => void;
  options?: Partial<PollerOptions>;
}

/** What one poll of one feed did. */
export interface PollReport {
  feedId: number;
  url: string;
  status: FeedStatus;
  httpStatus: number | null;
  /** The first successful poll: items stored as already known, never broadcast. */
  backlog: boolean;
  imported: number;
  updated: number;
  unchanged: number;
  problems: FeedProblem[];
  error: string | null;
  movedTo: string | null;
  nextPollAt: Date;
  disabledReason: string | null;
  /** Ids of articles new to the store (not the backlog): what the planner may announce. */
  newIds: number[];
}

// An item dated well before the feed's first poll is backlog even if it shows up later (a feed
// that lists more items, a re-ordered feed). A day of margin absorbs sites with wrong zones.
const BACKLOG_MARGIN_MS = 24 * 3_600_000;

/**
 * Polls the registered feeds politely: each on its own interval, conditional requests, a few
 * in parallel but one at a time per host, exponential backoff after errors and, after too
 * many, the feed disabled with its reason. A feed's failure never stops the others.
 */
export class FeedPoller {
  readonly #deps: FeedPollerDeps;
  readonly #options: PollerOptions;
  readonly #limiter: HostLimiter;
  readonly #inFlight = new Set<number>();
  #timer: NodeJS.Timeout | null = null;
  #tick: Promise<unknown> | null = null;
  #stopped = true;

  constructor(deps: FeedPollerDeps) {
    this.#deps = deps;
    this.#options = { ...POLLER_DEFAULTS, ...deps.options };
    this.#limiter = new HostLimiter(this.#options.concurrency);
  }

  /** Polls every enabled feed whose time has come. */
  pollDue(): Promise<PollReport[]> {
    return this.#pollMany(this.#deps.feeds.due(this.#deps.clock.now()));
  }

  /** Polls every enabled feed now, due or not (the operator's `feeds poll`). */
  pollAll(): Promise<PollReport[]> {
    return this.#pollMany(this.#deps.feeds.enabled());
  }

  /** Polls one feed now, even a disabled one (a success enables it again). */
  async pollFeed(id: number): Promise<PollReport | null> {
    const feed = this.#deps.feeds.get(id);
    if (!feed) return null;
    const [report] = await this.#pollMany([feed]);
    return report ?? null;
  }

  /** Looks for due feeds now and every `tickMs` until `stop()`. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const loop = () => {
      this.#tick = this.pollDue()
        .catch((error: unknown) => this.#deps.log.error({ err: error }, "feed polling failed"))
        .finally(() => {
          this.#tick = null;
          if (!this.#stopped) {
            this.#timer = setTimeout(loop, this.#options.tickMs);
            this.#timer.unref();
          }
        });
    };
    loop();
  }

  /** Stops the loop and waits for the polls under way to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#tick;
  }

  async #pollMany(feeds: Feed[]): Promise<PollReport[]> {
    const runs = feeds
      .filter((feed) => !this.#inFlight.has(feed.id))
      .map((feed) => {
        this.#inFlight.add(feed.id);
        return this.#limiter
          .run(hostOf(feed.url), () => this.#pollSafely(feed))
          .finally(() => this.#inFlight.delete(feed.id));
      });
    const settled = await Promise.allSettled(runs);
    return settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  }

  /** One poll, with any unexpected error recorded as the feed's failure (never thrown). */
  async #pollSafely(stale: Feed): Promise<PollReport> {
    // Re-read: another poll may have changed validators or the address while this one waited.
    const feed = this.#deps.feeds.get(stale.id) ?? stale;
    try {
      return await this.#poll(feed);
    } catch (error) {
      this.#deps.log.error({ feed: feed.id, err: error }, "feed poll crashed");
      return this.#failure(
        feed,
        `erreur interne : ${redactText((error as Error).message)}`,
        null,
        {},
      );
    }
  }

  async #poll(feed: Feed): Promise<PollReport> {
    const { clock, log } = this.#deps;
    const fetcher = this.#deps.fetch ?? fetchFeed;
    let outcome: FetchOutcome;
    try {
      outcome = await fetcher(feed.url, {
        etag: feed.etag,
        lastModified: feed.lastModified,
        timeoutMs: this.#options.timeoutMs,
        maxBytes: this.#options.maxBytes,
        userAgent: this.#options.userAgent,
        now: clock.now(),
        destinations: this.#options.destinations,
      });
    } catch (error) {
      if (!(error instanceof FeedFetchError)) throw error;
      return this.#failure(feed, error.message, error.status, {
        permanent: error.permanent,
        retryAfterMs: error.retryAfterMs,
      });
    }
    const movedTo = outcome.movedTo && outcome.movedTo !== feed.url ? outcome.movedTo : null;
    if (movedTo) {
      log.info(
        { feed: feed.id, from: redactUrl(feed.url), url: redactUrl(movedTo) },
        "feed moved permanently",
      );
    }
    const movedAway = outcome.movedAway ? redactUrl(outcome.movedAway) : null;
    if (movedAway) {
      log.warn(
        { feed: feed.id, from: redactUrl(feed.url), url: movedAway },
        "feed moved to another site: address kept, update it by hand if the move is genuine",
      );
    }
    const base = { url: movedTo ?? undefined };

    if (outcome.kind === "not-modified") {
      const nextPollAt = this.#after(feed.intervalMs);
      const updated = this.#deps.feeds.recordPoll(
        feed.id,
        {
          ...base,
          status: "not-modified",
          httpStatus: 304,
          error: null,
          success: true,
          consecutiveFailures: 0,
          nextPollAt,
        },
        clock.now(),
      );
      log.debug({ feed: feed.id }, "feed not modified");
      return this.#report(updated ?? feed, {
        status: "not-modified",
        httpStatus: 304,
        movedTo,
        nextPollAt,
      });
    }

    const { text } = decodeFeedBytes(outcome.bytes, outcome.contentType);
    let parsed: ReturnType<typeof parseFeed>;
    try {
      parsed = parseFeed(text, { url: outcome.url, maxItems: this.#options.maxItems });
    } catch (error) {
      if (!(error instanceof FeedParseError)) throw error;
      return this.#failure(feed, (error as Error).message, outcome.status, {});
    }

    const backlog = feed.firstSuccessAt === null;
    const backlogBefore = feed.firstSuccessAt
      ? feed.firstSuccessAt.getTime() - BACKLOG_MARGIN_MS
      : Number.POSITIVE_INFINITY;
    const counts = { imported: 0, updated: 0, unchanged: 0 };
    const problems: FeedProblem[] = [...parsed.problems];
    if (movedAway) {
      problems.push({
        position: 0,
        title: null,
        reason: `le flux redirige définitivement vers un autre site (${movedAway}) : l'adresse enregistrée est gardée ; si le déménagement est réel, retirez le flux et ajoutez la nouvelle adresse`,
        skipped: false,
      });
    }
    const newIds: number[] = [];
    for (const [index, item] of parsed.items.entries()) {
      // Long feeds: let the other polls' network work proceed between items.
      if (index > 0 && index % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      const claim = this.#claim(withCategory(item, feed.category));
      if (claim.kind === "refused") {
        problems.push({ position: 0, title: item.title, reason: claim.reason, skipped: true });
        continue;
      }
      if (claim.kind === "unchanged") {
        counts.unchanged++;
        continue;
      }
      const input = claim.input;
      const known =
        backlog || (input.publishedAt?.getTime() ?? Number.POSITIVE_INFINITY) < backlogBefore;
      const result = this.#importItem(input, known);
      if ("reason" in result) {
        problems.push({ position: 0, title: input.title, reason: result.reason, skipped: true });
        continue;
      }
      counts[result.outcome]++;
      if (result.outcome === "imported" && !known) newIds.push(result.id);
    }

    const nextPollAt = this.#after(feed.intervalMs);
    const updated = this.#deps.feeds.recordPoll(
      feed.id,
      {
        ...base,
        status: "ok",
        httpStatus: outcome.status,
        error: null,
        success: true,
        consecutiveFailures: 0,
        nextPollAt,
        title: parsed.title,
        // A truncated document must not be answered 304 next time: keep no validators.
        etag: parsed.truncated ? null : outcome.validators.etag,
        lastModified: parsed.truncated ? null : outcome.validators.lastModified,
        problems,
        itemCount: parsed.total,
        newArticles: counts.imported,
      },
      clock.now(),
    );
    log.info(
      {
        feed: feed.id,
        items: parsed.total,
        ...counts,
        problems: problems.length,
        backlog,
      },
      "feed polled",
    );
    if (newIds.length > 0) {
      try {
        this.#deps.onNewArticles?.(newIds, updated ?? feed);
      } catch (error) {
        log.error({ feed: feed.id, err: error }, "onNewArticles failed");
      }
    }
    return this.#report(updated ?? feed, {
      status: "ok",
      httpStatus: outcome.status,
      movedTo,
      nextPollAt,
      backlog,
      ...counts,
      problems,
      newIds,
    });
  }

  /** Whether this feed may write the item (see ownership.ts); a lookup failure imports as before. */
  #claim(input: ArticleInput): ReturnType<typeof claimItem> {
    const existing = this.#deps.importer.existing?.(input.guid ?? null, input.url ?? null) ?? null;
    return claimItem(input, existing);
  }

  /** Imports one item; an item whose content cleans to nothing still gives its headline. */
  #importItem(
    input: ArticleInput,
    known: boolean,
  ): { id: number; outcome: UpsertOutcome } | { reason: string } {
    try {
      return this.#deps.importer.importOne(input, { known });
    } catch (error) {
      // The body could not be cleaned into anything: an item with a title is still news.
      if (hasCode(error, "ARTICLE_REJECTED") && (input.html || input.body !== input.title)) {
        try {
          const { html: _html, ...rest } = input;
          return this.#deps.importer.importOne({ ...rest, body: input.title }, { known });
        } catch (again) {
          return { reason: (again as Error).message };
        }
      }
      return { reason: error instanceof Error ? error.message : String(error) };
    }
  }

  #failure(
    feed: Feed,
    message: string,
    httpStatus: number | null,
    extra: { permanent?: boolean; retryAfterMs?: number | null },
  ): PollReport {
    const { clock, log } = this.#deps;
    // An address's password must never reach last_error, `feeds list` or the logs.
    message = redactText(message);
    const failures = feed.consecutiveFailures + 1;
    const backoff = Math.min(
      feed.intervalMs * 2 ** Math.min(failures - 1, 20),
      Math.max(this.#options.maxBackoffMs, feed.intervalMs),
    );
    const nextPollAt = this.#after(Math.max(backoff, extra.retryAfterMs ?? 0));
    const alreadyDisabled = feed.disabledAt !== null;
    const disable = !alreadyDisabled && (extra.permanent || failures >= this.#options.maxFailures);
    const disabledReason = disable
      ? extra.permanent
        ? message
        : `${failures} échecs de suite, dernier : ${message}`
      : undefined;
    const updated = this.#deps.feeds.recordPoll(
      feed.id,
      {
        status: "error",
        httpStatus,
        error: message,
        success: false,
        consecutiveFailures: failures,
        nextPollAt,
        disabledReason,
      },
      clock.now(),
    );
    log.info({ feed: feed.id, failures, httpStatus, err: message }, "feed poll failed");
    if (disabledReason) {
      log.warn(
        { feed: feed.id, url: redactUrl(feed.url), reason: disabledReason },
        "feed disabled",
      );
      try {
        this.#deps.onFeedDisabled?.(updated ?? feed, disabledReason);
      } catch (error) {
        log.error({ feed: feed.id, err: error }, "onFeedDisabled failed");
      }
    }
    return this.#report(updated ?? feed, {
      status: "error",
      httpStatus,
      error: message,
      nextPollAt,
      disabledReason: disabledReason ?? null,
    });
  }

  #after(ms: number): Date {
    return new Date(this.#deps.clock.now().getTime() + ms);
  }

  #report(
    feed: Feed,
    part: Partial<PollReport> & Pick<PollReport, "status" | "nextPollAt">,
  ): PollReport {
    return {
      feedId: feed.id,
      url: redactUrl(feed.url),
      httpStatus: null,
      backlog: false,
      imported: 0,
      updated: 0,
      unchanged: 0,
      problems: [],
      error: null,
      disabledReason: null,
      newIds: [],
      ...part,
      movedTo: part.movedTo ? redactUrl(part.movedTo) : null,
    };
  }
}

function withCategory(input: ArticleInput, category: string | null): ArticleInput {
  if (!category) return input;
  const categories = input.categories ?? [];
  if (categories.some((c) => c.toLowerCase() === category.toLowerCase())) return input;
  return { ...input, categories: [category, ...categories] };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
