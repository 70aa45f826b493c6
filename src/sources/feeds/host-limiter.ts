/**
 * Runs tasks with at most `concurrency` at once and never two for the same host at the same
 * time: several feeds of one site are fetched one after the other, different sites in parallel.
 */
export class HostLimiter {
  readonly #concurrency: number;
  readonly #hostTails = new Map<string, Promise<void>>();
  readonly #waiting: (() => void)[] = [];
  #running = 0;

  constructor(concurrency: number) {
    this.#concurrency = Math.max(1, concurrency);
  }

  /** Runs `task` when its host is free and a slot is available; resolves with its result. */
  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#hostTails.get(host) ?? Promise.resolve();
    const result = previous.then(async () => {
      await this.#acquire();
      try {
        return await task();
      } finally {
        this.#release();
      }
    });
    const tail = result.then(
      () => {},
      () => {},
    );
    this.#hostTails.set(host, tail);
    // Forget idle hosts so the map does not grow with every feed ever polled.
    void tail.then(() => {
      if (this.#hostTails.get(host) === tail) this.#hostTails.delete(host);
    });
    return result;
  }

  #acquire(): Promise<void> {
    if (this.#running < this.#concurrency) {
      this.#running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }
}
