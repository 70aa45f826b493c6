import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { articleStore } from "../support/articles.ts";

const dirs: string[] = [];
function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-import-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const body = (n: number) =>
  `Le conseil municipal de Ségou a voté le budget numéro ${n}. Les travaux de la route commencent en mai, annonce le maire.\n\nLes habitants attendent depuis longtemps cette réfection.`;

describe("importing files, hardened", () => {
  it("stores an undated article with its import time but never announces it automatically", async () => {
    const { db, clock, ingest } = articleStore();
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "sans-date.txt"), `Ségou vote son budget\n\n${body(1)}`);
    const report = await ingest.importPaths([dir]);
    expect(report.imported).toBe(1);
    const row = db
      .prepare("SELECT published_at, announced_at FROM articles WHERE id = ?")
      .get(report.changedIds[0]) as { published_at: number; announced_at: number | null };
    expect(row.published_at).toBe(clock.now().getTime());
    expect(row.announced_at).toBe(clock.now().getTime());
  });

  it("commits a big JSON export in bounded batches, yielding to the event loop between them", async () => {
    const { articles, ingest } = articleStore();
    const dir = tmp();
    const items = Array.from({ length: 450 }, (_, i) => ({
      title: `Budget de Ségou, délibération ${i + 1}`,
      body: body(i + 1),
      publishedAt: "2025-04-01T10:00:00Z",
    }));
    fs.writeFileSync(path.join(dir, "export.json"), JSON.stringify(items));
    const sizes: number[] = [];
    const transaction = articles.transaction.bind(articles);
    articles.transaction = <T>(fn: () => T): T => {
      const result = transaction(fn);
      if (Array.isArray(result)) sizes.push(result.length);
      return result;
    };
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const report = await ingest.importPaths([dir]);
    clearInterval(ticker);
    expect(report.imported).toBe(450);
    expect(sizes.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    // Timers ran during the import: the bot's other work was not locked out.
    expect(turns).toBeGreaterThan(0);
  });

  it("ends on a symlink loop and does not follow a link out of the folder", async () => {
    const { ingest } = articleStore();
    const dir = tmp();
    const outside = tmp();
    fs.writeFileSync(path.join(outside, "secret.txt"), `Ne pas importer\n\n${body(9)}`);
    fs.mkdirSync(path.join(dir, "a"));
    fs.writeFileSync(path.join(dir, "a", "segou.txt"), `Ségou vote son budget\n\n${body(1)}`);
    fs.symlinkSync(path.join(dir, "a"), path.join(dir, "a", "boucle"));
    fs.symlinkSync(dir, path.join(dir, "a", "parent"));
    fs.symlinkSync(outside, path.join(dir, "dehors"));
    fs.symlinkSync("/etc", path.join(dir, "etc"));
    fs.symlinkSync(path.join(dir, "disparu.txt"), path.join(dir, "casse.txt"));
    const report = await ingest.importPaths([dir]);
    expect(report.imported).toBe(1);
    const reasons = report.failed.map((f) => `${path.basename(f.origin)}: ${f.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^dehors: lien symbolique vers l'extérieur/),
        expect.stringMatching(/^etc: lien symbolique vers l'extérieur/),
        expect.stringMatching(/^casse\.txt: lien symbolique cassé/),
      ]),
    );
  });

  it("escapes terminal control characters in the file names it reports", async () => {
    const { ingest, db } = articleStore();
    const dir = tmp();
    const evil = path.join(dir, "rapport\u001b[2J\u001b[31m.txt");
    fs.writeFileSync(evil, "");
    const named = path.join(dir, "ok\u0007\u202e.txt");
    fs.writeFileSync(named, `Ségou vote son budget\n\n${body(1)}`);
    const report = await ingest.importPaths([dir]);
    const printed = JSON.stringify(report);
    expect(printed).not.toMatch(/\\u001b|\\u0007|\u202e/);
    expect(report.failed[0]?.origin).toContain("rapport\\x1b[2J\\x1b[31m.txt");
    const origin = db.prepare("SELECT origin FROM articles").pluck().get() as string;
    expect(origin).toContain("ok\\x07\\u{202e}.txt");
  });
});
