import { html, raw } from "hono/html";
import { formatCount } from "../../../messages/wording.ts";
import type { Feed } from "../../../store/feeds.ts";
import type { DeskDeps } from "../deps.ts";
import { type DeskContext, type DeskRouter, deskHref } from "../env.ts";
import { deskDate } from "../format.ts";
import { type Html, page } from "../layout.ts";
import {
  type BroadcastRate,
  broadcastRates,
  REACH_DAYS,
  REACH_MAX_DAYS,
  type ReadersData,
  readersData,
  type SentData,
  sentData,
} from "../reach-data.ts";

/** Channel posts the page lists. */
export const CHANNEL_POSTS = 20;
const DAY_CHOICES = [7, 30, 90, 365] as const;

function daysOf(c: DeskContext): number {
  const n = Number(c.req.query("jours") ?? REACH_DAYS);
  return Number.isSafeInteger(n) && n >= 1 && n <= REACH_MAX_DAYS ? n : REACH_DAYS;
}

function percent(part: number, whole: number, lang: "fr" | "en"): string {
  if (whole === 0) return "—";
  const value = (100 * part) / whole;
  return `${value.toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 })} %`;
}

/** A first line of a Channel post, without WhatsApp's markup (the table shows the headline). */
function headline(body: string): string {
  const line = body.split("\n").find((l) => l.trim() !== "") ?? "";
  return line
    .replace(/[*_~`]/g, "")
    .trim()
    .slice(0, 120);
}

/**
 * /desk/audience: readers over time (the service and each rubric: subscribed, new, stopped),
 * messages sent per day by kind, delivery and read rates per broadcast, the Channel's posts,
 * the feeds' health. Charts drawn by uPlot (served from npm by assets.ts) from JSON endpoints (/desk/audience/*.json); the
 * same figures in tables, so the page says everything without JavaScript. Counts only: no
 * reader's number is read.
 */
export function registerAudience(desk: DeskRouter, deps: DeskDeps): void {
  const sent = (days: number) => sentData(deps, days);
  const rates = () => broadcastRates(deps);

  desk.get("/audience/lecteurs.json", (c) => {
    const w = c.get("words").reach;
    const data = readersData(deps, daysOf(c));
    return c.json({
      ...data,
      series: data.series.map((s) => ({ ...s, name: s.key === "" ? w.allReaders : s.name })),
      labels: { day: w.day, active: w.active, subscribed: w.subscribed, stopped: w.stopped },
    });
  });
  desk.get("/audience/envois.json", (c) => {
    const w = c.get("words").reach;
    return c.json({ ...sent(daysOf(c)), labels: { ...w.kinds, total: w.total, day: w.day } });
  });
  desk.get("/audience/diffusions.json", (c) => {
    const w = c.get("words").reach;
    return c.json({
      broadcasts: rates(),
      labels: { delivered: w.rateColumns.delivered, read: w.rateColumns.read },
    });
  });

  desk.get("/audience", (c) => {
    const words = c.get("words");
    const w = words.reach;
    const lang = c.get("lang");
    const f = { lang, timeZone: deps.config.timeZone };
    const days = daysOf(c);
    const n = (x: number) => formatCount(x, lang);
    const q = `?jours=${days}${lang === "en" ? "&lang=en" : ""}`;

    const form = html`<form class="filters" method="get" action="${deskHref("/audience")}">
<div><label for="jours">${w.daysLabel}</label><select id="jours" name="jours">${DAY_CHOICES.map(
      (d) => html`<option value="${d}"${d === days ? raw(" selected") : ""}>${d}</option>`,
    )}</select></div><button type="submit">${w.show}</button></form>`;

    const readers: ReadersData = readersData(deps, days);
    const service = readers.series[0];
    const serviceTable = service
      ? html`<details><summary>${w.allReaders}</summary><table id="readers-table"><thead><tr><th>${w.day}</th><th>${w.active}</th><th>${w.subscribed}</th><th>${w.stopped}</th></tr></thead><tbody>${readers.days.map(
          (d, i) =>
            html`<tr><td>${d}</td><td>${n(service.active[i] ?? 0)}</td><td>${n(service.subscribed[i] ?? 0)}</td><td>${n(service.stopped[i] ?? 0)}</td></tr>`,
        )}</tbody></table></details>`
      : "";
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    const rubricTable = html`<table id="rubrics-table"><thead><tr><th>${w.rubricLabel}</th><th>${w.active}</th><th>${w.subscribed}</th><th>${w.stopped}</th></tr></thead><tbody>${readers.series.map(
      (s) =>
        html`<tr data-rubric="${s.key}"><td>${s.key === "" ? w.allReaders : s.name}</td><td>${n(s.active.at(-1) ?? 0)}</td><td>${n(sum(s.subscribed))}</td><td>${n(sum(s.stopped))}</td></tr>`,
    )}</tbody></table>`;

    const s: SentData = sent(days);
    const kinds = Object.keys(s.kinds) as (keyof SentData["kinds"])[];
    const sentTable = html`<details><summary>${w.sentTitle}</summary><table id="sent-table"><thead><tr><th>${w.day}</th>${kinds.map(
      (k) => html`<th>${w.kinds[k]}</th>`,
    )}<th>${w.total}</th></tr></thead><tbody>${s.days.map(
      (d, i) =>
        html`<tr><td>${d}</td>${kinds.map((k) => html`<td>${n(s.kinds[k][i] ?? 0)}</td>`)}<td>${n(s.total[i] ?? 0)}</td></tr>`,
    )}</tbody></table></details>`;

    const r: BroadcastRate[] = rates();
    const rc = w.rateColumns;
    const ratesTable =
      r.length === 0
        ? html`<p class="muted">${w.noBroadcasts}</p>`
        : html`<table id="rates-table"><thead><tr><th>${rc.broadcast}</th><th>${rc.when}</th><th>${rc.sent}</th><th>${rc.delivered}</th><th>${rc.read}</th></tr></thead><tbody>${r.map(
            (b) =>
              html`<tr data-broadcast="${b.id}"><td>n° ${b.id} · ${b.label}</td><td>${deskDate(f, new Date(b.at))}</td><td>${n(b.sent)}</td><td>${n(b.delivered)} (${percent(b.delivered, b.sent, lang)})</td><td>${n(b.read)} (${percent(b.read, b.sent, lang)})</td></tr>`,
          )}</tbody></table>`;

    const posts = deps.outbox.channelPosts(CHANNEL_POSTS);
    const cc = w.channelColumns;
    const channelTable =
      posts.length === 0
        ? html`<p class="muted">${w.noChannel}</p>`
        : html`<table id="channel-table"><thead><tr><th>${cc.when}</th><th>${cc.label}</th><th>${cc.state}</th></tr></thead><tbody>${posts.map(
            (p) => {
              const state =
                p.state === "sent"
                  ? "sent"
                  : p.state === "cancelled"
                    ? "cancelled"
                    : p.state === "failed" || p.state === "dead"
                      ? "failed"
                      : "queued";
              return html`<tr><td>${deskDate(f, p.sentAt ?? p.createdAt)}</td><td>${headline(p.body)}</td><td><span class="state ${state}">${w.channelState[state]}</span></td></tr>`;
            },
          )}</tbody></table>`;

    const feeds: Feed[] = deps.feeds?.list() ?? [];
    const fc = w.feedColumns;
    const feedState = (feed: Feed): keyof typeof w.feedState =>
      feed.disabledAt
        ? "disabled"
        : feed.consecutiveFailures > 0
          ? "failing"
          : feed.lastSuccessAt
            ? "ok"
            : "never";
    const feedsTable =
      feeds.length === 0
        ? html`<p class="muted">${w.noFeeds}</p>`
        : html`<table id="feeds-table"><thead><tr><th>${fc.feed}</th><th>${fc.state}</th><th>${fc.lastSuccess}</th><th>${fc.failures}</th><th>${fc.articles}</th><th class="optional">${fc.error}</th></tr></thead><tbody>${feeds.map(
            (feed) => {
              const state = feedState(feed);
              return html`<tr data-feed="${feed.id}"><td>${feed.title ?? feed.url}<br><small class="muted">${feed.url}</small></td><td><span class="state ${state === "ok" ? "sent" : state === "never" ? "draft" : "failed"}">${w.feedState[state]}</span></td><td>${feed.lastSuccessAt ? deskDate(f, feed.lastSuccessAt) : w.never}</td><td>${feed.consecutiveFailures}</td><td>${n(feed.articlesNew)}</td><td class="optional">${feed.disabledReason ?? feed.lastError ?? ""}</td></tr>`;
            },
          )}</tbody></table>`;

    const chart = (id: string, src: string, kind: string) =>
      html`<div class="chart" id="${id}" data-src="${deskHref(src)}${q}" data-kind="${kind}" aria-hidden="true"></div>`;
    const body: Html = html`<link rel="stylesheet" href="${deskHref("/assets/uplot.css")}">
<p class="muted">${w.intro(days)}</p>${form}
<p class="muted js-only">${w.tablesNote}</p>
<h2>${w.readersTitle}</h2>
${chart("chart-readers", "/audience/lecteurs.json", "readers")}
${chart("chart-rubrics", "/audience/lecteurs.json", "rubrics")}
${rubricTable}${serviceTable}
<h2>${w.sentTitle}</h2>
${chart("chart-sent", "/audience/envois.json", "sent")}
${sentTable}
<h2>${w.ratesTitle}</h2>
${r.length > 0 ? chart("chart-rates", "/audience/diffusions.json", "rates") : ""}
${ratesTable}
<h2>${w.channelTitle}</h2>${channelTable}
<h2>${w.feedsTitle}</h2>${feedsTable}`;
    return c.html(
      page(c, deps.config.newsroomName, {
        title: words.nav.reach,
        active: "reach",
        scripts: ["uplot.js", "audience.js"],
        body,
      }),
    );
  });
}
