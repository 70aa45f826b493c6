import type { Database } from "better-sqlite3";
import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "../lib/clock.ts";
import { localDay } from "../lib/zoned-time.ts";
import type { Logger } from "../log.ts";
import type { Planner } from "../planner/planner.ts";
import type { DailySendsRepo } from "../store/daily-sends.ts";
import { checkpointWal } from "../store/database.ts";
import type { OutboxRepo } from "../store/outbox.ts";
import type { ReceiptsRepo } from "../store/receipts.ts";

/**
 * The timed jobs. Feeds are not among them: the feeds poller keeps its own timer per feed (each
 * feed has its interval and back-off, src/sources/feeds/poller.ts); the "plan" job announces
 * what it brought within a minute.
 */
export type JobName = "plan" | "digests" | "prune" | "checkpoint";

/** Cron expressions (node-cron, with seconds optional), read in the newsroom's time zone. */
export const DEFAULT_CRONS: Record<JobName, string> = {
  plan: "* * * * *",
  digests: "* * * * *",
  prune: "30 3 * * *",
  checkpoint: "*/5 * * * *",
};

export interface SchedulesDeps {
  db: Database;
  planner: Pick<Planner, "planAllDue" | "planDigests">;
  outbox: Pick<OutboxRepo, "prune">;
  /** Receipts go with the messages they are about. */
  receipts?: Pick<ReceiptsRepo, "prune"> | undefined;
  /** The ban guard's daily counts: only today's matter, a few days are kept. */
  dailySends?: Pick<DailySendsRepo, "prune"> | undefined;
  clock: Clock;
  log: Logger;
  timeZone: string;
  crons?: Partial<Record<JobName, string>>;
  /** Sent, dead and cancelled rows are kept this long (they also stop duplicates). */
  retentionDays?: number;
}

/**
 * The timed jobs (node-cron, time-zone aware). Jobs only queue work; the dispatcher sends.
 * A job never overlaps itself (a slow turn makes the next one skip), and `stop()` waits for
 * running jobs to finish.
 */
export class Schedules {
  readonly #d: SchedulesDeps;
  readonly #tasks: ScheduledTask[] = [];
  readonly #running = new Map<JobName, Promise<void>>();
  #stopped = true;
  /** Set by stop(): a long planner run ends between two batches. */
  #stopping = false;

  constructor(deps: SchedulesDeps) {
    this.#d = deps;
  }

  /** Starts every job. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#stopping = false;
    const crons = { ...DEFAULT_CRONS, ...this.#d.crons };
    for (const name of Object.keys(crons) as JobName[]) {
      const task = cron.schedule(crons[name], () => this.run(name), {
        name: `suivez-${name}`,
        timezone: this.#d.timeZone,
        noOverlap: true,
      });
      this.#tasks.push(task);
    }
    this.#d.log.info({ jobs: this.#tasks.map((t) => t.name) }, "tâches planifiées démarrées");
  }

  /** Stops every job and waits for those running. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopping = true;
    for (const task of this.#tasks.splice(0)) await task.destroy();
    await Promise.allSettled(this.#running.values());
  }

  /**
   * Runs one job now (cron calls this too). If the same job is already running, waits for it
   * instead of starting a second one. Errors are logged, never thrown: the next turn retries.
   */
  run(name: JobName): Promise<void> {
    const current = this.#running.get(name);
    if (current) {
      this.#d.log.debug({ job: name }, "tâche encore en cours : ce tour est sauté");
      return current;
    }
    const job = this.#job(name)
      .catch((error: unknown) => {
        this.#d.log.error({ err: error, job: name }, "tâche planifiée en échec");
      })
      .finally(() => this.#running.delete(name));
    this.#running.set(name, job);
    return job;
  }

  async #job(name: JobName): Promise<void> {
    const { planner, outbox, db, clock, log } = this.#d;
    switch (name) {
      case "plan":
        await planner.planAllDue(() => this.#stopping);
        return;
      case "digests":
        planner.planDigests();
        return;
      case "prune": {
        const days = this.#d.retentionDays ?? 30;
        const before = new Date(clock.now().getTime() - days * 86_400_000);
        const removed = outbox.prune(before);
        this.#d.receipts?.prune(before);
        this.#d.dailySends?.prune(localDay(before, this.#d.timeZone));
        if (removed > 0) log.info({ removed, days }, "anciens messages envoyés supprimés");
        return;
      }
      case "checkpoint": {
        if (!checkpointWal(db)) log.debug("checkpoint partiel : lecteurs en cours");
        return;
      }
    }
  }
}
