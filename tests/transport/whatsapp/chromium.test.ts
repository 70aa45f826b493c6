import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { findChromium, probeChromium } from "../../../src/transport/whatsapp/chromium.ts";
import { WhatsAppTransport } from "../../../src/transport/whatsapp/whatsapp.ts";
import { capturedLogger } from "./fake-client.ts";

function installedChromium(): string | null {
  try {
    return findChromium(process.env.CHROME_PATH ?? null);
  } catch {
    return null;
  }
}

const chromium = installedChromium();
if (!chromium) {
  console.warn(
    "Tests Chromium réels ignorés : Chromium n'est pas installé (apt-get install -y chromium, ou CHROME_PATH).",
  );
}

/** Chromium processes still running with this folder on their command line. */
function browsersUsing(folder: string): string[] {
  try {
    return execFileSync("pgrep", ["-af", folder], { encoding: "utf8" }).trim().split("\n");
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

// Whatever the machine's network, the browser resolves no name: WhatsApp Web is unreachable.
const NO_NETWORK = ["--host-resolver-rules=MAP * ~NOTFOUND"];

describe.skipIf(!chromium)(`WhatsApp Web in the real Chromium (${chromium ?? "absent"})`, () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function setup() {
    const dataDir = mkdtempSync(path.join(tmpdir(), "suivez-wa-"));
    dirs.push(dataDir);
    const config = loadConfig({ DATA_DIR: dataDir, CHROME_PATH: chromium ?? "" });
    const { log, lines } = capturedLogger("info");
    const statuses: string[] = [];
    const transport = new WhatsAppTransport({
      config,
      log,
      backoff: { initialMs: 300, maxMs: 1_000 },
      extraBrowserArgs: NO_NETWORK,
      printQr: () => {},
    });
    const handlers = { onMessage: () => {}, onStatus: (s: string) => statuses.push(s) };
    return { dataDir, config, transport, lines, statuses, handlers };
  }

  it("launches, finds WhatsApp Web unreachable, retries with backoff, and stops without leftovers", async () => {
    const t = setup();
    await t.transport.start(t.handlers);
    await vi.waitFor(
      () => {
        const failures = t.lines().filter((l) => l.kind === "unreachable");
        expect(failures.length).toBeGreaterThanOrEqual(3);
      },
      { timeout: 30_000, interval: 200 },
    );
    // The browser really ran on the session folder LocalAuth made under DATA_DIR.
    expect(existsSync(path.join(t.config.sessionDir, "session-suivez-info"))).toBe(true);
    await t.transport.stop();

    const failures = t.lines().filter((l) => l.kind === "unreachable");
    expect(failures[0]?.msg).toMatch(
      /^WhatsApp Web injoignable \(https:\/\/web\.whatsapp\.com : net::ERR_NAME_NOT_RESOLVED\)/,
    );
    const waits = failures.map((l) => Number(l.retryInMs));
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1_200);
    expect(t.statuses).toEqual([]);
    expect(browsersUsing(t.dataDir)).toEqual([]);
  }, 45_000);

  it("stopped in the middle of a start, leaves no Chromium behind", async () => {
    const t = setup();
    await t.transport.start(t.handlers);
    await new Promise((r) => setTimeout(r, 150)); // puppeteer is launching the browser
    await t.transport.stop();
    await new Promise((r) => setTimeout(r, 500)); // let a late launch show itself
    expect(browsersUsing(t.dataDir)).toEqual([]);
  }, 30_000);

  it("passes the doctor's trial launch", async () => {
    const probe = await probeChromium(chromium ?? "");
    expect(probe).toMatchObject({ ok: true, version: expect.stringMatching(/Chrom/) });
  }, 30_000);
});
