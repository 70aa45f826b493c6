import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { WalCheckpointer } from "../../src/store/wal-checkpointer.ts";

describe("checkpoints on a thread of their own", () => {
  it("writes the bot's WAL back into the base from another connection, off the event loop", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "suivez-ckpt-")), "suivez.db");
    const db = openDatabase(file);
    db.exec("CREATE TABLE t (x TEXT)");
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    for (let i = 0; i < 2_000; i++) insert.run("Le conseil municipal de Ségou a voté. ".repeat(10));
    const checkpointer = new WalCheckpointer(file);
    const first = checkpointer.request();
    // A request while one runs is the same checkpoint, not a second one.
    expect(checkpointer.request()).toBe(first);
    const result = (await first) as { busy: number; log: number; checkpointed: number };
    expect(result.busy).toBe(0);
    expect(result.log).toBeGreaterThan(100);
    expect(result.checkpointed).toBe(result.log);
    // The next one starts afresh; nothing new to copy.
    expect(await checkpointer.request()).toMatchObject({ busy: 0 });
    await checkpointer.close();
    expect(db.prepare("SELECT count(*) FROM t").pluck().get()).toBe(2_000);
    db.close();
  });

  it("leaves no listener behind: 30 checkpoints in a row raise no leak warning", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "suivez-ckpt-")), "suivez.db");
    const db = openDatabase(file);
    db.exec("CREATE TABLE t (x TEXT)");
    const checkpointer = new WalCheckpointer(file);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      for (let i = 0; i < 30; i++) {
        db.prepare("INSERT INTO t VALUES (?)").run(`ligne ${i}`);
        expect(await checkpointer.request()).toMatchObject({ busy: 0 });
      }
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
      await checkpointer.close();
      db.close();
    }
    expect(warnings.filter((w) => w === "MaxListenersExceededWarning")).toEqual([]);
  });

  it("answers with the error when the base is not there, and the bot goes on", async () => {
    const checkpointer = new WalCheckpointer("/nulle-part/suivez.db");
    expect(await checkpointer.request()).toMatchObject({ error: expect.any(String) });
    await checkpointer.close();
  });
});
