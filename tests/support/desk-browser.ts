import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, hasChromium, launchChromium } from "./browser.ts";
import { type DeskHarness, EDITOR, lastCode } from "./desk.ts";

export const HAS_CHROMIUM = hasChromium;
if (!HAS_CHROMIUM) {
  console.warn(`desk browser tests skipped: no Chromium at ${CHROMIUM} (set CHROME_PATH)`);
}

/** A desk harness served on 127.0.0.1 (a free port) and a Chromium page signed in as EDITOR. */
export interface DeskBrowser {
  base: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function deskBrowser(h: DeskHarness): Promise<DeskBrowser> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: h.desk.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const page = await browser.newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(`${base}/desk/connexion`);
  await page.fill("#phone", EDITOR);
  await Promise.all([page.waitForURL(/connexion/), page.click("button[type=submit]")]);
  await page.fill("#code", lastCode(h.app));
  await Promise.all([
    page.waitForURL(/\/desk\/articles/),
    page.click("form:has(#code) button[type=submit]"),
  ]);
  return {
    base,
    browser,
    page,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
