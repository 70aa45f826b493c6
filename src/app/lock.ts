import { randomUUID } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { AppError, type AppErrorOptions } from "../domain/errors.ts";

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

/**
 * Takes the lock file for `what` (a database, a WhatsApp session) or throws LockError naming
 * the running holder. A lock left by a crashed process (dead pid, or a reboot) is taken over.
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
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(file);
      const stale = staleReason(owner, file, probe);
      if (stale === null && owner) {
        throw new LockError(
          `Une autre instance utilise déjà ${what} (pid ${owner.pid} sur ${owner.host}, ` +
            `démarrée le ${owner.startedAt}). Arrêtez-la d'abord ; si elle n'existe plus, ` +
            `supprimez ${file}.`,
        );
      }
      options.onStale?.(stale ?? "inconnu", owner);
      try {
        unlinkSync(file);
      } catch {
        // Another starter removed it first: try again.
      }
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(me, null, 2)}\n`);
    } finally {
      closeSync(fd);
    }
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
  throw new LockError(`Impossible de prendre le verrou ${file} : supprimez-le et relancez.`);
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
