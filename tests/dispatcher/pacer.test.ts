import { describe, expect, it } from "vitest";
import { Pacer } from "../../src/dispatcher/pacer.ts";
import { DEFAULT_POLICY, type SendingPolicy } from "../../src/domain/sending-policy.ts";

const policy: SendingPolicy = {
  ...DEFAULT_POLICY,
  ratePerMinute: 60, // one a second
  minGapPerChatMs: 5_000,
  jitter: 0,
  replyShare: 0.5,
  replyBurst: 2,
};

describe("the pacer", () => {
  it("spaces broadcasts at the rate, one gap after each", () => {
    const pacer = new Pacer(policy, () => 0);
    expect(pacer.laneReadyAt("bulk")).toBe(Number.NEGATIVE_INFINITY);
    pacer.record("bulk", "a@c.us", 0);
    expect(pacer.laneReadyAt("bulk")).toBe(1_000);
    pacer.record("bulk", "b@c.us", 1_000);
    expect(pacer.laneReadyAt("bulk")).toBe(2_000);
  });

  it("keeps a slot for replies: a reader is answered before the next broadcast message", () => {
    const pacer = new Pacer(policy, () => 0);
    pacer.record("bulk", "a@c.us", 0);
    expect(pacer.laneReadyAt("interactive")).toBeLessThan(pacer.laneReadyAt("bulk"));
  });

  it("lets replies burst, then holds them to their share of the rate", () => {
    const pacer = new Pacer(policy, () => 0);
    pacer.record("interactive", "a@c.us", 0);
    pacer.record("interactive", "b@c.us", 0);
    // Two back to back (the burst), then one per reply interval (2 s at half of 1/s).
    expect(pacer.laneReadyAt("interactive")).toBeGreaterThan(0);
  });

  it("never writes to the same chat twice within the minimum gap", () => {
    const pacer = new Pacer(policy, () => 0);
    expect(pacer.chatReadyAt("a@c.us")).toBe(Number.NEGATIVE_INFINITY);
    pacer.record("bulk", "a@c.us", 10_000);
    expect(pacer.chatReadyAt("a@c.us")).toBe(15_000);
    expect(pacer.chatReadyAt("b@c.us")).toBe(Number.NEGATIVE_INFINITY);
  });

  it("stretches gaps by the random jitter, never shrinks them", () => {
    const pacer = new Pacer({ ...policy, jitter: 0.5 }, () => 1);
    pacer.record("bulk", "a@c.us", 0);
    expect(pacer.laneReadyAt("bulk")).toBe(1_500);
  });
});
