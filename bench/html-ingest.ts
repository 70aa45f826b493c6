/**
 * HTML ingest speed: the article-extraction benchmark's pages (real news pages, ~180 KB each)
 * imported as `.html` files through the real import path (Ingest.importPaths: Readability on
 * linkedom + metadata, cleaning, summary, store), into a fresh store each pass, in pages/s:
 * with read workers (read-pool.ts, one a core, kept from pass to pass as a long import keeps
 * them: the warm-up pass starts them), and with none (the one-thread figure, in the note).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { Ingest } from "../src/ingest/ingest.ts";
import { ReadPool } from "../src/ingest/read-pool.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/log.ts";
import { ArticlesRepo } from "../src/store/articles.ts";
import { openDatabase } from "../src/store/database.ts";

export interface HtmlIngestResult {
  pages: number;
  pagesPerSecond: number;
  /** The same with no read workers: everything on one thread. */
  oneThreadPagesPerSecond: number;
  workers: number;
  meanKb: number;
}

/** Null when the dataset is absent. One warm-up pass, then the best of `rounds` passes. */
export async function measureHtmlIngest(
  datasetsDir: string,
  rounds = 3,
): Promise<HtmlIngestResult | null> {
  const source = path.join(datasetsDir, "article-extraction", "html");
  if (!fs.existsSync(source)) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-html-"));
  try {
    const pages = path.join(dir, "pages");
    fs.mkdirSync(pages);
    let bytes = 0;
    const names = fs.readdirSync(source).filter((f) => f.endsWith(".html.gz"));
    for (const name of names) {
      const html = zlib.gunzipSync(fs.readFileSync(path.join(source, name)));
      bytes += html.length;
      fs.writeFileSync(path.join(pages, name.slice(0, -3)), html);
    }
    if (names.length === 0) return null;
    let pass = 0;
    const run = async (readPool: ReadPool | undefined) => {
      const db = openDatabase(path.join(dir, `store-${pass++}.db`));
      const ingest = new Ingest({
        articles: new ArticlesRepo(db),
        clock: new ManualClock("2025-04-02T10:00:00Z"),
        log: silentLogger(),
        summaryMaxChars: 280,
        ...(readPool ? { readPool } : { readWorkers: 0 }),
      });
      const t = performance.now();
      const report = await ingest.importPaths([pages]);
      const ms = performance.now() - t;
      db.close();
      if (report.imported !== names.length) {
        throw new Error(`${report.imported}/${names.length} pages imported`);
      }
      return ms;
    };
    const best = async (readPool: ReadPool | undefined) => {
      await run(readPool);
      let ms = Number.POSITIVE_INFINITY;
      for (let r = 0; r < rounds; r++) ms = Math.min(ms, await run(readPool));
      return Math.round(names.length / (ms / 1000));
    };
    const pool = new ReadPool(ReadPool.defaultSize(), 280);
    const pooled = await best(pool).finally(() => pool.close());
    return {
      pages: names.length,
      pagesPerSecond: pooled,
      oneThreadPagesPerSecond: await best(undefined),
      workers: pool.size,
      meanKb: Math.round(bytes / names.length / 1024),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `node dist/bench/html-ingest.js` (or `npx tsx bench/html-ingest.ts`): this measure alone.
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const root = path.resolve(here, import.meta.url.endsWith(".js") ? "../.." : "..");
  console.log(JSON.stringify(await measureHtmlIngest(path.resolve(root, "../shared/datasets"))));
}
