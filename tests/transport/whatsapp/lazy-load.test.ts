import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** How many of whatsapp-web.js's files a fresh process holds after running `code`. */
function wwebjsFilesAfter(code: string): number {
  const probe = `${code}.then(() => console.log(Object.keys(require.cache).filter((k) => k.includes("/node_modules/whatsapp-web.js/")).length))`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", probe], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  return Number(run.stdout.trim());
}

describe("whatsapp-web.js is loaded only by the WhatsApp Web transport", () => {
  it("is not part of the bot's code until a WhatsApp Web client is built (~11 MB saved for the Cloud API)", () => {
    expect(wwebjsFilesAfter('import("./src/main.ts")')).toBe(0);
  }, 30_000);

  it("is loaded when the transport builds its client", () => {
    expect(
      wwebjsFilesAfter(
        'import("./src/transport/whatsapp/whatsapp.ts").then((m) => { try { m.createWhatsAppWebClient({}); } catch {} })',
      ),
    ).toBeGreaterThan(0);
  }, 30_000);
});
