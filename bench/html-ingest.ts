/**
 * HTML ingest speed: the article-extraction benchmark's pages (real news pages, ~180 KB each)
 * read (Readability on linkedom + metadata) and prepared (cleaned, summarised), in pages/s.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { prepareArticle } from "../src/ingest/prepare.ts";
import { readHtmlPage } from "../src/sources/files/html-page.ts";

export interface HtmlIngestResult {
  pages: number;
  pagesPerSecond: number;
  meanKb: number;
}

/** Null when the dataset is absent. One warm-up pass, then the best of `rounds` passes. */
export function measureHtmlIngest(datasetsDir: string, rounds = 3): HtmlIngestResult | null {
  const dir = path.join(datasetsDir, "article-extraction", "html");
  if (!fs.existsSync(dir)) return null;
  const pages = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".html.gz"))
    .map((f) => zlib.gunzipSync(fs.readFileSync(path.join(dir, f))).toString("utf8"));
  if (pages.length === 0) return null;
  const pass = () => {
    const t = performance.now();
    for (const [i, html] of pages.entries()) {
      for (const input of readHtmlPage(html, `p${i}.html`).inputs) {
        prepareArticle(input, { summaryMaxChars: 280 });
      }
    }
    return performance.now() - t;
  };
  pass();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) best = Math.min(best, pass());
  const bytes = pages.reduce((n, p) => n + p.length, 0);
  return {
    pages: pages.length,
    pagesPerSecond: Math.round(pages.length / (best / 1000)),
    meanKb: Math.round(bytes / pages.length / 1024),
  };
}
