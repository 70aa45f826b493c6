import type { MiddlewareHandler } from "hono";
import type { DeskEnv } from "./env.ts";
import { sameSecret } from "./tokens.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses (403) any request that changes something without the page's token: the `_csrf`
 * field of a form, or the `x-csrf-token` header of a fetch (desk.js sends it). A request from
 * another site's page (its Origin is not ours) is refused even with a token. The token is the
 * session's own (or the visitor's, on the sign-in forms); SameSite=Strict cookies are a second
 * wall, not the only one.
 */
export function csrfMiddleware(): MiddlewareHandler<DeskEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const host = c.req.header("x-forwarded-host") ?? c.req.header("host");
    const foreign = origin !== undefined && origin !== "null" && hostOf(origin) !== host;
    let sent = c.req.header("x-csrf-token") ?? "";
    if (!sent) {
      const type = c.req.header("content-type") ?? "";
      if (type.includes("form")) {
        const body = await c.req.parseBody();
        sent = typeof body._csrf === "string" ? body._csrf : "";
      }
    }
    if (foreign || !sent || !sameSecret(sent, c.get("csrf"))) {
      return c.text(c.get("words").csrfRefused, 403);
    }
    return next();
  };
}

/** The host of an Origin header; null when it is not a URL (a forged one: refused, not a 500). */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
