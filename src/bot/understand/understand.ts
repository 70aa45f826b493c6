import { sanitize } from "../parse.ts";
import type { Reading, Understanding } from "./intents.ts";
import { correct, type Normalized, normalize, type Word } from "./normalize.ts";
import { numberOf, ordinalOf, timeOf } from "./quantities.ts";
import { RubricLexicon } from "./synonyms.ts";
import { isTip, isTipDespiteDoubt } from "./tip.ts";

/*
 * Rules of the language, not lists of sentences: greetings, politeness and filler are set
 * aside; what remains is matched against cue words and phrase patterns per intent, in an order
 * where the more specific wins (erase before stop, a named rubric turns « stop » into
 * « unfollow »). Patterns run over the folded words joined by spaces (« , » and « ? » mark
 * clause ends), so « Désabonnez-moi » and « desabonnez moi » are the same text.
 */

/** Cue words typos are corrected to (one typo up to six letters, two beyond). */
const CUES = [
  "stop",
  "stopper",
  "arreter",
  "arretez",
  "arrete",
  "desabonner",
  "desabonnez",
  "desabonne",
  "desabonnement",
  "desinscrire",
  "desinscrivez",
  "desinscription",
  "unsubscribe",
  "abonner",
  "abonnez",
  "abonne",
  "abonnement",
  "inscrire",
  "inscrivez",
  "subscribe",
  "suivre",
  "dernieres",
  "derniers",
  "derniere",
  "nouvelles",
  "actualites",
  "actualite",
  "rubriques",
  "rubrique",
  "chercher",
  "cherche",
  "recherche",
  "rechercher",
  "supprimer",
  "supprimez",
  "effacer",
  "effacez",
  "donnees",
  "francais",
  "anglais",
  "english",
  "french",
  "langue",
  "instantane",
  "instantanee",
  "quotidien",
  "journalier",
  "resume",
  "merci",
  "bonjour",
  "bonsoir",
  "salut",
  "envoyer",
  "envoyez",
  "envoie",
  "messages",
  "retirer",
  "retirez",
  "enlever",
  "enlevez",
  "numero",
  "aujourdhui",
  "beaucoup",
  "please",
  "thanks",
  "latest",
  "headlines",
  "topics",
  "follow",
  "unfollow",
  "alertes",
  "notifications",
  "abonnements",
  "parametres",
];
/** Ordinary words that look like a typo of a cue but are not one. */
const NOT_TYPOS = [
  "bonne",
  "bonnes",
  "donne",
  "sonne",
  "version",
  "thank",
  "merci",
  "about",
  "please",
  "mettez",
  "mettre",
  "metre",
  "aussi",
  "suite",
  "sujet",
  "suivant",
  "rester",
  "reste",
  "donne",
  "donnez",
  "trop",
  "tout",
  "toute",
  "toutes",
  "tous",
  "plus",
  "moins",
  "pour",
  "dans",
  "avec",
  "sans",
  "comme",
  "mais",
  "quand",
  "quoi",
  "alors",
  "votre",
  "notre",
  "leur",
  "arrive",
  "arrivee",
  "suivi",
  "suivie",
  "suis",
  "sport",
  "sports",
  "stock",
  "store",
  "story",
  "stopp",
  "arret",
  "arrets",
  "arretes",
  "arretee",
  "message",
  "alerte",
  "latest",
  "merde",
  "salue",
  "saluer",
  "nouvel",
  "nouveau",
  "nouvelle",
  "resumes",
  "resumer",
  "cherches",
  "cherchez",
  "abonnes",
  "abonnee",
  "abonnees",
  "envoi",
  "envoye",
  "envoyes",
  "envoies",
  "retire",
  "enleve",
  "numeros",
  "langues",
  "suivez",
  "suivi",
  "followers",
];

const CUE_SET = new Set([...CUES, ...NOT_TYPOS]);

const GREETING =
  /^(?:(?:bonjour|bonsoir|bonne arrivee|bienvenue|bonne journee|bonne soiree|bonne nuit|bon apres midi|bonne matinee|salut|coucou|hello|hi|hey|yo|wesh|allo|salam|salam alaykoum|salam aleykoum|salamalekoum|salam alekoum|salamou aleykoum|ici|mbolo|sannu|how far|a vous tous|a vous|a toi|a tous|a toute l equipe|a toute la redaction|toute l equipe|a l equipe|yako|kedu|assalamou alaykoum|as salam alaykoum|aleykoum|alaykoum|good morning|good evening|good afternoon|i ni ce|i ni sogoma|i ni tile|i ni wula|a ni ce|ani sogoma|nanga def|na nga def|laafi bala|laafi|ne y windiga|ne y yibeogo|mbote|akwaba|woezon|ca va|ca va bien|comment ca va|cava|cv|mola|mogo|mon vieux pere|mon vieux|vieux pere|mon frere|ma soeur|mon pote|mon gars|grand frere|grande soeur|tonton|tantie|chef|boss|la redaction|l equipe|cher|chers|madame|monsieur|dear|admin|tchie|tchrr+|ehh|eh|oh|ah|bon(?! (?:travail|boulot|job|taf|taff|continuation|courage))|donc|alors|euh|dsl|desole|pardon|excusez moi|mais)\b\s*,?\s*)+/u;

const POLITENESS =
  /\b(?:svp|stp|abeg|biko|s il vous plait|s il vous plaît|s il te plait|sil vous plait|sil te plait|please|kindly|je vous prie|de grace|merci d avance|merci bien|deh|dêh|hein|la bas)\b/gu;

const THANKS =
  /^(?:(?:merci|beaucoup|grand merci|mille mercis|mercii+|thanks|thank you|thank u|thanks a lot|barka|barika|jerejef|jerejeff|akpe|akpe nami|i ni ce|a ni ce|anitche|a ni tche|dieu vous benisse|que dieu vous benisse|god bless|god bless you|on est ensemble|bon travail|beau travail|bon boulot|beau boulot|bravo|felicitations|good job|great job|nice|super|top(?!\s+(?:\d|des|du|de|infos?|news|articles?|\w+\s+(?:infos?|news|du jour)))|genial|cool|respect|courage|bonne continuation|vous etes les meilleurs|c est bien|c est top|i ni baara|a ni baara|big up|bigup|chapeau)\b\s*,?\s*)+/u;

const NEWS_WORD =
  /\b(infos?|news|actus?|actualites?|nouvelles|dernieres|derniers|derniere|dernier|titres|headlines|articles|flash|latest|kunafoni|xibaar|labaari)\b/u;

/** Words that carry no rubric and no request: dropped from argument phrases. */
const FILLER = new Set([
  "le",
  "la",
  "les",
  "l",
  "un",
  "une",
  "des",
  "de",
  "du",
  "d",
  "au",
  "aux",
  "a",
  "en",
  "sur",
  "pour",
  "dans",
  "rubrique",
  "rubriques",
  "categorie",
  "mes",
  "ma",
  "mon",
  "the",
  "to",
  "of",
  "on",
  "about",
  "in",
  "from",
  "my",
  "news",
  "infos",
  "actu",
  "actus",
  "actualite",
  "actualites",
  "nouvelles",
  "alertes",
  "alerts",
  "articles",
  "seulement",
  "only",
  "moi",
  "me",
  "svp",
  "stp",
  "please",
  "aussi",
  "also",
  "ca",
]);

const BOUNDARY = /\s*(?:,|\?)\s*/u;

/** The rules need the lexicon; everything else is fixed. */
export class Understander {
  readonly #lexicon: RubricLexicon;
  readonly #vocabulary: Set<string>;
  readonly #cueList: readonly string[];
  readonly #corrections = new Map<string, string>();
  readonly #rubricMemo = new Map<string, string[]>();

  /** The synonym table: reader words → the newsroom's rubrics. */
  get lexicon(): RubricLexicon {
    return this.#lexicon;
  }

  constructor(lexicon: RubricLexicon = new RubricLexicon()) {
    this.#lexicon = lexicon;
    this.#vocabulary = new Set([...CUE_SET, ...lexicon.words.flatMap((w) => w.split(" "))]);
    this.#cueList = CUES;
  }

  /** Reads one message; never throws. */
  read(input: string): Reading {
    let corrected = false;
    this.#rubricMemo.clear();
    const n = normalize(sanitize(input).slice(0, 1000), (key) => {
      if (key.length < 4 || this.#vocabulary.has(key)) return key;
      let fixed = this.#corrections.get(key);
      if (fixed === undefined) {
        fixed = correct(key, this.#vocabulary, this.#cueList);
        // Readers reuse the same words: each is compared with the cues once.
        if (this.#corrections.size > 50_000) this.#corrections.clear();
        this.#corrections.set(key, fixed);
      }
      if (fixed !== key) corrected = true;
      return fixed;
    });
    const english = isEnglish(n.text);
    const classified = this.#classify(n, input);
    // What no command rule could act on may be a tip for the newsroom; an unclear opt-out
    // stays a question (« Voulez-vous ne plus rien recevoir ? »).
    const tip = classified.maybeStop
      ? classified.understood.intent === "unknown" && isTipDespiteDoubt(n.text, input)
      : isTip(n.text, input, classified.understood);
    if (tip) {
      return { understood: { intent: "tip" }, maybeStop: false, english, corrected };
    }
    const { understood, maybeStop } = classified;
    return { understood, maybeStop, english, corrected };
  }

  /** The data set's view: intent and arguments only. */
  understand(input: string): Understanding {
    return this.read(input).understood;
  }

  #classify(n: Normalized, input: string): { understood: Understanding; maybeStop: boolean } {
    const done = (understood: Understanding, maybeStop = false) => ({ understood, maybeStop });
    const all = n.text;
    if (n.link) return done({ intent: "unknown" });
    const contentful = n.words.some((w) => /[\p{L}\p{N}]/u.test(w.key));
    if (!contentful) {
      if (/\?/.test(input) && !n.emoji) return done({ intent: "menu" });
      if (n.thanksEmoji) return done({ intent: "thanks" });
      return done({ intent: "unknown" });
    }
    // A phone number (several groups of digits, nothing else) is not a choice.
    const digits = n.words.filter((w) => /^\d+$/.test(w.key));
    if (
      digits.length > 0 &&
      digits.map((w) => w.key).join("").length >= 6 &&
      n.words.every((w) => /^\d+$/.test(w.key) || w.key === "," || w.key === "+")
    ) {
      return done({ intent: "unknown" });
    }
    if (n.link) return done({ intent: "unknown" });

    // A bare number, possibly with "le", "stp" or punctuation: the screen decides.
    const bare = n.words.filter(
      (w) => ![",", "?", "le", "la", "stp", "svp", "please", "merci"].includes(w.key),
    );
    if (bare.length === 1 && bare[0]) {
      const v = numberOf(bare[0].key);
      if (v !== null && (bare[0].key.length <= 3 || !/\d/.test(bare[0].key))) {
        return done({ intent: "choice", n: v });
      }
    }

    // "ah bon", "euh": interjections open a message without greeting anyone.
    const opening = (GREETING.exec(all)?.[0] ?? "").replace(INTERJECTION, " ");
    const greeted = /\p{L}/u.test(opening) || /\b(bonjour|bonsoir|salut|hello)\b/.test(all);
    let t = ` ${all} `.replace(POLITENESS, " ").replace(ADDRESS, " ");
    t = t.replace(/\s+/g, " ").trim();
    const greet = GREETING.exec(t);
    if (greet) t = t.slice(greet[0].length).trim();
    let thanked = THANKS.test(t);
    const thanks = THANKS.exec(t);
    if (thanks) t = t.slice(thanks[0].length).trim();
    // "ok merci bien": the politeness set aside was a thanks.
    if (/\bmerci (?:bien|d avance)\b/.test(all)) thanked = true;
    // "plus besoin merci": a thanks at the end, like one in front, is set aside.
    const trailing = /(?:^|\s|,)(?:merci|thanks|thank you)(?: beaucoup| bien)?\s*,?\s*$/u.exec(t);
    if (trailing && trailing.index > 0) {
      t = t.slice(0, trailing.index).trim();
      thanked = true;
    }
    t = t.replace(/^(?:,|\?|\s)+|(?:,|\s)+$/g, "").trim();
    // "merci pour l'info": thanks for something is thanks.
    if (thanked && /^(pour|for)\b/.test(t) && !/\b(stop|desabo\w*|arret\w*)\b/.test(t)) {
      return done({ intent: "thanks" });
    }
    // "merci mais stop": what follows a thanks is the request.
    t = t.replace(/^(mais|but)\b\s*/u, "");
    const s = ` ${t} `;

    if (!/[\p{L}\p{N}]/u.test(t)) {
      if (thanked || /\b(merci|thanks|thank you)\b/.test(all)) return done({ intent: "thanks" });
      if (greeted || n.emoji || /\?/.test(all)) return done({ intent: "menu" });
      return done({ intent: "unknown" });
    }

    return (
      this.#erase(s) ??
      this.#language(s) ??
      this.#mode(s, input) ??
      this.#search(s, n) ??
      this.#resubscribe(s) ??
      this.#optOut(s) ??
      this.#unfollow(s) ??
      this.#myData(s) ??
      this.#subscribe(s) ??
      this.#follow(s) ??
      this.#topics(s) ??
      this.#read(s) ??
      this.#thanks(s) ??
      this.#askAbout(s, n) ??
      this.#latest(s, n) ??
      this.#rubricAlone(s) ??
      this.#menu(s) ??
      (thanked && !/^\s*(de|d)\b/.test(s) && !PUBLISH.test(s)
        ? done({ intent: "thanks" })
        : null) ??
      done({ intent: "unknown" }, MAYBE_STOP.test(s))
    );
  }

  #erase(s: string) {
    const verb =
      /\b(supprimer|supprimez|supprime|suppression|effacer|effacez|efface|effacement|delete|erase|remove|detruisez|detruire|vider|videz)\b/u;
    const object =
      /\b(donnees|historique|data|compte|account|profil|infos personnelles|informations|mes infos|tout ce que|history|personal)\b/u;
    if (
      (verb.test(s) && object.test(s)) ||
      /\bdroit a l oubli\b|\bright to be forgotten\b/.test(s)
    ) {
      return { understood: { intent: "erase" } as const, maybeStop: false };
    }
    return null;
  }

  #language(s: string) {
    const fr = /\b(francais|french|fr|france)\b/u;
    const en = /\b(anglais|english|en|eng)\b/u;
    const mentionsFr = /\b(francais|french)\b/.test(s);
    const mentionsEn = /\b(anglais|english)\b/.test(s);
    const cue =
      /\b(langue|language|lang|parle|parlez|speak|ecris|ecrivez|ecrire|write|switch|passe|passer|remets|remettez|revenez|reviens|revenir|retour|return|repasse|repassez|retourne|retournez|back|in|en|fini|stop|arrete|arretez|arreter|stoppe|stoppez|assez|no more|comprends|understand|prefere|prefer|veux plus(?! d)|veux pas|voulons plus(?! d)|want|traduire|traduisez|version|mode|mets|mettez|met)\b/u;
    if (/\b(langue|language|lang)\s+(fr|en|francais|anglais|english|french)\b/.test(s)) {
      const lang = /\b(langue|language|lang)\s+(fr|francais|french)\b/.test(s) ? "fr" : "en";
      return result({ intent: "language", language: lang });
    }
    const bareCode = /^\s*(fr|fra|en|eng)\s*$/.exec(s)?.[1];
    if (bareCode)
      return result({ intent: "language", language: bareCode.startsWith("f") ? "fr" : "en" });
    if (!mentionsFr && !mentionsEn) return null;
    // « je veux plus d'articles en anglais »: more of them in that language, not « no more ».
    const more =
      /\bplus (?:de|d|des) (?:\w+ ){1,2}(?:en|in) (anglais|english|francais|french)\b/.exec(s);
    if (more?.[1])
      return result({
        intent: "language",
        language: /^(?:francais|french)$/.test(more[1]) ? "fr" : "en",
      });
    const rest = s
      .replace(/\b(francais|french|anglais|english|en|in|svp|stp|please)\b/g, " ")
      .trim();
    if (!cue.test(s) && rest.replace(/[,?]/g, "").trim() !== "") return null;
    const negated = (word: string) =>
      new RegExp(
        `\\b(${LANGUAGE_NEGATION})\\b[^,]*\\b${word}\\b|\\b${word}\\b[^,]*\\b(fini|termine|c est fini)\\b`,
      ).test(s);
    let lang: "fr" | "en" | null = null;
    if (mentionsFr && mentionsEn) {
      // « arrêtez le français je veux l'anglais »: a negation before the first language named
      // is about that one.
      const first = /\b(francais|french|anglais|english)\b/.exec(s);
      const head = first ? s.slice(0, first.index) : "";
      if (first && NEGATES_LANGUAGE.test(head))
        lang = /^(francais|french)$/.test(first[1] ?? "") ? "en" : "fr";
      else lang = negated("(anglais|english)") ? "fr" : negated("(francais|french)") ? "en" : null;
      if (!lang) {
        const lastFr = Math.max(s.lastIndexOf("francais"), s.lastIndexOf("french"));
        const lastEn = Math.max(s.lastIndexOf("anglais"), s.lastIndexOf("english"));
        lang = lastFr > lastEn ? "fr" : "en";
      }
    } else if (mentionsFr) lang = negated("(francais|french)") ? "en" : "fr";
    else lang = negated("(anglais|english)") ? "fr" : "en";
    void fr;
    void en;
    return result({ intent: "language", language: lang });
  }

  #mode(s: string, input: string) {
    const instant =
      /\b(instantanee?s?|instant|temps reel|real time|realtime|en direct|directes?|direct|live|immediat|immediatement|des (?:que|qu) (?:ca|c|elles?|ils?|les infos|l info|une info|un article) (?:tombe\w*|sort\w*|arrive\w*|est publie\w*|sont publie\w*|parai\w*)|des qu elles? sortent?|des que ca sort|au fur et a mesure|en continu|breaking|au moment ou elles? tombent?|quand elles? tombent?|des qu elles? tombent?|as soon as|fil de l eau)\b/u;
    const daily =
      /\b(resumes?|recaps?|recapitulatif|digest|summary|summaries|quotidiens?|quotidienne|journaliers?|une fois par jour|1 fois par jour|par jour|once a day|a day|per day|each day|daily|chaque soir|chaque matin|every day|every evening|du soir|le soir)\b/u;
    const neg =
      "(arret\\w*|stop\\w*|fini|finis|plus|pas d|no more|no|sans|desactiv\\w*|trop|assez)";
    // « désabonnement immédiat »: the opt-out is urgent, no mode is asked for.
    if (
      /\b(?:desabonn\w*|desinscri\w*|unsubscribe|stop|arret\w*|retir\w*|supprim\w*|enlev\w*)\s+(?:moi\s+)?(?:immediat|immediatement|directement)\s*(?:,|$)/u.test(
        s,
      )
    )
      return null;
    const hasI = instant.test(s);
    const hasD =
      daily.test(s) &&
      !/\bdu soir\b|\ble soir\b/.test(s.replace(daily, (m) => (/soir/.test(m) ? m : "")))
        ? true
        : daily.test(s);
    const modeWord = /\bmode\b/.test(s);
    if (!hasI && !hasD) return null;
    // "breaking news", "flash info": asking for the news, not for a setting.
    if (/^\s*(?:the |les |des )?(?:breaking news|flash infos?|derniere minute)\s*\??\s*$/u.test(s))
      return null;
    // "les infos du soir" alone is a request for news, not a setting.
    // "envoyez-moi tout le soir à 21h30": a time of day with « le soir » sets the digest too.
    const dailyStrong =
      /\b(resumes?|recaps?|recapitulatif|digest|summary|summaries|quotidiens?|quotidienne|journaliers?|fois par jour|par jour|once a day|a day|per day|each day|daily)\b/.test(
        s,
      ) ||
      (timeOf(input) !== null &&
        /\b(le soir|le matin|chaque soir|chaque matin|every evening|every morning)\b/.test(s));
    const instantStrong =
      hasI &&
      (modeWord ||
        /\b(alertes?|notifications?|notifs?|messages|infos?|news|mode|envoi|envoyez|envoie|envoyer|send|recevoir|prefere|tout|everything|receive)\b/.test(
          s,
        ) ||
        /\b(temps reel|real time|instantanee?s?)\b/.test(s) ||
        /^\s*(?:en direct|direct|live|immediatement|en continu)\s*$/.test(s));
    if (!dailyStrong && !instantStrong) return null;
    // "Résumé de l'actualité d'aujourd'hui": asking for the news, not for a setting.
    if (
      !instantStrong &&
      /\b(resume|recap)\s+(?:de|des|du|d)\s+(?:l |la )?(actualite|actualites|actu|actus|infos?|jour|journee|semaine|aujourdhui|news)\b/.test(
        s,
      ) &&
      timeOf(input) === null
    ) {
      return null;
    }
    const negI = new RegExp(`\\b${neg}\\b[^,]*?${instant.source}`, "u").test(s);
    const negD = new RegExp(`\\b${neg}\\b[^,]*?${daily.source}`, "u").test(s);
    let mode: "instant" | "daily";
    if (dailyStrong && instantStrong) mode = negI ? "daily" : negD ? "instant" : "daily";
    else if (dailyStrong) mode = negD ? "instant" : "daily";
    else mode = negI ? "daily" : "instant";
    void hasD;
    const time = mode === "daily" ? timeOf(input) : null;
    return result({ intent: "mode", mode, time });
  }

  #search(s: string, n: Normalized) {
    const m =
      /^\s*(?:(?:je|moi|on|tu|vous)\s+)?(?:(?:veux|voudrais|peux|peux tu|pouvez vous|aimerais|souhaite)\s+)?(?:cherche|cherches|cherchez|chercher|recherche|recherches|rechercher|recherchez|search for|search|find|trouve|trouver|trouvez|trouve moi|trouvez moi|look for|look up)\b/u.exec(
        s,
      );
    if (!m) return null;
    const query = this.#query(n, s.slice(m.index + m[0].length));
    if (!query) return null;
    return result({ intent: "search", query });
  }

  /** Search words as the reader wrote them, from the folded tail `tail` of the message. */
  #query(n: Normalized, tail: string): string {
    let keys = tail
      .replace(/[,?]/g, " ")
      .trim()
      .replace(
        /^(?:moi\s+)?(?:(?:l|un|le|les|des|d|du|de la|the|a|an|some)\s+)?(?:(?:article|articles|story|stories|report|infos?|informations|nouvelles|news|actus?|quelque chose|truc|trucs|dernieres|derniers|plus d infos|plus d informations)\s+)?(?:(?:sur|about|on|concernant|a propos de|au sujet de|de)\s+)?(?:(?:l|le|la|les|the)\s+)?/u,
        "",
      )
      .replace(/^(?:en savoir plus sur|tout sur)\s+(?:(?:l|le|la|les)\s+)?/u, "")
      .trim();
    keys = keys.replace(/\s+(svp|stp|please|merci)$/u, "").trim();
    if (!keys) return "";
    const want = keys.split(/\s+/);
    // Find these folded words in the message and give them back as written.
    const words = n.words.filter((w) => w.key !== "," && w.key !== "?");
    for (let i = 0; i + want.length <= words.length; i++) {
      if (want.every((k, j) => words[i + j]?.key === k)) {
        return glue(words.slice(i, i + want.length));
      }
    }
    return keys;
  }

  #optOut(s: string) {
    // "stop le basket, je garde le foot": rubrics the reader keeps are not the ones to drop.
    const rubrics = this.#rubricsIn(s.replace(KEPT, " "));
    const keepsSome = rubrics.length === 0 && this.#rubricsIn(s).length > 0;
    const stopVerb =
      /\b(stop|stopper|stoppez|arretez|arreter|arrete|cessez|cesser|cesse|desabo\w*|desinscri\w*|unsub\w*|opt out|optout|desactivez|desactiver|desactive|quitter|quit|je pars)\b/u;
    // Not a request: "vous avez arrêté", "le bus s'est arrêté", "l'arrêt de bus".
    const described =
      /\b(?:did|have|has|had)\s+(?:you|u|they|we)\s+(?:stop|stopped|cancel\w*|remove\w*|end|ended)\b|\b(avez|avait|ont|a|as|est|s est|sont|etait|etais|suis|m a|m etais|me suis|avais)\s+(?:(?:t\s+)?(?:il|elle|ils|elles|on)\s+)?(arrete|arretes|arretee|arretees|stoppe|fini|finie|finis|finies|termine|terminee|desabonne|desabonnee|desinscrit)\b/u;
    // "vous allez arrêter le service ?": asking about our plans, not asking us to stop.
    const plans =
      /\b(?:vous allez|allez vous|vous comptez|comptez vous|vous voulez|voulez vous)\s+(?:\w+\s+)?(?:arreter|stopper|fermer)\s+(?:le|la|les|l|votre|vos|ce|cette)\s+(?:service|journal|publication|site|application|appli|emission|bot|diffusion|radio|tele)\b/u;
    // "ils ont fini par arrêter le voleur": others stopping someone, told about.
    const theyStop =
      /\b(?:ils|elles)\s+(?:\w+\s+){0,3}?(?:arreter|arrete|arretes|arretee|arretees|stopper|stoppe)\b|\bfini par (?:arreter|stopper)\b/u;
    // "le bus s'arrête où ?": something else stopping.
    const reflexive = /\b(?:s|se)\s+(?:arrete|arretent|arretera|arreteront|arretait|arreter)\b/u;
    const participle =
      /\b(arrete|arretes|arretee|arretees)\s+(a|au|aux|par|pour|avec|dans|hier|depuis|en|pres|sur)\b/u;
    // « Le ministre a été arrêté ? »: someone arrested, not a request to stop.
    const passive =
      /\b(?:a|ont|est|sont|etait|etaient|serait|seraient|aurait|auraient)\s+(?:ete\s+)?(?:arrete|arretes|arretee|arretees)\b/u;
    const slogan =
      /^\s*stop\s+(au|a la|a l|aux|a)\b(?!\s+(?:messages|sms|notifications|alertes|spams?)\s*$)|\bstop\s+(?:(?:sending|spreading|posting|publishing|diffuser|publier)\s+)?(?:(?:les|la|le|aux?|the|your|vos)\s+)?(fake|fausses?|rumeurs?|rumou?rs?|mensonges?|intox|lies)\b/u;
    const complaint = /\b(pourquoi|why|depuis|since)\b/u;
    const leaveAlone =
      /\b(laiss\w* tomber (?:pour moi|pour nous|avec vous|vos messages)|go away|get lost|foutez le camp|fous le camp|laissez moi|laisse moi|laisser moi|laissez nous|laisser nous|lachez moi|lache moi|lacher moi|leave me alone|leave us alone|fichez moi la paix|foutez moi la paix|tranquille|tranquil|want out|count me out|opt me out|take me off|me laisser(?! (?:un|une|le|la|les|des|du)\b)|nous laisser(?! (?:un|une|le|la|les|des|du)\b))\b/u;
    const removeMe =
      /\b(retirez|retirer|retire|enlevez|enlever|enleve|supprimez|supprimer|supprime|effacez|effacer|efface|sortez|sortir|sors|barrez|barrer|barre|virez|virer|vire|comot|commot|degagez|rayez|rayer|raye|radiez|radier|radie|excluez|exclure|remove|take me off|delete|drop|scratch)\b\s*(moi|me|mon numero|mon num|mon nom|my name|mon contact|mes coordonnees|le|nous|my number|my contact)\b|\b(retirez|enlevez|supprimez|effacez|sortez|sortir|barrez|rayez|radiez|remove|leave)\b.*\b(liste|list|diffusion|mailing|broadcast)\b|\btake\s+(?:my number|my name|my contact|us|me)\s+(?:out\s+)?(?:off|of|from)\b|\bdegage\w*\s+(?:moi|mon numero|mon num|mon contact|my number)\b|\b(?:bloquez|bloquer|block)\s+(?:mon numero|mon num|mon contact|my number)\s*(?:$|,|(?:de|des|from)\s+(?:vos|votre|your|this|ce|cette|la)\b)|\bme\s+(retirer|retire|desinscrire|desabonner|enlever|radier|rayer|barrer|sortir|virer|supprimer|effacer)\b|\b(?:retrait|suppression|radiation)\s+(?:de|du)\s+(?:mon numero|mon num|mon contact|mon nom|ma ligne|la liste|moi)\b|\bhors (?:de |d )?(?:la |votre |cette |vos |ta |ce )?(?:liste|diffusion|groupe|service)\b/u;
    const noMore =
      /\b(veux|voulons|veut|souhaite|desire|want)\s+(?:plus|pas|no)\s+(?:rien|recevoir|de vos|vos|de messages?|messages?|de ces|ces|d infos|infos|aucun|(?:les|tes)\s+(?:infos?|messages?|alertes?|news|actus?|nouvelles|notifications?))|\b(?:ne|n)\s+(?:m|me|nous)?\s*(?:envoyez|envoie|envoyer|ecrivez|contactez|ajoutez|ajoute|inscrivez|incluez|mettez|derangez|spammez|ecris|contacte)\s+plus\b|\brefus\w*\s+(?:de\s+|d\s+)?(?:recevoir|vos|ces|les)\s+(?:\w+\s+)?(?:messages|notifications|alertes|infos|envois|sms)\b|^\s*plus besoin\s*$|\b(?:plus|ne suis plus|ne veux plus)\s+interesse|\bno more\s+(messages|texts|news|alerts|notifications)\b|\b(dont|don t|do not)\s+(send|text|message|contact)\b|\b(dont|don t|do not|no longer)\s+(want|need|wish)\b|\b(?:i|we|me)\s+(?:no|nor)\s+(?:want|need)\b|\b(?:i|we|me|a)\s+(?:no|nor)\s+wan\b(?:\s+\w+){0,3}?\s+(?:again|anymore|messages?|una|your|am)\b|\b(want|need)\b.*\b(anymore|any more|no more)\b|\bne\s+(?:veux|voulons|veut|souhaite|souhaitons|desire)\s+rien\b|\b(?:mon numero|ce numero|mon telephone|mon phone|mon portable|je|j|on|nous)\s+(?:ne|n)\s+(?:doit|doivent|dois|devez|devrait|va|vais|peut|peux)\s+plus\s+(?:rien\s+)?(?:recevoir|etre contacte|etre derange)\b|\bne\s+(?:veux|voulons|veut|souhaite|souhaitons|desire)\s+plus\b(?!\s+(?:rien\s+)?(?:rater|manquer|louper|attendre|perdre))|\b(?:n ai|ai)\s+plus\s+besoin\b|\b(?:pas|plus|not|no longer)\s+(?:interess\w*|interest\w*)|\b(?:veux|voulons|veut|souhaite|souhaitons|desire)\s+(?:plus|pas)\s+(?:etre|faire partie)\s+(?:\w+\s+){0,3}(?:liste|groupe|abonne\w*|inscrit\w*|membre|contacte\w*|derange\w*|diffusion)\b|^\s*(?:no more|plus jamais|jamais plus|never again|plus rien)\s*$|\bne m interesse (?:pas|plus)\b|\bm interesse pas\b|\bne plus (?:m |me |nous )?(?:envoyer|ecrire|recevoir|contacter)\b|^\s*(?:je )?(?:ne )?veux plus\s*$|(?:^|,)\s*(?:moi\s+)?(?:je |j )?(?:ne |n )?(?:veux|voulons|en veux) plus\s*(?:$|,\s*(?:c est |c )?(?:fini|termine|assez|ca suffit|basta|stop)\b)|^\s*(?:je\s+)?(?:veux|voudrais|souhaite|souhaiterais|aimerais|desire)\s+(?:resilier|annuler|partir|quitter)\s*(?:tout|mon abonnement|l abonnement)?\s*$|^\s*(?:halte|stop|assez|basta)\s+(?:aux|a vos|a ces|les|vos|ces|de|d|avec les|avec vos)\s+(?:messages|sms|notifications|alertes|spams?)\s*$|\bplus\s+(?:rien|jamais)\b\s*(?:recevoir|m envoyer)?|\b(?:plus|pas) (?:la peine|besoin) (?:de|d)\b|^\s*(?:ne )?plus (?:rien )?recevoir\b|\b(?:ca|c) suffit\b|\b(?:j en ai|on en a) marre\b/u;
    const cancel =
      /\b(annulez|annuler|annule|resiliez|resilier|cancel|end|terminez|terminer)\b.*\b(abonnement|subscription|inscription)\b|^\s*(?:c est |c )?(fin|fini|finis|finish|end|quit|halte|basta|terminer|termine|arret|assez|suffit|ca suffit|resilier|resiliez|resilie|resiliation|enough|stop it|remove|remove me|delete me|out|i m out|je suis out|desactiver|desactivez|cancel|stopall)\s*(abonnement|de l abonnement|des messages|messages|alertes|tout|pour moi|pour nous|avec vous|entre nous|!)?\s*$|(?:^|,)\s*(?:plus|pas|no|no more)\s+(?:de |d )?(?:messages?|alertes?|notifications?|notifs?|sms|envois?|texts?|alerts?)\s*(?:,|$)|^\s*(?:c est )?(?:fin|fini|finis|termine|terminee)\s+(?:les|des|de|mes|vos|avec)\s+(?:vos\s+)?(?:messages?|alertes?|notifs?|notifications?|envois?|sms|abonnements?|infos)\b(?:\s+(?:pour moi|pour nous|avec vous))?\s*$|\bsign me out\b|(?:^|,)\s*(?:annulez|annuler|cancel)\s*(?:tout|all|everything|ca|it)?\s*(?:,|$)|\b(?:mettez|mettre|mets|met)\s+fin\b.*\b(?:abonnement|inscription|messages|envois|alertes)\b|\bn en (?:veux|voulons|veut) plus\b|\bfin\s+(de l |d |de mon |mon )?(abonnement|inscription)\b/u;

    const undescribed = s
      .replace(described, " ")
      .replace(participle, " ")
      .replace(passive, " ")
      .replace(reflexive, " ")
      .replace(theyStop, " ")
      .replace(plans, " ");
    // "Arrêt de la rubrique santé", "arrêt des messages": the noun, naming what to stop.
    const stopNoun =
      /^\s*arret\s+(?:de|des|du|d)\s+(?:la\s+|l\s+|mes\s+|mon\s+)?(rubrique|messages|alertes|notifications|abonnement|envois|infos|sms)\b/u;
    const hasStop = stopVerb.test(undescribed) || stopNoun.test(s);
    // Turning it all off, in the words of a phone's settings: « turn off notifications »,
    // « mute all », « kill the alerts », « coupez les notifications ».
    const switchOff =
      /\b(?:alertes?|notifications?|notifs?|messages?)\s+off\s*(?:$|,|svp|stp|please|pls|plz)|\b(?:turn|switch|shut)\s+(?:(?:it|them|this|that|all|everything)\s+)?off\s*(?:$|[!.]|(?:please|pls|plz|svp|stp|now|all|everything|(?:the|your|these|all|les|vos)\s+(?:\w+\s+)?(?:notifications?|notifs?|alerte?s?|messages?|texts?)|notifications?|notifs?|alerte?s?|messages?)\b)|\b(?:mute|silence|kill|disable)\s+(?:(?:the|your|these|all|les|vos)\s+(?:\w+\s+)?)?(?:notifications?|notifs?|alerte?s?|messages?|texts?)\b|^\s*(?:mute|kill|disable)\s*(?:all|everything|it|this|them)?\s*(?:please|pls|plz|svp|stp)?\s*[!.]*$|\b(?:coupez|couper|coupe|eteignez|eteindre|eteins)\s+(?:moi\s+)?(?:les|vos|ces|mes|toutes les|tous les)\s+(?:\w+\s+)?(?:notifications?|notifs?|alertes?|messages?|envois?|sms)\b|\b(?:coupez|couper|coupe)\s+tout\s*[!.]*$/u;
    // A threat to block or report the number is the surest sign it must stop writing: it is
    // how a number gets banned.
    const blockOrReport =
      /\b(?:vais|vas|va|allons|veux|voulons)\s+(?:vous|te|t)\s+(?:bloquer|signaler|denoncer)\b|\b(?:je|j|on|nous)\s+(?:vous|te|t)\s+(?:bloque|bloquerai|bloquerons|signalerai|signalerons)\b|\b(?:i ll|i will|gonna|going to)\s+(?:block|report)\s+(?:you|u|this|your)\b|\b(?:blocking|reporting)\s+(?:you|u)\b/u;
    // Leaving, said whole: « je quitte », « je quitte le groupe » (not « je quitte Bamako … »).
    const leaving =
      /\b(?:veux|voudrais|souhaite|aimerais|vais|want to|wan)\s+(?:sortir|partir|me retirer|get out|comot)\s+(?:(?:de|d|du|of|from)\s+(?:ton|ta|tes|votre|vos|ce|cette|la|le|l|your|this|una)\s+(?:affaire|truc|liste|groupe|service|systeme|bail|abonnement|chaine|canal|plateforme|diffusion|bot|thing|list|group)\b|(?:de |d )?(?:la|ici|dedans)\s*$)|^\s*(?:moi\s+)?(?:je|j|on|nous)\s+(?:quitte|quittons|me barre|me casse)\s*(?:(?:le|la|votre|ce|cette|vos|ton|ta)\s+(?:groupe|liste|chaine|service|canal|abonnement|plateforme|bot|truc)|tout)?\s*[!.]*$/u;
    // « je ne veux plus suivre aucun sujet »: following nothing is unfollowing every rubric.
    if (/\b(?:plus|pas)\s+suivre\b/u.test(s) && ALL_RUBRICS.test(s) && !hasStop) return null;
    // « on a dit stop non ? », « pourquoi vous continuez à m'envoyer ? »: an opt-out said before
    // and not heeded is the strongest one.
    const insist =
      /\b(?:j ai|on a|on vous a|je vous ai|je t ai|nous avons|nous vous avons|i said|i told you)\s+(?:deja\s+|bien\s+)?(?:dit\s+)?(?:de\s+|d\s+|to\s+)?(?:stop|arreter|arret|ne plus|desabonn\w*|unsubscribe)\b|\b(?:vous|tu)\s+(?:continuez|continue|continues)\s+(?:a|de|d)\s+(?:m|me|nous)\s+(?:envoy\w*|ecrire|spammer|deranger)\b|\b(?:pourquoi|why)\s+(?:est ce que\s+)?(?:vous|tu)\s+(?:continuez|continue|continues)\s+(?:a|de|d)\s+(?:envoy\w*|ecrire|spammer)\s*(?:\?|$)|\b(?:keep|still)\s+(?:sending|texting|messaging)\s+(?:me|us)\b/u;
    if (insist.test(s) && rubrics.length === 0) return result({ intent: "stop" });
    const ask =
      hasStop ||
      leaveAlone.test(s) ||
      removeMe.test(s) ||
      noMore.test(s) ||
      cancel.test(s) ||
      switchOff.test(s) ||
      blockOrReport.test(s) ||
      leaving.test(s);
    // Our messages called spam, or a nuisance (« c'est du spam », « vous me dérangez la nuit »):
    // not yet a request, so the reader is asked whether to stop rather than left unanswered.
    const annoyed =
      /^\s*(?:c est |c |que |quel |encore |trop de )?(?:du |un |le |des )?spams?\s*[!.?]*$|\b(?:vous|tu|il|ce bot|ce numero)\s+(?:me|nous|m)\s+(?:spam\w*|derangez|derange|deranges|embetez|embete|saoulez|soulez|fatiguez|fatigue|harcelez|harcele|agacez|agace|enervez|enerve|emmerdez|emmerde|gonflez|gonfle)\b|\b(?:you|u)\s+(?:are\s+|re\s+)?(?:spamming|bothering|annoying|disturbing|harassing)\s+(?:me|us)\b/u;
    if (!ask && annoyed.test(s)) return result({ intent: "unknown" }, true);
    // « plus de messages comme ça » asks for more of the same: the comparative, never an opt-out.
    if (
      /\bplus (?:de|d|des) (?:\w+ ){0,2}comme (?:ca|cela|ceci|celui|celle|ceux|celles)\b/u.test(s)
    )
      return null;
    if (!ask) return null;
    if (
      /\bn\s+(arretez|arrete|arretes)\s+(pas|surtout|jamais)|\bne\s+(stopp\w*|cess\w*)\b|\bne\s+(?:vous\s+|t\s+|te\s+|nous\s+|m\s+|me\s+)?(arret\w*|stopp\w*|desabonn\w*|desinscri\w*|desactiv\w*|supprim\w*|retir\w*|enlev\w*)\s+(pas|surtout|jamais)\b|\b(pas|jamais|never|don t|dont|do not)\s+(?:de\s+|tout\s+)?(stop|stopper|arreter|arretez|arrete)\b(?!\s*(?:de|d)\b)/u.test(
        s,
      )
    )
      return null;
    if (slogan.test(s)) return result({ intent: "unknown" });
    // "Stop ou encore ?": the word weighed against its opposite, a question, not a request.
    if (/\b(?:stop|arret\w*)\s+(?:ou|or)\s+(?:encore|pas|continuer|go|non)\b/u.test(s))
      return result({ intent: "unknown" }, true);
    // "arrêtez de mentir": a complaint about what we write, not a request to stop writing.
    const verb =
      /\b(?:arretez|arrete|arreter|stop|cessez|cesser)\s+(?:de|d)\s+(?:(?:m|me|nous)\s+)?(\w+)/u.exec(
        s,
      )?.[1];
    if (verb && !OPT_OUT_VERBS.test(verb)) return result({ intent: "unknown" }, true);
    // "stop tout sauf le sport": not everything, yet no rubric to drop — ask, do not act.
    if (keepsSome) return result({ intent: "unknown" }, true);
    // A rubric named with the opt-out: only that rubric goes.
    if (rubrics.length > 0 && !/\b(parler|parlez|parle|talk)\b/.test(s)) {
      if (this.#otherClauseAsks(s)) return result({ intent: "stop" });
      return result({ intent: "unfollow", rubrics });
    }
    if (/\b(parler|parlez|parle)\b/.test(s)) return result({ intent: "unknown" });

    // « depuis quand je suis abonné ? désabonnez »: a bare opt-out clause outweighs the complaint.
    if (complaint.test(s) && !/\b(comment|how)\b/.test(s) && !this.#otherClauseAsks(s, true))
      return result({ intent: "unknown" }, true);
    if (
      /\bstop\b/.test(s) &&
      !/^\s*stop\b|\bstop\s*(?:$|[,?!]|(?:svp|stp|please|moi|tout|maintenant|now|the messages|messages|les messages|vos|envoyer|ca|c|all|am|it|this|that|dat|everything|send|text|write|call|disturb|bother|sending|texting|messaging|contacting|spamming|bothering|disturbing|receiving|getting)\b)|\b(dit|dis|c bon|bon|mais)\s+stop\b/u.test(
        s,
      )
    ) {
      // "bus stop", "stop-over": the word without the request.
      return result({ intent: "unknown" }, true);
    }
    const other =
      /\b(fake|rumeurs?|terrorisme|guerre|violence|corruption|rackets?|rancon\w*|bavures?|kidnappings?|chomage|famine|extorsion|arnaques?|escroquerie|racisme|injustice|desinformation|manipulation|propagande|haine|vie chere|insecurite|ebola|covid|coronavirus|paludisme|sida|excision|mariage force|pollution|delestages?|coupures|tracasseries|impunite|drogue|tribalisme|xenophobie|feminicides?|viols?|braquages?|enlevements?)\b/u;
    if (other.test(s)) return result({ intent: "unknown" }, true);
    return result({ intent: "stop" });
  }

  /** "Retirez mon numéro, j'ai pas demandé le Mali" — rare; kept false unless a clause is a bare stop. */
  #otherClauseAsks(s: string, explicit = false): boolean {
    // Beside a complaint, only an opt-out that names itself (not a bare « stop ») is trusted.
    const bare = explicit
      ? /^\s*(stop tout|desabonnez(?: moi)?|desinscrivez(?: moi)?|unsubscribe(?: me)?|arretez tout|(?:retirez|enlevez|supprimez|sortez) moi)\s*$/
      : /^\s*(stop(?: tout)?|desabonnez(?: moi)?|desinscrivez(?: moi)?|unsubscribe(?: me)?|arretez(?: tout)?|(?:retirez|enlevez|supprimez|sortez) moi)\s*$/;
    return s.split(BOUNDARY).some((c) => bare.test(c));
  }

  /** "Réabonnez-moi, je m'étais désabonné par erreur": coming back wins over the old stop. */
  #resubscribe(s: string) {
    // « Ne me désabonnez pas »: staying in.
    if (
      /\b(?:ne|n)\s+(?:me|m|nous)\s+(?:desabonn\w*|desinscri\w*|retir\w*|enlev\w*|supprim\w*|radi\w*)\s+(?:pas|jamais)\b(?!\s+(?:mon|ma|mes|le|la|les|l|un|une)\b)/u.test(
        s,
      )
    )
      return result({ intent: "subscribe", rubrics: this.#rubricsIn(s) });
    // « je veux à nouveau les alertes »: coming back, unless it is negated.
    if (
      /\b(?:a nouveau|de nouveau|again)\b/u.test(s) &&
      /\b(?:alertes?|abonn\w*|recevoir|inscri\w*|messages|notifications?|alerts|subscribe)\b/u.test(
        s,
      ) &&
      !/\b(?:ne|n|plus|pas|dont|don t|no|not|never|jamais)\b/u.test(s)
    )
      return result({ intent: "subscribe", rubrics: this.#rubricsIn(s) });
    if (
      /\b(reabonn\w*|re abonn\w*|reactiv\w*|reinscri\w*|resubscribe|revenir|je reviens)\b|\b(?:desabonn\w*|desinscri\w*)\s+par erreur\b|\b(?:remettez|remets|remettre|rajoutez|rajoute|rajouter)\s+(?:moi|mon numero|nous)\s*(?:$|,|dans\b|sur la liste\b)/u.test(
        s,
      )
    ) {
      return result({ intent: "subscribe", rubrics: this.#rubricsIn(s) });
    }
    return null;
  }

  #unfollow(s: string) {
    if (
      ALL_RUBRICS.test(s) &&
      /\b(ne plus suivre|plus suivre|unfollow|retirez|enlevez|supprimez|(?:ne )?suis plus|(?:ne )?suivre plus|(?:ne )?veux plus)\b/.test(
        s,
      )
    ) {
      return result({ intent: "unfollow", rubrics: "all" });
    }
    const cue =
      /\b(ne plus suivre|plus suivre|arreter de suivre|unfollow|stop following|ne m interesse plus|m interesse plus|interesse plus|retirez|retirer|retire|retirez la|retirez le|enlevez|enleve|enlever|supprimez|supprimer|ne suis plus)\b/u;
    const noMoreOf = /^\s*(?:plus|pas) (?:de|d) (?:la |l )?(.+)$/u.exec(s);
    // « plus d'infos sur le Sahel » asks for more, not for none: « plus de » before what is
    // written about a subject is the comparative.
    const more =
      /^(?:infos?|informations?|details?|news|articles?)\s+(?:sur|concernant|a propos|about|on)\b/u;
    if (noMoreOf?.[1] && !more.test(noMoreOf[1]) && this.#rubricsIn(noMoreOf[1]).length > 0) {
      return result({
        intent: "unfollow",
        rubrics: this.#rubricsIn(noMoreOf[1].split(/[,?]/)[0] ?? ""),
      });
    }
    if (!cue.test(s)) return null;
    // « ne supprimez pas la rubrique sport »: keeping it, not dropping it.
    if (/\b(?:ne|n)\s+(?:\w+\s+)?(?:retir\w*|enlev\w*|supprim\w*)\s+(?:pas|jamais)\b/u.test(s))
      return null;
    const rubrics = this.#rubricsIn(s);
    if (rubrics.length === 0) {
      const tail =
        /\b(?:ne plus suivre|plus suivre|unfollow|arreter de suivre|stop following)\s+(.+)$/u.exec(
          s,
        );
      const items = tail?.[1] ? this.#items(tail[1]) : [];
      if (items.length > 0) return result({ intent: "unfollow", rubrics: items });
      return null;
    }
    return result({ intent: "unfollow", rubrics });
  }

  #myData(s: string) {
    if (
      /\b(mes donnees|my data|mes infos personnelles|mes informations|mes abonnements|mes parametres|my settings|my subscriptions|mes reglages|what data|quelles donnees|vie privee|privacy|confidentialite|mon profil|my profile|my account|mon compte|mes infos)\b|^\s*(?:mes rubriques|my topics)\s*\??\s*$|\b(infos?|informations|donnees|data)\s+(?:que vous avez\s+)?(?:sur|about|on)\s+moi\b|\b(infos?|informations|donnees)\s+sur\s+moi|\b(what|quoi|que)\b.*\b(about me|on me|sur moi)\b|\b(je suis abonne a quoi|je suis inscrit a quoi|quelles rubriques je suis|je suis quelles rubriques|je suis abonne a quelles|a quoi je suis abonne)\b|^\s*donnees\s*$|\b(?:vous\s+)?(?:gardez|conservez|stockez|savez|keep|store)\b.*\b(?:donnees|data|informations|infos)\b|\b(?:savez|sais|connaissez|connais|avez|as|gardez|know)\b(?:\s+\w+){0,2}\s+(?:de|sur|about)\s+(?:moi|me)\s*\??\s*$/u.test(
        s,
      )
    ) {
      return result({ intent: "my-data" });
    }
    return null;
  }

  #subscribe(s: string) {
    const cue =
      /\b(abonner|abonne|abonnez|abonnes|abonnee|abonnement|m abonner|inscrire|inscrivez|inscris|inscription|subscribe|sign me up|sign up|opt in|optin|reactivez|reactiver|reactive|reprendre|etre informe|etre informee|etre (?:alerte|alertee|notifie|notifiee|prevenu|prevenue|averti|avertie)|rester informe|etre au courant|tenez moi au courant|keep me posted|keep me informed|ajoutez mon numero|ajoute mon numero|add me|add my number|enregistrez moi|enregistrer mon numero|start|demarrer)\b|^\s*(?:ajoutez|ajoute|ajouter|add)\s+(?:moi|me)\s*$|\b(veux|voudrais|aimerais|souhaite|want)\s+(?:recevoir\s+)?(?:les|vos|des|the|your)?\s*(alertes?|notifications?|notifs?|alerts?)\b|\b(recevoir|receive|get)\s+(vos|les|des|your|the)?\s*(alertes?|notifications?|notifs?|alerts?|messages|infos?|news|articles)\b/u;
    if (!cue.test(s)) return null;
    if (/\b(comment|how)\b.*\bse desabonner\b/.test(s)) return null;
    if (/\?/.test(s) && /\b(pourquoi|why|quand|when|combien|how much|prix|payant)\b/.test(s))
      return null;
    return result({ intent: "subscribe", rubrics: this.#rubricsIn(s) });
  }

  #follow(s: string) {
    const cue =
      /\b(suivre|suis|follow|ajoute|ajoutez|ajouter|ajoute le|ajoute la|m interesse a|m interesse au|interesse par|interested in|add)\b/u;
    if (!cue.test(s)) return null;
    const rubrics = this.#rubricsIn(s);
    const tail = /\b(?:suivre|follow|ajouter|ajoutez|ajoute)\s+(?:moi\s+)?(.+)$/u.exec(s);
    const items = tail?.[1] ? this.#items(tail[1]) : [];
    // « suivre l'agriculture et l'élevage »: a name the table lacks, listed beside one it has
    // with « et » (not words after other punctuation: « suivre politique'); DELETE … »).
    const listed = /\s(?:et|and|&)\s/u.test(tail?.[1] ?? "") && !/[,?]/u.test(tail?.[1] ?? "");
    if (
      listed &&
      rubrics.length > 0 &&
      items.length > rubrics.length &&
      rubrics.every((r) => items.includes(r))
    )
      return result({ intent: "follow", rubrics: items });
    if (rubrics.length > 0) return result({ intent: "follow", rubrics });
    if (items.length > 0 && !/\b(quoi|quel|quels|quelles|quelle|what|which)\b/.test(s)) {
      return result({ intent: "follow", rubrics: items });
    }
    if (/\b(quoi|quel|quels|quelles|quelle|what|which|sujets|rubriques)\b/.test(s))
      return result({ intent: "topics" });
    // The verb alone: the bot asks which rubric.
    if (/^\s*(suivre|follow)\s*$/.test(s)) return result({ intent: "follow", rubrics: [] });
    return null;
  }

  #topics(s: string) {
    // « pourquoi vous avez arrêté la rubrique météo ? »: a complaint, not the list.
    if (/\b(pourquoi|why)\b/u.test(s)) return null;
    if (
      /\b(rubriques?|topics?|categories|categorie|themes?|sujets|sections?|thematiques)\b/.test(
        s,
      ) ||
      /\b(vous parlez de quoi|vous traitez quoi|vous couvrez quoi|what do you cover|de quoi vous parlez)\b/.test(
        s,
      )
    ) {
      return result({ intent: "topics" });
    }
    return null;
  }

  #read(s: string) {
    if (/\b(ne|n)\b.*\b(pas|plus)\b|\bmarche pas\b|\bs ouvre pas\b/.test(s)) return null;
    const readWord =
      /\b(lire|lis|lisez|ouvre|ouvrir|ouvrez|read|open|details?|detail|la suite|suite|en savoir plus|voir|montre|montrez|affiche|afficher|show)\b/u;
    const marker = /\b(numero|number|no|article|n)\s*(\d{1,3})\b/u;
    // "le deuxième (article)", not "le premier ministre": an ordinal names a line of the list
    // when nothing but a list word follows it.
    const split = s.split(/\s+/).filter(Boolean);
    const at = split.findIndex((w) => ordinalOf(w) !== null);
    const ordinal =
      at >= 0 && LIST_WORD.test(split[at + 1] ?? "") ? ordinalOf(split[at] ?? "") : undefined;
    const num = /(?:^|\s)(\d{1,3})(?:\s|$)/u.exec(
      s
        .replace(/[,?]/g, " ")
        .replace(/\b[a-z]+\b/g, (w) =>
          numberOf(w) !== null && w !== "un" && w !== "une" ? String(numberOf(w)) : w,
        ),
    );
    const marked = marker.exec(
      s.replace(/\b(numero|number|article)\s+([a-z]+)\b/g, (m, a: string, w: string) =>
        numberOf(w) !== null ? `${a} ${numberOf(w)}` : m,
      ),
    );
    if (marked?.[2]) return result({ intent: "read", n: Number(marked[2]) });
    if (
      ordinal !== undefined &&
      ordinal !== null &&
      /\b(article|info|titre|lien|news|un|une|le|la|the|one|item|story|link)\b/.test(s)
    ) {
      return result({ intent: "read", n: ordinal });
    }
    const big = /(?:^|\s)(\d{4,})(?:\s|$)/u.exec(s);
    if (readWord.test(s) && big?.[1] && !num?.[1])
      return result({ intent: "read", n: Number(big[1]) });
    if (readWord.test(s) && num?.[1] && !NEWS_WORD.test(s.replace(/\barticle\b/, ""))) {
      return result({ intent: "read", n: Number(num[1]) });
    }
    return null;
  }

  #thanks(s: string) {
    // « N'arrêtez pas de publier la vérité »: asking us to go on is a compliment.
    if (
      /\b(?:ne|n)\s+(?:vous\s+)?(?:arretez|arrete|stopp\w*|cessez)\s+(?:surtout\s+|jamais\s+)?(?:pas|jamais)\s+(?:de|d)\s+(?:publier|informer|ecrire|diffuser|partager|nous informer|dire)\b/u.test(
        s,
      ) &&
      !COMPLAINT.test(s)
    )
      return result({ intent: "thanks" });
    if (
      /\b(merci|thanks|thank you|barka|jerejef|akpe|bravo|felicitations|big up|bigup|chapeau|i ni baara|(?:ne|n)\s+(?:vous\s+)?(?:arretez|arrete|stopp\w*|lachez)\s+(?:surtout\s+|jamais\s+)?(?:pas|jamais|rien)|ne lachez rien|(?:bon|beau|super|excellent|grand|tres bon) (?:travail|boulot|job|taf|taff)|bon travail|bravo|continuez|keep it up|good job|great job|vous faites du bon travail|on est ensemble|dieu vous benisse|god bless|vous etes au top|vous etes top|vous etes (?:vraiment |trop |tres )?(?:forts?|serieux|incroyables|champions|chauds)(?! (?:pour|en) (?:mentir|menti\w*|tromper|voler|inventer))|vous etes les meilleurs|vous etes formidables|c est (?:top|super|genial|formidable|excellent)|(?:j aime bien|j adore)(?! (?:le|la|les|l|un|une|des|du)\b)|i love it|love it|vous etes geniaux|super boulot|beau boulot)\b/.test(
        s,
      ) &&
      !PUBLISH.test(s)
    ) {
      return result({ intent: "thanks" });
    }
    return null;
  }

  /** News asked about a subject: a rubric alone is its headlines, anything else a search. */
  #aboutSubject(n: Normalized, tail: string) {
    if (this.#onlyRubric(tail))
      return result({ intent: "latest", rubric: this.#rubricsIn(tail)[0] ?? null, count: null });
    const query = this.#query(n, tail);
    return query ? result({ intent: "search", query }) : null;
  }

  /** "Vous avez un article sur le franc CFA ?", "tu as quelque chose sur la grève ?" */
  #askAbout(s: string, n: Normalized) {
    const intro =
      /^\s*(?:je veux |je voudrais |j aimerais )?(?:en savoir plus|savoir plus|tout|plus d infos|plus d informations|des infos|infos|informations|des nouvelles|more on|more about|everything about|tell me about)\s+(?:sur|about|on|concernant)?\s*(.+)$/u.exec(
        s,
      );
    if (intro?.[1] && /\b(sur|about|on|concernant)\b/.test(s)) {
      const tail = intro[1];
      // « plus d'infos sur le 4 »: a line of the list on screen, asked to be read.
      const line = /^(?:(?:le|la|l|the|number|numero|no|n|article)\s+)*(\d{1,3})\s*\??\s*$/u.exec(
        tail,
      );
      if (line?.[1]) return result({ intent: "read", n: Number(line[1]) });
      const asked = this.#aboutSubject(n, tail);
      if (asked) return asked;
    }
    const m =
      /\b(?:vous avez|avez vous|tu as|as tu|t as|y a t il|il y a|ya|y a|do you have|any news|anything)\s+(?:des|un|une|du|quelque chose|qqch|quoi que ce soit|d|les)?\s*(?:infos?|informations?|articles?|nouvelles|news|chose|truc|nouveau)?\s*(?:sur|about|on|concernant|a propos)\s+(.+)$/u.exec(
        s,
      );
    if (m?.[1]) {
      const tail = m[1];
      const rubric = this.#rubricsIn(tail);
      if (rubric.length === 1 && this.#onlyRubric(tail)) return null;
      const query = this.#query(n, tail);
      if (query) return result({ intent: "search", query });
    }
    // « que savez-vous de l'attaque de Djibo ? », « tu sais quoi sur Wagner ? »
    const known =
      /\b(?:que savez vous|que sais tu|qu est ce que vous savez|qu est ce que tu sais|vous savez quoi|tu sais quoi|savez vous quelque chose|sais tu quelque chose|what do you know|do you know anything)\s+(?:de|d|du|des|sur|about|on|concernant|a propos de)\s+(.+)$/u.exec(
        s,
      );
    if (known?.[1] && !/^(?:moi|me)\b/.test(known[1])) {
      const tail = known[1];
      const asked = this.#aboutSubject(n, tail);
      if (asked) return asked;
    }
    // "X, vous avez des infos ?": the subject comes first.
    const after =
      /^(.+?)\s*,\s*(?:vous avez|avez vous|tu as|y a t il)\s+(?:des|un|une|du)?\s*(?:infos?|informations|articles?|nouvelles|news)\s*\??\s*$/u.exec(
        s,
      );
    if (after?.[1]) {
      const query = this.#query(n, after[1]);
      if (query && !this.#onlyRubric(after[1])) return result({ intent: "search", query });
    }
    return null;
  }

  #latest(s: string, n: Normalized) {
    const asksNews =
      NEWS_WORD.test(s) ||
      /^\s*(?:la une|a la une)(?:\s+(?:du jour|d aujourdhui|aujourdhui|de ce matin))?\s*\??\s*$/u.test(
        s,
      ) ||
      /\b(quoi de neuf|quoi de 9|de neuf|what s new|whats new|what s happening|what is happening|whats happening|whats up|what happened|il y a quoi|y a quoi|ya quoi|y a koi|quoi d neuf|que se passe t il|quoi de nouveau|du nouveau|today s news|top|what s going on|whats going on|what is going on)\b/u.test(
        s,
      ) ||
      /^\s*(?:le |la |l )?(?:pays|bled|ville|quartier)\s+(?:est|va)\s+comment\s*\??\s*$/u.test(s) ||
      // « ce qui se passe à Abidjan », not « ce qui se passe est grave ».
      /\b(?:qu est ce qui|ce qui) se passe\s*(?:$|\?|(?:a|au|aux|en|dans|chez|ici|aujourd hui|actuellement|en ce moment|la bas)\b)/u.test(
        s,
      ) ||
      /\b(ca dit quoi|on dit quoi|c est comment|c comment|cest comment|ca se passe comment|ca va comment|c est how|on dit how|ca dit how|ca go how)\s+(au|aux|en|a|sur|du|de|dans|chez|in|pour|cote|avec)\b(?!\s+(?:vous|toi|nous|moi|eux|lui|you|votre|ton|ta|tes|vos)\b)/u.test(
        s,
      ) ||
      /\b(envoie|envoyez|envoyer|donne|donnez|montre|montrez)\b.*\b(plus|encore)\b/.test(s);
    if (!asksNews) return null;
    const questionToNewsroom =
      /\b(pourquoi|why)\b/.test(s) ||
      (/\b(c est quand|quand|combien|qui est|ou est|est ce que|is the|when)\b/u.test(s) &&
        !/\b(quoi de neuf|infos|news|nouvelles)\b/.test(s));
    if (questionToNewsroom) return null;
    if (COMPLAINT.test(s)) return null;
    // "Info : coupure d'eau demain, partagez": a tip for the newsroom, not a request for news.
    if (
      /\b(partagez|partager|diffusez|diffuser|faites passer|faites tourner|passez l info|passez le message|transferez|publiez|publier|relayez|alertez|signalez|urgent)\b/.test(
        s,
      )
    )
      return null;
    // "je n'arrive pas à lire les articles": a complaint, not a request.
    if (/\b(ne|n)\s+(?:\w+\s+){0,2}(pas|plus|jamais)\b|\bmarche pas\b/.test(s)) return null;
    // "dernières infos sur l'arrestation du maire": a precise subject is a search.
    const subject =
      /\b(?:sur|about|concernant)\s+(.+)$/u.exec(s) ??
      /\b(?:latest|news|updates?)\s+on\s+(.+)$/u.exec(s);
    if (subject?.[1]) {
      const tail = subject[1].replace(/[,?].*$/, "").trim();
      if (
        tail &&
        !this.#onlyRubric(tail) &&
        !/^(le|la|les|l)?\s*(pays|monde|afrique)\s*$/.test(tail)
      ) {
        const query = this.#query(n, tail);
        if (query) return result({ intent: "search", query });
      }
    }
    // "des nouvelles de l'attaque de Djibo": an event after « de », not a place, is a search.
    const of =
      /\b(?:infos?|nouvelles|news|actus?|informations)\s+(?:du|de la|de l|des|de|d)\s+(.+)$/u.exec(
        s,
      );
    if (of?.[1]) {
      const tail = of[1].replace(/[,?].*$/, "").trim();
      const content = tail.split(/\s+/).filter((w) => w && !FILLER.has(w) && w !== "et");
      // "les news du Cameroun ça dit quoi": a place first is the rubric, whatever follows.
      const startsWithRubric = this.#lexicon.has(content[0] ?? "");
      if (
        content.length >= 2 &&
        !startsWithRubric &&
        !this.#onlyRubric(tail) &&
        !/\b(jour|soir|matin|semaine|journee|aujourdhui|moment)\b/.test(tail)
      ) {
        const query = this.#query(n, tail);
        if (query) return result({ intent: "search", query });
      }
    }
    const rubrics = this.#rubricsIn(s);
    let rubric: string | null = rubrics[0] ?? null;
    if (!rubric) {
      const place = /\b(?:du|de la|de l|des|au|aux|en|in)\s+([a-z][a-z']{2,})(?:\s|$|,|\?)/u.exec(
        s,
      );
      const word = place?.[1];
      if (
        word &&
        !GENERIC_PLACE.has(word) &&
        !/^(jour|soir|matin|moment|semaine|neuf|nouveau|actualites?|actus?|news|infos?|nouvelles|informations|articles|the|today|pays|ville|journee)$/.test(
          word,
        )
      ) {
        rubric = word;
      }
    }
    let count: number | null = null;
    for (const w of s.replace(/\b(quoi|koi|kwa) (de|d) (neuf|9)\b/g, " ").split(/\s+/)) {
      const v = numberOf(w);
      if (v !== null && v >= 1 && v <= 50 && !/^(un|une|one)$/.test(w)) {
        count = v;
        break;
      }
    }
    return result({ intent: "latest", rubric, count });
  }

  #rubricAlone(s: string) {
    const rubrics = this.#rubricsIn(s);
    if (rubrics.length >= 1 && this.#onlyRubric(s)) {
      return result({ intent: "latest", rubric: rubrics[0] ?? null, count: null });
    }
    return null;
  }

  #menu(s: string) {
    if (
      /^\s*(?:les |le |la |l )?(menu|aide|help|\?|commencer|accueil|commandes|options|info|instructions|mode d emploi)\s*\??\s*$/.test(
        s,
      ) ||
      /\b(what can you do|how does it work|comment ca marche|comment ca fonctionne|comment utiliser|tu fais quoi|vous faites quoi|je suis nouveau|je suis nouvelle|aide moi|comment vous utiliser|comment utiliser|how to use|je viens de rejoindre|je viens d arriver|je viens de m inscrire|nouveau ici|nouvelle ici|c est quoi ce numero|c est quoi ce service|c est quoi ce bot|c est quoi ce truc|vous etes qui|qui etes vous|t es qui|tu es qui|qui es tu|who are you|what is this|what are you|je debute|aidez moi|help me|quoi faire|que faire|on fait comment)\b/.test(
        s,
      ) ||
      /^\s*(?:chez (?:vous|toi|nous)|de (?:votre|ton) cote|avec vous)\s*\??\s*$/.test(s) ||
      /^\s*(on dit quoi|ca dit quoi|c est comment|c comment|cest comment|quoi de beau|comment tu vas|comment vous allez|la famille|la sante|ca va|ca va bien|cv)(?:\s+(?:chez (?:vous|toi|nous)|de (?:votre|ton) cote|ici|la bas|avec vous|avec toi))?\s*\??\s*$/.test(
        s,
      )
    ) {
      return result({ intent: "menu" });
    }
    return null;
  }

  /** Whether the phrase is nothing but rubric names and filler. */
  #onlyRubric(s: string): boolean {
    const words = s.replace(/[,?]/g, " ").split(/\s+/).filter(Boolean);
    let i = 0;
    let found = false;
    while (i < words.length) {
      const w = words[i] ?? "";
      let matched = 0;
      for (let len = Math.min(this.#lexicon.longest, words.length - i); len >= 1; len--) {
        if (this.#lexicon.has(words.slice(i, i + len).join(" "))) {
          matched = len;
          break;
        }
      }
      if (matched > 0) {
        found = true;
        i += matched;
      } else if (FILLER.has(w) || w === "et" || w === "and") i += 1;
      else return false;
    }
    return found;
  }

  /** Rubric words in the phrase, as the reader wrote them (folded), in order, no repeats. */
  #rubricsIn(s: string): string[] {
    // Several rules ask about the same phrase: look it up once per message.
    const seen = this.#rubricMemo.get(s);
    if (seen) return seen;
    const found = this.#findRubrics(s);
    this.#rubricMemo.set(s, found);
    return found;
  }

  #findRubrics(s: string): string[] {
    const words = s.replace(/[,?]/g, " ").split(/\s+/).filter(Boolean);
    const found: string[] = [];
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let len = Math.min(this.#lexicon.longest, words.length - i); len >= 1; len--) {
        const phrase = words.slice(i, i + len).join(" ");
        if (this.#lexicon.has(phrase)) {
          matched = len;
          const shown = phrase.replace(/\b(d|l) (?=\p{L})/gu, "$1'");
          if (!found.includes(shown)) found.push(shown);
          break;
        }
      }
      i += matched || 1;
    }
    return found;
  }

  /** "sante et culture", "agriculture, elevage": the items of a list of unknown rubric names. */
  #items(tail: string): string[] {
    return tail
      .split(/\s*(?:,|\bet\b|\band\b|\bou\b|&)\s*/u)
      .map((item) =>
        item
          .split(/\s+/)
          .filter((w) => w && !FILLER.has(w) && w !== "?")
          .join(" "),
      )
      .filter((item) => item !== "" && item.split(" ").length <= 3);
  }
}

/** Words that turn a language down (« fini l'anglais », « pas en français », « no more English »). */
const LANGUAGE_NEGATION =
  "fini|finis|stop|stopper|stoppe|stoppez|arrete|arretez|arreter|cessez|assez|plus|no more|pas|don t|dont|not|no";
const NEGATES_LANGUAGE = new RegExp(`\\b(?:${LANGUAGE_NEGATION})\\b`);

/** Ways of addressing someone ("mola", "mon frère"): set aside wherever they are. */
const ADDRESS =
  /\b(?:mola|mogo|mon vieux pere|vieux pere|mon frere|ma soeur|mon pote|mon gars|grand frere|grande soeur|tonton|tantie|la redaction|chers amis|chef|boss|my friend|my guy|my brother|bro|les gars|les amis|les frères|les freres|a tous|a toutes|tout le monde|la famille|les amis|la team|the team|la mif)\b/gu;

/** Every rubric at once: « aucune rubrique », « tous les thèmes », « unfollow all ». */
const ALL_RUBRICS =
  /\b(aucune rubrique|everything|toutes les rubriques|toutes mes rubriques|all topics|all rubrics|unfollow all|tout|(?:aucune?|toutes?|tous)\s+(?:les\s+|mes\s+)?(?:rubriques?|themes?|sujets?|categories?|thematiques?))\b/u;

/** What "arrêtez de …" may be followed by and still be an opt-out. */
const OPT_OUT_VERBS =
  /^(envoy\w*|envoi\w*|spam\w*|ecri\w*|contact\w*|derang\w*|recev\w*|recoi\w*|harcel\w*|inond\w*|texter|bombard\w*|saoul\w*|fatigu\w*|embet\w*|notifi\w*|suivre|me|m)$/u;

/** Asking the newsroom to publish something: a request for the editors, not thanks. */
const PUBLISH =
  /\b(publier|publiez|publie|diffuser|diffusez|partager|partagez|envoyer|poster|postez|relayer|relayez|annoncer|annoncez)\b/u;

/** Interjections that may open a message: not a greeting. */
const INTERJECTION = /\b(?:ah|oh|eh|ehh|bon|donc|alors|euh|mais)\b/gu;

/** What may follow an ordinal that picks a line of the list. */
const LIST_WORD =
  /^(?:|,|\?|articles?|infos?|titres?|liens?|news|one|item|story|link|message|sujet|stp|svp|please|de|du|sur)$/u;

/** A clause keeping something ("je garde le foot", "sauf la politique", "keep sport"). */
const KEPT =
  /,\s*(?:mais\s+)?(?:juste|seulement|uniquement|only|just|(?:je|on|nous)\s+(?:veut|veux|voulons|prefere|preferons)(?!\s+(?:plus|pas|rien))|i\s+(?:want|prefer))\b[^,]*|(?:^|,)[^,]*?\b(?:garde|gardez|garder|conserve|conservez|je continue|keep|sauf|except|mais pas|(?:laisse|laissez|laisser)\s+(?:juste\s+|seulement\s+|uniquement\s+)?(?:le|la|les|l))\b[^,]*/gu;

/** Complaints and insults: no request in them. */
const COMPLAINT =
  /\b(fatigu\w*|fausses?|faux|fake|mensong\w*|mentir|menteurs?|nuls?|incapables?|honte|arnaque\w*|voleurs?|propagande|menteur)\b/u;

/** Places too broad to be a rubric: "au pays" asks for the news in general. */
const GENERIC_PLACE = new Set([
  "pays",
  "bled",
  "maison",
  "quartier",
  "coin",
  "village",
  "ville",
  "monde",
]);

/** Words of an opt-out without the request: worth a question, never an action. */
const MAYBE_STOP =
  /\b(stop|arret\w*|desabonn\w*|desinscri\w*|unsubscribe|plus rien|trop de messages|spam|fatigue|saoule|derange|harcelement)\b/u;

function result(understood: Understanding, maybeStop = false) {
  return { understood, maybeStop };
}

/** Folded words back to the reader's spelling, elisions glued: "d'" + "or" → "d'or". */
function glue(words: Word[]): string {
  let out = "";
  for (const w of words) {
    if (out === "" || out.endsWith("'") || out.endsWith("-")) out += w.raw;
    else out += ` ${w.raw}`;
  }
  return out.trim();
}

const ENGLISH_WORDS =
  /\b(the|please|my|latest|what|show|give|send|unsubscribe|subscribe|follow|unfollow|thanks|thank|read|search|find|topics|remove|leave|want|you|is|are|of|to|in|from|sign|up|all|more|no)\b/gu;
const FRENCH_WORDS =
  /\b(le|la|les|de|du|des|je|tu|vous|moi|svp|stp|merci|bonjour|salut|infos|nouvelles|quoi|est|et|un|une|pour|sur|mes|mon|en|au|ne|plus)\b/gu;

/** Whether a message reads as English rather than French ("news", "stop", "hello" say nothing). */
export function isEnglish(text: string): boolean {
  const en = text.match(ENGLISH_WORDS)?.length ?? 0;
  const fr = text.match(FRENCH_WORDS)?.length ?? 0;
  return en > fr;
}
