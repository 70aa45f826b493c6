import type { PreparedArticle } from "../domain/article.ts";
import { walkArticleFiles } from "../sources/files/walk.ts";
import { readSafely, reasonOf } from "./ingest.ts";
import { prepareArticle } from "./prepare.ts";

/** One article as `import --dry-run --json` prints it: what would be stored, or why not. */
export interface PreviewLine {
  file: string;
  title: string;
  publishedAt: string | null;
  rubrics: string[];
  dateline: string | null;
  author: string | null;
  url: string | null;
  body: string;
  summary: string;
  keyPoints: string[];
  error: string | null;
  /** What the reader left out or stood in for (no headline on the page, other articles). */
  notes: string[];
}

/**
 * Reads, cleans and summarises files and folders exactly as an import would, storing nothing:
 * one line per article found, one line with `error` per file (or JSON item) that fails.
 */
export async function previewPaths(
  paths: readonly string[],
  options: { summaryMaxChars: number },
): Promise<PreviewLine[]> {
  const found = await walkArticleFiles(paths);
  const lines: PreviewLine[] = found.failed.map((f) => failure(f.origin, f.reason));
  for (const { path: file } of found.files) {
    const read = await readSafely(file);
    for (const p of read.problems) lines.push(failure(p.origin, p.reason));
    for (const input of read.inputs) {
      try {
        lines.push({ ...success(prepareArticle(input, options)), notes: read.notes ?? [] });
      } catch (error) {
        lines.push(failure(input.origin, reasonOf(error)));
      }
    }
  }
  return lines;
}

function success(a: PreparedArticle): PreviewLine {
  return {
    file: a.origin,
    title: a.title,
    publishedAt: a.publishedAt ? a.publishedAt.toISOString() : null,
    rubrics: a.categories,
    dateline: a.dateline,
    author: a.author,
    url: a.url,
    body: a.bodyText,
    summary: a.summary,
    keyPoints: a.keyPoints,
    error: null,
    notes: [],
  };
}

function failure(file: string, reason: string): PreviewLine {
  return {
    file,
    title: "",
    publishedAt: null,
    rubrics: [],
    dateline: null,
    author: null,
    url: null,
    body: "",
    summary: "",
    keyPoints: [],
    error: reason,
    notes: [],
  };
}
