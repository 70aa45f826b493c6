import { html, raw } from "hono/html";
import { fromLocal } from "../../../lib/zoned-time.ts";
import { maskPhone } from "../../../log.ts";
import type { AuditFilter, AuditRecord } from "../../../store/audit.ts";
import type { DeskDeps } from "../deps.ts";
import { type DeskContext, type DeskRouter, deskHref } from "../env.ts";
import { deskDate } from "../format.ts";
import { type Html, notice, page } from "../layout.ts";

/** Entries a page of the journal shows. */
export const JOURNAL_PAGE = 50;

/** The ways an action reaches the bot, as the audit writes them. */
const VIAS = ["whatsapp", "desk", "cli", "simulator"] as const;

/** The journal's filters as the address carries them (?qui=&par=&action=&du=&au=&avant=). */
interface JournalQuery {
  filter: AuditFilter;
  /** The raw values, to fill the form and the pager's links. */
  values: Record<"qui" | "par" | "action" | "du" | "au", string>;
  problems: string[];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-12-01" → the start of that day in the newsroom's zone (`next`: the day after). */
function dayStart(text: string, timeZone: string, next = false): Date | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  const day = new Date(Date.UTC(y, mo - 1, d + (next ? 1 : 0)));
  return fromLocal(timeZone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

/** Reads the filters; a bad one is named (in French or English) and left out, the rest apply. */
export function journalQuery(c: DeskContext, timeZone: string): JournalQuery {
  const w = c.get("words").journal;
  const get = (k: string) => (c.req.query(k) ?? "").trim().slice(0, 100);
  const values = {
    qui: get("qui"),
    par: get("par"),
    action: get("action"),
    du: get("du"),
    au: get("au"),
  };
  const filter: AuditFilter = {};
  const problems: string[] = [];
  if (values.qui) {
    const digits = values.qui.replace(/[\s.+-]/g, "");
    if (/^\d{1,15}$/.test(digits)) filter.actorEndsWith = digits;
    else problems.push(w.badActor(values.qui));
  }
  if ((VIAS as readonly string[]).includes(values.par)) filter.via = values.par;
  if (values.action) filter.action = values.action.toLowerCase();
  for (const [key, next] of [
    ["du", false],
    ["au", true],
  ] as const) {
    if (!values[key]) continue;
    const at = dayStart(values[key], timeZone, next);
    if (!at) problems.push(w.badDate(values[key]));
    else if (next) filter.to = at;
    else filter.from = at;
  }
  const before = Number(get("avant"));
  if (Number.isSafeInteger(before) && before > 0) filter.beforeId = before;
  return { filter, values, problems };
}

/** A number in a target or a detail (a reader's, a refused sender's) is masked like in logs. */
function masked(text: string | null): string {
  return text ? maskPhone(text) : "";
}

/**
 * /desk/journal: the audit log, newest first, filtered by who (the end of a number), via,
 * action (or its start) and dates in the newsroom's zone; pages of 50 by id (keyset: the
 * 1,000th page costs what the first does). Numbers are masked, in the actor column too.
 */
export function registerJournal(desk: DeskRouter, deps: DeskDeps): void {
  desk.get("/journal", (c) => {
    const words = c.get("words");
    const w = words.journal;
    const f = { lang: c.get("lang"), timeZone: deps.config.timeZone };
    const q = journalQuery(c, deps.config.timeZone);
    const { entries, more } = deps.audit.search(q.filter, JOURNAL_PAGE);
    const v = q.values;
    const form = html`<form class="filters" method="get" action="${deskHref("/journal")}">
<div><label for="qui">${w.actorLabel}</label><input id="qui" name="qui" inputmode="numeric" value="${v.qui}" size="10"></div>
<div><label for="par">${w.viaLabel}</label><select id="par" name="par"><option value="">${w.viaAll}</option>${VIAS.map(
      (via) => html`<option value="${via}"${via === v.par ? raw(" selected") : ""}>${via}</option>`,
    )}</select></div>
<div><label for="action">${w.actionLabel}</label><input id="action" name="action" value="${v.action}" size="12"></div>
<div><label for="du">${w.fromLabel}</label><input id="du" name="du" type="date" value="${v.du}"></div>
<div><label for="au">${w.toLabel}</label><input id="au" name="au" type="date" value="${v.au}"></div>
<button type="submit">${words.filter}</button></form>`;
    const cols = w.columns;
    const row = (e: AuditRecord) =>
      html`<tr data-audit="${e.id}"><td>${deskDate(f, e.at)}</td><td>${maskPhone(e.actor)}</td><td>${e.via}</td><td>${e.action}</td><td>${masked(e.target)}</td><td><span class="state ${e.outcome}">${w.outcome[e.outcome] ?? e.outcome}</span></td><td class="optional">${masked(e.detail)}</td></tr>`;
    const kept = Object.fromEntries(Object.entries(v).filter(([, value]) => value !== ""));
    const last = entries.at(-1);
    const pager = html`<p class="pager">${
      q.filter.beforeId
        ? html`<a href="${deskHref(`/journal?${new URLSearchParams(kept).toString()}`)}">${w.newest}</a> `
        : ""
    }${
      more && last
        ? html`<a rel="next" href="${deskHref(
            `/journal?${new URLSearchParams({ ...kept, avant: String(last.id) }).toString()}`,
          )}">${w.older}</a>`
        : ""
    }</p>`;
    const table: Html =
      entries.length === 0
        ? notice(w.none)
        : html`<table id="journal"><thead><tr><th>${cols.when}</th><th>${cols.who}</th><th>${cols.via}</th><th>${cols.action}</th><th>${cols.target}</th><th>${cols.outcome}</th><th class="optional">${cols.detail}</th></tr></thead>
<tbody>${entries.map(row)}</tbody></table>`;
    return c.html(
      page(c, deps.config.newsroomName, {
        title: words.nav.audit,
        active: "audit",
        body: html`<p class="muted">${w.intro}</p>${q.problems.map((p) => notice(p, "error"))}${form}${table}${pager}`,
      }),
      q.problems.length > 0 ? 400 : 200,
    );
  });
}
