import type { OutboxKind } from "../../domain/message.ts";
import { fromLocal, localParts } from "../../lib/zoned-time.ts";
import { HOUR_MS } from "../../store/reader-changes.ts";
import type { DeskDeps } from "./deps.ts";

/** The days the Audience page shows by default, and the most it accepts (?jours=). */
export const REACH_DAYS = 30;
export const REACH_MAX_DAYS = 366;
/** Rubrics drawn (the most followed first): more lines than this is a chart nobody reads. */
export const REACH_RUBRICS = 12;
/** Broadcasts whose delivery and read rates are shown. */
export const REACH_BROADCASTS = 20;

const KINDS: readonly OutboxKind[] = ["reply", "notice", "channel", "alert", "digest"];

/** Local days `[start of first, …, end of last]` in the newsroom's zone: days + 1 instants. */
export function dayBounds(
  now: Date,
  timeZone: string,
  days: number,
): { keys: string[]; bounds: number[] } {
  const p = localParts(now, timeZone);
  const keys: string[] = [];
  const bounds: number[] = [];
  for (let k = days - 1; k >= -1; k--) {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day - k));
    bounds.push(
      fromLocal(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()).getTime(),
    );
    if (k >= 0) keys.push(d.toISOString().slice(0, 10));
  }
  return { keys, bounds };
}

/** Index of the day holding instant `t` (bounds sorted), or -1 outside the window. */
function dayIndex(bounds: readonly number[], t: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  if (t < (bounds[0] ?? 0) || t >= (bounds[hi] ?? 0)) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((bounds[mid] ?? 0) <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** One rubric's readers, a value a day. */
export interface ReaderSeries {
  /** '' for the service as a whole. */
  key: string;
  name: string;
  /** Readers at the end of each day. */
  active: number[];
  subscribed: number[];
  stopped: number[];
}

export interface ReadersData {
  days: string[];
  series: ReaderSeries[];
}

export interface SentData {
  days: string[];
  kinds: Record<OutboxKind, number[]>;
  total: number[];
}

export interface BroadcastRate {
  id: number;
  label: string;
  at: string;
  sent: number;
  delivered: number;
  read: number;
}

/** Readers over the window, per rubric (the service first, then the most followed rubrics). */
export function readersData(deps: DeskDeps, days: number): ReadersData {
  const { keys, bounds } = dayBounds(deps.clock.now(), deps.config.timeZone, days);
  const changes = deps.readerChanges;
  if (!changes) return { days: keys, series: [] };
  const start = new Date(bounds[0] ?? 0);
  const base = changes.countsBefore(start);
  const byRubric = new Map<string, ReaderSeries>();
  const seriesOf = (key: string) => {
    let s = byRubric.get(key);
    if (!s) {
      s = {
        key,
        name: key,
        active: [],
        subscribed: Array(keys.length).fill(0),
        stopped: Array(keys.length).fill(0),
      };
      byRubric.set(key, s);
    }
    return s;
  };
  seriesOf("");
  for (const key of base.keys()) seriesOf(key);
  for (const c of changes.since(start)) {
    const i = dayIndex(bounds, c.hour * HOUR_MS);
    if (i < 0) continue;
    const s = seriesOf(c.rubric);
    s.subscribed[i] = (s.subscribed[i] ?? 0) + c.subscribed;
    s.stopped[i] = (s.stopped[i] ?? 0) + c.stopped;
  }
  const names = new Map(deps.articles.rubrics(deps.clock.now()).map((r) => [r.key, r.name]));
  for (const s of byRubric.values()) {
    let n = base.get(s.key) ?? 0;
    s.active = s.subscribed.map((up, i) => {
      n += up - (s.stopped[i] ?? 0);
      return n;
    });
    s.name = s.key === "" ? "" : (names.get(s.key) ?? s.key);
  }
  const service = byRubric.get("") as ReaderSeries;
  const rubrics = [...byRubric.values()]
    .filter(
      (s) => s.key !== "" && (s.active.at(-1) ?? 0) + s.stopped.reduce((a, b) => a + b, 0) > 0,
    )
    .sort((a, b) => (b.active.at(-1) ?? 0) - (a.active.at(-1) ?? 0) || a.name.localeCompare(b.name))
    .slice(0, REACH_RUBRICS);
  return { days: keys, series: [service, ...rubrics] };
}

/** Messages sent each day of the window, by kind. */
export function sentData(deps: DeskDeps, days: number): SentData {
  const { keys, bounds } = dayBounds(deps.clock.now(), deps.config.timeZone, days);
  const kinds = Object.fromEntries(KINDS.map((k) => [k, Array(keys.length).fill(0)])) as Record<
    OutboxKind,
    number[]
  >;
  const total: number[] = Array(keys.length).fill(0);
  for (const row of deps.sentCounts?.since(new Date(bounds[0] ?? 0)) ?? []) {
    const i = dayIndex(bounds, row.hour * HOUR_MS);
    const list = kinds[row.kind];
    if (i < 0 || !list) continue;
    list[i] = (list[i] ?? 0) + row.count;
    total[i] = (total[i] ?? 0) + row.count;
  }
  return { days: keys, kinds, total };
}

/**
 * Sent, delivered and read of the latest broadcasts (newest first): the store's counts kept
 * per broadcast, so no broadcast's messages are walked (Desk.recent counts each one's outbox
 * rows: ~200 ms cold for 20 broadcasts of 10,000).
 */
export function broadcastRates(deps: DeskDeps, limit = REACH_BROADCASTS): BroadcastRate[] {
  const list = deps.broadcasts.recent(limit).filter((b) => b.state !== "scheduled");
  const counts = deps.broadcastReceipts?.forBroadcasts(list.map((b) => b.id));
  return list.map((b) => {
    const r = counts?.get(b.id) ??
      deps.receipts?.forBroadcast(b.id) ?? { sent: 0, delivered: 0, read: 0 };
    return {
      id: b.id,
      label: b.label,
      at: (b.startedAt ?? b.scheduledFor ?? b.createdAt).toISOString(),
      sent: r.sent,
      delivered: r.delivered,
      read: r.read,
    };
  });
}
