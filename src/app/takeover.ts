import { randomUUID } from "node:crypto";
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";

/**
 * Creates `file` with its whole content at once, or returns false when it exists: written
 * beside it, then hard-linked into place (atomic), so no reader ever sees it empty or half
 * written — an empty file read as « illisible » was one way two starters both took the lock.
 */
export function createWhole(file: string, content: string): boolean {
  const temporary = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temporary, content, { flag: "wx" });
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
    // A file system without hard links: exclusive create, then write.
    let fd: number;
    try {
      fd = openSync(file, "wx");
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw inner;
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return true;
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone.
    }
  }
}

/** A takeover mutex older than this was left by a starter that died during its takeover. */
export const TAKEOVER_STALE_MS = 10_000;

/** What a look at a file tells: which file (inode) and when it was last written. */
export type Look = (file: string) => { ino: number; mtimeMs: number } | null;

function seen(file: string): { ino: number; mtimeMs: number } | null {
  try {
    const { ino, mtimeMs } = statSync(file);
    return { ino, mtimeMs };
  } catch {
    return null;
  }
}

/**
 * Removes a mutex left by a starter that crashed mid-takeover, and only that one. It is
 * looked at once: looking twice (« older than 10 s? » on a missing file, then « exists? » on
 * the one another starter had just made) removed live mutexes, and two starters then both
 * replaced the lock (CI, 2026-12-01: two owners in 3 rounds of 1,000). What is moved aside is
 * checked to be the file judged stale; a fresh one moved by a race is put back.
 */
function clearStale(mutex: string, now: () => number, look: Look): void {
  const before = look(mutex);
  if (!before || now() - before.mtimeMs <= TAKEOVER_STALE_MS) return;
  const aside = `${mutex}.${randomUUID()}.stale`;
  try {
    renameSync(mutex, aside);
  } catch {
    return; // another starter cleared it first
  }
  const moved = seen(aside);
  if (moved && moved.ino !== before.ino) {
    try {
      linkSync(aside, mutex);
    } catch {
      // A newer mutex is in place already: the one moved lost its race anyway.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Already gone.
  }
}

/**
 * The right to replace a stale lock: one starter at a time. Three starters that all see the
 * same stale lock must not each delete « it » — the second would delete the first one's fresh
 * lock (13 runs in 30 gave two owners). Only the mutex holder deletes, after checking again.
 * `look` is how the mutex is looked at (tests stage races through it).
 */
export function takeMutex(
  file: string,
  token: string,
  now: () => number,
  look: Look = seen,
): boolean {
  const mutex = `${file}.takeover`;
  if (createWhole(mutex, token)) return true;
  clearStale(mutex, now, look);
  return false;
}

export function releaseMutex(file: string, token: string): void {
  const mutex = `${file}.takeover`;
  try {
    if (readFileSync(mutex, "utf8") === token) unlinkSync(mutex);
  } catch {
    // Already gone.
  }
}
