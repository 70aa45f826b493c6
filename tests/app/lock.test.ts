import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  acquireInstanceLocks,
  acquireLock,
  instanceLockFiles,
  LockError,
  type LockProbe,
} from "../../src/app/lock.ts";

function folder(): string {
  return mkdtempSync(path.join(tmpdir(), "suivez-lock-"));
}

/** A staged machine: which pids run, which boot, which host. */
function probe(overrides: Partial<LockProbe> & { alive?: number[] } = {}): LockProbe {
  const alive = new Set(overrides.alive ?? []);
  return {
    pid: 4242,
    token: "t-4242",
    host: "serveur-redaction",
    bootId: "boot-1",
    isAlive: (pid) => alive.has(pid),
    now: () => new Date("2026-01-01T10:00:00Z"),
    ...overrides,
  };
}

function writeOwner(file: string, owner: Record<string, unknown>): void {
  writeFileSync(file, JSON.stringify(owner));
}

describe("instance lock", () => {
  it("refuses a second instance, naming the running one and what to do", () => {
    const file = path.join(folder(), "suivez.db.lock");
    acquireLock(file, "la base data/suivez.db", { probe: probe() });
    expect(() =>
      acquireLock(file, "la base data/suivez.db", { probe: probe({ pid: 5151, alive: [4242] }) }),
    ).toThrow(
      new LockError(
        `Une autre instance utilise déjà la base data/suivez.db (pid 4242 sur serveur-redaction, démarrée le 2026-01-01T10:00:00.000Z). Arrêtez-la d'abord ; si elle n'existe plus, supprimez ${file}.`,
      ),
    );
  });

  it("is free again once released, and release leaves another holder's lock alone", () => {
    const file = path.join(folder(), "suivez.db.lock");
    const first = acquireLock(file, "base", { probe: probe() });
    first.release();
    expect(existsSync(file)).toBe(false);
    const second = acquireLock(file, "base", { probe: probe({ pid: 5151 }) });
    first.release();
    expect(existsSync(file)).toBe(true);
    second.release();
    expect(existsSync(file)).toBe(false);
  });

  it("takes over a lock left by a crashed process", () => {
    const file = path.join(folder(), "suivez.db.lock");
    writeOwner(file, {
      pid: 777,
      host: "serveur-redaction",
      bootId: "boot-1",
      startedAt: "x",
      what: "base",
    });
    const stale: string[] = [];
    const lock = acquireLock(file, "base", {
      probe: probe({ alive: [] }),
      onStale: (reason) => stale.push(reason),
    });
    expect(stale).toEqual(["processus 777 arrêté"]);
    expect(JSON.parse(readFileSync(lock.file, "utf8")).pid).toBe(4242);
  });

  it("takes over a lock from before a reboot, even if its pid now belongs to someone else", () => {
    const file = path.join(folder(), "suivez.db.lock");
    writeOwner(file, {
      pid: 777,
      host: "serveur-redaction",
      bootId: "boot-0",
      startedAt: "x",
      what: "base",
    });
    const stale: string[] = [];
    acquireLock(file, "base", { probe: probe({ alive: [777] }), onStale: (r) => stale.push(r) });
    expect(stale).toEqual(["serveur redémarré"]);
  });

  it("refuses a second start in the same process, but not a restarted container reusing the pid", () => {
    const file = path.join(folder(), "suivez.db.lock");
    acquireLock(file, "la base", { probe: probe() });
    expect(() => acquireLock(file, "la base", { probe: probe() })).toThrow(LockError);
    const stale: string[] = [];
    acquireLock(file, "la base", {
      probe: probe({ token: "nouveau-conteneur" }),
      onStale: (r) => stale.push(r),
    });
    expect(stale).toEqual(["ancien processus de même pid"]);
  });

  it("takes over an unreadable lock file", () => {
    const file = path.join(folder(), "suivez.db.lock");
    writeFileSync(file, "{ tronqu");
    expect(() => acquireLock(file, "base", { probe: probe() })).not.toThrow();
  });

  it("trusts another host while its heartbeat is fresh, not after", () => {
    const file = path.join(folder(), "suivez.db.lock");
    writeOwner(file, {
      pid: 9,
      host: "ancien-conteneur",
      bootId: "b",
      startedAt: "x",
      what: "base",
    });
    const now = new Date("2026-01-01T10:00:00Z");
    utimesSync(file, now, new Date(now.getTime() - 60_000));
    expect(() => acquireLock(file, "base", { probe: probe({ now: () => now }) })).toThrow(
      LockError,
    );
    utimesSync(file, now, new Date(now.getTime() - 10 * 60_000));
    const stale: string[] = [];
    acquireLock(file, "base", { probe: probe({ now: () => now }), onStale: (r) => stale.push(r) });
    expect(stale).toEqual(["sans nouvelles de ancien-conteneur depuis 600 s"]);
  });

  it("locks the database and the WhatsApp session together, or neither", () => {
    const dir = folder();
    const config = {
      databasePath: path.join(dir, "suivez.db"),
      sessionDir: path.join(dir, "session"),
      whatsapp: { clientId: "suivez-info" },
    };
    const files = instanceLockFiles(config);
    expect(files.session).toBe(path.join(dir, "session", "suivez-info.lock"));
    // Someone else runs on the same session with another database.
    acquireLock(files.session, "session", { probe: probe({ pid: 31 }) });
    expect(() => acquireInstanceLocks(config, { probe: probe({ alive: [31] }) })).toThrow(
      /Une autre instance utilise déjà la session WhatsApp « suivez-info »/,
    );
    expect(existsSync(files.database)).toBe(false);
  });

  it("with the real process table: held while the holder runs, free once it is killed", async () => {
    const file = path.join(folder(), "suivez.db.lock");
    const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
      stdio: "ignore",
    });
    try {
      const real = { pid: holder.pid, host: (await import("node:os")).hostname(), startedAt: "x" };
      writeOwner(file, { ...real, bootId: null, what: "base" });
      expect(() => acquireLock(file, "La base")).toThrow(LockError);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((r) => holder.once("exit", r));
    }
    const lock = acquireLock(file, "La base");
    expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
    lock.release();
  });
});
