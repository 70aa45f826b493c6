import { describe, expect, it } from "vitest";
import { inboundStorm } from "./scenarios/inbound-storm.ts";

describe("10,000 random messages from 1,000 senders, some posing as editors", () => {
  it("never crash the bot, get only replies within 4,096 characters, and no editor action from a non-editor", async () => {
    const report = await inboundStorm({ messages: 10_000, senders: 1_000, seed: 1 });
    expect(report.problems).toEqual([]);
    expect(report.outcomes.failed).toBeUndefined();
    // Strangers did try (and were audited), and the real editor still got through.
    expect(report.posing).toBeGreaterThan(2_000);
    expect(report.refusals).toBeGreaterThan(2_000);
    expect(report.editorActions).toBeGreaterThan(0);
    process.stdout.write(`inbound storm: ${JSON.stringify({ ...report, problems: undefined })}\n`);
  }, 60_000);
});
