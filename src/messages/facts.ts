import type { BroadcastReceipt, ConfirmationRequest } from "../domain/broadcast.ts";
import { dateFormat } from "../lib/date-format.ts";
import { formatLocal } from "../lib/zoned-time.ts";
import type { ConfirmFacts, Lang, ReceiptFacts } from "./i18n/catalogue.ts";
import { catalogue, formatDay, formatDuration } from "./wording.ts";

/**
 * The facts of a broadcast receipt or a confirmation question, worded for an editor the same
 * way on the phone (src/bot/editor/commands.ts) and on the web desk (src/http/desk).
 */
export interface FactsFormat {
  lang: Lang;
  timeZone: string;
  now: Date;
  /** Sending is paused (the kill switch): no ETA is true then. */
  paused: boolean;
}

/** "05/12/2026 18:00" in the newsroom's zone. */
export function shortDateTime(f: Pick<FactsFormat, "lang" | "timeZone">, date: Date): string {
  return dateFormat(catalogue(f.lang).locale, {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: f.timeZone,
  }).format(date);
}

/** "18:00" today, else the short date and time. */
export function timeOrDate(f: FactsFormat, date: Date): string {
  const local = formatLocal(date, f.timeZone, f.now);
  return local.includes(" ") ? shortDateTime(f, date) : local;
}

/** An honest ETA: « en pause » while paused (no time is true then). */
export function etaText(f: FactsFormat, etaMs: number): string {
  return f.paused ? catalogue(f.lang).replies.etaPaused : formatDuration(etaMs, f.lang);
}

/** A receipt's facts; a scheduled broadcast's ETA is its sending time alone. */
export function receiptFacts(f: FactsFormat, r: BroadcastReceipt): ReceiptFacts {
  return {
    broadcastId: r.broadcastId,
    channel: r.channel,
    recipients: r.recipients,
    eta: etaText(
      f,
      r.startsAt ? r.etaMs - Math.max(0, r.startsAt.getTime() - f.now.getTime()) : r.etaMs,
    ),
    startsAt: r.startsAt ? shortDateTime(f, r.startsAt) : null,
    paused: f.paused,
    readersFrom: r.readersFrom ? timeOrDate(f, r.readersFrom) : null,
    alsoScheduled: r.alsoScheduled ?? [],
    embargo: r.embargo === true,
    zeroReason: r.zeroReason ?? null,
    channelAlready: r.channelAlready === true,
  };
}

/** What an editor is asked before an /alerte or an old article goes out. */
export function confirmFacts(f: FactsFormat, r: ConfirmationRequest): ConfirmFacts {
  return {
    kind: r.kind,
    articleId: r.articleId,
    label: r.label,
    publishedAt: r.publishedAt ? formatDay(r.publishedAt, f.lang, f.timeZone) : null,
    channel: r.channel,
    recipients: r.recipients,
    readersFrom: r.readersFrom ? timeOrDate(f, r.readersFrom) : null,
    startsAt: r.startsAt ? shortDateTime(f, r.startsAt) : null,
    minutes: Math.round((r.expiresAt.getTime() - f.now.getTime()) / 60_000),
  };
}
