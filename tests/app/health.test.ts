import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkHealth, DISK_LOW_BYTES } from "../../src/app/health.ts";
import { openApp } from "../../src/app/services.ts";
import { loadConfig } from "../../src/config.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/log.ts";

const root = new URL("../../", import.meta.url).pathname;

function app() {
  const clock = new ManualClock("2025-04-02T09:00:00Z");
  return {
    clock,
    app: openApp(loadConfig({ DATABASE_PATH: ":memory:" }), { clock, log: silentLogger() }),
  };
}

describe("health", () => {
  it("is ok when the running bot says WhatsApp is connected, with the queue's figures", () => {
    const { app: a, clock } = app();
    a.settings.writeHeartbeat({ pid: 4242, at: clock.now(), transportUp: true });
    a.outbox.enqueue({ kind: "reply", recipient: "22370000001@c.us", body: "Menu" }, clock.now());
    const r = checkHealth(a, { diskFree: 10 * DISK_LOW_BYTES });
    expect(r.status).toBe("ok");
    expect(r.whatsapp).toMatchObject({ running: true, connected: true, pid: 4242 });
    expect(r.outbox).toEqual({ queued: 1, retrying: 0, deadLast24h: 0 });
  });

  it("fails when WhatsApp is down, when the bot stopped beating, and on a full disk", () => {
    const { app: a, clock } = app();
    expect(checkHealth(a, { diskFree: null }).checks[0]).toMatchObject({
      status: "fail",
      detail: "le bot ne tourne pas : lancez npm start",
    });
    a.settings.writeHeartbeat({ pid: 4242, at: clock.now(), transportUp: false });
    const down = checkHealth(a, { diskFree: null });
    expect(down.status).toBe("fail");
    expect(down.checks[0]?.detail).toMatch(/^déconnecté/);
    a.settings.writeHeartbeat({ pid: 4242, at: clock.now(), transportUp: true });
    clock.advance(120_000);
    expect(checkHealth(a, { diskFree: null }).whatsapp.running).toBe(false);
    a.settings.writeHeartbeat({ pid: 4242, at: clock.now(), transportUp: true });
    expect(checkHealth(a, { diskFree: 1024 }).status).toBe("fail");
  });

  it("`npm run cli -- health` exits 1 when no bot is connected, and says why", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-health-"));
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "health", "--json"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: os.tmpdir(), DATA_DIR: dataDir },
    });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: "fail",
      whatsapp: { running: false, connected: false },
    });
  });
});
