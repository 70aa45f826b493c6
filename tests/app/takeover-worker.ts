// The other starter of tests/app/takeover.test.ts: takes and releases the takeover mutex as
// fast as it can, and counts the times its mutex was gone or replaced before it let go.
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { createWhole, releaseMutex } from "../../src/app/takeover.ts";

const { file, control } = workerData as { file: string; control: SharedArrayBuffer };
// [0]: set to 1 by the test to stop; [1]: how many times this thread held the mutex.
const shared = new Int32Array(control);
const mutex = `${file}.takeover`;
let held = 0;
let lost = 0;
for (let i = 0; Atomics.load(shared, 0) === 0; i++) {
  const token = `autre ${i}`;
  if (!createWhole(mutex, token)) continue;
  held++;
  Atomics.store(shared, 1, held);
  let still = "";
  try {
    still = readFileSync(mutex, "utf8");
  } catch {
    // Removed under our feet.
  }
  if (still !== token) lost++;
  releaseMutex(file, token);
}
parentPort?.postMessage({ held, lost });
