// One contender of tests/app/lock-race.test.ts: at each round's signal it tries to take the
// lock as its own (staged) process, and reports whether it got it.
import { parentPort, workerData } from "node:worker_threads";
import { acquireLock, LockError } from "../../src/app/lock.ts";

const { file, pid, alive, control } = workerData as {
  file: string;
  pid: number;
  alive: number[];
  control: SharedArrayBuffer;
};
// [0]: the round to play (the main thread bumps it), [1]: contenders done with the round.
const shared = new Int32Array(control);
const living = new Set(alive);
const probe = {
  pid,
  token: `t-${pid}`,
  host: "serveur-redaction",
  bootId: "boot-1",
  isAlive: (p: number) => living.has(p),
  now: () => new Date(),
};

let round = 0;
for (;;) {
  Atomics.wait(shared, 0, round);
  round = Atomics.load(shared, 0);
  if (round < 0) break;
  let got = false;
  let why = "";
  try {
    acquireLock(file, "la base", { probe });
    got = true;
  } catch (error) {
    if (!(error instanceof LockError)) throw error;
    why = error.message;
  }
  parentPort?.postMessage({ round, pid, got, why });
  Atomics.add(shared, 1, 1);
  Atomics.notify(shared, 1);
}
