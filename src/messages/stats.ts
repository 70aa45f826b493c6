import type { BroadcastReceipt, ChannelState, SendingStats } from "../domain/broadcast.ts";
import { formatLocal } from "../lib/zoned-time.ts";
import type { Broadcast } from "../store/broadcasts.ts";
import { budgetLines } from "./budget.ts";
import { receiptText, todayReceiptLines } from "./receipts.ts";
import { catalogue, formatCount, formatDuration, type Lang } from "./wording.ts";

/** What the text needs besides the figures: the language, the newsroom's zone, the time now. */
export interface StatsView {
  lang: Lang;
  timeZone: string;
  now: Date;
  /** Whether a process is sending (the bot's heartbeat is fresh). */
  senderAlive: boolean;
}

/** "12/200 lecteurs (1 non envoyé) · chaîne : envoyée — fin vers 09:21 (~21 min)". */
export function progressText(
  p: {
    sent: number;
    total: number;
    failed: number;
    cancelled?: number;
    etaMs: number;
    channel?: ChannelState;
  },
  view: Pick<StatsView, "lang" | "timeZone" | "now">,
): string {
  const n = (x: number) => formatCount(x, view.lang);
  const end = new Date(view.now.getTime() + p.etaMs);
  return catalogue(view.lang).operator.progress({
    sent: n(p.sent),
    total: n(p.total),
    failed: p.failed,
    cancelled: p.cancelled ?? 0,
    channel: p.channel ?? "none",
    done: p.sent + p.failed + (p.cancelled ?? 0) >= p.total && p.channel !== "waiting",
    end: formatLocal(end, view.timeZone, view.now),
    eta: formatDuration(p.etaMs, view.lang),
  });
}

/** The operator's `stats` lines for sending (plain text). */
export function sendingStatsLines(
  stats: SendingStats,
  scheduled: readonly Broadcast[],
  view: StatsView,
): string[] {
  const w = catalogue(view.lang).operator;
  const n = (x: number) => formatCount(x, view.lang);
  const t = stats.today;
  const s = stats.subscribers;
  const state = stats.paused
    ? w.sendingState.paused
    : !view.senderAlive
      ? w.sendingState.stopped
      : stats.transportUp
        ? w.sendingState.active
        : w.sendingState.waiting;
  const lines = [
    w.sendingLine(state),
    w.todayLine({ sent: n(t.sent), queued: n(t.queued), failed: n(t.failed), dead: n(t.dead) }),
    w.readersLine({
      optedIn: n(s.optedIn),
      instant: n(s.instant),
      daily: n(s.daily),
      stopped: n(s.stopped),
    }),
  ];
  for (const b of stats.running) {
    const r = b.receipts && b.receipts.sent > 0 ? ` — ${receiptText(b.receipts, view.lang)}` : "";
    lines.push(`${w.runningLine(b.broadcastId, b.label, progressText(b, view))}${r}`);
  }
  if (stats.receipts) lines.push(...todayReceiptLines(stats.receipts, view.lang));
  lines.push(...budgetLines(stats.budget, view.lang));
  for (const b of scheduled) {
    const at = b.scheduledFor ? formatLocal(b.scheduledFor, view.timeZone, view.now) : w.now;
    lines.push(w.scheduledLine(b.id, b.label, at));
  }
  return lines;
}

/** What an editor is told after `broadcast` or `alert`. */
export function receiptLines(
  receipt: BroadcastReceipt,
  view: StatsView & { paused: boolean },
): string[] {
  const w = catalogue(view.lang).operator;
  const who = w.receiptWho(
    receipt.channel,
    receipt.recipients,
    formatCount(receipt.recipients, view.lang),
  );
  const lines: string[] = [];
  if (receipt.startsAt) {
    const at = formatLocal(receipt.startsAt, view.timeZone, view.now);
    lines.push(w.receiptScheduled(receipt.broadcastId, at, who));
  } else {
    lines.push(w.receiptQueued(receipt.broadcastId, who));
  }
  const end = new Date(view.now.getTime() + receipt.etaMs);
  const sending = receipt.startsAt
    ? receipt.etaMs - Math.max(0, receipt.startsAt.getTime() - view.now.getTime())
    : receipt.etaMs;
  lines.push(
    w.receiptEnd(formatLocal(end, view.timeZone, view.now), formatDuration(sending, view.lang)),
  );
  if (receipt.readersFrom) {
    lines.push(w.receiptQuiet(formatLocal(receipt.readersFrom, view.timeZone, view.now)));
  }
  if (receipt.warmUpDays)
    lines.push(`${catalogue(view.lang).delivery.warmUpLater(receipt.warmUpDays)}.`);
  if (receipt.embargo && receipt.articleId) lines.push(w.receiptEmbargo(receipt.articleId));
  if (receipt.alsoScheduled && receipt.alsoScheduled.length > 0) {
    lines.push(w.receiptAlsoScheduled(receipt.alsoScheduled));
  }
  if (view.paused) lines.push(w.receiptPaused);
  else if (!view.senderAlive) lines.push(w.receiptNoSender);
  lines.push(w.receiptCancel(receipt.broadcastId));
  return lines;
}
