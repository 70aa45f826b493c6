import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReadersData, SentData } from "../../../src/http/desk/reach-data.ts";
import { addReaders, chat } from "../../support/delivery-helpers.ts";
import { type DeskHarness, deskHarness, pageText } from "../../support/desk.ts";

let h: DeskHarness;
beforeEach(async () => {
  h = await deskHarness();
  await h.signIn();
});
afterEach(() => h.close());

const DAY = 86_400_000;

describe("desk audience", () => {
  it("draws readers over time per rubric from the store's history, as JSON and as tables", async () => {
    const now = h.clock.now();
    const earlier = new Date(now.getTime() - 3 * DAY);
    addReaders(
      h.app,
      Array.from({ length: 5 }, (_, i) => ({ chatId: chat(i + 1), follows: ["Politique"] })),
      earlier,
    );
    addReaders(h.app, [{ chatId: chat(9), follows: ["Sport"] }], now);
    h.app.subscribers.touch(chat(1), now, "fr");
    h.app.subscribers.stop(chat(1), now);
    const res = await h.request("/desk/audience/lecteurs.json", {
      headers: { accept: "application/json" },
    });
    expect(res.headers.get("content-type")).toContain("application/json");
    const data = (await res.json()) as ReadersData;
    expect(data.days).toHaveLength(30);
    expect(data.days.at(-1)).toBe("2026-12-01");
    const service = data.series[0];
    expect(service?.key).toBe("");
    expect(service?.active.at(-1)).toBe(5);
    expect(service?.active.at(-4)).toBe(5);
    expect(service?.active.at(-5)).toBe(0);
    expect(service?.stopped.at(-1)).toBe(1);
    expect(service?.subscribed.at(-1)).toBe(1);
    const politique = data.series.find((s) => s.key === "politique");
    expect(politique?.active.at(-1)).toBe(5);
    expect(data.series.map((s) => s.key)).toContain("sport");
    const page = await pageText(await h.request("/desk/audience"));
    expect(page).toContain('id="chart-readers"');
    expect(page).toContain("/desk/assets/uplot.js");
    expect(page).toMatch(
      /<tr data-rubric="politique"><td>[^<]+<\/td><td>5<\/td><td>5<\/td><td>0<\/td>/,
    );
    expect(page).not.toMatch(/22370000\d{3}/);
  });

  it("counts messages sent per day by kind, and delivery and read rates per broadcast", async () => {
    addReaders(
      h.app,
      Array.from({ length: 4 }, (_, i) => ({ chatId: chat(i + 1), follows: ["Politique"] })),
      h.clock.now(),
    );
    const id = h.newsroom.addArticle("aes");
    const r = h.app.delivery.desk.publish(id, "+22370000009");
    await h.newsroom.dispatcher.drain();
    const sent = h.newsroom.transport.sent.filter(
      (m) => m.to !== "channel" && m.text.includes("Moscou"),
    );
    expect(sent.length).toBe(4);
    for (const m of sent.slice(0, 3))
      h.app.receipts.record({ transportId: m.transportId, status: "delivered", at: h.clock.now() });
    h.app.receipts.record({
      transportId: sent[0]?.transportId ?? "",
      status: "read",
      at: h.clock.now(),
    });
    const s = (await (await h.request("/desk/audience/envois.json")).json()) as SentData;
    expect(s.kinds.alert.at(-1)).toBe(4);
    expect(s.kinds.channel.at(-1)).toBe(1);
    expect(s.total.at(-1)).toBeGreaterThanOrEqual(5);
    const rates = (await (await h.request("/desk/audience/diffusions.json")).json()) as {
      broadcasts: { id: number; sent: number; delivered: number; read: number }[];
    };
    expect(rates.broadcasts[0]).toMatchObject({ id: r.broadcastId, delivered: 3, read: 1 });
    const page = await pageText(await h.request("/desk/audience"));
    expect(page).toMatch(/<tr data-broadcast="\d+">.*\(60 %\).*\(20 %\)/);
    expect(page).toContain('id="channel-table"');
    expect(page).toMatch(/publiée/);
  });

  it("shows the feeds' health: healthy, failing with its error, never read", async () => {
    const now = h.clock.now();
    const ok = h.app.feeds.add(
      { url: "https://lesahelinfo.example/feed/", intervalMs: 600_000 },
      now,
    );
    h.app.feeds.recordPoll(
      ok.id,
      {
        status: "ok",
        httpStatus: 200,
        error: null,
        nextPollAt: now,
        consecutiveFailures: 0,
        success: true,
        title: "Le Sahel Info",
      },
      now,
    );
    const bad = h.app.feeds.add(
      { url: "https://bamako-direct.example/rss", intervalMs: 600_000 },
      now,
    );
    h.app.feeds.recordPoll(
      bad.id,
      {
        status: "error",
        httpStatus: 503,
        error: "HTTP 503 Service Unavailable",
        nextPollAt: now,
        consecutiveFailures: 3,
        success: false,
      },
      now,
    );
    h.app.feeds.add({ url: "https://nouveau.example/atom.xml", intervalMs: 600_000 }, now);
    const page = await pageText(await h.request("/desk/audience"));
    expect(page).toContain("Le Sahel Info");
    expect(page).toMatch(/en échec.*HTTP 503 Service Unavailable/s);
    expect(page).toContain("jamais lu");
    expect(page).toContain("sain");
  });

  it("serves uPlot from its npm package, and answers in English", async () => {
    const js = await h.request("/desk/assets/uplot.js");
    expect(js.headers.get("content-type")).toContain("javascript");
    expect(await js.text()).toContain("uPlot");
    const en = await pageText(await h.request("/desk/audience?lang=en&jours=7"));
    expect(en).toContain("Messages sent per day");
    const data = (await (
      await h.request("/desk/audience/lecteurs.json?jours=7")
    ).json()) as ReadersData;
    expect(data.days).toHaveLength(7);
  });

  it("is behind sign-in, JSON endpoints included", async () => {
    h.cookies.clear();
    const res = await h.request("/desk/audience/lecteurs.json", {
      headers: { accept: "application/json" },
    });
    expect(res.status).not.toBe(200);
  });
});
