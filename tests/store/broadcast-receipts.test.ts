import { describe, expect, it } from "vitest";
import { BroadcastReceiptsRepo } from "../../src/store/broadcast-receipts.ts";
import { openDatabase } from "../../src/store/database.ts";
import { OutboxRepo } from "../../src/store/outbox.ts";
import { ReceiptsRepo } from "../../src/store/receipts.ts";

describe("broadcast receipts (sent, delivered, read per broadcast)", () => {
  it("counts what forBroadcast counts, receipts early, late, twice or out of order", () => {
    const db = openDatabase(":memory:");
    const outbox = new OutboxRepo(db);
    const receipts = new ReceiptsRepo(db);
    const counts = new BroadcastReceiptsRepo(db);
    const at = new Date("2026-11-30T10:00:00Z");
    const row = (n: number) =>
      outbox.enqueue(
        { kind: "alert", recipient: `2237000000${n}@c.us`, body: "Alerte", broadcastId: 7 },
        at,
      ) as number;
    const [a, b, c, d] = [row(1), row(2), row(3), row(4)];
    // A receipt that arrives before the dispatcher wrote the message's id (Cloud API).
    receipts.record({ transportId: "t-a", status: "delivered", at });
    outbox.markSent(a, at, "t-a");
    outbox.markSent(b, at, "t-b");
    outbox.markSent(c, at, "t-c");
    receipts.record({ transportId: "t-b", status: "read", at }); // read implies delivered
    receipts.record({ transportId: "t-b", status: "delivered", at }); // older state: nothing new
    receipts.record({ transportId: "t-b", status: "read", at }); // a replay
    receipts.record({ transportId: "t-c", status: "delivered", at });
    receipts.record({ transportId: "t-c", status: "read", at });
    outbox.markFailed(d, at, "réseau", at);
    expect(counts.forBroadcasts([7]).get(7)).toEqual({ sent: 3, delivered: 3, read: 2 });
    expect(counts.forBroadcasts([7]).get(7)).toEqual(receipts.forBroadcast(7));
    expect(counts.forBroadcasts([8]).get(8)).toEqual({ sent: 0, delivered: 0, read: 0 });
  });
});
