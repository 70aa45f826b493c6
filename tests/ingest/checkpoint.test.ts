import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Ingest } from "../../src/ingest/ingest.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/log.ts";
import { ArticlesRepo } from "../../src/store/articles.ts";
import { checkpointWal, openDatabase } from "../../src/store/database.ts";

describe("a big import and the WAL", () => {
  it("keeps SQLite's autocheckpoint threshold as set, for the timed job to do the work", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-wal-"));
    const db = openDatabase(path.join(dir, "suivez.db"));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(10_000);
    db.close();
  });

  it("checkpoints between commits, never inside one, so no commit pays for the WAL", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-wal-"));
    const db = openDatabase(path.join(dir, "suivez.db"));
    const items = Array.from({ length: 1_050 }, (_, i) => ({
      title: `Kayes : la crue du fleuve, relevé n° ${i}`,
      body: `Le fleuve Sénégal a monté de ${i % 90} cm cette nuit à Kayes, selon les services de l'hydraulique.`,
      guid: `crue-${i}`,
    }));
    const file = path.join(dir, "export.json");
    fs.writeFileSync(file, JSON.stringify(items));
    const checkpoints: { inTransaction: boolean; complete: boolean }[] = [];
    const ingest = new Ingest({
      articles: new ArticlesRepo(db),
      clock: new ManualClock("2025-04-02T09:00:00Z"),
      log: silentLogger(),
      summaryMaxChars: 280,
      checkpoint: () =>
        checkpoints.push({
          inTransaction: db.inTransaction,
          complete: checkpointWal(db, "PASSIVE"),
        }),
    });
    const report = await ingest.importPaths([file]);
    expect(report.imported).toBe(1_050);
    // 21 commits of 50 articles: a checkpoint after every 4th, outside its transaction, and
    // complete (nobody else reads): the WAL starts over every 200 articles, so each checkpoint
    // is a short copy instead of one of 2,000 pages (or SQLite's, inside a commit, at 10,000).
    expect(checkpoints).toEqual(Array(5).fill({ inTransaction: false, complete: true }));
    db.close();
  }, 60_000);
});
