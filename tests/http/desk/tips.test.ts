import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addReaders, chat } from "../../support/delivery-helpers.ts";
import { type DeskHarness, deskHarness, pageText } from "../../support/desk.ts";

let h: DeskHarness;
let token: string;
beforeEach(async () => {
  h = await deskHarness();
  addReaders(
    h.app,
    [{ chatId: chat(1) }, { chatId: chat(2), language: "en" }, { chatId: chat(3) }],
    h.clock.now(),
  );
  await h.signIn();
  token = await h.csrf();
});
afterEach(() => h.close());

/** The same rumour from two readers (one tip), and a question from a third. */
function seedTips(): { bridge: number; question: number } {
  const at = h.clock.now();
  const tips = h.app.tips;
  const bridge = tips.record({
    chatId: chat(1),
    text: "C'est vrai que le pont de Kaya est fermé ?",
    language: "fr",
    forwarded: false,
    at,
  });
  tips.record({
    chatId: chat(2),
    text: "le pont de Kaya est fermé ?? vérifiez svp",
    language: "en",
    forwarded: false,
    at,
  });
  const question = tips.record({
    chatId: chat(3),
    text: "Quand reprennent les cours à Ouagadougou ?",
    language: "fr",
    forwarded: true,
    at,
  });
  return { bridge: bridge.tip.id, question: question.tip.id };
}

describe("desk signalements (readers' tips)", () => {
  it("lists the open tips with their counts, numbers masked", async () => {
    const { bridge } = seedTips();
    const text = await pageText(await h.request("/desk/signalements"));
    expect(text).toContain("C'est vrai que le pont de Kaya est fermé ?");
    expect(text).toMatch(new RegExp(`data-tip="${bridge}".*<td>2 \\(2\\)</td>`));
    expect(text).toContain("transféré");
    expect(text).toContain("2 à traiter");
    expect(text).not.toMatch(/2237000000\d/);
    const frequent = await pageText(await h.request("/desk/signalements?filtre=frequents"));
    expect(frequent.indexOf("pont de Kaya")).toBeLessThan(frequent.indexOf("Ouagadougou"));
  });

  it("answers every reader of a tip in their language through the outbox, audited", async () => {
    const { bridge } = seedTips();
    const detail = await pageText(await h.request(`/desk/signalements/${bridge}`));
    expect(detail).toMatch(/\+223•+01/);
    expect(detail).not.toContain("22370000001");
    const res = await h.request(`/desk/signalements/${bridge}/repondre`, {
      method: "POST",
      form: { _csrf: token, reponse: "Faux : le pont de Kaya est ouvert, vérifié ce matin." },
    });
    expect(res.status).toBe(200);
    expect(await pageText(res)).toMatch(/Envoyée maintenant à 2 lecteurs/);
    await h.newsroom.dispatcher.drain();
    const to1 = h.newsroom.transport.sentTo(chat(1)).at(-1) ?? "";
    const to2 = h.newsroom.transport.sentTo(chat(2)).at(-1) ?? "";
    expect(to1).toContain("Faux : le pont de Kaya est ouvert");
    expect(to2).toContain("Faux : le pont de Kaya est ouvert");
    expect(to1).not.toBe(to2); // each in their own language around the answer
    expect(h.app.tips.get(bridge)?.status).toBe("answered");
    const entry = h.app.audit.recent(5).find((a) => a.action === "tip-answer");
    expect(entry).toMatchObject({ via: "desk", outcome: "ok", target: String(bridge) });
    const answered = await pageText(await h.request("/desk/signalements?filtre=repondus"));
    expect(answered).toContain("pont de Kaya");
  });

  it("refuses an empty or too long answer in French and sends nothing", async () => {
    const { bridge } = seedTips();
    await h.newsroom.dispatcher.drain();
    const before = h.newsroom.transport.sent.length;
    const empty = await h.request(`/desk/signalements/${bridge}/repondre`, {
      method: "POST",
      form: { _csrf: token, reponse: "  " },
    });
    expect(empty.status).toBe(400);
    expect(await pageText(empty)).toContain("Écrivez une réponse avant d'envoyer.");
    const long = await h.request(`/desk/signalements/${bridge}/repondre`, {
      method: "POST",
      form: { _csrf: token, reponse: "x".repeat(1001) },
    });
    expect(await pageText(long)).toContain("Réponse trop longue : 1000 caractères au plus.");
    await h.newsroom.dispatcher.drain();
    expect(h.newsroom.transport.sent.length).toBe(before);
    expect(h.app.tips.get(bridge)?.status).toBe("open");
  });

  it("closes a tip without answering, and an unknown tip is a 404", async () => {
    const { question } = seedTips();
    const res = await h.request(`/desk/signalements/${question}/classer`, {
      method: "POST",
      form: { _csrf: token },
    });
    expect(await pageText(res)).toContain("classé sans réponse");
    expect(h.app.tips.get(question)?.status).toBe("closed");
    expect((await h.request("/desk/signalements/999")).status).toBe(404);
  });
});
