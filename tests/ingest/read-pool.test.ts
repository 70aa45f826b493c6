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
    // Every HTML page by a worker (never taken back: ~15 ms of this thread each), the JSON
    // file by a worker or here.
    expect(pool.readByWorkers).toBeGreaterThanOrEqual(14);
    expect(pool.readByWorkers + pool.readHere).toBe(15);
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

/** Small files of every kind (JSON, text, Markdown), good and bad, distinct articles. */
function smallFolder(): string {
  const files = path.join(dir, "small");
  fs.mkdirSync(files, { recursive: true });
  const json = JSON.parse(fs.readFileSync(path.join(FIXTURES, "bamako-pluies.json"), "utf8"));
  const md = fs.readFileSync(path.join(FIXTURES, "rubriques/sport-can.md"), "utf8");
  for (let i = 0; i < 30; i++) {
    const name = `f-${String(i).padStart(2, "0")}`;
    if (i % 3 === 0) {
      fs.writeFileSync(
        path.join(files, `${name}.json`),
        JSON.stringify({
          ...json,
          title: `${json.title} ${i}`,
          guid: `g-${i}`,
          url: `https://exemple-info.ml/${i}`,
        }),
      );
    } else if (i % 3 === 1) {
      fs.writeFileSync(path.join(files, `${name}.md`), md.replaceAll("CAN", `CAN ${i}`));
    } else {
      fs.writeFileSync(
        path.join(files, `${name}.txt`),
        `Titre de la page numéro ${i} sur les pluies\n\nBamako, le 14 août 2025 – Les pluies de la nuit ont inondé ${i} quartiers de la capitale, selon la protection civile.\nLes habitants ont passé la journée à évacuer l'eau de leurs maisons.\n`,
      );
    }
  }
  fs.writeFileSync(path.join(files, "f-07.json"), '{"title": "cassé", ');
  fs.writeFileSync(path.join(files, "f-11.txt"), "   \n");
  return files;
}

describe("small files read by worker threads", () => {
  it("store exactly what one thread stores, in the files' order, with the same failures", async () => {
    const files = smallFolder();
    const alone = await importWith(files, 0);
    const pool = new ReadPool(1, 280);
    const pooled = await importWith(files, 1, pool);
    await pool.close();
    expect(alone.report.failed.map((f) => path.basename(f.origin))).toEqual([
      "f-07.json",
      "f-11.txt",
    ]);
    expect(alone.rows.length).toBeGreaterThan(15);
    expect(pooled.report).toEqual(alone.report);
    expect(pooled.rows).toEqual(alone.rows);
    expect(pool.readByWorkers + pool.readHere).toBe(31); // 30 articles and one broken export
  }, 60_000);

  it("are taken back by the caller rather than waiting for a worker to start", async () => {
    const pool = new ReadPool(1, 280);
    const file = path.join(FIXTURES, "bamako-pluies.json");
    // The worker is still loading its modules: nothing has been handed to it yet.
    const reads = [pool.read(file, { mayRunHere: true }), pool.read(file, { mayRunHere: true })];
    const here = pool.runOneHere();
    expect(here).not.toBeNull();
    await here;
    expect(pool.readHere).toBe(1);
    const done = await Promise.all(reads);
    expect(done.map((r) => r.articles.length)).toEqual([1, 1]);
    await pool.close();
  }, 30_000);

  it("never takes back an HTML page (it would hold the caller's thread ~15 ms)", async () => {
    const pool = new ReadPool(1, 280);
    const read = pool.read(path.join(FIXTURES, "rubriques/abidjan-port.html"));
    expect(pool.runOneHere()).toBeNull();
    expect((await read).articles).toHaveLength(1);
    await pool.close();
  }, 30_000);

  it("reads every queued file in this thread when the pool is closed mid-way", async () => {
    const pool = new ReadPool(1, 280);
    const file = path.join(FIXTURES, "bamako-pluies.json");
    const reads = [1, 2, 3].map(() => pool.read(file, { mayRunHere: true }));
    await pool.close();
    const done = await Promise.all(reads);
    expect(done.every((r) => r.articles.length === 1)).toBe(true);
    expect(pool.readHere).toBe(3);
  }, 30_000);
});

describe("a file a worker is stuck on", () => {
  it("is reported failed after the time limit, not retried here, and the pool goes on", async () => {
    const pages = path.join(dir, "lente");
    fs.mkdirSync(pages, { recursive: true });
    // ~1.7 MB of paragraphs: a second or more of extraction, far past a 300 ms limit (a real
    // page takes ~15 ms; the shipped limit is 30 s).
    const para =
      "<p>Les pluies diluviennes ont inondé plusieurs quartiers de Bamako, selon la protection civile, qui appelle les habitants à la prudence.</p>\n";
    const slow = path.join(pages, "lente.html");
    fs.writeFileSync(
      slow,
      `<html><head><title>Page lente</title></head><body><article><h1>Page lente</h1>${para.repeat(12_000)}</article></body></html>`,
    );
    const pool = new ReadPool(1, 280, { fileTimeoutMs: 300 });
    try {
      const stuck = await pool.read(slow);
      expect(stuck.articles).toEqual([]);
      expect(stuck.problems).toEqual([
        {
          origin: slow,
          reason: expect.stringMatching(
            /^lecture interrompue après 300 ms : .*rien n'en a été importé/,
          ),
        },
      ]);
      // Not read again in the caller's thread, where it would hold the bot's loop.
      expect(pool.readHere).toBe(0);
      // The worker was replaced: the next file is read by a worker (a JSON one: a new worker's
      // first page also loads the HTML reader, which can take longer than this test's limit).
      const next = await pool.read(path.join(FIXTURES, "bamako-pluies.json"));
      expect(next.articles).toHaveLength(1);
      expect(pool.readByWorkers).toBe(1);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
