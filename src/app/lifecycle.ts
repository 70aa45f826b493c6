import type { Logger } from "../log.ts";

/**
 * What a running bot holds, in the order it is let go: first the HTTP server (no more webhooks
 * coming in), then stop claiming and let the sends in flight finish, then the jobs and feeds that only queue, then the browser, then the database,
 * then the instance lock. Start-up rollback and shutdown both walk this one list.
 */
export const STAGES = [
  "serveur HTTP",
  "envois",
  "tâches et flux",
  "navigateur",
  "base de données",
  "verrou",
] as const;
export type Stage = (typeof STAGES)[number];

/** How long each stage of the shutdown may take before we move on to the next. */
export const STAGE_TIMEOUT_MS = 5_000;

/**
 * One ordered stack of what to stop. `hold` is called right after each thing starts; `release`
 * stops everything held so far, each stage in STAGES order, each within STAGE_TIMEOUT_MS
 * (a stage that hangs or fails is logged and the next one still runs). Safe to call twice.
 */
export class Lifecycle {
  readonly #log: Logger;
  readonly #held = new Map<Stage, (() => Promise<unknown> | unknown)[]>();
  #releasing: Promise<void> | null = null;

  constructor(log: Logger) {
    this.#log = log;
  }

  /** Remembers how to stop something that just started. */
  hold(stage: Stage, stop: () => Promise<unknown> | unknown): void {
    const list = this.#held.get(stage) ?? [];
    list.push(stop);
    this.#held.set(stage, list);
  }

  /** Stops everything held, stage by stage; the same promise for every caller. */
  release(): Promise<void> {
    this.#releasing ??= (async () => {
      for (const stage of STAGES) {
        const stops = this.#held.get(stage) ?? [];
        if (stops.length > 0) await this.#within(stage, () => Promise.all(stops.map((s) => s())));
      }
      this.#held.clear();
    })();
    return this.#releasing;
  }

  async #within(stage: Stage, work: () => Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), STAGE_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([Promise.resolve().then(work), late]);
      if (result === "late")
        this.#log.warn({ stage }, `arrêt : « ${stage} » trop long, on continue`);
    } catch (error) {
      this.#log.error({ err: error, stage }, `arrêt : « ${stage} » a échoué`);
    } finally {
      clearTimeout(timer);
    }
  }
}
