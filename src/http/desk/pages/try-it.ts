import { html, raw } from "hono/html";
import type { DeskDeps, DeskSimulator, SimulatorMessage } from "../deps.ts";
import { type DeskContext, type DeskRouter, deskHref, editorOf } from "../env.ts";
import { type Html, notice, page, postForm } from "../layout.ts";
import { whatsappHtml } from "../whatsapp-html.ts";

/** What a reader can type in one WhatsApp message is far more; the simulator keeps it short. */
export const TRY_MAX_CHARS = 1000;

/** One message of the conversation as a chat bubble (the bot's on the left, yours on the right). */
function bubbleOf(c: DeskContext, m: SimulatorMessage): Html {
  const w = c.get("words").tryIt;
  const who = m.direction === "in" ? w.you : m.direction === "channel" ? w.channel : w.bot;
  return html`<div class="msg ${m.direction}"><span class="who">${who}</span><div class="bubble">${raw(
    whatsappHtml(m.text),
  )}</div></div>`;
}

/** The JSON a fetch from try-it.js gets: the new bubbles, drawn by the server. */
function bubblesJson(c: DeskContext, messages: readonly SimulatorMessage[]) {
  return {
    messages: messages.map((m) => ({
      direction: m.direction,
      text: m.text,
      html: String(bubbleOf(c, m)),
    })),
  };
}

/**
 * /desk/essayer: the bot in the browser, over the simulator's own database (DeskSimulator,
 * built in src/app/desk-simulator.ts): write as a reader or as the simulator's editor and read
 * its answers as bubbles. Works without scripts (a form and a redirect); try-it.js sends by
 * fetch and appends the answer. The desk session is the conversation's key.
 */
export function registerTryIt(desk: DeskRouter, deps: DeskDeps): void {
  const show = (
    c: DeskContext,
    sim: DeskSimulator | undefined,
    top: Html | string = "",
    status: 200 | 400 = 200,
  ) => {
    const words = c.get("words");
    const w = words.tryIt;
    if (!sim) {
      return c.html(
        page(c, deps.config.newsroomName, {
          title: words.nav.tryIt,
          active: "tryIt",
          body: notice(w.unavailable),
        }),
      );
    }
    const history = sim.history(editorOf(c).sessionHash);
    const as = c.req.query("comme") === "editeur" ? "editor" : "reader";
    const pane = html`<div id="chat" class="chat-pane" aria-live="polite">${
      history.length === 0
        ? html`<p class="muted" id="chat-empty">${w.empty}</p>`
        : history.map((m) => bubbleOf(c, m))
    }</div>`;
    const form = postForm(
      c,
      deskHref("/essayer"),
      html`<fieldset class="as"><legend>${w.asLabel}</legend>
<label><input type="radio" name="comme" value="lecteur"${as === "reader" ? raw(" checked") : ""}> ${w.asReader}</label>
<label><input type="radio" name="comme" value="editeur"${as === "editor" ? raw(" checked") : ""}> ${w.asEditor}</label></fieldset>
<label for="message">${w.messageLabel}</label>
<div class="composer"><input id="message" name="message" autocomplete="off" required maxlength="${TRY_MAX_CHARS}" placeholder="${w.placeholder}" autofocus>
<button type="submit">${w.send}</button></div>`,
      { className: "try-form" },
    );
    const reset = postForm(
      c,
      deskHref("/essayer/effacer"),
      html`<button type="submit" class="secondary">${w.reset}</button>`,
      { className: "inline" },
    );
    return c.html(
      page(c, deps.config.newsroomName, {
        title: words.nav.tryIt,
        active: "tryIt",
        scripts: ["try-it.js"],
        body: html`${top}<p class="muted">${w.intro(sim.database)}</p>${pane}${form}${reset}`,
      }),
      status,
    );
  };

  desk.get("/essayer", (c) => show(c, deps.simulator));

  desk.post("/essayer", async (c) => {
    const sim = deps.simulator;
    const wantsJson = (c.req.header("accept") ?? "").includes("application/json");
    const body = await c.req.parseBody();
    const text = typeof body.message === "string" ? body.message.trim() : "";
    const as = body.comme === "editeur" ? "editor" : "reader";
    const w = c.get("words").tryIt;
    const refuse = (message: string) =>
      wantsJson ? c.json({ error: message }, 400) : show(c, sim, notice(message, "error"), 400);
    if (!sim) return refuse(w.unavailable);
    if (text === "") return refuse(w.empty);
    if (text.length > TRY_MAX_CHARS) return refuse(w.tooLong(TRY_MAX_CHARS));
    const answer = await sim.send(editorOf(c).sessionHash, as, text);
    if (wantsJson) return c.json(bubblesJson(c, answer));
    return c.redirect(deskHref(`/essayer${as === "editor" ? "?comme=editeur" : ""}`), 303);
  });

  desk.post("/essayer/effacer", async (c) => {
    await deps.simulator?.reset(editorOf(c).sessionHash);
    return show(c, deps.simulator, notice(c.get("words").tryIt.resetDone, "ok"));
  });
}
