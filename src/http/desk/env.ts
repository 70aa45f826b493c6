import type { Context, Hono } from "hono";
import type { DeskWords, Lang } from "../../messages/i18n/catalogue.ts";

/** The editor a desk request is made by (set by the session middleware, `session.ts`). */
export interface DeskEditor {
  /** The E.164 number from EDITORS (or "operator" for a desk-link session without EDITORS). */
  phone: string;
  /** Hash of the session id (the cookie holds the id itself). */
  sessionHash: string;
}

/**
 * What every desk handler finds on its context: `c.get("editor")` (null on the public pages:
 * sign-in and assets), the page language and its words, and the CSRF token its forms carry.
 */
export interface DeskEnv {
  Variables: {
    editor: DeskEditor | null;
    lang: Lang;
    words: DeskWords;
    csrf: string;
  };
}

/** The desk's router: each page registers its routes on it (`registerX(desk, deps)`). */
export type DeskRouter = Hono<DeskEnv>;
export type DeskContext = Context<DeskEnv>;

/** Where the desk is mounted on the bot's server; every link starts with it. */
export const DESK_BASE = "/desk";

/** An absolute desk path: `deskHref("/articles")` → "/desk/articles". */
export function deskHref(path: string): string {
  return `${DESK_BASE}${path === "/" ? "" : path}`;
}

/** The signed-in editor; only for pages behind sign-in (the middleware guarantees one). */
export function editorOf(c: DeskContext): DeskEditor {
  const editor = c.get("editor");
  if (!editor) throw new Error("desk page reached without a session");
  return editor;
}
