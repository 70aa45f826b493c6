import { html } from "hono/html";
import type { DeskDeps } from "../deps.ts";
import type { DeskRouter } from "../env.ts";
import { page } from "../layout.ts";

/** /appairage: the page is being built (skeleton). */
export function registerPairing(desk: DeskRouter, deps: DeskDeps): void {
  desk.get("/appairage", (c) =>
    c.html(
      page(c, deps.config.newsroomName, {
        title: c.get("words").nav.pairing,
        active: "pairing",
        body: html`<p class="muted">…</p>`,
      }),
    ),
  );
}
