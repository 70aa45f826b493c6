import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_CHARS } from "../../src/messages/markup.ts";
import { EDITOR, EDITOR_LID, harness, READER, UNKNOWN_LID } from "../support/bot.ts";

const single = async (replies: Promise<string[]>) => {
  const r = await replies;
  expect(r).toHaveLength(1);
  return r[0] ?? "";
};

describe("bad input: each gets a short, clear answer and breaks nothing", () => {
  it("empty text", async () => {
    const h = await harness();
    await h.say("menu");
    expect(await h.say("")).toEqual(["Écrivez *menu* pour voir ce que je sais faire."]);
  });

  it("only emojis", async () => {
    const h = await harness();
    await h.say("menu");
    // 🙏 and 👍 say thanks (readers' own way); other emojis alone say nothing we can act on.
    expect(await h.say("👍🙏🏾🇲🇱")).toEqual(["Avec plaisir ! Écrivez *menu* à tout moment."]);
    expect(await h.say("😂🇲🇱")).toEqual(["Écrivez *menu* pour voir ce que je sais faire."]);
    expect(await h.say("👍", "22370000005@c.us")).toEqual([
      expect.stringMatching(/^Bonjour ! Ici \*Suivez l'info\*[\s\S]*1\. \*dernières\*/),
    ]);
  });

  it("words no rule knows: a subscribed reader is also told how to stop, at once", async () => {
    const h = await harness();
    await h.say("menu");
    // Not subscribed: nothing is sent to them, so nothing to stop.
    expect(await h.say("xqzv blorp")).toEqual([
      "Je n'ai pas compris « xqzv blorp ». Écrivez *menu* pour voir ce que je sais faire.",
    ]);
    await h.say("abonner");
    // A reader who wants out in words of their own must not be left with « menu » alone.
    expect(await h.say("xqzv blorp")).toEqual([
      "Je n'ai pas compris « xqzv blorp ». Écrivez *menu* pour voir ce que je sais faire, ou *stop* pour ne plus rien recevoir.",
    ]);
    await h.say("stop");
    expect(await h.say("xqzv blorp")).toEqual([
      "Je n'ai pas compris « xqzv blorp ». Écrivez *menu* pour voir ce que je sais faire.",
    ]);
  });

  it("10,000 characters", async () => {
    const h = await harness();
    expect(await h.say("chercher ".repeat(1200))).toEqual([
      "Votre message est trop long (plus de 4 000 caractères). Écrivez quelques mots, par exemple *chercher sahel*.",
    ]);
  });

  it("NUL and control characters", async () => {
    const h = await harness();
    await h.say("menu");
    expect(await single(h.say("der\u0000nie\u0007res\u001b"))).toContain(
      "*Dernières informations*",
    );
    expect(await h.say("\u0000\u0001\u0002")).toEqual([
      "Écrivez *menu* pour voir ce que je sais faire.",
    ]);
  });

  it("right-to-left text, and bidi overrides that try to disguise a command", async () => {
    const h = await harness();
    await h.say("menu");
    expect(await single(h.say("مرحبا، ما الأخبار؟"))).toMatch(
      /^Je n'ai pas compris « مرحبا، ما الأخبار؟ »/,
    );
    expect(await single(h.say("\u202edernieres\u202c"))).toContain("*Dernières informations*");
    expect(await single(h.say("chercher روسيا"))).toMatch(
      /^Aucun article ne correspond à « روسيا »/,
    );
  });

  it("FTS syntax is just words", async () => {
    const h = await harness();
    await h.say("menu");
    for (const query of [
      'sahel" OR "x',
      "sahel*",
      "sahel AND russie",
      "NEAR(sahel russie, 2)",
      "title:sahel",
      "^sahel",
      "sahel -russie",
      "(((",
      '"',
      "*",
    ]) {
      const reply = await single(h.say(`chercher ${query}`));
      expect(reply).not.toContain("Désolé");
    }
    expect(await single(h.say('chercher "sahel" AND NEAR(russie'))).toContain("AES-Russie");
  });

  it("SQL is just words", async () => {
    const h = await harness();
    await h.say("menu");
    expect(await single(h.say("chercher '; DROP TABLE articles; --"))).toMatch(/^Aucun article/);
    // The rubric named is followed; the rest is words, never SQL.
    expect(await single(h.say("suivre politique'); DELETE FROM follows; --"))).toMatch(
      /^Vous suivez maintenant \*Politique\*/,
    );
    expect(h.app.subscribers.follows("22370000000@c.us")).toEqual(["politique"]);
    expect(h.app.articles.counts(h.clock.now()).total).toBe(6);
    // Words that name no rubric are set aside: one headline, as asked.
    expect(await single(h.say("dernieres 1 OR 1=1"))).toMatch(/^\*Dernières [\s\S]*\n1\. /);
  });

  it('"lire 99999999999999999999"', async () => {
    const h = await harness();
    await h.say("menu");
    expect(await h.say("lire 99999999999999999999")).toEqual([
      "Je ne trouve pas l'article n° 99999999999…. Écrivez *dernières* pour la liste à jour.",
    ]);
    expect(await h.say("99999999999999999999")).toEqual([
      "Répondez par un numéro du menu (1 à 6) ou écrivez *menu*.",
    ]);
    await h.say("dernieres");
    expect(await h.say("99999999999999999999")).toEqual([
      "Choisissez un numéro entre 1 et 4, ou écrivez *dernières* pour une nouvelle liste.",
    ]);
  });

  it('"dernières -5", 0 and huge counts', async () => {
    const h = await harness();
    await h.say("menu");
    const bad =
      "Le nombre d'articles va de 1 à 10. Exemple : *dernières 5* ou *dernières 3 politique*.";
    expect(await h.say("dernières -5")).toEqual([bad]);
    expect(await h.say("dernières 0")).toEqual([bad]);
    expect(await single(h.say("dernières 99999999999999999999"))).toContain("(10 au plus)");
  });

  it("an editor command from a non-editor, from an @lid that maps to an editor, and from one that maps to nobody", async () => {
    const h = await harness();
    await h.say("menu");
    await h.say("menu", UNKNOWN_LID);
    expect(await single(h.say("/publier 1"))).toMatch(/^Je n'ai pas compris « \/publier 1 »/);
    expect(await single(h.say("/publier 1", UNKNOWN_LID))).toMatch(/^Je n'ai pas compris/);
    expect(await single(h.say("/publier 1", EDITOR_LID))).toContain("en file d'envoi");
    expect(await single(h.say("/publier 1", EDITOR))).toContain("en file d'envoi");
    expect(h.backend.calls).toHaveLength(2);
    expect(h.app.audit.recent(10).filter((e) => e.outcome === "refused")).toHaveLength(2);
  });
});

describe("any text at all (property)", () => {
  const EDITOR_WORDS = [
    "/apercu",
    "/publier",
    "/alerte",
    "/stats",
    "/pause",
    "/reprendre",
    "/aide",
  ];
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc
      .tuple(fc.constantFrom(...EDITOR_WORDS), fc.string({ maxLength: 100 }))
      .map(([c, s]) => `${c} ${s}`),
    fc
      .array(
        fc.constantFrom(
          "lire",
          "dernières",
          "chercher",
          "suivre",
          "stop",
          "mode",
          "langue",
          "supprimer",
          "mes",
          "données",
          "1",
          "-3",
          "99999999999999999999",
          '"',
          "*",
          "NEAR(",
          "AND",
          "'",
          ";",
          "\u0000",
          "\u202e",
          "🇲🇱",
          "politique",
          "/",
          "quotidien",
          "25:99",
        ),
        { maxLength: 8 },
      )
      .map((w) => w.join(" ")),
    fc.string({ maxLength: 5000 }).map((s) => s.padEnd(4001, "x")),
  );

  it("never throws, always answers at most once within 4,096 characters, and never acts for a non-editor", async () => {
    const h = await harness({ bot: { flood: { burst: 1_000_000 } } });
    await h.say("abonner");
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const replies = await h.say(t);
        expect(replies.length).toBeLessThanOrEqual(1);
        for (const r of replies) {
          expect(r.length).toBeGreaterThan(0);
          expect(r.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
          expect(r).not.toContain("Désolé");
        }
        expect(h.backend.calls).toEqual([]);
        expect(h.app.audit.recent(1000).every((e) => e.outcome === "refused")).toBe(true);
      }),
      { numRuns: 400 },
    );
    expect(h.repliesTo(READER).length).toBeGreaterThan(0);
  });
});
