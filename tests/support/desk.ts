import { deskDeps } from "../../src/app/desk.ts";
import type { App } from "../../src/app/services.ts";
import type { DeskDeps } from "../../src/http/desk/deps.ts";
import { createDeskApp } from "../../src/http/desk/desk-app.ts";
import type { DeskRouter } from "../../src/http/desk/env.ts";
import type { ManualClock } from "../../src/lib/clock.ts";
import { type Harness, harness } from "./delivery.ts";

export const EDITOR = "+22370000009";

/** A desk over a real in-memory store (the real migrations), and a cookie jar for requests. */
export interface DeskHarness {
  app: App;
  clock: ManualClock;
  /** The newsroom under the desk: memory transport, dispatcher, fixture articles. */
  newsroom: Harness;
  deps: DeskDeps;
  desk: DeskRouter;
  /** A request with the jar's cookies; the answer's Set-Cookie lines fill the jar. */
  request(path: string, init?: RequestInit & { form?: Record<string, string> }): Promise<Response>;
  cookies: Map<string, string>;
  /** The CSRF token of the page last read (its <meta name="csrf-token">). */
  csrf(): Promise<string>;
  /** Signs in as EDITOR with a code read from the outbox. */
  signIn(): Promise<void>;
  close(): void;
}

/** A desk over the delivery harness (Bamako, a Channel, the memory transport), EDITOR signed up. */
export async function deskHarness(
  env: Record<string, string> = {},
  extras: Partial<DeskDeps> = {},
): Promise<DeskHarness> {
  const newsroom = await harness({
    env: { EDITORS: EDITOR, ...env },
    start: "2026-12-01T09:00:00Z",
  });
  const { app, clock } = newsroom;
  const deps: DeskDeps = { ...deskDeps(app), ...extras };
  const desk = createDeskApp(deps);
  const cookies = new Map<string, string>();
  const request: DeskHarness["request"] = async (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("host", "localhost");
    if (!headers.has("accept")) headers.set("accept", "text/html");
    if (cookies.size > 0) {
      headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    let body = init.body;
    if (init.form) {
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(init.form).toString();
    }
    const res = await desk.request(`http://localhost${path}`, {
      ...init,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = (pair ?? "").split("=");
      const value = rest.join("=");
      if (!name) continue;
      if (value === "" || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  };
  const csrf = async () => {
    const res = await request("/desk/connexion");
    const text = await res.text();
    return /name="csrf-token" content="([^"]+)"/.exec(text)?.[1] ?? "";
  };
  const h: DeskHarness = {
    app,
    clock,
    newsroom,
    deps,
    desk,
    request,
    cookies,
    csrf: async () => {
      const res = await request("/desk/articles");
      const text = await res.text();
      return /name="csrf-token" content="([^"]+)"/.exec(text)?.[1] ?? (await csrf());
    },
    signIn: async () => {
      const token = await csrf();
      await request("/desk/connexion/code", {
        method: "POST",
        form: { _csrf: token, phone: EDITOR },
      });
      const code = lastCode(app);
      const res = await request("/desk/connexion", {
        method: "POST",
        form: { _csrf: token, phone: EDITOR, code },
      });
      if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
    },
    close: () => app.close(),
  };
  return h;
}

/** The code of the last sign-in message queued for an editor. */
export function lastCode(app: App): string {
  let code = "";
  for (let id = 1; ; id++) {
    const row = app.outbox.get(id);
    if (!row) return code;
    const m = /\*(\d{6})\*/.exec(row.body);
    if (row.kind === "reply" && m?.[1]) code = m[1];
  }
}

/** A page's text with HTML entities decoded (assertions read what the editor reads). */
export async function pageText(res: Response): Promise<string> {
  return (await res.text())
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
