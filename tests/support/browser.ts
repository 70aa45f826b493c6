import fs from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium, where the tests and the screenshot script look for it. */
export const CHROMIUM = process.env.CHROME_PATH ?? "/usr/bin/chromium";

/** Whether a browser test can run here (else it is skipped, saying why). */
export const hasChromium = fs.existsSync(CHROMIUM);

/**
 * Headless Chromium with the flags this machine needs: no sandbox (root in a container), and
 * no background networking (the network is closed: Chromium's own calls home are refused).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}
