import type { ChannelState } from "../../domain/broadcast.ts";
import type { DeskErrorCode, DeskErrorParams } from "../../domain/errors.ts";

/**
 * The shape of every word a person reads — readers, editors, the operator — in one language.
 * `fr.ts` and `en.ts` each satisfy it, so a key missing in either fails the build.
 * WhatsApp markup in replies: `*bold*`, `_italic_`. Short on purpose: readers are on cheap
 * phones and costly data, and every message says what to do next.
 */

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
  broadcastId: number;
  channel: boolean;
  recipients: number;
  eta: string;
  startsAt: string | null;
  paused: boolean;
  /** When readers' alerts start, if later than the Channel post (quiet hours). */
  readersFrom: string | null;
  /** Other broadcasts of the same article already waiting (a second schedule). */
  alsoScheduled: number[];
  /** Scheduled for the article's own publication date. */
  embargo: boolean;
  /** Why 0 readers, when none. */
  zeroReason: "nobody" | "unsubscribed" | "capped" | "already" | null;
  /** The article went to the Channel before (not posted twice). */
  channelAlready: boolean;
}

/** What an editor confirms with « OUI ». */
export interface ConfirmFacts {
  kind: "publish" | "schedule" | "alert";
  articleId: number | null;
  label: string;
  /** An old article's publication date, as the editor reads it. */
  publishedAt: string | null;
  channel: boolean;
  recipients: number;
  readersFrom: string | null;
  /** A schedule's time, as the editor reads it. */
  startsAt: string | null;
  minutes: number;
}

/** Examples valid now, for an editor command's right form. */
export interface UsageExample {
  /** A published article's id. */
  id: number;
  /** A time to come, as editors type it ("demain 18h"). */
  when: string;
  /** A broadcast number to cancel, or null when none waits. */
  broadcast: number | null;
}

/** One line of /articles. */
export interface ArticleLine {
  id: number;
  date: string;
  state: "draft" | "scheduled" | "published" | "sent";
  title: string;
}

/** One line of /diffusions. */
export interface BroadcastLine {
  id: number;
  when: string;
  state: "scheduled" | "running" | "done" | "cancelled";
  label: string;
  sent: number;
  total: number;
  channel: ChannelState;
}

/** What /annuler did. */
export interface CancelFacts {
  id: number;
  label: string;
  cancelled: number;
  alreadySent: number;
}

export interface StatsFacts {
  paused: boolean;
  transportUp: boolean;
  today: { queued: number; sent: number; failed: number; dead: number };
  running: {
    label: string;
    sent: number;
    total: number;
    failed: number;
    eta: string;
    channel: ChannelState;
  }[];
  subscribers: { optedIn: number; instant: number; daily: number; stopped: number };
  articles: { published: number; scheduled: number; drafts: number };
  /** Receipt lines (« 1 250 envoyés · 1 190 reçus · 640 lus »), already worded. */
  receipts?: string[];
}

/** The bot's own words in a conversation (readers and editors). */
export interface ReplyWords {
  welcome(newsroom: string): string;
  menu(newsroom: string): string;
  /** The commands a suggestion names, as a reader would type them. */
  commandName: Record<string, string>;
  /** `subscribed`: the reader receives messages, and is told how to stop them. */
  unknown(text: string, subscribed: boolean): string;
  suggest(commands: string[]): string;
  empty: string;
  tooLong(limit: number): string;
  media: string;
  flood(minutes: number): string;
  sorry: string;
  thanks: string;

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
  /** After an erase (or a stop before any opt-in): all we hold is the opt-out. */
  myDataOptOutOnly(maskedNumber: string, stopped: string): string;
  erased: string;
  /** A message that may be an opt-out, but not clearly: ask rather than guess. */
  askStop: string;

  editorHelp: string;
  editorUsage(command: string, example: UsageExample): string;
  editorSuggest(command: string): string;
  editorArticleNotFound(id: string): string;
  /** `next`: what /publier would do with it (send, schedule for its date, or refuse a draft). */
  editorPreview(
    id: number,
    status: string,
    channel: string,
    alert: string,
    next: { kind: "draft" | "scheduled" | "published"; at: string | null },
  ): string;
  confirmAsk(facts: ConfirmFacts): string;
  /** Approval mode: a new article waits for an editor. */
  approvalAsk(id: number, title: string): string;
  ignored(id: number, title: string): string;
  /** The ETA while sending is paused: unknown until /reprendre. */
  etaPaused: string;
  declined: string;
  articlesList(rubric: string | null, lines: ArticleLine[]): string;
  articlesNone(rubric: string | null): string;
  broadcastsList(lines: BroadcastLine[]): string;
  broadcastsNone: string;
  cancelled(facts: CancelFacts): string;
  published(id: number, title: string, receipt: ReceiptFacts): string;
  alerted(receipt: ReceiptFacts): string;
  /** An article's state as /apercu names it. */
  articleState: { draft: string; scheduled: string; published: string };
  paused: string;
  alreadyPaused: string;
  resumed: string;
  notPaused: string;
  stats(facts: StatsFacts): string;
  editorFailed(reason: string): string;
  /** Approval mode with APPROVAL_TIMEOUT: what happens if nobody answers by `at`. */
  approvalDeadline(at: string, action: "publish" | "drop"): string;
  /** APPROVAL_TIMEOUT passed: what was done with the article, told to every editor. */
  approvalTimedOut(
    id: number,
    title: string,
    action: "publish" | "drop",
    minutes: number,
    broadcastId: number | null,
  ): string;
}

/** Words the article templates use. */
export interface ArticleWords {
  keyPoints: string;
  /** "Lire l'article : URL" / "Read the article: URL" (each language's punctuation). */
  readMore(url: string): string;
  latestTitle: string;
  latestIn: (rubric: string) => string;
  noArticles: string;
  readHint: string;
  digestTitle: (date: string) => string;
  digestHint: string;
  alertPrefix: string;
  breaking: string;
  /** An alert delivered after the quiet hours says when it was written. */
  writtenAt(when: string): string;
  followChannel: string;
  stopHint: string;
}

/** A broadcast's progress as the CLI and the desk write it: readers sent of total. */
export interface ProgressFacts {
  sent: string;
  total: string;
  failed: number;
  /** Stopped by a cancel: "annulée", not "terminé". */
  cancelled: number;
  /** The Channel post, apart from the readers counted in sent/total. */
  channel: ChannelState;
  done: boolean;
  eta: string;
}

/** Words of the operator's terminal (CLI) and of editors' receipts and progress. */
export interface OperatorWords {
  progress(p: ProgressFacts & { end: string }): string;
  sendingState: { paused: string; stopped: string; active: string; waiting: string };
  sendingLine(state: string): string;
  todayLine(t: { sent: string; queued: string; failed: string; dead: string }): string;
  readersLine(s: { optedIn: string; instant: string; daily: string; stopped: string }): string;
  runningLine(id: number, label: string, progress: string): string;
  scheduledLine(id: number, label: string, at: string): string;
  now: string;
  receiptWho(channel: boolean, recipients: number, count: string): string;
  receiptScheduled(id: number, at: string, who: string): string;
  receiptQueued(id: number, who: string): string;
  receiptEnd(end: string, sending: string): string;
  receiptPaused: string;
  receiptNoSender: string;
  receiptCancel(id: number): string;
  /** A future-dated article waits for its own date. */
  receiptEmbargo(articleId: number): string;
  /** Readers' alerts wait for the end of the quiet hours; the Channel goes now. */
  receiptQuiet(readersFrom: string): string;
  receiptAlsoScheduled(ids: number[]): string;
  /** A confirmation asked where no one can answer (not a terminal). */
  confirmWithYes: string;
  confirmPrompt: string;
  cancelled(id: number, cancelled: string, alreadySent: string): string;
}

/** What editors read when a broadcast cannot be done, by error code. */
export type ErrorWords = { [C in DeskErrorCode]: (params: DeskErrorParams[C]) => string };

/** Delivery and read receipts, and what the ban guard tells editors when it pauses. */
export interface DeliveryWords {
  /** « 1 250 envoyés · 1 190 reçus · 640 lus » (figures already formatted). */
  receipts(sent: number, delivered: number, read: number, count: (n: number) => string): string;
  todayHead: string;
  /** « Titre : … » in French, « Title: … » in English. */
  labelled(label: string, text: string): string;
  guardWhy: { spamRate: string; notDelivered: string; undeliverable: string; auth: string };
  guardSpike(why: string, times: number, minutes: number): string;
  guardLoggedOut(reason: string): string;
  guardPaused(why: string): string;
  /** Meta blocked or locked the account (368, 131031). */
  guardRestricted: string;
  /** Many messages refused for good, whatever the transport. */
  guardRefused: string;
  /** WhatsApp Web's state says the number is blocked or unpaired (TOS_BLOCK…). */
  guardBlocked(state: string): string;
  /** A Channel post not found in the Channel: sent again (attempt 1) or given up (2). */
  channelMissing(attempt: 1 | 2, excerpt: string): string;
  /** /stats: today's alerts and digests against the warm-up ceiling (figures formatted). */
  budgetWarmUp(sent: string, ceiling: string): string;
  /** /stats: long-silent readers written to today against the cap, and rows moved to tomorrow. */
  budgetCold(cold: string, cap: string, postponed: string): string;
  /** A broadcast receipt: part of it waits for the next days' ceilings (warm-up ramp). */
  warmUpLater(days: number): string;
}

/**
 * The web desk's words (src/http/desk/). Each page adds its words at the END of this interface
 * (and of `desk` in fr.ts / en.ts) so that several pages can grow at once.
 */
export interface DeskWords {
  /** « Bureau » — the desk's name in the title bar. */
  title(newsroom: string): string;
  /** The nav, one label per page. */
  nav: {
    articles: string;
    broadcasts: string;
    pairing: string;
    reach: string;
    tips: string;
    audit: string;
    tryIt: string;
  };
  /** The other language's link in the header (« English » on French pages). */
  otherLanguage: string;
  signedInAs(maskedPhone: string): string;
  signOut: string;
  notFound: string;
  /** A POST without the form's token (or with a stale one). */
  csrfRefused: string;
  /** A page behind sign-in opened without a session (fetch/EventSource get this). */
  signInNeeded: string;
  serverError: string;
  back: string;
  // Sign-in
  signInTitle: string;
  signInIntro: string;
  phoneLabel: string;
  sendCode: string;
  phoneInvalid(text: string): string;
  /** Said whether or not the number is an editor's: the page never tells who is one. */
  codeSent(maskedPhone: string, minutes: number): string;
  codeLabel: string;
  signIn: string;
  codeWrong(left: number): string;
  codeExpired: string;
  locked(minutes: number): string;
  tooManyCodes(minutes: number): string;
  /** The WhatsApp message that carries the code. */
  codeMessage(code: string, minutes: number): string;
  linkTitle: string;
  linkIntro: string;
  linkInvalid: string;
  signedOut: string;
  /** Why the desk is not yet usable: no EDITORS in .env. */
  noEditors: string;
  // Articles
  searchLabel: string;
  searchPlaceholder: string;
  rubricLabel: string;
  rubricAll: string;
  filter: string;
  columns: { id: string; date: string; title: string; rubrics: string; state: string };
  /** An article's state on the desk. */
  articleState: {
    draft: string;
    future: string;
    scheduled: string;
    published: string;
    sent: string;
  };
  articlesNone: string;
  searchNone(query: string): string;
  older: string;
  articleNotFound(id: string): string;
  previewChannel: string;
  previewAlert(language: string): string;
  publishNow: string;
  /** A future-dated article: publishing waits for its date unless forced. */
  futureNote(at: string): string;
  publishForce: string;
  draftNote: string;
  scheduleLabel(timeZone: string): string;
  schedule: string;
  ignore: string;
  ignoredNotice(id: number): string;
  approvalNote: string;
  confirmTitle: string;
  confirmQuestion(facts: ConfirmFacts): string;
  confirmYes: string;
  /** The same button for a schedule. */
  confirmYesSchedule: string;
  confirmNo: string;
  declined: string;
  receiptTitle: string;
  // Broadcasts
  runningTitle: string;
  scheduledTitle: string;
  historyTitle: string;
  noneRunning: string;
  noneScheduled: string;
  noneHistory: string;
  pause: string;
  pauseConfirm: string;
  resume: string;
  resumeConfirm: string;
  pausedBanner: string;
  activeBanner: string;
  /** No process sends: the bot is stopped, or WhatsApp is down. */
  noSender: string;
  cancel: string;
  cancelConfirm(id: number): string;
  cancelledNotice(id: number, cancelled: number, alreadySent: number): string;
  /** Readers counted as on the phone and in the CLI, the Channel post apart. */
  progress(p: ProgressFacts): string;
  broadcastState: { scheduled: string; running: string; done: string; cancelled: string };
  broadcastColumns: {
    id: string;
    when: string;
    label: string;
    state: string;
    sent: string;
    delivered: string;
    read: string;
  };
  // Pairing
  pairingStatus: { connected: string; qr: string; starting: string; unreachable: string };
  transportLabel(name: string): string;
  scanHelp: string;
  noQrYet: string;
  pairingCodeTitle: string;
  pairingCodeHelp: string;
  pairingCodeAsk: string;
  pairingCodeShow(code: string): string;
  pairingCodeFailed(reason: string): string;
  checksTitle: string;
  noPairingSource: string;
  // Journal (the audit log)
  journal: JournalWords;
  // Audience (reach)
  reach: ReachWords;
  // Essayer (the simulator in the browser)
  tryIt: TryItWords;
  // Signalements (readers' tips)
  tipsPage: TipsPageWords;
  /** A form whose body is past the desk's limit (413). */
  bodyTooLarge(maxKb: number): string;
}

/** The Signalements page: readers' tips, answered or closed from the desk. */
export interface TipsPageWords {
  intro: string;
  filters: { open: string; frequent: string; answered: string; closed: string; all: string };
  columns: { id: string; when: string; text: string; count: string; from: string; state: string };
  state: { open: string; answered: string; closed: string };
  counts(open: number, answered: number, closed: number): string;
  forwarded: string;
  messages(count: number, readers: number): string;
  none: string;
  notFound(id: string): string;
  sendersTitle: string;
  answerTitle: string;
  answerLabel(max: number): string;
  answerHelp: string;
  answer: string;
  answerConfirm(readers: number): string;
  answerEmpty: string;
  close: string;
  closeConfirm: string;
  currentAnswer(by: string, at: string): string;
  older: string;
}

/** The journal page: the audit log, filterable, paginated (src/http/desk/pages/journal.ts). */
export interface JournalWords {
  intro: string;
  actorLabel: string;
  viaLabel: string;
  viaAll: string;
  actionLabel: string;
  fromLabel: string;
  toLabel: string;
  columns: {
    when: string;
    who: string;
    via: string;
    action: string;
    target: string;
    outcome: string;
    detail: string;
  };
  outcome: { ok: string; refused: string; error: string };
  none: string;
  older: string;
  newest: string;
  badDate(text: string): string;
  badActor(text: string): string;
}

/** The audience page: readers over time, messages, receipts, the Channel, the feeds. */
export interface ReachWords {
  intro(days: number): string;
  readersTitle: string;
  rubricLabel: string;
  /** The service as a whole (abonner / stop), not one rubric. */
  allReaders: string;
  show: string;
  day: string;
  active: string;
  subscribed: string;
  stopped: string;
  sentTitle: string;
  kinds: { reply: string; notice: string; channel: string; alert: string; digest: string };
  total: string;
  ratesTitle: string;
  rateColumns: {
    broadcast: string;
    when: string;
    sent: string;
    delivered: string;
    read: string;
  };
  channelTitle: string;
  channelColumns: { when: string; label: string; state: string };
  channelState: { queued: string; sent: string; failed: string; cancelled: string };
  noChannel: string;
  feedsTitle: string;
  feedColumns: {
    feed: string;
    state: string;
    lastSuccess: string;
    failures: string;
    articles: string;
    error: string;
  };
  feedState: { ok: string; failing: string; disabled: string; never: string };
  noFeeds: string;
  noBroadcasts: string;
  never: string;
  /** Above the tables: what the charts show when scripts run. */
  tablesNote: string;
  daysLabel: string;
}

/** « Essayer »: the bot over a separate simulator database, in a chat pane. */
export interface TryItWords {
  intro(database: string): string;
  asLabel: string;
  asReader: string;
  asEditor: string;
  messageLabel: string;
  placeholder: string;
  send: string;
  reset: string;
  resetDone: string;
  you: string;
  bot: string;
  channel: string;
  empty: string;
  unavailable: string;
  tooLong(max: number): string;
}

/** The command line's own words (help, usage, errors), where commander has English. */
export interface CommandLineWords {
  titles: {
    usage: string;
    arguments: string;
    options: string;
    commands: string;
    globalOptions: string;
  };
  /** The `[command]` placeholder of a usage line. */
  commandPlaceholder: string;
  helpOption: string;
  helpCommand: string;
  /** `[commande]` in `help [commande]`. */
  helpCommandArgument: string;
  defaultValue(value: string): string;
  choices(list: string): string;
  preset(value: string): string;
  env(name: string): string;
  /** Prefix of every error line. */
  error: string;
  /** A list of suggestions, already joined: « (vouliez-vous dire --limit ?) ». */
  didYouMean(suggestions: string): string;
  unknownOption(flag: string): string;
  unknownCommand(name: string): string;
  /** `description`: the argument's own help text, when it has one (« identifiant de l'article »). */
  missingArgument(name: string, description: string): string;
  optionMissingArgument(flags: string): string;
  missingMandatoryOption(flags: string): string;
  excessArguments(command: string | null, expected: number, received: number): string;
  conflictingOption(a: string, b: string): string;
  invalidOptionValue(flags: string, value: string): string;
  invalidArgumentValue(name: string, value: string): string;
  allowedChoices(list: string): string;
  seeHelp: string;
}

/** Everything one language says. */
export interface Catalogue {
  /** BCP 47 locale for dates and numbers. */
  locale: string;
  /** The thousands separator readers expect ("1 250", "1,250"). */
  thousands: string;
  /** Each language's name, in this language. */
  languageName: Record<Lang, string>;
  /** A duration under a minute, as "~N min" cannot say it. */
  underAMinute: string;
  replies: ReplyWords;
  article: ArticleWords;
  operator: OperatorWords;
  delivery: DeliveryWords;
  errors: ErrorWords;
  tips: TipWords;
  desk: DeskWords;
  commandLine: CommandLineWords;
}

/** One tip as an editor reads it in /signalements. */
export interface TipLine {
  id: number;
  /** Messages counted as this tip, and distinct readers. */
  count: number;
  readers: number;
  /** When it last came in, as the editor reads a time. */
  when: string;
  status: "open" | "answered" | "closed";
  text: string;
  /** The first reader's number, masked; "" when none is left (erased). */
  from: string;
  forwarded: boolean;
}

/** What an editor reads after /repondre. */
export interface TipAnswerFacts {
  id: number;
  /** Queued now: readers who wrote within WhatsApp's 24-hour window. */
  now: number;
  /** Outside the window: they get it the next time they write. */
  later: number;
  /** Readers who have since opted out (« stop »): nothing is sent to them. */
  stopped: number;
  replaced: boolean;
}

/** The tips inbox: readers' rumours and questions, and the editors' answers. */
export interface TipWords {
  /** A reader's tip stored: an honest acknowledgement (nothing promised). */
  thanks: string;
  /** The same reader sent the same tip again. */
  thanksAgain: string;
  /** The rumour was answered already: the answer, at once. */
  alreadyAnswered(answer: string): string;
  /** The editor's answer as the reader receives it, quoting the start of their message. */
  answerToReader(their: string, answer: string): string;
  list(lines: TipLine[], counts: { open: number; answered: number; closed: number }): string;
  none(filter: "open" | "answered" | "closed" | "all"): string;
  /** The right forms, with an example valid now (a tip that exists, or none yet). */
  usage(command: "signalements" | "repondre" | "classer", exampleId: number | null): string;
  notFound(id: number): string;
  /** /signalements N: one tip in full, each reader masked with their own words. */
  detail(
    line: TipLine,
    full: string,
    senders: { from: string; when: string; text: string; count: number; answered: boolean }[],
    answer: string | null,
  ): string;
  answered(facts: TipAnswerFacts): string;
  answerTooLong(max: number): string;
  closed(id: number, count: number): string;
}
