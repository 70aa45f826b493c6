import { describe, expect, it } from "vitest";
import { receiptText } from "../../src/messages/receipts.ts";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

describe("receipts: sent, delivered and read per broadcast and per rubric", () => {
  it("counts each message once, read implying delivered, and says it as editors read it", async () => {
    const h = await harness({ env: { CHANNEL_ID: "" } });
    const now = h.clock.now();
    addReaders(
      h.app,
      Array.from({ length: 5 }, (_, i) => ({ chatId: chat(i), follows: ["Politique"] })),
      now,
    );
    const receipt = h.app.delivery.desk.publish(h.addArticle("aes"), "cli");
    await h.dispatcher.drain({ until: new Date(now.getTime() + 3600_000) });
    const ids = h.transport.sent.map((s) => s.transportId);
    expect(ids).toHaveLength(5);
    const at = h.clock.now();
    const r = h.app.receipts;
    r.record({ transportId: ids[0] as string, status: "delivered", at });
    r.record({ transportId: ids[0] as string, status: "delivered", at }); // replayed
    r.record({ transportId: ids[1] as string, status: "read", at }); // read before delivered
    r.record({ transportId: ids[1] as string, status: "delivered", at });
    r.record({ transportId: ids[2] as string, status: "delivered", at });
    r.record({ transportId: ids[3] as string, status: "failed", at, error: "131026" });

    const counts = r.forBroadcast(receipt.broadcastId);
    expect(counts).toEqual({ sent: 5, delivered: 3, read: 1 });
    expect(receiptText(counts)).toBe("5 envoyés · 3 reçus · 1 lu");
    expect(receiptText({ sent: 1250, delivered: 1190, read: 640 })).toBe(
      "1 250 envoyés · 1 190 reçus · 640 lus",
    );
    const day = r.forPeriod(new Date(now.getTime() - 3600_000), new Date(at.getTime() + 1));
    expect(day.total).toEqual({ sent: 5, delivered: 3, read: 1 });
    expect(day.byRubric).toEqual([
      { rubric: "diplomatie", sent: 5, delivered: 3, read: 1 },
      { rubric: "politique", sent: 5, delivered: 3, read: 1 },
    ]);
    const progress = h.app.delivery.desk.progress(receipt.broadcastId);
    expect(progress?.receipts).toEqual({ sent: 5, delivered: 3, read: 1 });
    h.app.close();
  });
});

describe("« supprimer mes données » and retention", () => {
  it("erase removes the reader's receipts and other ids; prune forgets old receipts", async () => {
    const h = await harness({ env: { CHANNEL_ID: "" } });
    const now = h.clock.now();
    addReaders(
      h.app,
      [
        { chatId: chat(1), follows: ["Politique"] },
        { chatId: chat(2), follows: ["Politique"] },
      ],
      now,
    );
    h.app.delivery.desk.publish(h.addArticle("aes"), "cli");
    await h.dispatcher.drain({ until: new Date(now.getTime() + 3600_000) });
    for (const s of h.transport.sent) {
      h.app.receipts.record({
        transportId: s.transportId as string,
        status: "read",
        at: h.clock.now(),
      });
    }
    h.app.readerAliases.remember("bsuid:ML.1", chat(1), now);
    h.app.subscribers.erase(chat(1), h.clock.now());
    const left = () => h.app.db.prepare("SELECT count(*) FROM receipts").pluck().get();
    expect(left()).toBe(1);
    expect(h.app.readerAliases.chatIdOf("bsuid:ML.1")).toBeNull();
    expect(h.app.receipts.prune(new Date(h.clock.now().getTime() + 1))).toBe(1);
    expect(left()).toBe(0);
    h.app.close();
  });
});
