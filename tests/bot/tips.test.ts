import { describe, expect, it } from "vitest";
import { EDITOR, EDITOR_PHONE, harness } from "../support/bot.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

/** The tips inbox through the real bot: readers' rumours in, the editors' answers out. */
async function inbox() {
  const h = await harness({ start: "2026-12-01T10:00:00Z" });
  addReaders(
    h.app,
    [
      { chatId: chat(1) },
      { chatId: chat(2), language: "en" },
      { chatId: chat(3) },
      { chatId: chat(4) },
    ],
    h.clock.now(),
  );
  return h;
}

describe("a reader's tip", () => {
  it("is acknowledged honestly, stored once with a count, and a second copy is not a new tip", async () => {
    const h = await inbox();
    const [ack] = await h.say("C'est vrai que le pont de Kaya est fermé ?", chat(1));
    expect(ack).toBe(
      "Merci, c'est noté : la rédaction va vérifier. Nous vous répondrons ici si nous avons une réponse — ce n'est pas toujours possible, ni immédiat.",
    );
    const [en] = await h.say("le pont de Kaya est fermé ?? vérifiez svp", chat(2));
    expect(en).toMatch(/^Thanks, noted: the newsroom will check\./);
    const [again] = await h.say("Le pont de Kaya est fermé, c'est vrai ?", chat(1));
    expect(again).toMatch(/^Nous avons déjà votre message/);
    const tips = h.app.tips.list();
    expect(tips).toHaveLength(1);
    expect(tips[0]).toMatchObject({ count: 3, readers: 2, status: "open" });
  });

  it("takes a forwarded message as a tip, whatever command it looks like, but never a forwarded stop", async () => {
    const h = await inbox();
    const [ack] = await h.say("Dernières infos : les frontières ferment demain à minuit", chat(3), {
      forwarded: true,
    });
    expect(ack).toMatch(/^Merci, c'est noté/);
    expect(h.app.tips.list()[0]).toMatchObject({ forwarded: true });
    const [stop] = await h.say("stop", chat(3), { forwarded: true });
    expect(stop).toMatch(/^C'est fait : vous ne recevrez plus rien/);
    expect(h.app.tips.list()).toHaveLength(1);
  });

  it("welcomes a newcomer whose first message is a tip, without subscribing them", async () => {
    const h = await inbox();
    const replies = await h.say("Il paraît que le marché de Rood Woko a brûlé", chat(9));
    expect(replies[0]).toMatch(/^Merci, c'est noté/);
    expect(replies[1]).toMatch(/^Bonjour !/);
    expect(h.app.subscribers.get(chat(9))?.optedInAt).toBeNull();
  });

  it("goes when the reader erases their data", async () => {
    const h = await inbox();
    await h.say("Est-ce vrai que les écoles ferment lundi à Ouaga ?", chat(1));
    await h.say("supprimer mes données", chat(1));
    expect(h.app.tips.list({ status: "all" })).toEqual([]);
  });
});

describe("the editors' inbox", () => {
  it("lists tips newest or most frequent first with masked numbers, answers every reader in their language, closes, audits", async () => {
    const h = await inbox();
    await h.say("C'est vrai que le pont de Kaya est fermé ?", chat(1));
    await h.say("le pont de Kaya est fermé ?? vérifiez svp", chat(2));
    await h.say("Il y a eu un accident grave à Yopougon, venez filmer", chat(3));

    const [list] = await h.say("/signalements", EDITOR);
    const lines = list?.split("\n") ?? [];
    expect(lines[0]).toBe("*Signalements* — 2 à traiter, 0 répondu, 0 classé");
    expect(lines[1]).toMatch(/^n° 2 · 1× \(1 lecteur\) · \d\d:\d\d$/);
    expect(lines[3]).toMatch(/^n° 1 · 2× \(2 lecteurs\) · \d\d:\d\d$/);
    expect(lines[4]).toBe("« C'est vrai que le pont de Kaya est fermé ? » — +223••••••01");
    expect(list).not.toContain("22370000001");
    const [top] = await h.say("/signalements frequents", EDITOR);
    expect(top?.split("\n")[1]).toMatch(/^n° 1 · 2×/);

    const [receipt] = await h.say(
      "/repondre 1 Non : le pont est ouvert, la mairie l'a confirmé ce matin.",
      EDITOR,
    );
    expect(receipt).toBe(
      "Réponse enregistrée (signalement n° 1).\nEnvoyée maintenant à 2 lecteurs (leur message date de moins de 24 h).",
    );
    expect(h.repliesTo(chat(1)).at(-1)).toBe(
      "*Réponse de la rédaction* à votre message « C'est vrai que le pont de Kaya est fermé ? » :\n\nNon : le pont est ouvert, la mairie l'a confirmé ce matin.",
    );
    expect(h.repliesTo(chat(2)).at(-1)).toMatch(
      /^\*The newsroom's answer\* to your message “le pont de Kaya est fermé \?\? vérifiez svp”:\n\nNon : le pont/,
    );
    // The same rumour again: the answer at once.
    const [known] = await h.say("Le pont de Kaya est fermé ?", chat(4));
    expect(known).toBe(
      "Merci. La rédaction a déjà répondu à ce sujet :\n\nNon : le pont est ouvert, la mairie l'a confirmé ce matin.",
    );

    const [closed] = await h.say("/classer 2", EDITOR);
    expect(closed).toMatch(/^Signalement n° 2 classé sans réponse \(1 message\)/);
    const [none] = await h.say("/signalements", EDITOR);
    expect(none).toBe("Aucun signalement à traiter. (/signalements tous pour voir les autres)");
    expect(
      h.app.audit.recent(5).map((e) => `${e.action}:${e.outcome}:${e.target ?? ""}:${e.actor}`),
    ).toEqual([
      `tips:ok::${EDITOR_PHONE}`,
      `tip-close:ok:2:${EDITOR_PHONE}`,
      `tip-answer:ok:1:${EDITOR_PHONE}`,
      `tips:ok:frequents:${EDITOR_PHONE}`,
      `tips:ok::${EDITOR_PHONE}`,
    ]);
  });

  it("keeps an answer for a reader outside the 24-hour window until they write, and sends none after a stop", async () => {
    const h = await inbox();
    await h.say("Est-ce que le couvre-feu reprend ce soir à Abidjan ?", chat(1));
    await h.say("couvre-feu ce soir à Abidjan, c'est vrai ?", chat(3));
    await h.say("Le couvre-feu reprend ce soir à Abidjan ?", chat(4));
    await h.say("stop", chat(4));
    h.clock.advance(30 * 3_600_000);
    await h.say("Est-ce que le couvre-feu reprend ce soir à Abidjan ?", chat(3));
    const [receipt] = await h.say("/repondre 1 Non, aucun couvre-feu n'est annoncé.", EDITOR);
    expect(receipt?.split("\n")).toEqual([
      "Réponse enregistrée (signalement n° 1).",
      "Envoyée maintenant à 1 lecteur (son message date de moins de 24 h).",
      "1 lecteur nous a écrit il y a plus de 24 h : WhatsApp n'autorise alors qu'un message modèle approuvé, la réponse partira donc à son prochain message.",
      "1 lecteur s'est désabonné : rien ne lui est envoyé.",
    ]);
    expect(h.repliesTo(chat(1)).some((r) => r.startsWith("*Réponse de la rédaction*"))).toBe(false);
    const replies = await h.say("dernières", chat(1));
    expect(replies[0]).toMatch(
      /^\*Réponse de la rédaction\* à votre message « Est-ce que le couvre-feu/,
    );
    expect(replies[1]).toMatch(/Dernières informations/);
    expect(h.repliesTo(chat(4)).some((r) => r.includes("aucun couvre-feu"))).toBe(false);
  });

  it("answers a wrong or missing argument with the right form and a real example", async () => {
    const h = await inbox();
    const [empty] = await h.say("/repondre", EDITOR);
    expect(empty).toContain("ex. /repondre 1 Non, le pont est ouvert");
    expect(empty).toContain("(aucun signalement pour l'instant)");
    await h.say("C'est vrai que le bac est annulé ?", chat(1));
    const [noText] = await h.say("/repondre 1", EDITOR);
    expect(noText).toMatch(
      /^Écrivez \/repondre, le numéro du signalement et la réponse, ex\. \/repondre 1 /,
    );
    expect(await h.say("/repondre 42 Non.", EDITOR)).toEqual([
      "Aucun signalement n° 42. /signalements pour la liste.",
    ]);
    expect(await h.say("/classer un", EDITOR)).toEqual([
      "Écrivez /classer suivi du numéro du signalement, ex. /classer 1 (/signalements pour la liste).",
    ]);
    const [filter] = await h.say("/signalements hier", EDITOR);
    expect(filter).toBe(
      "Écrivez /signalements, ou /signalements frequents, repondus, classes, tous, ou /signalements N pour un signalement en entier.",
    );
    const [long] = await h.say(`/repondre 1 ${"x".repeat(1001)}`, EDITOR);
    expect(long).toBe("Réponse trop longue : 1000 caractères au plus. Raccourcissez-la.");
    expect(h.app.tips.get(1)?.status).toBe("open");
  });

  it("shows one tip in full with every reader masked, and speaks English to an English editor", async () => {
    const h = await inbox();
    await h.say("C'est vrai que le pont de Kaya est fermé ?", chat(1));
    await h.say("le pont de Kaya est fermé ?? vérifiez svp", chat(2));
    await h.say("le pont de Kaya est fermé ?? vérifiez svp", chat(2));
    const [detail] = await h.say("/signalements 1", EDITOR);
    expect(detail?.split("\n")).toEqual([
      "*Signalement n° 1* · 3× (2 lecteurs) · à traiter",
      "« C'est vrai que le pont de Kaya est fermé ? »",
      "- +223••••••01 · 10:00 : « C'est vrai que le pont de Kaya est fermé ? »",
      "- +223••••••02 · 10:00 · 2× : « le pont de Kaya est fermé ?? vérifiez svp »",
      "/repondre 1 texte · /classer 1",
    ]);
    await h.say("langue en", EDITOR);
    const [list] = await h.say("/signalements", EDITOR);
    expect(list?.split("\n").slice(0, 2)).toEqual([
      "*Tips* — 1 to handle, 0 answered, 0 closed",
      "no. 1 · 3× (2 readers) · 10:00",
    ]);
    const [receipt] = await h.say("/repondre 1 No: the bridge is open.", EDITOR);
    expect(receipt).toBe(
      "Answer saved (tip no. 1).\nSent now to 2 readers (they wrote less than 24 h ago).",
    );
    // Each reader in their own language, whatever the editor's.
    expect(h.repliesTo(chat(1)).at(-1)).toMatch(/^\*Réponse de la rédaction\*/);
    expect(h.repliesTo(chat(2)).at(-1)).toMatch(/^\*The newsroom's answer\*/);
  });

  it("is closed to readers: their attempt is audited with a masked number", async () => {
    const h = await inbox();
    await h.say("C'est vrai que le bac est annulé ?", chat(1));
    await h.say("/repondre 1 c'est faux", chat(2));
    expect(h.app.tips.get(1)?.status).toBe("open");
    expect(h.app.audit.recent(1)[0]).toMatchObject({ action: "refused", outcome: "refused" });
    expect(h.app.audit.recent(1)[0]?.actor).not.toContain("2237000000");
  });
});
