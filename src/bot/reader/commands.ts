import { phoneOfChatId } from "../../domain/chat-id.ts";
import { editDistance, typoBudget } from "../../lib/distance.ts";
import { fold } from "../../lib/fold.ts";
import { maskPhone } from "../../log.ts";
import { catalogue, formatDay } from "../../messages/wording.ts";
import type { ArticleCard } from "../../store/articles.ts";
import { MENU_ITEMS, type ReaderCommandName } from "../command-names.ts";
import { Composer, type NextFunction } from "../composer.ts";
import type { BotContext } from "../context.ts";
import { detailView, echo, latestView, searchView } from "./views.ts";

/** At most this many headlines or search results: one screen on a small phone. */
export const MAX_LIST = 10;
const SEARCH_RESULTS = 5;
const DEFAULT_LATEST = 5;

type Handler = (ctx: BotContext, next: NextFunction) => unknown;

/** A filter on the reader's command, grammY-style: `command("latest", handler)`. */
function command(composer: Composer<BotContext>, name: ReaderCommandName, handler: Handler): void {
  composer.filter((ctx) => ctx.parsed.type === "command" && ctx.parsed.name === name, handler);
}

function args(ctx: BotContext): string {
  return ctx.parsed.type === "command" ? ctx.parsed.args : "";
}

function subscriptionFacts(ctx: BotContext) {
  const { sending } = ctx.deps.config;
  return {
    follows: followedNames(ctx),
    mode: ctx.subscriber.mode,
    digestTime: ctx.subscriber.digestTime ?? sending.digestTime,
    alertsPerDay: sending.alertsPerDay,
    quietHours: sending.quietHours,
  };
}

function isSubscribed(ctx: BotContext): boolean {
  return ctx.subscriber.optedInAt !== null && ctx.subscriber.stoppedAt === null;
}

function visible(article: ArticleCard | null, now: Date): article is ArticleCard {
  return (
    article !== null &&
    article.status === "published" &&
    article.publishedAt.getTime() <= now.getTime()
  );
}

interface RubricRef {
  key: string;
  name: string;
}

/** Display names of the rubrics a reader follows (their folded key when no article names it). */
function followedNames(ctx: BotContext): string[] {
  const names = new Map(ctx.deps.articles.rubrics(ctx.now).map((r) => [r.key, r.name]));
  return ctx.deps.subscribers.follows(ctx.chatId).map((key) => names.get(key) ?? key);
}

/**
 * Finds the rubric a reader means: its number in the rubric list on screen, its name (case,
 * accents, a leading "la"/"le" ignored), a unique prefix, or a close spelling.
 */
export function resolveRubric(
  ctx: BotContext,
  text: string,
  extraKeys: string[] = [],
): RubricRef | null {
  const wanted = fold(text)
    .replace(/^(rubrique|la|le|les|l')\s*/u, "")
    .replace(/[^\p{L}\p{N}' -]/gu, "")
    .trim();
  if (!wanted) return null;
  // "foot" → Football, "faso" → Burkina Faso: the newsroom's synonym table first.
  const lexicon = ctx.deps.understander.lexicon;
  const mapped = lexicon.rubricOf(wanted.replace(/'/g, " ").replace(/\s+/g, " "));
  if (mapped && mapped !== wanted) {
    const viaSynonym = resolveRubric(ctx, mapped, extraKeys);
    if (viaSynonym) return viaSynonym;
  }
  const known: RubricRef[] = ctx.deps.articles
    .rubrics(ctx.now)
    .map((r) => ({ key: r.key, name: r.name }));
  for (const key of extraKeys)
    if (!known.some((r) => r.key === key)) known.push({ key, name: key });
  if (/^\d+$/.test(wanted)) {
    const screen = ctx.recall();
    if (screen?.kind !== "rubrics") return null;
    const key = screen.items[Number(wanted) - 1];
    return key ? (known.find((r) => r.key === key) ?? { key, name: key }) : null;
  }
  const exact = known.find((r) => r.key === wanted);
  if (exact) return exact;
  if (wanted.length >= 3) {
    const prefixed = known.filter((r) => r.key.startsWith(wanted));
    if (prefixed.length === 1 && prefixed[0]) return prefixed[0];
  }
  let best: RubricRef | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const r of known) {
    const budget = typoBudget(Math.min(wanted.length, r.key.length));
    const d = editDistance(wanted, r.key, budget);
    if (d > budget) continue;
    if (d < bestD) {
      best = r;
      bestD = d;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  return tie ? null : best;
}

function rubricNames(ctx: BotContext): string[] {
  return ctx.deps.articles.rubrics(ctx.now).map((r) => r.name);
}

/** A bare number means an item of what is on screen: an article, a rubric, or the menu. */
function resolveNumber(ctx: BotContext, next: NextFunction): unknown {
  if (ctx.parsed.type !== "number") return next();
  const value = ctx.parsed.value;
  const n = Number(value);
  const screen = ctx.recall();
  if (screen?.kind === "articles" && screen.items.length > 0) {
    if (!Number.isSafeInteger(n) || n < 1 || n > screen.items.length) {
      ctx.reply(ctx.t.pickInRange(screen.items.length));
      return;
    }
    ctx.parsed = { type: "command", name: "read", args: value, corrected: false };
    return next();
  }
  if (screen?.kind === "rubrics" && screen.items.length > 0) {
    const key = Number.isSafeInteger(n) ? screen.items[n - 1] : undefined;
    if (!key) {
      ctx.reply(ctx.t.pickInRange(screen.items.length));
      return;
    }
    ctx.parsed = { type: "command", name: "latest", args: key, corrected: false };
    return next();
  }
  // Nothing on screen (a newcomer, or the list has expired): a number means nothing yet —
  // never an opt-in. A newcomer gets the welcome and the menu; others the menu.
  if (screen?.kind !== "menu") {
    if (ctx.isNew) return next();
    menu(ctx);
    return;
  }
  const item = Number.isSafeInteger(n) ? MENU_ITEMS[n - 1] : undefined;
  if (!item) {
    ctx.reply(ctx.t.pickMenu(MENU_ITEMS.length));
    return;
  }
  ctx.parsed = { type: "command", name: item.command, args: item.args[ctx.lang], corrected: false };
  return next();
}

/** A first message gets a welcome; anything but a command also gets the menu. */
function welcome(ctx: BotContext, next: NextFunction): unknown {
  if (!ctx.isNew) return next();
  const { newsroomName } = ctx.deps.config;
  const p = ctx.parsed;
  // "latest", "subscribe": a newcomer who writes English is answered in English from the start.
  // Greetings ("hello", "hi") stay French: francophone readers use them too, and the menu
  // offers *english* as its fifth item.
  if (p.type === "command" && p.english && ctx.lang !== "en") {
    ctx.subscriber = ctx.deps.subscribers.setLanguage(ctx.chatId, "en");
  }
  if (p.type !== "command" || p.name === "menu" || p.name === "thanks") {
    ctx.reply(`${ctx.t.welcome(newsroomName)}\n\n${ctx.t.menu(newsroomName)}`);
    ctx.remember({ kind: "menu" });
    return;
  }
  // Someone whose first word is "stop" wants nothing from us, not even a welcome.
  if (p.name !== "stop" && p.name !== "erase") ctx.reply(ctx.t.welcome(newsroomName));
  return next();
}

function menu(ctx: BotContext): void {
  ctx.reply(ctx.t.menu(ctx.deps.config.newsroomName));
  ctx.remember({ kind: "menu" });
}

function latest(ctx: BotContext): void {
  let count = DEFAULT_LATEST;
  let capped = false;
  const words: string[] = [];
  for (const word of args(ctx).split(/\s+/).filter(Boolean)) {
    if (/^[-+−]?\d+$/.test(word) && words.length === 0) {
      const n = Number(word.replace("−", "-"));
      if (!(n >= 1)) {
        ctx.reply(ctx.t.badCount(MAX_LIST));
        return;
      }
      capped = n > MAX_LIST;
      count = Math.min(n, MAX_LIST);
    } else words.push(word);
  }
  let rubric: RubricRef | null = null;
  if (words.length > 0) {
    rubric = resolveRubric(ctx, words.join(" "));
    if (!rubric) {
      ctx.reply(ctx.t.unknownRubric(echo(words.join(" ")), rubricNames(ctx)));
      return;
    }
  }
  const articles = ctx.deps.articles.headlines({
    now: ctx.now,
    limit: count,
    category: rubric?.key,
  });
  if (articles.length === 0) {
    ctx.reply(ctx.t.latestNone(rubric?.name ?? null));
    return;
  }
  const view = latestView(articles, ctx.format, rubric?.name ?? null);
  ctx.reply(capped ? `${view}\n${ctx.t.capped(MAX_LIST)}` : view);
  ctx.remember({ kind: "articles", items: articles.map((a) => a.id) });
}

function read(ctx: BotContext): void {
  const first = args(ctx).split(/\s+/)[0] ?? "";
  const digits = /^(?:n°|no|#)?(\d+)[.)]?$/i.exec(first)?.[1];
  if (!digits) {
    ctx.reply(ctx.t.readUsage);
    return;
  }
  const n = Number(digits);
  const screen = ctx.recall();
  let article: ArticleCard | null = null;
  if (screen?.kind === "articles" && screen.items.length > 0) {
    // A list is on screen: « lire 3 » is its third line, never article n° 3 of the database.
    if (!(n >= 1 && n <= screen.items.length)) {
      ctx.reply(ctx.t.pickInRange(screen.items.length));
      return;
    }
    article = ctx.deps.articles.card(screen.items[n - 1] ?? 0);
  } else if (Number.isSafeInteger(n)) {
    // Not a position on screen: an article number, as alerts and the Channel show them.
    article = ctx.deps.articles.card(n);
  }
  if (!visible(article, ctx.now)) {
    ctx.reply(ctx.t.articleNotFound(echo(digits, 12)));
    return;
  }
  ctx.reply(detailView(article, ctx.format));
}

function search(ctx: BotContext): void {
  const query = args(ctx).slice(0, 200).trim();
  if (!/[\p{L}\p{N}]/u.test(query)) {
    ctx.reply(ctx.t.searchUsage);
    return;
  }
  const results = ctx.deps.articles.search(query, { now: ctx.now, limit: SEARCH_RESULTS });
  if (results.length === 0) {
    ctx.reply(ctx.t.searchNone(echo(query)));
    return;
  }
  ctx.reply(
    searchView(
      results,
      ctx.format,
      ctx.t.searchHeader(echo(query)),
      catalogue(ctx.lang).article.readHint,
    ),
  );
  ctx.remember({ kind: "articles", items: results.map((a) => a.id) });
}

function topics(ctx: BotContext): void {
  const rubrics = ctx.deps.articles.rubrics(ctx.now).slice(0, 20);
  if (rubrics.length === 0) {
    ctx.reply(ctx.t.rubricsNone);
    return;
  }
  const followed = new Set(ctx.deps.subscribers.follows(ctx.chatId));
  ctx.reply(ctx.t.rubrics(rubrics.map((r) => ({ name: r.name, followed: followed.has(r.key) }))));
  ctx.remember({ kind: "rubrics", items: rubrics.map((r) => r.key) });
}

/** The rubrics a command names: several at once ("sport et économie", "santé, culture"). */
function namedRubrics(ctx: BotContext): string[] {
  const u = ctx.reading.understood;
  if (
    (u.intent === "follow" || u.intent === "subscribe" || u.intent === "unfollow") &&
    Array.isArray(u.rubrics)
  ) {
    if (u.rubrics.length > 0) return u.rubrics;
  }
  return args(ctx)
    .split(/\s*,\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A rubric name as the reader wrote it: the understanding step gives folded keys (« meteo »),
 * the reply quotes the reader's own words (« météo ») when they are in the message.
 */
function asWritten(ctx: BotContext, name: string): string {
  const words = ctx.text.split(/[^\p{L}\p{N}'’-]+/u).filter(Boolean);
  const size = name.split(/\s+/).length;
  for (let i = 0; i + size <= words.length; i++) {
    const span = words.slice(i, i + size).join(" ");
    if (fold(span) === fold(name)) return span;
  }
  return name;
}

/** Resolves each named rubric; the first unknown one is reported with the list on offer. */
function resolveAll(
  ctx: BotContext,
  names: string[],
  extraKeys: string[] = [],
): RubricRef[] | null {
  const found: RubricRef[] = [];
  for (const name of names) {
    const rubric = resolveRubric(ctx, name, extraKeys);
    if (!rubric) {
      ctx.reply(ctx.t.unknownRubric(echo(asWritten(ctx, name)), rubricNames(ctx)));
      return null;
    }
    if (!found.some((r) => r.key === rubric.key)) found.push(rubric);
  }
  return found;
}

function follow(ctx: BotContext): void {
  const names = namedRubrics(ctx);
  if (names.length === 0) {
    ctx.reply(ctx.t.followUsage);
    return;
  }
  const rubrics = resolveAll(ctx, names);
  if (!rubrics) return;
  const subscribed = isSubscribed(ctx);
  const added = rubrics.filter((r) => ctx.deps.subscribers.follow(ctx.chatId, r.key, ctx.now));
  const already = rubrics.filter((r) => !added.includes(r));
  const lines: string[] = [];
  if (added.length > 0) lines.push(ctx.t.followed(added.map((r) => r.name).join(", "), subscribed));
  if (already.length > 0) {
    lines.push(
      ctx.t.alreadyFollowed(
        already.map((r) => r.name).join(", "),
        subscribed && added.length === 0,
      ),
    );
  }
  ctx.reply(lines.join("\n"));
}

function unfollow(ctx: BotContext): void {
  const u = ctx.reading.understood;
  const follows = ctx.deps.subscribers.follows(ctx.chatId);
  if (u.intent === "unfollow" && u.rubrics === "all") {
    const names = followedNames(ctx);
    for (const key of follows) ctx.deps.subscribers.unfollow(ctx.chatId, key);
    ctx.reply(names.length > 0 ? ctx.t.unfollowed(names.join(", ")) : ctx.t.notFollowed("—", []));
    return;
  }
  const names = namedRubrics(ctx);
  if (names.length === 0) {
    ctx.reply(ctx.t.unfollowUsage);
    return;
  }
  const rubrics = resolveAll(ctx, names, follows);
  if (!rubrics) return;
  const removed = rubrics.filter((r) => ctx.deps.subscribers.unfollow(ctx.chatId, r.key));
  const absent = rubrics.filter((r) => !removed.includes(r));
  const lines: string[] = [];
  // "stop politique": that rubric goes, and how to stop everything is said.
  const viaStop = /^\W*(stop|arr[eê]t)/iu.test(ctx.text) && removed.length === 1 && removed[0];
  if (viaStop) lines.push(ctx.t.stopUnfollowHint(viaStop.name));
  else if (removed.length > 0) lines.push(ctx.t.unfollowed(removed.map((r) => r.name).join(", ")));
  if (absent.length > 0) {
    lines.push(ctx.t.notFollowed(absent.map((r) => r.name).join(", "), followedNames(ctx)));
  }
  ctx.reply(lines.join("\n"));
}

function subscribe(ctx: BotContext): void {
  const again = isSubscribed(ctx);
  if (!again) ctx.subscriber = ctx.deps.subscribers.subscribe(ctx.chatId, ctx.now);
  // "abonner politique": subscribe and follow in one go. A rubric we do not have is said,
  // with the list on offer: « abonne-moi au sport » must not quietly mean « everything ».
  const unknown: string[] = [];
  for (const name of namedRubrics(ctx)) {
    const rubric = resolveRubric(ctx, name);
    if (rubric) ctx.deps.subscribers.follow(ctx.chatId, rubric.key, ctx.now);
    else unknown.push(name);
  }
  const [first = "", ...rest] = ctx.t.subscribed(subscriptionFacts(ctx), again).split("\n");
  const missing = unknown[0]
    ? [ctx.t.unknownRubric(echo(asWritten(ctx, unknown[0])), rubricNames(ctx))]
    : [];
  ctx.reply([first, ...missing, ...rest].join("\n"));
}

async function stop(ctx: BotContext): Promise<void> {
  // "stop politique" most likely means that rubric only; "stop" alone stops everything.
  const text = args(ctx);
  if (text) {
    const follows = ctx.deps.subscribers.follows(ctx.chatId);
    const rubric = resolveRubric(ctx, text, follows);
    if (rubric && follows.includes(rubric.key)) {
      ctx.deps.subscribers.unfollow(ctx.chatId, rubric.key);
      ctx.reply(ctx.t.stopUnfollowHint(rubric.name));
      return;
    }
  }
  const { subscriber, cancelled } = ctx.deps.subscribers.stop(ctx.chatId, ctx.now);
  ctx.subscriber = subscriber;
  // Written from a linked id: the reader we know by number stops too.
  const number = await ctx.knownAs();
  if (number && ctx.deps.subscribers.get(number)) ctx.deps.subscribers.stop(number, ctx.now);
  ctx.deps.log.info({ chatId: ctx.chatId, cancelled }, "lecteur désabonné (stop)");
  ctx.reply(ctx.t.stopped);
}

/** "07:30", "7h30", "7h", "7" → "07:30"/"07:00"; null when not a time of day. */
export function parseTime(text: string): string | null {
  const m = /^(\d{1,2})(?:\s*[:hH.]\s*(\d{2})?)?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? "0");
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

function mode(ctx: BotContext): void {
  const [word = "", ...rest] = args(ctx).split(/\s+/).filter(Boolean);
  const key = fold(word);
  let chosen: "instant" | "daily" | null = null;
  if (/^(instant|instantane|direct|immediat|alertes?)$/.test(key)) chosen = "instant";
  if (/^(quotidien|daily|jour|journalier|resume|digest)$/.test(key)) chosen = "daily";
  if (!chosen) {
    ctx.reply(ctx.t.modeUsage);
    return;
  }
  let time: string | null = null;
  if (chosen === "daily" && rest.length > 0) {
    time = parseTime(rest.join(""));
    if (!time) {
      ctx.reply(ctx.t.badTime);
      return;
    }
  }
  ctx.subscriber = ctx.deps.subscribers.setMode(
    ctx.chatId,
    chosen,
    time ?? ctx.subscriber.digestTime,
  );
  ctx.reply(ctx.t.modeSet(chosen, subscriptionFacts(ctx), isSubscribed(ctx)));
}

function language(ctx: BotContext): void {
  const key = fold(args(ctx).split(/\s+/)[0] ?? "");
  const lang = /^(fr|francais|french|fra)$/.test(key)
    ? "fr"
    : /^(en|english|anglais|eng)$/.test(key)
      ? "en"
      : null;
  if (!lang) {
    ctx.reply(ctx.t.languageUsage);
    return;
  }
  ctx.subscriber = ctx.deps.subscribers.setLanguage(ctx.chatId, lang);
  ctx.reply(ctx.t.languageSet);
}

function myData(ctx: BotContext): void {
  const s = ctx.subscriber;
  const tz = ctx.deps.config.timeZone;
  const day = (d: Date) => formatDay(d, ctx.lang, tz);
  const maskedNumber = maskPhone(`+${ctx.chatId.replace(/@.*$/, "").replace(/^\+/, "")}`);
  // Erased (or stopped before ever opting in): the opt-out is all we hold.
  if (s.stoppedAt && !s.optedInAt && ctx.deps.subscribers.follows(ctx.chatId).length === 0) {
    ctx.reply(ctx.t.myDataOptOutOnly(maskedNumber, day(s.stoppedAt)));
    return;
  }
  ctx.reply(
    ctx.t.myData({
      maskedNumber: maskPhone(phoneOfChatId(ctx.chatId) ?? ctx.chatId),
      firstSeen: day(s.firstSeenAt),
      optedIn: s.optedInAt ? day(s.optedInAt) : null,
      stopped: s.stoppedAt ? day(s.stoppedAt) : null,
      follows: followedNames(ctx),
      mode: s.mode,
      digestTime: s.digestTime ?? ctx.deps.config.sending.digestTime,
      language: s.language,
    }),
  );
}

async function erase(ctx: BotContext): Promise<void> {
  ctx.deps.subscribers.erase(ctx.chatId, ctx.now);
  const number = await ctx.knownAs();
  if (number && ctx.deps.subscribers.get(number)) ctx.deps.subscribers.erase(number, ctx.now);
  // Their tips go too (a tip others also sent keeps their copies).
  ctx.deps.tips.eraseReader(ctx.chatId);
  if (number) ctx.deps.tips.eraseReader(number);
  const lang = ctx.lang;
  ctx.subscriber = ctx.deps.subscribers.get(ctx.chatId) ?? ctx.subscriber;
  ctx.deps.log.info({ chatId: ctx.chatId }, "données d'un lecteur effacées à sa demande");
  // Confirm in the language they used, even though the stored preference is gone.
  ctx.reply(catalogue(lang).replies.erased);
}

function fallback(ctx: BotContext): void {
  const p = ctx.parsed;
  if (p.type === "suggest") {
    ctx.reply(ctx.t.suggest(p.names.map((n) => ctx.t.commandName[n] ?? n)));
  } else if (p.type === "empty") {
    ctx.reply(ctx.t.empty);
  } else if (ctx.reading.maybeStop) {
    ctx.reply(ctx.t.askStop);
  } else {
    // A reader who wants out in words no rule knows still learns, at once, how to get out.
    ctx.reply(ctx.t.unknown(echo(ctx.text), isSubscribed(ctx)));
  }
}

/** The reader commands, as filters over the parsed command. */
export function readerCommands(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(resolveNumber, welcome);
  command(composer, "menu", menu);
  command(composer, "thanks", (ctx) => ctx.reply(ctx.t.thanks));
  command(composer, "latest", latest);
  command(composer, "read", read);
  command(composer, "search", search);
  command(composer, "topics", topics);
  command(composer, "follow", follow);
  command(composer, "unfollow", unfollow);
  command(composer, "subscribe", subscribe);
  command(composer, "stop", stop);
  command(composer, "mode", mode);
  command(composer, "language", language);
  command(composer, "mydata", myData);
  command(composer, "erase", erase);
  composer.use(fallback);
  return composer;
}
