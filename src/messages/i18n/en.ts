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
const thousands = (n: number) => formatThousands(n, ",");
/** English counts only 1 as singular. */
const en_ = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const LANGUAGE_NAME = { fr: "French", en: "English" } as const;

const CHANNEL_STATE_EN = {
  none: "",
  waiting: " · Channel: waiting",
  sent: " · Channel: sent",
  failed: " · Channel: failed",
  cancelled: " · Channel: cancelled",
} as const;

const OPERATOR: OperatorWords = {
  progress: (p) =>
    `${p.sent}/${p.total} readers${p.failed > 0 ? ` (${p.failed} not sent)` : ""}${CHANNEL_STATE_EN[p.channel]} — ` +
    (p.cancelled > 0
      ? `cancelled (${p.cancelled} will not go)`
      : p.done
        ? "done"
        : `ends around ${p.end} (${p.eta})`),
  sendingState: {
    paused: "broadcasts PAUSED, replies active (resume: npm run cli -- resume, or /reprendre)",
    stopped: "stopped: no process is sending (start the bot: npm start)",
    active: "active",
    waiting: "waiting for WhatsApp (disconnected, resuming automatically)",
  },
  sendingLine: (state) => `Sending: ${state}`,
  todayLine: (t) =>
    `Today: ${t.sent} sent, ${t.queued} queued, ${t.failed} retrying, ${t.dead} given up`,
  readersLine: (s) =>
    `Readers: ${s.optedIn} subscribed (${s.instant} alerts, ${s.daily} daily digest), ${s.stopped} unsubscribed`,
  runningLine: (id, label, progress) => `Broadcast #${id} "${label}": ${progress}`,
  scheduledLine: (id, label, at) =>
    `Scheduled #${id} "${label}": ${at} (cancel: npm run cli -- cancel ${id})`,
  now: "now",
  receiptWho: (channel, recipients, count) =>
    `${channel ? "Channel post + " : ""}${count} reader${recipients === 1 ? "" : "s"}`,
  receiptScheduled: (id, at, who) =>
    `Broadcast #${id} scheduled for ${at}: ${who} (current count).`,
  receiptQueued: (id, who) => `Broadcast #${id} queued: ${who}.`,
  receiptEnd: (end, sending) =>
    `Estimated end around ${end} (sending: ${sending} at the current pace).`,
  receiptPaused: "Warning: sending is PAUSED. Resume: npm run cli -- resume",
  receiptNoSender:
    "Warning: no process is sending. The messages will go when the bot starts (npm start).",
  receiptCancel: (id) => `Cancel: npm run cli -- cancel ${id}`,
  receiptEmbargo: (id) =>
    `The article is dated then: nothing goes before. To send it now: npm run cli -- broadcast ${id} --now`,
  receiptQuiet: (at) => `Channel: now · readers: at ${at} (quiet hours).`,
  receiptAlsoScheduled: (ids) =>
    `Warning: this article was already scheduled (broadcast ${ids.map((i) => `#${i}`).join(", ")}). Cancel one: npm run cli -- cancel ${ids[0]}`,
  confirmWithYes:
    "Confirmation needed and no terminal to answer it: nothing was sent. Run again with --yes to confirm.",
  confirmPrompt: "Send it? (yes/no) ",
  cancelled: (id, cancelled, alreadySent) =>
    `Broadcast #${id} cancelled: ${cancelled} message(s) will not go, ${alreadySent} already sent.`,
};

const ERRORS: ErrorWords = {
  ARTICLE_NOT_FOUND: ({ id }) =>
    `Article ${id} not found. Check the number (list: "latest" or cli articles).`,
  ARTICLE_IS_DRAFT: ({ id }) =>
    `Article ${id} is a draft: publish it on the website before sending it.`,
  ALERT_EMPTY: () => "The alert text is empty: write e.g. /alerte Power cut in Bamako tonight.",
  ALERT_TOO_LONG: ({ length, max }) =>
    `Alert too long (${thousands(length)} characters): ${thousands(max)} at most, for small data plans. Shorten it.`,
  CONFIRMATION_NONE: () =>
    "Nothing to confirm right now: no broadcast is waiting for your YES. /aide for the commands.",
  CONFIRMATION_EXPIRED: ({ kind, articleId, minutes }) =>
    `Too late: the request was valid for ${minutes} min only. Nothing was sent. ` +
    (kind === "publish"
      ? `Start again: /publier ${articleId}`
      : kind === "schedule"
        ? `Start again: /programmer ${articleId} and the time`
        : "Start again: /alerte and the text"),
  BROADCAST_NOT_FOUND: ({ id }) => `Broadcast #${id} not found. /diffusions lists the numbers.`,
  BROADCAST_FINISHED: ({ id, state }) =>
    `Broadcast #${id} is already ${state === "cancelled" ? "cancelled" : "finished"}: nothing to cancel.`,
  WHEN_INVALID: ({ text, example }) =>
    `I can't read the date "${text}". Write e.g. ${example} (newsroom time).`,
  WHEN_PAST: ({ at, example }) => `${at} is already past. Choose a time to come, e.g. ${example}.`,
};

const STATE = {
  draft: "draft",
  scheduled: "scheduled",
  published: "published",
  sent: "already sent",
} as const;
const BROADCAST_STATE = {
  scheduled: "scheduled",
  running: "sending",
  done: "done",
  cancelled: "cancelled",
} as const;
/** "1,250 readers and the Channel", "1 reader", "the Channel only". */
const audience = (recipients: number, channel: boolean) =>
  recipients === 0 && channel
    ? "the Channel only (no subscribed reader concerned)"
    : `${thousands(recipients)} reader${recipients === 1 ? "" : "s"}${channel ? " and the Channel" : ""}`;

/** "Channel: yes · 42 readers · estimated end: ~28 min.", quiet hours said as such. */
function receiptLine(r: ReceiptFacts): string {
  const readers =
    r.recipients === 0
      ? `0 readers (${
          r.zeroReason === "capped"
            ? "all reached today's alert limit"
            : r.zeroReason === "already"
              ? "all already got this article"
              : r.zeroReason === "unsubscribed"
                ? "no reader subscribed to alerts"
                : "nobody follows these rubrics"
        })`
      : en_(r.recipients, "reader");
  const channel = r.channelAlready ? "no (already posted)" : "no";
  if (nothingSent(r)) return `Channel: ${channel} · ${readers}.`;
  if (r.readersFrom) {
    return (
      `Channel: ${r.channel ? "now" : channel} · readers: at ${r.readersFrom} (quiet hours) · ` +
      `${readers} · estimated end: ${r.eta}.`
    );
  }
  return `Channel: ${r.channel ? "yes" : channel} · ${readers} · estimated end: ${r.eta}.`;
}
/** A broadcast that queued nothing: no Channel post, no reader. */
const nothingSent = (r: ReceiptFacts) => !r.channel && r.recipients === 0;
function stopLine(r: ReceiptFacts): string {
  return r.paused
    ? "Warning: broadcasts are paused (/reprendre)."
    : `/annuler ${r.broadcastId} to stop it, /pause to stop everything.`;
}

const DELIVERY: DeliveryWords = {
  receipts: (sent, delivered, read, count) =>
    `${count(sent)} sent · ${count(delivered)} delivered · ${count(read)} read`,
  todayHead: "Today's broadcasts",
  labelled: (label, text) => `${label}: ${text}`,
  guardWhy: {
    spamRate:
      "Meta is limiting the number (131048: too many messages reported or ignored by readers)",
    notDelivered: "Meta refuses to deliver many messages (131049: engagement too low)",
    undeliverable: "many messages could not be delivered (131026)",
    auth: "the WhatsApp API refuses the token (CLOUD_API_TOKEN)",
  },
  guardSpike: (why, times, minutes) => `${why}: ${times} in ${minutes} min`,
  guardLoggedOut: (reason) => `WhatsApp Web: session closed (${reason})`,
  guardPaused: (why) =>
    `⚠️ Broadcasts paused automatically: ${why}. Replies to readers go on. Check the number's quality (Meta Business Manager), then /reprendre.`,
  guardRestricted: "Meta blocked or restricted the WhatsApp Business account (368 or 131031)",
  guardRefused: "many messages refused for good by WhatsApp",
  guardBlocked: (state) =>
    `WhatsApp Web: the number is blocked or no longer linked to the phone (${state})`,
  channelMissing: (attempt, excerpt) =>
    attempt === 1
      ? `⚠️ The post “${excerpt}” does not appear in the Channel: it is sent once more.`
      : `⚠️ Sent again, the post “${excerpt}” still does not appear in the Channel. Open the Channel in WhatsApp: is the bot's number still an admin? Post it by hand if needed.`,
  budgetWarmUp: (sent, ceiling) =>
    `Number warm-up: ${sent} alerts and digests of ${ceiling} allowed today`,
  budgetCold: (cold, cap, postponed) =>
    `Long-silent readers: ${cold} first messages of ${cap} allowed today` +
    (postponed === "0" ? "" : `, ${postponed} moved to tomorrow`),
  warmUpLater: (days) =>
    `Number warm-up: part of it goes ${days === 1 ? "tomorrow" : `in ${days} days`} (today's ceiling)`,
};

const DESK: DeskWords = {
  title: (newsroom) => `${newsroom} · desk`,
  nav: {
    articles: "Articles",
    broadcasts: "Broadcasts",
    pairing: "Pairing",
    reach: "Reach",
    tips: "Tips",
    audit: "Audit log",
    tryIt: "Try it",
  },
  otherLanguage: "Français",
  signedInAs: (phone) => `Signed in: ${phone}`,
  signOut: "Sign out",
  notFound: "This page does not exist (yet).",
  csrfRefused:
    "Form refused: it expired or did not come from the desk. Reload the page and try again.",
  signInNeeded: "Sign in first.",
  serverError: "Internal error: nothing was done. The bot's logs say more.",
  back: "Back",
  signInTitle: "Sign in to the desk",
  signInIntro:
    "Type your editor's number (the one in EDITORS): a one-time code is sent to you on WhatsApp.",
  phoneLabel: "Your WhatsApp number",
  sendCode: "Send me a code",
  phoneInvalid: (text) =>
    `"${text}" is not a phone number: write it with the country code, e.g. +223 70 00 00 00.`,
  codeSent: (phone, minutes) =>
    `If ${phone} is an editor's number, a code was just sent to it on WhatsApp (valid ${minutes} min).`,
  codeLabel: "Code received",
  signIn: "Sign in",
  codeWrong: (left) =>
    `Wrong code. ${left > 1 ? `${left} tries left` : "Last try"} before this number is locked.`,
  codeExpired: "This code expired or was already used: ask for a new one.",
  locked: (minutes) =>
    `Too many wrong codes: sign-in for this number is locked for ${minutes} min.`,
  tooManyCodes: (minutes) =>
    `Several codes were just sent to this number: wait ${minutes} min before asking for another.`,
  codeMessage: (code, minutes) =>
    `Desk sign-in code: *${code}* (valid ${minutes} min). If you did not ask for it, ignore this message.`,
  linkTitle: "Sign-in link",
  linkIntro: "This one-time link opens a session in this browser.",
  linkInvalid: "This link expired or was already used: make another (npm run cli -- desk-link).",
  signedOut: "You are signed out.",
  noEditors:
    "No editor is declared: add EDITORS=+223… to .env, or open a link from npm run cli -- desk-link.",
  searchLabel: "Search",
  searchPlaceholder: "words of the title or text",
  rubricLabel: "Topic",
  rubricAll: "All",
  filter: "Show",
  columns: { id: "No.", date: "Date", title: "Title", rubrics: "Topics", state: "State" },
  articleState: {
    draft: "draft",
    future: "dated in the future",
    scheduled: "broadcast scheduled",
    published: "published, not broadcast yet",
    sent: "broadcast",
  },
  articlesNone: "No articles.",
  searchNone: (q) => `No article contains "${q}".`,
  older: "Older →",
  articleNotFound: (id) => `No article no. ${id}.`,
  previewChannel: "On the Channel",
  previewAlert: (language) => `Alert to the topic's followers (${language})`,
  publishNow: "Publish now",
  futureNote: (at) =>
    `Article dated ${at}: "Publish now" schedules it for that time (its embargo).`,
  publishForce: "Publish right away, before its date",
  draftNote: "Draft: it cannot be published until it is marked published.",
  scheduleLabel: (tz) => `Schedule for (${tz} time)`,
  schedule: "Schedule",
  ignore: "Ignore",
  ignoredNotice: (id) => `Article no. ${id} ignored: it will not be broadcast (logged).`,
  approvalNote: "Approval mode: this article waits for an editor to publish or ignore it.",
  confirmTitle: "Confirmation",
  confirmQuestion: (f) =>
    `${f.kind === "alert" ? `Alert "${f.label}"` : `Article no. ${f.articleId} "${f.label}"${f.publishedAt ? `, published ${f.publishedAt}` : ""}`}: ${f.startsAt ? `schedule for ${f.startsAt}, to` : "send to"} ${f.recipients} reader${f.recipients === 1 ? "" : "s"}${f.channel ? " and the Channel" : ""}${f.readersFrom ? ` (readers from ${f.readersFrom}, quiet hours)` : ""}? This question expires in ${f.minutes} min.`,
  confirmYes: "Yes, send",
  confirmYesSchedule: "Yes, schedule",
  confirmNo: "No, send nothing",
  declined: "Nothing was sent.",
  receiptTitle: "Broadcast receipt (as it reaches the phone)",
  runningTitle: "Running",
  scheduledTitle: "Scheduled",
  historyTitle: "History",
  noneRunning: "No broadcast running.",
  noneScheduled: "No broadcast scheduled.",
  noneHistory: "No broadcast yet.",
  pause: "Pause everything",
  pauseConfirm: "Pause ALL broadcasts (Channel, alerts, digests)? Replies to readers keep going.",
  resume: "Resume sending",
  resumeConfirm: "Resume every waiting broadcast?",
  pausedBanner:
    "Broadcasts PAUSED: Channel, alerts and digests wait. Replies to readers keep going.",
  activeBanner: "Broadcasts active.",
  noSender:
    "No process is sending: the bot is stopped or WhatsApp is disconnected. Messages go when it is back.",
  cancel: "Cancel",
  cancelConfirm: (id) => `Cancel broadcast no. ${id}? Nothing not yet sent will go.`,
  cancelledNotice: (id, cancelled, sent) =>
    `Broadcast no. ${id} cancelled: ${cancelled} message${cancelled === 1 ? "" : "s"} will not go, ${sent} already sent.`,
  progress: (p) =>
    `${p.sent}/${p.total} readers${p.failed > 0 ? ` (${p.failed} not sent)` : ""}${CHANNEL_STATE_EN[p.channel]} — ` +
    (p.cancelled > 0 ? "cancelled" : p.done ? "done" : `estimated end ${p.eta}`),
  broadcastState: {
    scheduled: "scheduled",
    running: "running",
    done: "done",
    cancelled: "cancelled",
  },
  broadcastColumns: {
    id: "No.",
    when: "When",
    label: "Broadcast",
    state: "State",
    sent: "sent",
    delivered: "received",
    read: "read",
  },
  pairingStatus: {
    connected: "WhatsApp is connected.",
    qr: "Waiting: scan the QR with the bot number's phone.",
    starting: "WhatsApp is starting…",
    unreachable: "WhatsApp is unreachable.",
  },
  transportLabel: (name) => `Transport: ${name}`,
  scanHelp:
    "On the bot's phone: WhatsApp > Linked devices > Link a device, then aim at this QR. It changes about every 20 seconds: the page follows.",
  noQrYet: "No QR yet: it shows here as soon as WhatsApp Web gives it.",
  pairingCodeTitle: "Or with a pairing code",
  pairingCodeHelp:
    "Without a camera: type the bot's number, then enter the 8-character code in WhatsApp > Linked devices > Link with phone number.",
  pairingCodeAsk: "Get a code",
  pairingCodeShow: (code) => `Pairing code: ${code}`,
  pairingCodeFailed: (reason) => `No pairing code: ${reason}`,
  checksTitle: "Checks (doctor)",
  noPairingSource: "This transport does not pair with a QR (Cloud API or simulator).",
  // Journal
  journal: {
    intro: "Every editor action (phone, desk, CLI, simulator) and every refusal, newest first.",
    actorLabel: "Who (end of the number)",
    viaLabel: "Via",
    viaAll: "all",
    actionLabel: "Action (or its start)",
    fromLabel: "From",
    toLabel: "To (included)",
    columns: {
      when: "When",
      who: "Who",
      via: "Via",
      action: "Action",
      target: "Target",
      outcome: "Outcome",
      detail: "Detail",
    },
    outcome: { ok: "done", refused: "refused", error: "error" },
    none: "No journal entry matches these filters.",
    older: "Older entries",
    newest: "Back to the newest",
    badDate: (text) =>
      `Unreadable date "${text}": expected YYYY-MM-DD (e.g. 2026-12-01). This filter is ignored.`,
    badActor: (text) =>
      `"${text}" is not the end of a number: type digits (e.g. 0009). This filter is ignored.`,
  },
  // Audience
  reach: {
    intro: (days) =>
      `The last ${days} days, day by day in the newsroom's time zone. Readers' numbers appear nowhere: only counts.`,
    readersTitle: "Readers",
    rubricLabel: "Topic",
    allReaders: "The whole service (subscribe / stop)",
    show: "Show",
    day: "Day",
    active: "Subscribed",
    subscribed: "New",
    stopped: "Stopped",
    sentTitle: "Messages sent per day",
    kinds: {
      reply: "Replies",
      notice: "Notices",
      channel: "Channel",
      alert: "Alerts",
      digest: "Digests",
    },
    total: "Total",
    ratesTitle: "Delivery and read rates per broadcast",
    rateColumns: {
      broadcast: "Broadcast",
      when: "When",
      sent: "Sent",
      delivered: "Delivered",
      read: "Read",
    },
    channelTitle: "Channel posts",
    channelColumns: { when: "When", label: "Post", state: "State" },
    channelState: { queued: "queued", sent: "posted", failed: "failed", cancelled: "cancelled" },
    noChannel: "No Channel post yet.",
    feedsTitle: "Feeds' health",
    feedColumns: {
      feed: "Feed",
      state: "State",
      lastSuccess: "Last success",
      failures: "Failures in a row",
      articles: "Articles",
      error: "Last error",
    },
    feedState: { ok: "healthy", failing: "failing", disabled: "disabled", never: "never read" },
    noFeeds: "No feed: add some with FEEDS in .env or npm run cli -- feeds add <url>.",
    noBroadcasts: "No broadcast sent yet.",
    never: "never",
    tablesNote: "The charts are drawn with JavaScript; the same figures are in the tables.",
    daysLabel: "Days",
  },
  // Try it
  tryIt: {
    intro: (database) =>
      `Try the bot before pairing a phone: write as a reader or as an editor. Everything happens in a separate database (${database}): nothing is sent on WhatsApp and the real database is never touched.`,
    asLabel: "Write as",
    asReader: "a reader",
    asEditor: "an editor",
    messageLabel: "Message",
    placeholder: "e.g. menu, latest, follow politics",
    send: "Send",
    reset: "Clear the conversation",
    resetDone: "Conversation cleared.",
    you: "You",
    bot: "The bot",
    channel: "Channel",
    empty: 'Write "menu" to start.',
    unavailable: "The simulator is not wired into this server.",
    tooLong: (max) => `Message too long: ${max} characters at most.`,
  }, // Tips
  tipsPage: {
    intro:
      "Rumours to check, questions, forwarded messages: the same tip from several readers counts once. The answer goes to each of them, in their language.",
    filters: {
      open: "To handle",
      frequent: "Most frequent",
      answered: "Answered",
      closed: "Closed",
      all: "All",
    },
    columns: {
      id: "No.",
      when: "Last received",
      text: "Tip",
      count: "Messages",
      from: "First reader",
      state: "State",
    },
    state: { open: "to handle", answered: "answered", closed: "closed" },
    counts: (open, answered, closed) =>
      `${open} to handle · ${answered} answered · ${closed} closed`,
    forwarded: "forwarded",
    messages: (count, readers) =>
      `${count} message${count === 1 ? "" : "s"} from ${readers} reader${readers === 1 ? "" : "s"}`,
    none: "No tip here yet.",
    notFound: (id) => `No tip no. ${id}.`,
    sendersTitle: "Readers who sent it",
    answerTitle: "Answer",
    answerLabel: (max) => `Your answer (${max} characters at most)`,
    answerHelp:
      "It goes now to readers who wrote in the last 24 h, to the others with their next message; nothing to those who said stop.",
    answer: "Send the answer",
    answerConfirm: (readers) => `Send this answer to ${readers} reader${readers === 1 ? "" : "s"}?`,
    answerEmpty: "Write an answer before sending.",
    close: "Close without answering",
    closeConfirm: "Close this tip without answering?",
    currentAnswer: (by, at) => `Answer sent by ${by} on ${at}:`,
    older: "Older",
  },
  bodyTooLarge: (maxKb) =>
    `Form refused: more than ${maxKb} kB sent. The desk's forms are far shorter: shorten the text and try again.`,
};

const COMMAND_LINE: CommandLineWords = {
  titles: {
    usage: "Usage:",
    arguments: "Arguments:",
    options: "Options:",
    commands: "Commands:",
    globalOptions: "Global Options:",
  },
  commandPlaceholder: "[command]",
  helpOption: "display help for command",
  helpCommand: "display help for command",
  helpCommandArgument: "[command]",
  defaultValue: (v) => `default: ${v}`,
  choices: (list) => `choices: ${list}`,
  preset: (v) => `preset: ${v}`,
  env: (name) => `env: ${name}`,
  error: "error:",
  didYouMean: (s) => `(Did you mean ${s}?)`,
  unknownOption: (flag) => `unknown option '${flag}'`,
  unknownCommand: (name) => `unknown command '${name}'`,
  missingArgument: (name, description) =>
    description === ""
      ? `missing required argument '${name}'`
      : `missing required argument '${name}' (${description})`,
  optionMissingArgument: (flags) => `option '${flags}' argument missing`,
  missingMandatoryOption: (flags) => `required option '${flags}' not specified`,
  excessArguments: (command, expected, received) =>
    `too many arguments${command ? ` for '${command}'` : ""}. Expected ${expected} argument${expected === 1 ? "" : "s"} but got ${received}.`,
  conflictingOption: (a, b) => `${a} cannot be used with ${b}`,
  invalidOptionValue: (flags, value) => `option '${flags}' argument '${value}' is invalid.`,
  invalidArgumentValue: (name, value) => `argument '${name}' value '${value}' is invalid.`,
  allowedChoices: (list) => `Allowed choices are ${list}.`,
  seeHelp: "(add --help for additional information)",
};

export const en = {
  locale: "en-GB",
  thousands: ",",
  languageName: LANGUAGE_NAME,
  underAMinute: "under a minute",
  replies: {
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
    unknown: (text, subscribed) =>
      `I did not understand "${text}". Write *menu* to see what I can do${
        subscribed ? ", or *stop* to receive nothing more" : ""
      }.`,
    suggest: (commands) =>
      `I did not understand. Did you mean ${commands.map((c) => `*${c}*`).join(" or ")}? ` +
      "Write *menu* for help.",
    empty: "Write *menu* to see what I can do.",
    tooLong: (limit) =>
      `Your message is too long (over ${thousands(limit)} characters). ` +
      "Write a few words, e.g. *search sahel*.",
    media:
      "I only read written messages (no photos, audio or stickers). Write *menu* for the commands.",
    flood: (minutes) =>
      `You are sending many messages at once. I will answer again in ${minutes} min, thank you for waiting. ` +
      "*stop* always works.",
    sorry: "Sorry, something went wrong on our side. Try again in a moment or write *menu*.",
    thanks: "You are welcome! Write *menu* any time.",

    latestNone: (rubric) =>
      rubric
        ? `No recent article in "${rubric}". Write *topics* to see the themes.`
        : "No article yet. Please come back a little later.",
    badCount: (max) => `The number of articles goes from 1 to ${max}. Example: *latest 5*.`,
    capped: (max) => `(${max} at most)`,
    readUsage: "Write *read* and the article's number, e.g. *read 1*. Write *latest* for the list.",
    articleNotFound: (n) => `I cannot find article no. ${n}. Write *latest* for the current list.`,
    pickInRange: (max) =>
      (max === 1 ? "Reply *1* to read the article" : `Choose a number from 1 to ${max}`) +
      ", or write *latest* for a new list.",
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
    followed: (name, subscribed) => {
      const its = name.includes(", ") ? "their" : "its";
      return (
        `You now follow *${name}*.` +
        (subscribed
          ? ` You will get ${its} new articles.`
          : ` To get ${its} new articles, write *subscribe*.`)
      );
    },
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
          ? `At most ${f.alertsPerDay} article alerts a day (plus the newsroom's urgent alerts), never between ` +
            `${f.quietHours.start} and ${f.quietHours.end}. Would you rather have one summary a day? Write *mode daily*.`
          : `One summary a day at ${f.digestTime}.`,
        "*stop* to receive nothing more, at any time.",
      ].join("\n"),
    stopped:
      "Done: you will receive nothing more from us. Write *subscribe* to come back any time.",
    stopUnfollowHint: (name) =>
      `You no longer follow *${name}*. To receive nothing at all, write *stop* alone.`,

    modeUsage:
      "Write *mode instant* (alerts as they come) or *mode daily 07:00* (one summary a day, at the time you choose).",
    badTime: "I did not understand the time. Example: *mode daily 07:30*.",
    modeSet: (mode, f, subscribed) =>
      (mode === "instant"
        ? `Instant mode: alerts as they come, at most ${f.alertsPerDay} article alerts a day (plus the ` +
          `newsroom's urgent alerts), never between ${f.quietHours.start} and ${f.quietHours.end}.`
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
        `- Language: ${LANGUAGE_NAME[d.language]}`,
        "We do not keep your messages, only those we sent you.",
        "To erase everything: *delete my data*.",
      ].join("\n"),
    myDataOptOutOnly: (number, stopped) =>
      [
        "*What we keep about you*",
        `- Number: ${number}, marked "send nothing" (since ${stopped})`,
        "That is all. Write *subscribe* if you come back.",
      ].join("\n"),
    askStop: "Do you want to receive nothing more? Reply *STOP*. For help, write *menu*.",
    erased:
      'Your data is erased. We only keep your number marked "send nothing", to respect your ' +
      "choice. Write *subscribe* if you come back.",

    editorHelp: [
      "*Editor commands*",
      "/articles [rubric] [N] — the latest articles, with their numbers",
      "/apercu ID — preview the messages before publishing",
      "/publier ID — Channel + alerts (at its date if still to come; /publier ID maintenant to force)",
      "/programmer ID when — e.g. /programmer 12 demain 7h30",
      "/alerte text — breaking alert to all subscribers (confirm with YES)",
      "/diffusions — the broadcasts and their numbers",
      "/annuler N — cancel a broadcast",
      "/ignorer ID — do not send a new article (APPROVAL=on mode)",
      "/signalements — readers' rumours and questions; /repondre N text; /classer N",
      "/stats — sending figures",
      "/pause — stop all sending (emergency)",
      "/reprendre — resume sending",
    ].join("\n"),
    editorUsage: (command, ex) =>
      ({
        apercu: `Write /apercu and the article's number, e.g. /apercu ${ex.id} (/articles for the numbers).`,
        publier: `Write /publier and the article's number, e.g. /publier ${ex.id}, or /publier ${ex.id} maintenant not to wait for its date (/articles for the numbers).`,
        alerte: "Write /alerte and the text, e.g. /alerte Power cut in Bamako tonight.",
        programmer: `Write /programmer, the article's number and the time, e.g. /programmer ${ex.id} ${ex.when}.`,
        annuler:
          ex.broadcast === null
            ? "Write /annuler and the broadcast number (none is waiting: /diffusions)."
            : `Write /annuler and the broadcast number, e.g. /annuler ${ex.broadcast} (/diffusions for the list).`,
        ignorer: `Write /ignorer and the article's number, e.g. /ignorer ${ex.id}.`,
        articles: "Write /articles, or /articles politique 5 (a rubric, a number from 1 to 20).",
      })[command] ?? "Write /aide for the editor commands.",
    editorSuggest: (command) => `Unknown command. Did you mean ${command}? (/aide)`,
    editorArticleNotFound: (id) =>
      `Article ${id} not found. Check the number: /articles lists them.`,
    editorPreview: (id, status, channel, alert, next) =>
      [
        `*Preview of article ${id}* (${status})`,
        "",
        "— Channel —",
        channel,
        "",
        "— Alert to subscribers —",
        alert,
        "",
        next.kind === "draft"
          ? "Draft: publish it on the website first, it cannot be sent."
          : next.kind === "scheduled"
            ? `Dated ${next.at}: /publier ${id} schedules it for then, /publier ${id} maintenant sends it now.`
            : `To publish: /publier ${id}`,
      ].join("\n"),
    approvalAsk: (id, title) => `New article #${id} "${title}" — /publier ${id} or /ignorer ${id}`,
    ignored: (id, title) =>
      `Article ${id} "${title}" ignored: it will not be sent (/publier ${id} is still possible).`,
    etaPaused: "unknown while sending is paused",
    confirmAsk: (f) =>
      [
        f.kind === "alert"
          ? `*Alert to all subscribers*: "${f.label}"`
          : `Article ${f.articleId} "${f.label}" is dated ${f.publishedAt} (over 48 h old).`,
        f.readersFrom
          ? `Quiet hours: Channel ${f.startsAt ? "at that time" : "now"} · readers: at ${f.readersFrom}.`
          : null,
        f.startsAt
          ? `Reply YES (or OUI) within ${f.minutes} min to schedule it for ${f.startsAt}, to ${audience(f.recipients, f.channel)}. NO to drop it.`
          : `Reply YES (or OUI) within ${f.minutes} min to send it to ${audience(f.recipients, f.channel)}. NO to drop it.`,
      ]
        .filter((l) => l !== null)
        .join("\n"),
    declined: "Dropped: nothing was sent.",
    articlesList: (rubric, lines) =>
      [
        rubric ? `*Articles · ${rubric}*` : "*Articles*",
        ...lines.map((l) => `#${l.id} · ${l.date} · ${STATE[l.state]} · ${l.title}`),
        "/apercu N to preview, /publier N to send.",
      ].join("\n"),
    articlesNone: (rubric) =>
      rubric ? `No articles in "${rubric}". /articles for all.` : "No articles stored.",
    broadcastsList: (lines) =>
      [
        "*Broadcasts*",
        ...lines.map(
          (l) =>
            `#${l.id} · ${l.when} · ${BROADCAST_STATE[l.state]} · ${l.label}` +
            (l.total > 0 ? ` · ${thousands(l.sent)}/${thousands(l.total)} readers` : "") +
            CHANNEL_STATE_EN[l.channel],
        ),
        "/annuler N to cancel.",
      ].join("\n"),
    broadcastsNone: "No broadcasts yet. /publier ID starts one.",
    cancelled: (c) => {
      const removed = `${en_(c.cancelled, "message")} taken off the queue`;
      return c.alreadySent === 0
        ? `Broadcast #${c.id} "${c.label}" cancelled: nothing had gone` +
            (c.cancelled > 0 ? ` (${removed}).` : ".")
        : `Broadcast #${c.id} "${c.label}" cancelled: ${en_(c.alreadySent, "message")} already sent (Channel included), ${removed}.`;
    },
    published: (id, title, r) =>
      (r.startsAt
        ? [
            `Article ${id} "${title}" scheduled for ${r.startsAt}` +
              (r.embargo ? " (its publication date): nothing goes before." : "."),
            `Channel: ${r.channel ? "yes" : r.channelAlready ? "no (already posted)" : "no"} · ${en_(r.recipients, "reader")} (current count) · sending time: ${r.eta}.`,
            ...r.alsoScheduled.map(
              (n) =>
                `Warning: already scheduled (broadcast #${n}). /annuler ${n} to keep only one.`,
            ),
            r.embargo ? `To send it right now: /publier ${id} maintenant.` : null,
            `Cancel: /annuler ${r.broadcastId}`,
          ]
        : nothingSent(r)
          ? [
              `Article ${id} "${title}": nothing to send (broadcast #${r.broadcastId}).`,
              receiptLine(r),
            ]
          : [
              `Article ${id} "${title}" queued (broadcast #${r.broadcastId}).`,
              receiptLine(r),
              stopLine(r),
            ]
      )
        .filter((l) => l !== null)
        .join("\n"),
    alerted: (r) =>
      [`Alert queued (broadcast #${r.broadcastId}).`, receiptLine(r), stopLine(r)].join("\n"),
    articleState: { draft: "draft", scheduled: "scheduled", published: "published" },
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
          (b) =>
            `- ${b.label}: ${b.sent}/${b.total} readers (${b.failed} failed)${CHANNEL_STATE_EN[b.channel]}, estimated end ${b.eta}`,
        ),
        `Subscribers: ${s.subscribers.optedIn} (${s.subscribers.instant} instant, ${s.subscribers.daily} daily), ${s.subscribers.stopped} stopped`,
        `Articles: ${s.articles.published} published, ${s.articles.scheduled} scheduled, ${en_(s.articles.drafts, "draft")}`,
        ...(s.receipts ?? []),
      ].join("\n"),
    editorFailed: (reason) => `Failed: ${reason}`,
    approvalDeadline: (at, action) =>
      `Without an answer by ${at}, it will be ${action === "publish" ? "published automatically" : "dropped (never sent without /publier)"}.`,
    approvalTimedOut: (id, title, action, minutes, broadcastId) =>
      action === "publish"
        ? `Article #${id} "${title}" published automatically: nobody handled it within ${minutes} min (APPROVAL_TIMEOUT).${broadcastId === null ? "" : ` /annuler ${broadcastId} to stop it.`}`
        : `Article #${id} "${title}" dropped: nobody handled it within ${minutes} min (APPROVAL_TIMEOUT). /publier ${id} is still possible.`,
  },
  article: {
    keyPoints: "Key points",
    readMore: (url) => `Read the article: ${url}`,
    latestTitle: "Latest news",
    latestIn: (rubric) => `Latest news · ${rubric}`,
    noArticles: "No articles yet.",
    readHint: "Reply with a number (e.g. *1*) to read the article.",
    digestTitle: (date) => `Your news for ${date}`,
    digestHint: "Reply with a number to read the article · *stop* to receive nothing more.",
    alertPrefix: "🔔",
    breaking: "🔴 *BREAKING NEWS*",
    writtenAt: (when) => `Written at ${when}, sent after the quiet hours`,
    followChannel: "Follow the news live on our WhatsApp Channel",
    stopHint: "To receive nothing more (alerts and summaries): *stop*",
  },
  operator: OPERATOR,
  delivery: DELIVERY,
  errors: ERRORS,
  tips: {
    thanks:
      "Thanks, noted: the newsroom will check. We will answer here if we have an answer — that is not always possible, nor immediate.",
    thanksAgain:
      "We already have your message: the newsroom will check. No need to send it again, thanks!",
    alreadyAnswered: (answer) => `Thanks. The newsroom has already answered this:\n\n${answer}`,
    answerToReader: (their, answer) =>
      `*The newsroom's answer* to your message “${their}”:\n\n${answer}`,
    list: (lines, c) =>
      [
        `*Tips* — ${c.open} to handle, ${c.answered} answered, ${c.closed} closed`,
        ...lines.map(
          (l) =>
            `no. ${l.id} · ${l.count}× (${l.readers} reader${l.readers > 1 ? "s" : ""}) · ${l.when}${l.status === "answered" ? " · answered" : l.status === "closed" ? " · closed" : ""}${l.forwarded ? " · forwarded" : ""}\n“${l.text}”${l.from ? ` — ${l.from}` : ""}`,
        ),
        "Answer: /repondre N text · close without answer: /classer N · /signalements frequents",
      ].join("\n"),
    none: (filter) =>
      filter === "open" ? "No tips to handle. (/signalements tous to see the others)" : "No tips.",
    usage: (command, id) => {
      const n = id ?? 1;
      if (command === "repondre") {
        return `Write /repondre, the tip number and the answer, e.g. /repondre ${n} No, the bridge is open: the town hall confirmed it this morning.${id === null ? " (no tips yet)" : ""}`;
      }
      if (command === "classer") {
        return `Write /classer followed by the tip number, e.g. /classer ${n} (/signalements for the list).`;
      }
      return "Write /signalements, or /signalements frequents, repondus, classes, tous, or /signalements N for one tip in full.";
    },
    notFound: (id) => `No tip no. ${id}. /signalements for the list.`,
    detail: (l, full, senders, answer) =>
      [
        `*Tip no. ${l.id}* · ${l.count}× (${l.readers} reader${l.readers > 1 ? "s" : ""}) · ${l.status === "answered" ? "answered" : l.status === "closed" ? "closed" : "to handle"}`,
        `“${full}”`,
        ...senders.map(
          (s) =>
            `- ${s.from} · ${s.when}${s.count > 1 ? ` · ${s.count}×` : ""}${s.answered ? " · got the answer" : ""}: “${s.text}”`,
        ),
        ...(answer ? [`Answer: ${answer}`] : []),
        `/repondre ${l.id} text · /classer ${l.id}`,
      ].join("\n"),
    answered: (f) =>
      [
        `${f.replaced ? "Answer replaced" : "Answer saved"} (tip no. ${f.id}).`,
        `Sent now to ${f.now} reader${f.now === 1 ? "" : "s"} (they wrote less than 24 h ago).`,
        ...(f.later > 0
          ? [
              `${f.later} reader${f.later === 1 ? "" : "s"} wrote more than 24 h ago: WhatsApp then allows only an approved template, so the answer goes with their next message.`,
            ]
          : []),
        ...(f.stopped > 0
          ? [
              `${f.stopped} reader${f.stopped === 1 ? " has" : "s have"} unsubscribed: nothing is sent to them.`,
            ]
          : []),
      ].join("\n"),
    answerTooLong: (max) => `Answer too long: ${max} characters at most. Please shorten it.`,
    closed: (id, count) =>
      `Tip no. ${id} closed without an answer (${count} message${count === 1 ? "" : "s"}). If it comes back, it is “to handle” again.`,
  },
  desk: DESK,
  commandLine: COMMAND_LINE,
} satisfies Catalogue;
