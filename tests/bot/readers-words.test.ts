import { describe, expect, it } from "vitest";
import { EDITOR, harness, READER } from "../support/bot.ts";

/** The conversation fixes, each as a reader (or editor) would meet it. */
describe("readers' own words in a conversation", () => {
  it("a greeting in front of a request keeps the request", async () => {
    const h = await harness();
    await h.say("menu");
    const [list] = await h.say("Bonjour, je voudrais les dernières nouvelles svp");
    expect(list).toMatch(/^\*Dernières informations\*\n+1\. /);
  });

  it("a rubric name alone, and « les dernières infos », list headlines", async () => {
    const h = await harness();
    await h.say("menu");
    expect((await h.say("politique"))[0]).toMatch(/^\*Dernières informations · Politique\*/);
    const [latest] = await h.say("les dernières infos");
    expect(latest).toMatch(/^\*Dernières informations\*\n+1\. /);
    expect(latest).not.toContain("Je ne connais pas la rubrique");
  });

  it("follows several rubrics at once, through the synonym table", async () => {
    const h = await harness();
    await h.say("menu");
    expect(await h.say("suivre sport et éco")).toEqual([
      "Vous suivez maintenant *Sport, Économie*. Pour recevoir leurs nouveaux articles, écrivez *abonner*.",
    ]);
    expect(h.app.subscribers.follows(READER).sort()).toEqual(["economie", "sport"]);
    expect(await h.say("ne plus suivre aucune rubrique")).toEqual([
      "Vous ne suivez plus *Économie, Sport*.",
    ]);
    expect(h.app.subscribers.follows(READER)).toEqual([]);
  });

  it("« s'abonner au sport » subscribes and keeps the rubric", async () => {
    const h = await harness();
    await h.say("menu");
    const [reply] = await h.say("s'abonner au sport");
    expect(reply).toMatch(/^C'est noté : vous êtes abonné\(e\)\./);
    expect(reply).toContain("Vos rubriques : Sport.");
    expect(h.app.subscribers.follows(READER)).toEqual(["sport"]);
  });

  it("a newcomer's bare « 4 » gets the welcome and the menu, never a subscription", async () => {
    const h = await harness();
    const [reply] = await h.say("4");
    expect(reply).toMatch(/^Bonjour ! Ici \*Suivez l'info\*[\s\S]*4\. \*abonner\*/);
    expect(h.app.subscribers.get(READER)?.optedInAt).toBeNull();
    // With the menu on screen, 4 is « abonner ».
    expect((await h.say("4"))[0]).toMatch(/^C'est noté : vous êtes abonné\(e\)\./);
  });

  it("a number with nothing on screen shows the menu rather than guessing", async () => {
    const h = await harness();
    await h.say("menu");
    h.clock.advance(13 * 3_600_000);
    expect((await h.say("4"))[0]).toMatch(/^\*Suivez l'info\* — répondez par un numéro/);
    expect(h.app.subscribers.get(READER)?.optedInAt).toBeNull();
  });

  it("« lire N » uses the list on screen, never a database id behind it", async () => {
    const h = await harness();
    await h.say("menu");
    await h.say("dernières 2");
    expect(await h.say("lire 3")).toEqual([
      "Choisissez un numéro entre 1 et 2, ou écrivez *dernières* pour une nouvelle liste.",
    ]);
    await h.say("dernières 1");
    expect(await h.say("lire 2")).toEqual([
      "Répondez *1* pour lire l'article, ou écrivez *dernières* pour une nouvelle liste.",
    ]);
  });

  it("after an erase, « mes données » shows only the opt-out", async () => {
    const h = await harness();
    await h.say("abonner");
    await h.say("suivre politique");
    await h.say("supprimer mes données");
    const [data] = await h.say("mes données");
    expect(data).toContain("ne plus rien envoyer");
    expect(data).not.toMatch(/Premier message|Mode|Langue|Rubriques suivies/);
  });

  it("asks before acting on a message that may be an opt-out", async () => {
    const h = await harness();
    await h.say("menu");
    expect(await h.say("trop de messages")).toEqual([
      "Voulez-vous ne plus rien recevoir ? Répondez *STOP*. Pour l'aide, écrivez *menu*.",
    ]);
    expect(h.app.subscribers.get(READER)?.stoppedAt).toBeNull();
  });

  it("« désabonnez-moi » stops everything", async () => {
    const h = await harness();
    await h.say("abonner");
    expect((await h.say("désabonnez-moi"))[0]).toMatch(/^C'est fait : vous ne recevrez plus rien/);
    expect(h.app.subscribers.get(READER)?.stoppedAt).not.toBeNull();
  });
});

describe("flood control never swallows a stop, an erase or an editor's command", () => {
  const flood = { flood: { burst: 2, windowMs: 60_000, cooldownMs: 120_000 } };

  it("« stop » and « supprimer mes données » while muted", async () => {
    const h = await harness({ bot: flood });
    await h.say("abonner");
    await h.say("menu");
    expect((await h.say("menu"))[0]).toMatch(/^Vous envoyez beaucoup de messages/);
    expect(await h.say("menu")).toEqual([]);
    expect((await h.say("STOP 🛑 trop de messages"))[0]).toMatch(/^C'est fait/);
    expect(h.app.subscribers.get(READER)?.stoppedAt).not.toBeNull();
    expect((await h.say("supprimer mes données"))[0]).toMatch(/^Vos données sont effacées/);
  });

  it("an editor's /pause while muted", async () => {
    const h = await harness({ bot: flood });
    for (const text of ["menu", "menu", "menu", "menu"]) await h.say(text, EDITOR);
    expect(await h.say("/pause", EDITOR)).toHaveLength(1);
    expect(h.backend.calls).toContain("pause by +22376000000");
  });
});

describe("a stop written from a linked id (@lid)", () => {
  it("reaches the reader known by number", async () => {
    const lid = "99887766554433@lid";
    const h = await harness({ phones: { [lid]: "+22370000000" } });
    await h.say("abonner");
    expect(h.app.subscribers.get(READER)?.stoppedAt).toBeNull();
    expect((await h.say("stop", lid))[0]).toMatch(/^C'est fait/);
    expect(h.app.subscribers.get(READER)?.stoppedAt).not.toBeNull();
  });
});
