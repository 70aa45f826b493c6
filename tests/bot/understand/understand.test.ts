import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timeOf } from "../../../src/bot/understand/quantities.ts";
import { loadRubricLexicon, RubricLexicon } from "../../../src/bot/understand/synonyms.ts";
import { Understander } from "../../../src/bot/understand/understand.ts";
import { hasCode } from "../../../src/domain/errors.ts";

const u = new Understander();
const understand = (text: string) => u.understand(text);

// Written for these tests (not lines of the data set): one rule each.
describe("understand: the request is what remains once greetings and politeness are set aside", () => {
  it.each([
    ["Bonjour, les infos du Togo svp", { intent: "latest", rubric: "togo", count: null }],
    ["slt c koi de neuf", { intent: "latest", rubric: null, count: null }],
    ["bjr, dernières", { intent: "latest", rubric: null, count: null }],
    ["les dernières infos", { intent: "latest", rubric: null, count: null }],
    ["les dernières infos du Mali", { intent: "latest", rubric: "mali", count: null }],
    ["5 dernières infos sport", { intent: "latest", rubric: "sport", count: 5 }],
    ["sport", { intent: "latest", rubric: "sport", count: null }],
    ["news from Senegal", { intent: "latest", rubric: "senegal", count: null }],
    ["i ni ce", { intent: "menu" }],
    ["nanga def", { intent: "menu" }],
    ["merci beaucoup 🙏", { intent: "thanks" }],
    ["👍", { intent: "thanks" }],
    ["jerejef", { intent: "thanks" }],
  ])("%s", (text, want) => expect(understand(text)).toEqual(want));
});

describe("understand: rubrics, several at once", () => {
  it.each([
    ["suivre sport et économie", { intent: "follow", rubrics: ["sport", "economie"] }],
    ["suivre santé, culture", { intent: "follow", rubrics: ["sante", "culture"] }],
    ["je veux suivre la rubrique éducation", { intent: "follow", rubrics: ["education"] }],
    ["s'abonner au sport", { intent: "subscribe", rubrics: ["sport"] }],
    ["inscris moi aux infos du Niger", { intent: "subscribe", rubrics: ["niger"] }],
    ["ne plus suivre le foot", { intent: "unfollow", rubrics: ["foot"] }],
    ["ne m'envoyez plus rien sur le Cameroun", { intent: "unfollow", rubrics: ["cameroun"] }],
    ["stop politique", { intent: "unfollow", rubrics: ["politique"] }],
  ])("%s", (text, want) => expect(understand(text)).toEqual(want));
});

describe("understand: every way of saying « stop » is a stop, and only those", () => {
  it.each([
    "stp je ve plus rien recevoir",
    "STOP STOP STOP",
    "stop 🛑 trop de messages",
    "ne m'envoyez plus rien",
    "Desabonnez moi de cette liste",
    "je ne souhaite plus recevoir vos messages",
    "please stop sending me messages",
    "I want to unsubscribe",
    "enlevez mon numéro de votre liste",
    "Je me désabonne",
    "arret svp",
    "c'est fini pour moi, stop",
    "j'en ai marre de vos messages",
    "désactiver les alertes",
    "dezabonner",
    "unsubcribe",
  ])("%s → stop", (text) => expect(understand(text)).toEqual({ intent: "stop" }));

  it.each([
    "Stop à la vie chère",
    "le match s'est arrêté à la mi-temps ?",
    "Il faut arrêter la corruption",
    "vous ne publiez plus ?",
    "Fin de la grève des enseignants ?",
    "Arrêtez de mentir sur le Mali",
    // A reply to a question, not an opt-out (« plus besoin » is one).
    "pas besoin",
    "Le bus s'arrête où à Ouaga ?",
    "Stop ou encore ?",
  ])("%s is not a stop", (text) => expect(understand(text).intent).not.toBe("stop"));

  it("marks a possible opt-out that is not clearly one, so the bot can ask", () => {
    expect(u.read("trop de messages")).toMatchObject({
      understood: { intent: "unknown" },
      maybeStop: true,
    });
    expect(u.read("bonjour").maybeStop).toBe(false);
  });

  it.each([
    // Turning it all off, in the words of a phone's settings.
    "turn off notifications",
    "switch off the alerts",
    "turn it off please",
    "mute",
    "mute all",
    "kill the alerts",
    "disable notifications",
    "coupez les notifications",
    "coupez tout",
    // A threat to block or report the number: how numbers get banned.
    "je vais vous bloquer",
    "je vous bloque",
    "I will block you",
    "je vais vous signaler",
    // Leaving, said whole.
    "je quitte",
    "je quitte le groupe",
  ])("%s → stop (switching off, blocking, leaving)", (text) =>
    expect(understand(text)).toEqual({ intent: "stop" }),
  );

  it.each([
    "kill them all boko haram",
    "shut off the water supply in Dakar",
    "je vous signale que la route est coupée à Kaya",
    "comment signaler ce numéro qui m'arnaque ?",
    "la coupe du monde",
    "couper l'électricité à Bamako",
    "le président quitte le pouvoir",
    "je quitte Bamako demain, des infos sur la route ?",
    "silence radio du gouvernement",
  ])("%s is not a stop (the same words, another meaning)", (text) =>
    expect(understand(text).intent).not.toBe("stop"),
  );

  it.each([
    "spam",
    "c'est du spam",
    "vous me dérangez la nuit avec vos messages",
    "you are spamming me",
  ])("%s: our messages called a nuisance, so the bot asks whether to stop", (text) =>
    expect(u.read(text)).toMatchObject({ understood: { intent: "unknown" }, maybeStop: true }),
  );

  it("asks rather than stops when the reader keeps a rubric and drops « everything else »", () => {
    expect(u.read("stop tout sauf le sport")).toMatchObject({
      understood: { intent: "unknown" },
      maybeStop: true,
    });
    expect(understand("stop le basket, je garde le foot")).toEqual({
      intent: "unfollow",
      rubrics: ["basket"],
    });
  });

  it("tells an interjection from a greeting, and a thanks set aside as politeness", () => {
    expect(understand("ah bon").intent).toBe("unknown");
    expect(understand("euh bonjour").intent).toBe("menu");
    expect(understand("ok merci bien").intent).toBe("thanks");
  });

  it("reads « pu » as « plus » without breaking « j'ai pu »", () => {
    expect(understand("je veu pu recevoir vos sms").intent).toBe("stop");
    expect(understand("j'ai pu lire l'article 2")).toEqual({ intent: "read", n: 2 });
  });
});

describe("understand: asking for more, about oneself, about the bot", () => {
  it.each([
    // « plus d'infos sur » asks for more (it used to unfollow the rubric it named).
    ["plus d'infos sur le Sahel", { intent: "latest", rubric: "sahel", count: null }],
    ["plus d'informations sur le Mali svp", { intent: "latest", rubric: "mali", count: null }],
    ["plus d'infos sur le G5 Sahel", { intent: "search", query: "G5 Sahel" }],
    ["plus d'infos sur le 4", { intent: "read", n: 4 }],
    ["more about number 5", { intent: "read", n: 5 }],
    ["plus de politique svp", { intent: "unfollow", rubrics: ["politique"] }],
    ["dis moi ce qui se passe à Abidjan", { intent: "latest", rubric: "abidjan", count: null }],
    ["qu'est ce qui se passe au Mali ?", { intent: "latest", rubric: "mali", count: null }],
    ["ce qui se passe est grave", { intent: "unknown" }],
    ["que savez vous de l'attaque de Djibo", { intent: "search", query: "attaque de Djibo" }],
    ["tu sais quoi sur Wagner ?", { intent: "search", query: "Wagner" }],
    ["que savez-vous du Niger ?", { intent: "latest", rubric: "niger", count: null }],
    ["qu'est ce que vous savez de moi", { intent: "my-data" }],
    ["what do you know about me", { intent: "my-data" }],
    ["c'est quoi ce bot", { intent: "menu" }],
    ["vous êtes qui ?", { intent: "menu" }],
    // « plus de … comme ça » and « plus de … en anglais » ask for more, never for none.
    ["on veut plus de messages comme ça, bravo", { intent: "thanks" }],
    ["je veux plus d'articles en anglais", { intent: "language", language: "en" }],
    ["je veux plus de messages", { intent: "stop" }],
    ["je veux plus l'anglais", { intent: "language", language: "fr" }],
  ])("%s", (text, want) => expect(understand(text)).toEqual(want));
});

describe("understand: numbers, reading, search, settings", () => {
  it.each([
    ["4", { intent: "choice", n: 4 }],
    ["trois", { intent: "choice", n: 3 }],
    ["le 2 !", { intent: "choice", n: 2 }],
    ["2️⃣", { intent: "choice", n: 2 }],
    ["+223 76 12 34 56", { intent: "unknown" }],
    ["lire 3", { intent: "read", n: 3 }],
    ["ouvre l'article 2 stp", { intent: "read", n: 2 }],
    ["le premier", { intent: "read", n: 1 }],
    ["chercher inondations Niamey", { intent: "search", query: "inondations Niamey" }],
    ["recherche: prix de l'essence", { intent: "search", query: "prix de l'essence" }],
    ["mode quotidien à 7h", { intent: "mode", mode: "daily", time: "07:00" }],
    ["envoyez moi les infos au fur et à mesure", { intent: "mode", mode: "instant", time: null }],
    ["en anglais svp", { intent: "language", language: "en" }],
    ["mes données svp", { intent: "my-data" }],
    ["supprimer mon compte", { intent: "erase" }],
    ["liste des rubriques", { intent: "topics" }],
  ])("%s", (text, want) => expect(understand(text)).toEqual(want));

  it("reads times of day the way readers write them", () => {
    expect(timeOf("à 18h30")).toBe("18:30");
    expect(timeOf("8pm")).toBe("20:00");
    expect(timeOf("6:45am")).toBe("06:45");
    expect(timeOf("8h le soir")).toBe("20:00");
    expect(timeOf("à midi")).toBe("12:00");
    expect(timeOf("le soir")).toBeNull();
    expect(timeOf("25h")).toBeNull();
  });

  it("never throws and always answers one of the intents, on any string", () => {
    const intents = new Set([
      "menu",
      "latest",
      "read",
      "choice",
      "search",
      "topics",
      "follow",
      "unfollow",
      "subscribe",
      "stop",
      "mode",
      "language",
      "my-data",
      "erase",
      "thanks",
      "tip",
      "unknown",
    ]);
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        expect(intents.has(understand(text).intent)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the synonym table", () => {
  it("maps readers' words to the newsroom's rubrics, and the newsroom can add its own", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synonymes-"));
    const file = path.join(dir, "rubric-synonyms.yaml");
    fs.writeFileSync(file, "lamb: Lutte\nfoot: Sport\n");
    const lexicon = loadRubricLexicon(file);
    expect(lexicon.rubricOf("faso")).toBe("burkina faso");
    expect(lexicon.rubricOf("foot")).toBe("sport");
    const understander = new Understander(lexicon);
    expect(understander.understand("suivre lamb")).toEqual({ intent: "follow", rubrics: ["lamb"] });
    expect(understander.understand("lamb")).toEqual({
      intent: "latest",
      rubric: "lamb",
      count: null,
    });
  });

  it("knows a rubric word by its French stem (Snowball), long words only", () => {
    const lexicon = new RubricLexicon();
    expect(lexicon.rubricOf("politiques")).toBe("politique");
    expect(lexicon.rubricOf("economiques")).toBe("economie");
    expect(lexicon.rubricOf("mal")).toBeUndefined();
    expect(understand("actu économique")).toEqual({
      intent: "latest",
      rubric: "economique",
      count: null,
    });
  });

  it("refuses a malformed file with what to write instead; a missing one is no error", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synonymes-"));
    const file = path.join(dir, "rubric-synonyms.yaml");
    fs.writeFileSync(file, "- foot\n- sport\n");
    let error: unknown;
    try {
      loadRubricLexicon(file);
    } catch (e) {
      error = e;
    }
    expect(hasCode(error, "CONFIG_INVALID")).toBe(true);
    expect(String((error as Error).message)).toContain("mot: Rubrique");
    expect(loadRubricLexicon(path.join(dir, "absent.yaml"))).toBeInstanceOf(RubricLexicon);
  });
});

describe("understand: third fresh pass, batch 1 (each failed before its rule)", () => {
  it.each([
    // SMS spelling by ear: « z » for « s », single letters for doubled ones.
    ["dezabone moi", { intent: "stop" }],
    // Pidgin « comot » is « remove ».
    ["abeg make una comot my number for una list", { intent: "stop" }],
    ["njoh stop send me these tins", { intent: "stop" }],
    // A negated opt-out in any form of the verb is a wish to go on.
    ["Surtout ne stoppez pas les envois, c'est très utile 👍", { intent: "thanks" }],
    // « laissez le foot » keeps it.
    ["stop politique, laisse juste le foot", { intent: "unfollow", rubrics: ["politique"] }],
    ["j'ai été désabonné par erreur, remettez moi", { intent: "subscribe", rubrics: [] }],
    ["remettez moi dans la liste svp", { intent: "subscribe", rubrics: [] }],
    ["c comment a Ouaga ce matin", { intent: "latest", rubric: "ouaga", count: null }],
    ["ne plus suivre aucun theme", { intent: "unfollow", rubrics: "all" }],
    ["je ne veux plus suivre aucun sujet", { intent: "unfollow", rubrics: "all" }],
    ["Stop sending fake news about Burkina", { intent: "unknown" }],
    // The same words in another meaning.
    ["they comot the minister from office", { intent: "unknown" }],
    ["le ministre a été retiré par erreur de la liste", { intent: "unknown" }],
    [
      "stop le sport, laissez tomber aussi la culture",
      { intent: "unfollow", rubrics: ["sport", "culture"] },
    ],
  ])("%s", (text, want) => expect(understand(text)).toEqual(want));
});

describe("understand: third fresh pass, batch 2 (each failed before its rule)", () => {
  it.each([
    // An urgent opt-out, not the instant mode.
    ["vos infos sont toujours en retard. désabonnement immédiat", { intent: "stop" }],
    ["mon gars on va faire comment, je veux sortir de ton affaire là", { intent: "stop" }],
    // « plus de messages » as a clause of its own.
    ["Yako, c'est fini entre nous, plus de messages", { intent: "stop" }],
    ["I beg una, I no wan see una message again", { intent: "stop" }],
    ["Kindly take my number off your broadcast", { intent: "stop" }],
    ["OUT", { intent: "stop" }],
    ["Ne m'arrêtez pas les infos du Mali svp, j'aime bien", { intent: "thanks" }],
    // « juste l'économie » is kept.
    [
      "je veux plus les infos de la politique, juste l'economie",
      { intent: "unfollow", rubrics: ["politique"] },
    ],
    ["Bonjour à toute l'équipe", { intent: "menu" }],
    [
      "c'est comment avec le Sénégal aujourd'hui",
      { intent: "latest", rubric: "senegal", count: null },
    ],
    [
      "je veux suivre l'agriculture et l'élevage",
      { intent: "follow", rubrics: ["agriculture", "elevage"] },
    ],
    ["I prefer English", { intent: "language", language: "en" }],
    // The same words in another meaning.
    ["I no wan hear say dem close school", { intent: "unknown" }],
    ["ne m'arretez pas, je suis innocent", { intent: "unknown" }],
    ["les élèves veulent sortir de la crise", { intent: "unknown" }],
    ["suivre politique'); DELETE FROM follows; --", { intent: "follow", rubrics: ["politique"] }],
    ["stop le direct, résumé du soir", { intent: "mode", mode: "daily", time: null }],
  ])("%s", (text, want) => expect(understand(text)).toEqual(want));
});

describe("understand: third fresh pass, batch 3 (each failed before its rule)", () => {
  it.each([
    // An opt-out said before and not heeded.
    ["Mon frère on a dit stop non ? Pourquoi vous continuez à envoyer ?", { intent: "stop" }],
    ["pourquoi vous continuez à m'envoyer ça ?", { intent: "stop" }],
    ["le gars, je suis pas dedans, dégage mon numéro", { intent: "stop" }],
    ["je veux plus l'anglais", { intent: "language", language: "fr" }],
    ["pourquoi vous avez arrêté la rubrique météo ?", { intent: "unknown" }],
    ["why did you stop the sports section", { intent: "unknown" }],
    ["ne supprimez pas la rubrique sport svp", { intent: "topics" }],
    ["Salut la team", { intent: "menu" }],
    ["top 5 du jour", { intent: "latest", rubric: null, count: 5 }],
    ["big up à vous", { intent: "thanks" }],
    ["i ni baara", { intent: "thanks" }],
    // The same words in another meaning.
    ["vous continuez à envoyer des infos sur la CAN ? super", { intent: "search", query: "CAN" }],
    ["dégage le ballon, criait le coach", { intent: "unknown" }],
    ["le président a dit stop à la corruption", { intent: "unknown" }],
  ])("%s", (text, want) => expect(understand(text)).toEqual(want));
});

describe("understand: third fresh pass, batch 4 (each failed before its rule)", () => {
  it.each([
    // « annulez tout » as a clause of its own.
    ["Ma go a pris mon phone et s'est abonnée, moi je veux pas, annulez tout", { intent: "stop" }],
    // SMS « dnt » is « don't ».
    ["plz dnt send me msg again", { intent: "stop" }],
    ["N'arrêtez pas de publier la vérité 💪", { intent: "thanks" }],
    ["stop racket des policiers sur la route de Kara", { intent: "unknown" }],
    // « on veut la politique » keeps it.
    [
      "arrêtez de nous envoyer le sport, on veut la politique",
      { intent: "unfollow", rubrics: ["sport"] },
    ],
    [
      "je me suis désabonné hier mais je veux à nouveau les alertes",
      { intent: "subscribe", rubrics: [] },
    ],
    ["Bonne arrivée à vous", { intent: "menu" }],
    ["vous êtes forts 👏👏", { intent: "thanks" }],
    // The same words in another meaning.
    ["vous êtes forts pour mentir", { intent: "unknown" }],
    ["n'arrêtez pas de publier des mensonges", { intent: "unknown" }],
    ["je ne veux pas recevoir de messages à nouveau", { intent: "stop" }],
    ["annulez la dette africaine !", { intent: "unknown" }],
  ])("%s", (text, want) => expect(understand(text)).toEqual(want));
});

describe("understand: third fresh pass, batch 5 (each failed before its rule)", () => {
  it.each([
    // « je veux plus » as a clause, then « c'est fini ».
    ["moi je veux plus, c'est fini", { intent: "stop" }],
    // A named opt-out clause outweighs the complaint beside it.
    ["depuis quand je me suis abonné ? je veux pas, désabonnez", { intent: "stop" }],
    ["Toutes les alertes off svp", { intent: "stop" }],
    ["je souhaite résilier", { intent: "stop" }],
    ["Bloquez mon numéro de vos envois", { intent: "stop" }],
    ["wesh la rédac", { intent: "menu" }],
    ["ça va chez vous ?", { intent: "menu" }],
    // The same words in another meaning.
    ["tout off aujourd'hui au marché, c'est la fête", { intent: "unknown" }],
    [
      "je veux plus, envoyez encore des infos sur le foot",
      { intent: "latest", rubric: "foot", count: null },
    ],
    ["block my number from scammers how", { intent: "unknown" }],
    ["pourquoi ils ont bloqué la route, stop", { intent: "unknown" }],
  ])("%s", (text, want) => expect(understand(text)).toEqual(want));
});

describe("understand: third fresh pass, batch 6 (each failed before its rule)", () => {
  it.each([
    ["Mon numéro ne doit plus recevoir vos messages", { intent: "stop" }],
    ["Basta les messages", { intent: "stop" }],
    ["Ne me désabonnez pas, je veux continuer", { intent: "subscribe", rubrics: [] }],
    // A negation before the first language named is about that one.
    ["Arrêtez le français je veux l'anglais", { intent: "language", language: "en" }],
    ["la une du jour", { intent: "latest", rubric: null, count: null }],
    // The same words in another meaning.
    ["le Mali ne va plus recevoir de touristes", { intent: "unknown" }],
    ["ne me retirez pas mon permis, disait le chauffeur", { intent: "unknown" }],
    ["basta les coupures de courant", { intent: "unknown" }],
    ["en français svp je ne comprends pas l'anglais", { intent: "language", language: "fr" }],
  ])("%s", (text, want) => expect(understand(text)).toEqual(want));
});

// own-words: written while building the rules; fresh-words and fresh-words-3: written in rounds
// before reading them, each round's misses then fixed by a general rule.
describe.each(["own-words.jsonl", "fresh-words.jsonl", "fresh-words-3.jsonl", "tips.jsonl"])(
  "messages written for these tests (%s), labelled by the data set's rules",
  (name) => {
    const file = path.resolve(import.meta.dirname, "../../fixtures/utterances", name);
    const rows = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string } & Record<string, unknown>);
    it.each(rows.map((r) => [r.text, r] as const))("%s", (text, row) => {
      const { text: _, ...want } = row;
      const got = understand(text);
      const shown = got.intent === "search" ? { ...got, query: got.query.toLowerCase() } : got;
      expect(shown).toEqual(want);
    });
  },
);

// The labelled set lives beside the repository (../shared); skipped, saying so, when absent.
const DEV = path.resolve(import.meta.dirname, "../../../../shared/datasets/utterances/dev.jsonl");
describe.skipIf(!fs.existsSync(DEV))(`the utterance set (${DEV})`, () => {
  it("meets the targets: intent ≥ 0.95, every stop recalled, ≤ 1 % false stops", () => {
    const rows = fs
      .readFileSync(DEV, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; intent: string });
    let right = 0;
    let stops = 0;
    let recalled = 0;
    let falseStops = 0;
    for (const row of rows) {
      const got = understand(row.text).intent;
      // The data set has no « tip » label: a tip is right where it says « unknown », as
      // ../shared/tools/score_utterances.py scores it.
      if (got === row.intent || (row.intent === "unknown" && got === "tip")) right += 1;
      if (row.intent === "stop") {
        stops += 1;
        if (got === "stop") recalled += 1;
      } else if (got === "stop") falseStops += 1;
    }
    expect(right / rows.length).toBeGreaterThanOrEqual(0.95);
    expect(recalled).toBe(stops);
    expect(falseStops / (rows.length - stops)).toBeLessThanOrEqual(0.01);
  });
});
if (!fs.existsSync(DEV)) console.warn(`utterance set absent (${DEV}): its test is skipped`);
