import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "../../../src/transport/cloud/rate-limiter.ts";

describe("SlidingWindowLimiter", () => {
  it("never grants more than the limit in any window, and waits exactly for the oldest to leave", async () => {
    let now = 0;
    const granted: number[] = [];
    const limiter = new SlidingWindowLimiter(5, 1000, {
      now: () => now,
      wait: async (ms) => {
        now += ms;
      },
    });
    for (let i = 0; i < 23; i++) {
      const release = await limiter.acquire();
      granted.push(now);
      now += 7; // the request's round trip
      release();
    }
    for (let i = 5; i < granted.length; i++) {
      // Counted from the answer: a full window between an answer and the permit 5 places on.
      expect((granted[i] ?? 0) - ((granted[i - 5] ?? 0) + 7)).toBeGreaterThanOrEqual(1000);
    }
    // Four windows of five, each a round trip longer: no more than that.
    expect(granted.at(-1)).toBeLessThanOrEqual(4 * 1007 + 2 * 7);
  });

  it("holdFor pushes every permit back (the API said throughput exceeded)", async () => {
    let now = 10_000;
    const limiter = new SlidingWindowLimiter(3, 1000, {
      now: () => now,
      wait: async (ms) => {
        now += ms;
      },
    });
    limiter.holdFor(2000);
    await limiter.acquire();
    expect(now).toBe(12_000);
  });

  it("a permit whose request is still unanswered holds its slot: the next window waits for it", async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(2, 1000, {
      now: () => now,
      wait: async (ms) => {
        now += ms;
      },
    });
    const first = await limiter.acquire();
    (await limiter.acquire())();
    let third = false;
    const pending = limiter.acquire().then((release) => {
      third = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(third).toBe(false);
    now = 300; // the slow answer comes back
    first();
    (await pending)();
    expect(third).toBe(true);
    expect(now).toBe(1300);
  });
});
