import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { CHANNEL, TransportError } from "../../../src/transport/transport.ts";
import { ChromiumNotFoundError } from "../../../src/transport/whatsapp/chromium.ts";
import { translateInbound } from "../../../src/transport/whatsapp/inbound.ts";
import { WhatsAppTransport } from "../../../src/transport/whatsapp/whatsapp.ts";
import * as fixtures from "../../fixtures/whatsapp/messages.ts";
import { capturedLogger, channel, sentMessage, fakeWhatsApp as setup } from "./fake-client.ts";

const CHANNEL_ID = "120363170000000001@newsletter";

describe("WhatsApp adapter: starting and the session", () => {
  it("launches Chromium for a server with the session under data/ and the configured client id", async () => {
    const t = setup({ WA_CLIENT_ID: "redaction-bamako" });
    await t.transport.start(t.handlers);
    const options = t.current().options;
    expect(options.puppeteer?.executablePath).toBe("/usr/bin/chromium");
    expect(options.puppeteer?.headless).toBe(true);
    expect(options.puppeteer?.args).toEqual(
      expect.arrayContaining([
        "--no-sandbox",
        "--disable-setuid-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
      ]),
    );
    const auth = options.authStrategy as unknown as { dataPath: string; clientId: string };
    expect(auth.dataPath).toBe(path.resolve("/srv/suivez/data/session"));
    expect(auth.clientId).toBe("redaction-bamako");
    expect(t.statuses).toEqual([]);
    await t.transport.stop();
  });

  it("refuses to start without Chromium, naming the fix", async () => {
    const config = loadConfig({ CHROME_PATH: "/opt/nulle-part/chrome" });
    const transport = new WhatsAppTransport({ config, log: capturedLogger().log });
    const start = transport.start({ onMessage: () => {}, onStatus: () => {} });
    await expect(start).rejects.toThrow(ChromiumNotFoundError);
    await expect(start).rejects.toThrow(
      /CHROME_PATH=\/opt\/nulle-part\/chrome.*Corrigez CHROME_PATH/,
    );
  });

  it("prints the QR and logs its text for a headless server", async () => {
    const t = setup();
    await t.transport.start(t.handlers);
    t.current().emit("qr", "2@Xk3v9QmT0aLr,7HyU1pq8s=,ZL7YnK2qdPN8vKo2=,AQ==");
    expect(t.qrs).toEqual(["2@Xk3v9QmT0aLr,7HyU1pq8s=,ZL7YnK2qdPN8vKo2=,AQ=="]);
    const line = t.lines().find((l) => l.qr);
    expect(line?.msg).toMatch(/scannez ce QR/);
    await t.transport.stop();
  });

  it("is up at ready, down at disconnected, then builds a NEW client after a backoff", async () => {
    const t = setup();
    await t.ready();
    expect(t.statuses).toEqual(["up"]);
    const first = t.current();
    first.emit("disconnected", "CONFLICT");
    expect(t.transport.isUp()).toBe(false);
    expect(t.statuses).toEqual(["up", "down:CONFLICT"]);
    await vi.waitFor(() => expect(t.clients).toHaveLength(2));
    expect(first.destroyed).toBeGreaterThan(0);
    // Listeners are registered once per client: the old one's events change nothing.
    first.emit("ready");
    first.emit("message", fixtures.readerText);
    expect(t.transport.isUp()).toBe(false);
    expect(t.inbound).toEqual([]);
    t.current().emit("ready");
    await vi.waitFor(() => expect(t.statuses).toEqual(["up", "down:CONFLICT", "up"]));
    await t.transport.stop();
    expect(t.statuses.at(-1)).toBe("down:stopped");
  });

  it("says a new QR scan is needed when the phone logged the bot out", async () => {
    const t = setup();
    await t.ready();
    t.current().emit("disconnected", "LOGOUT");
    const warning = t.lines().find((l) => String(l.msg).includes("nouveau QR"));
    expect(warning?.msg).toMatch(/déconnecté.*scannez-le/);
    await vi.waitFor(() => expect(t.clients).toHaveLength(2));
    await t.transport.stop();
  });

  it("explains an auth_failure", async () => {
    const t = setup();
    await t.transport.start(t.handlers);
    t.current().emit("auth_failure", "Unable to log in. Are the session details valid?");
    const line = t
      .lines()
      .find((l) => l.reason === "Unable to log in. Are the session details valid?");
    expect(line?.msg).toMatch(/session enregistrée a été refusée.*supprimez le dossier de session/);
    await t.transport.stop();
  });

  it("retries an unreachable WhatsApp Web with a growing, capped backoff", async () => {
    const t = setup();
    for (let i = 0; i < 5; i++) {
      t.prepare[i] = (c) => {
        c.initError = new Error("net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/");
      };
    }
    await t.transport.start(t.handlers);
    await vi.waitFor(() => expect(t.clients.length).toBeGreaterThanOrEqual(6));
    await t.transport.stop();
    const failures = t.lines().filter((l) => l.kind === "unreachable");
    expect(failures.slice(0, 5).map((l) => l.retryInMs)).toEqual([5, 10, 20, 40, 40]);
    expect(failures[0]?.msg).toMatch(
      /^WhatsApp Web injoignable \(https:\/\/web\.whatsapp\.com : net::ERR_NAME_NOT_RESOLVED\).*Nouvel essai dans/,
    );
    expect(t.clients.slice(0, 5).every((c) => c.destroyed > 0)).toBe(true);
    // The sixth client did start: ready resets the backoff.
    expect(t.statuses).toEqual([]);
  });

  it("stops retrying once stopped, and destroys the client", async () => {
    const t = setup();
    t.prepare[0] = (c) => {
      c.initError = "auth timeout"; // whatsapp-web.js throws this string
    };
    await t.transport.start(t.handlers);
    await vi.waitFor(() => expect(t.lines().some((l) => l.kind === "slow")).toBe(true));
    await t.transport.stop();
    const count = t.clients.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(t.clients).toHaveLength(count);
    expect(t.clients.every((c) => c.destroyed > 0)).toBe(true);
  });
});

describe("WhatsApp adapter: inbound", () => {
  it("hands only direct messages from people to the bot, each id once", async () => {
    const t = setup();
    await t.ready();
    const c = t.current();
    for (const m of Object.values(fixtures)) c.emit("message", m);
    c.emit("message", fixtures.readerText); // delivered twice by WhatsApp Web
    await vi.waitFor(() => expect(t.inbound).toHaveLength(5));
    expect(t.inbound.map((m) => [m.chatId, m.kind, m.text])).toEqual([
      ["22370123456@c.us", "text", "dernières"],
      ["128450937261544@lid", "text", "chercher Moscou"],
      ["22376543210@c.us", "media", "Regardez, barrage à Kati ce matin"],
      ["22376543210@c.us", "media", ""],
      ["22370123456@c.us", "other", ""],
    ]);
    expect(t.inbound[0]).toEqual({
      id: "false_22370123456@c.us_3EB0C41F2A9D7E11B2A4",
      chatId: "22370123456@c.us",
      senderId: "22370123456@c.us",
      text: "dernières",
      kind: "text",
      isGroup: false,
      timestamp: new Date("2026-01-01T10:20:00Z"),
    });
    await t.transport.stop();
  });

  it("marks a forwarded text, which the bot takes as a reader's tip", () => {
    const r = translateInbound({
      ...fixtures.readerText,
      isForwarded: true,
    } as typeof fixtures.readerText);
    expect("message" in r && r.message.forwarded).toBe(true);
    const plain = translateInbound(fixtures.readerText);
    expect("message" in plain && plain.message.forwarded).toBeUndefined();
  });

  it("says why each other message is ignored", () => {
    const reasons = [
      fixtures.groupText,
      fixtures.statusUpdate,
      fixtures.channelPost,
      fixtures.ownReply,
      fixtures.e2eNotice,
      fixtures.revoked,
    ].map((m) => {
      const r = translateInbound(m);
      return "ignored" in r ? r.ignored : "kept";
    });
    expect(reasons).toEqual(["not-a-person", "status", "not-a-person", "own", "system", "system"]);
  });

  it("keeps going when the bot fails on a message", async () => {
    const t = setup();
    await t.transport.start({
      onMessage: () => Promise.reject(new Error("base verrouillée")),
      onStatus: () => {},
    });
    t.current().emit("ready");
    t.current().emit("message", fixtures.readerText);
    await vi.waitFor(() =>
      expect(t.lines().some((l) => l.msg === "WhatsApp : message entrant non traité")).toBe(true),
    );
    const line = t.lines().find((l) => l.msg === "WhatsApp : message entrant non traité");
    expect(line?.chatId).toBe("+223••••••56@c.us");
    await t.transport.stop();
  });
});

describe("WhatsApp adapter: @lid identities", () => {
  it("links editors' numbers to their lids at ready, so an editor writing from a lid is known", async () => {
    const t = setup({ EDITORS: "+22370000001,+22370000002" });
    t.prepare[0] = (c) => {
      c.lidAndPhone = [{ lid: "99887766554433@lid", pn: "22370000001@c.us" }];
    };
    await t.ready();
    expect(t.current().lidCalls[0]).toEqual(["22370000001@c.us", "22370000002@c.us"]);
    const phones = await t.transport.resolvePhones(["99887766554433@lid", "22370000002@c.us"]);
    expect(phones).toEqual(
      new Map([
        ["99887766554433@lid", "+22370000001"],
        ["22370000002@c.us", "+22370000002"],
      ]),
    );
    // Both answered without asking WhatsApp again.
    expect(t.current().lidCalls).toHaveLength(1);
    await t.transport.stop();
  });

  it("asks WhatsApp about an unknown lid once; unresolvable means null", async () => {
    const t = setup();
    t.prepare[0] = (c) => {
      c.lidAndPhone = [{ lid: "128450937261544@lid", pn: "22370123456@c.us" }];
    };
    await t.ready();
    const first = await t.transport.resolvePhones(["128450937261544@lid", "55555555555555@lid"]);
    expect(first.get("128450937261544@lid")).toBe("+22370123456");
    expect(first.get("55555555555555@lid")).toBeNull();
    await t.transport.resolvePhones(["128450937261544@lid"]);
    expect(t.current().lidCalls).toEqual([["128450937261544@lid", "55555555555555@lid"]]);
    await t.transport.stop();
  });

  it("answers null for a lid while WhatsApp is down", async () => {
    const t = setup();
    await t.transport.start(t.handlers);
    const phones = await t.transport.resolvePhones(["128450937261544@lid"]);
    expect(phones.get("128450937261544@lid")).toBeNull();
    await t.transport.stop();
  });
});

describe("WhatsApp adapter: sending", () => {
  it("sends to a reader without marking the chat read, with link previews as configured", async () => {
    const t = setup({ WA_LINK_PREVIEW: "false" });
    await t.ready();
    const result = await t.transport.send("+22370123456", "*AES* : sommet à Niamey");
    expect(t.current().sends).toEqual([
      {
        chatId: "22370123456@c.us",
        content: "*AES* : sommet à Niamey",
        options: { linkPreview: false, sendSeen: false },
      },
    ]);
    expect(result.transportId).toMatch(/^true_22370123456@c\.us_/);
    await t.transport.send("128450937261544@lid", "Bienvenue");
    expect(t.current().sends[1]?.chatId).toBe("128450937261544@lid");
    await t.transport.stop();
  });

  it("marks chats read only when configured", async () => {
    const t = setup({ WA_SEND_SEEN: "true" });
    await t.ready();
    await t.transport.send("22370123456@c.us", "Bonjour");
    expect(t.current().sends[0]?.options).toEqual({ linkPreview: true, sendSeen: true });
    await t.transport.stop();
  });

  it("fails transiently while not connected", async () => {
    const t = setup();
    await t.transport.start(t.handlers);
    const error = await t.transport.send("+22370123456", "Bonjour").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: "transient" });
    await t.transport.stop();
  });

  it("treats a null result as a permanent failure", async () => {
    const t = setup();
    t.prepare[0] = (c) => {
      c.sendPlan = [{ result: null }];
    };
    await t.ready();
    await expect(t.transport.send("+22370123456", "Bonjour")).rejects.toMatchObject({
      code: "TRANSPORT_FAILED",
      kind: "permanent",
      message: expect.stringMatching(/aucun message/),
    });
    await t.transport.stop();
  });

  it("sorts errors: a browser hiccup is transient, an invalid number permanent", async () => {
    const t = setup();
    t.prepare[0] = (c) => {
      c.sendPlan = [
        { error: new Error("Protocol error (Runtime.callFunctionOn): Target closed") },
        { error: new Error("Evaluation failed: Error: wid error: invalid wid") },
      ];
    };
    await t.ready();
    await expect(t.transport.send("+22370123456", "a")).rejects.toMatchObject({
      kind: "transient",
    });
    await expect(t.transport.send("+22370123456", "b")).rejects.toMatchObject({
      kind: "permanent",
    });
    t.current().sendPlan = [
      { error: new Error("Evaluation failed: Error: No LID for user 22370123456@c.us") },
    ];
    // The reason ends up in logs and in the outbox: the number is masked.
    await expect(t.transport.send("+22370123456", "c")).rejects.toMatchObject({
      kind: "permanent",
      message:
        "WhatsApp a refusé ce message : Evaluation failed: Error: No LID for user +223••••••56@c.us",
    });
    await expect(t.transport.send("pas un numéro", "d")).rejects.toMatchObject({
      kind: "permanent",
    });
    await t.transport.stop();
  });

  it("posts to the Channel found by its invite link", async () => {
    const t = setup({ CHANNEL_INVITE: "https://whatsapp.com/channel/0029VaSuivezInfo0000000" });
    t.prepare[0] = (c) => {
      c.channelsByInvite.set(
        "0029VaSuivezInfo0000000",
        channel(CHANNEL_ID, "Suivez l'info", "owner"),
      );
    };
    await t.ready();
    await t.transport.send(CHANNEL, "🔴 *AES-Russie* : accord signé à Moscou");
    expect(t.current().sends[0]?.chatId).toBe(CHANNEL_ID);
    await t.transport.stop();
  });

  it("posts to the Channel found by its id among the number's channels", async () => {
    const t = setup({ CHANNEL_ID });
    t.prepare[0] = (c) => {
      c.channels = [
        channel("120363999999999999@newsletter", "Autre chaîne", "subscriber"),
        channel(CHANNEL_ID, "Suivez l'info", "admin"),
      ];
    };
    await t.ready();
    await t.transport.send(CHANNEL, "Flash");
    expect(t.current().sends[0]?.chatId).toBe(CHANNEL_ID);
    await t.transport.stop();
  });

  it("refuses Channel posts with the fix when the Channel is not found", async () => {
    const t = setup({ CHANNEL_INVITE: "0029VaInconnue" });
    await t.ready();
    // One-to-one sending still works.
    expect(t.transport.isUp()).toBe(true);
    await expect(t.transport.send(CHANNEL, "Flash")).rejects.toMatchObject({
      kind: "permanent",
      message: expect.stringMatching(/Chaîne introuvable pour CHANNEL_INVITE=0029VaInconnue/),
    });
    expect(t.lines().some((l) => /Chaîne introuvable/.test(String(l.msg)))).toBe(true);
    await t.transport.stop();
  });

  it("refuses Channel posts when the bot's number is only a follower", async () => {
    const t = setup({ CHANNEL_ID });
    t.prepare[0] = (c) => {
      c.channels = [channel(CHANNEL_ID, "Suivez l'info", "subscriber")];
    };
    await t.ready();
    await expect(t.transport.send(CHANNEL, "Flash")).rejects.toMatchObject({
      kind: "permanent",
      message: expect.stringMatching(/n'est pas administrateur de la chaîne « Suivez l'info »/),
    });
    expect(t.current().sends).toEqual([]);
    await t.transport.stop();
  });

  it("refuses Channel posts when no Channel is configured", async () => {
    const t = setup();
    await t.ready();
    await expect(t.transport.send(CHANNEL, "Flash")).rejects.toMatchObject({
      kind: "permanent",
      message: expect.stringMatching(/CHANNEL_INVITE ou CHANNEL_ID/),
    });
    await t.transport.stop();
  });

  it("returns the id WhatsApp gave the message", async () => {
    const t = setup();
    t.prepare[0] = (c) => {
      c.sendPlan = [{ result: sentMessage("true_22370123456@c.us_3EB0ABCDEF") }];
    };
    await t.ready();
    expect(await t.transport.send("+22370123456", "x")).toEqual({
      transportId: "true_22370123456@c.us_3EB0ABCDEF",
    });
    await t.transport.stop();
  });
});
