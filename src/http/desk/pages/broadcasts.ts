import { html } from "hono/html";
import { streamSSE } from "hono/streaming";
import type { BroadcastProgress } from "../../../domain/broadcast.ts";
import { DeskError } from "../../../domain/errors.ts";
import { deskErrorText, formatCount } from "../../../messages/wording.ts";
import { readerFigures } from "../../../planner/desk.ts";
import type { ReceiptCounts } from "../../../store/receipts.ts";
import { auditDesk } from "../audit.ts";
import type { DeskDeps } from "../deps.ts";
import { type DeskContext, type DeskRouter, deskHref, editorOf } from "../env.ts";
import { type DeskFormat, deskDate, deskEta, deskFormatOf } from "../format.ts";
import { type Html, notice, page, postForm } from "../layout.ts";

/** How often the progress stream speaks (server-sent events). */
export const PROGRESS_EVERY_MS = 1000;
/** Broadcasts the history shows. */
export const HISTORY_LENGTH = 50;
/**
 * Receipts are counted inline for broadcasts up to this many sent messages; bigger ones (a join
 * over every sent message: ~80 ms at 50,000) are fetched by broadcasts.js from
 * /desk/diffusions/<id>/accuses after the page is shown, so that the page itself stays fast.
 */
export const INLINE_RECEIPTS_UP_TO = 5_000;

/** One progress bar as the page draws it and the stream updates it. */
export interface ProgressView {
  id: number;
  label: string;
  sent: number;
  total: number;
  done: boolean;
  /** « 120/1 250 lecteurs · chaîne : envoyée — fin estimée ~28 min », in the page's language. */
  text: string;
}

/** What each server-sent event carries. */
export interface ProgressEvent {
  paused: boolean;
  /** Whether a process sends (the bot runs and WhatsApp is up). */
  sending: boolean;
  banner: string;
  broadcasts: ProgressView[];
}

/**
 * A broadcast's sent / received / read: the counts the store keeps as receipts arrive (one key
 * lookup, whatever the broadcast's size), else counted from its messages (a join over every
 * message: 104 ms for 100,000, which is why big ones are then fetched after the page).
 */
function receiptsOf(deps: DeskDeps, id: number): ReceiptCounts | undefined {
  if (deps.broadcastReceipts) return deps.broadcastReceipts.forBroadcasts([id]).get(id);
  return deps.receipts?.forBroadcast(id);
}

function view(c: DeskContext, f: DeskFormat, p: BroadcastProgress): ProgressView {
  const cancelled = p.cancelled ?? 0;
  const channel = p.channel ?? "none";
  // Done when every reader's message is settled and the Channel post is not still waiting.
  const done = p.sent + p.failed + cancelled >= p.total && channel !== "waiting";
  const lang = c.get("lang");
  return {
    id: p.broadcastId,
    label: p.label,
    sent: p.sent,
    total: p.total,
    done,
    text: c.get("words").progress({
      sent: formatCount(p.sent, lang),
      total: formatCount(p.total, lang),
      failed: p.failed,
      cancelled,
      channel,
      done,
      eta: deskEta(f, p.etaMs),
    }),
  };
}

/**
 * Running broadcasts, and those the page already shows (so a bar reaches its end). Each
 * broadcast's messages are counted once (the Desk's progress); no receipts join here.
 */
function progressEvent(c: DeskContext, deps: DeskDeps, watched: readonly number[]): ProgressEvent {
  const f = deskFormatOf(c, deps);
  const ids = new Set([...deps.broadcasts.running(f.now).map((b) => b.id), ...watched]);
  const list = [...ids]
    .sort((a, b) => a - b)
    .map((id) => deps.desk.progress(id, { receipts: false }))
    .filter((p): p is BroadcastProgress => p !== null);
  const w = c.get("words");
  const sending = deps.desk.sending();
  return {
    paused: f.paused,
    sending,
    banner: f.paused ? w.pausedBanner : sending ? w.activeBanner : w.noSender,
    broadcasts: list.map((p) => view(c, f, p)),
  };
}

function bar(p: ProgressView, cancel: Html | string): Html {
  return html`<div class="card progress" data-broadcast="${p.id}" data-done="${p.done ? "1" : "0"}">
<strong>n° ${p.id} · ${p.label}</strong>
<progress max="${Math.max(1, p.total)}" value="${p.sent}"></progress>
<p class="progress-text" aria-live="polite">${p.text}</p>${cancel}</div>`;
}

/**
 * /desk/diffusions: running broadcasts with a live progress bar and an honest ETA (server-sent
 * events from /desk/diffusions/flux), the kill switch (pause / resume, one click with the
 * browser's confirmation), cancel, the scheduled ones, and the history with sent / received /
 * read counts. Every action goes through the Desk and is audited.
 */
export function registerBroadcasts(desk: DeskRouter, deps: DeskDeps): void {
  const newsroom = deps.config.newsroomName;

  const show = (c: DeskContext, top: Html | string = "", status: 200 | 400 | 404 = 200) => {
    const w = c.get("words");
    const f = deskFormatOf(c, deps);
    const event = progressEvent(c, deps, []);
    const cancelForm = (id: number) =>
      postForm(
        c,
        deskHref(`/diffusions/${id}/annuler`),
        html`<button type="submit" class="secondary">${w.cancel}</button>`,
        { confirm: w.cancelConfirm(id), className: "inline" },
      );
    const kill = event.paused
      ? postForm(
          c,
          deskHref("/diffusions/reprise"),
          html`<button type="submit" id="resume">${w.resume}</button>`,
          { confirm: w.resumeConfirm, className: "inline" },
        )
      : postForm(
          c,
          deskHref("/diffusions/pause"),
          html`<button type="submit" class="danger" id="pause">${w.pause}</button>`,
          { confirm: w.pauseConfirm, className: "inline" },
        );
    const banner = html`<div class="card"><p id="sending-state" class="notice ${event.paused ? "error" : event.sending ? "ok" : "info"}">${event.banner}</p>${kill}</div>`;
    const running =
      event.broadcasts.length === 0
        ? html`<p class="muted" id="none-running">${w.noneRunning}</p>`
        : event.broadcasts.map((p) => bar(p, p.done ? "" : cancelForm(p.id)));
    const scheduled = deps.desk.scheduled();
    const scheduledList =
      scheduled.length === 0
        ? html`<p class="muted">${w.noneScheduled}</p>`
        : html`<table><tbody>${scheduled.map(
            (b) =>
              html`<tr><td>${b.id}</td><td>${b.scheduledFor ? deskDate(f, b.scheduledFor) : ""}</td><td>${b.label}</td><td>${cancelForm(b.id)}</td></tr>`,
          )}</tbody></table>`;
    // The history: the running ones' figures come from their progress, counted just above.
    const live = new Map(event.broadcasts.map((p) => [p.id, p]));
    const history = deps.broadcasts.recent(HISTORY_LENGTH).map((b) => {
      const p = live.get(b.id);
      // Readers, the Channel post apart: counted as the progress bars, the phone and the CLI do.
      const counts = p ? null : readerFigures(deps.broadcasts.counts(b.id));
      return {
        id: b.id,
        label: b.label,
        state: b.state,
        at: b.scheduledFor ?? b.startedAt ?? b.createdAt,
        sent: p?.sent ?? counts?.sent ?? 0,
        total: p?.total ?? counts?.total ?? 0,
      };
    });
    const cols = w.broadcastColumns;
    const lang = c.get("lang");
    const historyTable =
      history.length === 0
        ? html`<p class="muted">${w.noneHistory}</p>`
        : html`<table id="history"><thead><tr><th>${cols.id}</th><th>${cols.when}</th><th>${cols.label}</th><th>${cols.state}</th><th>${cols.sent}</th><th>${cols.delivered}</th><th>${cols.read}</th></tr></thead><tbody>${history.map(
            (b) => {
              const inline = deps.broadcastReceipts || b.sent <= INLINE_RECEIPTS_UP_TO;
              const r = inline ? receiptsOf(deps, b.id) : undefined;
              const cells =
                !deps.receipts && !deps.broadcastReceipts
                  ? html`<td>—</td><td>—</td>`
                  : r
                    ? html`<td>${formatCount(r.delivered, lang)}</td><td>${formatCount(r.read, lang)}</td>`
                    : html`<td class="receipts" data-receipts="${deskHref(`/diffusions/${b.id}/accuses`)}">…</td><td class="receipts-read">…</td>`;
              return html`<tr data-broadcast="${b.id}"><td>${b.id}</td><td>${deskDate(f, b.at)}</td><td>${b.label}</td><td><span class="state ${b.state}">${w.broadcastState[b.state]}</span></td><td>${formatCount(b.sent, lang)}/${formatCount(b.total, lang)}</td>${cells}</tr>`;
            },
          )}</tbody></table>`;
    return c.html(
      page(c, newsroom, {
        title: w.nav.broadcasts,
        active: "broadcasts",
        scripts: ["broadcasts.js"],
        body: html`${top}${banner}
<h2>${w.runningTitle}</h2><div id="running" data-stream="${deskHref("/diffusions/flux")}">${running}</div>
<h2>${w.scheduledTitle}</h2>${scheduledList}
<h2>${w.historyTitle}</h2>${historyTable}`,
      }),
      status,
    );
  };

  desk.get("/diffusions", (c) => show(c));

  desk.get("/diffusions/flux", (c) => {
    const watched = (c.req.query("ids") ?? "")
      .split(",")
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0)
      .slice(0, 50);
    const once = c.req.query("once") === "1";
    return streamSSE(c, async (stream) => {
      let id = 0;
      while (!stream.aborted) {
        const event = progressEvent(c, deps, watched);
        await stream.writeSSE({ event: "progress", data: JSON.stringify(event), id: String(id++) });
        if (once) break;
        await stream.sleep(PROGRESS_EVERY_MS);
      }
    });
  });

  /** A big broadcast's received / read counts (the history fetches them after the page). */
  desk.get("/diffusions/:id{[0-9]+}/accuses", (c) => {
    const id = Number(c.req.param("id"));
    const r = receiptsOf(deps, id) ?? { sent: 0, delivered: 0, read: 0 };
    const lang = c.get("lang");
    return c.json({
      ...r,
      text: { delivered: formatCount(r.delivered, lang), read: formatCount(r.read, lang) },
    });
  });

  desk.post("/diffusions/pause", (c) => {
    const w = c.get("words");
    deps.desk.pause(editorOf(c).phone);
    auditDesk(c, deps, "pause", null, "ok");
    return show(c, notice(w.pausedBanner, "ok"));
  });

  desk.post("/diffusions/reprise", (c) => {
    deps.desk.resume(editorOf(c).phone);
    auditDesk(c, deps, "resume", null, "ok");
    return show(c, notice(c.get("words").activeBanner, "ok"));
  });

  desk.post("/diffusions/:id{[0-9]+}/annuler", (c) => {
    const id = Number(c.req.param("id"));
    try {
      const r = deps.desk.cancel(id, editorOf(c).phone);
      auditDesk(
        c,
        deps,
        "cancel",
        String(id),
        "ok",
        `${r.cancelled} cancelled, ${r.alreadySent} sent`,
      );
      return show(c, notice(c.get("words").cancelledNotice(id, r.cancelled, r.alreadySent), "ok"));
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      auditDesk(c, deps, "cancel", String(id), "refused", error.code);
      return show(c, notice(deskErrorText(error, c.get("lang")), "error"), 400);
    }
  });
}
