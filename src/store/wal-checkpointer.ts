import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * The worker's code (plain CommonJS, so it runs the same from the sources and from dist/): its
 * own connection to the base, a PASSIVE checkpoint at each request. PASSIVE never waits for a
 * reader or a writer, and from another connection it runs while the bot goes on.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 0");
parentPort.on("message", () => {
  let result = null;
  try { result = db.pragma("wal_checkpoint(PASSIVE)")[0]; } catch (e) { result = { error: String(e) }; }
  parentPort.postMessage(result);
});
`;

/**
 * Writes the WAL back into the base on a thread of its own: a checkpoint copies megabytes and
 * syncs the file, and on the bot's thread (SQLite's autocheckpoint inside a commit, or our own
 * between commits) it held the event loop 0.1–1.5 s. A request while one runs is dropped (the
 * running one will have copied the same frames); the thread does not keep the process alive.
 */
export class WalCheckpointer {
  readonly #file: string;
  #worker: Worker | null = null;
  #running: Promise<unknown> | null = null;

  constructor(file: string) {
    this.#file = file;
  }

  /** Starts a checkpoint unless one is running; resolves with SQLite's answer when it is done. */
  request(): Promise<unknown> {
    if (this.#running) return this.#running;
    const worker = this.#start();
    this.#running = new Promise((resolve) => {
      // Each listener goes when the other answers: left behind, one per checkpoint piled up
      // on the thread (an import asks every 20 commits: Node warned of a leak at 11).
      const done = (answer: unknown) => {
        worker.off("message", done);
        worker.off("error", failed);
        resolve(answer);
      };
      const failed = (error: unknown) => done({ error: String(error) });
      worker.on("message", done);
      worker.on("error", failed);
    }).finally(() => {
      this.#running = null;
    });
    worker.postMessage("checkpoint");
    return this.#running;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const worker = new Worker(WORKER, { eval: true, workerData: { file: this.#file, driver } });
    worker.unref();
    worker.on("error", () => {
      // A failed thread is replaced at the next request; the autocheckpoint stays as a net.
      if (this.#worker === worker) this.#worker = null;
    });
    this.#worker = worker;
    return worker;
  }
}
