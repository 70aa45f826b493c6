import type { BroadcastProgress } from "../../domain/broadcast.ts";
import { redactText, redactUrl } from "../../sources/feeds/credentials.ts";
import type { StoredArticle } from "../../store/articles.ts";
import type { Broadcast } from "../../store/broadcasts.ts";
import type { Feed } from "../../store/feeds.ts";

/**
 * What `--json` prints, for scripts: field names are stable (camelCase, English), dates are
 * ISO 8601 in UTC, absent values are `null`. A list prints one object per line (JSON Lines,
 * like `import --dry-run --json`), `stats` one object. README « `--json` » lists the fields.
 * A field may be added; none is renamed or removed without saying so in README.
 */
export function printJson(out: (line: string) => void, value: unknown): void {
  out(JSON.stringify(value));
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** `articles list --json`: one article, without its body. */
export function articleJson(a: StoredArticle, now: Date) {
  return {
    id: a.id,
    title: a.title,
    state: a.status === "draft" ? "draft" : a.publishedAt > now ? "scheduled" : "published",
    publishedAt: iso(a.publishedAt),
    categories: a.categories,
    author: a.author,
    dateline: a.dateline,
    url: a.url,
    guid: a.guid,
    origin: a.origin,
    summary: a.summary,
  };
}

/** `feeds list --json`: one feed, its address without a password. */
export function feedJson(f: Feed) {
  return {
    id: f.id,
    url: redactUrl(f.url),
    title: f.title,
    category: f.category,
    intervalMinutes: Math.round(f.intervalMs / 60_000),
    enabled: f.disabledAt === null,
    disabledAt: iso(f.disabledAt),
    disabledReason: f.disabledReason === null ? null : redactText(f.disabledReason),
    lastPolledAt: iso(f.lastPolledAt),
    lastSuccessAt: iso(f.lastSuccessAt),
    lastStatus: f.lastStatus,
    lastHttpStatus: f.lastHttpStatus,
    lastError: f.lastError === null ? null : redactText(f.lastError),
    lastItemCount: f.lastItemCount,
    consecutiveFailures: f.consecutiveFailures,
    articlesNew: f.articlesNew,
    nextPollAt: f.disabledAt ? null : iso(f.nextPollAt),
  };
}

/** `broadcasts --json`: one broadcast and where its sending stands. */
export function broadcastJson(b: Broadcast, p: BroadcastProgress | null | undefined) {
  return {
    id: b.id,
    kind: b.kind,
    state: b.state,
    label: b.label,
    articleId: b.articleId,
    createdBy: b.createdBy,
    createdAt: iso(b.createdAt),
    scheduledFor: iso(b.scheduledFor),
    startedAt: iso(b.startedAt),
    finishedAt: iso(b.finishedAt),
    channel: b.channel,
    recipients: b.recipients,
    messages: p ? p.total : 0,
    sent: p ? p.sent : 0,
    failed: p ? p.failed : 0,
    cancelled: p?.cancelled ?? 0,
    receipts: p?.receipts ?? null,
  };
}
