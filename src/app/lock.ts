import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, statSync, unlinkSync, utimesSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { AppError, type AppErrorOptions } from "../domain/errors.ts";
import { createWhole, releaseMutex, takeMutex } from "./takeover.ts";

/** Another live instance holds the lock: the message says which and what to do. */
export class LockError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super("LOCK_HELD", message, options);
  }
}

/** What a lock file records about its holder. */
export interface LockOwner {
  pid: number;
  host: string;
  /** Changes at each reboot (Linux): a pid from before a reboot means nothing. */
  bootId: string | null;
  /** Tells this process from an earlier one that had the same pid (containers reuse pids). */
  token?: string;
  startedAt: string;
  what: string;
}

/** How the lock checks its holder; tests replace it to stage crashes and reboots. */
export interface LockProbe {
  pid: number;
  token: string;
  host: string;
  bootId: string | null;
  /** Whether that pid is a running process of ours (node), not a reused pid. */
  isAlive(pid: number): boolean;
  now(): Date;
}

function currentBootId(): string | null {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    // A recycled pid after a crash may be any program: ours run under node (tsx is node too).
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node");
  } catch {
    return true; // no /proc (macOS): trust the signal check
  }
}

// Fixed for the life of the process: what makes "same pid" mean "same process".
const PROCESS_TOKEN = randomUUID();

/** The real process: this pid, this host, this boot. */
export function systemProbe(): LockProbe {
  return {
    pid: process.pid,
    token: PROCESS_TOKEN,
    host: hostname(),
    bootId: currentBootId(),
    isAlive: pidAlive,
    now: () => new Date(),
  };
}

/** A held lock; `release` removes the file only if it is still ours. */
export interface Lock {
  readonly file: string;
  /** Touches the file: call every LOCK_HEARTBEAT_MS so other hosts see the holder is alive. */
  refresh(): void;
  release(): void;
}

function modifiedAt(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" && typeof owner.host === "string"
      ? (owner as LockOwner)
      : null;
  } catch {
    return null;
  }
}

/** A holder elsewhere must touch its lock this often (see Lock.refresh). */
export const LOCK_HEARTBEAT_MS = 30_000;
const FOREIGN_STALE_MS = 4 * LOCK_HEARTBEAT_MS;

/** Why a lock left behind can be taken over, or null when its holder may still be running. */
function staleReason(owner: LockOwner | null, file: string, probe: LockProbe): string | null {
  if (!owner) return "fichier illisible";
  if (owner.host !== probe.host) {
    // Another host name: a shared disk, or a re-created container. The process cannot be
    // checked from here, so the holder's heartbeat decides.
    const age = probe.now().getTime() - modifiedAt(file);
    return age > FOREIGN_STALE_MS
      ? `sans nouvelles de ${owner.host} depuis ${Math.round(age / 1000)} s`
      : null;
  }
  if (owner.bootId && probe.bootId && owner.bootId !== probe.bootId) return "serveur redémarré";
  if (owner.pid === probe.pid) {
    // This very process already holds it (a second start in one process): not stale.
    return owner.token === probe.token ? null : "ancien processus de même pid";
  }
  if (!probe.isAlive(owner.pid)) return `processus ${owner.pid} arrêté`;
  return null;
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** How long a starter waits for another's takeover to finish (takeovers take milliseconds). */
const TAKEOVER_WAIT_MS = 5_000;

function busy(what: string, owner: LockOwner, file: string): LockError {
  return new LockError(
    `Une autre instance utilise déjà ${what} (pid ${owner.pid} sur ${owner.host}, ` +
      `démarrée le ${owner.startedAt}). Arrêtez-la d'abord ; si elle n'existe plus, ` +
      `supprimez ${file}.`,
  );
}

/**
 * Takes the lock file for `what` (a database, a WhatsApp session) or throws LockError naming
 * the running holder. A lock left by a crashed process (dead pid, or a reboot) is taken over;
 * when several starters race for it, exactly one gets it (tests/app/lock-race.test.ts).
 */
export function acquireLock(
  file: string,
  what: string,
  options: { probe?: LockProbe; onStale?: (reason: string, owner: LockOwner | null) => void } = {},
): Lock {
  const probe = options.probe ?? systemProbe();
  mkdirSync(path.dirname(file), { recursive: true });
  const me: LockOwner = {
    pid: probe.pid,
    host: probe.host,
    bootId: probe.bootId,
    token: probe.token,
    startedAt: probe.now().toISOString(),
    what,
  };
  const content = `${JSON.stringify(me, null, 2)}\n`;
  const mutexToken = `${probe.pid} ${probe.token} ${randomUUID()}`;
  const clock = () => probe.now().getTime();
  const deadline = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    if (createWhole(file, content)) return heldLock(file, me, probe);
    const owner = readOwner(file);
    if (owner && staleReason(owner, file, probe) === null) throw busy(what, owner, file);
    if (takeMutex(file, mutexToken, clock)) {
      try {
        // Checked again under the mutex: the lock may have been replaced since it was read.
        const current = readOwner(file);
        const exists = modifiedAt(file) > 0;
        if (exists) {
          const stale = staleReason(current, file, probe);
          if (stale === null && current) throw busy(what, current, file);
          options.onStale?.(stale ?? "inconnu", current);
          try {
            unlinkSync(file);
          } catch {
            // Removed meanwhile by its owner: nothing to replace.
          }
        }
        if (createWhole(file, content)) return heldLock(file, me, probe);
      } finally {
        releaseMutex(file, mutexToken);
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new LockError(
        `Impossible de prendre le verrou ${file} : un autre démarrage le reprend en ce moment. ` +
          `Relancez dans quelques secondes ; s'il persiste, supprimez ${file} et ${file}.takeover.`,
      );
    }
    pause(5 + Math.floor(Math.random() * 10));
  }
}

function heldLock(file: string, me: LockOwner, probe: LockProbe): Lock {
  return {
    file,
    refresh: () => {
      const now = probe.now();
      try {
        utimesSync(file, now, now);
      } catch {
        // Removed by hand: nothing to refresh.
      }
    },
    release: () => {
      const owner = readOwner(file);
      if (owner?.pid !== me.pid || owner.token !== me.token) return;
      try {
        unlinkSync(file);
      } catch {
        // Already gone.
      }
    },
  };
}

/** Where the locks of one instance live: beside the database, and in the session folder. */
export function instanceLockFiles(config: {
  databasePath: string;
  sessionDir: string;
  whatsapp: { clientId: string };
}): { database: string; session: string } {
  return {
    database: `${config.databasePath}.lock`,
    session: path.join(config.sessionDir, `${config.whatsapp.clientId}.lock`),
  };
}

/**
 * Takes both locks of `npm start` (the database and the WhatsApp session), or none: two
 * instances on either would send every message twice or fight over one WhatsApp login.
 */
export function acquireInstanceLocks(
  config: Parameters<typeof instanceLockFiles>[0],
  options: Parameters<typeof acquireLock>[2] = {},
): Lock {
  const files = instanceLockFiles(config);
  const database = acquireLock(files.database, `la base ${config.databasePath}`, options);
  let session: Lock;
  try {
    session = acquireLock(
      files.session,
      `la session WhatsApp « ${config.whatsapp.clientId} » (${config.sessionDir})`,
      options,
    );
  } catch (error) {
    database.release();
    throw error;
  }
  return {
    file: files.database,
    refresh: () => {
      session.refresh();
      database.refresh();
    },
    release: () => {
      session.release();
      database.release();
    },
  };
}
