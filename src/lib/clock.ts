/**
 * Time as the app sees it: passed in everywhere so tests can control it.
 * `now()` is the wall clock (dates shown, stored and scheduled); `monotonic()` only ever moves
 * forward at the pace of real time (pacing, timeouts): an NTP step or an operator setting the
 * clock back an hour must not make the next reply wait an hour.
 */
export interface Clock {
  now(): Date;
  /** Milliseconds from an arbitrary origin; never goes back, whatever the wall clock does. */
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonic: () => performance.now(),
};

/**
 * A clock for tests: starts at `start` and moves only when told. `advance` and a forward `set`
 * are time passing (both clocks move); a backward `set` or `stepWall` only moves the wall clock,
 * as when a server's clock is corrected.
 */
export class ManualClock implements Clock {
  #ms: number;
  #mono = 0;
  constructor(start: Date | string) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  monotonic(): number {
    return this.#mono;
  }
  advance(ms: number): void {
    this.#ms += ms;
    this.#mono += Math.max(ms, 0);
  }
  set(to: Date | string): void {
    const target = new Date(to).getTime();
    if (target > this.#ms) this.#mono += target - this.#ms;
    this.#ms = target;
  }
  /** The wall clock jumps by `ms` (negative: back) while no time passes. */
  stepWall(ms: number): void {
    this.#ms += ms;
  }
}
