import { describe, expect, it } from "vitest";
import { harness, READER } from "../support/bot.ts";

const OTHER = "22370000001@c.us";

describe("a newcomer's conversation", () => {
  it("gets a welcome and the menu, not a subscription", async () => {
    const h = await harness();
    const [welcome, ...more] = await h.say("Bonjour");
    expect(more).toEqual([]);
    expect(welcome).toContain("Bonjour ! Ici *Suivez l'info*");
    expect(welcome).toContain("1. *dernières*");
    expect(welcome).toContain("*stop*");
    const sub = h.app.subscribers.get(READER);
    expect(sub?.optedInAt).toBeNull();
    expect(sub?.active).toBe(false);
  });

  it("whose first message is a command gets a short welcome, then the answer", async () => {
    const h = await harness();
    const replies = await h.say("dernieres");
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatch(/^Bonjour ! Ici \*Suivez l'info\*/);
    expect(replies[1]).toContain("*Dernières informations*");
  });

  it("who writes in English is answered in English; « hello » alone proves nothing", async () => {
    const h = await harness();
    const [welcome, latest] = await h.say("latest 2");
    expect(welcome).toMatch(/^Hello! This is \*Suivez l'info\*/);
    expect(latest).toContain("*Latest news*");
    expect(h.app.subscribers.get(READER)?.language).toBe("en");
    expect((await h.say("hello", "22370000002@c.us"))[0]).toMatch(/^Bonjour ! Ici/);
  });

  it("whose first word is stop gets only the confirmation", async () => {
    const h = await harness();
    expect(await h.say("STOP")).toEqual([
      "C'est fait : vous ne recevrez plus rien de notre part. Écrivez *abonner* pour revenir quand vous voulez.",
    ]);
    expect(h.app.subscribers.get(READER)?.stoppedAt).not.toBeNull();
  });
});

describe("subscribing and following", () => {
  it("records the explicit opt-in time, then the followed rubric", async () => {
    const h = await harness();
    await h.say("bonjour");
    const [subscribed] = await h.say("abonner");
    expect(subscribed).toContain("C'est noté : vous êtes abonné(e).");
    // True promises: the daily cap is on article alerts, urgent ones come on top; French hours.
    expect(subscribed).toContain(
      "Au plus 5 alertes d'articles par jour (plus les alertes urgentes de la rédaction), jamais entre 22 h et 7 h.",
    );
    expect(subscribed).toContain("Vous préférez un résumé par jour ?");
    expect(subscribed).toContain("*stop* pour ne plus rien recevoir");
    expect(h.app.subscribers.get(READER)?.optedInAt).toEqual(new Date("2025-04-03T09:00:05Z"));

    expect(await h.say("suivre POLITIQUE")).toEqual([
      "Vous suivez maintenant *Politique*. Vous recevrez ses nouveaux articles.",
    ]);
    expect(await h.say("suivre la politique")).toEqual(["Vous suivez déjà *Politique*."]);
    expect(await h.say("suivre economie")).toEqual([
      "Vous suivez maintenant *Économie*. Vous recevrez ses nouveaux articles.",
    ]);
    expect(h.app.subscribers.follows(READER)).toEqual(["economie", "politique"]);
    expect((await h.say("abonner"))[0]).toContain(
      "Vous êtes déjà abonné(e).\nVos rubriques : Économie, Politique.",
    );
    expect(await h.say("ne plus suivre économie")).toEqual(["Vous ne suivez plus *Économie*."]);
  });

  it("tells a reader who follows without subscribing how to receive", async () => {
    const h = await harness();
    await h.say("menu");
    expect(await h.say("suivre sport")).toEqual([
      "Vous suivez maintenant *Sport*. Pour recevoir ses nouveaux articles, écrivez *abonner*.",
    ]);
  });

  it("names the known rubrics when one is unknown", async () => {
    const h = await harness();
    await h.say("menu");
    expect(await h.say("suivre cuisine")).toEqual([
      "Je ne connais pas la rubrique « cuisine ». Rubriques : Diplomatie, Économie, Politique, Société, Sport. Exemple : *suivre diplomatie*.",
    ]);
    // Said as the reader wrote it, accents and all (the understanding step folds them).
    expect((await h.say("je veux suivre la météo"))[0]).toMatch(
      /^Je ne connais pas la rubrique « météo »/,
    );
    expect(await h.say("suivre")).toEqual([
      "Quelle rubrique ? Exemple : *suivre politique*. Écrivez *rubriques* pour la liste.",
    ]);
  });

  it("accepts a rubric's number from the list on screen", async () => {
    const h = await harness();
    await h.say("menu");
    const [list] = await h.say("rubriques");
    expect(list).toContain("3. Politique");
    expect(await h.say("suivre 3")).toEqual([
      "Vous suivez maintenant *Politique*. Pour recevoir ses nouveaux articles, écrivez *abonner*.",
    ]);
    expect((await h.say("rubriques"))[0]).toContain("3. Politique ✓ _suivie_");
    // A bare number shows that rubric's articles.
    expect((await h.say("3"))[0]).toContain("*Dernières informations · Politique*");
  });

  it("abonner politique subscribes and follows in one go", async () => {
    const h = await harness();
    await h.say("menu");
    const [reply] = await h.say("abonner politique");
    expect(reply).toContain("Vos rubriques : Politique.");
  });

  it("abonner with a rubric we do not have subscribes and says the rubric is not on offer", async () => {
    const h = await harness();
    await h.say("menu");
    const [reply = ""] = await h.say("abonne moi à la météo");
    const lines = reply.split("\n");
    expect(lines[0]).toBe("C'est noté : vous êtes abonné(e). Merci !");
    expect(lines[1]).toMatch(/^Je ne connais pas la rubrique « météo »\. Rubriques : .*Politique/);
    expect(reply).not.toContain("Vos rubriques");
  });
});

describe("headlines, reading and search", () => {
  it("lists the newest published articles, numbered, without drafts or future ones", async () => {
    const h = await harness();
    await h.say("menu");
    const [list] = await h.say("dernières");
    expect(list).toBe(
      [
        "*Dernières informations*",
        "",
        "1. Bamako : de fortes pluies attendues ce week-end, la protection civile en alerte _(Société, 3 avr.)_",
        "2. CAN 2025 : les Aigles du Mali s'imposent face au Ghana _(Sport, 2 avr.)_",
        "3. AES-Russie : Les ministres du Sahel à Moscou pour sceller un partenariat stratégique _(Politique, 2 avr.)_",
        "4. Campagne cotonnière : la CMDT annonce une hausse du prix au producteur _(Économie, 1er avr.)_",
        "",
        "Répondez par un numéro (ex. *1*) pour lire l'article.",
      ].join("\n"),
    );
    expect(list).not.toContain("brouillon");
    expect(list).not.toContain("calendrier électoral");
  });

  it("takes a count and a rubric, in any order of typing", async () => {
    const h = await harness();
    await h.say("menu");
    const [two] = await h.say("dernieres 2");
    expect(two?.match(/^\d\. /gm)).toHaveLength(2);
    const [politique] = await h.say("Dernières 3 Politique");
    expect(politique).toContain("*Dernières informations · Politique*");
    expect(politique?.match(/^\d\. /gm)).toHaveLength(1);
    const [many] = await h.say("dernieres 50");
    expect(many).toContain("(10 au plus)");
  });

  it("reads the article behind a number of the list on screen: « 3 » or « lire 3 »", async () => {
    const h = await harness();
    await h.say("menu");
    await h.say("dernieres");
    const [bare] = await h.say("3");
    const [read] = await h.say("lire 3");
    expect(bare).toBe(read);
    expect(bare).toContain(
      "*AES-Russie : Les ministres du Sahel à Moscou pour sceller un partenariat stratégique*",
    );
    expect(bare).toContain("_Politique · Diplomatie — Moscou, 2 avril 2025_");
    expect(bare).toContain("*Points clés*");
    expect(await h.say("7")).toEqual([
      "Choisissez un numéro entre 1 et 4, ou écrivez *dernières* pour une nouvelle liste.",
    ]);
  });

  it("reads by article number when no list is on screen, never a draft", async () => {
    const h = await harness();
    await h.say("menu");
    expect((await h.say("lire 1"))[0]).toContain("*AES-Russie");
    // Article 5 is the draft of the fixtures.
    expect(await h.say("lire 5")).toEqual([
      "Je ne trouve pas l'article n° 5. Écrivez *dernières* pour la liste à jour.",
    ]);
    expect(await h.say("lire")).toEqual([
      "Écrivez *lire* suivi du numéro de l'article, ex. *lire 1*. Écrivez *dernières* pour la liste.",
    ]);
  });

  it("finds the seed article with « chercher sahel russie », accents and case ignored", async () => {
    const h = await harness();
    await h.say("menu");
    const [found] = await h.say("chercher SAHEL russie");
    expect(found).toBe(
      [
        "*Résultats pour « SAHEL russie »*",
        "",
        "1. AES-Russie : Les ministres du Sahel à Moscou pour sceller un partenariat stratégique _(Politique, 2 avr.)_",
        "",
        "Répondez par un numéro (ex. *1*) pour lire l'article.",
      ].join("\n"),
    );
    expect((await h.say("1"))[0]).toContain("*AES-Russie");
    expect((await h.say("chercher protection civile"))[0]).toContain(
      "1. Bamako : de fortes pluies",
    );
    expect((await h.say("chercher securite"))[0]).toContain("AES-Russie");
    expect((await h.say("chercher ministre"))[0]).toContain("AES-Russie");
    expect(await h.say("chercher girafe")).toEqual([
      "Aucun article ne correspond à « girafe ». Essayez d'autres mots, ou écrivez *dernières*.",
    ]);
    expect(await h.say("chercher")).toEqual([
      "Que cherchez-vous ? Écrivez *chercher* suivi de mots, ex. *chercher sahel russie*.",
    ]);
  });

  it("answers a menu number with that menu item", async () => {
    const h = await harness();
    await h.say("menu");
    expect((await h.say("1"))[0]).toContain("*Dernières informations*");
    await h.say("menu");
    expect((await h.say("2"))[0]).toContain("*Rubriques*");
    await h.say("menu");
    expect((await h.say("3"))[0]).toContain("Que cherchez-vous ?");
    await h.say("menu");
    expect(await h.say("9")).toEqual(["Répondez par un numéro du menu (1 à 6) ou écrivez *menu*."]);
  });

  it("suggests the closest command for a bigger typo", async () => {
    const h = await harness();
    await h.say("menu");
    expect(await h.say("drenieress")).toEqual([
      "Je n'ai pas compris. Vouliez-vous dire *dernières* ? Écrivez *menu* pour l'aide.",
    ]);
    expect(await h.say("n'importe quoi")).toEqual([
      "Je n'ai pas compris « n'importe quoi ». Écrivez *menu* pour voir ce que je sais faire.",
    ]);
    expect(await h.say("merci")).toEqual(["Avec plaisir ! Écrivez *menu* à tout moment."]);
  });
});

describe("modes, language and personal data", () => {
  it("switches to a daily digest at a chosen time", async () => {
    const h = await harness();
    await h.say("abonner");
    expect(await h.say("mode quotidien 7h30")).toEqual([
      "Mode quotidien : un résumé chaque jour à 7 h 30.",
    ]);
    expect(h.app.subscribers.get(READER)).toMatchObject({ mode: "daily", digestTime: "07:30" });
    expect(await h.say("mode quotidien 25:00")).toEqual([
      "Je n'ai pas compris l'heure. Exemple : *mode quotidien 07:30*.",
    ]);
    expect((await h.say("mode instantane"))[0]).toMatch(
      /^Mode instantané : les alertes au fil de l'eau/,
    );
    expect(h.app.subscribers.get(READER)).toMatchObject({ mode: "instant", digestTime: null });
    expect((await h.say("mode"))[0]).toContain("*mode quotidien 07:00*");
  });

  it("answers in English after « langue en », and back", async () => {
    const h = await harness();
    await h.say("menu");
    expect(await h.say("langue en")).toEqual([
      "OK, I will answer in English. Write *menu* for help.",
    ]);
    expect((await h.say("menu"))[0]).toContain("1. *latest* — the latest articles");
    expect((await h.say("latest 1"))[0]).toContain("*Latest news*");
    expect(await h.say("blah")).toEqual([
      'I did not understand "blah". Write *menu* to see what I can do.',
    ]);
    // Menu item 5 switches language.
    await h.say("menu");
    expect(await h.say("5")).toEqual([
      "C'est noté, je vous réponds en français. Écrivez *menu* pour l'aide.",
    ]);
  });

  it("shows what is stored, with the number masked", async () => {
    const h = await harness();
    await h.say("abonner");
    await h.say("suivre politique");
    const [data] = await h.say("mes donnees");
    expect(data).toBe(
      [
        "*Ce que nous gardons sur vous*",
        "- Numéro : +223••••••00",
        "- Premier message : 3 avr. 2025",
        "- Abonnement : oui, depuis le 3 avr. 2025",
        "- Rubriques suivies : Politique",
        "- Mode : instantané",
        "- Langue : français",
        "Nous ne gardons pas vos messages, seulement ceux que nous vous avons envoyés.",
        "Pour tout effacer : *supprimer mes données*.",
      ].join("\n"),
    );
  });

  it("erases everything but the opt-out on « supprimer mes données »", async () => {
    const h = await harness();
    await h.say("abonner");
    await h.say("suivre politique");
    await h.say("langue en");
    await h.say("dernieres");
    // What the dispatcher would have done by now: the earlier replies are sent.
    h.app.db.prepare("UPDATE outbox SET state = 'sent', sent_at = 1").run();
    h.app.outbox.enqueue(
      { kind: "alert", recipient: READER, body: "🔔 alerte", dedupeKey: "alert:x:1" },
      h.clock.now(),
    );
    expect(await h.say("supprimer mes données")).toEqual([
      'Your data is erased. We only keep your number marked "send nothing", to respect your choice. Write *subscribe* if you come back.',
    ]);
    const sub = h.app.subscribers.get(READER);
    expect(sub).toMatchObject({ optedInAt: null, language: "fr", mode: "instant", active: false });
    expect(sub?.stoppedAt).not.toBeNull();
    expect(h.app.subscribers.follows(READER)).toEqual([]);
    expect(h.app.conversation.recall(READER, h.clock.now(), 86_400_000)).toBeNull();
    const rows = h.app.db
      .prepare<[string], { id: number; kind: string; state: string }>(
        "SELECT id, kind, state FROM outbox WHERE recipient = ? ORDER BY id",
      )
      .all(READER);
    // The queued alert is cancelled and, like the replies already sent, erased: only the
    // confirmation remains, waiting to go.
    expect(rows.map((r) => `${r.kind}:${r.state}`)).toEqual(["reply:queued"]);
  });

  it("honours stop at once: queued alerts and digests are cancelled, replies still go", async () => {
    const h = await harness();
    await h.say("abonner");
    const now = h.clock.now();
    h.app.outbox.enqueue({ kind: "alert", recipient: READER, body: "a1", dedupeKey: "a:1" }, now);
    h.app.outbox.enqueue({ kind: "digest", recipient: READER, body: "d1", dedupeKey: "d:1" }, now);
    h.app.outbox.enqueue({ kind: "alert", recipient: OTHER, body: "a2", dedupeKey: "a:2" }, now);
    await h.say("stop");
    const states = h.app.db
      .prepare<[], { recipient: string; kind: string; state: string }>(
        "SELECT recipient, kind, state FROM outbox WHERE kind != 'reply' ORDER BY id",
      )
      .all();
    expect(states).toEqual([
      { recipient: READER, kind: "alert", state: "cancelled" },
      { recipient: READER, kind: "digest", state: "cancelled" },
      { recipient: OTHER, kind: "alert", state: "queued" },
    ]);
    expect(h.app.subscribers.get(READER)?.active).toBe(false);
    // A stopped reader may still ask for the news; and may come back.
    expect((await h.say("dernieres 1"))[0]).toContain("1. Bamako");
    expect((await h.say("abonner"))[0]).toContain("C'est noté : vous êtes abonné(e).");
    expect(h.app.subscribers.get(READER)?.active).toBe(true);
  });

  it("« stop politique » only unfollows that rubric", async () => {
    const h = await harness();
    await h.say("abonner politique");
    expect(await h.say("stop politique")).toEqual([
      "Vous ne suivez plus *Politique*. Pour ne plus rien recevoir du tout, écrivez *stop* seul.",
    ]);
    expect(h.app.subscribers.get(READER)?.active).toBe(true);
  });
});
