import { html } from "hono/html";
import type { DeskDeps } from "../deps.ts";
import type { DeskRouter } from "../env.ts";
import { page } from "../layout.ts";

/** /articles: the page is being built (skeleton). */
export function registerArticles(desk: DeskRouter, deps: DeskDeps): void {
  desk.get("/articles", (c) =>
    c.html(
      page(c, deps.config.newsroomName, {
        title: c.get("words").nav.articles,
        active: "articles",
        body: html`<p class="muted">…</p>`,
      }),
    ),
  );
}
