import type { BroadcastReceipt, ConfirmationRequest } from "../../domain/broadcast.ts";
import { dateFormat } from "../../lib/date-format.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import type { ConfirmFacts, Lang, ReceiptFacts } from "../../messages/i18n/catalogue.ts";
import { catalogue, formatDay, formatDuration } from "../../messages/wording.ts";
import type { DeskDeps } from "./deps.ts";
import type { DeskContext } from "./env.ts";

/**
 * Dates, receipts and questions as the desk words them: the same facts the phone's editor
 * commands give the catalogue (src/bot/editor/commands.ts), from the same Desk answers.
 */
export interface DeskFormat {
  lang: Lang;
  timeZone: string;
  now: Date;
  paused: boolean;
}

/** The request's language, the newsroom's zone, now, and whether sending is paused. */
export function deskFormatOf(c: DeskContext, deps: DeskDeps): DeskFormat {
  return {
    lang: c.get("lang"),
    timeZone: deps.config.timeZone,
    now: deps.clock.now(),
    paused: deps.desk.isPaused(),
  };
}

/** "05/12/2026 18:00" in the newsroom's zone. */
export function deskDate(f: Pick<DeskFormat, "lang" | "timeZone">, date: Date): string {
  return dateFormat(catalogue(f.lang).locale, {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: f.timeZone,
  }).format(date);
}

/** "18:00" today, else the short date and time. */
function shortTime(f: DeskFormat, date: Date): string {
  return formatLocal(date, f.timeZone, f.now).includes(" ")
    ? deskDate(f, date)
    : formatLocal(date, f.timeZone, f.now);
}

/** An honest ETA: « en pause » while paused (no time is true then). */
export function deskEta(f: DeskFormat, etaMs: number): string {
  return f.paused ? catalogue(f.lang).replies.etaPaused : formatDuration(etaMs, f.lang);
}

export function deskReceiptFacts(f: DeskFormat, r: BroadcastReceipt): ReceiptFacts {
  return {
    broadcastId: r.broadcastId,
    channel: r.channel,
    recipients: r.recipients,
    eta: deskEta(
      f,
      r.startsAt ? r.etaMs - Math.max(0, r.startsAt.getTime() - f.now.getTime()) : r.etaMs,
    ),
    startsAt: r.startsAt ? deskDate(f, r.startsAt) : null,
    paused: f.paused,
    readersFrom: r.readersFrom ? shortTime(f, r.readersFrom) : null,
    alsoScheduled: r.alsoScheduled ?? [],
    embargo: r.embargo === true,
    zeroReason: r.zeroReason ?? null,
  };
}

export function deskConfirmFacts(f: DeskFormat, r: ConfirmationRequest): ConfirmFacts {
  return {
    kind: r.kind,
    articleId: r.articleId,
    label: r.label,
    publishedAt: r.publishedAt ? formatDay(r.publishedAt, f.lang, f.timeZone) : null,
    channel: r.channel,
    recipients: r.recipients,
    readersFrom: r.readersFrom ? shortTime(f, r.readersFrom) : null,
    minutes: Math.round((r.expiresAt.getTime() - f.now.getTime()) / 60_000),
  };
}
