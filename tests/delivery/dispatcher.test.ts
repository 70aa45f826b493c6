import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { Audience } from "../../src/delivery/audience.ts";
import { clockSleep, Dispatcher } from "../../src/delivery/dispatcher.ts";
import { DEFAULT_POLICY, type SendingPolicy } from "../../src/delivery/policy.ts";
import { seededRandom } from "../../src/delivery/random.ts";
import { silentLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/database.ts";
import { OutboxRepo } from "../../src/store/outbox.ts";
import { SettingsRepo } from "../../src/store/settings.ts";
import { MemoryTransport } from "../../src/transport/memory.ts";
import { addReaders, chat } from "./helpers.ts";

function setup(policy: Partial<SendingPolicy> = {}) {
  const clock = new ManualClock("2025-04-02T09:00:00Z");
  const db = openDatabase(":memory:");
  const outbox = new OutboxRepo(db);
  const settings = new SettingsRepo(db);
  const transport = new MemoryTransport({ now: () => clock.now() });
  const dispatcher = new Dispatcher({
    outbox,
    settings,
    transport,
    readers: new Audience(db),
    clock,
    log: silentLogger(),
    policy: { ...DEFAULT_POLICY, ratePerMinute: 12, minGapPerChatMs: 3000, ...policy },
    random: seededRandom(1),
    sleep: clockSleep(clock),
  });
  return { clock, db, outbox, settings, transport, dispatcher };
}

describe("Dispatcher", () => {
  it("sends queued rows in priority order and records them as sent", async () => {
    const { clock, db, outbox, transport, dispatcher } = setup();
    await transport.start({ onMessage: () => {}, onStatus: () => {} });
    const now = clock.now();
    addReaders(db, [{ chatId: chat(1) }], now);
    outbox.enqueue({ kind: "alert", recipient: chat(1), body: "Alerte" }, now);
    outbox.enqueue({ kind: "reply", recipient: chat(2), body: "Réponse" }, now);
    expect(await dispatcher.drain()).toBe(2);
    expect(transport.sent.map((m) => m.text)).toEqual(["Réponse", "Alerte"]);
    const row = outbox.get(1);
    expect(row?.state).toBe("sent");
    expect(row?.transportId).toMatch(/^mem-/);
  });
});
