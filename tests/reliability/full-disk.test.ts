import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDispatcher } from "../../src/app/delivery.ts";
import { type App, openApp } from "../../src/app/services.ts";
import { createBot } from "../../src/bot/bot.ts";
import { loadConfig } from "../../src/config.ts";
import type { Sleep } from "../../src/dispatcher/dispatcher.ts";
import { Ingest } from "../../src/ingest/ingest.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { MemoryTransport } from "../../src/transport/memory.ts";
import { fixtureArticle } from "../support/delivery.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";
import { capturedLogger } from "../transport/whatsapp/fake-client.ts";
import { integrity, tally, until } from "./helpers.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suivez-full-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A real store file with a logger the test can read. */
function store(name: string, env: Record<string, string> = {}) {
  const clock = new ManualClock("2025-04-02T09:00:00Z");
  const { log, lines } = capturedLogger("info");
  const config = loadConfig({
    DATABASE_PATH: path.join(dir, `${name}.db`),
    TZ: "Africa/Bamako",
    EDITORS: "+22376000000",
    ...env,
  });
  const app = openApp(config, { clock, log });
  const messages = () => lines().map((l) => String(l.msg));
  return { app, clock, messages };
}

/** The disk is full: the file may not grow by one page (as on a full partition). */
function fillDisk(app: App): void {
  app.db.pragma(`max_page_count = ${app.db.pragma("page_count", { simple: true })}`);
}

/** Space is back. */
function freeSpace(app: App): void {
  app.db.pragma("max_page_count = 1073741823");
}

const DISK_FULL = /disque plein.*Libérez de la place/is;

describe("A full disk (PRAGMA max_page_count on the real store file)", () => {
  it("ingest reports each article that does not fit as 'disque plein' with what to do, and imports them once space returns", async () => {
    const { app, clock } = store("ingest");
    const ingest = new Ingest({
      articles: app.articles,
      clock,
      log: app.log,
      summaryMaxChars: 280,
    });
    const folder = path.join(dir, "articles");
    fs.mkdirSync(folder);
    const base = fixtureArticle("coton");
    for (let i = 1; i <= 25; i++) {
      const body = `${base.body}\n\nÉdition ${i} : ${"Les producteurs de Sikasso attendent la pluie. ".repeat(i)}`;
      fs.writeFileSync(
        path.join(folder, `coton-${String(i).padStart(2, "0")}.json`),
        JSON.stringify({
          ...base,
          title: `${base.title} (${i})`,
          guid: `coton-${i}`,
          url: `${base.url}${i}`,
          body,
        }),
      );
    }
    fillDisk(app);
    const full = await ingest.importPaths([folder]);
    expect(full.failed.length).toBeGreaterThan(15);
    expect(full.imported + full.failed.length).toBe(25);
    for (const failure of full.failed) expect(failure.reason).toMatch(DISK_FULL);
    expect(integrity(app.db)).toBe("ok");

    freeSpace(app);
    const again = await ingest.importPaths([folder]);
    expect(again.failed).toEqual([]);
    expect(again.imported).toBe(full.failed.length);
    expect(app.articles.counts(clock.now()).total).toBe(25);
    expect(integrity(app.db)).toBe("ok");
    app.close();
  });

  it("the bot survives messages it cannot store, says why in the log, and answers again once space returns", async () => {
    const { app, clock, messages } = store("bot");
    const transport = new MemoryTransport();
    const bot = createBot(app, { backend: app.delivery.desk, transport, via: "test" });
    fillDisk(app);
    const outcomes: string[] = [];
    for (let i = 0; i < 400 && !outcomes.includes("failed"); i++) {
      outcomes.push(await bot.handle(inbound(i, clock.now())));
      clock.advance(5_000);
    }
    expect(outcomes.at(-1)).toBe("failed");
    // The disk stays full: every further message fails the same way, none throws.
    for (let i = 400; i < 420; i++) {
      expect(await bot.handle(inbound(i, clock.now()))).toBe("failed");
      clock.advance(5_000);
    }
    const errors = messages().filter((m) => DISK_FULL.test(m));
    expect(errors.length).toBe(21);
    expect(integrity(app.db)).toBe("ok");

    freeSpace(app);
    expect(await bot.handle(inbound(1000, clock.now(), "dernières"))).toBe("handled");
    const replies = app.db
      .prepare("SELECT body FROM outbox WHERE recipient = ? AND kind = 'reply'")
      .pluck()
      .all(chat(1000));
    // A first-time reader: the welcome, then the answer (the store has no article yet).
    expect(replies.at(-1)).toBe("Aucun article pour le moment. Revenez un peu plus tard.");
    expect(integrity(app.db)).toBe("ok");
    app.close();
  });

  it("the dispatcher stops claiming while it cannot record a send, sends nobody a message twice, and finishes once space returns", async () => {
    const { app, clock, messages } = store("dispatch", {
      SEND_RATE_PER_MINUTE: "6000",
      MIN_GAP_PER_CHAT_SECONDS: "0",
    });
    const READERS = 1500;
    addReaders(
      app,
      Array.from({ length: READERS }, (_, i) => ({ chatId: chat(i) })),
      clock.now(),
    );
    for (let i = 0; i < READERS; i++) {
      app.outbox.enqueue(
        { kind: "alert", recipient: chat(i), body: `🔔 Alerte ${i}`, dedupeKey: `a:${i}` },
        clock.now(),
      );
    }
    const transport = new MemoryTransport({ now: () => clock.now() });
    await transport.start({ onMessage: () => {}, onStatus: () => {} });
    let waits = 0;
    // Waiting moves the manual clock and lets the test run in between.
    const sleep: Sleep = async (ms) => {
      waits++;
      clock.advance(Math.max(ms, 1));
      await new Promise((resolve) => setImmediate(resolve));
    };
    const dispatcher = createDispatcher(app, app.delivery, transport, { sleep });
    const count = (state: string) =>
      app.db.prepare("SELECT count(*) FROM outbox WHERE state = ?").pluck().get(state) as number;

    fillDisk(app);
    dispatcher.start();
    await until(() => messages().some((m) => DISK_FULL.test(m)));
    const atFull = transport.sent.length;
    const waitsAtFull = waits;
    const timeAtFull = clock.now().getTime();
    await until(() => waits > waitsAtFull + 50);
    // Nothing more was sent while the outcome of the last send could not be written…
    expect(transport.sent.length).toBe(atFull);
    expect(count("sent") + count("sending")).toBe(atFull);
    expect(count("sending")).toBeLessThanOrEqual(1);
    // …and the loop waits between tries instead of spinning (one idle poll at least each time).
    expect(clock.now().getTime() - timeAtFull).toBeGreaterThanOrEqual(
      50 * app.delivery.policy.idlePollMs,
    );
    expect(messages().filter((m) => DISK_FULL.test(m)).length).toBeLessThanOrEqual(2);
    expect(integrity(app.db)).toBe("ok");

    freeSpace(app);
    dispatcher.wake();
    await until(() => count("sent") === READERS);
    await dispatcher.stop();
    const { repeated } = tally(transport.sent.map((m) => m.to));
    expect(repeated).toEqual([]);
    expect(transport.sent).toHaveLength(READERS);
    expect(messages()).toContain("reprise des envois");
    expect(integrity(app.db)).toBe("ok");
    app.close();
  }, 30_000);
});

function inbound(n: number, at: Date, text = "menu") {
  return {
    id: `wamid-full-${n}`,
    chatId: chat(n),
    senderId: chat(n),
    text,
    kind: "text" as const,
    isGroup: false,
    timestamp: at,
  };
}
