import fs from "node:fs/promises";
import path from "node:path";
import { SqliteError } from "better-sqlite3";
import type { ArticleInput, PreparedArticle } from "../domain/article.ts";
import { hasCode } from "../domain/errors.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../log.ts";
import { ARTICLE_EXTENSIONS, type FileRead, readArticleFile } from "../sources/files/read-file.ts";
import type { ArticlesRepo, UpsertOutcome } from "../store/articles.ts";
import { DISK_FULL_ADVICE, isDiskFull } from "../store/database.ts";
import { prepareArticle } from "./prepare.ts";

export interface ImportFailure {
  /** The file (and item, for a JSON array) that failed. */
  origin: string;
  reason: string;
}

/** The outcome of an import run: counts, the ids touched, and every failure with its reason. */
export interface ImportReport {
  imported: number;
  updated: number;
  unchanged: number;
  failed: ImportFailure[];
  /** Files in folders that are not articles (README, images…), left alone. */
  skipped: string[];
  /** Files read but left out, or parts of them, with why (a README, a listing's other posts). */
  notes: ImportFailure[];
  /** Ids of articles imported or updated, in order. */
  changedIds: number[];
}

export interface IngestDeps {
  articles: ArticlesRepo;
  clock: Clock;
  log: Logger;
  summaryMaxChars: number;
}

/** From any source's ArticleInput, or from files and folders, into the store. */
export class Ingest {
  readonly #deps: IngestDeps;

  constructor(deps: IngestDeps) {
    this.#deps = deps;
  }

  /** Cleans, summarises and stores one article. `known`: backlog, never broadcast. */
  importOne(
    input: ArticleInput,
    options: { known?: boolean } = {},
  ): { id: number; outcome: UpsertOutcome } {
    return this.#deps.articles.upsert(this.#prepare(input), this.#deps.clock.now(), options);
  }

  /**
   * Stores a batch in one transaction. A full disk makes SQLite roll the whole transaction
   * back: the batch is then stored again one article at a time, so that the report says which
   * articles are really in and which are not.
   */
  #store(batch: readonly PreparedArticle[], now: Date): Stored[] {
    const one = (prepared: PreparedArticle, rethrow: boolean): Stored => {
      try {
        return this.#deps.articles.upsert(prepared, now);
      } catch (error) {
        if (rethrow && isDiskFull(error)) throw error;
        return { reason: reasonOf(error) };
      }
    };
    try {
      return this.#deps.articles.transaction(() => batch.map((p) => one(p, true)));
    } catch {
      return batch.map((p) => one(p, false));
    }
  }

  #prepare(input: ArticleInput): PreparedArticle {
    return prepareArticle(input, { summaryMaxChars: this.#deps.summaryMaxChars });
  }

  /**
   * Imports files and folders (recursively). A bad file never stops the others: it is
   * reported with its reason.
   */
  async importPaths(
    paths: readonly string[],
    options: { onProgress?: (done: number, total: number) => void } = {},
  ): Promise<ImportReport> {
    const report: ImportReport = {
      imported: 0,
      updated: 0,
      unchanged: 0,
      failed: [],
      skipped: [],
      notes: [],
      changedIds: [],
    };
    const files: string[] = [];
    for (const p of paths) await collect(p, files, report, true);
    let done = 0;
    // Files are read and prepared a batch at a time, then stored in one transaction per batch:
    // parsing never holds the write lock, and the database commits once per batch.
    for (let start = 0; start < files.length; start += BATCH) {
      const batch = files.slice(start, start + BATCH);
      const reads = await Promise.all(batch.map((file) => readSafely(file)));
      const ready: { origin: string; prepared: PreparedArticle }[] = [];
      for (const [k, read] of reads.entries()) {
        report.failed.push(...read.problems);
        for (const note of read.notes ?? [])
          report.notes.push({ origin: batch[k] ?? "", reason: note });
        for (const input of read.inputs) {
          try {
            ready.push({ origin: input.origin, prepared: this.#prepare(input) });
          } catch (error) {
            report.failed.push({ origin: input.origin, reason: reasonOf(error) });
          }
        }
      }
      const stored = this.#store(
        ready.map((r) => r.prepared),
        this.#deps.clock.now(),
      );
      ready.forEach(({ origin }, i) => {
        const result = stored[i];
        if (!result || "reason" in result) {
          report.failed.push({ origin, reason: result?.reason ?? "non enregistré" });
          return;
        }
        report[result.outcome]++;
        if (result.outcome !== "unchanged") report.changedIds.push(result.id);
      });
      done += batch.length;
      options.onProgress?.(done, files.length);
    }
    this.#deps.log.info(
      {
        imported: report.imported,
        updated: report.updated,
        unchanged: report.unchanged,
        failed: report.failed.length,
      },
      "articles imported",
    );
    return report;
  }
}

type Stored = { id: number; outcome: UpsertOutcome } | { reason: string };

/** Files read per batch (and per transaction). */
const BATCH = 64;

/** A file's articles, or the reason it could not be read, as one of its problems. */
export async function readSafely(file: string): Promise<FileRead> {
  try {
    return await readArticleFile(file);
  } catch (error) {
    return { inputs: [], problems: [{ origin: file, reason: reasonOf(error) }] };
  }
}

/** A folder's own documents, never articles: README, SOURCES, LICENSE, CHANGELOG… */
const NOT_ARTICLES =
  /^(?:readme|sources?|licen[cs]e|copying|changelog|changes|contributing|notice|authors)(?:\.[\w.]+)?$/i;

export async function collect(
  p: string,
  files: string[],
  report: Pick<ImportReport, "failed" | "skipped">,
  explicit: boolean,
) {
  let stat: Awaited<ReturnType<typeof fs.stat>>;
  try {
    stat = await fs.stat(p);
  } catch {
    report.failed.push({ origin: p, reason: "introuvable : vérifiez le chemin" });
    return;
  }
  if (stat.isDirectory()) {
    const entries = (await fs.readdir(p)).filter((e) => !e.startsWith(".")).sort();
    for (const entry of entries) await collect(path.join(p, entry), files, report, false);
  } else if (NOT_ARTICLES.test(path.basename(p))) {
    report.skipped.push(p);
  } else if (
    explicit ||
    ARTICLE_EXTENSIONS.includes(path.extname(p.replace(/\.gz$/i, "")).toLowerCase())
  ) {
    files.push(p);
  } else {
    report.skipped.push(p);
  }
}

export function reasonOf(error: unknown): string {
  if (hasCode(error, "ARTICLE_FILE_INVALID", "ARTICLE_REJECTED")) return error.message;
  if (isDiskFull(error)) return DISK_FULL_ADVICE;
  if (error instanceof SqliteError) {
    return `base de données : ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
