import { type BudgetLimits, isLongSilent, limitsActive } from "../domain/send-budget.ts";
import { warmUpCeiling } from "../domain/warm-up.ts";
import { localDay, localDayRange } from "../lib/zoned-time.ts";
import type { DailyTotals } from "../store/daily-sends.ts";

/** What the budget reads and writes (the daily_sends repo implements it). */
export interface BudgetStore {
  totals(day: string): DailyTotals;
  contacted(day: string, chatId: string): boolean;
  add(day: string, chatId: string, cold: boolean): void;
}

export interface SendBudgetDeps {
  limits: BudgetLimits;
  timeZone: string;
  store: BudgetStore;
  /** When the reader last wrote to the bot (null: never, or unknown). */
  lastSeenAt(chatId: string): Date | null;
}

/** May this alert or digest go now; if not, why and until when (the next local day). */
export type BudgetVerdict =
  | { go: true; cold: boolean }
  | { go: false; why: "warm-up" | "cold"; until: Date };

/**
 * The ban guard's daily limits on alerts and digests, as the dispatcher applies them: the
 * warm-up ramp's ceiling (alerts and digests per day), and the cap on first messages of the
 * day to long-silent readers. Counted at claim time in daily_sends (a claim that then fails
 * still counts: the number did try), read back at start and at each new local day.
 */
export class SendBudget {
  readonly #d: SendBudgetDeps;
  #day = "";
  #start = 0;
  #end = 0;
  #messages = 0;
  #cold = 0;
  #ceiling: number | null = null;

  constructor(deps: SendBudgetDeps) {
    this.#d = deps;
  }

  get active(): boolean {
    return limitsActive(this.#d.limits);
  }

  /** When the warm-up ceiling of today is reached: the start of tomorrow; else null. */
  closedUntil(now: Date): Date | null {
    if (!this.#d.limits.warmUp) return null;
    this.#roll(now);
    return this.#ceiling !== null && this.#messages >= this.#ceiling ? new Date(this.#end) : null;
  }

  /** Whether an alert or digest to this reader may go now. */
  check(chatId: string, now: Date): BudgetVerdict {
    this.#roll(now);
    const until = new Date(this.#end);
    if (this.#ceiling !== null && this.#messages >= this.#ceiling) {
      return { go: false, why: "warm-up", until };
    }
    const cap = this.#d.limits.coldPerDay;
    if (cap === null) return { go: true, cold: false };
    if (this.#d.store.contacted(this.#day, chatId)) return { go: true, cold: false };
    const cold = isLongSilent(this.#d.lastSeenAt(chatId), now, this.#d.limits.coldAfterMs);
    if (cold && this.#cold >= cap) return { go: false, why: "cold", until };
    return { go: true, cold };
  }

  /** An alert or digest to this reader was claimed now (`cold`: as check() said). */
  record(chatId: string, cold: boolean, now: Date): void {
    this.#roll(now);
    this.#d.store.add(this.#day, chatId, cold);
    this.#messages++;
    if (cold) this.#cold++;
  }

  #roll(now: Date): void {
    const t = now.getTime();
    if (t >= this.#start && t < this.#end) return;
    const { start, end } = localDayRange(now, this.#d.timeZone);
    this.#day = localDay(now, this.#d.timeZone);
    this.#start = start.getTime();
    this.#end = end.getTime();
    const totals = this.#d.store.totals(this.#day);
    this.#messages = totals.messages;
    this.#cold = totals.cold;
    this.#ceiling = warmUpCeiling(this.#d.limits.warmUp, this.#day);
  }
}
