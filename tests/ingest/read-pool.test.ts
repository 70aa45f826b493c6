import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { Ingest } from "../../src/ingest/ingest.ts";
import { ReadPool } from "../../src/ingest/read-pool.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/log.ts";
import { ArticlesRepo } from "../../src/store/articles.ts";
import { openDatabase } from "../../src/store/database.ts";
import { FIXTURES } from "../support/articles.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-pool-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A folder of pages of several kinds: HTML (plain and gzipped, distinct and refused) and JSON. */
function folder(): string {
  const pages = path.join(dir, "pages");
  fs.mkdirSync(pages, { recursive: true });
  const html = fs.readFileSync(path.join(FIXTURES, "rubriques/abidjan-port.html"), "utf8");
  for (let i = 0; i < 12; i++) {
    // Distinct articles: another title, address and paragraph each.
    const page = html
      .replaceAll("Abidjan", `Abidjan ${i}`)
      .replace("port-abidjan-record", `port-abidjan-record-${i}`)
      .replace(
        "</article>",
        `<p>Paragraphe propre à la page numéro ${i}, pour la distinguer.</p></article>`,
      );
    if (i % 4 === 3) fs.writeFileSync(path.join(pages, `page-${i}.html.gz`), zlib.gzipSync(page));
    else fs.writeFileSync(path.join(pages, `page-${i}.html`), page);
  }
  fs.writeFileSync(
    path.join(pages, "profonde.html"),
    `<html><body>${"<div>".repeat(2000)}x</body></html>`,
  );
  fs.writeFileSync(path.join(pages, "vide.html"), "<html><body><p>   </p></body></html>");
  fs.copyFileSync(
    path.join(FIXTURES, "bamako-pluies.json"),
    path.join(pages, "bamako-pluies.json"),
  );
  return pages;
}

async function importWith(pages: string, readWorkers: number, readPool?: ReadPool) {
  const db = openDatabase(":memory:");
  const ingest = new Ingest({
    articles: new ArticlesRepo(db),
    clock: new ManualClock("2025-04-03T08:00:00Z"),
    log: silentLogger(),
    summaryMaxChars: 280,
    readWorkers,
    ...(readPool ? { readPool } : {}),
  });
  const report = await ingest.importPaths([pages]);
  const rows = db
    .prepare(
      "SELECT id, title, body, summary, published_at, categories, content_hash FROM articles ORDER BY id",
    )
    .all();
  await ingest.close();
  db.close();
  return { report, rows };
}

describe("HTML pages read by worker threads", () => {
  it("store exactly what one thread stores, in the same order, with the same failures", async () => {
    const pages = folder();
    const alone = await importWith(pages, 0);
    const pool = new ReadPool(2, 280);
    const pooled = await importWith(pages, 2, pool);
    await pool.close();
    expect(pool.readByWorkers).toBe(14); // every HTML page, none read here
    expect(alone.report.imported).toBe(13);
    expect(alone.report.failed.map((f) => path.basename(f.origin))).toEqual([
      "profonde.html",
      "vide.html",
    ]);
    expect(pooled.report).toEqual(alone.report);
    expect(pooled.rows).toEqual(alone.rows);
  }, 60_000);

  it("reads a file in this thread when the pool is closed", async () => {
    const pool = new ReadPool(1, 280);
    await pool.close();
    const read = await pool.read(path.join(FIXTURES, "rubriques/abidjan-port.html"));
    expect(read.articles).toHaveLength(1);
    expect(read.articles[0]).toHaveProperty("prepared.title");
  });
});
