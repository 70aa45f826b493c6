import os from "node:os";
import { Worker } from "node:worker_threads";
import { printable } from "../lib/printable.ts";
import { type PreparedFile, readAndPrepare } from "./prepared-file.ts";
import type { ReadJob, WorkerMessage } from "./read-worker.ts";

/**
 * Worker threads that read and prepare article files (read-worker.ts) while the caller's thread
 * stores: an HTML page costs ~15 ms of extraction (Readability on linkedom) and cleaning, a
 * JSON article ~0.6 ms of cleaning and summary, which then run on the other cores. `read` never
 * fails: a file a worker could not handle (the worker died, or would not start) is read in this
 * thread instead. A job marked `mayRunHere` (a small file) may also be taken back by the caller
 * (`runOneHere`) while it would otherwise wait: the import never waits for a worker to start.
 * A file still not read after `fileTimeoutMs` (a page no reader should take more than a second
 * on) is reported failed, and its worker ended and replaced: one hostile file never hangs the
 * import, and it is not retried in the caller's thread.
 */
export class ReadPool {
  readonly #summaryMaxChars: number;
  readonly #workers: Worker[] = [];
  /** Started workers that have loaded their modules and wait for a job. */
  readonly #idle: Worker[] = [];
  readonly #queue: Waiting[] = [];
  /** Each busy worker's job, and the timer that gives up on it. */
  readonly #running = new Map<Worker, { waiting: Waiting; timer: NodeJS.Timeout }>();
  readonly #fileTimeoutMs: number;
  #nextId = 0;
  #byWorkers = 0;
  #here = 0;
  #closed = false;

  readonly #size: number;

  constructor(size: number, summaryMaxChars: number, options: { fileTimeoutMs?: number } = {}) {
    this.#size = size;
    this.#summaryMaxChars = summaryMaxChars;
    this.#fileTimeoutMs = options.fileTimeoutMs ?? FILE_TIMEOUT_MS;
    for (let i = 0; i < size; i++) this.#add(startWorker());
  }

  /** Files read by a worker so far (the others were read in the caller's thread). */
  get readByWorkers(): number {
    return this.#byWorkers;
  }

  /** Files read in the caller's thread so far (taken back by `runOneHere`, or a worker failed). */
  get readHere(): number {
    return this.#here;
  }

  get size(): number {
    return this.#size;
  }

  /** Workers for this machine: one a core, at most four. */
  static defaultSize(): number {
    return Math.max(1, Math.min(4, os.availableParallelism()));
  }

  /**
   * Reads and prepares `file` in a worker. `mayRunHere`: a small file, which the caller may
   * take back with `runOneHere` rather than wait (never a page that blocks its thread ~15 ms).
   */
  read(file: string, options: { mayRunHere?: boolean } = {}): Promise<PreparedFile> {
    return new Promise((resolve) => {
      const waiting: Waiting = {
        job: { id: this.#nextId++, file, summaryMaxChars: this.#summaryMaxChars },
        mayRunHere: options.mayRunHere === true,
        resolve,
      };
      if (this.#closed || this.#workers.length === 0) void this.#readHere(waiting);
      else {
        this.#queue.push(waiting);
        this.#pump();
      }
    });
  }

  /**
   * Takes the oldest queued job that may run here and runs it in this thread: what a caller
   * does rather than wait for a result (the workers are busy or still starting). Resolves when
   * that job is done; null when no such job is queued.
   */
  runOneHere(): Promise<void> | null {
    const at = this.#queue.findIndex((w) => w.mayRunHere);
    if (at < 0) return null;
    const [waiting] = this.#queue.splice(at, 1);
    return waiting ? this.#readHere(waiting) : null;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const waiting of this.#queue.splice(0)) void this.#readHere(waiting);
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #add(worker: Worker): void {
    this.#workers.push(worker);
    // A worker joins the idle ones once it says it is ready (its modules loaded, ~0.4 s of
    // CPU). An idle or starting worker does not keep the process alive; one at work does (pump).
    worker.unref();
    worker.on("message", (message: WorkerMessage) => {
      if (!("ready" in message)) {
        const waiting = this.#takeJob(worker);
        if (waiting?.job.id === message.id) {
          if (message.result) {
            this.#byWorkers++;
            waiting.resolve(message.result);
          } else void this.#readHere(waiting);
        }
      }
      this.#idle.push(worker);
      worker.unref();
      this.#pump();
    });
    worker.on("error", () => this.#lose(worker));
    worker.on("exit", () => this.#lose(worker));
  }

  /** A worker that failed or ended: its file is read here, and it gets no more work. */
  #lose(worker: Worker): void {
    const waiting = this.#takeJob(worker);
    const at = this.#idle.indexOf(worker);
    if (at >= 0) this.#idle.splice(at, 1);
    const i = this.#workers.indexOf(worker);
    if (i >= 0) this.#workers.splice(i, 1);
    if (waiting) void this.#readHere(waiting);
    if (this.#workers.length === 0) for (const w of this.#queue.splice(0)) void this.#readHere(w);
  }

  #pump(): void {
    while (!this.#closed && this.#queue.length > 0 && this.#idle.length > 0) {
      const worker = this.#idle.shift() as Worker;
      const waiting = this.#queue.shift() as Waiting;
      const timer = setTimeout(() => this.#giveUp(worker), this.#fileTimeoutMs);
      timer.unref();
      this.#running.set(worker, { waiting, timer });
      worker.ref();
      worker.postMessage(waiting.job);
    }
  }

  /** The job `worker` is on, taken off it (its time limit cleared); none when it is idle. */
  #takeJob(worker: Worker): Waiting | undefined {
    const job = this.#running.get(worker);
    if (!job) return undefined;
    this.#running.delete(worker);
    clearTimeout(job.timer);
    return job.waiting;
  }

  /** A file its worker is still on after the time limit: reported, the worker replaced. */
  #giveUp(worker: Worker): void {
    const waiting = this.#takeJob(worker);
    if (!waiting) return;
    const limit =
      this.#fileTimeoutMs < 1000
        ? `${this.#fileTimeoutMs} ms`
        : `${Math.round(this.#fileTimeoutMs / 1000)} s`;
    waiting.resolve({
      problems: [
        {
          origin: printable(waiting.job.file),
          reason:
            `lecture interrompue après ${limit} : ce fichier demande bien plus de travail ` +
            "qu'une page d'article (page piégée ou démesurée) ; rien n'en a été importé. " +
            "Vérifiez-le, ou importez l'article en .txt ou .json",
        },
      ],
      notes: [],
      articles: [],
    });
    // The replacement first: losing the last worker would send the queue to this thread.
    if (!this.#closed) this.#add(startWorker());
    this.#lose(worker);
    void worker.terminate();
  }

  #readHere(waiting: Waiting): Promise<void> {
    this.#here++;
    return readAndPrepare(waiting.job.file, waiting.job.summaryMaxChars).then(waiting.resolve);
  }
}

/** Far beyond any real page (~15 ms; a 5 MB one, about a second). */
const FILE_TIMEOUT_MS = 30_000;

interface Waiting {
  job: ReadJob;
  mayRunHere: boolean;
  resolve: (result: PreparedFile) => void;
}

/**
 * The compiled worker (dist/), or, when this module runs as TypeScript (tsx, the tests), a
 * worker that registers tsx's loader first: worker threads do not inherit loader hooks.
 */
function startWorker(): Worker {
  const compiled = !import.meta.url.endsWith(".ts");
  const url = new URL(compiled ? "./read-worker.js" : "./read-worker.ts", import.meta.url);
  if (compiled) return new Worker(url);
  // tsx's ESM entry (its CommonJS one cannot register ESM hooks from a worker).
  const tsx = import.meta.resolve("tsx/esm/api");
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`,
    { eval: true },
  );
}
