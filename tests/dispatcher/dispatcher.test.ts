import { describe, expect, it } from "vitest";
import { Dispatcher } from "../../src/dispatcher/dispatcher.ts";
import { seededRandom } from "../../src/lib/random.ts";
import { MemoryTransport } from "../../src/transport/memory.ts";
import {
  CHANNEL,
  type Recipient,
  type SendResult,
  TransportError,
} from "../../src/transport/transport.ts";
import { harness } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

/** Fails 30 % of sends (one failure in five is permanent), from a seeded source. */
class FlakyTransport extends MemoryTransport {
  readonly #random = seededRandom(2025);
  failures = 0;
  override async send(to: Recipient, text: string): Promise<SendResult> {
    const r = this.#random();
    if (r < 0.3) {
      this.failures++;
      throw new TransportError(
        r < 0.06 ? "numéro inexistant" : "délai dépassé",
        r < 0.06 ? "permanent" : "transient",
      );
    }
    return super.send(to, text);
  }
}

describe("Dispatcher", () => {
  it("sends replies before broadcasts and records each row as sent with its transport id", async () => {
    const { app, clock, dispatcher, transport } = await harness();
    addReaders(app, [{ chatId: chat(1) }], clock.now());
    const now = clock.now();
    app.outbox.enqueue({ kind: "alert", recipient: chat(1), body: "🔔 Alerte" }, now);
    app.outbox.enqueue({ kind: "reply", recipient: chat(2), body: "Voici les dernières" }, now);
    expect(await dispatcher.drain()).toBe(2);
    expect(transport.sent.map((m) => m.text)).toEqual(["Voici les dernières", "🔔 Alerte"]);
    expect(app.outbox.get(1)).toMatchObject({ state: "sent", attempts: 1, transportId: "mem-2" });
  });

  it("answers a reader within seconds during a long broadcast, and keeps the global pace", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness();
    const readers = Array.from({ length: 200 }, (_, i) => ({
      chatId: chat(i),
      follows: ["sport"],
    }));
    addReaders(app, readers, clock.now());
    const receipt = app.delivery.desk.publish(addArticle("aigles"), "cli");
    expect(receipt.recipients).toBe(200);
    // 201 messages at 12 a minute with jitter: roughly 21 minutes, and the ETA says so.
    expect(receipt.etaMs / 60_000).toBeGreaterThan(16);
    expect(receipt.etaMs / 60_000).toBeLessThan(26);

    await dispatcher.drain({ maxRows: 60 });
    const asked = clock.now().getTime();
    app.outbox.enqueue({ kind: "reply", recipient: chat(9000), body: "Menu" }, clock.now());
    await dispatcher.drain({ maxRows: 1 });
    const reply = transport.sent.at(-1);
    expect(reply?.to).toBe(chat(9000));
    expect((reply?.at.getTime() ?? 0) - asked).toBeLessThan(8_000);

    await dispatcher.drain();
    expect(transport.sent).toHaveLength(202);
    const times = transport.sent.map((m) => m.at.getTime());
    const minutes = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 60_000;
    // Never faster than the configured rate; jitter makes it a little slower on average.
    expect(202 / minutes).toBeLessThanOrEqual(12.5);
    expect(minutes).toBeGreaterThan(16);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    expect(Math.min(...gaps)).toBeGreaterThan(0);
  });

  it("keeps a broadcast moving when replies keep coming: replies get their share, not all", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness();
    addReaders(
      app,
      Array.from({ length: 50 }, (_, i) => ({ chatId: chat(i), follows: ["sport"] })),
      clock.now(),
    );
    app.delivery.desk.publish(addArticle("aigles"), "cli");
    for (let i = 0; i < 50; i++) {
      app.outbox.enqueue(
        { kind: "reply", recipient: chat(1000 + i), body: "Réponse" },
        clock.now(),
      );
    }
    await dispatcher.drain({ maxRows: 40 });
    const first40 = transport.sent.map((m) => (m.text === "Réponse" ? "reply" : "broadcast"));
    const replies = first40.filter((k) => k === "reply").length;
    // Half the rate each once the replies' burst is spent: neither side waits for the other.
    expect(replies).toBeGreaterThanOrEqual(20);
    expect(replies).toBeLessThanOrEqual(24);
    expect(first40.slice(0, 3)).toEqual(["reply", "reply", "reply"]);
  });

  it("keeps the minimum gap between two messages to the same chat", async () => {
    const { app, clock, dispatcher, transport } = await harness({
      env: { SEND_RATE_PER_MINUTE: "600", MIN_GAP_PER_CHAT_SECONDS: "10" },
    });
    for (const body of ["un", "deux", "trois"]) {
      app.outbox.enqueue({ kind: "reply", recipient: chat(1), body }, clock.now());
    }
    app.outbox.enqueue({ kind: "reply", recipient: chat(2), body: "autre" }, clock.now());
    await dispatcher.drain();
    expect(transport.sentTo(chat(1))).toEqual(["un", "deux", "trois"]);
    const to1 = transport.sent.filter((m) => m.to === chat(1)).map((m) => m.at.getTime());
    const [a = 0, b = 0, c = 0] = to1;
    expect(b - a).toBeGreaterThanOrEqual(10_000);
    expect(c - b).toBeGreaterThanOrEqual(10_000);
    // The other reader did not wait behind the first one's gap.
    expect(transport.sent[1]?.to).toBe(chat(2));
  });

  it("claims nothing while paused, and everything once resumed", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness();
    addReaders(app, [{ chatId: chat(1), follows: ["économie"] }], clock.now());
    const b = app.delivery.desk;
    b.pause("+22370000099");
    expect(b.stats().paused).toBe(true);
    b.publish(addArticle("coton"), "+22370000099");
    expect(await dispatcher.drain()).toBe(0);
    expect(transport.sent).toHaveLength(0);
    b.resume("+22370000099");
    expect(await dispatcher.drain()).toBe(2);
    expect(b.stats().today).toMatchObject({ queued: 0, sent: 2 });
  });

  it("while paused, still answers people who write: the editor's confirmation, a reader's reply", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness();
    addReaders(app, [{ chatId: chat(1), follows: ["économie"] }], clock.now());
    const b = app.delivery.desk;
    b.pause("+22370000099");
    b.publish(addArticle("coton"), "+22370000099");
    app.outbox.enqueue(
      { kind: "reply", recipient: "22370000099@c.us", body: "En pause." },
      clock.now(),
    );
    app.outbox.enqueue({ kind: "reply", recipient: chat(1), body: "Dernières…" }, clock.now());
    expect(await dispatcher.drain()).toBe(2);
    expect(transport.sent.map((m) => m.text)).toEqual(["En pause.", "Dernières…"]);
    expect(b.stats().today).toMatchObject({ queued: 2, sent: 2 });
    b.resume("+22370000099");
    expect(await dispatcher.drain()).toBe(2);
    expect(b.stats().today).toMatchObject({ queued: 0, sent: 4 });
  });

  it("claims nothing while the transport is down and resumes by itself when it is up", async () => {
    const { app, clock, dispatcher, transport } = await harness();
    transport.setDown("connexion perdue");
    app.outbox.enqueue({ kind: "reply", recipient: chat(1), body: "Bonjour" }, clock.now());
    expect(await dispatcher.drain()).toBe(0);
    expect(app.outbox.get(1)).toMatchObject({ state: "queued", attempts: 0 });
    transport.setUp();
    expect(await dispatcher.drain()).toBe(1);
  });

  it("honours a stop up to the last moment: the queued alert is cancelled, not sent", async () => {
    const { app, clock, addArticle, dispatcher, transport } = await harness();
    addReaders(app, [{ chatId: chat(1), follows: ["santé"] }], clock.now());
    app.delivery.desk.publish(addArticle("paludisme"), "cli");
    app.db
      .prepare("UPDATE subscribers SET stopped_at = ? WHERE chat_id = ?")
      .run(Date.now(), chat(1));
    app.outbox.enqueue(
      { kind: "reply", recipient: chat(1), body: "Vous ne recevrez plus rien." },
      clock.now(),
    );
    await dispatcher.drain();
    expect(transport.sentTo(chat(1))).toEqual(["Vous ne recevrez plus rien."]);
    const alert = app.db.prepare("SELECT state, last_error FROM outbox WHERE kind = 'alert'").get();
    expect(alert).toEqual({ state: "cancelled", last_error: "le lecteur a écrit stop" });
  });

  it("retries transient failures with growing delays, then gives up with the reason", async () => {
    const { app, clock, dispatcher, transport } = await harness();
    transport.failNext({ kind: "transient", message: "délai dépassé", to: chat(1) });
    const start = clock.now().getTime();
    app.outbox.enqueue({ kind: "reply", recipient: chat(1), body: "Bonjour" }, clock.now());
    await dispatcher.drain({ until: new Date(start + 24 * 3600_000) });
    const row = app.outbox.get(1);
    expect(row).toMatchObject({ state: "dead", attempts: 6 });
    expect(row?.lastError).toBe("abandonné après 6 essais : délai dépassé");
    // 30 s, 1, 2, 4, 8 min with jitter between half and all of each: at least 7.75 min in all.
    expect(clock.now().getTime() - start).toBeGreaterThan(7.75 * 60_000);
  });

  it("gives up at once on a permanent failure, and marks the reader unreachable after three", async () => {
    const { app, clock, dispatcher, transport } = await harness();
    addReaders(app, [{ chatId: chat(1) }], clock.now());
    transport.failNext({ kind: "permanent", message: "numéro inexistant", to: chat(1) });
    for (const n of [1, 2, 3, 4]) {
      app.outbox.enqueue({ kind: "alert", recipient: chat(1), body: `Alerte ${n}` }, clock.now());
    }
    app.outbox.enqueue({ kind: "digest", recipient: chat(1), body: "Résumé" }, clock.now());
    await dispatcher.drain({ until: new Date(clock.now().getTime() + 3600_000) });
    const states = app.db
      .prepare("SELECT state, attempts, last_error FROM outbox ORDER BY id")
      .all();
    expect(states.slice(0, 3)).toEqual(
      Array(3).fill({
        state: "dead",
        attempts: 1,
        last_error: "refus définitif : numéro inexistant",
      }),
    );
    expect(states[3]).toMatchObject({ state: "cancelled", last_error: "numéro injoignable" });
    expect(states[4]).toMatchObject({ state: "cancelled" });
    const reader = app.db
      .prepare("SELECT unreachable_at, permanent_failures FROM subscribers")
      .get();
    expect(reader).toMatchObject({ permanent_failures: 3 });
    expect((reader as { unreachable_at: number | null }).unreachable_at).not.toBeNull();
  });

  it("ends with every row sent or dead with a reason when the transport fails 30 % of the time", async () => {
    const h = await harness();
    const transport = new FlakyTransport({ now: () => h.clock.now() });
    await transport.start({ onMessage: () => {}, onStatus: () => {} });
    const dispatcher = new Dispatcher({
      outbox: h.app.outbox,
      settings: h.app.settings,
      transport,
      readers: h.app.subscribers,
      clock: h.clock,
      log: h.app.log,
      policy: { ...h.app.delivery.policy, ratePerMinute: 600 },
      random: seededRandom(3),
      sleep: async (ms) => h.clock.advance(Math.max(ms, 1)),
    });
    const readers = Array.from({ length: 300 }, (_, i) => ({
      chatId: chat(i),
      follows: ["politique"],
    }));
    addReaders(h.app, readers, h.clock.now());
    const receipt = h.app.delivery.desk.publish(h.addArticle("aes"), "cli");
    await dispatcher.drain({ until: new Date(h.clock.now().getTime() + 48 * 3600_000) });

    const rows = h.app.db
      .prepare("SELECT state, last_error AS reason, attempts FROM outbox")
      .all() as { state: string; reason: string | null; attempts: number }[];
    expect(rows).toHaveLength(301);
    expect(transport.failures).toBeGreaterThan(80);
    const sent = rows.filter((r) => r.state === "sent");
    const dead = rows.filter((r) => r.state === "dead");
    expect(sent.length + dead.length).toBe(rows.length);
    expect(dead.length).toBeGreaterThan(0);
    for (const row of dead)
      expect(row.reason).toMatch(/^(refus définitif|abandonné après 6 essais)/);
    expect(sent.length).toBeGreaterThan(250);
    // Each reader received the alert at most once.
    const to = transport.sent.map((m) => m.to);
    expect(new Set(to).size).toBe(to.length);
    // Counted as the receipt counts: 300 readers, the Channel post apart.
    const channel = h.app.db
      .prepare("SELECT state FROM outbox WHERE recipient = 'channel'")
      .get() as { state: string };
    const channelSent = channel.state === "sent" ? 1 : 0;
    expect(h.app.delivery.desk.progress(receipt.broadcastId)).toMatchObject({
      total: 300,
      sent: sent.length - channelSent,
      failed: dead.length - (1 - channelSent),
      channel: channelSent === 1 ? "sent" : "failed",
      etaMs: 0,
    });
  });

  it("start() sends by itself when rows arrive, and stop() lets the send in flight finish", async () => {
    const h = await harness();
    let release: () => void = () => {};
    const slow = new (class extends MemoryTransport {
      override async send(to: Recipient, text: string): Promise<SendResult> {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return super.send(to, text);
      }
    })();
    await slow.start({ onMessage: () => {}, onStatus: () => {} });
    const dispatcher = new Dispatcher({
      outbox: h.app.outbox,
      settings: h.app.settings,
      transport: slow,
      readers: h.app.subscribers,
      clock: h.clock,
      log: h.app.log,
      policy: { ...h.app.delivery.policy, ratePerMinute: 600, idlePollMs: 20 },
    });
    dispatcher.start();
    expect(h.app.settings.heartbeat()?.pid).toBe(process.pid);
    h.app.outbox.enqueue({ kind: "notice", recipient: CHANNEL, body: "Essai" }, h.clock.now());
    await new Promise((r) => setTimeout(r, 50));
    expect(h.app.outbox.get(1)?.state).toBe("sending");
    const stopped = dispatcher.stop();
    setTimeout(() => release(), 30);
    await stopped;
    expect(h.app.outbox.get(1)?.state).toBe("sent");
    expect(h.app.settings.heartbeat()).toBeNull();
  });
});

describe("Crash policy", () => {
  it("queues again, once, the row a crash left in flight, and marks it", async () => {
    const { app, clock, dispatcher, transport } = await harness();
    app.outbox.enqueue({ kind: "reply", recipient: chat(1), body: "Bonjour" }, clock.now());
    app.outbox.enqueue({ kind: "reply", recipient: chat(2), body: "Bonjour" }, clock.now());
    // The process died after claiming row 1, before knowing whether WhatsApp had it.
    expect(app.outbox.claim(1, clock.now())).toHaveProperty("claimed");
    expect(dispatcher.settleInterrupted()).toEqual([1]);
    expect(dispatcher.settleInterrupted()).toEqual([]);
    await dispatcher.drain();
    expect(transport.sent.map((m) => m.to).sort()).toEqual([chat(1), chat(2)]);
    expect(app.outbox.get(1)).toMatchObject({ state: "sent", attempts: 2 });
    expect(app.outbox.get(1)?.lastError).toMatch(/^interrompu pendant l'envoi/);
  });

  it("refuses to start while another live process is sending from the same database", async () => {
    const { app, clock, dispatcher } = await harness();
    app.settings.writeHeartbeat({ pid: process.ppid, at: clock.now(), transportUp: true });
    expect(() => dispatcher.start()).toThrow(/Un autre processus/);
  });
});
