import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { whatsappHtml } from "../../../src/http/desk/whatsapp-html.ts";
import { prepareArticle } from "../../../src/ingest/prepare.ts";
import { alert, channelPost } from "../../../src/messages/templates.ts";
import { fixtureArticle } from "../../support/delivery.ts";
import { addReaders, chat } from "../../support/delivery-helpers.ts";
import { type DeskHarness, deskHarness, EDITOR, pageText } from "../../support/desk.ts";

let h: DeskHarness;
let token: string;
beforeEach(async () => {
  h = await deskHarness();
  addReaders(
    h.app,
    [1, 2, 3].map((n) => ({
      chatId: chat(n),
      follows: ["Politique"],
      language: n === 3 ? "en" : "fr",
    })),
    h.clock.now(),
  );
  await h.signIn();
  token = await h.csrf();
});
afterEach(() => h.close());

const hour = 3600_000;
const post = (path: string, form: Record<string, string> = {}) =>
  h.request(path, { method: "POST", form: { _csrf: token, ...form } });

describe("desk articles", () => {
  it("lists every article newest first with its state, drafts and future-dated ones included", async () => {
    const now = h.clock.now().getTime();
    const old = h.newsroom.addArticle("coton", { publishedAt: new Date(now - 5 * hour) });
    const draft = h.newsroom.addArticle("aigles", {
      status: "draft",
      publishedAt: new Date(now - hour),
    });
    const future = h.newsroom.addArticle("paludisme", { publishedAt: new Date(now + 24 * hour) });
    const text = await pageText(await h.request("/desk/articles"));
    const order = [future, draft, old].map((id) => text.indexOf(`data-article="${id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain("brouillon");
    expect(text).toContain("daté dans le futur");
    expect(text).toContain("publié, pas encore diffusé");
  });

  it("searches (drafts too) and filters by rubric", async () => {
    h.newsroom.addArticle("coton");
    const aes = h.newsroom.addArticle("aes");
    const draft = h.newsroom.addArticle("aigles", { status: "draft" });
    const found = await pageText(await h.request("/desk/articles?q=moscou"));
    expect(found).toContain(`data-article="${aes}"`);
    expect(found).not.toContain("Campagne cotonnière");
    expect(await pageText(await h.request("/desk/articles?q=aigles"))).toContain(
      `data-article="${draft}"`,
    );
    const sport = await pageText(await h.request("/desk/articles?rubrique=Politique"));
    expect(sport).toContain(`data-article="${aes}"`);
    expect(sport).not.toContain("Campagne cotonnière");
    expect(await pageText(await h.request("/desk/articles?q=zzzzqx"))).toContain(
      "Aucun article ne contient « zzzzqx »",
    );
  });

  it("shows the summary as the Channel and the readers get it, in French and in English", async () => {
    const id = h.newsroom.addArticle("aes");
    const article = h.app.articles.get(id);
    if (!article) throw new Error("no article");
    const ctx = (language: "fr" | "en") => ({
      language,
      timeZone: "Africa/Bamako",
      channelLink: null,
    });
    const html = await (await h.request(`/desk/articles/${id}`)).text();
    expect(html).toContain(whatsappHtml(channelPost(article, ctx("fr"))));
    expect(html).toContain(whatsappHtml(alert(article, ctx("fr"))));
    expect(html).toContain(whatsappHtml(alert(article, ctx("en"))));
  });

  it("publishes now through the Desk: Channel post and alerts queued, a receipt, an audit line", async () => {
    const id = h.newsroom.addArticle("aes");
    const res = await post(`/desk/articles/${id}/publier`);
    expect(res.status).toBe(200);
    const text = await pageText(res);
    expect(text).toContain("Accusé de diffusion");
    expect(text).toMatch(/3 lecteurs/);
    const b = h.app.broadcasts.recent(1)[0];
    expect(b?.articleId).toBe(id);
    expect(h.app.broadcasts.counts(b?.id ?? 0).total).toBe(4);
    const line = h.app.audit.recent(5).find((a) => a.action === "publish");
    expect(line).toMatchObject({ actor: EDITOR, via: "desk", target: String(id), outcome: "ok" });
  });

  it("asks before an article older than 48 h goes out, as on the phone; « Non » sends nothing", async () => {
    const id = h.newsroom.addArticle("aes", {
      publishedAt: new Date(h.clock.now().getTime() - 72 * hour),
    });
    const ask = await pageText(await post(`/desk/articles/${id}/publier`));
    expect(ask).toMatch(/envoyer à 3 lecteurs et à la chaîne \?/);
    expect(h.app.broadcasts.recent(1)).toEqual([]);
    await post("/desk/confirmation/non");
    expect(h.app.broadcasts.recent(1)).toEqual([]);
    await post(`/desk/articles/${id}/publier`);
    const done = await pageText(await post("/desk/confirmation"));
    expect(done).toContain("Accusé de diffusion");
    expect(h.app.broadcasts.recent(1)[0]?.articleId).toBe(id);
  });

  it("schedules a future-dated article for its own date unless forced", async () => {
    const at = new Date(h.clock.now().getTime() + 5 * hour);
    const id = h.newsroom.addArticle("aes", { publishedAt: at });
    await post(`/desk/articles/${id}/publier`);
    expect(h.app.broadcasts.scheduled()[0]?.scheduledFor?.getTime()).toBe(at.getTime());
    const list = await pageText(await h.request("/desk/articles"));
    expect(list).toContain("diffusion programmée");
  });

  it("schedules at a time typed in the newsroom's zone, and says what to fix for a past one", async () => {
    const id = h.newsroom.addArticle("aes");
    // Bamako is UTC+0: 2026-12-01 18:00 local is 18:00Z.
    await post(`/desk/articles/${id}/programmer`, { quand: "2026-12-01T18:00" });
    expect(h.app.broadcasts.scheduled()[0]?.scheduledFor?.toISOString()).toBe(
      "2026-12-01T18:00:00.000Z",
    );
    const past = await post(`/desk/articles/${id}/programmer`, { quand: "2026-12-01T08:00" });
    expect(past.status).toBe(400);
    expect(await pageText(past)).toMatch(/passé|past/i);
  });

  it("asks before scheduling an article older than 48 h, as for publishing it", async () => {
    const id = h.newsroom.addArticle("aes", {
      publishedAt: new Date(h.clock.now().getTime() - 72 * hour),
    });
    const ask = await pageText(
      await post(`/desk/articles/${id}/programmer`, { quand: "2026-12-01T18:00" }),
    );
    expect(ask).toMatch(/programmer pour 01\/12\/2026 18:00, à 3 lecteurs et à la chaîne \?/);
    expect(ask).toContain("Oui, programmer");
    expect(h.app.broadcasts.scheduled()).toEqual([]);
    const done = await pageText(await post("/desk/confirmation"));
    expect(done).toContain("Accusé de diffusion");
    expect(h.app.broadcasts.scheduled()[0]?.scheduledFor?.toISOString()).toBe(
      "2026-12-01T18:00:00.000Z",
    );
  });

  it("refuses a draft with the phone's reason, and an unknown id with a 404", async () => {
    const id = h.newsroom.addArticle("aes", { status: "draft" });
    expect(await pageText(await h.request(`/desk/articles/${id}`))).toContain("Brouillon");
    const refused = await post(`/desk/articles/${id}/publier`);
    expect(refused.status).toBe(400);
    expect((await h.request("/desk/articles/999")).status).toBe(404);
  });

  it("refuses a publish without the form's token", async () => {
    const id = h.newsroom.addArticle("aes");
    const res = await h.request(`/desk/articles/${id}/publier`, { method: "POST", form: {} });
    expect(res.status).toBe(403);
    expect(h.app.broadcasts.recent(1)).toEqual([]);
  });

  it("links an article's address only when it is a web one: a javascript: address stays inert text", async () => {
    const input = fixtureArticle("coton");
    const prepared = prepareArticle(
      {
        ...input,
        publishedAt: h.clock.now(),
        url: "javascript:fetch('/desk/diffusions/pause',{method:'POST'})",
      },
      { summaryMaxChars: 280 },
    );
    const { id } = h.app.articles.upsert(prepared, h.clock.now(), { known: true });
    const res = await h.request(`/desk/articles/${id}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toMatch(/href="\s*javascript:/i);
    expect(page).toContain("javascript:fetch(");
  });
});
