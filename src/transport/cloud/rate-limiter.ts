/** Waits `ms` (tests pass a fake). */
export type Wait = (ms: number) => Promise<void>;

const realWait: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Called when the request a permit was for has its answer (or failed). */
export type Release = () => void;

/**
 * At most `limit` requests in any window of `windowMs`, as the receiving end counts them. Each
 * permit keeps its slot in a ring of `limit` until its request is answered; the slot then holds
 * the answer's time, and the permit `limit` places later waits until that time is a window old.
 * A request reaches the API after its permit and before its answer, so any `limit + 1`
 * consecutive arrivals are a full window apart, whatever the delays on the way (a loaded
 * machine, a slow network): the limit holds for every second counted from any instant. The
 * price is the round trip: a window lasts `windowMs` plus the answer's delay.
 * Callers are served in order.
 */
export class SlidingWindowLimiter {
  readonly #ring: Float64Array;
  readonly #open: (Promise<void> | null)[];
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #wait: Wait;
  #next = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(limit: number, windowMs: number, options: { now?: () => number; wait?: Wait } = {}) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be ≥ 1");
    this.#ring = new Float64Array(limit).fill(Number.NEGATIVE_INFINITY);
    this.#open = new Array(limit).fill(null);
    this.#windowMs = windowMs;
    this.#now = options.now ?? (() => performance.now());
    this.#wait = options.wait ?? realWait;
  }

  /** Resolves when one more request fits in the window; call the release once it is answered. */
  acquire(): Promise<Release> {
    const turn = this.#queue.then(() => this.#take());
    this.#queue = turn;
    return turn;
  }

  /** Pushes every permit back by `ms` from now: the platform said to slow down. */
  holdFor(ms: number): void {
    const until = this.#now() + ms - this.#windowMs;
    for (let i = 0; i < this.#ring.length; i++) {
      if ((this.#ring[i] ?? 0) < until) this.#ring[i] = until;
    }
  }

  async #take(): Promise<Release> {
    for (;;) {
      const slot = this.#next;
      const open = this.#open[slot];
      if (open) {
        await open;
        continue;
      }
      const wait = (this.#ring[slot] ?? Number.NEGATIVE_INFINITY) + this.#windowMs - this.#now();
      if (wait > 0) {
        await this.#wait(wait);
        continue;
      }
      this.#next = (slot + 1) % this.#ring.length;
      let done!: () => void;
      this.#open[slot] = new Promise<void>((resolve) => {
        done = resolve;
      });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.#ring[slot] = this.#now();
        this.#open[slot] = null;
        done();
      };
    }
  }
}

/** At most `limit` tasks at once; the others wait their turn in order. */
export class Semaphore {
  readonly #limit: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = Math.max(1, limit);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#active++;
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    }
  }
}
