import { dateFormat } from "../lib/date-format.ts";
import type { StoredArticle } from "../store/articles.ts";
import type { ArticleWords } from "./i18n/catalogue.ts";
import { bold, compose, escapeMarkup, italic, truncate } from "./markup.ts";
import { catalogue } from "./wording.ts";

/** What the templates need besides the article: the reader's language and the newsroom. */
export interface FormatContext {
  language: "fr" | "en";
  timeZone: string;
  /** The Channel's public link (https://whatsapp.com/channel/…), when there is one. */
  channelLink: string | null;
  /** Today: a short date carries its year only when it is not this year's. */
  now?: Date;
}

type ArticleView = Pick<
  StoredArticle,
  "id" | "title" | "categories" | "dateline" | "publishedAt" | "summary" | "keyPoints" | "url"
>;

/** "2 avril 2025" in the newsroom's time zone and the reader's language. */
export function formatDate(
  date: Date,
  ctx: FormatContext,
  style: "long" | "short" = "long",
): string {
  const year = (d: Date) =>
    dateFormat("en-GB", { timeZone: ctx.timeZone, year: "numeric" }).format(d);
  const withYear = style === "long" || (ctx.now !== undefined && year(ctx.now) !== year(date));
  const parts = dateFormat(catalogue(ctx.language).locale, {
    timeZone: ctx.timeZone,
    day: "numeric",
    month: style === "long" ? "long" : "short",
    ...(withYear ? { year: "numeric" as const } : {}),
  }).formatToParts(date);
  // French writes the first of the month "1er" ("1er déc.", "1er avril 2025").
  return parts
    .map((p) => (p.type === "day" && p.value === "1" && ctx.language === "fr" ? "1er" : p.value))
    .join("");
}

/** "Politique · Diplomatie — Moscou, 2 avril 2025", in italics. */
function byline(article: ArticleView, ctx: FormatContext): string {
  const where = article.dateline ?? formatDate(article.publishedAt, ctx);
  const rubrics = article.categories.join(" · ");
  return italic(rubrics ? `${rubrics} — ${where}` : where);
}

function keyPointList(article: ArticleView, w: ArticleWords, maxEach = 200): string {
  if (article.keyPoints.length === 0) return "";
  const items = article.keyPoints.map((p) => `- ${escapeMarkup(truncate(p, maxEach))}`);
  return `${bold(w.keyPoints)}\n${items.join("\n")}`;
}

function invitation(ctx: FormatContext, w: ArticleWords): string {
  return ctx.channelLink ? `📲 ${w.followChannel} : ${ctx.channelLink}` : "";
}

/** A Channel post: title, rubric and dateline, summary, key points, link. */
export function channelPost(article: ArticleView, ctx: FormatContext): string {
  const w = catalogue(ctx.language).article;
  return compose([
    `${bold(article.title)}\n${byline(article, ctx)}`,
    escapeMarkup(article.summary),
    keyPointList(article, w),
    article.url ?? "",
  ]);
}

/** A one-to-one alert to a reader who follows the article's rubric. */
export function alert(article: ArticleView, ctx: FormatContext): string {
  const w = catalogue(ctx.language).article;
  return compose([
    `${w.alertPrefix} ${bold(article.title)}\n${byline(article, ctx)}`,
    escapeMarkup(article.summary),
    article.url ? w.readMore(article.url) : "",
    [invitation(ctx, w), w.stopHint].filter(Boolean).join("\n"),
  ]);
}

/**
 * A breaking-news alert written by an editor (no article behind it). Channel followers cannot
 * answer, so only one-to-one copies say how to stop.
 */
export function breakingAlert(
  text: string,
  ctx: FormatContext,
  audience: "channel" | "reader" = "reader",
  /** When it was written, for an alert held back by the quiet hours ("23:10"). */
  writtenAt: string | null = null,
): string {
  const w = catalogue(ctx.language).article;
  return compose([
    w.breaking,
    escapeMarkup(text.trim()),
    writtenAt ? italic(w.writtenAt(writtenAt)) : "",
    audience === "reader" ? w.stopHint : "",
  ]);
}

/** One entry of a daily digest: number, title, a short line of summary. */
export function digestEntry(article: ArticleView, n: number, _ctx: FormatContext): string {
  const rubric = article.categories[0];
  return [
    `${n}. ${bold(article.title)}${rubric ? ` ${italic(`(${rubric})`)}` : ""}`,
    `   ${escapeMarkup(truncate(article.summary, 160))}`,
  ].join("\n");
}

/** The daily digest: a dated header, the numbered entries, how to read one. */
export function digest(articles: readonly ArticleView[], date: Date, ctx: FormatContext): string {
  const w = catalogue(ctx.language).article;
  // Ten entries of at most ~400 characters stay far below the 4,096 limit.
  const entries = articles.slice(0, 10).map((a, i) => digestEntry(a, i + 1, ctx));
  return compose([
    `☀️ ${bold(w.digestTitle(formatDate(date, ctx)))}`,
    entries.join("\n\n"),
    w.digestHint,
  ]);
}

/** A numbered list of headlines ("dernières"), newest first. */
export function headlines(
  articles: readonly ArticleView[],
  ctx: FormatContext,
  rubric?: string,
): string {
  const w = catalogue(ctx.language).article;
  if (articles.length === 0) return w.noArticles;
  const lines = articles.map((a, i) => {
    const when = formatDate(a.publishedAt, ctx, "short");
    const meta = [a.categories[0], when].filter(Boolean).join(", ");
    return `${i + 1}. ${escapeMarkup(truncate(a.title, 200))} ${italic(`(${meta})`)}`;
  });
  return compose([bold(rubric ? w.latestIn(rubric) : w.latestTitle), lines.join("\n"), w.readHint]);
}

/** The article detail a reader asked for: everything the short formats leave out. */
export function articleDetail(article: ArticleView, ctx: FormatContext): string {
  const w = catalogue(ctx.language).article;
  return compose([
    `${bold(article.title)}\n${byline(article, ctx)}`,
    escapeMarkup(article.summary),
    keyPointList(article, w, 300),
    article.url ? `🔗 ${article.url}` : "",
    invitation(ctx, w),
  ]);
}

/** The Channel's public link from its invite code, for the "Suivez…" invitation. */
export function channelLinkOf(invite: string | null): string | null {
  if (!invite) return null;
  return invite.startsWith("http") ? invite : `https://whatsapp.com/channel/${invite}`;
}
