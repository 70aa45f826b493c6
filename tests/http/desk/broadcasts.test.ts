import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ProgressEvent } from "../../../src/http/desk/pages/broadcasts.ts";
import { addReaders, chat } from "../../support/delivery-helpers.ts";
import { type DeskHarness, deskHarness, pageText } from "../../support/desk.ts";

let h: DeskHarness;
let token: string;
beforeEach(async () => {
  h = await deskHarness();
  addReaders(
    h.app,
    Array.from({ length: 6 }, (_, i) => ({ chatId: chat(i + 1), follows: ["Politique"] })),
    h.clock.now(),
  );
  await h.signIn();
  token = await h.csrf();
});
afterEach(() => h.close());

const post = (path: string, form: Record<string, string> = {}) =>
  h.request(path, { method: "POST", form: { _csrf: token, ...form } });

/** The first event of the progress stream. */
async function firstEvent(query = ""): Promise<ProgressEvent> {
  const res = await h.request(`/desk/diffusions/flux?once=1${query}`, {
    headers: { accept: "text/event-stream" },
  });
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const text = await res.text();
  const data = /^data: (.*)$/m.exec(text)?.[1];
  return JSON.parse(data ?? "null") as ProgressEvent;
}

describe("desk broadcasts", () => {
  it("shows a running broadcast's progress and streams it to the end", async () => {
    const id = h.newsroom.addArticle("aes");
    const receipt = h.app.delivery.desk.publish(id, "+22370000009");
    const page = await pageText(await h.request("/desk/diffusions"));
    expect(page).toContain(`data-broadcast="${receipt.broadcastId}"`);
    expect(page).toMatch(/0\/6 lecteurs · chaîne : en attente — fin estimée/);
    let event = await firstEvent();
    expect(event.broadcasts[0]).toMatchObject({ id: receipt.broadcastId, sent: 0, total: 6 });
    // The dispatcher sends everything: the bar the page watches ends « terminé ».
    await h.newsroom.dispatcher.drain();
    event = await firstEvent(`&ids=${receipt.broadcastId}`);
    expect(event.broadcasts[0]).toMatchObject({ sent: 6, total: 6, done: true });
    expect(event.broadcasts[0]?.text).toBe("6/6 lecteurs · chaîne : envoyée — terminé");
  });

  it("pauses and resumes all sending (the kill switch), audited, and the ETA says paused", async () => {
    const id = h.newsroom.addArticle("aes");
    h.app.delivery.desk.publish(id, "+22370000009");
    const paused = await pageText(await post("/desk/diffusions/pause"));
    expect(h.app.settings.isPaused()).toBe(true);
    expect(paused).toContain("Diffusions EN PAUSE");
    expect(paused).toContain("Reprendre les envois");
    expect((await firstEvent()).broadcasts[0]?.text).toMatch(/en pause|pause/i);
    await post("/desk/diffusions/reprise");
    expect(h.app.settings.isPaused()).toBe(false);
    const actions = h.app.audit.recent(10).map((a) => `${a.via}:${a.action}`);
    expect(actions).toContain("desk:pause");
    expect(actions).toContain("desk:resume");
  });

  it("cancels a broadcast: what was not sent will not go, and the page says how many went", async () => {
    const id = h.newsroom.addArticle("aes");
    const r = h.app.delivery.desk.publish(id, "+22370000009");
    const res = await post(`/desk/diffusions/${r.broadcastId}/annuler`);
    expect(await pageText(res)).toMatch(/annulée : \d+ messages ne partiront pas, 0 déjà envoyé/);
    expect(h.app.broadcasts.get(r.broadcastId)?.state).toBe("cancelled");
    const again = await post(`/desk/diffusions/${r.broadcastId}/annuler`);
    expect(again.status).toBe(400);
  });

  it("lists the history with sent, received and read counts", async () => {
    const id = h.newsroom.addArticle("aes");
    const r = h.app.delivery.desk.publish(id, "+22370000009");
    await h.newsroom.dispatcher.drain();
    // The readers' alerts (not the Channel post, nor the sign-in code sent to the editor).
    const sent = h.newsroom.transport.sent.filter(
      (m) => m.to.startsWith("2237000000") && m.to !== "22370000009@c.us",
    );
    for (const m of sent) {
      h.app.receipts.record({ transportId: m.transportId, status: "delivered", at: h.clock.now() });
    }
    h.clock.advance(60_000);
    for (const m of sent.slice(0, 2)) {
      h.app.receipts.record({ transportId: m.transportId, status: "read", at: h.clock.now() });
    }
    const page = await h.request("/desk/diffusions");
    const row = new RegExp(`<tr data-broadcast="${r.broadcastId}">(.*?)</tr>`).exec(
      await page.text(),
    )?.[1];
    expect(row).toContain("terminée");
    expect(row).toMatch(/<td>6\/6<\/td><td>6<\/td><td>2<\/td>/); // readers, the Channel apart
  });

  it("refuses the stream without a session", async () => {
    h.cookies.clear();
    const res = await h.request("/desk/diffusions/flux", {
      headers: { accept: "text/event-stream" },
    });
    expect(res.status).toBe(401);
  });
});

describe("desk broadcasts, a big one", () => {
  it("shows a broadcast's received and read in the history from the kept counts, however big", async () => {
    addReaders(
      h.app,
      Array.from({ length: 5_100 }, (_, i) => ({ chatId: chat(100 + i), follows: ["Politique"] })),
      h.clock.now(),
    );
    const id = h.newsroom.addArticle("aes");
    const receipt = h.app.delivery.desk.publish(id, "+22370000009");
    await h.newsroom.dispatcher.drain();
    const page = await pageText(await h.request("/desk/diffusions"));
    const row = new RegExp(`<tr data-broadcast="${receipt.broadcastId}">.*?</tr>`).exec(page)?.[0];
    // Over the 5,000 messages counted on the page before: now in the row itself, not fetched.
    // 5,100 + 6 readers, the Channel post apart (as the progress bars count).
    expect(row).toMatch(/<td>5\s106\/5\s106<\/td>/u);
    expect(row).not.toContain('class="receipts"');
    expect(row).toMatch(/<td>0<\/td><td>0<\/td><\/tr>$/);
  }, 120_000);
});
