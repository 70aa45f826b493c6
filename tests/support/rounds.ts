import type { Worker } from "node:worker_threads";

/** What a contender thread reports at the end of each round. */
export interface RoundReport {
  round: number;
  pid: number;
  got: boolean;
  /** Why it was refused, when it says. */
  why?: string;
}

/**
 * Plays `rounds` rounds of a race between contender threads (tests/*-race-worker.ts): before
 * each, `reset` puts the contested thing back; then every contender is woken at once through
 * `control` ([0]: the round to play, [1]: contenders done with it), and the next round waits
 * for all of them. Returns the rounds that did not have exactly one winner, each with who won
 * and why the others were refused: an empty list is a pass.
 */
export async function playRounds(options: {
  workers: Worker[];
  control: SharedArrayBuffer;
  rounds: number;
  reset: (round: number) => void;
}): Promise<string[]> {
  const { workers, rounds } = options;
  const shared = new Int32Array(options.control);
  const owners = new Map<number, number[]>();
  const refusals = new Map<number, string[]>();
  let failure: unknown = null;
  for (const worker of workers) {
    worker.on("error", (error) => {
      failure = error;
    });
    worker.on("message", (m: RoundReport) => {
      if (m.got) owners.set(m.round, [...(owners.get(m.round) ?? []), m.pid]);
      else if (m.why)
        refusals.set(m.round, [...(refusals.get(m.round) ?? []), `${m.pid}: ${m.why}`]);
    });
  }
  try {
    for (let round = 1; round <= rounds; round++) {
      options.reset(round);
      Atomics.store(shared, 1, 0);
      Atomics.store(shared, 0, round);
      Atomics.notify(shared, 0);
      while (Atomics.load(shared, 1) < workers.length) {
        if (failure) throw failure;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    // Messages of the last round may still be on their way.
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    Atomics.store(shared, 0, -1);
    Atomics.notify(shared, 0);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return [...Array(rounds).keys()]
    .map((i) => i + 1)
    .filter((round) => owners.get(round)?.length !== 1)
    .map((round) => {
      const why = refusals.get(round);
      return (
        `round ${round}: ${owners.get(round)?.join(", ") ?? "personne"}` +
        (why ? ` (refusés : ${why.join(" | ")})` : "")
      );
    });
}
