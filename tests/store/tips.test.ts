import { describe, expect, it } from "vitest";
import { tipFingerprint, tipKeyWords } from "../../src/lib/tip-key.ts";
import { openDatabase } from "../../src/store/database.ts";
import { TipsRepo } from "../../src/store/tips.ts";

const at = (min: number) => new Date(Date.UTC(2026, 11, 1, 10, min));
const reader = (n: number) => `2237000000${n}@c.us`;

function repo() {
  return new TipsRepo(openDatabase(":memory:"));
}

describe("tip fingerprints: near-identical rumours are one tip", () => {
  it("sets aside the asking words, accents, case, order and punctuation", () => {
    const same = [
      "C'est vrai que le président est malade ?",
      "est-ce vrai que le president est malade??",
      "Le président serait malade, vérifiez svp 🙏",
      "Bonjour, RUMEUR : président malade. Info ou intox ?",
    ];
    const prints = new Set(same.map(tipFingerprint));
    expect(prints.size, same.map((s) => tipKeyWords(s).join(" ")).join(" | ")).toBe(1);
  });

  it("keeps different rumours apart", () => {
    expect(tipFingerprint("Le pont de Kaya est fermé ?")).not.toBe(
      tipFingerprint("Le pont de Bobo est fermé ?"),
    );
    expect(tipFingerprint("vérifiez svp")).not.toBe(tipFingerprint("merci de vérifier svp !"));
  });
});

describe("tips store", () => {
  it("counts copies and readers, newest first, and pages", () => {
    const tips = repo();
    const a = tips.record({
      chatId: reader(1),
      text: "C'est vrai que le pont de Kaya est fermé ?",
      language: "fr",
      forwarded: false,
      at: at(0),
    });
    expect(a).toMatchObject({ isNew: true, newSender: true, reopened: false });
    tips.record({
      chatId: reader(2),
      text: "Is it true that le pont de Kaya est fermé",
      language: "en",
      forwarded: true,
      at: at(1),
    });
    const again = tips.record({
      chatId: reader(2),
      text: "le pont de kaya est fermé ???",
      language: "en",
      forwarded: false,
      at: at(2),
    });
    expect(again).toMatchObject({ isNew: false, newSender: false });
    expect(again.tip).toMatchObject({
      id: a.tip.id,
      count: 3,
      readers: 2,
      forwarded: true,
      status: "open",
    });
    expect(again.tip.text).toBe("C'est vrai que le pont de Kaya est fermé ?");
    const b = tips.record({
      chatId: reader(3),
      text: "Les écoles ouvrent lundi à Ouaga ?",
      language: "fr",
      forwarded: false,
      at: at(3),
    });

    expect(tips.list().map((t) => t.id)).toEqual([b.tip.id, a.tip.id]);
    expect(tips.list({ order: "count" }).map((t) => t.id)).toEqual([a.tip.id, b.tip.id]);
    expect(tips.list({ limit: 1, offset: 1 }).map((t) => t.id)).toEqual([a.tip.id]);
    expect(tips.senders(a.tip.id).map((s) => [s.chatId, s.language, s.count])).toEqual([
      [reader(1), "fr", 1],
      [reader(2), "en", 2],
    ]);
    expect(tips.countByStatus()).toEqual({ open: 2, answered: 0, closed: 0 });
  });

  it("answers every reader of a tip, closes, and reopens a closed rumour that comes back", () => {
    const tips = repo();
    const t = tips.record({
      chatId: reader(1),
      text: "Le couvre-feu est levé à Niamey ?",
      language: "fr",
      forwarded: false,
      at: at(0),
    }).tip;
    tips.record({
      chatId: reader(2),
      text: "couvre feu levé a Niamey, c'est vrai ?",
      language: "en",
      forwarded: false,
      at: at(1),
    });
    const to = tips.answer(t.id, "Non : il reste en vigueur.", "+22376000000", at(5));
    expect(to?.map((s) => s.chatId)).toEqual([reader(1), reader(2)]);
    expect(tips.get(t.id)).toMatchObject({
      status: "answered",
      answer: "Non : il reste en vigueur.",
    });
    expect(tips.pendingAnswers(reader(2)).map((p) => p.tip.id)).toEqual([t.id]);
    tips.markSenderAnswered(t.id, reader(1), at(5));
    expect(tips.pendingAnswers(reader(1))).toEqual([]);
    expect(tips.senders(t.id).map((s) => s.answeredAt?.getTime() ?? null)).toEqual([
      at(5).getTime(),
      null,
    ]);
    expect(tips.answer(999, "x", "+22376000000", at(5))).toBeNull();

    const u = tips.record({
      chatId: reader(3),
      text: "Grève des taxis demain à Dakar ?",
      language: "fr",
      forwarded: false,
      at: at(6),
    }).tip;
    expect(tips.close(u.id, "+22376000000", at(7))).toMatchObject({ status: "closed" });
    expect(tips.list().map((x) => x.id)).toEqual([]);
    expect(tips.list({ status: "all" })).toHaveLength(2);
    const back = tips.record({
      chatId: reader(4),
      text: "grève des taxis demain a Dakar",
      language: "fr",
      forwarded: false,
      at: at(8),
    });
    expect(back).toMatchObject({
      reopened: true,
      tip: { status: "open", closedAt: null, count: 2 },
    });
  });

  it("forgets a reader who erases their data, keeping the other readers' copies", () => {
    const tips = repo();
    const t = tips.record({
      chatId: reader(1),
      text: "Le marché de Rood Woko a brûlé ?",
      language: "fr",
      forwarded: false,
      at: at(0),
    }).tip;
    tips.record({
      chatId: reader(2),
      text: "Rood Woko marché brûlé, vérifiez",
      language: "fr",
      forwarded: false,
      at: at(1),
    });
    const only = tips.record({
      chatId: reader(1),
      text: "Mon voisin dit que l'eau est coupée",
      language: "fr",
      forwarded: false,
      at: at(2),
    }).tip;
    expect(tips.eraseReader(reader(1))).toBe(2);
    expect(tips.get(only.id)).toBeNull();
    expect(tips.get(t.id)).toMatchObject({
      readers: 1,
      count: 1,
      text: "Rood Woko marché brûlé, vérifiez",
    });
    expect(tips.senders(t.id).map((s) => s.chatId)).toEqual([reader(2)]);
  });
});
