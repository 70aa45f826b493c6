import { Hono } from "hono";
import { html } from "hono/html";
import { registerAssets } from "./assets.ts";
import { csrfMiddleware } from "./csrf.ts";
import type { DeskDeps } from "./deps.ts";
import { DESK_BASE, type DeskEnv, type DeskRouter, deskHref } from "./env.ts";
import { formLimit } from "./form-limit.ts";
import { notice, page } from "./layout.ts";
import { registerArticles } from "./pages/articles.ts";
import { registerAudience } from "./pages/audience.ts";
import { registerBroadcasts } from "./pages/broadcasts.ts";
import { registerJournal } from "./pages/journal.ts";
import { registerPairing } from "./pages/pairing.ts";
import { registerSignIn } from "./pages/sign-in.ts";
import { registerTips } from "./pages/tips.ts";
import { registerTryIt } from "./pages/try-it.ts";
import { sessionMiddleware } from "./session.ts";

/**
 * A desk page: `registerX(desk, deps)` adds its routes (paths under /desk, e.g. "/articles")
 * to the router and reads what it needs from `deps`. Handlers find the editor, the language
 * and its words, and the CSRF token on the context (env.ts); every form goes through
 * `postForm` (layout.ts) and every POST through the CSRF check.
 */
export type RegisterPage = (desk: DeskRouter, deps: DeskDeps) => void;

/** The pages, in nav order after sign-in. Each new page adds its `registerX` at the END. */
const PAGES: readonly RegisterPage[] = [
  registerSignIn,
  registerArticles,
  registerBroadcasts,
  registerPairing,
  registerJournal,
  registerAudience,
  registerTryIt,
  registerTips,
];

/**
 * The newsroom's web desk, mounted at /desk on the bot's server (src/http/server.ts):
 * server-rendered pages, French first (English with ?lang=en), sign-in without passwords.
 */
export function createDeskApp(deps: DeskDeps, pages: readonly RegisterPage[] = PAGES): DeskRouter {
  const desk: DeskRouter = new Hono<DeskEnv>().basePath(DESK_BASE);
  desk.use("*", async (c, next) => {
    await next();
    // The desk is never framed (clickjacking) and never cached by a shared proxy.
    c.header("x-frame-options", "DENY");
    c.header(
      "content-security-policy",
      "frame-ancestors 'none'; object-src 'none'; base-uri 'none'",
    );
    c.header("referrer-policy", "same-origin");
    if (!c.res.headers.has("cache-control")) c.header("cache-control", "no-store");
  });
  desk.use("*", sessionMiddleware(deps));
  desk.use("*", formLimit());
  desk.use("*", csrfMiddleware());
  registerAssets(desk);
  desk.get("/", (c) => c.redirect(deskHref("/articles"), 303));
  for (const register of pages) register(desk, deps);
  // A route of its own (a sub-app's notFound does not apply once mounted with app.route).
  desk.all("*", (c) =>
    c.html(
      page(c, deps.config.newsroomName, {
        title: "404",
        body: html`${notice(c.get("words").notFound)}<p><a href="${deskHref("/articles")}">${c.get("words").back}</a></p>`,
      }),
      404,
    ),
  );
  desk.onError((error, c) => {
    deps.log.error({ err: error, path: c.req.path }, "bureau : erreur");
    return c.html(
      page(c, deps.config.newsroomName, {
        title: "500",
        body: notice(c.get("words").serverError, "error"),
      }),
      500,
    );
  });
  return desk;
}
