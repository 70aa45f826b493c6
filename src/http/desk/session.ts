import type { MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";
import { catalogue } from "../../messages/wording.ts";
import type { DeskDeps } from "./deps.ts";
import { DESK_BASE, type DeskContext, type DeskEnv, deskHref } from "./env.ts";
import { hashToken, newToken } from "./tokens.ts";

export const SESSION_COOKIE = "desk_session";
/** The CSRF token of a visitor not signed in yet (the sign-in forms carry it too). */
export const VISITOR_COOKIE = "desk_visitor";
export const LANG_COOKIE = "desk_lang";

/** A session ends after this long without a request (sliding), and in any case after a week. */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** Sessions are touched at most this often (one write per minute, not per request). */
const TOUCH_EVERY_MS = 60_000;

/** Paths (under /desk) open without a session. */
const PUBLIC_PREFIXES = ["/connexion", "/assets/"];

function isPublic(path: string): boolean {
  const local = path.slice(DESK_BASE.length) || "/";
  return PUBLIC_PREFIXES.some(
    (p) => local === p || local.startsWith(p.endsWith("/") ? p : `${p}/`),
  );
}

/** HttpOnly, SameSite=Strict, on /desk only; Secure behind TLS. */
export function cookieOptions(c: DeskContext, deps: DeskDeps, maxAgeMs: number): CookieOptions {
  const https =
    new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
  return {
    httpOnly: true,
    sameSite: "Strict",
    path: DESK_BASE,
    secure: deps.secureCookies ?? https,
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}

/**
 * Reads the language (`?lang=` then its cookie, else LANGUAGE of .env), the session (the
 * editor) and the CSRF token; a page behind sign-in without a session goes to /desk/connexion
 * (or gets a 401 when it is a fetch or an event stream).
 */
export function sessionMiddleware(deps: DeskDeps): MiddlewareHandler<DeskEnv> {
  return async (c, next) => {
    const asked = c.req.query("lang");
    const lang =
      asked === "fr" || asked === "en"
        ? asked
        : (() => {
            const saved = getCookie(c, LANG_COOKIE);
            return saved === "fr" || saved === "en" ? saved : deps.config.language;
          })();
    if (asked === "fr" || asked === "en") {
      setCookie(c, LANG_COOKIE, asked, cookieOptions(c, deps, 365 * 24 * 3600_000));
    }
    c.set("lang", lang);
    c.set("words", catalogue(lang).desk);

    const now = deps.clock.now();
    const id = getCookie(c, SESSION_COOKIE);
    const session = id ? deps.sessions.get(hashToken(id), now) : null;
    if (session) {
      c.set("editor", { phone: session.editor, sessionHash: session.idHash });
      c.set("csrf", session.csrf);
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        const end = Math.min(
          now.getTime() + SESSION_IDLE_MS,
          session.createdAt.getTime() + 7 * 24 * 3600_000,
        );
        deps.sessions.touch(session.idHash, now, new Date(end));
      }
    } else {
      c.set("editor", null);
      let visitor = getCookie(c, VISITOR_COOKIE);
      if (!visitor || visitor.length < 32) {
        visitor = newToken();
        setCookie(c, VISITOR_COOKIE, visitor, cookieOptions(c, deps, SESSION_IDLE_MS));
      }
      c.set("csrf", visitor);
      if (!isPublic(c.req.path)) {
        const wantsHtml = (c.req.header("accept") ?? "").includes("text/html");
        if (c.req.method === "GET" && wantsHtml) return c.redirect(deskHref("/connexion"), 303);
        return c.text(c.get("words").signInNeeded, 401);
      }
    }
    await next();
    return undefined;
  };
}

/** Opens a session for `editor` in this browser: a fresh id in the cookie, its hash stored. */
export function openSession(c: DeskContext, deps: DeskDeps, editor: string): void {
  const now = deps.clock.now();
  const id = newToken();
  deps.sessions.create({
    idHash: hashToken(id),
    editor,
    csrf: newToken(),
    now,
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
  });
  setCookie(c, SESSION_COOKIE, id, cookieOptions(c, deps, 7 * 24 * 3600_000));
  deleteCookie(c, VISITOR_COOKIE, { path: DESK_BASE });
}

/** Ends this browser's session (the row and the cookie). */
export function closeSession(c: DeskContext, deps: DeskDeps): void {
  const editor = c.get("editor");
  if (editor) deps.sessions.delete(editor.sessionHash);
  deleteCookie(c, SESSION_COOKIE, { path: DESK_BASE });
}
