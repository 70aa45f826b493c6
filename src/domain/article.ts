/** One structural piece of an article body, as recovered from a file, a page or a feed. */
export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "quote"; text: string }
  | { kind: "list"; ordered: boolean; items: string[] };

export type ArticleStatus = "published" | "draft";

/**
 * What every source (a file, a feed item, an editor) hands to ingestion, before cleaning.
 * Either `body` (plain text, paragraphs separated by blank lines) or `html` carries the text.
 */
export interface ArticleInput {
  title: string;
  body?: string | undefined;
  html?: string | undefined;
  url?: string | undefined;
  guid?: string | undefined;
  categories?: readonly string[] | undefined;
  author?: string | undefined;
  dateline?: string | undefined;
  publishedAt?: Date | undefined;
  status?: ArticleStatus | undefined;
  image?: string | undefined;
  /** Where it came from, for messages: a file path, a feed URL, "editor". */
  origin: string;
  /** The page shows no headline: the lead sentence becomes the title. */
  untitled?: boolean | undefined;
}

/** An article cleaned, structured and summarised: what the store keeps. */
export interface PreparedArticle {
  title: string;
  categories: string[];
  author: string | null;
  dateline: string | null;
  publishedAt: Date | null;
  status: ArticleStatus;
  url: string | null;
  guid: string | null;
  image: string | null;
  blocks: Block[];
  /** The body as plain text, paragraphs separated by blank lines (search and detail views). */
  bodyText: string;
  keyPoints: string[];
  summary: string;
  /** Hash of everything above: an unchanged re-import is a no-op. */
  contentHash: string;
  origin: string;
}
