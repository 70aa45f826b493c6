import { createHash } from "node:crypto";
import { html } from "hono/html";
import QRCode from "qrcode";
import { normalisePhone } from "../../../domain/chat-id.ts";
import type { DeskCheck, DeskDeps, PairingState } from "../deps.ts";
import { type DeskContext, type DeskRouter, deskHref, editorOf } from "../env.ts";
import { type Html, notice, page, postForm } from "../layout.ts";

/** What /desk/appairage/etat answers (pairing.js polls it). */
export interface PairingView {
  status: PairingState["status"];
  text: string;
  /** Changes with the QR: the page reloads its image when it does. */
  qrVersion: string | null;
}

const OFFLINE: PairingState = {
  status: "unreachable",
  qr: null,
  reason: null,
  transport: "?",
  pairingCode: false,
};

function viewOf(c: DeskContext, state: PairingState): PairingView {
  const w = c.get("words");
  const base = w.pairingStatus[state.status];
  return {
    status: state.status,
    text: state.reason ? `${base.replace(/\.$/, "")} (${state.reason}).` : base,
    qrVersion: state.qr ? createHash("sha256").update(state.qr).digest("hex").slice(0, 12) : null,
  };
}

function checksList(checks: readonly DeskCheck[]): Html {
  return html`<ul class="checks">${checks.map(
    (k) =>
      html`<li class="${k.status}"><strong>${k.name}</strong> : ${k.detail}${k.fix ? html`<br><span class="muted">${k.fix}</span>` : ""}</li>`,
  )}</ul>`;
}

/**
 * /desk/appairage: WhatsApp's state (connected, waiting for the QR, unreachable and why), the
 * live QR as an image (drawn on the server by `qrcode`; pairing.js follows its changes), the
 * pairing-code alternative when the transport has it, and doctor's Chromium and Channel checks.
 */
export function registerPairing(desk: DeskRouter, deps: DeskDeps): void {
  const newsroom = deps.config.newsroomName;
  const state = () => deps.pairing?.state() ?? OFFLINE;

  const show = async (c: DeskContext, top: Html | string = "", status: 200 | 400 = 200) => {
    const w = c.get("words");
    const s = state();
    const v = viewOf(c, s);
    const qr = !deps.pairing
      ? notice(w.noPairingSource)
      : s.status === "qr" && v.qrVersion
        ? html`<div class="qr"><img id="qr" alt="QR" src="${deskHref(`/appairage/qr.svg?v=${v.qrVersion}`)}"></div><p>${w.scanHelp}</p>`
        : s.status === "connected"
          ? ""
          : html`<p class="muted" id="qr-wait">${w.noQrYet}</p>`;
    const code =
      deps.pairing?.requestPairingCode && s.status !== "connected"
        ? html`<section class="card"><h2>${w.pairingCodeTitle}</h2><p>${w.pairingCodeHelp}</p>${postForm(
            c,
            deskHref("/appairage/code"),
            html`<label for="bot-phone">${w.phoneLabel}</label><input id="bot-phone" name="phone" type="tel" required placeholder="+223 70 00 00 00"> <button type="submit">${w.pairingCodeAsk}</button>`,
          )}</section>`
        : "";
    let checks: Html | string = "";
    if (deps.checks) {
      const found = await deps
        .checks()
        .catch((error: unknown) => [
          { name: "doctor", status: "fail" as const, detail: String(error) },
        ]);
      checks = html`<section class="card"><h2>${w.checksTitle}</h2>${checksList(found)}</section>`;
    }
    return c.html(
      page(c, newsroom, {
        title: w.nav.pairing,
        active: "pairing",
        scripts: ["pairing.js"],
        body: html`${top}<section class="card" id="pairing" data-state="${deskHref("/appairage/etat")}" data-status="${s.status}" data-qr="${v.qrVersion ?? ""}">
<p id="pairing-status" class="notice ${s.status === "connected" ? "ok" : s.status === "unreachable" ? "error" : "info"}">${v.text}</p>
<p class="muted">${w.transportLabel(s.transport)}</p>${qr}</section>${code}${checks}`,
      }),
      status,
    );
  };

  desk.get("/appairage", (c) => show(c));

  desk.get("/appairage/etat", (c) => c.json(viewOf(c, state())));

  desk.get("/appairage/qr.svg", async (c) => {
    const s = state();
    if (s.status !== "qr" || !s.qr) return c.text("pas de QR", 404);
    const svg = await QRCode.toString(s.qr, { type: "svg", margin: 2, errorCorrectionLevel: "L" });
    return c.body(svg, 200, { "content-type": "image/svg+xml", "cache-control": "no-store" });
  });

  desk.post("/appairage/code", async (c) => {
    const w = c.get("words");
    const body = await c.req.parseBody();
    const text = typeof body.phone === "string" ? body.phone.trim().slice(0, 40) : "";
    const phone = normalisePhone(text);
    if (!phone) return show(c, notice(w.phoneInvalid(text), "error"), 400);
    const ask = deps.pairing?.requestPairingCode;
    if (!ask) return show(c, notice(w.noPairingSource, "error"), 400);
    try {
      const code = await ask.call(deps.pairing, phone);
      deps.audit.record(
        { actor: editorOf(c).phone, via: "desk", action: "pairing-code", outcome: "ok" },
        deps.clock.now(),
      );
      return show(c, html`<p class="notice ok pairing-code">${w.pairingCodeShow(code)}</p>`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      deps.audit.record(
        {
          actor: editorOf(c).phone,
          via: "desk",
          action: "pairing-code",
          outcome: "error",
          detail: reason,
        },
        deps.clock.now(),
      );
      return show(c, notice(w.pairingCodeFailed(reason), "error"), 400);
    }
  });
}
