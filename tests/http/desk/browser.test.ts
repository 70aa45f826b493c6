import type { Browser, Page } from "playwright-core";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deskDeps } from "../../../src/app/desk.ts";
import { type RunningHttpServer, startHttpServer } from "../../../src/http/server.ts";
import { CHROMIUM, hasChromium, launchChromium } from "../../support/browser.ts";
import { addReaders, chat } from "../../support/delivery-helpers.ts";
import { type DeskHarness, deskHarness, EDITOR } from "../../support/desk.ts";

/**
 * The desk in a real browser (Debian's Chromium driven by playwright-core), over the real HTTP
 * server, store and dispatcher, with the memory transport in place of WhatsApp: the sign-in
 * code is read from what the transport « sent » to the editor's phone.
 */
if (!hasChromium) {
  console.warn(`desk browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

const EDITOR_CHAT = `${EDITOR.slice(1)}@c.us`;
let h: DeskHarness;
let server: RunningHttpServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!hasChromium) return;
  h = await deskHarness();
  addReaders(
    h.app,
    Array.from({ length: 12 }, (_, i) => ({ chatId: chat(i + 1), follows: ["Politique"] })),
    h.clock.now(),
  );
  server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    log: h.app.log,
    metrics: new Registry(),
    healthy: () => ({ ok: true, detail: {} }),
    desk: deskDeps(h.app),
  });
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  if (!hasChromium) return;
  await browser?.close();
  await server?.close();
  h?.close();
});

/** The last code the editor's phone received. */
function codeOnPhone(): string {
  const last = h.newsroom.transport.sentTo(EDITOR_CHAT).at(-1) ?? "";
  return /\*(\d{6})\*/.exec(last)?.[1] ?? "";
}

async function signIn(page: Page, phone = EDITOR): Promise<void> {
  await page.goto(`${base}/desk`);
  await page.getByLabel("Votre numéro WhatsApp").fill(phone);
  await page.getByRole("button", { name: "Recevoir un code" }).click();
  await page.getByText("un code vient de lui être envoyé").waitFor();
  await h.newsroom.dispatcher.drain();
  await page.getByLabel("Code reçu").fill(codeOnPhone());
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${base}/desk/articles`);
}

describe.skipIf(!hasChromium)("the desk in a browser", () => {
  it("signs in with a code received on WhatsApp, publishes with confirmation, watches the broadcast to the end, pauses and resumes, signs out", async () => {
    const hour = 3600_000;
    const old = h.newsroom.addArticle("aes", {
      publishedAt: new Date(h.clock.now().getTime() - 72 * hour),
    });
    h.newsroom.addArticle("coton");
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("dialog", (dialog) => void dialog.accept());

    await signIn(page);
    await expect.poll(() => page.locator("tr[data-article]").count()).toBe(2);
    await page.getByRole("link", { name: /AES-Russie/ }).click();
    await page.getByText("Sur la chaîne").waitFor();
    expect(await page.locator(".bubble").count()).toBe(3);

    await page.getByRole("button", { name: "Publier maintenant" }).click();
    await page.getByText(/envoyer à 12 lecteurs et à la chaîne \?/).waitFor();
    expect(h.app.broadcasts.recent(1)).toEqual([]);
    await page.getByRole("button", { name: "Oui, envoyer" }).click();
    await page.getByText("Accusé de diffusion").waitFor();
    const broadcast = h.app.broadcasts.recent(1)[0];
    expect(broadcast?.articleId).toBe(old);

    await page.getByRole("link", { name: "Diffusions", exact: true }).first().click();
    const bar = page.locator(`.progress[data-broadcast="${broadcast?.id}"]`);
    await bar.getByText("0/12 lecteurs").waitFor();
    await h.newsroom.dispatcher.drain({ maxRows: 5 });
    await bar.getByText(/^4\/12 lecteurs · chaîne : envoyée/).waitFor({ timeout: 5000 });
    expect(await bar.locator("progress").getAttribute("value")).toBe("4");

    await page.getByRole("button", { name: "Tout mettre en pause" }).click();
    await page.getByText("Diffusions EN PAUSE").first().waitFor();
    expect(h.app.settings.isPaused()).toBe(true);
    await h.newsroom.dispatcher.drain();
    expect(h.app.broadcasts.counts(broadcast?.id ?? 0).sent).toBe(5);
    await page.getByRole("button", { name: "Reprendre les envois" }).click();
    await page.getByText("Diffusions actives.").first().waitFor();
    expect(h.app.settings.isPaused()).toBe(false);

    await h.newsroom.dispatcher.drain();
    await page
      .locator(`.progress[data-broadcast="${broadcast?.id}"]`)
      .getByText("12/12 lecteurs · chaîne : envoyée — terminé")
      .waitFor({ timeout: 5000 });

    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.getByText("Vous êtes déconnecté.").waitFor();
    await page.goto(`${base}/desk/diffusions`);
    expect(new URL(page.url()).pathname).toBe("/desk/connexion");
    await context.close();
  }, 60_000);

  it("refuses a request without a session, and a form with a bad CSRF token", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const anonymous = await page.request.post(`${base}/desk/diffusions/pause`, {
      form: { _csrf: "x" },
    });
    expect(anonymous.status()).toBe(401);
    await signIn(page);
    const forged = await page.request.post(`${base}/desk/diffusions/pause`, {
      form: { _csrf: "not-the-token" },
    });
    expect(forged.status()).toBe(403);
    const none = await page.request.post(`${base}/desk/diffusions/pause`, { form: {} });
    expect(none.status()).toBe(403);
    expect(h.app.settings.isPaused()).toBe(false);
    await context.close();
  }, 60_000);

  it("locks sign-in for a number after five wrong codes", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/desk/connexion`);
    await page.getByLabel("Votre numéro WhatsApp").fill("+22370000008");
    await page.getByRole("button", { name: "Recevoir un code" }).click();
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Code reçu").fill("000000");
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.locator(".notice.error").waitFor();
    }
    await page.getByText("la connexion de ce numéro est bloquée pendant 15 min").waitFor();
    await context.close();
  }, 60_000);
});
