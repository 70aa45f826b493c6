import { expect } from "vitest";

/**
 * Runs `fn` and fails when it took longer than vitest's default timeout (5 s): vitest cannot
 * interrupt synchronous work, so a quadratic regex would otherwise "pass" after minutes. Only
 * for work measured far below the bound (a hostile input read in milliseconds once fixed).
 */
export function bounded<T>(fn: () => T, ms = 5000): T {
  const start = performance.now();
  const out = fn();
  expect(performance.now() - start, "the work on a hostile input is not bounded").toBeLessThan(ms);
  return out;
}
