import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { instanceLockFiles, LockError } from "../src/app/lock.ts";
import { loadConfig } from "../src/config.ts";
import { silentLogger } from "../src/log.ts";
import { startBot } from "../src/main.ts";
import { MemoryTransport } from "../src/transport/memory.ts";
import { findChromium } from "../src/transport/whatsapp/chromium.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const SEED = path.join(ROOT, "data/articles/aes-russie-moscou.txt");

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "suivez-main-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function configIn(dir: string, env: Record<string, string> = {}) {
  return loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", ...env });
}

describe("startBot (the composition behind npm start)", () => {
  it("imports the articles folder, answers a reader over the transport, and stops in order", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "articles"));
    cpSync(SEED, path.join(dir, "articles", "aes-russie-moscou.txt"));
    const config = configIn(dir, { MIN_GAP_PER_CHAT_SECONDS: "0" });
    const transport = new MemoryTransport();
    const bot = await startBot(config, { log: silentLogger(), createTransport: () => transport });
    expect(bot.app.articles.counts(new Date()).total).toBe(1);
    expect(transport.isUp()).toBe(true);
    // Both locks are held while it runs.
    const locks = instanceLockFiles(config);
    expect(existsSync(locks.database) && existsSync(locks.session)).toBe(true);

    await transport.inject({ chatId: "22370123456@c.us", text: "dernières" });
    // A newcomer gets the welcome, then the latest headlines.
    await vi.waitFor(
      () => expect(transport.sentTo("22370123456@c.us").length).toBeGreaterThanOrEqual(2),
      { timeout: 10_000 },
    );
    const [welcome, latest] = transport.sentTo("22370123456@c.us");
    expect(welcome).toMatch(/^Bonjour ! Ici \*Suivez l'info\*/);
    expect(latest).toContain("AES-Russie : Les ministres du Sahel à Moscou");

    await bot.stop("test");
    expect(transport.isUp()).toBe(false);
    expect(bot.app.db.open).toBe(false);
    expect(existsSync(locks.database) || existsSync(locks.session)).toBe(false);
    await bot.stop("twice"); // harmless
  });

  it("refuses a second instance on the same database, and leaves the first untouched", async () => {
    const dir = tempDir();
    const config = configIn(dir);
    const first = await startBot(config, {
      log: silentLogger(),
      createTransport: () => new MemoryTransport(),
    });
    const second = new MemoryTransport();
    await expect(
      startBot(config, { log: silentLogger(), createTransport: () => second }),
    ).rejects.toThrow(LockError);
    expect(second.isUp()).toBe(false);
    expect(first.app.db.open).toBe(true);
    await first.stop("test");
  });

  it("undoes what it started when the transport cannot start", async () => {
    const dir = tempDir();
    const config = configIn(dir, { CHROME_PATH: "/nulle-part/chromium" });
    await expect(startBot(config, { log: silentLogger() })).rejects.toThrow(
      /CHROME_PATH=\/nulle-part\/chromium/,
    );
    const locks = instanceLockFiles(config);
    expect(existsSync(locks.database) || existsSync(locks.session)).toBe(false);
    // Nothing is left holding the database: a new start works.
    const again = await startBot(config, {
      log: silentLogger(),
      createTransport: () => new MemoryTransport(),
    });
    await again.stop("test");
  });
});

describe("npm start as a process", () => {
  /** `tsx src/main.ts` (what `npm start` runs) in a fresh folder, in its own process group. */
  function start(cwd: string, env: Record<string, string>) {
    const child = spawn(
      path.join(ROOT, "node_modules/.bin/tsx"),
      [path.join(ROOT, "src/main.ts")],
      {
        cwd,
        env: { PATH: process.env.PATH, HOME: cwd, ...env },
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    return { child, output: () => output, exited };
  }

  it("exits 2 naming every bad value of .env", async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, ".env"), "EDITORS=70000000\nDIGEST_TIME=7h\n");
    const run = start(cwd, {});
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("EDITORS=70000000 : numéros au format international");
    expect(run.output()).toContain("DIGEST_TIME=7h : format HH:MM");
  }, 30_000);

  let chromium: string | null = null;
  try {
    chromium = findChromium(process.env.CHROME_PATH ?? null);
  } catch {
    console.warn(
      "npm start avec Chromium : test ignoré, Chromium n'est pas installé (apt-get install -y chromium).",
    );
  }

  it.skipIf(!chromium)(
    "with an empty .env: starts, says WhatsApp Web is unreachable, retries, stops on Ctrl-C, leaves no browser",
    async () => {
      const cwd = tempDir();
      writeFileSync(path.join(cwd, ".env"), "");
      // A proxy that refuses every connection: WhatsApp Web is unreachable whatever the
      // machine's network (CI may have one); the operator's way to set a proxy, CHROME_ARGS.
      const run = start(cwd, { CHROME_ARGS: "--proxy-server=127.0.0.1:9" });
      await vi.waitFor(
        () =>
          expect(
            run.output().match(/WhatsApp Web injoignable/g)?.length ?? 0,
          ).toBeGreaterThanOrEqual(2),
        { timeout: 40_000, interval: 250 },
      );
      expect(existsSync(path.join(cwd, "data", "suivez.db"))).toBe(true);
      // Ctrl-C in a terminal: SIGINT to the whole process group.
      process.kill(-(run.child.pid ?? 0), "SIGINT");
      expect(await run.exited).toBe(0);
      const out = run.output();
      expect(out).toContain("net::ERR_PROXY_CONNECTION_FAILED");
      expect(out).toMatch(/Nouvel essai dans \d+ s/);
      expect(out).toContain("suivez-info arrêté proprement");
      let leftovers = "";
      try {
        leftovers = execFileSync("pgrep", ["-af", cwd], { encoding: "utf8" });
      } catch {
        // pgrep exits 1: nothing runs with this folder on its command line.
      }
      expect(leftovers).toBe("");
      expect(existsSync(path.join(cwd, "data", "suivez.db.lock"))).toBe(false);
    },
    60_000,
  );
});
