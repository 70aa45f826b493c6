import { describe, expect, it } from "vitest";
import { BanGuard } from "../../src/app/ban-guard.ts";
import { createDispatcher } from "../../src/app/delivery.ts";
import { clockSleep } from "../../src/dispatcher/dispatcher.ts";
import { seededRandom } from "../../src/lib/random.ts";
import { classifyGraphError } from "../../src/transport/cloud/graph-errors.ts";
import { MemoryTransport } from "../../src/transport/memory.ts";
import { type Recipient, type SendResult, TransportError } from "../../src/transport/transport.ts";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

describe("the ban guard", () => {
  it("pauses broadcasts on a spike of 131048 and tells each editor why; a few do nothing", async () => {
    const h = await harness({ env: { EDITORS: "+22370000099,+22370000098" } });
    const guard = new BanGuard({
      settings: h.app.settings,
      outbox: h.app.outbox,
      clock: h.clock,
      log: h.app.log,
      editors: h.app.config.editors,
      language: "fr",
    });
    for (let i = 0; i < 4; i++) expect(guard.signal("spam-rate")).toBe(false);
    expect(guard.signal("throughput")).toBe(false);
    expect(h.app.settings.isPaused()).toBe(false);
    h.clock.advance(11 * 60_000); // the first four are old news now
    for (let i = 0; i < 4; i++) guard.signal("spam-rate");
    expect(h.app.settings.isPaused()).toBe(false);
    expect(guard.signal("spam-rate")).toBe(true);
    expect(h.app.settings.isPaused()).toBe(true);
    await h.dispatcher.drain();
    const told = h.transport.sent.filter((s) => s.to.startsWith("2237000009"));
    expect(told.map((s) => s.to).sort()).toEqual(["22370000098@c.us", "22370000099@c.us"]);
    expect(told[0]?.text).toMatch(/pause automatiquement : Meta limite le numéro \(131048/);
    h.app.close();
  });

  it("tells editors in the newsroom's language", async () => {
    const h = await harness({ env: { EDITORS: "+22370000099", LANGUAGE: "en" } });
    const guard = new BanGuard({
      settings: h.app.settings,
      outbox: h.app.outbox,
      clock: h.clock,
      log: h.app.log,
      editors: h.app.config.editors,
      language: h.app.config.language,
    });
    expect(guard.signal("auth")).toBe(true);
    await h.dispatcher.drain();
    const told = h.transport.sentTo("22370000099@c.us");
    expect(told[0]).toMatch(
      /^⚠️ Broadcasts paused automatically: the WhatsApp API refuses the token/,
    );
    h.app.close();
  });

  it("a WhatsApp Web logout pauses, a network drop does not", async () => {
    const h = await harness();
    const guard = new BanGuard({
      settings: h.app.settings,
      outbox: h.app.outbox,
      clock: h.clock,
      log: h.app.log,
      editors: [],
      language: "fr",
    });
    expect(guard.transportDown("NAVIGATION")).toBe(false);
    expect(h.app.settings.isPaused()).toBe(false);
    expect(guard.transportDown("LOGOUT")).toBe(true);
    expect(h.app.settings.isPaused()).toBe(true);
    h.app.close();
  });

  it("judges 131026 and permanent refusals against what was sent: a few dead numbers in a big broadcast do not pause", async () => {
    const h = await harness();
    const guard = guardOf(h);
    for (let i = 0; i < 10_000; i++) guard.sent();
    for (let i = 0; i < 60; i++) expect(guard.signal("undeliverable")).toBe(false);
    for (let i = 0; i < 60; i++) expect(guard.refused()).toBe(false);
    expect(h.app.settings.isPaused()).toBe(false);
    h.app.close();
  });

  it("pauses on a spike of permanent refusals with WhatsApp Web (no Cloud API code at all)", async () => {
    const h = await harness({ env: { EDITORS: "+22370000099" } });
    const guard = guardOf(h);
    const refusing = new RefusingTransport({ now: () => h.clock.now() });
    await refusing.start({ onMessage: () => {}, onStatus: () => {} });
    const dispatcher = createDispatcher(h.app, h.app.delivery, refusing, {
      random: seededRandom(3),
      sleep: clockSleep(h.clock),
      onOutcome: (row, outcome) => guard.onOutcome(row, outcome),
    });
    const readers = Array.from({ length: 40 }, (_, i) => ({ chatId: chat(i) }));
    addReaders(h.app, readers, h.clock.now());
    for (const r of readers) {
      h.app.outbox.enqueue({ kind: "alert", recipient: r.chatId, body: "🔔 A" }, h.clock.now());
    }
    await dispatcher.drain({ maxRows: 30 });
    expect(h.app.settings.isPaused()).toBe(true);
    await dispatcher.drain();
    // Paused after 20 refusals in a row: the other alerts wait, the editor is told why.
    expect(refusing.refusals).toBe(20);
    expect(refusing.sentTo("22370000099@c.us")[0]).toMatch(
      /refusés définitivement par WhatsApp : 20 en 10 min/,
    );
    h.app.close();
  });

  it("pauses at once when Meta blocks the account (368, 131031)", async () => {
    const h = await harness();
    const error = classifyGraphError(400, { error: { code: 368, message: "blocked" } });
    expect(error.signal).toBe("restricted");
    expect(classifyGraphError(403, { error: { code: 131031 } }).signal).toBe("restricted");
    expect(guardOf(h).signal(error.signal)).toBe(true);
    expect(h.app.settings.isPaused()).toBe(true);
    h.app.close();
  });

  it("WhatsApp Web blocked or unpaired (TOS_BLOCK, SMB_TOS_BLOCK, UNPAIRED) pauses; other states do not", async () => {
    const h = await harness();
    const guard = guardOf(h);
    expect(guard.state("CONNECTED")).toBe(false);
    expect(guard.state("OPENING")).toBe(false);
    expect(guard.state("TIMEOUT")).toBe(false);
    expect(h.app.settings.isPaused()).toBe(false);
    expect(guard.state("TOS_BLOCK")).toBe(true);
    h.app.settings.setPaused(false, "test", h.clock.now());
    expect(guard.transportDown("SMB_TOS_BLOCK")).toBe(true);
    h.app.settings.setPaused(false, "test", h.clock.now());
    expect(guard.state("UNPAIRED")).toBe(true);
    h.app.close();
  });
});

function guardOf(h: Awaited<ReturnType<typeof harness>>): BanGuard {
  return new BanGuard({
    settings: h.app.settings,
    outbox: h.app.outbox,
    clock: h.clock,
    log: h.app.log,
    editors: h.app.config.editors,
    language: h.app.config.language,
  });
}

/** WhatsApp Web refusing every alert for good (e.g. a number being restricted). */
class RefusingTransport extends MemoryTransport {
  refusals = 0;
  override async send(to: Recipient, text: string): Promise<SendResult> {
    if (text.startsWith("🔔")) {
      this.refusals++;
      throw new TransportError("WhatsApp a refusé ce message : not-authorized", "permanent");
    }
    return super.send(to, text);
  }
}
