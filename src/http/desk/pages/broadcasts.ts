import { html } from "hono/html";
import type { DeskDeps } from "../deps.ts";
import type { DeskRouter } from "../env.ts";
import { page } from "../layout.ts";

/** /diffusions: the page is being built (skeleton). */
export function registerBroadcasts(desk: DeskRouter, deps: DeskDeps): void {
  desk.get("/diffusions", (c) =>
    c.html(
      page(c, deps.config.newsroomName, {
        title: c.get("words").nav.broadcasts,
        active: "broadcasts",
        body: html`<p class="muted">…</p>`,
      }),
    ),
  );
}
