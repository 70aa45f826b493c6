import { describe, expect, it } from "vitest";
import { EDITOR, EDITOR_PHONE, harness } from "../support/bot.ts";
import { addReaders, chat } from "../support/delivery-helpers.ts";

/**
 * The editors' desk on a phone, through the real Desk and planner: the publishing rules,
 * confirmations, schedules and cancels, the list of articles. The newsroom is in Bamako
 * (UTC+0); the fixtures: 1 seed (2 Apr), 2 coton (1 Apr), 3 Aigles (2 Apr 20:30),
 * 4 pluies (3 Apr 07:15), 5 a draft, 6 dated 10 Apr 09:00.
 */
const CHANNEL = { CHANNEL_ID: "120363000000000000@newsletter", TZ: "Africa/Bamako" };

async function desk(start = "2025-04-05T09:00:00Z", env: Record<string, string> = {}) {
  const h = await harness({ desk: true, start, env: { ...CHANNEL, ...env } });
  addReaders(
    h.app,
    [
      { chatId: chat(1), follows: ["politique"] },
      { chatId: chat(2), follows: ["sport"] },
      { chatId: chat(3), follows: ["société"], language: "en" },
    ],
    h.clock.now(),
  );
  const queued = (kind: string) =>
    h.app.db
      .prepare<[string], { n: number }>("SELECT count(*) AS n FROM outbox WHERE kind = ?")
      .get(kind)?.n ?? 0;
  return { ...h, queued };
}

describe("publishing rules from the phone", () => {
  it("schedules a future-dated article for its date, warns on a second schedule, and forces it with « maintenant »", async () => {
    const h = await desk();
    const [receipt] = await h.say("/publier 6", EDITOR);
    const lines = receipt?.split("\n") ?? [];
    expect(lines[0]).toBe(
      "Article 6 « Transition : le Conseil national annonce un calendrier électoral » programmé pour 10/04/2025 09:00 (sa date de publication) : rien n'est envoyé avant.",
    );
    expect(lines[1]).toBe(
      "Chaîne : oui · 1 lecteur (nombre actuel) · durée d'envoi : moins d'une minute.",
    );
    expect(lines.slice(2)).toEqual([
      "Pour l'envoyer tout de suite : /publier 6 maintenant.",
      "Annuler : /annuler 1",
    ]);
    expect(h.queued("channel")).toBe(0);
    expect(h.queued("alert")).toBe(0);

    const [again] = await h.say("/publier 6", EDITOR);
    expect(again).toContain(
      "Attention : déjà programmé (diffusion n° 1). /annuler 1 pour n'en garder qu'une.",
    );

    const [forced] = await h.say("/publier 6 maintenant", EDITOR);
    expect(forced).toMatch(
      /^Article 6 « Transition .* » en file d'envoi \(diffusion n° 3\)\.\nChaîne : oui · 1 lecteur · fin estimée/,
    );
    expect(h.queued("channel")).toBe(1);
    expect(h.queued("alert")).toBe(1);
    expect(h.app.audit.recent(3).map((e) => `${e.action}:${e.outcome}:${e.target}`)).toEqual([
      "publish:ok:6",
      "publish:ok:6",
      "publish:ok:6",
    ]);
  });

  it("asks before sending an article older than 48 h; OUI sends it, NON and a late OUI do not", async () => {
    const h = await desk();
    expect(await h.say("/publier 3", EDITOR)).toEqual([
      [
        "L'article 3 « CAN 2025 : les Aigles du Mali s'imposent face au Ghana » date du 2 avr. 2025 (plus de 48 h).",
        "Répondez OUI dans les 5 min pour envoyer à 1 lecteur et à la chaîne. NON pour abandonner.",
      ].join("\n"),
    ]);
    expect(h.queued("channel")).toBe(0);
    const [sent] = await h.say("OUI", EDITOR);
    expect(sent).toMatch(
      /^Article 3 « CAN 2025 .* » en file d'envoi \(diffusion n° 1\)\.\nChaîne : oui · 1 lecteur/,
    );
    expect(h.queued("channel")).toBe(1);
    expect(h.queued("alert")).toBe(1);

    await h.say("/publier 1", EDITOR);
    expect(await h.say("non", EDITOR)).toEqual(["C'est abandonné : rien n'a été envoyé."]);
    await h.say("/publier 1", EDITOR);
    h.clock.advance(6 * 60_000);
    expect(await h.say("oui", EDITOR)).toEqual([
      "Trop tard : la demande n'était valable que 5 min. Rien n'a été envoyé. Recommencez : /publier 1",
    ]);
    expect(await h.say("oui", EDITOR)).toEqual([
      "Rien à confirmer en ce moment : aucune diffusion n'attend votre OUI. /aide pour les commandes.",
    ]);
    expect(h.queued("channel")).toBe(1);
    expect(h.app.audit.recent(4).map((e) => `${e.action}:${e.outcome}`)).toEqual([
      "confirm:refused",
      "publish:ok",
      "decline:ok",
      "publish:ok",
    ]);
  });

  it("publishing an article again: nothing asked when all had it, and the receipt says nothing went", async () => {
    const h = await desk();
    await h.say("/publier 3", EDITOR);
    await h.say("OUI", EDITOR);
    // Before: « Répondez OUI pour envoyer à 1 lecteur et à la chaîne », then a queue of nothing.
    expect(await h.say("/publier 3", EDITOR)).toEqual([
      [
        "Article 3 « CAN 2025 : les Aigles du Mali s'imposent face au Ghana » : rien à envoyer (diffusion n° 2).",
        "Chaîne : non (déjà publié) · 0 lecteur (tous ont déjà reçu cet article).",
      ].join("\n"),
    ]);
    expect(h.queued("channel")).toBe(1);
    expect(h.queued("alert")).toBe(1);
  });

  it("a reader's « oui » is still an ordinary answer", async () => {
    const h = await desk();
    await h.say("/publier 3", EDITOR);
    const [answer] = await h.say("oui", chat(1));
    expect(answer).not.toContain("Trop tard");
    expect(h.queued("channel")).toBe(0);
    expect(h.app.delivery.desk.hasPending(EDITOR_PHONE)).toBe(true);
  });

  it("asks before every /alerte; in quiet hours the receipt says when readers get it", async () => {
    // 23:10 in Bamako: quiet hours (22:00–07:00).
    const h = await desk("2025-04-04T23:10:00Z");
    expect(await h.say("/alerte Coupure d'électricité à Bamako ce soir", EDITOR)).toEqual([
      [
        "*Alerte à tous les abonnés* : « Coupure d'électricité à Bamako ce soir »",
        "Heures calmes : chaîne maintenant · lecteurs : à 05/04/2025 07:00.",
        "Répondez OUI dans les 5 min pour envoyer à 3 lecteurs et à la chaîne. NON pour abandonner.",
      ].join("\n"),
    ]);
    expect(h.queued("channel")).toBe(0);
    const [receipt] = await h.say("Oui !", EDITOR);
    expect(receipt).toMatch(
      /^Alerte en file d'envoi \(diffusion n° 1\)\.\nChaîne : maintenant · lecteurs : à 05\/04\/2025 07:00 \(heures calmes\) · 3 lecteurs · fin estimée : ~7 h 5\d\./,
    );
    expect(h.queued("channel")).toBe(1);
    expect(h.queued("breaking")).toBe(0);
  });

  it("says the right form with an example valid now for wrong arguments", async () => {
    const h = await desk();
    const publishUsage =
      "Écrivez /publier suivi du numéro de l'article, ex. /publier 4, ou /publier 4 maintenant pour ne pas attendre sa date (/articles pour les numéros).";
    expect(await h.say("/publier 2 3", EDITOR)).toEqual([publishUsage]);
    expect(await h.say("/publier deux", EDITOR)).toEqual([publishUsage]);
    expect(await h.say("/programmer 4", EDITOR)).toEqual([
      "Écrivez /programmer, le numéro de l'article et l'heure, ex. /programmer 4 demain 18h.",
    ]);
    expect(await h.say("/annuler", EDITOR)).toEqual([
      "Écrivez /annuler suivi du numéro de diffusion (aucune n'est en attente : /diffusions).",
    ]);
    expect(await h.say("/articles 50", EDITOR)).toEqual([
      "Écrivez /articles, ou /articles politique 5 (une rubrique, un nombre de 1 à 20).",
    ]);
    expect(h.queued("channel")).toBe(0);
  });

  it("a draft's preview does not offer a /publier that would fail", async () => {
    const h = await desk();
    const [draft] = await h.say("/apercu 5", EDITOR);
    expect(draft).toMatch(/\(brouillon\)/);
    expect(draft).not.toContain("/publier");
    expect(draft?.split("\n").at(-1)).toBe(
      "Brouillon : publiez-le d'abord sur le site, il ne peut pas être envoyé.",
    );
    const [future] = await h.say("/apercu 6", EDITOR);
    expect(future?.split("\n").at(-1)).toBe(
      "Daté du 10/04/2025 09:00 : /publier 6 le programme à cette heure, /publier 6 maintenant l'envoie tout de suite.",
    );
  });
});

describe("articles, schedules and cancels from the phone", () => {
  it("lists articles with ids, dates and states; schedules with editors' dates; lists and cancels broadcasts", async () => {
    const h = await desk();
    await h.say("/programmer 4 demain 7h30", EDITOR);
    await h.say("OUI", EDITOR);
    const [list] = await h.say("/articles", EDITOR);
    expect(list?.split("\n")).toEqual([
      "*Articles*",
      "n° 6 · 10 avr., 09:00 · programmé · Transition : le Conseil national annonce un calendrier électoral",
      "n° 4 · 3 avr., 07:15 · programmé · Bamako : de fortes pluies attendues ce week-end, la protection civile…",
      "n° 3 · 2 avr., 20:30 · publié · CAN 2025 : les Aigles du Mali s'imposent face au Ghana",
      expect.stringMatching(/^n° 1 · 2 avr\., \d\d:\d\d · publié · AES-Russie/),
      "n° 5 · 2 avr., 08:00 · brouillon · Projet : remaniement ministériel attendu (brouillon, ne pas publier)",
      "n° 2 · 1 avr., 10:00 · publié · Campagne cotonnière : la CMDT annonce une hausse du prix au producteur",
      "/apercu N pour voir, /publier N pour envoyer.",
    ]);
    expect((await h.say("/articles sport 1", EDITOR))[0]).toBe(
      [
        "*Articles · sport*",
        "n° 3 · 2 avr., 20:30 · publié · CAN 2025 : les Aigles du Mali s'imposent face au Ghana",
        "/apercu N pour voir, /publier N pour envoyer.",
      ].join("\n"),
    );

    expect(await h.say("/programmer 3 hier soir", EDITOR)).toEqual([
      "Je ne comprends pas la date « hier soir ». Écrivez par ex. demain 18h (heure de la rédaction).",
    ]);
    expect(await h.say("/programmer 3 05/04 08:00", EDITOR)).toEqual([
      "05/04/2025 08:00 est déjà passé. Choisissez une heure à venir, par ex. demain 18h.",
    ]);
    // Article 3 is over 48 h old: scheduling it asks first, as publishing it does.
    expect(await h.say("/programmer 3 2025-04-06 18:00", EDITOR)).toEqual([
      [
        "L'article 3 « CAN 2025 : les Aigles du Mali s'imposent face au Ghana » date du 2 avr. 2025 (plus de 48 h).",
        "Répondez OUI dans les 5 min pour le programmer pour 06/04/2025 18:00, à 1 lecteur et à la chaîne. NON pour abandonner.",
      ].join("\n"),
    ]);
    expect(h.app.delivery.desk.scheduled().map((b) => b.articleId)).toEqual([4]);
    const [scheduled] = await h.say("OUI", EDITOR);
    expect(scheduled).toMatch(/^Article 3 « CAN 2025 .* » programmé pour 06\/04\/2025 18:00\./);
    expect(scheduled).toContain("Annuler : /annuler 2");
    await h.say("/programmer 3 06/04 18h", EDITOR);
    const [again] = await h.say("OUI", EDITOR);
    expect(again).toContain("Attention : déjà programmé (diffusion n° 2).");

    expect((await h.say("/diffusions", EDITOR))[0]?.split("\n")).toEqual([
      "*Diffusions*",
      "n° 3 · 06/04/2025 18:00 · programmée · CAN 2025 : les Aigles du Mali s'imposent face au Ghana",
      "n° 2 · 06/04/2025 18:00 · programmée · CAN 2025 : les Aigles du Mali s'imposent face au Ghana",
      "n° 1 · 06/04/2025 07:30 · programmée · Bamako : de fortes pluies attendues ce week-end, la protection civile en alerte",
      "/annuler N pour annuler.",
    ]);
    expect(await h.say("/annuler 3", EDITOR)).toEqual([
      "Diffusion n° 3 « CAN 2025 : les Aigles du Mali s'imposent face au Ghana » annulée : rien n'était parti.",
    ]);
    expect(await h.say("/annuler 3", EDITOR)).toEqual([
      "La diffusion n° 3 est déjà annulée : rien à annuler.",
    ]);
    expect(await h.say("/annuler 99", EDITOR)).toEqual([
      "Diffusion n° 99 introuvable. /diffusions pour la liste des numéros.",
    ]);
    expect(h.queued("channel")).toBe(0);
  });

  it("a cancelled running broadcast says what was already sent", async () => {
    const h = await desk("2025-04-03T12:00:00Z");
    await h.say("/publier 4", EDITOR);
    // The Channel post went out before the cancel.
    h.app.db.prepare("UPDATE outbox SET state = 'sent' WHERE kind = 'channel'").run();
    expect(await h.say("/annuler 1", EDITOR)).toEqual([
      "Diffusion n° 1 « Bamako : de fortes pluies attendues ce week-end, la protection civile en alerte » annulée : 1 message déjà envoyé (chaîne comprise), 1 message retiré de la file.",
    ]);
  });

  it("speaks English to an editor who chose English", async () => {
    const h = await desk();
    await h.say("langue en", EDITOR);
    expect(await h.say("/publier 3", EDITOR)).toEqual([
      [
        'Article 3 "CAN 2025 : les Aigles du Mali s\'imposent face au Ghana" is dated 2 Apr 2025 (over 48 h old).',
        "Reply YES (or OUI) within 5 min to send it to 1 reader and the Channel. NO to drop it.",
      ].join("\n"),
    ]);
    const [sent] = await h.say("yes", EDITOR);
    expect(sent).toMatch(
      /^Article 3 "CAN 2025 .*" queued \(broadcast #1\)\.\nChannel: yes · 1 reader/,
    );
    expect(await h.say("/programmer 3 someday", EDITOR)).toEqual([
      'I can\'t read the date "someday". Write e.g. tomorrow 18:00 (newsroom time).',
    ]);
  });

  it("a receipt for 0 readers says why, and an ETA while paused says it is unknown", async () => {
    const h = await desk("2025-04-03T12:00:00Z");
    // Article 2 (Économie, 50 h old): nobody follows it.
    await h.say("/publier 2", EDITOR);
    expect((await h.say("OUI", EDITOR))[0]?.split("\n")[1]).toBe(
      "Chaîne : oui · 0 lecteur (personne ne suit ces rubriques) · fin estimée : moins d'une minute.",
    );
    // Article 3 (Sport) again: its follower already got it.
    await h.say("/publier 3", EDITOR);
    expect((await h.say("/publier 3", EDITOR))[0]?.split("\n")[1]).toBe(
      "Chaîne : non (déjà publié) · 0 lecteur (tous ont déjà reçu cet article).",
    );
    await h.say("/pause", EDITOR);
    expect((await h.say("/publier 4", EDITOR))[0]?.split("\n").slice(1)).toEqual([
      "Chaîne : oui · 1 lecteur · fin estimée : inconnue tant que les envois sont en pause.",
      "Attention : les diffusions sont en pause (/reprendre).",
    ]);
  });

  it("approval mode: a new article is not announced; editors are asked once, then /publier or /ignorer", async () => {
    const h = await desk("2025-04-03T09:00:00Z", { APPROVAL: "on" });
    const result = h.app.delivery.planner.planDue();
    // Articles of the last 24 h (1, 3, 4); article 2 is older, the draft and 6 are not due.
    expect(result.awaiting).toEqual([1, 3, 4]);
    expect(result.started).toEqual([]);
    expect(h.queued("channel")).toBe(0);
    // Asked once: a second planning pass asks nothing more.
    expect(h.app.delivery.planner.planDue().awaiting).toEqual([]);
    const asked = h.repliesTo(EDITOR);
    expect(asked).toHaveLength(3);
    expect(asked).toContain(
      "Nouvel article n° 4 « Bamako : de fortes pluies attendues ce week-end, la protection civile en alerte » — /publier 4 ou /ignorer 4",
    );
    expect(await h.say("/ignorer 4", EDITOR)).toEqual([
      "Article 4 « Bamako : de fortes pluies attendues ce week-end, la protection civile en alerte » ignoré : il ne sera pas envoyé (/publier 4 reste possible).",
    ]);
    expect(await h.say("/ignorer", EDITOR)).toEqual([
      "Écrivez /ignorer suivi du numéro de l'article, ex. /ignorer 4.",
    ]);
    expect((await h.say("/publier 4", EDITOR))[0]).toMatch(
      /^Article 4 .* en file d'envoi \(diffusion n° 1\)/,
    );
    expect(h.queued("channel")).toBe(1);
    expect(h.app.audit.recent(2).map((e) => e.action)).toEqual(["publish", "ignore"]);
  });
});
