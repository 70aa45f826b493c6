import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { DeskEnv } from "./env.ts";

/**
 * The most a desk request may send. The longest form is a tip's answer or a try-it message
 * (1,000 characters: 12 kB URL-encoded at worst); without a limit an unsigned-in visitor could
 * make the server hold any body in memory (50 MB took 1.2 s and 400 MB of RSS).
 */
export const MAX_DESK_BODY_BYTES = 64 * 1024;

/** Refuses (413, in the page's language) a body past MAX_DESK_BODY_BYTES, before it is read. */
export function formLimit(): MiddlewareHandler<DeskEnv> {
  const limit = bodyLimit({
    maxSize: MAX_DESK_BODY_BYTES,
    onError: (c) => c.text(c.get("words").bodyTooLarge(MAX_DESK_BODY_BYTES / 1024), 413),
  });
  return (c, next) => (c.req.method === "GET" || c.req.method === "HEAD" ? next() : limit(c, next));
}
