import { type WarmUp, warmUpCeiling } from "./warm-up.ts";

/** The ban guard's daily limits on alerts and digests (Config.guard). */
export interface BudgetLimits {
  warmUp: WarmUp | null;
  /** First messages of a day to long-silent readers; null: no cap. */
  coldPerDay: number | null;
  /** A reader silent this long (since their own last message) is long silent. */
  coldAfterMs: number;
}

/** Where a day stands against the limits: what /stats and `cli stats` show. */
export interface BudgetFigures {
  /** Alerts and digests handed to WhatsApp today, and today's warm-up ceiling (null: none). */
  sent: number;
  ceiling: number | null;
  /** Long-silent readers written to today, and the cap (null: none). */
  cold: number;
  coldCap: number | null;
  /** Rows moved to the next day by the cap and still waiting. */
  postponed: number;
}

export function limitsActive(limits: BudgetLimits): boolean {
  return limits.warmUp !== null || limits.coldPerDay !== null;
}

/** Whether a reader last heard from at `lastSeenAt` is long silent at `now`. */
export function isLongSilent(lastSeenAt: Date | null, now: Date, coldAfterMs: number): boolean {
  return lastSeenAt === null || now.getTime() - lastSeenAt.getTime() >= coldAfterMs;
}

/** The figures of `day` from its totals. */
export function budgetFigures(
  limits: BudgetLimits,
  day: string,
  totals: { messages: number; cold: number },
  postponed: number,
): BudgetFigures {
  return {
    sent: totals.messages,
    ceiling: warmUpCeiling(limits.warmUp, day),
    cold: totals.cold,
    coldCap: limits.coldPerDay,
    postponed,
  };
}

/**
 * How many days after today the `n`-th alert or digest from now goes under the ramp (0: today),
 * given what today already sent. Past the ramp, 0.
 */
export function warmUpDaysAhead(
  warmUp: WarmUp | null,
  today: string,
  sentToday: number,
  n: number,
  nextDay: (day: string, k: number) => string,
): number {
  if (!warmUp || n <= 0) return 0;
  let left = n;
  for (let k = 0; k < 366; k++) {
    const ceiling = warmUpCeiling(warmUp, nextDay(today, k));
    if (ceiling === null) return k;
    left -= Math.max(0, ceiling - (k === 0 ? sentToday : 0));
    if (left <= 0) return k;
  }
  return 366;
}
