export interface FloodOptions {
  /** Messages allowed within `windowMs` before the sender is slowed down. */
  burst?: number;
  windowMs?: number;
  /** Silence after the warning. */
  cooldownMs?: number;
}

export type FloodVerdict = "ok" | "warn" | "drop";

/**
 * Per-sender flood control: beyond a burst, one polite warning, then silence for a cool-down.
 * Kept in memory: a restart forgives everyone, which is fine.
 */
export class FloodControl {
  readonly #burst: number;
  readonly #windowMs: number;
  readonly cooldownMs: number;
  readonly #senders = new Map<string, { times: number[]; mutedUntil: number }>();

  constructor(options: FloodOptions = {}) {
    this.#burst = options.burst ?? 8;
    this.#windowMs = options.windowMs ?? 30_000;
    this.cooldownMs = options.cooldownMs ?? 120_000;
  }

  /** Counts one message from `sender` at `now`: answer it, warn once, or drop it. */
  check(sender: string, now: Date): FloodVerdict {
    const t = now.getTime();
    let state = this.#senders.get(sender);
    if (!state) {
      if (this.#senders.size > 50_000) this.#prune(t);
      state = { times: [], mutedUntil: 0 };
      this.#senders.set(sender, state);
    }
    if (t < state.mutedUntil) return "drop";
    state.times = state.times.filter((x) => t - x < this.#windowMs);
    state.times.push(t);
    if (state.times.length > this.#burst) {
      state.mutedUntil = t + this.cooldownMs;
      state.times = [];
      return "warn";
    }
    return "ok";
  }

  #prune(t: number): void {
    for (const [sender, state] of this.#senders) {
      if (state.mutedUntil <= t && state.times.every((x) => t - x >= this.#windowMs)) {
        this.#senders.delete(sender);
      }
    }
  }
}
