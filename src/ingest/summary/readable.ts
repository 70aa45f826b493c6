import { glueEnds } from "../glued-headings.ts";
import { startsLikeNoise } from "../noise.ts";
import { shippedVerbForms } from "./verb-forms.ts";

/**
 * Whether an article sentence can be shown on its own as a summary: it is a whole sentence
 * (not a fragment, not scraping glue), it does not point back at text the reader has not seen
 * (« Mais », « Il », « Parmi eux », « Cette réalisation »), it has a verb, and a quotation in
 * it says who speaks.
 */

/**
 * Openings that point back at text the reader of a summary has not seen: discourse connectors
 * ("Donc", "Mais", "En effet", "Globalement") and anaphoric pronouns ("Il", "Celle-ci").
 * "Alors que" (while) and impersonal "Il y a", "Il faut" stand alone.
 */
const CONNECTOR =
  /^(?:donc|mais|et|or|pourtant|cependant|toutefois|en effet|par ailleurs|ainsi|aussi|de plus|en revanche|néanmoins|d['’]ailleurs|car|puis|alors(?! qu)|enfin|en outre|par contre|pour autant|du coup|bref|certes|dès lors|par conséquent|c['’]est pourquoi|de son côté|de leur côté|quant à|là encore|autrement dit|en clair|ensuite|sinon|globalement|finalement|au final|en somme|au total|en définitive|du reste|de même|sur la forme|également|pour sa part|pour leur part|à cet égard|à ce titre|à cette occasion|dans ce cadre|dans ce contexte|dans la foulée|outre|selon (?:lui|elle|eux|elles)|d['’]après (?:lui|elle|eux|elles)|pour (?:lui|elle|eux|elles)|lui-même|elle-même|ici|là|oui|non|il faut dire|vu que|parce que|puisque)(?![\p{L}\p{N}'’-])/iu;
const ANAPHORA =
  /^(?:(?:il|elle|ils|elles|lui|leur|leurs|eux|cela|ça|ceci|c['’]est)(?![\p{L}\p{N}'’-])(?! y a| n['’]y a| faut| fallait| faudra| faudrait)|(?:celui|celle|ceux|celles)-(?:ci|là)|(?:ce|ces) derni(?:er|ers|ère|ères)(?![\p{L}])|d['’]autres\s|(?:\S+\s+){0,3}(?:le|la|les) (?:sien|sienne|siens|siennes|leur|leurs)(?![\p{L}]))/iu;

/** Time words that a demonstrative may open on and still stand alone ("Ce mardi", "Cette année"). */
const TIME_NOUN =
  "(?:matin|soir|midi|après-midi|nuit|jour|journée|week-end|weekend|semaine|mois|année|an|saison|printemps|été|automne|hiver|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|début|fin|jeudi-là)";
/**
 * Demonstratives and quantifiers over a group named before: « Cette réalisation », « Ces
 * victimes », « Parmi eux », « Parmi ces victimes », « La plupart d'entre eux », « Les deux
 * hommes ». Time phrases (« Cette semaine », « Ce mardi ») stand alone.
 */
const DEMONSTRATIVE = new RegExp(
  `^(?:(?:ce|cet|cette|ces)\\s+(?!${TIME_NOUN}(?![\\p{L}-]))|parmi\\s|(?:la plupart|beaucoup|plusieurs|certains|certaines|aucun|aucune|chacun|chacune|l['’]un|l['’]une|la moitié|le tiers|le reste|une partie|la majorité|nombre)\\s+d['’]entre\\s|(?:les|ces)\\s+(?:deux|trois|quatre|cinq|six)\\s+(?:hommes|femmes|pays|partis|camps|équipes|clubs|parties|organisations|formations|victimes|suspects|joueurs|candidats|responsables)(?![\\p{L}-])|(?:tous|toutes)\\s+(?:les\\s+)?(?:deux|trois|quatre)(?![\\p{L}-])|(?:le|la|les)\\s+(?:même|mêmes)\\s)`,
  "iu",
);
/** « ces deux attaques » anywhere: a count of things the reader was told about before. */
const COUNTED_BACK = /(?:^|[\s(«“"'’])ces\s+(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s/iu;
/**
 * « rendre hommage à ces jeunes », « cette décision » inside a later sentence: people or things
 * the reader was told about before (time phrases « ces derniers jours », « cette année » aside).
 */
const POINTS_BACK = new RegExp(
  `[\\s(«“"'’](?:ces|cette|cet)\\s+(?!${TIME_NOUN}s?(?![\\p{L}-])|derni(?:ers|ères)\\s|(?:\\d+|quelques|dix|vingt|trente)\\s)\\p{L}`,
  "iu",
);

/** « L'enjeu c'est ça » later in an article: « ça » is what was said before. */
const THAT_BACK = /(?<![\p{L}\p{N}'’-])ça(?![\p{L}\p{N}'’-])/iu;

/** A sentence that announces what follows (« Voici en résumé le compte rendu. »). */
const POINTS_FORWARD =
  /^(?:voici|voilà|ci-dessous|ci-après)(?![\p{L}-])|(?<![\p{L}-])(?:ci-dessous|ci-après)(?![\p{L}-])/iu;

/** Elided subordinators: « Vu qu'elles permettront… » is half a sentence. */
const ELIDED_CONNECTOR = /^(?:vu qu|parce qu|puisqu)['’]/iu;

/**
 * Adverbs that tie a sentence to an earlier one wherever they stand near its start: « Émerse Faé
 * devient donc… », « le comité demande enfin… ».
 */
const LINKED_EARLY =
  /^[^.;:!?]{0,150}?\s(?:donc|enfin|toutefois|cependant|pourtant|néanmoins|par ailleurs|en outre|également|lui aussi|elle aussi|eux aussi)(?=[\s,.])/iu;
/**
 * A subject pronoun after an opening phrase, with no name before it: « En attendant la
 * cérémonie, il décoche un sourire » — who? « Après l'audience, le ministre… » is fine.
 */
const LATE_PRONOUN = /^([^.;:!?«"“]{0,120}?),\s+(?:il|elle|ils|elles)\s/u;

/** Opening quotes and spaces before a sentence's first word. */
const LEADING_OPENERS = /^[«“"'‘\s]+/u;

/**
 * Whether a sentence's first words need the sentences before it to make sense. The article's
 * first sentence may say "Il"/"Elle" for the title's subject (`index` 0), not "Donc" or "Mais".
 */
export function needsContext(sentence: string, index: number): boolean {
  const start = sentence.replace(LEADING_OPENERS, "");
  if (CONNECTOR.test(start) || ELIDED_CONNECTOR.test(start) || DEMONSTRATIVE.test(start))
    return true;
  if (LINKED_EARLY.test(start)) return true;
  const late = LATE_PRONOUN.exec(start);
  // A capitalised word after the first one names someone the pronoun can stand for.
  if (late && !/\s\p{Lu}/u.test(late[1] ?? "")) return true;
  if (index > 0 && (COUNTED_BACK.test(sentence) || POINTS_BACK.test(sentence))) return true;
  if (index > 0 && THAT_BACK.test(sentence)) return true;
  return index > 0 && ANAPHORA.test(start);
}

/** Straight quotes come in pairs, the first one opening (after a space or at the start). */
function balancedStraightQuotes(sentence: string): boolean {
  const first = sentence.indexOf('"');
  if (first < 0) return true;
  let count = 0;
  for (let i = first; i >= 0; i = sentence.indexOf('"', i + 1)) count++;
  if (count % 2 !== 0) return false;
  return first === 0 || /[\s(«“'’-]/u.test(sentence[first - 1] as string);
}

const PAIRS: Readonly<Record<string, number>> = {
  "«": 0,
  "»": 0,
  "“": 1,
  "”": 1,
  "(": 2,
  ")": 2,
  "[": 3,
  "]": 3,
};
const PAIR_CHARS = /[«»“”()[\]]/gu;

/** Each opener closes after it: « », “ ”, ( ), [ ]. */
function balancedPairs(sentence: string): boolean {
  const depth = [0, 0, 0, 0];
  for (const [ch] of sentence.matchAll(PAIR_CHARS)) {
    const kind = PAIRS[ch] as number;
    const delta = ch === "«" || ch === "“" || ch === "(" || ch === "[" ? 1 : -1;
    depth[kind] = (depth[kind] as number) + delta;
    if ((depth[kind] as number) < 0) return false;
  }
  return depth.every((d) => d === 0);
}

/** Ends like a sentence: final punctuation, maybe closing quotes, not "(...)" or ":". */
const WHOLE_END = /[.!…](?:[\s\u00a0\u202f]*["»”’')\]])*$/u;
const ELIDED_END = /[([](?:\.{3}|…)[)\]]$/u;
/** Words whose period is an abbreviation's, so a lowercase word may follow it. */
const LOWERCASE_AFTER = new Set(["etc", "env", "cf", "ex", "art", "coll", "chap", "vol", "hab"]);

/** A period after a word, then a lowercase word: a sentence whose capital was lost ("Trump. invité"). */
function lostCapital(sentence: string): boolean {
  for (const match of sentence.matchAll(/\.\s+\p{Ll}/gu)) {
    const dot = match.index ?? 0;
    let start = dot;
    while (start > 0 && /\p{L}/u.test(sentence[start - 1] as string)) start--;
    if (dot - start < 3 || sentence[start - 1] === ".") continue;
    if (!LOWERCASE_AFTER.has(sentence.slice(start, dot).toLowerCase())) return true;
  }
  return false;
}

/** Scraping glue: a heading or paragraph run into the sentence ("récurrentesLe", " -Jusqu'ici"). */
const GLUED = new RegExp(
  [
    // "récurrentesLe conseil", "tourLes regards"
    "\\p{Ll}{2}(?:Le|La|Les|L['’]|Un|Une|Des|Il|Elle|Ils|Elles|Ce|Cette|C['’]|Selon|Depuis|Dans|Pour|Mais)(?!\\p{Ll})",
    // "le 1er tour Depuis, alors que": a sentence opener capitalised mid-sentence
    "[\\p{Ll}\\p{N}] (?:Il|Elle|Ils|Elles|Depuis|Selon|Mais|Dans|Cette|Lors|Alors|Pourtant|Cependant|Ainsi|Enfin|Après|Avant)[ ,]",
    // " -Jusqu'ici", "juges.- Laide"
    "\\s[-–—]\\p{Lu}",
    '[.!?…]["»”)]?\\s*[-–—]\\s',
    // "enceinte ?par 6MEDIASSi l'heureux", "DÉPENSERAu final"
    "[?!]\\p{L}",
    "\\p{Lu}{5}\\p{Ll}",
    // list items run together: "depuis 1980.► Le bleu de travail"
    "[►•▪■●◆]",
    // a print line break kept: "lea‐ der", "l'op- position"
    "\\p{Ll}[\\u2010\\u00ad-]\\s\\p{Ll}",
  ].join("|"),
  "u",
);

/**
 * Whether a sentence reads as a whole sentence on its own: it starts with a capital, a digit or
 * an opening quote (not lowercase, not punctuation), its quotes and brackets are balanced, it
 * ends with final punctuation (not ":" or an elision), and scraping did not glue text into it.
 */
export function readsWhole(sentence: string): boolean {
  const start = sentence.replace(LEADING_OPENERS, "");
  const first = start[0];
  if (first === undefined || !/[\p{Lu}\p{N}]/u.test(first)) return false;
  if (/^["'‘]\s/u.test(sentence) && !/^"\s\p{Lu}/u.test(sentence)) return false;
  if (!WHOLE_END.test(sentence) || ELIDED_END.test(sentence)) return false;
  if (POINTS_FORWARD.test(start)) return false;
  if (!balancedStraightQuotes(sentence) || !balancedPairs(sentence)) return false;
  // A heading run into the sentence: « Pas de recours à la forceJean-Marie Le Pen ».
  return !lostCapital(sentence) && !GLUED.test(sentence) && glueEnds(sentence).length === 0;
}

const QUESTION_END = /\?["»”)\s]*$/u;

/** Whether a sentence ends with a question mark (a question is never a summary). */
export const isQuestion = (sentence: string): boolean => QUESTION_END.test(sentence);

/** Whether a sentence is noise: too short, a question, navigation/credit text or all caps. */
export function isNoise(sentence: string, words: number): boolean {
  if (sentence.length < 25 || words < 5) return true;
  if (isQuestion(sentence)) return true;
  if (startsLikeNoise(sentence)) return true;
  return isShouting(sentence);
}

/** Whether more than 60% of the letters are capitals ("LA SUITE APRÈS LA PUBLICITÉ"). */
function isShouting(sentence: string): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < sentence.length; i++) {
    const code = sentence.charCodeAt(i);
    // ASCII and Latin-1 letters by code (most of the text), the rest by Unicode property.
    if ((code >= 97 && code <= 122) || (code >= 223 && code <= 255 && code !== 247)) letters++;
    else if ((code >= 65 && code <= 90) || (code >= 192 && code <= 222 && code !== 215)) {
      letters++;
      upper++;
    } else if (code > 255) {
      const ch = sentence[i] as string;
      if (/\p{Lu}/u.test(ch)) upper++;
      if (/\p{L}/u.test(ch)) letters++;
    }
  }
  return letters > 0 && upper / letters > 0.6;
}

/** Frequent finite verb forms (être, avoir, aller, faire, pouvoir, devoir, dire…). */
const FINITE_VERBS: ReadonlySet<string> = new Set(
  (
    "est sont a ont était étaient sera seront serait seraient fut furent soit soient ai as avons " +
    "avez avait avaient aura auront aurait auraient eut va vont allait ira iront fait font " +
    "faisait fera feront peut peuvent pouvait pourra pourrait doit doivent devait devra devrait " +
    "dit disent disait dira veut veulent voulait faut fallait faudra reste restent demeure " +
    "compte comptent vient viennent venait semble semblent paraît suis es sommes êtes vais " +
    "prend prennent met mettent voit voient sait savent tient tiennent estime estiment affirme " +
    "indique précise explique souligne annonce assure déclare rappelle ajoute salue appelle " +
    "demande dénonce évoque note relève insiste regrette poursuit lance lancent porte portent " +
    "vise visent concerne concernent permet permettent constitue constituent devient deviennent " +
    "accueille organise présente représente figure figurent intervient interviennent"
  ).split(" "),
);
/**
 * Endings of finite forms that nouns and adjectives rarely have: imperfect, future, conditional,
 * past historic, subjunctive, and the present plural « -ent » (not « -ment »: « gouvernement »).
 */
const FINITE_ENDING =
  /(?:ait|aient|èrent|era|eront|erait|eraient|ira|iront|irait|iraient|issent|issait|issaient|ssent|[^m]ent)$/u;
/** Common words in « -ent » that are not verbs. */
const NOT_VERBS: ReadonlySet<string> = new Set(
  (
    "président vice accident agent argent client continent incident parent patient récent " +
    "urgent différent excellent absent présent suffisant intelligent prudent évident dent vent " +
    "cent souvent lent talent content équivalent adolescent conscient innocent violent " +
    "fréquent permanent précédent régent sergent strident transparent compétent " +
    "indépendent indépendant cependant pendant"
  ).split(" "),
);
/** Subject and object pronouns: "il", "ils", "on", "nous", "se", "s'", "qui" precede a verb. */
const VERB_CUE: ReadonlySet<string> = new Set(
  "il ils elle elles on je nous vous se s qui ne n y".split(" "),
);

/**
 * Whether a sentence has a verb, from its words alone (no tagger): a frequent finite form, a
 * finite ending, a pronoun that only comes before a verb, or a form learned from the training
 * articles (`verb-forms.ts`: « bat », « prévoit », « reçoit »). « Une nouvelle étape pour le
 * Mali. » and « Photo d'illustration. » have none.
 */
export function hasVerb(
  tokens: readonly string[],
  learned: ReadonlySet<string> = shippedVerbForms(),
): boolean {
  for (const token of tokens) {
    if (FINITE_VERBS.has(token) || VERB_CUE.has(token) || learned.has(token)) return true;
    if (FINITE_ENDING.test(token) && !NOT_VERBS.has(token)) return true;
  }
  return false;
}

const QUOTE_SPAN = /«[^»]*»|“[^”]*”|"[^"]*"/gu;
/** The speaker's own « je », « j'ai », « moi », « mon », « ma », « mes », « me », « m'a »: never the newsroom's. */
const FIRST_PERSON =
  /(?<![\p{L}\p{N}'’.-])(?:(?:[Jj]e|[Mm]oi|[Mm]on|[Mm]a|[Mm]es|me)(?![\p{L}\p{N}'’.-])|[Jj]['’]\p{L}|m['’]\p{L})/u;
/** Verbs of saying, as a past participle (« a déclaré ») and in the present (« déclare »). */
const SAID_PAST =
  "déclaré|dit|affirmé|estimé|expliqué|indiqué|précisé|souligné|assuré|lancé|ajouté|martelé|confié|rappelé|reconnu|prévenu|annoncé|averti|jugé|regretté|dénoncé|réagi|poursuivi|insisté|promis|résumé|clamé|lâché|écrit|répondu|répété|conclu|fustigé|ironisé|glissé|plaidé|réclamé|détaillé|admis|avoué|noté|observé|rétorqué|argué|avancé|rapporté|tweeté|déploré|témoigné|raconté|confirmé|commenté|tranché|soutenu|demandé|interrogé|salué|réitéré";
const SAID_NOW =
  "déclare|déclarent|dit|disent|affirme|affirment|estime|estiment|explique|expliquent|indique|indiquent|précise|précisent|souligne|soulignent|assure|assurent|lance|ajoute|ajoutent|martèle|confie|confient|rappelle|rappellent|reconnaît|reconnaissent|prévient|préviennent|annonce|annoncent|avertit|avertissent|juge|jugent|regrette|regrettent|dénonce|dénoncent|réagit|réagissent|poursuit|poursuivent|insiste|insistent|promet|promettent|résume|déplore|déplorent|témoigne|témoignent|raconte|racontent|confirme|confirment|commente|note|notent|observe|observent|tranche|soutient|soutiennent|écrit|écrivent|répond|répondent|clame|lâche|glisse|plaide|plaident|fustige|fustigent|ironise|rétorque|détaille|admet|avoue|rapporte|rapportent|tweete|interroge|s['’]interroge|s['’]insurge|s['’]indigne|s['’]alarme|s['’]inquiète|s['’]inquiètent|s['’]étonne|s['’]agace|s['’]emporte|s['’]exclame";
const NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}])";
const NOT_WORD_AFTER = "(?![\\p{L}\\p{N}])";
/** « a déclaré », « ont-ils ajouté », « -t-il », « explique » … */
const SAID =
  `${NOT_WORD_BEFORE}(?:a|ont|avait|avaient)\\s+(?:\\p{L}+\\s+){0,2}(?:${SAID_PAST})${NOT_WORD_AFTER}` +
  `|(?:-t-|-)(?:il|elle|ils|elles|on)${NOT_WORD_AFTER}`;
/** Verbs and phrases that attribute words to a speaker. */
const SPEAKER = new RegExp(
  `${NOT_WORD_BEFORE}(?:selon|d['’]après|pour)\\s|[,:]\\s*$|${SAID}|${NOT_WORD_BEFORE}(?:${SAID_NOW})${NOT_WORD_AFTER}`,
  "iu",
);
/** The speaker named after unmarked words: « J'ai décidé de partir, a déclaré le ministre. » */
const INCISE = new RegExp(
  `,\\s*(?:${SAID}|(?:${SAID_NOW})${NOT_WORD_AFTER}|(?:a|ont|avait|avaient)(?:-t)?-(?:il|elle|ils|elles|on)${NOT_WORD_AFTER})`,
  "iu",
);

/**
 * Whether a quotation in the sentence says whose words they are. « Nous allons gagner », a
 * déclaré l'entraîneur. keeps its speaker; « Nous allons gagner. » alone would read as the
 * newsroom's own words. A sentence without quotation marks has nothing to attribute.
 */
export function quotesHaveSpeaker(sentence: string): boolean {
  const quoted = /[«“"]/u.test(sentence);
  const outside = quoted ? sentence.replace(QUOTE_SPAN, " ").trim() : sentence;
  // « Les avantages du pouvoir, je ne les vois pas. »: someone's words without quotation marks.
  if (FIRST_PERSON.test(outside) && !INCISE.test(outside)) return false;
  if (!quoted) return true;
  // Little left outside the quotation marks: nobody is named.
  const words = outside.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 2) return false;
  // A quoted term inside a sentence of its own ("le « pacte vert » a été adopté") needs no speaker.
  const quotedChars = sentence.length - outside.length;
  if (quotedChars < sentence.length / 2) return true;
  return SPEAKER.test(outside);
}
