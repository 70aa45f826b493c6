import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { silentLogger } from "../../../src/log.ts";
import { CloudTransport } from "../../../src/transport/cloud/cloud-transport.ts";
import { transportContract } from "../contract.ts";

// A local stand-in for Meta's API that keeps what it was asked to send.
const received: { to: string; body: string }[] = [];
let server: http.Server;
let base = "";
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => {
      raw += c.toString("utf8");
    });
    req.on("end", () => {
      const m = JSON.parse(raw) as { to: string; text?: { body: string } };
      received.push({ to: m.to, body: m.text?.body ?? "" });
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          messaging_product: "whatsapp",
          messages: [{ id: `wamid.${received.length}` }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let serial = 0;
transportContract("CloudTransport (local fake of Meta's API)", () => {
  const config = loadConfig({
    DATABASE_PATH: ":memory:",
    WHATSAPP_TRANSPORT: "cloud",
    CLOUD_API_BASE_URL: base,
    CLOUD_PHONE_NUMBER_ID: "106540352242922",
    CLOUD_API_TOKEN: "EAAtest",
    CLOUD_APP_SECRET: "s",
    CLOUD_VERIFY_TOKEN: "v",
  });
  const transport = new CloudTransport({
    cloud: config.cloud,
    log: silentLogger(),
    lastInbound: () => null,
  });
  return {
    transport,
    bringUp: (handlers) => transport.start(handlers),
    deliverText: async (from, text) => {
      serial++;
      const phone = from.replace(/@c\.us$/, "");
      await transport.receiveWebhook({
        object: "whatsapp_business_account",
        entry: [
          {
            changes: [
              {
                field: "messages",
                value: {
                  contacts: [{ wa_id: phone }],
                  messages: [
                    {
                      from: phone,
                      id: `wamid.IN${serial}`,
                      timestamp: "1743584400",
                      type: "text",
                      text: { body: text },
                    },
                  ],
                },
              },
            ],
          },
        ],
      });
    },
    sentTo: (to) => received.filter((r) => `${r.to}@c.us` === to).map((r) => r.body),
  };
});
