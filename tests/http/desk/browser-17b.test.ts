import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addReaders, chat } from "../../support/delivery-helpers.ts";
import { type DeskHarness, deskHarness } from "../../support/desk.ts";
import { type DeskBrowser, deskBrowser, HAS_CHROMIUM } from "../../support/desk-browser.ts";

/** The desk's Audience, Journal, Essayer and Signalements pages in a real browser (Chromium). */
describe.skipIf(!HAS_CHROMIUM)(
  "desk in a browser: audience, journal, essayer, signalements",
  () => {
    let h: DeskHarness;
    let b: DeskBrowser;
    beforeEach(async () => {
      h = await deskHarness();
      addReaders(
        h.app,
        Array.from({ length: 8 }, (_, i) => ({ chatId: chat(i + 1), follows: ["Politique"] })),
        new Date(h.clock.now().getTime() - 5 * 86_400_000),
      );
      b = await deskBrowser(h);
    }, 30_000);
    afterEach(async () => {
      await b?.close();
      h?.close();
    });

    it("draws the Audience charts with uPlot", async () => {
      const id = h.newsroom.addArticle("aes");
      h.app.delivery.desk.publish(id, "+22370000009");
      await h.newsroom.dispatcher.drain();
      await b.page.goto(`${b.base}/desk/audience`);
      await b.page.waitForSelector("#chart-readers[data-drawn='1'] canvas");
      await b.page.waitForSelector("#chart-sent[data-drawn='1'] canvas");
      await b.page.waitForSelector("#chart-rates[data-drawn='1'] canvas");
      expect(await b.page.locator(".uplot").count()).toBeGreaterThanOrEqual(3);
      expect(await b.page.locator("#rubrics-table tr[data-rubric='politique']").count()).toBe(1);
    });

    it("filters the journal", async () => {
      h.app.audit.record(
        {
          actor: "+22370000009",
          via: "cli",
          action: "alert",
          target: null,
          outcome: "ok",
          detail: "Coupure de courant à Bamako",
        },
        h.clock.now(),
      );
      await b.page.goto(`${b.base}/desk/journal`);
      const all = await b.page.locator("#journal tbody tr").count();
      expect(all).toBeGreaterThanOrEqual(2); // the sign-in too
      await b.page.selectOption("#par", "cli");
      await Promise.all([
        b.page.waitForURL(/par=cli/),
        b.page.click("form.filters button[type=submit]"),
      ]);
      expect(await b.page.locator("#journal tbody tr").count()).toBe(1);
      expect(await b.page.textContent("#journal tbody")).toContain("Coupure de courant à Bamako");
    });

    it("chats with the bot in « Essayer » and gets its answer", async () => {
      await b.page.goto(`${b.base}/desk/essayer`);
      await b.page.fill("#message", "menu");
      await b.page.click("form.try-form button[type=submit]");
      await b.page.waitForSelector("#chat .msg.out");
      expect(await b.page.textContent("#chat .msg.out .bubble")).toMatch(/dernières/i);
      // Sent by fetch: the page did not reload, the box is ready for the next message.
      expect(await b.page.inputValue("#message")).toBe("");
    }, 30_000);

    it("answers a tip", async () => {
      const { tip } = h.app.tips.record({
        chatId: chat(1),
        text: "C'est vrai que le pont de Kaya est fermé ?",
        language: "fr",
        forwarded: false,
        at: h.clock.now(),
      });
      await b.page.goto(`${b.base}/desk/signalements`);
      await Promise.all([
        b.page.waitForURL(/signalements\/\d+/),
        b.page.click(`tr[data-tip="${tip.id}"] a`),
      ]);
      await b.page.fill("#reponse", "Faux : le pont de Kaya est ouvert.");
      await Promise.all([b.page.waitForLoadState("load"), b.page.click("#answer")]);
      await b.page.waitForSelector(".notice.ok");
      expect(await b.page.textContent(".notice.ok")).toMatch(/Envoyée maintenant à 1 lecteur/);
      expect(h.app.tips.get(tip.id)?.status).toBe("answered");
    });
  },
);
