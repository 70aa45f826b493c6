import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { maskPhone } from "../../log.ts";
import type { DeskWords } from "../../messages/i18n/catalogue.ts";
import { type DeskContext, deskHref } from "./env.ts";

/** Server-rendered HTML, escaped by `html\`…\`` (hono/html): interpolations are inert text. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The nav, in order: each entry a page that `registerX` serves (some arrive later: 404 until then). */
export const NAV: readonly { key: keyof DeskWords["nav"]; path: string }[] = [
  { key: "articles", path: "/articles" },
  { key: "broadcasts", path: "/diffusions" },
  { key: "pairing", path: "/appairage" },
  { key: "reach", path: "/audience" },
  { key: "tips", path: "/signalements" },
  { key: "audit", path: "/journal" },
  { key: "tryIt", path: "/essayer" },
];

export interface PageOptions {
  /** The page's own title (after the desk's name in the tab). */
  title: string;
  /** The nav entry to highlight; none on the sign-in pages. */
  active?: keyof DeskWords["nav"];
  body: Html;
  /** Extra scripts of the page, from /desk/assets (e.g. "broadcasts.js"). */
  scripts?: readonly string[];
}

/** The hidden field every desk form carries (CSRF). */
export function csrfField(c: DeskContext): Html {
  return html`<input type="hidden" name="_csrf" value="${c.get("csrf")}">`;
}

/** A POST form with its CSRF field; `confirm` asks the browser's question first (desk.js). */
export function postForm(
  c: DeskContext,
  action: string,
  inner: Html,
  options: { confirm?: string; className?: string } = {},
): Html {
  return html`<form method="post" action="${action}"${
    options.confirm ? html` data-confirm="${options.confirm}"` : ""
  }${options.className ? html` class="${options.className}"` : ""}>${csrfField(c)}${inner}</form>`;
}

/** The link that switches the page's language (the same page, the other language). */
function languageLink(c: DeskContext): Html {
  const other = c.get("lang") === "fr" ? "en" : "fr";
  // After a form (a POST) the same address would not be a page: the desk's start instead.
  const url = new URL(c.req.method === "GET" ? c.req.url : `http://desk${deskHref("/articles")}`);
  url.searchParams.set("lang", other);
  return html`<a class="lang" href="${url.pathname}${url.search}" hreflang="${other}">${
    c.get("words").otherLanguage
  }</a>`;
}

/** A full desk page: header with the nav and the editor's masked number, then the body. */
export function page(c: DeskContext, newsroom: string, options: PageOptions): Html {
  const w = c.get("words");
  const editor = c.get("editor");
  const nav = editor
    ? html`<nav aria-label="desk"><ul>${NAV.map(
        (n) =>
          html`<li><a href="${deskHref(n.path)}"${
            options.active === n.key ? raw(' aria-current="page"') : ""
          }>${w.nav[n.key]}</a></li>`,
      )}</ul></nav>`
    : "";
  const who = editor
    ? html`<span class="who">${w.signedInAs(maskPhone(editor.phone))}</span>
        ${postForm(c, deskHref("/deconnexion"), html`<button type="submit">${w.signOut}</button>`, { className: "inline" })}`
    : "";
  const scripts = ["desk.js", ...(options.scripts ?? [])];
  return html`<!doctype html>
<html lang="${c.get("lang")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${c.get("csrf")}">
<title>${options.title} · ${w.title(newsroom)}</title>
<link rel="stylesheet" href="${deskHref("/assets/desk.css")}">
</head>
<body>
<header>
<a class="brand" href="${deskHref("/articles")}">${w.title(newsroom)}</a>
${nav}
<div class="session">${who} ${languageLink(c)}</div>
</header>
<main>
<h1>${options.title}</h1>
${options.body}
</main>
${scripts.map((s) => html`<script src="${deskHref(`/assets/${s}`)}" defer></script>`)}
</body>
</html>`;
}

/** A short notice above a page's content: `kind` sets its colour. */
export function notice(text: string, kind: "info" | "ok" | "error" = "info"): Html {
  return html`<p class="notice ${kind}" role="${kind === "error" ? "alert" : "status"}">${text}</p>`;
}
