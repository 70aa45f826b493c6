import { html, raw } from "hono/html";
import { DeskError } from "../../../domain/errors.ts";
import { parseWhen } from "../../../lib/when.ts";
import type { FormatContext } from "../../../messages/templates.ts";
import { alert, channelLinkOf, channelPost } from "../../../messages/templates.ts";
import { catalogue, deskErrorText } from "../../../messages/wording.ts";
import type { ArticleCard, StoredArticle } from "../../../store/articles.ts";
import { auditDesk } from "../audit.ts";
import type { DeskDeps } from "../deps.ts";
import { type DeskContext, type DeskRouter, deskHref, editorOf } from "../env.ts";
import { deskConfirmFacts, deskDate, deskFormatOf, deskReceiptFacts } from "../format.ts";
import { type Html, notice, page, postForm } from "../layout.ts";
import { whatsappHtml } from "../whatsapp-html.ts";

/** Articles a page of the list shows. */
export const ARTICLES_PER_PAGE = 50;

type DeskArticleState = keyof ReturnType<typeof catalogue>["desk"]["articleState"];

/** draft, dated in the future, a broadcast scheduled, broadcast, or published not broadcast. */
function stateOf(
  a: Pick<ArticleCard, "status" | "publishedAt">,
  broadcast: "scheduled" | "sent" | undefined,
  now: Date,
): DeskArticleState {
  if (a.status === "draft") return "draft";
  if (broadcast === "sent") return "sent";
  if (broadcast === "scheduled") return "scheduled";
  return a.publishedAt.getTime() > now.getTime() ? "future" : "published";
}

/** A message as the phone shows it. */
export function bubble(text: string): Html {
  return html`<div class="phone"><div class="bubble">${raw(whatsappHtml(text))}</div></div>`;
}

/**
 * /desk/articles: every article newest first (drafts and future-dated ones too), search and
 * rubric filter; /desk/articles/<id>: its summary as the Channel and the readers get it (FR
 * and EN) and the actions — publish now, schedule, ignore — through the Desk, with the phone's
 * rules and its confirmation for old articles.
 */
export function registerArticles(desk: DeskRouter, deps: DeskDeps): void {
  const newsroom = deps.config.newsroomName;

  desk.get("/articles", (c) => {
    const w = c.get("words");
    const f = deskFormatOf(c, deps);
    const q = (c.req.query("q") ?? "").trim().slice(0, 200);
    const rubric = (c.req.query("rubrique") ?? "").trim().slice(0, 100);
    const before = /^(-?\d{1,15})_(\d{1,15})$/.exec(c.req.query("avant") ?? "");
    let cards: ArticleCard[];
    if (q) {
      // The best matches among the most recent ones (the readers' search, drafts included).
      const hits = deps.articles.search(q, {
        now: f.now,
        limit: ARTICLES_PER_PAGE,
        includeUnpublished: true,
      });
      const byId = new Map(deps.articles.cards(hits.map((h) => h.id)).map((a) => [a.id, a]));
      const folded = rubric.toLocaleLowerCase();
      cards = hits
        .map((h) => byId.get(h.id))
        .filter((a): a is ArticleCard => a !== undefined)
        .filter((a) => !rubric || a.categories.some((r) => r.toLocaleLowerCase() === folded));
    } else {
      cards = deps.articles.deskPage({
        limit: ARTICLES_PER_PAGE,
        category: rubric || undefined,
        before: before
          ? { publishedAt: new Date(Number(before[1])), id: Number(before[2]) }
          : undefined,
      });
    }
    const states = deps.desk.articleStates(cards.map((a) => a.id));
    const rubrics = deps.articles.rubrics(f.now).slice(0, 200);
    const filters = html`<form class="filters" method="get" action="${deskHref("/articles")}">
<div><label for="q">${w.searchLabel}</label><input id="q" name="q" type="search" value="${q}" placeholder="${w.searchPlaceholder}"></div>
<div><label for="rubrique">${w.rubricLabel}</label><select id="rubrique" name="rubrique"><option value="">${w.rubricAll}</option>${rubrics.map(
      (r) =>
        html`<option value="${r.name}"${r.name === rubric || r.key === rubric ? raw(" selected") : ""}>${r.name} (${r.count})</option>`,
    )}</select></div>
<button type="submit">${w.filter}</button></form>`;
    const rows = cards.map((a) => {
      const state = stateOf(a, states.get(a.id), f.now);
      return html`<tr data-article="${a.id}">
<td>${a.id}</td>
<td class="optional">${deskDate(f, a.publishedAt)}</td>
<td><a href="${deskHref(`/articles/${a.id}`)}">${a.title}</a></td>
<td class="optional">${a.categories.join(" · ")}</td>
<td><span class="state ${state}">${w.articleState[state]}</span></td></tr>`;
    });
    const last = cards.at(-1);
    const more =
      !q && last && cards.length === ARTICLES_PER_PAGE
        ? html`<p class="pager"><a href="${deskHref(
            `/articles?${new URLSearchParams({
              ...(rubric ? { rubrique: rubric } : {}),
              avant: `${last.publishedAt.getTime()}_${last.id}`,
            }).toString()}`,
          )}">${w.older}</a></p>`
        : "";
    const table =
      cards.length === 0
        ? notice(q ? w.searchNone(q) : w.articlesNone)
        : html`<table><thead><tr><th>${w.columns.id}</th><th class="optional">${w.columns.date}</th><th>${w.columns.title}</th><th class="optional">${w.columns.rubrics}</th><th>${w.columns.state}</th></tr></thead>
<tbody>${rows}</tbody></table>${more}`;
    return c.html(
      page(c, newsroom, {
        title: w.nav.articles,
        active: "articles",
        body: html`${filters}${table}`,
      }),
    );
  });

  const showArticle = (
    c: DeskContext,
    article: StoredArticle,
    top: Html | string = "",
    status: 200 | 400 = 200,
  ) => {
    const w = c.get("words");
    const f = deskFormatOf(c, deps);
    const state = stateOf(article, deps.desk.articleStates([article.id]).get(article.id), f.now);
    const ctx = (language: "fr" | "en"): FormatContext => ({
      language,
      timeZone: deps.config.timeZone,
      channelLink: channelLinkOf(deps.config.channel.invite),
    });
    const names = catalogue(c.get("lang")).languageName;
    const previews = html`<div class="previews">
<section><h3>${w.previewChannel}</h3>${bubble(channelPost(article, ctx(deps.config.language)))}</section>
<section><h3>${w.previewAlert(names.fr)}</h3>${bubble(alert(article, ctx("fr")))}</section>
<section><h3>${w.previewAlert(names.en)}</h3>${bubble(alert(article, ctx("en")))}</section>
</div>`;
    const base = `/articles/${article.id}`;
    const future = article.publishedAt.getTime() > f.now.getTime();
    const actions =
      article.status === "draft"
        ? notice(w.draftNote)
        : html`${future ? notice(w.futureNote(deskDate(f, article.publishedAt))) : ""}
${deps.config.approval && (state === "published" || state === "future") ? notice(w.approvalNote) : ""}
<div class="actions">
${postForm(c, deskHref(`${base}/publier`), html`<button type="submit" name="publish">${w.publishNow}</button>`)}
${future ? postForm(c, deskHref(`${base}/publier`), html`<input type="hidden" name="force" value="1"><button type="submit" class="secondary">${w.publishForce}</button>`) : ""}
${postForm(
  c,
  deskHref(`${base}/programmer`),
  html`<label for="quand">${w.scheduleLabel(deps.config.timeZone)}</label><input id="quand" name="quand" type="datetime-local" required> <button type="submit" class="secondary">${w.schedule}</button>`,
)}
${deps.config.approval && state !== "sent" ? postForm(c, deskHref(`${base}/ignorer`), html`<button type="submit" class="secondary">${w.ignore}</button>`) : ""}
</div>`;
    return c.html(
      page(c, newsroom, {
        title: `${article.id} · ${article.title}`,
        active: "articles",
        body: html`${top}<p><span class="state ${state}">${w.articleState[state]}</span> · ${deskDate(f, article.publishedAt)} · ${article.categories.join(" · ")}${article.url ? html` · ${/^https?:\/\//i.test(article.url) ? html`<a href="${article.url}" rel="noreferrer noopener">${article.url}</a>` : article.url}` : ""}</p>
${actions}${previews}`,
      }),
      status,
    );
  };

  const articleOf = (c: DeskContext): StoredArticle | null => {
    const id = Number(c.req.param("id"));
    return Number.isSafeInteger(id) && id > 0 ? deps.articles.get(id) : null;
  };
  const notFound = (c: DeskContext) =>
    c.html(
      page(c, newsroom, {
        title: "404",
        active: "articles",
        body: notice(c.get("words").articleNotFound(c.req.param("id") ?? ""), "error"),
      }),
      404,
    );

  desk.get("/articles/:id{[0-9]+}", (c) => {
    const article = articleOf(c);
    return article ? showArticle(c, article) : notFound(c);
  });

  /** What a Desk answer becomes: a confirmation page, the receipt, or the refusal's reason. */
  const afterRequest = (
    c: DeskContext,
    article: StoredArticle,
    action: string,
    run: () => ReturnType<DeskDeps["desk"]["requestPublish"]>,
  ) => {
    const w = c.get("words");
    const f = deskFormatOf(c, deps);
    try {
      const outcome = run();
      if (outcome.kind === "confirm") {
        auditDesk(c, deps, action, String(article.id), "ok", "awaiting confirmation");
        const facts = deskConfirmFacts(f, outcome.request);
        return c.html(
          page(c, newsroom, {
            title: w.confirmTitle,
            active: "articles",
            body: html`${notice(w.confirmQuestion(facts))}<div class="actions">
${postForm(c, deskHref("/confirmation"), html`<button type="submit" class="danger" name="oui">${outcome.request.kind === "schedule" ? w.confirmYesSchedule : w.confirmYes}</button>`)}
${postForm(c, deskHref("/confirmation/non"), html`<button type="submit" class="secondary">${w.confirmNo}</button>`)}
</div>`,
          }),
        );
      }
      const r = outcome.receipt;
      auditDesk(
        c,
        deps,
        action,
        String(article.id),
        "ok",
        `broadcast ${r.broadcastId}${r.startsAt ? ` scheduled ${r.startsAt.toISOString()}` : ""}, channel ${r.channel}, ${r.recipients} readers`,
      );
      const text = catalogue(c.get("lang")).replies.published(
        article.id,
        article.title,
        deskReceiptFacts(f, r),
      );
      return showArticle(
        c,
        article,
        html`<section class="card receipt" data-broadcast="${r.broadcastId}"><h2>${w.receiptTitle}</h2>${bubble(text)}<p><a href="${deskHref("/diffusions")}">${w.nav.broadcasts} →</a></p></section>`,
      );
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      auditDesk(c, deps, action, String(article.id), "refused", error.code);
      return showArticle(c, article, notice(deskErrorText(error, c.get("lang")), "error"), 400);
    }
  };

  desk.post("/articles/:id{[0-9]+}/publier", async (c) => {
    const article = articleOf(c);
    if (!article) return notFound(c);
    const body = await c.req.parseBody();
    const force = body.force === "1";
    return afterRequest(c, article, "publish", () =>
      deps.desk.requestPublish(article.id, editorOf(c).phone, { force }),
    );
  });

  desk.post("/articles/:id{[0-9]+}/programmer", async (c) => {
    const article = articleOf(c);
    if (!article) return notFound(c);
    const body = await c.req.parseBody();
    const text = typeof body.quand === "string" ? body.quand.replace("T", " ").trim() : "";
    const f = deskFormatOf(c, deps);
    const example = c.get("lang") === "en" ? "tomorrow 18:00" : "demain 18h";
    return afterRequest(c, article, "schedule", () => {
      const at = parseWhen(text, f.now, deps.config.timeZone);
      if (!at) throw new DeskError("WHEN_INVALID", { text, example });
      if (at.getTime() <= f.now.getTime()) {
        throw new DeskError("WHEN_PAST", { at: deskDate(f, at), example });
      }
      return deps.desk.requestSchedule(article.id, at, editorOf(c).phone);
    });
  });

  desk.post("/articles/:id{[0-9]+}/ignorer", (c) => {
    const article = articleOf(c);
    if (!article) return notFound(c);
    // As on the phone: approval mode never announced it; ignoring it records the choice.
    auditDesk(c, deps, "ignore", String(article.id), "ok");
    return showArticle(c, article, notice(c.get("words").ignoredNotice(article.id), "ok"));
  });

  desk.post("/confirmation", (c) => {
    const w = c.get("words");
    const editor = editorOf(c).phone;
    const f = deskFormatOf(c, deps);
    try {
      const r = deps.desk.confirm(editor);
      auditDesk(c, deps, "confirm", String(r.articleId ?? ""), "ok", `broadcast ${r.broadcastId}`);
      const article = r.articleId ? deps.articles.get(r.articleId) : null;
      const text = article
        ? catalogue(c.get("lang")).replies.published(
            article.id,
            article.title,
            deskReceiptFacts(f, r),
          )
        : catalogue(c.get("lang")).replies.alerted(deskReceiptFacts(f, r));
      const receipt = html`<section class="card receipt" data-broadcast="${r.broadcastId}"><h2>${w.receiptTitle}</h2>${bubble(text)}<p><a href="${deskHref("/diffusions")}">${w.nav.broadcasts} →</a></p></section>`;
      return article
        ? showArticle(c, article, receipt)
        : c.html(page(c, newsroom, { title: w.confirmTitle, body: receipt }));
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      auditDesk(c, deps, "confirm", "", "refused", error.code);
      return c.html(
        page(c, newsroom, {
          title: w.confirmTitle,
          body: notice(deskErrorText(error, c.get("lang")), "error"),
        }),
        400,
      );
    }
  });

  desk.post("/confirmation/non", (c) => {
    const had = deps.desk.decline(editorOf(c).phone);
    if (had) auditDesk(c, deps, "decline", "", "ok");
    const w = c.get("words");
    return c.html(
      page(c, newsroom, {
        title: w.confirmTitle,
        body: html`${notice(w.declined, "ok")}<p><a href="${deskHref("/articles")}">${w.back}</a></p>`,
      }),
    );
  });
}
