import type { Lane } from "../domain/message.ts";
import type { SendingPolicy } from "../domain/sending-policy.ts";
import type { Random } from "../lib/random.ts";

/**
 * Decides when the next message may go. A global cadence (rate per minute, each gap stretched by
 * random jitter) with one slot held in reserve that only replies may use, so a reader who writes
 * during a 3-hour broadcast is answered at once; replies have their own share of the rate so a
 * flood of questions cannot stop a broadcast either; and a minimum gap per chat.
 * In-memory: after a restart the first message goes at once, then the cadence resumes.
 * All its times are on the monotonic clock (Clock.monotonic): a wall clock set back an hour
 * must not push the next reply an hour away (it did: 3,606 s).
 */
export class Pacer {
  readonly #policy: SendingPolicy;
  readonly #random: Random;
  readonly #interval: number;
  readonly #replyInterval: number;
  /** How far behind its cadence a lane may catch up at once (GCRA tolerance). */
  readonly #tolerance: number;
  /** Theoretical arrival times (GCRA): the lane conforms from `tat - tolerance` on. */
  #globalTat = Number.NEGATIVE_INFINITY;
  #replyTat = Number.NEGATIVE_INFINITY;
  readonly #lastByChat = new Map<string, number>();

  constructor(policy: SendingPolicy, random: Random) {
    this.#policy = policy;
    this.#random = random;
    this.#interval = 60_000 / policy.ratePerMinute;
    // The share is of the actual pace, jitter included.
    const averageGap = this.#interval * (1 + policy.jitter / 2);
    this.#replyInterval = averageGap / Math.min(Math.max(policy.replyShare, 0.05), 1);
    this.#tolerance = (Math.max(1, policy.burst ?? 1) - 1) * this.#interval;
  }

  /** The earliest monotonic time (ms) a message of this lane may go, ignoring the chat. */
  laneReadyAt(lane: Lane): number {
    if (lane === "bulk") return this.#globalTat - this.#tolerance;
    return Math.max(
      this.#globalTat - this.#interval - this.#tolerance,
      this.#replyTat - (this.#policy.replyBurst - 1) * this.#replyInterval,
    );
  }

  /** The earliest monotonic time (ms) anything may go to this chat. */
  chatReadyAt(chat: string): number {
    const last = this.#lastByChat.get(chat);
    return last === undefined ? Number.NEGATIVE_INFINITY : last + this.#policy.minGapPerChatMs;
  }

  /** Records a message handed to the transport at monotonic time `at` (ms). */
  record(lane: Lane, chat: string, at: number): void {
    const gap = this.#interval * (1 + this.#policy.jitter * this.#random());
    this.#globalTat = Math.max(this.#globalTat, at) + gap;
    if (lane === "interactive") {
      this.#replyTat = Math.max(this.#replyTat, at) + this.#replyInterval;
    }
    this.#lastByChat.set(chat, at);
    // Forget chats whose gap is over: memory stays small during a 100,000-reader broadcast.
    if (this.#lastByChat.size > 10_000) {
      for (const [key, last] of this.#lastByChat) {
        if (last + this.#policy.minGapPerChatMs <= at) this.#lastByChat.delete(key);
      }
    }
  }
}
