import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDispatcher } from "../../../src/app/delivery.ts";
import { clockSleep } from "../../../src/dispatcher/dispatcher.ts";
import { CloudTransport } from "../../../src/transport/cloud/cloud-transport.ts";
import { harness } from "../../support/delivery.ts";
import { addReaders, chat } from "../../support/delivery-helpers.ts";
import { type RunningPrism, startPrism } from "./prism.ts";

// Meta's API as Prism mocks it from the vendored OpenAPI spec: a request the spec forbids
// gets a 4xx, which the transport turns into a refusal — every message must go through.
let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism();
}, 90_000);
afterAll(async () => {
  await prism?.stop();
});

const N = 12;

describe("the Cloud API transport against Meta's spec (Prism)", () => {
  it("a broadcast to N readers makes N valid requests: text inside the 24 h window, the template outside", async () => {
    const h = await harness({
      env: {
        CHANNEL_ID: "",
        WHATSAPP_TRANSPORT: "cloud",
        CLOUD_API_BASE_URL: prism.url,
        CLOUD_PHONE_NUMBER_ID: "106540352242922",
        CLOUD_API_TOKEN: "EAAtest-token",
        CLOUD_APP_SECRET: "secret",
        CLOUD_VERIFY_TOKEN: "verify",
        CLOUD_TEMPLATE_ALERT: "suivez_alerte",
        CLOUD_TEMPLATE_PARAMS: "title,link",
      },
    });
    const now = h.clock.now();
    const longAgo = new Date(now.getTime() - 3 * 24 * 3600_000);
    const readers = Array.from({ length: N }, (_, i) => ({
      chatId: chat(i),
      follows: ["Politique"],
    }));
    // Half wrote this morning (window open), half three days ago (template only).
    addReaders(h.app, readers.slice(0, N / 2), now);
    addReaders(h.app, readers.slice(N / 2), longAgo);
    const cloud = new CloudTransport({
      cloud: h.app.config.cloud,
      log: h.app.log,
      lastInbound: (id) => h.app.subscribers.get(id)?.lastSeenAt ?? null,
      now: () => h.clock.now().getTime(),
    });
    await cloud.start({ onMessage: () => {}, onStatus: () => {} });
    const dispatcher = createDispatcher(h.app, h.app.delivery, cloud, {
      sleep: clockSleep(h.clock),
    });
    const id = h.addArticle("aes");
    const receipt = h.app.delivery.desk.publish(id, "cli");
    expect(receipt.recipients).toBe(N);

    await dispatcher.drain({ until: new Date(now.getTime() + 3600_000) });
    await cloud.stop();

    const rows = h.app.outbox.countsByStateAndKind();
    expect(rows).toEqual([{ state: "sent", kind: "alert", count: N }]);
    expect([...cloud.counters.refused]).toEqual([]);
    expect(cloud.counters.sent).toBe(N);
    expect(cloud.counters.templates).toBe(N / 2);
    expect(prism.violations).toEqual([]);
    h.app.close();
  }, 60_000);

  it("Prism does refuse what the spec forbids (the test would see a wrong request)", async () => {
    const response = await fetch(`${prism.url}/v23.0/106540352242922/messages`, {
      method: "POST",
      headers: { authorization: "Bearer EAAtest", "content-type": "application/json" },
      body: JSON.stringify({ messaging_product: "whatsapp", to: "22370000001", type: "text" }),
    });
    expect(response.status).toBe(422);
  });
});
