/**
 * Where the bot shows articles: every call into the article templates (src/messages) is here,
 * so the conversation and the broadcasts always show an article the same way.
 */
import { compose, escapeMarkup, italic, truncate } from "../../messages/markup.ts";
import {
  alert,
  articleDetail,
  channelPost,
  type FormatContext,
  formatDate,
  headlines,
} from "../../messages/templates.ts";
import type { ArticleCard, ArticleHit, StoredArticle } from "../../store/articles.ts";

export type { FormatContext } from "../../messages/templates.ts";

/** "dernières": the numbered headlines. */
export function latestView(
  articles: readonly ArticleCard[],
  ctx: FormatContext,
  rubric: string | null,
): string {
  return headlines(articles, ctx, rubric ?? undefined);
}

/** Search results: the same numbered lines as the headlines, under the query. */
export function searchView(
  articles: readonly ArticleHit[],
  ctx: FormatContext,
  header: string,
  hint: string,
): string {
  const lines = articles.map((a, i) => {
    const meta = [a.categories[0], formatDate(a.publishedAt, ctx, "short")]
      .filter(Boolean)
      .join(", ");
    return `${i + 1}. ${escapeMarkup(truncate(a.title, 200))} ${italic(`(${meta})`)}`;
  });
  return compose([header, lines.join("\n"), hint]);
}

/** "lire N": the article detail. */
export function detailView(article: ArticleCard, ctx: FormatContext): string {
  return articleDetail(article, ctx);
}

/** "/apercu": the Channel post and the follower alert, as they would go out. */
export function previewViews(
  article: StoredArticle,
  ctx: FormatContext,
): { channel: string; alert: string } {
  return { channel: channelPost(article, ctx), alert: alert(article, ctx) };
}

/** A reader's text echoed back inside our own message: inert, on one line, short. */
export function echo(text: string, max = 40): string {
  // Code points, not UTF-16 units: an emoji is never cut in half.
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  const flat =
    chars.length > max
      ? `${chars
          .slice(0, max - 1)
          .join("")
          .trimEnd()}…`
      : chars.join("");
  return escapeMarkup(flat);
}
