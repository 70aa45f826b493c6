// One would-be sender of tests/store/heartbeat-race.test.ts: at each round's signal it claims
// the dispatcher heartbeat on its own connection, as its own (staged) process.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { SettingsRepo } from "../../src/store/settings.ts";

const { file, pid, control } = workerData as {
  file: string;
  pid: number;
  control: SharedArrayBuffer;
};
const shared = new Int32Array(control);
const db = new Database(file);
db.pragma("busy_timeout = 5000");
const settings = new SettingsRepo(db);

let round = 0;
for (;;) {
  Atomics.wait(shared, 0, round);
  round = Atomics.load(shared, 0);
  if (round < 0) break;
  // Another pid's heartbeat holds the place (all contenders are alive and fresh).
  const holder = settings.claimHeartbeat(
    { pid, at: new Date(), transportUp: true },
    (b) => b.pid !== pid,
  );
  parentPort?.postMessage({ round, pid, got: holder === null });
  Atomics.add(shared, 1, 1);
}
db.close();
