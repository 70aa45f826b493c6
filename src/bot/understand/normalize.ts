import { editDistance, typoBudget } from "../../lib/distance.ts";
import { fold } from "../../lib/fold.ts";

/** One word of a message: folded for comparison, and as written for search queries. */
export interface Word {
  /** Lowercase, no accents, SMS spelling expanded; "," and "?" mark clause ends. */
  key: string;
  /** Lowercased as written ("l'" keeps its apostrophe and glues to the next word). */
  raw: string;
}

/** A message made comparable: its words, with what was set aside noted. */
export interface Normalized {
  words: Word[];
  /** The keys joined by single spaces, for phrase patterns. */
  text: string;
  /** The message had emojis (set aside). */
  emoji: boolean;
  /** Emojis that say thanks or approval (🙏, 👍, 👏…). */
  thanksEmoji: boolean;
  /** A web link was in the message (set aside). */
  link: boolean;
}

/** Keycap emojis ("1️⃣") stand for their digit. */
const KEYCAP = /([0-9#*])\uFE0F?\u20E3/gu;
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}]|\uFE0F|\u200D/gu;
const THANKS_EMOJI = /🙏|👍|👏|🤝|❤|💯|👌|🙌/u;
const LINK = /\b(?:https?:\/\/|www\.)\S+|\bchat\.whatsapp\.com\/\S+/giu;

/**
 * WhatsApp spellings and abbreviations → the word they stand for. Only unambiguous ones:
 * each is a word of its own, never a typo of another command word.
 */
const SPELLINGS: Readonly<Record<string, string>> = {
  slt: "salut",
  bjr: "bonjour",
  bsr: "bonsoir",
  bnjr: "bonjour",
  cc: "coucou",
  koi: "quoi",
  kwa: "quoi",
  koa: "quoi",
  qoi: "quoi",
  ki: "qui",
  ke: "que",
  kel: "quel",
  kelle: "quelle",
  pk: "pourquoi",
  pkoi: "pourquoi",
  pkoa: "pourquoi",
  pourkoi: "pourquoi",
  pqoi: "pourquoi",
  kes: "que",
  keske: "que",
  kesk: "que",
  kan: "quand",
  qd: "quand",
  ds: "dans",
  pr: "pour",
  pa: "pas",
  pu: "plus",
  tjrs: "toujours",
  tjr: "toujours",
  jms: "jamais",
  rien2: "rien",
  pq: "pourquoi",
  pcq: "parce",
  mrc: "merci",
  stopp: "stop",
  merc: "merci",
  rech: "recherche",
  cherch: "cherche",
  desabo: "desabonner",
  unsub: "unsubscribe",
  mci: "merci",
  msg: "messages",
  msgs: "messages",
  sms: "messages",
  tt: "tout",
  ts: "tous",
  jsuis: "je",
  chui: "je",
  jveu: "veux",
  jveux: "veux",
  veu: "veux",
  vx: "veux",

  plz: "please",
  redac: "redaction",
  dnt: "dont",
  pls: "please",
  thx: "thanks",
  ty: "thanks",
  info: "infos",
  actualite: "actualites",
  ojourdui: "aujourdhui",
  ojourdhui: "aujourdhui",
  auj: "aujourdhui",
  ajd: "aujourdhui",
  aujourd: "aujourdhui",
  dhui: "",
  num: "numero",
  bcp: "beaucoup",
  dsl: "desole",
  mtn: "maintenant",
  ns: "nous",
  vs: "vous",
};

const ELISION = /^(qu|[cdjlmnst])'(.+)$/u;

/** Sets emojis and links aside, folds and splits; nothing here can throw on any string. */
export function normalize(input: string, fix: (key: string) => string = (k) => k): Normalized {
  const withKeycaps = input.replace(KEYCAP, " $1 ");
  const link = LINK.test(withKeycaps);
  LINK.lastIndex = 0;
  const noLinks = withKeycaps.replace(LINK, " ");
  const emoji = EMOJI.test(noLinks);
  EMOJI.lastIndex = 0;
  const thanksEmoji = THANKS_EMOJI.test(noLinks);
  const text = noLinks
    .replace(EMOJI, " ")
    .replace(/[’‘`´]/gu, "'")
    .replace(/n°\s*/giu, " numero ");
  const words: Word[] = [];
  const push = (key: string, raw: string) => {
    const mapped = SPELLINGS[key] ?? key;
    if (mapped !== "") words.push({ key: fix(mapped), raw });
  };
  // A hyphen between letters separates words ("abonnez-moi") but stays in a search query
  // ("Mali-Ghana"): the word before it keeps a mark.
  const hyphened = text.replace(/(?<=\p{L})-(?=\p{L})/gu, "\u2010 ");
  for (const piece of hyphened.split(/(?=[,.;:!?\n()])|(?<=[,.;:!?\n()])|\s+/u)) {
    if (piece === "") continue;
    if (/^[,.;:!\n()]$/.test(piece)) {
      if (words.length > 0 && words[words.length - 1]?.key !== ",")
        words.push({ key: ",", raw: "" });
      continue;
    }
    if (piece === "?") {
      words.push({ key: "?", raw: "" });
      continue;
    }
    const joined = piece.endsWith("\u2010");
    const cleaned = piece
      // "STOPPPP", "mercii", "svppp": a letter held down is one letter.
      .replace(/(\p{L})\1{2,}/gu, "$1")
      .replace(/^[^\p{L}\p{N}']+|[^\p{L}\p{N}]+$/gu, "")
      .replace(/^'+/, "");
    const raw = joined && cleaned ? `${cleaned}-` : cleaned;
    if (!/[\p{L}\p{N}]/u.test(raw)) continue;
    const elided = ELISION.exec(raw.replace(/^(QU|[CDJLMNST])'/u, (m) => m.toLowerCase()));
    if (elided?.[1] && elided[2]) {
      push(elided[1], `${elided[1]}'`);
      const restRaw = elided[2];
      const restKey = fold(restRaw).replace(/'|-$/g, "");
      if (restKey) push(restKey, restRaw);
      continue;
    }
    const key = fold(raw).replace(/'|-$/g, "");
    if (key) push(key, raw);
  }
  while (words.length > 0 && words[words.length - 1]?.key === ",") words.pop();
  return {
    words,
    text: words.map((w) => w.key).join(" "),
    emoji,
    thanksEmoji,
    link,
  };
}

/**
 * Corrects a word to the closest word of `list` within one typo (none under four letters), or
 * returns it unchanged. A tie between two words is no correction.
 */
export function correct(
  word: string,
  vocabulary: ReadonlySet<string>,
  list: readonly string[],
): string {
  if (vocabulary.has(word) || /\d/.test(word)) return word;
  let best = word;
  let bestD = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const v of list) {
    // One typo is corrected (as the command parser does); more only gets a suggestion.
    const budget = Math.min(1, typoBudget(Math.min(word.length, v.length)));
    if (budget === 0 || Math.abs(v.length - word.length) > budget) continue;
    const d = editDistance(word, v, budget);
    if (d > budget) continue;
    if (d < bestD) {
      bestD = d;
      best = v;
      tie = false;
    } else if (d === bestD && v !== best) tie = true;
  }
  if (!tie && best !== word) return best;
  // SMS spelling by ear (« dezabone », « arete »): a word written as it sounds, with « z » for
  // « s » and single letters for doubled ones, is that cue when their sounds are the same.
  const sound = skeleton(word);
  let heard: string | null = null;
  for (const v of list) {
    if (skeleton(v) !== sound) continue;
    if (heard !== null && heard !== v) return word;
    heard = v;
  }
  return heard ?? word;
}

/** A word as it sounds: « z » read as « s », « ph » as « f », doubled letters single. */
function skeleton(word: string): string {
  return word
    .replace(/ph/g, "f")
    .replace(/z/g, "s")
    .replace(/(\p{L})\1+/gu, "$1");
}
