import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepareArticle } from "../../src/ingest/prepare.ts";
import { ArticlesRepo } from "../../src/store/articles.ts";
import { backupDatabase } from "../../src/store/backup.ts";
import { openDatabase } from "../../src/store/database.ts";

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), "suivez-backup-"));

const base = prepareArticle(
  {
    title: "Conseil municipal de Ségou",
    body: "Le conseil a voté le budget de l'éclairage public. ".repeat(40),
    origin: "test",
  },
  { summaryMaxChars: 280 },
);
const article = (i: number) => ({
  ...base,
  title: `${base.title}, séance ${i}`,
  guid: `seance-${i}`,
  contentHash: `${base.contentHash}-${i}`,
});

describe("an online backup", () => {
  it("is a consistent, openable copy even while the bot keeps writing", async () => {
    const where = dir();
    const db = openDatabase(path.join(where, "suivez.db"));
    const articles = new ArticlesRepo(db);
    const now = new Date("2025-04-02T09:00:00Z");
    for (let i = 0; i < 2_000; i++) articles.upsert(article(i), now);
    // Writes go on between the backup's steps, as the running bot's would.
    let n = 2_000;
    const writer = setInterval(() => articles.upsert(article(n++), now), 1);
    const result = await backupDatabase(db, path.join(where, "copie.db"));
    clearInterval(writer);
    expect(result.bytes).toBeGreaterThan(1_000_000);
    const copy = openDatabase(result.file);
    const count = new ArticlesRepo(copy).counts(now).total;
    expect(count).toBeGreaterThanOrEqual(2_000);
    expect(count).toBeLessThanOrEqual(n);
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
    db.close();
    // Nothing half-written is left beside it.
    expect(fs.readdirSync(where).filter((f) => f.includes(".part"))).toEqual([]);
  });

  it("leaves no file under the name asked for when it fails", async () => {
    const where = dir();
    const db = openDatabase(path.join(where, "suivez.db"));
    const target = path.join(where, "absent", "copie.db");
    await expect(backupDatabase(db, target)).rejects.toThrow(/Sauvegarde impossible/);
    expect(fs.existsSync(target)).toBe(false);
    db.close();
  });
});
