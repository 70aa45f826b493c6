/**
 * The bot's own words in a conversation, French and English. Short on purpose: readers are on
 * cheap phones and costly data. Every message says what to do next. WhatsApp markup:
 * `*bold*`, `_italic_`.
 */

import { dateFormat } from "../lib/date-format.ts";

export type Lang = "fr" | "en";

/** A rubric as shown to a reader. */
export interface RubricLine {
  name: string;
  followed: boolean;
}

/** What `mes données` shows: everything the service keeps about the reader. */
export interface DataSummary {
  maskedNumber: string;
  firstSeen: string;
  optedIn: string | null;
  stopped: string | null;
  follows: string[];
  mode: "instant" | "daily";
  digestTime: string;
  language: Lang;
}

export interface SubscriptionFacts {
  follows: string[];
  mode: "instant" | "daily";
  digestTime: string;
  alertsPerDay: number;
  quietHours: { start: string; end: string };
}

export interface ReceiptFacts {
  channel: boolean;
  recipients: number;
  eta: string;
  startsAt: string | null;
  paused: boolean;
}

export interface StatsFacts {
  paused: boolean;
  transportUp: boolean;
  today: { queued: number; sent: number; failed: number; dead: number };
  running: { label: string; sent: number; total: number; failed: number; eta: string }[];
  subscribers: { optedIn: number; instant: number; daily: number; stopped: number };
  articles: { published: number; scheduled: number; drafts: number };
}

export interface Wording {
  welcome(newsroom: string): string;
  menu(newsroom: string): string;
  /** The commands a suggestion names, as a reader would type them. */
  commandName: Record<string, string>;
  unknown(text: string): string;
  suggest(commands: string[]): string;
  empty: string;
  tooLong(limit: number): string;
  media: string;
  flood(minutes: number): string;
  sorry: string;
  thanks: string;

  latestHeader(rubric: string | null): string;
  latestFooter: string;
  latestNone(rubric: string | null): string;
  badCount(max: number): string;
  capped(max: number): string;
  readUsage: string;
  articleNotFound(n: string): string;
  pickInRange(max: number): string;
  pickMenu(max: number): string;

  searchUsage: string;
  searchHeader(query: string): string;
  searchNone(query: string): string;

  rubrics(lines: RubricLine[]): string;
  rubricsNone: string;
  unknownRubric(text: string, known: string[]): string;
  followUsage: string;
  unfollowUsage: string;
  followed(name: string, subscribed: boolean): string;
  alreadyFollowed(name: string, subscribed: boolean): string;
  unfollowed(name: string): string;
  notFollowed(name: string, follows: string[]): string;

  subscribed(facts: SubscriptionFacts, again: boolean): string;
  stopped: string;
  stopUnfollowHint(name: string): string;

  modeUsage: string;
  badTime: string;
  modeSet(mode: "instant" | "daily", facts: SubscriptionFacts, subscribed: boolean): string;
  languageUsage: string;
  languageSet: string;

  myData(data: DataSummary): string;
  erased: string;

  editorHelp: string;
  editorUsage(command: string): string;
  editorSuggest(command: string): string;
  editorArticleNotFound(id: string): string;
  editorPreview(id: number, status: string, channel: string, alert: string): string;
  published(id: number, title: string, receipt: ReceiptFacts): string;
  alerted(receipt: ReceiptFacts): string;
  alertTooLong(max: number): string;
  paused: string;
  alreadyPaused: string;
  resumed: string;
  notPaused: string;
  stats(facts: StatsFacts): string;
  editorFailed(reason: string): string;
}

const list = (items: string[], none: string) => (items.length > 0 ? items.join(", ") : none);

/** 4000 → "4 000": a plain space, which every phone font has (unlike U+202F). */
function thousands(n: number, separator: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** "1 échec", "2 échecs" (French counts 0 and 1 as singular; English only 1). */
function plural(n: number, one: string, many: string, lang: Lang): string {
  return `${n} ${(lang === "fr" ? n < 2 : n === 1) ? one : many}`;
}
const fr_ = (n: number, one: string, many = `${one}s`) => plural(n, one, many, "fr");
const en_ = (n: number, one: string, many = `${one}s`) => plural(n, one, many, "en");

const fr: Wording = {
  welcome: (newsroom) =>
    `Bonjour ! Ici *${newsroom}* : l'actualité en bref, directement sur WhatsApp. Nous ne vous ` +
    "enverrons rien sans votre accord.",
  menu: (newsroom) =>
    [
      `*${newsroom}* — répondez par un numéro ou un mot :`,
      "1. *dernières* — les derniers articles",
      "2. *rubriques* — les thèmes à suivre",
      "3. *chercher* … — ex. _chercher sahel russie_",
      "4. *abonner* — recevoir les alertes",
      "5. *english* — English version",
      "6. *mes données* — ce que nous gardons",
      "Écrivez *stop* pour ne plus rien recevoir.",
    ].join("\n"),
  commandName: {
    menu: "menu",
    latest: "dernières",
    read: "lire 1",
    search: "chercher …",
    topics: "rubriques",
    follow: "suivre …",
    unfollow: "ne plus suivre …",
    subscribe: "abonner",
    stop: "stop",
    mode: "mode quotidien",
    language: "langue en",
    mydata: "mes données",
    erase: "supprimer mes données",
  },
  unknown: (text) =>
    `Je n'ai pas compris « ${text} ». Écrivez *menu* pour voir ce que je sais faire.`,
  suggest: (commands) =>
    `Je n'ai pas compris. Vouliez-vous dire ${commands.map((c) => `*${c}*`).join(" ou ")} ? ` +
    "Écrivez *menu* pour l'aide.",
  empty: "Écrivez *menu* pour voir ce que je sais faire.",
  tooLong: (limit) =>
    `Votre message est trop long (plus de ${thousands(limit, " ")} caractères). ` +
    "Écrivez quelques mots, par exemple *chercher sahel*.",
  media:
    "Je ne lis que les messages écrits (pas les photos, audios ni autocollants). " +
    "Écrivez *menu* pour voir les commandes.",
  flood: (minutes) =>
    `Vous envoyez beaucoup de messages d'un coup. Je vous réponds de nouveau dans ${minutes} min, ` +
    "merci de patienter.",
  sorry:
    "Désolé, un problème est survenu de notre côté. Réessayez dans un instant ou écrivez *menu*.",
  thanks: "Avec plaisir ! Écrivez *menu* à tout moment.",

  latestHeader: (rubric) => (rubric ? `*Dernières infos — ${rubric}*` : "*Dernières infos*"),
  latestFooter: "Répondez par un numéro pour lire l'article (ex. *1*).",
  latestNone: (rubric) =>
    rubric
      ? `Aucun article récent dans « ${rubric} ». Écrivez *rubriques* pour voir les thèmes.`
      : "Aucun article pour le moment. Revenez un peu plus tard.",
  badCount: (max) =>
    `Le nombre d'articles va de 1 à ${max}. Exemple : *dernières 5* ou *dernières 3 politique*.`,
  capped: (max) => `(${max} au plus)`,
  readUsage:
    "Écrivez *lire* suivi du numéro de l'article, ex. *lire 1*. Écrivez *dernières* pour la liste.",
  articleNotFound: (n) =>
    `Je ne trouve pas l'article n° ${n}. Écrivez *dernières* pour la liste à jour.`,
  pickInRange: (max) =>
    `Choisissez un numéro entre 1 et ${max}, ou écrivez *dernières* pour une nouvelle liste.`,
  pickMenu: (max) => `Répondez par un numéro du menu (1 à ${max}) ou écrivez *menu*.`,

  searchUsage: "Que cherchez-vous ? Écrivez *chercher* suivi de mots, ex. *chercher sahel russie*.",
  searchHeader: (query) => `*Résultats pour « ${query} »*`,
  searchNone: (query) =>
    `Aucun article ne correspond à « ${query} ». Essayez d'autres mots, ou écrivez *dernières*.`,

  rubrics: (lines) =>
    [
      "*Rubriques*",
      ...lines.map((l, i) => `${i + 1}. ${l.name}${l.followed ? " ✓ _suivie_" : ""}`),
      "Répondez par un numéro pour lire ses articles, ou écrivez *suivre* et son nom pour " +
        "recevoir ses alertes (ex. *suivre politique*).",
    ].join("\n"),
  rubricsNone: "Pas encore de rubriques. Revenez un peu plus tard.",
  unknownRubric: (text, known) =>
    `Je ne connais pas la rubrique « ${text} ». Rubriques : ${list(known, "aucune pour l'instant")}.` +
    (known[0] ? ` Exemple : *suivre ${known[0].toLowerCase()}*.` : ""),
  followUsage: "Quelle rubrique ? Exemple : *suivre politique*. Écrivez *rubriques* pour la liste.",
  unfollowUsage: "Quelle rubrique ? Exemple : *ne plus suivre politique*.",
  followed: (name, subscribed) =>
    `Vous suivez maintenant *${name}*.` +
    (subscribed
      ? " Vous recevrez ses nouveaux articles."
      : " Pour recevoir ses nouveaux articles, écrivez *abonner*."),
  alreadyFollowed: (name, subscribed) =>
    `Vous suivez déjà *${name}*.` +
    (subscribed ? "" : " Pour recevoir ses nouveaux articles, écrivez *abonner*."),
  unfollowed: (name) => `Vous ne suivez plus *${name}*.`,
  notFollowed: (name, follows) =>
    `Vous ne suiviez pas *${name}*. Vos rubriques : ${list(follows, "aucune")}.`,

  subscribed: (f, again) =>
    [
      again ? "Vous êtes déjà abonné(e)." : "C'est noté : vous êtes abonné(e). Merci !",
      f.follows.length > 0
        ? `Vos rubriques : ${f.follows.join(", ")}.`
        : "Vous recevrez les alertes importantes. Choisissez aussi vos thèmes : *suivre politique*.",
      f.mode === "instant"
        ? `Au plus ${f.alertsPerDay} messages par jour, jamais entre ${f.quietHours.start} et ${f.quietHours.end}. ` +
          `Préférez un résumé par jour ? *mode quotidien*.`
        : `Un résumé par jour à ${f.digestTime}.`,
      "*stop* pour arrêter à tout moment.",
    ].join("\n"),
  stopped:
    "C'est fait : vous ne recevrez plus rien de notre part. Écrivez *abonner* pour revenir " +
    "quand vous voulez.",
  stopUnfollowHint: (name) =>
    `Vous ne suivez plus *${name}*. Pour ne plus rien recevoir du tout, écrivez *stop* seul.`,

  modeUsage:
    "Écrivez *mode instantané* (les alertes au fil de l'eau) ou *mode quotidien 07:00* " +
    "(un seul résumé par jour, à l'heure choisie).",
  badTime: "Je n'ai pas compris l'heure. Exemple : *mode quotidien 07:30*.",
  modeSet: (mode, f, subscribed) =>
    (mode === "instant"
      ? `Mode instantané : les alertes au fil de l'eau, au plus ${f.alertsPerDay} par jour, ` +
        `jamais entre ${f.quietHours.start} et ${f.quietHours.end}.`
      : `Mode quotidien : un résumé chaque jour à ${f.digestTime}.`) +
    (subscribed ? "" : " Écrivez *abonner* pour commencer à recevoir."),
  languageUsage: "Écrivez *langue fr* (français) ou *langue en* (English).",
  languageSet: "C'est noté, je vous réponds en français. Écrivez *menu* pour l'aide.",

  myData: (d) =>
    [
      "*Ce que nous gardons sur vous*",
      `- Numéro : ${d.maskedNumber}`,
      `- Premier message : ${d.firstSeen}`,
      `- Abonnement : ${d.stopped ? `arrêté le ${d.stopped}` : d.optedIn ? `oui, depuis le ${d.optedIn}` : "non"}`,
      `- Rubriques suivies : ${list(d.follows, "aucune")}`,
      `- Mode : ${d.mode === "instant" ? "instantané" : `quotidien à ${d.digestTime}`}`,
      `- Langue : ${d.language === "fr" ? "français" : "anglais"}`,
      "Nous ne gardons pas vos messages, seulement ceux que nous vous avons envoyés.",
      "Pour tout effacer : *supprimer mes données*.",
    ].join("\n"),
  erased:
    "Vos données sont effacées. Nous gardons seulement votre numéro avec la mention « ne plus " +
    "rien envoyer », pour respecter votre choix. Écrivez *abonner* si vous revenez.",

  editorHelp: [
    "*Commandes éditeur*",
    "/apercu ID — voir les messages avant publication",
    "/publier ID — chaîne + alertes aux abonnés des rubriques",
    "/alerte texte — alerte urgente à tous les abonnés",
    "/stats — chiffres d'envoi",
    "/pause — arrêter tous les envois (urgence)",
    "/reprendre — reprendre les envois",
  ].join("\n"),
  editorUsage: (command) =>
    ({
      apercu: "Écrivez /apercu suivi du numéro de l'article, ex. /apercu 12.",
      publier: "Écrivez /publier suivi du numéro de l'article, ex. /publier 12 (voir /apercu 12).",
      alerte: "Écrivez /alerte suivi du texte, ex. /alerte Coupure d'électricité à Bamako ce soir.",
    })[command] ?? "Écrivez /aide pour les commandes éditeur.",
  editorSuggest: (command) => `Commande inconnue. Vouliez-vous dire ${command} ? (/aide)`,
  editorArticleNotFound: (id) =>
    `Article ${id} introuvable. Vérifiez le numéro (npm run cli -- articles list).`,
  editorPreview: (id, status, channel, alert) =>
    [
      `*Aperçu de l'article ${id}* (${status})`,
      "",
      "— Chaîne —",
      channel,
      "",
      "— Alerte aux abonnés —",
      alert,
      "",
      `Pour publier : /publier ${id}`,
    ].join("\n"),
  published: (id, title, r) =>
    [
      `Article ${id} « ${title} » en file d'envoi.`,
      `Chaîne : ${r.channel ? "oui" : "non"} · ${fr_(r.recipients, "lecteur")}` +
        (r.startsAt ? ` · début : ${r.startsAt}` : "") +
        ` · fin estimée : ${r.eta}.`,
      r.paused
        ? "Attention : les diffusions sont en pause (/reprendre)."
        : "/pause pour arrêter la diffusion.",
    ].join("\n"),
  alerted: (r) =>
    [
      `Alerte en file d'envoi. Chaîne : ${r.channel ? "oui" : "non"} · ${fr_(r.recipients, "lecteur")} · ` +
        `fin estimée : ${r.eta}.`,
      r.paused
        ? "Attention : les diffusions sont en pause (/reprendre)."
        : "/pause pour arrêter la diffusion.",
    ].join("\n"),
  alertTooLong: (max) => `Alerte trop longue : ${max} caractères au plus. Raccourcissez le texte.`,
  paused:
    "Diffusions en pause : chaîne, alertes et résumés attendent. Les réponses aux lecteurs continuent. /reprendre pour relancer.",
  alreadyPaused: "Les diffusions étaient déjà en pause. /reprendre pour relancer.",
  resumed: "Les envois reprennent.",
  notPaused: "Les diffusions n'étaient pas en pause.",
  stats: (s) =>
    [
      "*Statistiques*",
      `Diffusions : ${s.paused ? "EN PAUSE" : "actives"} · WhatsApp : ${s.transportUp ? "connecté" : "déconnecté"}`,
      `Aujourd'hui : ${fr_(s.today.sent, "envoyé")}, ${s.today.queued} en file, ${s.today.failed} en échec, ${fr_(s.today.dead, "abandonné")}`,
      ...s.running.map(
        (b) =>
          `- ${b.label} : ${b.sent}/${b.total} (${fr_(b.failed, "échec")}), fin estimée ${b.eta}`,
      ),
      `Abonnés : ${s.subscribers.optedIn} (${s.subscribers.instant} en instantané, ${s.subscribers.daily} en quotidien), ${fr_(s.subscribers.stopped, "arrêté")}`,
      `Articles : ${fr_(s.articles.published, "publié")}, ${fr_(s.articles.scheduled, "programmé")}, ${fr_(s.articles.drafts, "brouillon")}`,
    ].join("\n"),
  editorFailed: (reason) => `Échec : ${reason}`,
};

const en: Wording = {
  welcome: (newsroom) =>
    `Hello! This is *${newsroom}*: the news in brief, right on WhatsApp. We never send you ` +
    "anything without your consent.",
  menu: (newsroom) =>
    [
      `*${newsroom}* — reply with a number or a word:`,
      "1. *latest* — the latest articles",
      "2. *topics* — themes you can follow",
      "3. *search* … — e.g. _search sahel russia_",
      "4. *subscribe* — get alerts",
      "5. *français* — version française",
      "6. *my data* — what we keep",
      "Write *stop* to receive nothing more.",
    ].join("\n"),
  commandName: {
    menu: "menu",
    latest: "latest",
    read: "read 1",
    search: "search …",
    topics: "topics",
    follow: "follow …",
    unfollow: "unfollow …",
    subscribe: "subscribe",
    stop: "stop",
    mode: "mode daily",
    language: "language fr",
    mydata: "my data",
    erase: "delete my data",
  },
  unknown: (text) => `I did not understand "${text}". Write *menu* to see what I can do.`,
  suggest: (commands) =>
    `I did not understand. Did you mean ${commands.map((c) => `*${c}*`).join(" or ")}? ` +
    "Write *menu* for help.",
  empty: "Write *menu* to see what I can do.",
  tooLong: (limit) =>
    `Your message is too long (over ${thousands(limit, ",")} characters). ` +
    "Write a few words, e.g. *search sahel*.",
  media:
    "I only read written messages (no photos, audio or stickers). Write *menu* for the commands.",
  flood: (minutes) =>
    `You are sending many messages at once. I will answer again in ${minutes} min, thank you for waiting.`,
  sorry: "Sorry, something went wrong on our side. Try again in a moment or write *menu*.",
  thanks: "You are welcome! Write *menu* any time.",

  latestHeader: (rubric) => (rubric ? `*Latest news — ${rubric}*` : "*Latest news*"),
  latestFooter: "Reply with a number to read the article (e.g. *1*).",
  latestNone: (rubric) =>
    rubric
      ? `No recent article in "${rubric}". Write *topics* to see the themes.`
      : "No article yet. Please come back a little later.",
  badCount: (max) => `The number of articles goes from 1 to ${max}. Example: *latest 5*.`,
  capped: (max) => `(${max} at most)`,
  readUsage: "Write *read* and the article's number, e.g. *read 1*. Write *latest* for the list.",
  articleNotFound: (n) => `I cannot find article no. ${n}. Write *latest* for the current list.`,
  pickInRange: (max) => `Choose a number from 1 to ${max}, or write *latest* for a new list.`,
  pickMenu: (max) => `Reply with a menu number (1 to ${max}) or write *menu*.`,

  searchUsage:
    "What are you looking for? Write *search* and some words, e.g. *search sahel russia*.",
  searchHeader: (query) => `*Results for "${query}"*`,
  searchNone: (query) =>
    `No article matches "${query}". Try other words (articles are in French), or write *latest*.`,

  rubrics: (lines) =>
    [
      "*Topics*",
      ...lines.map((l, i) => `${i + 1}. ${l.name}${l.followed ? " ✓ _followed_" : ""}`),
      "Reply with a number to read its articles, or write *follow* and its name to get its " +
        "alerts (e.g. *follow politique*).",
    ].join("\n"),
  rubricsNone: "No topics yet. Please come back a little later.",
  unknownRubric: (text, known) =>
    `I do not know the topic "${text}". Topics: ${list(known, "none yet")}.` +
    (known[0] ? ` Example: *follow ${known[0].toLowerCase()}*.` : ""),
  followUsage: "Which topic? Example: *follow politique*. Write *topics* for the list.",
  unfollowUsage: "Which topic? Example: *unfollow politique*.",
  followed: (name, subscribed) =>
    `You now follow *${name}*.` +
    (subscribed
      ? " You will get its new articles."
      : " To get its new articles, write *subscribe*."),
  alreadyFollowed: (name, subscribed) =>
    `You already follow *${name}*.` +
    (subscribed ? "" : " To get its new articles, write *subscribe*."),
  unfollowed: (name) => `You no longer follow *${name}*.`,
  notFollowed: (name, follows) =>
    `You were not following *${name}*. Your topics: ${list(follows, "none")}.`,

  subscribed: (f, again) =>
    [
      again ? "You are already subscribed." : "Done: you are subscribed. Thank you!",
      f.follows.length > 0
        ? `Your topics: ${f.follows.join(", ")}.`
        : "You will get the important alerts. Choose themes too: *follow politique*.",
      f.mode === "instant"
        ? `At most ${f.alertsPerDay} messages a day, never between ${f.quietHours.start} and ${f.quietHours.end}. ` +
          "Prefer one summary a day? *mode daily*."
        : `One summary a day at ${f.digestTime}.`,
      "*stop* to end at any time.",
    ].join("\n"),
  stopped: "Done: you will receive nothing more from us. Write *subscribe* to come back any time.",
  stopUnfollowHint: (name) =>
    `You no longer follow *${name}*. To receive nothing at all, write *stop* alone.`,

  modeUsage:
    "Write *mode instant* (alerts as they come) or *mode daily 07:00* (one summary a day, at the time you choose).",
  badTime: "I did not understand the time. Example: *mode daily 07:30*.",
  modeSet: (mode, f, subscribed) =>
    (mode === "instant"
      ? `Instant mode: alerts as they come, at most ${f.alertsPerDay} a day, never between ` +
        `${f.quietHours.start} and ${f.quietHours.end}.`
      : `Daily mode: one summary every day at ${f.digestTime}.`) +
    (subscribed ? "" : " Write *subscribe* to start receiving."),
  languageUsage: "Write *language en* (English) or *language fr* (français).",
  languageSet: "OK, I will answer in English. Write *menu* for help.",

  myData: (d) =>
    [
      "*What we keep about you*",
      `- Number: ${d.maskedNumber}`,
      `- First message: ${d.firstSeen}`,
      `- Subscription: ${d.stopped ? `stopped on ${d.stopped}` : d.optedIn ? `yes, since ${d.optedIn}` : "no"}`,
      `- Topics followed: ${list(d.follows, "none")}`,
      `- Mode: ${d.mode === "instant" ? "instant" : `daily at ${d.digestTime}`}`,
      `- Language: ${d.language === "fr" ? "French" : "English"}`,
      "We do not keep your messages, only those we sent you.",
      "To erase everything: *delete my data*.",
    ].join("\n"),
  erased:
    'Your data is erased. We only keep your number marked "send nothing", to respect your ' +
    "choice. Write *subscribe* if you come back.",

  editorHelp: [
    "*Editor commands*",
    "/apercu ID — preview the messages before publishing",
    "/publier ID — Channel + alerts to the rubrics' followers",
    "/alerte text — breaking alert to all subscribers",
    "/stats — sending figures",
    "/pause — stop all sending (emergency)",
    "/reprendre — resume sending",
  ].join("\n"),
  editorUsage: (command) =>
    ({
      apercu: "Write /apercu and the article's number, e.g. /apercu 12.",
      publier: "Write /publier and the article's number, e.g. /publier 12 (see /apercu 12).",
      alerte: "Write /alerte and the text, e.g. /alerte Power cut in Bamako tonight.",
    })[command] ?? "Write /aide for the editor commands.",
  editorSuggest: (command) => `Unknown command. Did you mean ${command}? (/aide)`,
  editorArticleNotFound: (id) =>
    `Article ${id} not found. Check the number (npm run cli -- articles list).`,
  editorPreview: (id, status, channel, alert) =>
    [
      `*Preview of article ${id}* (${status})`,
      "",
      "— Channel —",
      channel,
      "",
      "— Alert to subscribers —",
      alert,
      "",
      `To publish: /publier ${id}`,
    ].join("\n"),
  published: (id, title, r) =>
    [
      `Article ${id} "${title}" queued.`,
      `Channel: ${r.channel ? "yes" : "no"} · ${en_(r.recipients, "reader")}` +
        (r.startsAt ? ` · starts: ${r.startsAt}` : "") +
        ` · estimated end: ${r.eta}.`,
      r.paused ? "Warning: broadcasts are paused (/reprendre)." : "/pause to stop the broadcast.",
    ].join("\n"),
  alerted: (r) =>
    [
      `Alert queued. Channel: ${r.channel ? "yes" : "no"} · ${en_(r.recipients, "reader")} · estimated end: ${r.eta}.`,
      r.paused ? "Warning: broadcasts are paused (/reprendre)." : "/pause to stop the broadcast.",
    ].join("\n"),
  alertTooLong: (max) => `Alert too long: ${max} characters at most. Please shorten it.`,
  paused:
    "Broadcasts paused: Channel posts, alerts and digests wait. Replies to readers continue. /reprendre to resume.",
  alreadyPaused: "Sending was already paused. /reprendre to resume.",
  resumed: "Sending resumes.",
  notPaused: "Sending was not paused.",
  stats: (s) =>
    [
      "*Stats*",
      `Sending: ${s.paused ? "PAUSED" : "active"} · WhatsApp: ${s.transportUp ? "connected" : "disconnected"}`,
      `Today: ${s.today.sent} sent, ${s.today.queued} queued, ${s.today.failed} failing, ${s.today.dead} given up`,
      ...s.running.map(
        (b) => `- ${b.label}: ${b.sent}/${b.total} (${b.failed} failed), estimated end ${b.eta}`,
      ),
      `Subscribers: ${s.subscribers.optedIn} (${s.subscribers.instant} instant, ${s.subscribers.daily} daily), ${s.subscribers.stopped} stopped`,
      `Articles: ${s.articles.published} published, ${s.articles.scheduled} scheduled, ${en_(s.articles.drafts, "draft")}`,
    ].join("\n"),
  editorFailed: (reason) => `Failed: ${reason}`,
};

const WORDING: Record<Lang, Wording> = { fr, en };

/** The bot's wording in a reader's language. */
export function wording(lang: Lang): Wording {
  return WORDING[lang];
}

/** "~28 min", "~2 h 10", "moins d'une minute": an honest, rounded duration. */
export function formatDuration(ms: number, lang: Lang): string {
  const minutes = Math.ceil(Math.max(0, ms) / 60_000);
  if (minutes <= 1) return lang === "fr" ? "moins d'une minute" : "under a minute";
  if (minutes < 60) return `~${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `~${h} h` : `~${h} h ${String(m).padStart(2, "0")}`;
}

/** A date as a reader reads it, in the newsroom's time zone: "2 avr. 2025". */
export function formatDay(date: Date, lang: Lang, timeZone: string): string {
  return dateFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone,
  }).format(date);
}
