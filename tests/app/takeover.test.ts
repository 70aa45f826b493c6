import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Look, releaseMutex, TAKEOVER_STALE_MS, takeMutex } from "../../src/app/takeover.ts";
import { tsWorker } from "../support/ts-worker.ts";

const dirs: string[] = [];
function lockFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "suivez-takeover-"));
  dirs.push(dir);
  return path.join(dir, "suivez.db.lock");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("takeover mutex", () => {
  it("clears a mutex left by a starter that crashed mid-takeover, then can be taken", () => {
    const file = lockFile();
    writeFileSync(`${file}.takeover`, "mort");
    const old = new Date(Date.now() - TAKEOVER_STALE_MS - 5_000);
    utimesSync(`${file}.takeover`, old, old);
    expect(takeMutex(file, "moi", Date.now)).toBe(false); // cleared, not yet taken
    expect(takeMutex(file, "moi", Date.now)).toBe(true);
    releaseMutex(file, "moi");
  });

  it("leaves a fresh mutex alone", () => {
    const file = lockFile();
    writeFileSync(`${file}.takeover`, "vivant");
    for (let i = 0; i < 100; i++) expect(takeMutex(file, "moi", Date.now)).toBe(false);
  });

  // The CI failure of 2026-12-01 (two owners of one lock), staged: the holder releases, this
  // starter looks and finds nothing, another starter takes the mutex at that very moment.
  it("does not take a mutex just retaken by another starter for a crashed one", () => {
    const file = lockFile();
    const mutex = `${file}.takeover`;
    writeFileSync(mutex, "premier");
    let looks = 0;
    const look: Look = (f) => {
      looks++;
      if (looks > 1) return { ino: statSync(f).ino, mtimeMs: statSync(f).mtimeMs };
      rmSync(f); // the first holder lets go…
      writeFileSync(f, "second"); // …and another starter takes it, after this look
      return null;
    };
    expect(takeMutex(file, "moi", Date.now, look)).toBe(false);
    expect(readFileSync(mutex, "utf8")).toBe("second");
  });

  it("puts back a fresh mutex moved aside in the place of a crashed one", () => {
    const file = lockFile();
    const mutex = `${file}.takeover`;
    writeFileSync(mutex, "vivant");
    // The look saw the crashed starter's file (another inode, long ago); by the move, a live
    // starter's mutex had replaced it.
    const look: Look = () => ({ ino: statSync(mutex).ino + 1, mtimeMs: 0 });
    expect(takeMutex(file, "moi", Date.now, look)).toBe(false);
    expect(readFileSync(mutex, "utf8")).toBe("vivant");
  });

  // The same race, for real: two threads take and release the mutex as fast as they can.
  it("never removes the mutex of a starter that holds it, however the two race", async () => {
    const file = lockFile();
    const control = new SharedArrayBuffer(8);
    const shared = new Int32Array(control);
    const worker = tsWorker(new URL("./takeover-worker.ts", import.meta.url), { file, control });
    const report = new Promise<{ held: number; lost: number }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    // Until the other thread has held the mutex 1,000 times (however slow the machine is).
    let mine = 0;
    const giveUp = Date.now() + 20_000;
    while (Atomics.load(shared, 1) < 1_000 && Date.now() < giveUp) {
      for (let i = 0; i < 50; i++) {
        if (takeMutex(file, "moi", Date.now)) {
          mine++;
          releaseMutex(file, "moi");
        }
      }
    }
    Atomics.store(shared, 0, 1);
    const { held, lost } = await report;
    await worker.terminate();
    expect(held).toBeGreaterThanOrEqual(1_000); // the two really raced
    expect(mine).toBeGreaterThan(0);
    expect(lost).toBe(0);
  }, 30_000);
});
