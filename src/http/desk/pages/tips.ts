import { html, raw } from "hono/html";
import { answerTip } from "../../../bot/editor/answer-tip.ts";
import { maskedReader } from "../../../bot/editor/tips.ts";
import { TIP_ANSWER_MAX, type Tip } from "../../../domain/tip.ts";
import { catalogue } from "../../../messages/wording.ts";
import type { TipQuery } from "../../../store/tips.ts";
import { auditDesk } from "../audit.ts";
import type { DeskDeps } from "../deps.ts";
import { type DeskContext, type DeskRouter, deskHref, editorOf } from "../env.ts";
import { deskDate } from "../format.ts";
import { type Html, notice, page, postForm } from "../layout.ts";

/** Tips a page of the list shows. */
export const TIPS_PER_PAGE = 50;

const FILTERS: Record<string, Pick<TipQuery, "status" | "order">> = {
  "a-traiter": { status: "open", order: "recent" },
  frequents: { status: "open", order: "count" },
  repondus: { status: "answered", order: "recent" },
  classes: { status: "closed", order: "recent" },
  tous: { status: "all", order: "recent" },
};
const FILTER_WORD = {
  "a-traiter": "open",
  frequents: "frequent",
  repondus: "answered",
  classes: "closed",
  tous: "all",
} as const;

/** The text of a tip as the list shows it: one line, its start. */
function lineOf(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > 160 ? `${one.slice(0, 159)}…` : one;
}

/**
 * /desk/signalements: readers' tips (issue 12's TipsRepo), to handle / most frequent /
 * answered / closed, numbers masked; /desk/signalements/N shows who sent it (masked) and
 * answers or closes it. The answer goes through `answerTip`, the function the phone's
 * /repondre uses: same 24-hour window, same languages, nothing to readers who said stop.
 */
export function registerTips(desk: DeskRouter, deps: DeskDeps): void {
  const tips = deps.tips;
  const newsroom = deps.config.newsroomName;
  const f = (c: DeskContext) => ({ lang: c.get("lang"), timeZone: deps.config.timeZone });

  desk.get("/signalements", (c) => {
    const words = c.get("words");
    const w = words.tipsPage;
    if (!tips)
      return c.html(
        page(c, newsroom, { title: words.nav.tips, active: "tips", body: notice(w.none) }),
      );
    const key = c.req.query("filtre") ?? "a-traiter";
    const filterKey = (key in FILTERS ? key : "a-traiter") as keyof typeof FILTERS &
      keyof typeof FILTER_WORD;
    const offset = Math.max(0, Math.min(100_000, Number(c.req.query("depuis") ?? 0) || 0));
    const list = tips.list({ ...FILTERS[filterKey], limit: TIPS_PER_PAGE + 1, offset });
    const counts = tips.countByStatus();
    const nav = html`<p class="filters-links">${Object.keys(FILTERS).map(
      (k) =>
        html`<a href="${deskHref(`/signalements?filtre=${k}`)}"${k === filterKey ? raw(' aria-current="page"') : ""}>${w.filters[FILTER_WORD[k as keyof typeof FILTER_WORD]]}</a> `,
    )}</p><p class="muted" id="tip-counts">${w.counts(counts.open, counts.answered, counts.closed)}</p>`;
    const cols = w.columns;
    const row = (t: Tip) => {
      const first = tips.senders(t.id)[0];
      return html`<tr data-tip="${t.id}"><td>${t.id}</td><td class="optional">${deskDate(f(c), t.lastAt)}</td><td><a href="${deskHref(`/signalements/${t.id}`)}">${lineOf(t.text)}</a>${t.forwarded ? html` <span class="state draft">${w.forwarded}</span>` : ""}</td><td>${t.count} (${t.readers})</td><td class="optional">${first ? maskedReader(first.chatId) : ""}</td><td><span class="state ${t.status === "open" ? "scheduled" : t.status === "answered" ? "sent" : "draft"}">${w.state[t.status]}</span></td></tr>`;
    };
    const shown = list.slice(0, TIPS_PER_PAGE);
    const more =
      list.length > TIPS_PER_PAGE
        ? html`<p class="pager"><a rel="next" href="${deskHref(`/signalements?filtre=${filterKey}&depuis=${offset + TIPS_PER_PAGE}`)}">${w.older}</a></p>`
        : "";
    const table =
      shown.length === 0
        ? notice(w.none)
        : html`<table id="tips"><thead><tr><th>${cols.id}</th><th class="optional">${cols.when}</th><th>${cols.text}</th><th>${cols.count}</th><th class="optional">${cols.from}</th><th>${cols.state}</th></tr></thead><tbody>${shown.map(row)}</tbody></table>${more}`;
    return c.html(
      page(c, newsroom, {
        title: words.nav.tips,
        active: "tips",
        body: html`<p class="muted">${w.intro}</p>${nav}${table}`,
      }),
    );
  });

  const showTip = (c: DeskContext, tip: Tip, top: Html | string = "", status: 200 | 400 = 200) => {
    const words = c.get("words");
    const w = words.tipsPage;
    const senders = tips?.senders(tip.id) ?? [];
    const list = html`<ul class="senders">${senders
      .slice(0, 100)
      .map(
        (s) =>
          html`<li>${maskedReader(s.chatId)} · ${deskDate(f(c), s.lastAt)} · « ${lineOf(s.text)} »${s.answeredAt ? html` <span class="state sent">${w.state.answered}</span>` : ""}</li>`,
      )}</ul>`;
    const current =
      tip.answer && tip.answeredAt
        ? html`<p>${w.currentAnswer(maskedReader(tip.answeredBy ?? ""), deskDate(f(c), tip.answeredAt))}</p><div class="phone"><div class="bubble">${tip.answer}</div></div>`
        : "";
    const answerForm = postForm(
      c,
      deskHref(`/signalements/${tip.id}/repondre`),
      html`<label for="reponse">${w.answerLabel(TIP_ANSWER_MAX)}</label>
<textarea id="reponse" name="reponse" rows="4" maxlength="${TIP_ANSWER_MAX}" required>${tip.answer ?? ""}</textarea>
<p class="muted">${w.answerHelp}</p><button type="submit" id="answer">${w.answer}</button>`,
      { confirm: w.answerConfirm(tip.readers), className: "answer-form" },
    );
    const closeForm =
      tip.status === "open"
        ? postForm(
            c,
            deskHref(`/signalements/${tip.id}/classer`),
            html`<button type="submit" class="secondary">${w.close}</button>`,
            { confirm: w.closeConfirm, className: "inline" },
          )
        : "";
    return c.html(
      page(c, newsroom, {
        title: `${words.nav.tips} n° ${tip.id}`,
        active: "tips",
        body: html`${top}<p><span class="state ${tip.status === "open" ? "scheduled" : tip.status === "answered" ? "sent" : "draft"}">${w.state[tip.status]}</span> · ${w.messages(tip.count, tip.readers)} · ${deskDate(f(c), tip.firstAt)} → ${deskDate(f(c), tip.lastAt)}${tip.forwarded ? html` · ${w.forwarded}` : ""}</p>
<div class="phone"><div class="bubble">${tip.text}</div></div>
${current}
<h2>${w.answerTitle}</h2>${answerForm}${closeForm}
<h2>${w.sendersTitle}</h2>${list}
<p><a href="${deskHref("/signalements")}">${words.back}</a></p>`,
      }),
      status,
    );
  };

  const tipOf = (c: DeskContext): Tip | null => {
    const id = Number(c.req.param("id"));
    return tips && Number.isSafeInteger(id) && id > 0 ? tips.get(id) : null;
  };
  const notFound = (c: DeskContext) =>
    c.html(
      page(c, newsroom, {
        title: "404",
        active: "tips",
        body: notice(c.get("words").tipsPage.notFound(c.req.param("id") ?? ""), "error"),
      }),
      404,
    );

  desk.get("/signalements/:id{[0-9]+}", (c) => {
    const tip = tipOf(c);
    return tip ? showTip(c, tip) : notFound(c);
  });

  desk.post("/signalements/:id{[0-9]+}/repondre", async (c) => {
    const tip = tipOf(c);
    if (!tip || !tips) return notFound(c);
    const body = await c.req.parseBody();
    const text = typeof body.reponse === "string" ? body.reponse.trim() : "";
    const w = c.get("words").tipsPage;
    const phone = catalogue(c.get("lang")).tips;
    if (text === "" || text.length > TIP_ANSWER_MAX) {
      auditDesk(
        c,
        deps,
        "tip-answer",
        String(tip.id),
        "refused",
        text === "" ? "empty" : `answer of ${text.length} characters`,
      );
      return showTip(
        c,
        tip,
        notice(text === "" ? w.answerEmpty : phone.answerTooLong(TIP_ANSWER_MAX), "error"),
        400,
      );
    }
    const now = deps.clock.now();
    const facts = answerTip(
      { tips, subscribers: deps.subscribers, outbox: deps.outbox },
      tip.id,
      text,
      editorOf(c).phone,
      now,
    );
    if (!facts) return notFound(c);
    auditDesk(
      c,
      deps,
      "tip-answer",
      String(tip.id),
      "ok",
      `${facts.now} sent now, ${facts.later} at their next message, ${facts.stopped} stopped: ${text}`,
    );
    const after = tips.get(tip.id) ?? tip;
    return showTip(c, after, notice(phone.answered(facts), "ok"));
  });

  desk.post("/signalements/:id{[0-9]+}/classer", (c) => {
    const tip = tipOf(c);
    if (!tip || !tips) return notFound(c);
    const closed = tips.close(tip.id, editorOf(c).phone, deps.clock.now()) ?? tip;
    auditDesk(
      c,
      deps,
      "tip-close",
      String(tip.id),
      "ok",
      `${tip.count} messages, ${tip.readers} readers`,
    );
    return showTip(
      c,
      closed,
      notice(catalogue(c.get("lang")).tips.closed(tip.id, tip.count), "ok"),
    );
  });
}
