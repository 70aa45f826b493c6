/**
 * A read worker (read-pool.ts): reads and prepares the files it is sent, one at a time, and
 * posts back each file's PreparedFile. Runs in a worker thread; never touches the store.
 */
import { parentPort } from "node:worker_threads";
import { readAndPrepare } from "./prepared-file.ts";

export interface ReadJob {
  id: number;
  file: string;
  summaryMaxChars: number;
}

parentPort?.on("message", async (job: ReadJob) => {
  try {
    parentPort?.postMessage({
      id: job.id,
      result: await readAndPrepare(job.file, job.summaryMaxChars),
    });
  } catch (error) {
    parentPort?.postMessage({
      id: job.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
