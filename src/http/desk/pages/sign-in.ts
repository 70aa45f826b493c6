import { html } from "hono/html";
import { maskPhone } from "../../../log.ts";
import type { DeskDeps } from "../deps.ts";
import { type DeskContext, type DeskRouter, deskHref } from "../env.ts";
import { type Html, notice, page, postForm } from "../layout.ts";
import { closeSession, openSession } from "../session.ts";
import { CODE_TTL_MS, checkCode, requestCode, useSignInLink } from "../sign-in.ts";

function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === "string" ? v.trim().slice(0, 100) : "";
}

function phoneForm(c: DeskContext, phone: string): Html {
  const w = c.get("words");
  return postForm(
    c,
    deskHref("/connexion/code"),
    html`<label for="phone">${w.phoneLabel}</label>
<input id="phone" name="phone" type="tel" autocomplete="tel" required value="${phone}" placeholder="+223 70 00 00 00">
<button type="submit">${w.sendCode}</button>`,
  );
}

function codeForm(c: DeskContext, phone: string): Html {
  const w = c.get("words");
  return postForm(
    c,
    deskHref("/connexion"),
    html`<input type="hidden" name="phone" value="${phone}">
<label for="code">${w.codeLabel}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required autofocus>
<button type="submit">${w.signIn}</button>`,
  );
}

/**
 * /desk/connexion: sign-in without passwords. The editor types their number and receives a
 * one-time code on WhatsApp (sign-in.ts has the rules: lifetime, five wrong codes lock);
 * /desk/connexion/lien/<secret> opens a session from a `cli desk-link` link; /desk/deconnexion.
 */
export function registerSignIn(desk: DeskRouter, deps: DeskDeps): void {
  const newsroom = deps.config.newsroomName;
  const show = (c: DeskContext, body: Html, status: 200 | 400 | 403 | 429 = 200) =>
    c.html(page(c, newsroom, { title: c.get("words").signInTitle, body }), status);

  desk.get("/connexion", (c) => {
    if (c.get("editor")) return c.redirect(deskHref("/articles"), 303);
    const w = c.get("words");
    const out = c.req.query("fin") === "1" ? notice(w.signedOut, "ok") : "";
    const none = deps.config.editors.length === 0 ? notice(w.noEditors) : "";
    return show(c, html`${out}${none}<p>${w.signInIntro}</p>${phoneForm(c, "")}`);
  });

  desk.post("/connexion/code", async (c) => {
    const w = c.get("words");
    const phone = field(await c.req.parseBody(), "phone");
    const result = requestCode(deps, phone, c.get("lang"));
    switch (result.kind) {
      case "invalid":
        return show(c, html`${notice(w.phoneInvalid(phone), "error")}${phoneForm(c, phone)}`, 400);
      case "locked":
        return show(
          c,
          html`${notice(w.locked(result.minutes), "error")}${phoneForm(c, phone)}`,
          429,
        );
      case "throttled":
        return show(
          c,
          html`${notice(w.tooManyCodes(result.minutes), "error")}${codeForm(c, phone)}`,
          429,
        );
      case "sent":
        return show(
          c,
          html`${notice(w.codeSent(maskPhone(result.phone), CODE_TTL_MS / 60_000), "ok")}${codeForm(c, result.phone)}`,
        );
    }
  });

  desk.post("/connexion", async (c) => {
    const w = c.get("words");
    const body = await c.req.parseBody();
    const phone = field(body, "phone");
    const result = checkCode(deps, phone, field(body, "code"));
    switch (result.kind) {
      case "ok":
        openSession(c, deps, result.editor);
        return c.redirect(deskHref("/articles"), 303);
      case "invalid":
        return show(c, html`${notice(w.phoneInvalid(phone), "error")}${phoneForm(c, phone)}`, 400);
      case "wrong":
        return show(
          c,
          html`${notice(w.codeWrong(result.left), "error")}${codeForm(c, phone)}`,
          403,
        );
      case "expired":
        return show(c, html`${notice(w.codeExpired, "error")}${phoneForm(c, phone)}`, 403);
      case "locked":
        return show(
          c,
          html`${notice(w.locked(result.minutes), "error")}${phoneForm(c, phone)}`,
          429,
        );
    }
  });

  // The link's GET only shows a button: link previews and prefetches do not use it up.
  desk.get("/connexion/lien/:secret", (c) => {
    const w = c.get("words");
    return c.html(
      page(c, newsroom, {
        title: w.linkTitle,
        body: html`<p>${w.linkIntro}</p>${postForm(
          c,
          deskHref(`/connexion/lien/${encodeURIComponent(c.req.param("secret"))}`),
          html`<button type="submit">${w.signIn}</button>`,
        )}`,
      }),
    );
  });

  desk.post("/connexion/lien/:secret", (c) => {
    const editor = useSignInLink(deps, c.req.param("secret"));
    if (!editor) {
      return show(c, html`${notice(c.get("words").linkInvalid, "error")}${phoneForm(c, "")}`, 403);
    }
    openSession(c, deps, editor);
    return c.redirect(deskHref("/articles"), 303);
  });

  desk.post("/deconnexion", (c) => {
    const editor = c.get("editor");
    if (editor) {
      deps.audit.record(
        { actor: editor.phone, via: "desk", action: "desk-sign-out", outcome: "ok" },
        deps.clock.now(),
      );
    }
    closeSession(c, deps);
    return c.redirect(deskHref("/connexion?fin=1"), 303);
  });
}
