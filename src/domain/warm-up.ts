/**
 * The warm-up ramp of a new WhatsApp number: how many alerts and digests it may send to
 * readers on each day since its first day, so that the volume grows the way a real newsroom's
 * would instead of jumping to thousands on day one (a classic reason for a ban).
 */

/** Day 1: 50, doubled each day; from day 10 on, no ceiling (README: « Ban guard »). */
export const DEFAULT_WARM_UP_SCHEDULE: readonly number[] = [
  50, 100, 200, 400, 800, 1600, 3200, 6400, 12800,
];

export interface WarmUp {
  /** The number's first day of sending, `YYYY-MM-DD` in the newsroom's time zone. */
  start: string;
  /** The ceiling of day 1, day 2…; after the last day, no ceiling. */
  schedule: readonly number[];
}

/** Whole days from `start` to `day` (both `YYYY-MM-DD`): 0 on the first day. */
export function daysBetween(start: string, day: string): number {
  const at = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  return Math.round((at(day) - at(start)) / 86_400_000);
}

/**
 * Today's ceiling of alerts and digests, or null when there is none (no ramp, or the ramp is
 * over). A day before the start counts as day 1: a number not started yet is new too.
 */
export function warmUpCeiling(warmUp: WarmUp | null, today: string): number | null {
  if (!warmUp) return null;
  const index = Math.max(0, daysBetween(warmUp.start, today));
  return warmUp.schedule[index] ?? null;
}
