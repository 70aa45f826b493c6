/** The reader commands the bot understands. */
export type ReaderCommandName =
  | "menu"
  | "latest"
  | "read"
  | "search"
  | "topics"
  | "follow"
  | "unfollow"
  | "subscribe"
  | "stop"
  | "mode"
  | "language"
  | "mydata"
  | "erase"
  | "thanks";

/** Editor commands, written with a leading `/`. */
export type EditorCommandName =
  | "preview"
  | "publish"
  | "alert"
  | "stats"
  | "pause"
  | "resume"
  | "articles"
  | "schedule"
  | "cancel"
  | "broadcasts"
  | "ignore"
  | "help"
  | "tips"
  | "answer-tip"
  | "close-tip";

export interface ReaderCommandSpec {
  name: ReaderCommandName;
  /** Folded (lowercase, no accents) spellings, one or more words. */
  aliases: string[];
  /**
   * Whether a one-letter typo runs the command directly. Off where a wrong guess would do
   * harm (erasing data): those only get a suggestion.
   */
  autocorrect: boolean;
  /** Arguments implied by an alias, e.g. "english" = `langue en`. */
  implied?: Record<string, string>;
}

export const READER_COMMANDS: readonly ReaderCommandSpec[] = [
  {
    name: "menu",
    aliases: [
      "menu",
      "aide",
      "help",
      "?",
      "bonjour",
      "salut",
      "hello",
      "hi",
      "start",
      "accueil",
      "commandes",
      "bonsoir",
      "coucou",
      "salam",
    ],
    autocorrect: true,
  },
  {
    name: "latest",
    aliases: [
      "dernieres",
      "derniere",
      "derniers",
      "dernier",
      "les dernieres",
      "dernieres infos",
      "dernieres nouvelles",
      "latest",
      "news",
      "actu",
      "actus",
      "actualites",
      "infos",
      "nouvelles",
      "titres",
      "headlines",
    ],
    autocorrect: true,
  },
  {
    name: "read",
    aliases: ["lire", "read", "voir", "ouvrir", "open", "article"],
    autocorrect: true,
  },
  {
    name: "search",
    aliases: ["chercher", "cherche", "recherche", "rechercher", "search", "find", "trouver"],
    autocorrect: true,
  },
  {
    name: "topics",
    aliases: ["rubriques", "rubrique", "topics", "topic", "categories", "themes", "sujets"],
    autocorrect: true,
  },
  { name: "follow", aliases: ["suivre", "follow"], autocorrect: true },
  {
    name: "unfollow",
    aliases: [
      "ne plus suivre",
      "plus suivre",
      "arreter de suivre",
      "unfollow",
      "stop following",
      "retirer",
    ],
    autocorrect: true,
  },
  {
    name: "subscribe",
    aliases: ["abonner", "s'abonner", "m'abonner", "abonnement", "inscrire", "subscribe"],
    autocorrect: true,
  },
  {
    name: "stop",
    // Opting out must be easy: every usual way of saying it works, typos included.
    aliases: [
      "stop",
      "desabonner",
      "se desabonner",
      "me desabonner",
      "desabonnement",
      "desinscrire",
      "unsubscribe",
      "arret",
      "arreter",
      "stopper",
    ],
    autocorrect: true,
  },
  { name: "mode", aliases: ["mode"], autocorrect: true },
  {
    name: "language",
    aliases: ["langue", "language", "lang", "english", "anglais", "francais", "french"],
    autocorrect: true,
    implied: { english: "en", anglais: "en", francais: "fr", french: "fr" },
  },
  {
    name: "mydata",
    aliases: ["mes donnees", "my data", "donnees", "vie privee", "privacy", "confidentialite"],
    autocorrect: true,
  },
  {
    name: "erase",
    aliases: [
      "supprimer mes donnees",
      "effacer mes donnees",
      "delete my data",
      "erase my data",
      "supprimer mon compte",
    ],
    autocorrect: false,
  },
  {
    name: "thanks",
    aliases: ["merci", "merci beaucoup", "thanks", "thank you", "ok", "okay", "d'accord", "super"],
    autocorrect: true,
  },
];

export interface EditorCommandSpec {
  name: EditorCommandName;
  /** Folded spellings after the `/`. */
  aliases: string[];
}

export const EDITOR_COMMANDS: readonly EditorCommandSpec[] = [
  { name: "preview", aliases: ["apercu", "preview"] },
  { name: "publish", aliases: ["publier", "publish"] },
  { name: "alert", aliases: ["alerte", "alert", "urgent"] },
  { name: "stats", aliases: ["stats", "statistiques"] },
  { name: "pause", aliases: ["pause"] },
  { name: "resume", aliases: ["reprendre", "resume"] },
  { name: "articles", aliases: ["articles", "liste"] },
  { name: "schedule", aliases: ["programmer", "schedule", "planifier"] },
  { name: "cancel", aliases: ["annuler", "cancel"] },
  { name: "broadcasts", aliases: ["diffusions", "broadcasts", "envois"] },
  { name: "ignore", aliases: ["ignorer", "ignore"] },
  { name: "help", aliases: ["aide", "help"] },
  { name: "tips", aliases: ["signalements", "signalement", "tips", "rumeurs"] },
  { name: "answer-tip", aliases: ["repondre", "answer", "reply"] },
  { name: "close-tip", aliases: ["classer", "close"] },
];

/**
 * Spellings only an English speaker would use: a newcomer whose first message is one of these
 * is answered in English from the start. Words francophone readers use too ("stop", "menu",
 * "news", "hello", "help") say nothing about a language.
 */
export const ENGLISH_ALIASES: ReadonlySet<string> = new Set([
  "latest",
  "headlines",
  "read",
  "open",
  "search",
  "find",
  "topics",
  "topic",
  "follow",
  "unfollow",
  "stop following",
  "subscribe",
  "unsubscribe",
  "language",
  "english",
  "my data",
  "privacy",
  "delete my data",
  "erase my data",
  "thanks",
  "thank you",
]);

/** What a bare number means when the menu is on screen. */
export const MENU_ITEMS: readonly {
  command: ReaderCommandName;
  args: Record<"fr" | "en", string>;
}[] = [
  { command: "latest", args: { fr: "", en: "" } },
  { command: "topics", args: { fr: "", en: "" } },
  { command: "search", args: { fr: "", en: "" } },
  { command: "subscribe", args: { fr: "", en: "" } },
  // Item 5 switches to the other language.
  { command: "language", args: { fr: "en", en: "fr" } },
  { command: "mydata", args: { fr: "", en: "" } },
];
