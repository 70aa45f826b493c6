import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { OutboxRepo } from "../../src/store/outbox.ts";
import { SentCountsRepo } from "../../src/store/sent-counts.ts";

describe("sent counts (messages sent per hour and kind)", () => {
  it("counts a message once when the dispatcher marks it sent, by its hour and kind", () => {
    const db = openDatabase(":memory:");
    const outbox = new OutboxRepo(db);
    const counts = new SentCountsRepo(db);
    const at = new Date("2026-11-30T10:20:00Z");
    const ids = [
      outbox.enqueue({ kind: "alert", recipient: "22370000001@c.us", body: "Alerte" }, at),
      outbox.enqueue({ kind: "alert", recipient: "22370000002@c.us", body: "Alerte" }, at),
      outbox.enqueue({ kind: "reply", recipient: "22370000001@c.us", body: "Menu" }, at),
      outbox.enqueue({ kind: "alert", recipient: "22370000003@c.us", body: "Alerte" }, at),
    ];
    const [a, b, c, failed] = ids as number[];
    outbox.markSent(a as number, at, "t-1");
    outbox.markSent(b as number, new Date("2026-11-30T11:05:00Z"), "t-2");
    outbox.markSent(c as number, at, "t-3");
    outbox.markFailed(failed as number, at, "réseau", at);
    const hour = (iso: string) => Date.parse(iso) / 3_600_000;
    expect(counts.since(new Date(0))).toEqual([
      { hour: hour("2026-11-30T10:00:00Z"), kind: "alert", count: 1 },
      { hour: hour("2026-11-30T10:00:00Z"), kind: "reply", count: 1 },
      { hour: hour("2026-11-30T11:00:00Z"), kind: "alert", count: 1 },
    ]);
    // Pruning the outbox keeps the history of counts.
    outbox.prune(new Date("2027-01-01T00:00:00Z"));
    expect(counts.since(new Date(0))).toHaveLength(3);
  });
});
