import { formatThousands } from "../../lib/numbers.ts";
import type {
  Catalogue,
  CommandLineWords,
  DeliveryWords,
  DeskWords,
  ErrorWords,
  OperatorWords,
  ReceiptFacts,
} from "./catalogue.ts";

const list = (items: string[], none: string) => (items.length > 0 ? items.join(", ") : none);
const thousands = (n: number) => formatThousands(n, " ");
/** French counts 0 and 1 as singular: "1 échec", "0 échec", "2 échecs". */
const fr_ = (n: number, one: string, many = `${one}s`) => `${n} ${n < 2 ? one : many}`;

const LANGUAGE_NAME = { fr: "français", en: "anglais" } as const;

/** French writes hours "22 h", "7 h 30" (not "22:00"). */
const CHANNEL_STATE_FR = {
  none: "",
  waiting: " · chaîne : en attente",
  sent: " · chaîne : envoyée",
  failed: " · chaîne : en échec",
  cancelled: " · chaîne : annulée",
} as const;

export const frenchHour = (hhmm: string): string => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  return m[2] === "00" ? `${Number(m[1])} h` : `${Number(m[1])} h ${m[2]}`;
};

const OPERATOR: OperatorWords = {
  progress: (p) =>
    `${p.sent}/${p.total} lecteurs${p.failed > 0 ? ` (${p.failed} non envoyé${p.failed > 1 ? "s" : ""})` : ""}${CHANNEL_STATE_FR[p.channel]} — ` +
    (p.cancelled > 0
      ? `annulée (${p.cancelled} ne partiront pas)`
      : p.done
        ? "terminé"
        : `fin vers ${p.end} (${p.eta})`),
  sendingState: {
    paused:
      "diffusions EN PAUSE, réponses actives (reprendre : npm run cli -- resume, ou /reprendre)",
    stopped: "à l'arrêt : aucun processus n'envoie (démarrez le bot : npm start)",
    active: "actifs",
    waiting: "en attente de WhatsApp (déconnecté, reprise automatique)",
  },
  sendingLine: (state) => `Envois : ${state}`,
  todayLine: (t) =>
    `Aujourd'hui : ${t.sent} envoyés, ${t.queued} en file, ${t.failed} en nouvel essai, ${t.dead} abandonnés`,
  readersLine: (s) =>
    `Lecteurs : ${s.optedIn} abonnés (${s.instant} alertes, ${s.daily} résumé du jour), ${s.stopped} désabonnés`,
  runningLine: (id, label, progress) => `Diffusion n° ${id} « ${label} » : ${progress}`,
  scheduledLine: (id, label, at) =>
    `Programmée n° ${id} « ${label} » : ${at} (annuler : npm run cli -- cancel ${id})`,
  now: "maintenant",
  receiptWho: (channel, recipients, count) =>
    `${channel ? "publication sur la chaîne + " : ""}${count} lecteur${recipients > 1 ? "s" : ""}`,
  receiptScheduled: (id, at, who) =>
    `Diffusion n° ${id} programmée pour ${at} : ${who} (nombre actuel).`,
  receiptQueued: (id, who) => `Diffusion n° ${id} en file : ${who}.`,
  receiptEnd: (end, sending) => `Fin estimée vers ${end} (envoi : ${sending} au rythme actuel).`,
  receiptPaused: "Attention : les envois sont EN PAUSE. Reprendre : npm run cli -- resume",
  receiptNoSender:
    "Attention : aucun processus n'envoie. Les messages partiront au démarrage du bot (npm start).",
  receiptCancel: (id) => `Annuler : npm run cli -- cancel ${id}`,
  receiptEmbargo: (id) =>
    `L'article est daté de cette heure : rien n'est envoyé avant. Pour l'envoyer tout de suite : npm run cli -- broadcast ${id} --now`,
  receiptQuiet: (at) => `Chaîne : maintenant · lecteurs : à ${at} (heures calmes).`,
  receiptAlsoScheduled: (ids) =>
    `Attention : cet article était déjà programmé (diffusion ${ids.map((i) => `n° ${i}`).join(", ")}). Annuler l'une : npm run cli -- cancel ${ids[0]}`,
  confirmWithYes:
    "Confirmation requise et aucun terminal pour répondre : rien n'a été envoyé. Relancez avec --yes pour confirmer.",
  confirmPrompt: "Envoyer ? (oui/non) ",
  cancelled: (id, cancelled, alreadySent) =>
    `Diffusion n° ${id} annulée : ${cancelled} message(s) ne partiront pas, ${alreadySent} déjà envoyé(s).`,
};

const ERRORS: ErrorWords = {
  ARTICLE_NOT_FOUND: ({ id }) =>
    `Article ${id} introuvable. Vérifiez le numéro (liste : « dernières » ou cli articles).`,
  ARTICLE_IS_DRAFT: ({ id }) =>
    `L'article ${id} est un brouillon : publiez-le sur le site avant de l'envoyer.`,
  ALERT_EMPTY: () =>
    "Texte de l'alerte vide : écrivez par ex. /alerte Coupure d'électricité à Bamako.",
  ALERT_TOO_LONG: ({ length, max }) =>
    `Alerte trop longue (${thousands(length)} caractères) : ${thousands(max)} au plus, pour les petits forfaits. Raccourcissez-la.`,
  CONFIRMATION_NONE: () =>
    "Rien à confirmer en ce moment : aucune diffusion n'attend votre OUI. /aide pour les commandes.",
  CONFIRMATION_EXPIRED: ({ kind, articleId, minutes }) =>
    `Trop tard : la demande n'était valable que ${minutes} min. Rien n'a été envoyé. ` +
    (kind === "publish"
      ? `Recommencez : /publier ${articleId}`
      : kind === "schedule"
        ? `Recommencez : /programmer ${articleId} suivi de l'heure`
        : "Recommencez : /alerte suivi du texte"),
  BROADCAST_NOT_FOUND: ({ id }) =>
    `Diffusion n° ${id} introuvable. /diffusions pour la liste des numéros.`,
  BROADCAST_FINISHED: ({ id, state }) =>
    `La diffusion n° ${id} est déjà ${state === "cancelled" ? "annulée" : "terminée"} : rien à annuler.`,
  WHEN_INVALID: ({ text, example }) =>
    `Je ne comprends pas la date « ${text} ». Écrivez par ex. ${example} (heure de la rédaction).`,
  WHEN_PAST: ({ at, example }) =>
    `${at} est déjà passé. Choisissez une heure à venir, par ex. ${example}.`,
};

const STATE = {
  draft: "brouillon",
  scheduled: "programmé",
  published: "publié",
  sent: "déjà envoyé",
} as const;
const BROADCAST_STATE = {
  scheduled: "programmée",
  running: "en cours",
  done: "terminée",
  cancelled: "annulée",
} as const;
/** « 1 250 lecteurs et la chaîne », « 1 lecteur », « la chaîne seulement ». */
const audience = (recipients: number, channel: boolean) =>
  recipients === 0 && channel
    ? "la chaîne seulement (aucun lecteur abonné concerné)"
    : `${thousands(recipients)} lecteur${recipients > 1 ? "s" : ""}${channel ? " et à la chaîne" : ""}`;

/** « Chaîne : oui · 42 lecteurs · fin estimée : ~28 min. », quiet hours said as such. */
function receiptLine(r: ReceiptFacts): string {
  const readers =
    r.recipients === 0
      ? `0 lecteur (${
          r.zeroReason === "capped"
            ? "tous ont atteint la limite d'alertes du jour"
            : r.zeroReason === "already"
              ? "tous ont déjà reçu cet article"
              : r.zeroReason === "unsubscribed"
                ? "aucun lecteur abonné aux alertes"
                : "personne ne suit ces rubriques"
        })`
      : fr_(r.recipients, "lecteur");
  const channel = r.channelAlready ? "non (déjà publié)" : "non";
  if (nothingSent(r)) return `Chaîne : ${channel} · ${readers}.`;
  if (r.readersFrom) {
    return (
      `Chaîne : ${r.channel ? "maintenant" : channel} · lecteurs : à ${r.readersFrom} (heures calmes) · ` +
      `${readers} · fin estimée : ${r.eta}.`
    );
  }
  return `Chaîne : ${r.channel ? "oui" : channel} · ${readers} · fin estimée : ${r.eta}.`;
}
/** A broadcast that queued nothing: no Channel post, no reader. */
const nothingSent = (r: ReceiptFacts) => !r.channel && r.recipients === 0;
function stopLine(r: ReceiptFacts): string {
  return r.paused
    ? "Attention : les diffusions sont en pause (/reprendre)."
    : `/annuler ${r.broadcastId} pour l'arrêter, /pause pour tout arrêter.`;
}

const DELIVERY: DeliveryWords = {
  receipts: (sent, delivered, read, count) =>
    `${count(sent)} envoyé${sent > 1 ? "s" : ""} · ${count(delivered)} reçu${delivered > 1 ? "s" : ""} · ${count(read)} lu${read > 1 ? "s" : ""}`,
  todayHead: "Diffusions du jour",
  labelled: (label, text) => `${label} : ${text}`,
  guardWhy: {
    spamRate:
      "Meta limite le numéro (131048 : trop de messages signalés ou ignorés par les lecteurs)",
    notDelivered: "Meta refuse de livrer beaucoup de messages (131049 : engagement trop faible)",
    undeliverable: "beaucoup de messages impossibles à livrer (131026)",
    auth: "l'API WhatsApp refuse le jeton (CLOUD_API_TOKEN)",
  },
  guardSpike: (why, times, minutes) => `${why} : ${times} en ${minutes} min`,
  guardLoggedOut: (reason) => `WhatsApp Web : session fermée (${reason})`,
  guardPaused: (why) =>
    `⚠️ Diffusions mises en pause automatiquement : ${why}. Les réponses aux lecteurs continuent. Vérifiez la qualité du numéro (Meta Business Manager), puis /reprendre.`,
  guardRestricted: "Meta a bloqué ou restreint le compte WhatsApp Business (368 ou 131031)",
  guardRefused: "beaucoup de messages refusés définitivement par WhatsApp",
  guardBlocked: (state) =>
    `WhatsApp Web : le numéro est bloqué ou n'est plus relié au téléphone (${state})`,
  channelMissing: (attempt, excerpt) =>
    attempt === 1
      ? `⚠️ La publication « ${excerpt} » n'apparaît pas dans la chaîne : elle est renvoyée une fois.`
      : `⚠️ Renvoyée, la publication « ${excerpt} » n'apparaît toujours pas dans la chaîne. Ouvrez la chaîne dans WhatsApp : le numéro du bot en est-il encore administrateur ? Publiez-la à la main si besoin.`,
  budgetWarmUp: (sent, ceiling) =>
    `Montée en charge du numéro : ${sent} alertes et résumés sur ${ceiling} permis aujourd'hui`,
  budgetCold: (cold, cap, postponed) =>
    `Lecteurs silencieux depuis longtemps : ${cold} premiers messages sur ${cap} permis aujourd'hui` +
    (postponed === "0" ? "" : `, ${postponed} reportés à demain`),
  warmUpLater: (days) =>
    `Montée en charge du numéro : une partie partira ${days === 1 ? "demain" : `dans ${days} jours`} (plafond du jour)`,
};

const DESK: DeskWords = {
  title: (newsroom) => `${newsroom} · bureau`,
  nav: {
    articles: "Articles",
    broadcasts: "Diffusions",
    pairing: "Appairage",
    reach: "Audience",
    tips: "Signalements",
    audit: "Journal",
    tryIt: "Essayer",
  },
  otherLanguage: "English",
  signedInAs: (phone) => `Connecté : ${phone}`,
  signOut: "Se déconnecter",
  notFound: "Cette page n'existe pas (encore).",
  csrfRefused:
    "Formulaire refusé : il a expiré ou ne vient pas du bureau. Rechargez la page et recommencez.",
  signInNeeded: "Connectez-vous d'abord.",
  serverError: "Erreur interne : l'action n'a pas été faite. Les journaux du bot en disent plus.",
  back: "Retour",
  signInTitle: "Connexion au bureau",
  signInIntro:
    "Saisissez votre numéro d'éditeur (celui de EDITORS) : un code à usage unique vous est envoyé sur WhatsApp.",
  phoneLabel: "Votre numéro WhatsApp",
  sendCode: "Recevoir un code",
  phoneInvalid: (text) =>
    `« ${text} » n'est pas un numéro : écrivez-le avec l'indicatif, ex. +223 70 00 00 00.`,
  codeSent: (phone, minutes) =>
    `Si ${phone} est un numéro d'éditeur, un code vient de lui être envoyé sur WhatsApp (valable ${minutes} min).`,
  codeLabel: "Code reçu",
  signIn: "Se connecter",
  codeWrong: (left) =>
    `Code inexact. ${left > 1 ? `Encore ${left} essais` : "Dernier essai"} avant le blocage de ce numéro.`,
  codeExpired: "Ce code a expiré ou a déjà servi : demandez-en un nouveau.",
  locked: (minutes) =>
    `Trop de codes inexacts : la connexion de ce numéro est bloquée pendant ${minutes} min.`,
  tooManyCodes: (minutes) =>
    `Plusieurs codes viennent d'être envoyés à ce numéro : attendez ${minutes} min avant d'en demander un autre.`,
  codeMessage: (code, minutes) =>
    `Code de connexion au bureau : *${code}* (valable ${minutes} min). Si vous n'avez rien demandé, ignorez ce message.`,
  linkTitle: "Lien de connexion",
  linkIntro: "Ce lien à usage unique ouvre une session sur ce navigateur.",
  linkInvalid: "Ce lien a expiré ou a déjà servi : faites-en un autre (npm run cli -- desk-link).",
  signedOut: "Vous êtes déconnecté.",
  noEditors:
    "Aucun éditeur n'est déclaré : ajoutez EDITORS=+223… dans .env, ou ouvrez un lien de npm run cli -- desk-link.",
  searchLabel: "Recherche",
  searchPlaceholder: "mots du titre ou du texte",
  rubricLabel: "Rubrique",
  rubricAll: "Toutes",
  filter: "Afficher",
  columns: { id: "N°", date: "Date", title: "Titre", rubrics: "Rubriques", state: "État" },
  articleState: {
    draft: "brouillon",
    future: "daté dans le futur",
    scheduled: "diffusion programmée",
    published: "publié, pas encore diffusé",
    sent: "diffusé",
  },
  articlesNone: "Aucun article.",
  searchNone: (q) => `Aucun article ne contient « ${q} ».`,
  older: "Plus anciens →",
  articleNotFound: (id) => `Pas d'article n° ${id}.`,
  previewChannel: "Sur la chaîne",
  previewAlert: (language) => `Alerte aux abonnés de la rubrique (${language})`,
  publishNow: "Publier maintenant",
  futureNote: (at) =>
    `Article daté du ${at} : « Publier maintenant » le programme pour cette date (son embargo).`,
  publishForce: "Publier tout de suite, avant sa date",
  draftNote: "Brouillon : il ne peut pas être publié tant qu'il n'est pas marqué publié.",
  scheduleLabel: (tz) => `Programmer pour (heure de ${tz})`,
  schedule: "Programmer",
  ignore: "Ignorer",
  ignoredNotice: (id) => `Article n° ${id} ignoré : il ne sera pas diffusé (noté au journal).`,
  approvalNote: "Mode approbation : cet article attend qu'un éditeur le publie ou l'ignore.",
  confirmTitle: "Confirmation",
  confirmQuestion: (f) =>
    `${f.kind === "alert" ? `Alerte « ${f.label} »` : `Article n° ${f.articleId} « ${f.label} »${f.publishedAt ? `, publié le ${f.publishedAt}` : ""}`} : ${f.startsAt ? `programmer pour ${f.startsAt}, à` : "envoyer à"} ${f.recipients} lecteur${f.recipients > 1 ? "s" : ""}${f.channel ? " et à la chaîne" : ""}${f.readersFrom ? ` (lecteurs à partir de ${f.readersFrom}, heures calmes)` : ""} ? Cette question expire dans ${f.minutes} min.`,
  confirmYes: "Oui, envoyer",
  confirmYesSchedule: "Oui, programmer",
  confirmNo: "Non, ne rien envoyer",
  declined: "Rien n'a été envoyé.",
  receiptTitle: "Accusé de diffusion (tel qu'il arrive sur le téléphone)",
  runningTitle: "En cours",
  scheduledTitle: "Programmées",
  historyTitle: "Historique",
  noneRunning: "Aucune diffusion en cours.",
  noneScheduled: "Aucune diffusion programmée.",
  noneHistory: "Aucune diffusion pour le moment.",
  pause: "Tout mettre en pause",
  pauseConfirm:
    "Mettre TOUTES les diffusions en pause (chaîne, alertes, résumés) ? Les réponses aux lecteurs continuent.",
  resume: "Reprendre les envois",
  resumeConfirm: "Reprendre toutes les diffusions en attente ?",
  pausedBanner:
    "Diffusions EN PAUSE : chaîne, alertes et résumés attendent. Les réponses aux lecteurs continuent.",
  activeBanner: "Diffusions actives.",
  noSender:
    "Aucun processus n'envoie : le bot est arrêté ou WhatsApp est déconnecté. Les messages partiront à la reprise.",
  cancel: "Annuler",
  cancelConfirm: (id) =>
    `Annuler la diffusion n° ${id} ? Ce qui n'est pas encore parti ne partira pas.`,
  cancelledNotice: (id, cancelled, sent) =>
    `Diffusion n° ${id} annulée : ${cancelled} message${cancelled > 1 ? "s" : ""} ne partiront pas, ${sent} déjà envoyé${sent > 1 ? "s" : ""}.`,
  progress: (p) =>
    `${p.sent}/${p.total} lecteurs${p.failed > 0 ? ` (${p.failed} non envoyé${p.failed > 1 ? "s" : ""})` : ""}${CHANNEL_STATE_FR[p.channel]} — ` +
    (p.cancelled > 0 ? "annulée" : p.done ? "terminé" : `fin estimée ${p.eta}`),
  broadcastState: {
    scheduled: "programmée",
    running: "en cours",
    done: "terminée",
    cancelled: "annulée",
  },
  broadcastColumns: {
    id: "N°",
    when: "Quand",
    label: "Diffusion",
    state: "État",
    sent: "envoyés",
    delivered: "reçus",
    read: "lus",
  },
  pairingStatus: {
    connected: "WhatsApp est connecté.",
    qr: "En attente : scannez le QR avec le téléphone du numéro du bot.",
    starting: "WhatsApp démarre…",
    unreachable: "WhatsApp est injoignable.",
  },
  transportLabel: (name) => `Transport : ${name}`,
  scanHelp:
    "Sur le téléphone du bot : WhatsApp > Appareils connectés > Connecter un appareil, puis visez ce QR. Il change toutes les 20 secondes environ : la page le suit.",
  noQrYet: "Le QR n'est pas encore arrivé : il s'affiche ici dès que WhatsApp Web le donne.",
  pairingCodeTitle: "Ou avec un code d'appairage",
  pairingCodeHelp:
    "Sans appareil photo : saisissez le numéro du bot, puis entrez le code de 8 caractères dans WhatsApp > Appareils connectés > Connecter avec un numéro.",
  pairingCodeAsk: "Obtenir un code",
  pairingCodeShow: (code) => `Code d'appairage : ${code}`,
  pairingCodeFailed: (reason) => `Pas de code d'appairage : ${reason}`,
  checksTitle: "Vérifications (doctor)",
  noPairingSource: "Ce transport ne s'appaire pas par QR (Cloud API ou simulateur).",
  // Journal
  journal: {
    intro:
      "Chaque action d'éditeur (téléphone, bureau, CLI, simulateur) et chaque refus, du plus récent au plus ancien.",
    actorLabel: "Qui (fin du numéro)",
    viaLabel: "Par",
    viaAll: "tous",
    actionLabel: "Action (ou son début)",
    fromLabel: "Du",
    toLabel: "Au (inclus)",
    columns: {
      when: "Quand",
      who: "Qui",
      via: "Par",
      action: "Action",
      target: "Cible",
      outcome: "Résultat",
      detail: "Détail",
    },
    outcome: { ok: "fait", refused: "refusé", error: "erreur" },
    none: "Aucune entrée du journal ne correspond à ces filtres.",
    older: "Entrées plus anciennes",
    newest: "Revenir aux plus récentes",
    badDate: (text) =>
      `Date illisible « ${text} » : attendu AAAA-MM-JJ (ex. 2026-12-01). Ce filtre est ignoré.`,
    badActor: (text) =>
      `« ${text} » n'est pas une fin de numéro : tapez des chiffres (ex. 0009). Ce filtre est ignoré.`,
  },
  // Audience
  reach: {
    intro: (days) =>
      `Les ${days} derniers jours, jour par jour dans le fuseau de la rédaction. Les numéros des lecteurs n'apparaissent nulle part : seulement des comptes.`,
    readersTitle: "Lecteurs",
    rubricLabel: "Rubrique",
    allReaders: "Tout le service (abonner / stop)",
    show: "Afficher",
    day: "Jour",
    active: "Abonnés",
    subscribed: "Nouveaux",
    stopped: "Arrêts",
    sentTitle: "Messages envoyés par jour",
    kinds: {
      reply: "Réponses",
      notice: "Avis",
      channel: "Chaîne",
      alert: "Alertes",
      digest: "Résumés",
    },
    total: "Total",
    ratesTitle: "Remise et lecture par diffusion",
    rateColumns: {
      broadcast: "Diffusion",
      when: "Quand",
      sent: "Envoyés",
      delivered: "Remis",
      read: "Lus",
    },
    channelTitle: "Publications de la chaîne",
    channelColumns: { when: "Quand", label: "Publication", state: "État" },
    channelState: { queued: "en file", sent: "publiée", failed: "en échec", cancelled: "annulée" },
    noChannel: "Aucune publication sur la chaîne pour le moment.",
    feedsTitle: "Santé des flux",
    feedColumns: {
      feed: "Flux",
      state: "État",
      lastSuccess: "Dernier succès",
      failures: "Échecs de suite",
      articles: "Articles",
      error: "Dernière erreur",
    },
    feedState: { ok: "sain", failing: "en échec", disabled: "désactivé", never: "jamais lu" },
    noFeeds: "Aucun flux : ajoutez-en avec FEEDS dans .env ou npm run cli -- feeds add <url>.",
    noBroadcasts: "Aucune diffusion envoyée pour le moment.",
    never: "jamais",
    tablesNote:
      "Les graphiques se dessinent avec JavaScript ; les mêmes chiffres sont dans les tableaux.",
    daysLabel: "Jours",
  },
  // Essayer
  tryIt: {
    intro: (database) =>
      `Essayez le bot avant d'appairer un téléphone : écrivez comme un lecteur ou comme un éditeur. Tout se passe dans une base à part (${database}) : rien n'est envoyé sur WhatsApp et la vraie base n'est jamais touchée.`,
    asLabel: "Écrire comme",
    asReader: "un lecteur",
    asEditor: "un éditeur",
    messageLabel: "Message",
    placeholder: "ex. menu, dernières, suivre politique",
    send: "Envoyer",
    reset: "Effacer la conversation",
    resetDone: "Conversation effacée.",
    you: "Vous",
    bot: "Le bot",
    channel: "Chaîne",
    empty: "Écrivez « menu » pour commencer.",
    unavailable: "Le simulateur n'est pas branché sur ce serveur.",
    tooLong: (max) => `Message trop long : ${max} caractères au plus.`,
  }, // Signalements
  tipsPage: {
    intro:
      "Rumeurs à vérifier, questions, messages transférés : un même signalement reçu de plusieurs lecteurs est compté une fois. La réponse part à chacun, dans sa langue.",
    filters: {
      open: "À traiter",
      frequent: "Les plus fréquents",
      answered: "Répondus",
      closed: "Classés",
      all: "Tous",
    },
    columns: {
      id: "N°",
      when: "Dernier reçu",
      text: "Signalement",
      count: "Messages",
      from: "Premier lecteur",
      state: "État",
    },
    state: { open: "à traiter", answered: "répondu", closed: "classé" },
    counts: (open, answered, closed) =>
      `${open} à traiter · ${answered} répondu${answered > 1 ? "s" : ""} · ${closed} classé${closed > 1 ? "s" : ""}`,
    forwarded: "transféré",
    messages: (count, readers) =>
      `${count} message${count > 1 ? "s" : ""} de ${readers} lecteur${readers > 1 ? "s" : ""}`,
    none: "Aucun signalement ici pour le moment.",
    notFound: (id) => `Aucun signalement n° ${id}.`,
    sendersTitle: "Lecteurs qui l'ont envoyé",
    answerTitle: "Répondre",
    answerLabel: (max) => `Votre réponse (${max} caractères au plus)`,
    answerHelp:
      "Elle part maintenant aux lecteurs qui ont écrit dans les dernières 24 h, aux autres avec leur prochain message ; rien à ceux qui ont dit stop.",
    answer: "Envoyer la réponse",
    answerConfirm: (readers) =>
      `Envoyer cette réponse à ${readers} lecteur${readers > 1 ? "s" : ""} ?`,
    answerEmpty: "Écrivez une réponse avant d'envoyer.",
    close: "Classer sans réponse",
    closeConfirm: "Classer ce signalement sans répondre ?",
    currentAnswer: (by, at) => `Réponse envoyée par ${by} le ${at} :`,
    older: "Plus anciens",
  },
  bodyTooLarge: (maxKb) =>
    `Formulaire refusé : plus de ${maxKb} Ko envoyés. Les formulaires du bureau sont bien plus courts : raccourcissez le texte et recommencez.`,
};

const COMMAND_LINE: CommandLineWords = {
  titles: {
    usage: "Utilisation :",
    arguments: "Arguments :",
    options: "Options :",
    commands: "Commandes :",
    globalOptions: "Options générales :",
  },
  commandPlaceholder: "[commande]",
  helpOption: "affiche l'aide",
  helpCommand: "affiche l'aide d'une commande",
  helpCommandArgument: "[commande]",
  defaultValue: (v) => `par défaut : ${v}`,
  choices: (list) => `au choix : ${list}`,
  preset: (v) => `sans valeur : ${v}`,
  env: (name) => `variable : ${name}`,
  error: "erreur :",
  didYouMean: (s) => `(vouliez-vous dire ${s} ?)`,
  unknownOption: (flag) => `option inconnue « ${flag} »`,
  unknownCommand: (name) => `commande inconnue « ${name} »`,
  missingArgument: (name, description) =>
    description === "" ? `argument manquant : <${name}>` : `il manque <${name}> : ${description}`,
  optionMissingArgument: (flags) => `valeur manquante après l'option ${flags}`,
  missingMandatoryOption: (flags) => `option obligatoire manquante : ${flags}`,
  excessArguments: (command, expected, received) =>
    `trop d'arguments${command ? ` pour « ${command} »` : ""} : ${expected} attendu${expected > 1 ? "s" : ""}, ${received} donné${received > 1 ? "s" : ""}`,
  conflictingOption: (a, b) => `${a} et ${b} ne peuvent pas aller ensemble`,
  invalidOptionValue: (flags, value) => `option ${flags} : valeur « ${value} » refusée.`,
  invalidArgumentValue: (name, value) => `argument ${name} : valeur « ${value} » refusée.`,
  allowedChoices: (list) => `Valeurs possibles : ${list}.`,
  seeHelp: "(ajoutez --help pour l'aide)",
};

export const fr = {
  locale: "fr-FR",
  thousands: " ",
  languageName: LANGUAGE_NAME,
  underAMinute: "moins d'une minute",
  replies: {
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
    unknown: (text, subscribed) =>
      `Je n'ai pas compris « ${text} ». Écrivez *menu* pour voir ce que je sais faire${
        subscribed ? ", ou *stop* pour ne plus rien recevoir" : ""
      }.`,
    suggest: (commands) =>
      `Je n'ai pas compris. Vouliez-vous dire ${commands.map((c) => `*${c}*`).join(" ou ")} ? ` +
      "Écrivez *menu* pour l'aide.",
    empty: "Écrivez *menu* pour voir ce que je sais faire.",
    tooLong: (limit) =>
      `Votre message est trop long (plus de ${thousands(limit)} caractères). ` +
      "Écrivez quelques mots, par exemple *chercher sahel*.",
    media:
      "Je ne lis que les messages écrits (pas les photos, audios ni autocollants). " +
      "Écrivez *menu* pour voir les commandes.",
    flood: (minutes) =>
      `Vous envoyez beaucoup de messages d'un coup. Je vous réponds de nouveau dans ${minutes} min, ` +
      "merci de patienter. *stop* reste toujours pris en compte.",
    sorry:
      "Désolé, un problème est survenu de notre côté. Réessayez dans un instant ou écrivez *menu*.",
    thanks: "Avec plaisir ! Écrivez *menu* à tout moment.",

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
      (max === 1 ? "Répondez *1* pour lire l'article" : `Choisissez un numéro entre 1 et ${max}`) +
      ", ou écrivez *dernières* pour une nouvelle liste.",
    pickMenu: (max) => `Répondez par un numéro du menu (1 à ${max}) ou écrivez *menu*.`,

    searchUsage:
      "Que cherchez-vous ? Écrivez *chercher* suivi de mots, ex. *chercher sahel russie*.",
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
    followUsage:
      "Quelle rubrique ? Exemple : *suivre politique*. Écrivez *rubriques* pour la liste.",
    unfollowUsage: "Quelle rubrique ? Exemple : *ne plus suivre politique*.",
    followed: (name, subscribed) => {
      // Several rubrics at once ("Sport, Économie"): their articles.
      const its = name.includes(", ") ? "leurs" : "ses";
      return (
        `Vous suivez maintenant *${name}*.` +
        (subscribed
          ? ` Vous recevrez ${its} nouveaux articles.`
          : ` Pour recevoir ${its} nouveaux articles, écrivez *abonner*.`)
      );
    },
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
          ? `Au plus ${f.alertsPerDay} alertes d'articles par jour (plus les alertes urgentes de la rédaction), ` +
            `jamais entre ${frenchHour(f.quietHours.start)} et ${frenchHour(f.quietHours.end)}. ` +
            "Vous préférez un résumé par jour ? Écrivez *mode quotidien*."
          : `Un résumé par jour à ${frenchHour(f.digestTime)}.`,
        "*stop* pour ne plus rien recevoir, à tout moment.",
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
        ? `Mode instantané : les alertes au fil de l'eau, au plus ${f.alertsPerDay} alertes d'articles par jour ` +
          `(plus les alertes urgentes de la rédaction), jamais entre ${frenchHour(f.quietHours.start)} et ` +
          `${frenchHour(f.quietHours.end)}.`
        : `Mode quotidien : un résumé chaque jour à ${frenchHour(f.digestTime)}.`) +
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
        `- Mode : ${d.mode === "instant" ? "instantané" : `quotidien à ${frenchHour(d.digestTime)}`}`,
        `- Langue : ${LANGUAGE_NAME[d.language]}`,
        "Nous ne gardons pas vos messages, seulement ceux que nous vous avons envoyés.",
        "Pour tout effacer : *supprimer mes données*.",
      ].join("\n"),
    myDataOptOutOnly: (number, stopped) =>
      [
        "*Ce que nous gardons sur vous*",
        `- Numéro : ${number}, avec la mention « ne plus rien envoyer » (depuis le ${stopped})`,
        "C'est tout. Écrivez *abonner* si vous revenez.",
      ].join("\n"),
    askStop: "Voulez-vous ne plus rien recevoir ? Répondez *STOP*. Pour l'aide, écrivez *menu*.",
    erased:
      "Vos données sont effacées. Nous gardons seulement votre numéro avec la mention « ne plus " +
      "rien envoyer », pour respecter votre choix. Écrivez *abonner* si vous revenez.",

    editorHelp: [
      "*Commandes éditeur*",
      "/articles [rubrique] [N] — les derniers articles, avec leur numéro",
      "/apercu ID — voir les messages avant publication",
      "/publier ID — chaîne + alertes (à sa date si elle est à venir ; /publier ID maintenant pour forcer)",
      "/programmer ID quand — ex. /programmer 12 demain 7h30",
      "/alerte texte — alerte urgente à tous les abonnés (confirmation par OUI)",
      "/diffusions — les diffusions et leur numéro",
      "/annuler N — annuler une diffusion",
      "/ignorer ID — ne pas envoyer un nouvel article (mode APPROVAL=on)",
      "/signalements — rumeurs et questions des lecteurs ; /repondre N texte ; /classer N",
      "/stats — chiffres d'envoi",
      "/pause — arrêter tous les envois (urgence)",
      "/reprendre — reprendre les envois",
    ].join("\n"),
    editorUsage: (command, ex) =>
      ({
        apercu: `Écrivez /apercu suivi du numéro de l'article, ex. /apercu ${ex.id} (/articles pour les numéros).`,
        publier: `Écrivez /publier suivi du numéro de l'article, ex. /publier ${ex.id}, ou /publier ${ex.id} maintenant pour ne pas attendre sa date (/articles pour les numéros).`,
        alerte:
          "Écrivez /alerte suivi du texte, ex. /alerte Coupure d'électricité à Bamako ce soir.",
        programmer: `Écrivez /programmer, le numéro de l'article et l'heure, ex. /programmer ${ex.id} ${ex.when}.`,
        annuler:
          ex.broadcast === null
            ? "Écrivez /annuler suivi du numéro de diffusion (aucune n'est en attente : /diffusions)."
            : `Écrivez /annuler suivi du numéro de diffusion, ex. /annuler ${ex.broadcast} (/diffusions pour la liste).`,
        ignorer: `Écrivez /ignorer suivi du numéro de l'article, ex. /ignorer ${ex.id}.`,
        articles:
          "Écrivez /articles, ou /articles politique 5 (une rubrique, un nombre de 1 à 20).",
      })[command] ?? "Écrivez /aide pour les commandes éditeur.",
    editorSuggest: (command) => `Commande inconnue. Vouliez-vous dire ${command} ? (/aide)`,
    editorArticleNotFound: (id) =>
      `Article ${id} introuvable. Vérifiez le numéro : /articles donne la liste.`,
    editorPreview: (id, status, channel, alert, next) =>
      [
        `*Aperçu de l'article ${id}* (${status})`,
        "",
        "— Chaîne —",
        channel,
        "",
        "— Alerte aux abonnés —",
        alert,
        "",
        next.kind === "draft"
          ? "Brouillon : publiez-le d'abord sur le site, il ne peut pas être envoyé."
          : next.kind === "scheduled"
            ? `Daté du ${next.at} : /publier ${id} le programme à cette heure, /publier ${id} maintenant l'envoie tout de suite.`
            : `Pour publier : /publier ${id}`,
      ].join("\n"),
    approvalAsk: (id, title) =>
      `Nouvel article n° ${id} « ${title} » — /publier ${id} ou /ignorer ${id}`,
    ignored: (id, title) =>
      `Article ${id} « ${title} » ignoré : il ne sera pas envoyé (/publier ${id} reste possible).`,
    etaPaused: "inconnue tant que les envois sont en pause",
    confirmAsk: (f) =>
      [
        f.kind === "alert"
          ? `*Alerte à tous les abonnés* : « ${f.label} »`
          : `L'article ${f.articleId} « ${f.label} » date du ${f.publishedAt} (plus de 48 h).`,
        f.readersFrom
          ? `Heures calmes : chaîne ${f.startsAt ? "à l'heure dite" : "maintenant"} · lecteurs : à ${f.readersFrom}.`
          : null,
        f.startsAt
          ? `Répondez OUI dans les ${f.minutes} min pour le programmer pour ${f.startsAt}, à ${audience(f.recipients, f.channel)}. NON pour abandonner.`
          : `Répondez OUI dans les ${f.minutes} min pour envoyer à ${audience(f.recipients, f.channel)}. NON pour abandonner.`,
      ]
        .filter((l) => l !== null)
        .join("\n"),
    declined: "C'est abandonné : rien n'a été envoyé.",
    articlesList: (rubric, lines) =>
      [
        rubric ? `*Articles · ${rubric}*` : "*Articles*",
        ...lines.map((l) => `n° ${l.id} · ${l.date} · ${STATE[l.state]} · ${l.title}`),
        "/apercu N pour voir, /publier N pour envoyer.",
      ].join("\n"),
    articlesNone: (rubric) =>
      rubric
        ? `Aucun article dans « ${rubric} ». /articles pour tous.`
        : "Aucun article enregistré.",
    broadcastsList: (lines) =>
      [
        "*Diffusions*",
        ...lines.map(
          (l) =>
            `n° ${l.id} · ${l.when} · ${BROADCAST_STATE[l.state]} · ${l.label}` +
            (l.total > 0 ? ` · ${thousands(l.sent)}/${thousands(l.total)} lecteurs` : "") +
            CHANNEL_STATE_FR[l.channel],
        ),
        "/annuler N pour annuler.",
      ].join("\n"),
    broadcastsNone: "Aucune diffusion pour l'instant. /publier ID pour en lancer une.",
    cancelled: (c) => {
      const removed = `${fr_(c.cancelled, "message")} retiré${c.cancelled > 1 ? "s" : ""} de la file`;
      return c.alreadySent === 0
        ? `Diffusion n° ${c.id} « ${c.label} » annulée : rien n'était parti` +
            (c.cancelled > 0 ? ` (${removed}).` : ".")
        : `Diffusion n° ${c.id} « ${c.label} » annulée : ${fr_(c.alreadySent, "message")} déjà envoyé${c.alreadySent > 1 ? "s" : ""} (chaîne comprise), ${removed}.`;
    },
    published: (id, title, r) =>
      (r.startsAt
        ? [
            `Article ${id} « ${title} » programmé pour ${r.startsAt}` +
              (r.embargo ? " (sa date de publication) : rien n'est envoyé avant." : "."),
            `Chaîne : ${r.channel ? "oui" : r.channelAlready ? "non (déjà publié)" : "non"} · ${fr_(r.recipients, "lecteur")} (nombre actuel) · durée d'envoi : ${r.eta}.`,
            ...r.alsoScheduled.map(
              (n) =>
                `Attention : déjà programmé (diffusion n° ${n}). /annuler ${n} pour n'en garder qu'une.`,
            ),
            r.embargo ? `Pour l'envoyer tout de suite : /publier ${id} maintenant.` : null,
            `Annuler : /annuler ${r.broadcastId}`,
          ]
        : nothingSent(r)
          ? [
              `Article ${id} « ${title} » : rien à envoyer (diffusion n° ${r.broadcastId}).`,
              receiptLine(r),
            ]
          : [
              `Article ${id} « ${title} » en file d'envoi (diffusion n° ${r.broadcastId}).`,
              receiptLine(r),
              stopLine(r),
            ]
      )
        .filter((l) => l !== null)
        .join("\n"),
    alerted: (r) =>
      [`Alerte en file d'envoi (diffusion n° ${r.broadcastId}).`, receiptLine(r), stopLine(r)].join(
        "\n",
      ),
    articleState: { draft: "brouillon", scheduled: "programmé", published: "publié" },
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
            `- ${b.label} : ${b.sent}/${b.total} lecteurs (${fr_(b.failed, "échec")})${CHANNEL_STATE_FR[b.channel]}, fin estimée ${b.eta}`,
        ),
        `Abonnés : ${s.subscribers.optedIn} (${s.subscribers.instant} en instantané, ${s.subscribers.daily} en quotidien), ${fr_(s.subscribers.stopped, "arrêté")}`,
        `Articles : ${fr_(s.articles.published, "publié")}, ${fr_(s.articles.scheduled, "programmé")}, ${fr_(s.articles.drafts, "brouillon")}`,
        ...(s.receipts ?? []),
      ].join("\n"),
    editorFailed: (reason) => `Échec : ${reason}`,
    approvalDeadline: (at, action) =>
      `Sans réponse d'ici ${at}, il sera ${action === "publish" ? "publié automatiquement" : "abandonné (jamais envoyé sans /publier)"}.`,
    approvalTimedOut: (id, title, action, minutes, broadcastId) =>
      action === "publish"
        ? `Article n° ${id} « ${title} » publié automatiquement : personne ne l'a traité en ${minutes} min (APPROVAL_TIMEOUT).${broadcastId === null ? "" : ` /annuler ${broadcastId} pour l'arrêter.`}`
        : `Article n° ${id} « ${title} » abandonné : personne ne l'a traité en ${minutes} min (APPROVAL_TIMEOUT). /publier ${id} reste possible.`,
  },
  article: {
    keyPoints: "Points clés",
    readMore: (url) => `Lire l'article : ${url}`,
    latestTitle: "Dernières informations",
    latestIn: (rubric) => `Dernières informations · ${rubric}`,
    noArticles: "Aucun article pour le moment.",
    readHint: "Répondez par un numéro (ex. *1*) pour lire l'article.",
    digestTitle: (date) => `Votre sélection du ${date}`,
    digestHint: "Répondez par un numéro pour lire l'article · *stop* pour ne plus rien recevoir.",
    alertPrefix: "🔔",
    breaking: "🔴 *ALERTE INFO*",
    writtenAt: (when) => `Écrite à ${when}, envoyée après les heures calmes`,
    followChannel: "Suivez l'information en direct sur notre chaîne WhatsApp",
    stopHint: "Pour ne plus rien recevoir (alertes et résumés) : *stop*",
  },
  operator: OPERATOR,
  delivery: DELIVERY,
  errors: ERRORS,
  tips: {
    thanks:
      "Merci, c'est noté : la rédaction va vérifier. Nous vous répondrons ici si nous avons une réponse — ce n'est pas toujours possible, ni immédiat.",
    thanksAgain:
      "Nous avons déjà votre message : la rédaction va vérifier. Inutile de le renvoyer, merci !",
    alreadyAnswered: (answer) => `Merci. La rédaction a déjà répondu à ce sujet :\n\n${answer}`,
    answerToReader: (their, answer) =>
      `*Réponse de la rédaction* à votre message « ${their} » :\n\n${answer}`,
    list: (lines, c) =>
      [
        `*Signalements* — ${c.open} à traiter, ${c.answered} répondu${c.answered > 1 ? "s" : ""}, ${c.closed} classé${c.closed > 1 ? "s" : ""}`,
        ...lines.map(
          (l) =>
            `n° ${l.id} · ${l.count}× (${l.readers} lecteur${l.readers > 1 ? "s" : ""}) · ${l.when}${l.status === "answered" ? " · répondu" : l.status === "closed" ? " · classé" : ""}${l.forwarded ? " · transféré" : ""}\n« ${l.text} »${l.from ? ` — ${l.from}` : ""}`,
        ),
        "Répondre : /repondre N texte · classer sans réponse : /classer N · /signalements frequents",
      ].join("\n"),
    none: (filter) =>
      filter === "open"
        ? "Aucun signalement à traiter. (/signalements tous pour voir les autres)"
        : "Aucun signalement.",
    usage: (command, id) => {
      const n = id ?? 1;
      if (command === "repondre") {
        return `Écrivez /repondre, le numéro du signalement et la réponse, ex. /repondre ${n} Non, le pont est ouvert : la mairie l'a confirmé ce matin.${id === null ? " (aucun signalement pour l'instant)" : ""}`;
      }
      if (command === "classer") {
        return `Écrivez /classer suivi du numéro du signalement, ex. /classer ${n} (/signalements pour la liste).`;
      }
      return "Écrivez /signalements, ou /signalements frequents, repondus, classes, tous, ou /signalements N pour un signalement en entier.";
    },
    notFound: (id) => `Aucun signalement n° ${id}. /signalements pour la liste.`,
    detail: (l, full, senders, answer) =>
      [
        `*Signalement n° ${l.id}* · ${l.count}× (${l.readers} lecteur${l.readers > 1 ? "s" : ""}) · ${l.status === "answered" ? "répondu" : l.status === "closed" ? "classé" : "à traiter"}`,
        `« ${full} »`,
        ...senders.map(
          (s) =>
            `- ${s.from} · ${s.when}${s.count > 1 ? ` · ${s.count}×` : ""}${s.answered ? " · réponse reçue" : ""} : « ${s.text} »`,
        ),
        ...(answer ? [`Réponse : ${answer}`] : []),
        `/repondre ${l.id} texte · /classer ${l.id}`,
      ].join("\n"),
    answered: (f) =>
      [
        `${f.replaced ? "Réponse remplacée" : "Réponse enregistrée"} (signalement n° ${f.id}).`,
        `Envoyée maintenant à ${f.now} lecteur${f.now > 1 ? "s (leur" : " (son"} message date de moins de 24 h).`,
        ...(f.later > 0
          ? [
              `${f.later} lecteur${f.later > 1 ? "s" : ""} nous ${f.later > 1 ? "ont" : "a"} écrit il y a plus de 24 h : WhatsApp n'autorise alors qu'un message modèle approuvé, la réponse partira donc à ${f.later > 1 ? "leur" : "son"} prochain message.`,
            ]
          : []),
        ...(f.stopped > 0
          ? [
              `${f.stopped} lecteur${f.stopped > 1 ? "s se sont désabonnés : rien ne leur est envoyé" : " s'est désabonné : rien ne lui est envoyé"}.`,
            ]
          : []),
      ].join("\n"),
    answerTooLong: (max) => `Réponse trop longue : ${max} caractères au plus. Raccourcissez-la.`,
    closed: (id, count) =>
      `Signalement n° ${id} classé sans réponse (${count} message${count > 1 ? "s" : ""}). S'il revient, il repasse « à traiter ».`,
  },
  desk: DESK,
  commandLine: COMMAND_LINE,
} satisfies Catalogue;
