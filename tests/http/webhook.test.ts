import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type App, openApp } from "../../src/app/services.ts";
import { createBot } from "../../src/bot/bot.ts";
import { loadConfig } from "../../src/config.ts";
import { createMetrics } from "../../src/http/metrics.ts";
import { type RunningHttpServer, startHttpServer } from "../../src/http/server.ts";
import { signatureOf } from "../../src/http/signature.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/log.ts";
import { CloudTransport } from "../../src/transport/cloud/cloud-transport.ts";

const SECRET = "app-secret-de-test";
const VERIFY = "jeton-verification";

/** Meta's payload shape, as its webhooks send it. */
function payload(value: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "22390000000", phone_number_id: "106540352242922" },
              ...value,
            },
          },
        ],
      },
    ],
    ...extra,
  };
}

const readerSays = (id: string, text: string, extra: Record<string, unknown> = {}) =>
  payload({
    contacts: [{ profile: { name: "Awa" }, wa_id: "22370000001" }],
    messages: [
      {
        from: "22370000001",
        id,
        timestamp: "1743584400",
        type: "text",
        text: { body: text },
        ...extra,
      },
    ],
  });

let app: App;
let server: RunningHttpServer;
let base: string;

beforeEach(async () => {
  const clock = new ManualClock("2025-04-02T09:00:00Z");
  const config = loadConfig({
    DATABASE_PATH: ":memory:",
    WHATSAPP_TRANSPORT: "cloud",
    CLOUD_PHONE_NUMBER_ID: "106540352242922",
    CLOUD_API_TOKEN: "EAAtest",
    CLOUD_APP_SECRET: SECRET,
    CLOUD_VERIFY_TOKEN: VERIFY,
    HTTP_PORT: "0",
  });
  app = openApp(config, { clock, log: silentLogger() });
  const cloud = new CloudTransport({
    cloud: config.cloud,
    log: app.log,
    lastInbound: () => null,
    aliases: app.readerAliases,
  });
  const bot = createBot(app, {
    backend: app.delivery.desk,
    transport: cloud,
    via: "whatsapp",
  });
  await cloud.start({
    onMessage: async (m) => {
      await bot.handle(m);
    },
    onStatus: () => {},
    onReceipt: (r) => app.receipts.record(r),
  });
  server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    log: app.log,
    metrics: createMetrics({
      outbox: () => app.outbox.countsByStateAndKind(),
      whatsappUp: () => cloud.isUp(),
      feedsFailing: () => 0,
    }),
    healthy: () => ({ ok: cloud.isUp(), detail: {} }),
    webhook: {
      appSecret: SECRET,
      verifyToken: VERIFY,
      receive: (body) => cloud.receiveWebhook(body),
    },
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterEach(async () => {
  await server.close();
  app.close();
});

function post(body: string | Uint8Array, signature: string | null) {
  return fetch(`${base}/webhooks/whatsapp`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(signature === null ? {} : { "x-hub-signature-256": signature }),
    },
    body,
  });
}

const signed = (body: unknown) => {
  const raw = JSON.stringify(body);
  return post(raw, signatureOf(raw, SECRET));
};

/** Everything the webhook could have stored: queued replies, receipts, handled ids, aliases. */
function stored() {
  const count = (table: string) =>
    app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    outbox: count("outbox"),
    receipts: count("receipts"),
    inbound: count("inbound_handled"),
    subscribers: count("subscribers"),
    aliases: count("reader_aliases"),
  };
}
const NOTHING = { outbox: 0, receipts: 0, inbound: 0, subscribers: 0, aliases: 0 };

describe("the webhook (/webhooks/whatsapp), driven by real HTTP requests", () => {
  it("answers Meta's handshake with the challenge, and refuses a wrong verify token", async () => {
    const ok = await fetch(
      `${base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const wrong = await fetch(
      `${base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=autre&hub.challenge=1`,
    );
    expect(wrong.status).toBe(403);
    const noMode = await fetch(`${base}/webhooks/whatsapp?hub.verify_token=${VERIFY}`);
    expect(noMode.status).toBe(400);
  });

  it("a signed message goes to the bot, which queues its answer", async () => {
    const response = await signed(readerSays("wamid.AAA1", "aide"));
    expect(response.status).toBe(200);
    expect(stored()).toMatchObject({ outbox: 1, inbound: 1, subscribers: 1 });
    expect(app.subscribers.get("22370000001@c.us")).not.toBeNull();
  });

  it("a replay of the same signed body is ignored (200, answered once)", async () => {
    const body = readerSays("wamid.AAA2", "dernières");
    expect((await signed(body)).status).toBe(200);
    const once = stored();
    expect(once.outbox).toBeGreaterThan(0);
    expect((await signed(body)).status).toBe(200);
    expect(stored()).toEqual(once);
  });

  it("a wrong signature is 401 and nothing is stored", async () => {
    const raw = JSON.stringify(readerSays("wamid.AAA3", "aide"));
    expect((await post(raw, signatureOf(raw, "un-autre-secret"))).status).toBe(401);
    expect((await post(raw, "sha256=abc")).status).toBe(401);
    // Signed, then altered: one byte changed.
    expect((await post(raw.replace("aide", "aidE"), signatureOf(raw, SECRET))).status).toBe(401);
    expect(stored()).toEqual(NOTHING);
  });

  it("a missing signature header is 401 and nothing is stored", async () => {
    expect((await post(JSON.stringify(readerSays("wamid.AAA4", "aide")), null)).status).toBe(401);
    expect(stored()).toEqual(NOTHING);
  });

  it("malformed JSON, even signed, is 400 and nothing is stored", async () => {
    const raw = '{"object":"whatsapp_business_account","entry":[{';
    expect((await post(raw, signatureOf(raw, SECRET))).status).toBe(400);
    const notMeta = JSON.stringify({ hello: "world" });
    expect((await post(notMeta, signatureOf(notMeta, SECRET))).status).toBe(400);
    expect(stored()).toEqual(NOTHING);
  });

  it("a 10 MB body is 413 and nothing is stored", async () => {
    const big = JSON.stringify(readerSays("wamid.AAA5", "x".repeat(10 * 1024 * 1024)));
    const response = await post(big, signatureOf(big, SECRET)).catch(() => null);
    // The server refuses as soon as it has read past the limit (some clients see the reset).
    if (response) expect(response.status).toBe(413);
    expect(stored()).toEqual(NOTHING);
  });

  it("unknown fields and unknown events are accepted (200) and store nothing", async () => {
    const unknownChange = {
      object: "whatsapp_business_account",
      nouveau: true,
      entry: [
        {
          id: "1",
          changes: [
            { field: "account_update", value: { event: "VERIFIED_ACCOUNT", extra: [1, 2] } },
            {
              field: "messages",
              value: { statuses: [{ id: "x", status: "deleted", timestamp: "1" }] },
            },
            { field: "messages", value: { messages: [{ type: "text", weird: 1 }] } },
          ],
        },
      ],
    };
    expect((await signed(unknownChange)).status).toBe(200);
    expect(stored()).toEqual(NOTHING);
  });

  it("a timestamp past any date skips that status alone: the batch is 200 and its message answered", async () => {
    const body = readerSays("wamid.TS1", "menu");
    const value = body.entry[0]?.changes[0]?.value as Record<string, unknown>;
    value.statuses = [
      { id: "wamid.OLD1", status: "read", timestamp: "9".repeat(30), recipient_id: "22370000001" },
    ];
    // It was an Invalid Date whose storing threw: 500 for the whole batch, retried forever.
    expect((await signed(body)).status).toBe(200);
    expect(stored()).toMatchObject({ outbox: 1, inbound: 1, receipts: 0 });
    const late = readerSays("wamid.TS2", "menu", { timestamp: "9".repeat(30) });
    expect((await signed(late)).status).toBe(200);
    expect(stored().inbound).toBe(1);
  });

  it("statuses become receipts: read implies delivered, each counted once", async () => {
    const statuses = (status: string, ts: string) =>
      payload({
        statuses: [
          {
            id: "wamid.SENT1",
            status,
            timestamp: ts,
            recipient_id: "22370000001",
            pricing: { billable: true },
          },
        ],
      });
    expect((await signed(statuses("sent", "1743584400"))).status).toBe(200);
    expect(stored().receipts).toBe(0);
    expect((await signed(statuses("read", "1743584460"))).status).toBe(200);
    expect((await signed(statuses("delivered", "1743584430"))).status).toBe(200);
    const row = app.db.prepare("SELECT * FROM receipts").all() as {
      delivered_at: number;
      read_at: number;
    }[];
    expect(row).toHaveLength(1);
    expect(row[0]?.read_at).toBe(1743584460_000);
    expect(row[0]?.delivered_at).toBe(1743584460_000);
  });

  it("a reader known by phone keeps the key when later webhooks carry only a business-scoped id", async () => {
    await signed(
      payload({
        contacts: [{ wa_id: "22370000001", user_id: "ML.123456789" }],
        messages: [
          {
            from: "22370000001",
            id: "wamid.B1",
            timestamp: "1743584400",
            type: "text",
            text: { body: "abonner" },
          },
        ],
      }),
    );
    await signed(
      payload({
        contacts: [{ user_id: "ML.123456789" }],
        messages: [
          {
            from_user_id: "ML.123456789",
            id: "wamid.B2",
            timestamp: "1743584500",
            type: "text",
            text: { body: "rubriques" },
          },
        ],
      }),
    );
    expect(stored().subscribers).toBe(1);
    expect(app.subscribers.get("22370000001@c.us")?.optedInAt).not.toBeNull();
  });

  it("a message Meta marks forwarded reaches the tips inbox, whatever command it looks like", async () => {
    await signed(
      readerSays("wamid.F1", "Dernières infos : le pont de Kaya est fermé", {
        context: { forwarded: true },
      }),
    );
    expect(app.tips.list()).toMatchObject([{ forwarded: true, count: 1 }]);
  });

  it("/healthz and /metrics answer", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    await signed(readerSays("wamid.M1", "aide"));
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('suivez_outbox_messages{state="queued",kind="reply"} 1');
    expect(metrics).toContain("suivez_whatsapp_up 1");
  });
});
