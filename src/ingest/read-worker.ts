/**
 * A read worker (read-pool.ts): reads and prepares the files it is sent, one at a time, and
 * posts back each file's PreparedFile. Runs in a worker thread; never touches the store.
 * It says `ready` once its modules and the summary model are loaded: until then the pool
 * gives it no job, and the caller reads small files itself instead of waiting.
 */
import { parentPort } from "node:worker_threads";
import { type PreparedFile, readAndPrepare } from "./prepared-file.ts";
import { shippedSummaryModel } from "./summary/summary.ts";

export interface ReadJob {
  id: number;
  file: string;
  summaryMaxChars: number;
}

/** What a worker posts: that it is ready, or a job's result (or why it failed). */
export type WorkerMessage = { ready: true } | { id: number; result?: PreparedFile; error?: string };

parentPort?.on("message", async (job: ReadJob) => {
  let message: WorkerMessage;
  try {
    message = { id: job.id, result: await readAndPrepare(job.file, job.summaryMaxChars) };
  } catch (error) {
    message = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(message);
});
shippedSummaryModel();
parentPort?.postMessage({ ready: true } satisfies WorkerMessage);
