import { AppError, type AppErrorOptions } from "../../domain/errors.ts";
import type { Logger } from "../../log.ts";
import type { Feed, FeedsRepo } from "../../store/feeds.ts";
import { redactUrl } from "./credentials.ts";

export const DEFAULT_INTERVAL_MS = 10 * 60_000;
export const MIN_INTERVAL_MS = 2 * 60_000;
const MAX_INTERVAL_MS = 7 * 24 * 3_600_000;

/** A feed address or interval the operator typed is not usable: the message says what to write. */
export class FeedSourceError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super("FEED_SOURCE_INVALID", message, options);
  }
}

/** An http(s) feed address, trimmed and without its #fragment (never sent to the server). */
export function normalizeFeedUrl(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FeedSourceError(
      `Adresse de flux invalide « ${redactUrl(text)} » : écrivez l'adresse complète, ex. https://monsite.ml/feed/`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FeedSourceError(
      `Adresse de flux « ${redactUrl(text)} » : seules les adresses http:// et https:// sont lues`,
    );
  }
  url.hash = "";
  return url.href;
}

/** "10m", "2 min", "1h", "120s", "1h30" (a bare number is minutes) → milliseconds, at least 2 minutes. */
export function parseInterval(raw: string): number {
  const text = raw.trim().toLowerCase().replace(/\s+/g, "");
  const units: Record<string, number> = {
    h: 3_600_000,
    min: 60_000,
    mn: 60_000,
    m: 60_000,
    s: 1000,
  };
  const token = /(\d+)(h|min|mn|m|s)?/y;
  let ms = 0;
  // A sticky regex walks the text; anything it cannot read resets lastIndex and fails below.
  while (token.lastIndex < text.length) {
    const match = token.exec(text);
    if (!match) break;
    ms += Number(match[1]) * (units[match[2] ?? "m"] ?? 60_000);
  }
  if (!text || token.lastIndex !== text.length || ms <= 0) {
    throw new FeedSourceError(
      `Intervalle illisible « ${raw} » : écrivez par exemple 10m (minutes), 1h ou 1h30`,
    );
  }
  if (ms < MIN_INTERVAL_MS) {
    throw new FeedSourceError(
      `Intervalle trop court (${raw}) : 2 minutes au moins, pour ne pas surcharger le site`,
    );
  }
  if (ms > MAX_INTERVAL_MS) {
    throw new FeedSourceError(`Intervalle trop long (${raw}) : 7 jours au plus`);
  }
  return ms;
}

/** Milliseconds as the operator writes them: "10m", "1h30", "45s". */
export function formatInterval(ms: number): string {
  const totalMinutes = Math.floor(ms / 60_000);
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  if (h === 0 && m === 0) return `${Math.round(ms / 1000)}s`;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${String(m).padStart(2, "0")}`;
}

/**
 * Makes sure every address of FEEDS (.env) is registered. Addresses already known (also under
 * the address they were added with, before a permanent redirect) are left alone; a bad one is
 * logged and skipped. A feed removed with the CLI comes back while it is listed in FEEDS.
 */
export function seedFeeds(
  repo: FeedsRepo,
  urls: readonly string[],
  deps: { now: Date; log: Logger },
): Feed[] {
  const added: Feed[] = [];
  for (const raw of urls) {
    try {
      const url = normalizeFeedUrl(raw);
      if (repo.findByUrl(url)) continue;
      added.push(repo.add({ url, intervalMs: DEFAULT_INTERVAL_MS }, deps.now));
    } catch (error) {
      deps.log.warn(
        { url: redactUrl(raw), err: (error as Error).message },
        "FEEDS: address skipped",
      );
    }
  }
  if (added.length > 0) deps.log.info({ count: added.length }, "feeds added from FEEDS");
  return added;
}
