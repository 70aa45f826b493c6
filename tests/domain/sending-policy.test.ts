import { describe, expect, it } from "vitest";
import {
  averageBulkGapMs,
  DEFAULT_POLICY,
  retryDelayMs,
  sendingPolicy,
} from "../../src/domain/sending-policy.ts";

describe("the sending policy", () => {
  const policy = sendingPolicy({ ratePerMinute: 12, minGapPerChatSeconds: 6 });

  it("comes from .env's rate and per-chat gap, the rest from the defaults", () => {
    expect(policy).toMatchObject({ ratePerMinute: 12, minGapPerChatMs: 6_000 });
    expect(policy.maxAttempts).toBe(DEFAULT_POLICY.maxAttempts);
  });

  it("averages the jittered gap for ETAs", () => {
    // 5 s at 12/min, stretched by half the jitter on average.
    expect(averageBulkGapMs(policy)).toBe(5_000 * (1 + DEFAULT_POLICY.jitter / 2));
  });

  it("doubles the retry delay at each attempt, caps it, and keeps half of it random", () => {
    const base = DEFAULT_POLICY.retryBaseMs;
    expect(retryDelayMs(policy, 1, () => 1)).toBe(base);
    expect(retryDelayMs(policy, 2, () => 1)).toBe(2 * base);
    expect(retryDelayMs(policy, 3, () => 0)).toBe(2 * base); // half of 4 × base
    expect(retryDelayMs(policy, 50, () => 1)).toBe(DEFAULT_POLICY.retryMaxMs);
    expect(retryDelayMs(policy, 0, () => 1)).toBe(base);
  });
});
