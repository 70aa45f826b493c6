import type { ArticleInput, PreparedArticle } from "../domain/article.ts";
import type { Clock } from "../lib/clock.ts";
import { printable } from "../lib/printable.ts";
import type { Logger } from "../log.ts";
import type { FileRead } from "../sources/files/file-read.ts";
import { walkArticleFiles } from "../sources/files/walk.ts";
import type { ArticleOwner, ArticlesRepo, UpsertOutcome } from "../store/articles.ts";
import { isDiskFull } from "../store/database.ts";
import { prepareArticle } from "./prepare.ts";
import type { PreparedFile } from "./prepared-file.ts";
import { ReadPool } from "./read-pool.ts";
import { readSafely, reasonOf } from "./read-safely.ts";

export { readSafely, reasonOf } from "./read-safely.ts";

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
  /** Ids of articles imported or updated, in order. */
  /** Files read but left out, or parts of them, with why (a README, a listing's other posts). */
  notes: ImportFailure[];
  changedIds: number[];
}

export interface IngestDeps {
  articles: ArticlesRepo;
  clock: Clock;
  log: Logger;
  summaryMaxChars: number;
  /**
   * Writes the WAL back into the base (the bot: a PASSIVE checkpoint, between two commits). A
   * big import fills the WAL past `wal_autocheckpoint`, and SQLite then checkpoints inside
   * whichever commit crosses it, holding the write lock and the event loop ~100–700 ms; asked
   * every CHECKPOINT_EVERY commits, each checkpoint copies a few hundred pages and the WAL stays
   * far below that threshold.
   */
  checkpoint?: (() => unknown) | undefined;
  /**
   * Worker threads that read and prepare HTML pages while this thread stores (read-pool.ts):
   * a number, 0 for none; by default one a core, for an import of at least
   * POOLED_PAGES_MIN pages.
   */
  readWorkers?: number;
  /** Read workers owned by the caller (a long-lived process keeps them warm), used as they are. */
  readPool?: ReadPool;
}

/** From any source's ArticleInput, or from files and folders, into the store. */
export class Ingest {
  readonly #deps: IngestDeps;
  #readPool: ReadPool | null = null;
  #poolTimer: NodeJS.Timeout | undefined;

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

  /** The stored article an input with this guid or url would replace (feeds check it first). */
  existing(guid: string | null, url: string | null): ArticleOwner | null {
    return this.#deps.articles.owner(guid, url);
  }

  /**
   * Stores a batch in one transaction. A full disk makes SQLite roll the whole transaction
   * back: the batch is then stored again one article at a time, so that the report says which
   * articles are really in and which are not.
   */
  #store(batch: readonly PreparedArticle[], now: Date): Stored[] {
    const one = (prepared: PreparedArticle, rethrow: boolean): Stored => {
      try {
        // An article without a date gets its import time but is not announced automatically,
        // like old files (README): editors can still publish it.
        return this.#deps.articles.upsert(prepared, now, { known: prepared.publishedAt === null });
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

  /**
   * Read workers for an import of `pages` HTML pages and `small` other small files, or null
   * when this thread reads alone. The pool outlives the import by POOL_IDLE_MS (the next folder
   * of a bulk import finds its workers started and warm), then its threads end; idle, they
   * never keep the process alive.
   */
  #pool(pages: number, small: number): ReadPool | null {
    if (this.#deps.readPool) return pages + small > 0 ? this.#deps.readPool : null;
    const size = this.#deps.readWorkers ?? (pages >= POOLED_PAGES_MIN ? ReadPool.defaultSize() : 0);
    if (size <= 0 || pages + small === 0) return null;
    clearTimeout(this.#poolTimer);
    if (!this.#readPool || this.#readPool.size < size) {
      void this.#readPool?.close();
      this.#readPool = new ReadPool(size, this.#deps.summaryMaxChars);
    }
    return this.#readPool;
  }

  #releasePool(): void {
    const pool = this.#readPool;
    if (!pool) return;
    this.#poolTimer = setTimeout(() => {
      if (this.#readPool === pool) this.#readPool = null;
      void pool.close();
    }, POOL_IDLE_MS);
    this.#poolTimer.unref();
  }

  /** Ends the read workers now (they also end on their own, POOL_IDLE_MS after an import). */
  async close(): Promise<void> {
    clearTimeout(this.#poolTimer);
    const pool = this.#readPool;
    this.#readPool = null;
    await pool?.close();
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
    const walk = await walkArticleFiles(paths);
    report.failed.push(...walk.failed);
    report.skipped.push(...walk.skipped);
    const files = walk.files;
    let done = 0;
    // Files are read a few at a time, their articles prepared and stored ARTICLES_PER_COMMIT at
    // a time, one transaction each, with a turn of the event loop in between: parsing never
    // holds the write lock, a 32 MB JSON export is many short commits instead of one long one
    // (the running bot's readers are not locked out) and only one batch is prepared in memory.
    let pending: { origin: string; prepared: PreparedArticle }[] = [];
    let commits = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      const stored = this.#store(
        batch.map((r) => r.prepared),
        this.#deps.clock.now(),
      );
      batch.forEach(({ origin }, i) => {
        const result = stored[i];
        if (!result || "reason" in result) {
          report.failed.push({ origin, reason: result?.reason ?? "non enregistré" });
          return;
        }
        report[result.outcome]++;
        if (result.outcome !== "unchanged") report.changedIds.push(result.id);
      });
      if (++commits % CHECKPOINT_EVERY === 0) this.#deps.checkpoint?.();
      await yieldToLoop();
    };
    // Files are read and prepared by worker threads when there are enough of them (HTML pages,
    // ~15 ms of extraction each; small JSON/text files, ~0.6 ms of cleaning and summary each), a
    // few files ahead of the one being stored; results are taken in the files' order, so the
    // report and the rows are those of one thread. Rather than wait for a small file's result
    // (workers still starting, or busy), this thread prepares a queued one itself.
    const small = (f: { path: string; bytes: number }) =>
      !isHtmlPage(f.path) && f.bytes <= POOLED_BYTES_MAX;
    const smallFiles = files.filter(small).length;
    // Small files go to workers only when workers are asked for (a caller's pool, a number):
    // on 2 cores a worker preparing JSON articles saved no time (2,000 files into the 100,000-
    // article store: 6.1 s against 6.2 s) for 23 % more CPU and 20–28 MB more memory (README).
    const poolSmall = this.#deps.readPool !== undefined || (this.#deps.readWorkers ?? 0) > 0;
    const pool = this.#pool(
      files.filter((f) => isHtmlPage(f.path)).length,
      poolSmall ? smallFiles : 0,
    );
    const pooled = (f: { path: string; bytes: number }) =>
      pool !== null && (isHtmlPage(f.path) || (poolSmall && small(f)));
    const ahead = new Map<number, Tracked>();
    let submitted = 0;
    const submit = (end: number) => {
      for (; pool && submitted < Math.min(end, files.length); submitted++) {
        const file = files[submitted];
        if (file && pooled(file)) {
          ahead.set(submitted, track(pool.read(file.path, { mayRunHere: !isHtmlPage(file.path) })));
        }
      }
    };
    /** A file's result, taking queued small files back from the workers rather than waiting. */
    const settle = async (read: Tracked): Promise<PreparedFile | FileRead> => {
      while (pool && !read.done) {
        const here = pool.runOneHere();
        if (!here) break;
        await here;
      }
      return read.promise;
    };
    try {
      for (let start = 0; start < files.length; ) {
        const group = readGroup(files, start);
        submit(start + group.length + POOL_LOOKAHEAD);
        const first = start;
        start += group.length;
        const reads = group.map((file, k) => ahead.get(first + k) ?? track(readSafely(file.path)));
        // The next files are read from disk while these are prepared and stored (at most
        // BYTES_PER_READ of them: a big export is never read ahead).
        const next = readGroup(files, start);
        if (next.reduce((n, f) => n + f.bytes, 0) <= BYTES_PER_READ) {
          next.forEach((file, k) => {
            if (!ahead.has(start + k) && !pooled(file)) {
              ahead.set(start + k, track(readSafely(file.path)));
            }
          });
        }
        for (const [k, tracked] of reads.entries()) {
          const read = await settle(tracked);
          ahead.delete(first + k);
          report.failed.push(...read.problems);
          for (const note of read.notes ?? []) {
            report.notes.push({ origin: printable(group[k]?.path ?? ""), reason: note });
          }
          if ("articles" in read) {
            for (const article of read.articles) {
              if ("reason" in article) report.failed.push(article);
              else pending.push(article);
              if (pending.length >= ARTICLES_PER_COMMIT) await flush();
            }
          } else {
            for (const [i, input] of read.inputs.entries()) {
              // Preparing (cleaning, summary) costs about a millisecond an article: yield often.
              if (i > 0 && i % 10 === 0) await yieldToLoop();
              try {
                pending.push({ origin: input.origin, prepared: this.#prepare(input) });
              } catch (error) {
                report.failed.push({ origin: input.origin, reason: reasonOf(error) });
              }
              if (pending.length >= ARTICLES_PER_COMMIT) await flush();
            }
            read.inputs.length = 0;
          }
          options.onProgress?.(++done, files.length);
        }
      }
      await flush();
    } finally {
      if (pool && pool !== this.#deps.readPool) this.#releasePool();
    }
    // Each caller (start-up, CLI, simulator) reports the import in its own words: debug here,
    // or the operator reads every import twice (once in English).
    this.#deps.log.debug(
      {
        imported: report.imported,
        updated: report.updated,
        unchanged: report.unchanged,
        failed: report.failed.length,
      },
      "import terminé",
    );
    return report;
  }
}

type Stored = { id: number; outcome: UpsertOutcome } | { reason: string };

/** A file's read in progress, and whether it is done (a caller then need not help with it). */
interface Tracked {
  promise: Promise<PreparedFile | FileRead>;
  done: boolean;
}

function track(promise: Promise<PreparedFile | FileRead>): Tracked {
  const tracked: Tracked = { promise, done: false };
  void promise.then(() => {
    tracked.done = true;
  });
  return tracked;
}

/** Articles per transaction: a few tens of milliseconds of write lock. */
const ARTICLES_PER_COMMIT = 50;
/**
 * Commits between two checkpoints: 4 × 50 articles, ~400 WAL pages of a 32 MB export
 * (wal_autocheckpoint is 10,000). Each one then holds the loop about as long as a commit: every
 * 20 commits, the copy of ~2,000 pages was the import's longest block (README).
 */
const CHECKPOINT_EVERY = 4;
/** Worker start-up (~0.1 s) pays for itself from about this many pages. */
const POOLED_PAGES_MIN = 8;
/** How long read workers stay after an import, for the next one. */
const POOL_IDLE_MS = 30_000;
/** Pages handed to the workers beyond the files being read, to keep them busy while storing. */
const POOL_LOOKAHEAD = 8;
/** A small file, prepared in one go wherever it runs (a bigger export is prepared here, in slices). */
const POOLED_BYTES_MAX = 64 * 1024;

const isHtmlPage = (file: string): boolean => /\.html?(?:\.gz)?$/i.test(file);

/** Files read at once, and their total size: a big JSON export is read on its own. */
const FILES_PER_READ = 64;
const BYTES_PER_READ = 4 * 1024 * 1024;

/** The next files to read together, from `start`: at least one. */
function readGroup(files: readonly { path: string; bytes: number }[], start: number) {
  const group = [];
  let bytes = 0;
  for (let i = start; i < files.length && group.length < FILES_PER_READ; i++) {
    const file = files[i];
    if (!file || (group.length > 0 && bytes + file.bytes > BYTES_PER_READ)) break;
    group.push(file);
    bytes += file.bytes;
  }
  return group;
}

function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
