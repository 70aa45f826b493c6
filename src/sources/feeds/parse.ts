import { type AnyFeed, parseFeed as parseAnyFeed } from "feedsmith";
import { parseDocument } from "htmlparser2";
import type { ArticleInput } from "../../domain/article.ts";
import { AppError, type AppErrorOptions } from "../../domain/errors.ts";
import { cleanInline, uniqueCaseless } from "../../lib/text.ts";
import { parseFeedDate } from "./dates.ts";

export type FeedFormat = "rss" | "atom" | "rdf" | "json";

/** A feed item that could not be imported as it was, and why (in French, for the operator). */
export interface ItemProblem {
  /** 1-based position of the item in the feed, 0 for the feed as a whole. */
  position: number;
  title: string | null;
  reason: string;
  /** false: the item was imported anyway (a note, e.g. an unreadable date). */
  skipped: boolean;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  siteUrl: string | null;
  /** The items to import, newest first when the feed had to be cut to `maxItems`. */
  items: ArticleInput[];
  problems: ItemProblem[];
  /** How many items the document held, good or bad. */
  total: number;
  /** The body ended early: only the complete items before the cut were read. */
  truncated: boolean;
}

export interface ParseFeedOptions {
  /** The address the document came from: base of relative links, origin of items. */
  url: string;
  /** Items beyond this are reported, not imported (the newest are kept). */
  maxItems?: number;
}

/** The document is not a feed we can read: the message says what it is and what to do. */
export class FeedParseError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super("FEED_PARSE_FAILED", message, options);
  }
}

/** What every format is reduced to before it becomes an ArticleInput. */
interface RawItem {
  title: string | undefined;
  link: string | undefined;
  guid: string | undefined;
  html: string | undefined;
  text: string | undefined;
  dates: (string | undefined)[];
  authors: string[];
  categories: string[];
  images: string[];
}

// WordPress and others tag every unfiled post: not a rubric anyone follows.
const placeholderCategories = new Set(["non classé", "non classe", "uncategorized", "divers"]);

/**
 * Reads an RSS 0.9x/2.0, RSS 1.0 (RDF), Atom or JSON Feed document (with feedsmith) into
 * article inputs. Bad items are skipped and reported; a document that is not a feed throws
 * FeedParseError. A truncated XML body yields the complete items before the cut.
 */
export function parseFeed(text: string, options: ParseFeedOptions): ParsedFeed {
  const body = withoutDoctype(text.replace(/^\ufeff/, ""));
  let parsed: AnyFeed<string>;
  let truncated = false;
  if (unclosedXml(body)) {
    // The parser is lenient with a missing end: it would keep a half-received last item.
    const salvaged = salvageTruncated(body);
    if (!salvaged) throw explainUnreadable(body, null);
    parsed = salvaged;
    truncated = true;
  } else {
    try {
      parsed = parseAnyFeed<string>(body);
    } catch (error) {
      const salvaged = salvageTruncated(body);
      if (!salvaged) throw explainUnreadable(body, error);
      parsed = salvaged;
      truncated = true;
    }
  }
  const { format, title, siteUrl, raw } = normalize(parsed);
  const result: ParsedFeed = {
    format,
    title: title ? cleanInline(title) || null : null,
    siteUrl: absoluteUrl(siteUrl, options.url) ?? null,
    items: [],
    problems: [],
    total: raw.length,
    truncated,
  };
  const seen = new Map<string, number>();
  const inputs: { input: ArticleInput; position: number }[] = [];
  raw.forEach((item, index) => {
    const position = index + 1;
    const outcome = toInput(item, options.url);
    if ("reason" in outcome) {
      result.problems.push({
        position,
        title: outcome.title,
        reason: outcome.reason,
        skipped: true,
      });
      return;
    }
    const { input, notes } = outcome;
    for (const reason of notes) {
      result.problems.push({ position, title: input.title, reason, skipped: false });
    }
    const key = input.guid ?? input.url ?? "";
    const first = seen.get(key);
    if (first !== undefined) {
      result.problems.push({
        position,
        title: cleanInline(input.title),
        reason: `identifiant en double (déjà utilisé par l'élément n° ${first}) : seul le premier est importé`,
        skipped: true,
      });
      return;
    }
    seen.set(key, position);
    inputs.push({ input, position });
  });
  const max = options.maxItems ?? Number.POSITIVE_INFINITY;
  if (inputs.length > max) {
    const newest = [...inputs].sort(
      (a, b) =>
        (b.input.publishedAt?.getTime() ?? 0) - (a.input.publishedAt?.getTime() ?? 0) ||
        a.position - b.position,
    );
    const kept = new Set(newest.slice(0, max));
    result.problems.push({
      position: 0,
      title: null,
      reason: `le flux contient ${inputs.length} articles : seuls les ${max} plus récents sont lus, ${inputs.length - max} sont ignorés`,
      skipped: true,
    });
    result.items = inputs.filter((x) => kept.has(x)).map((x) => x.input);
  } else {
    result.items = inputs.map((x) => x.input);
  }
  if (truncated) {
    result.problems.push({
      position: 0,
      title: null,
      reason: `document tronqué ou mal terminé : articles complets lus avant la coupure : ${raw.length}`,
      skipped: false,
    });
  }
  return result;
}

/**
 * The document without its DOCTYPE. Old Drupal feeds declare HTML entity sets in one, which
 * makes the XML parser refuse the document, and feeds never need it: entities are decoded as
 * HTML anyway. Only a DOCTYPE in the prologue (before the first element) is one; it is found
 * with indexOf, in linear time — a regex with a lazy `[\s\S]*?` tried at every `<!DOCTYPE[`
 * of a hostile body was quadratic (800 KB of them froze the event loop for 20 s).
 */
export function withoutDoctype(body: string): string {
  // A real DOCTYPE follows at most an XML declaration and a comment or two.
  const start = body.slice(0, 2048).search(/<!DOCTYPE/i);
  if (start < 0 || /<[A-Za-z_]/.test(prologue(body, start))) return body;
  const close = body.indexOf(">", start);
  const open = body.indexOf("[", start);
  if (close < 0) return body;
  if (open < 0 || open > close) return body.slice(0, start) + body.slice(close + 1);
  // An internal subset: it ends at the first `]` followed by optional blanks and `>`.
  const end = /\]\s*>/g;
  end.lastIndex = open;
  const match = end.exec(body);
  return match ? body.slice(0, start) + body.slice(match.index + match[0].length) : body;
}

/** What comes before position `end`, comments and processing instructions removed. */
function prologue(body: string, end: number): string {
  return body.slice(0, end).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, "");
}

function normalize(parsed: AnyFeed<string>): {
  format: FeedFormat;
  title: string | undefined;
  siteUrl: string | undefined;
  raw: RawItem[];
} {
  switch (parsed.format) {
    case "rss": {
      const feed = parsed.feed;
      return {
        format: "rss",
        title: str(feed.title),
        siteUrl: str(feed.link),
        raw: (feed.items ?? []).map((item) => ({
          title: str(item.title),
          link: str(item.link),
          guid: str(item.guid?.value),
          html: nonBlank(item.content?.encoded) ?? nonBlank(item.description),
          text: undefined,
          dates: [
            str(item.pubDate),
            ...(item.dc?.dates ?? []).map(str),
            str(item.dcterms?.created),
          ],
          authors: [
            ...(item.dc?.creators ?? []),
            ...(item.authors ?? []).map((a) => a.name ?? a.email),
          ].flatMap(personName),
          categories: [
            ...(item.categories ?? []).map((c) => c.name),
            ...(item.dc?.subjects ?? []),
          ].flatMap(nonEmpty),
          images: [
            ...mediaImages(item.media),
            ...(item.enclosures ?? []).flatMap((e) =>
              isImage(e.type, e.url) ? nonEmpty(e.url) : [],
            ),
          ],
        })),
      };
    }
    case "rdf": {
      const feed = parsed.feed;
      return {
        format: "rdf",
        title: str(feed.title),
        siteUrl: str(feed.link),
        raw: (feed.items ?? []).map((item) => ({
          title: str(item.title),
          link: str(item.link) ?? str(item.rdf?.about),
          guid: str(item.rdf?.about),
          html: nonBlank(item.content?.encoded) ?? nonBlank(item.description),
          text: undefined,
          dates: [...(item.dc?.dates ?? []).map(str), str(item.dcterms?.created)],
          authors: (item.dc?.creators ?? []).flatMap(personName),
          categories: (item.dc?.subjects ?? []).flatMap(nonEmpty),
          images: mediaImages(item.media),
        })),
      };
    }
    case "atom": {
      const feed = parsed.feed;
      const alternate = (links: { href?: string; rel?: string }[] | undefined) =>
        links?.find((l) => !l.rel || l.rel === "alternate")?.href;
      return {
        format: "atom",
        title: str(feed.title?.value),
        siteUrl: str(alternate(feed.links)),
        raw: (feed.entries ?? []).map((entry) => {
          const content = entry.content?.src ? undefined : entry.content;
          const isText = (t: string | undefined) => t === undefined || t === "text";
          const main = nonBlank(content?.value);
          const summary = nonBlank(entry.summary?.value);
          return {
            title: str(entry.title?.value),
            link: str(alternate(entry.links)),
            guid: str(entry.id),
            html:
              main && !isText(content?.type)
                ? main
                : !main && summary && !isText(entry.summary?.type)
                  ? summary
                  : undefined,
            text: main && isText(content?.type) ? main : !main ? summary : undefined,
            dates: [str(entry.published), str(entry.updated), ...(entry.dc?.dates ?? []).map(str)],
            authors: [
              ...(entry.authors ?? []).map((a) => a.name),
              ...(entry.dc?.creators ?? []),
            ].flatMap(personName),
            categories: (entry.categories ?? []).flatMap((c) => nonEmpty(c.label ?? c.term)),
            images: [
              ...mediaImages(entry.media),
              ...(entry.links ?? []).flatMap((l) =>
                l.rel === "enclosure" && isImage(l.type, l.href) ? nonEmpty(l.href) : [],
              ),
            ],
          };
        }),
      };
    }
    case "json": {
      const feed = parsed.feed;
      return {
        format: "json",
        title: str(feed.title),
        siteUrl: str(feed.home_page_url),
        raw: (feed.items ?? []).map((item) => ({
          title: str(item.title),
          link: str(item.url) ?? str(item.external_url),
          guid: str(item.id) ?? (typeof item.id === "number" ? String(item.id) : undefined),
          html: nonBlank(item.content_html),
          text: nonBlank(item.content_html)
            ? undefined
            : (nonBlank(item.content_text) ?? nonBlank(item.summary)),
          dates: [str(item.date_published), str(item.date_modified)],
          authors: (item.authors ?? []).flatMap((a) => personName(a.name)),
          categories: (item.tags ?? []).flatMap(nonEmpty),
          images: [
            ...nonEmpty(item.image),
            ...nonEmpty(item.banner_image),
            ...(item.attachments ?? []).flatMap((a) =>
              isImage(a.mime_type, a.url) ? nonEmpty(a.url) : [],
            ),
          ],
        })),
      };
    }
  }
}

/** One raw item to an ArticleInput plus notes, or the reason it cannot be imported. */
function toInput(
  item: RawItem,
  feedUrl: string,
): { input: ArticleInput; notes: string[] } | { reason: string; title: string | null } {
  const title = item.title ? cleanInline(item.title) : "";
  const guid = stableGuid(item.guid, feedUrl);
  const link =
    absoluteUrl(item.link, feedUrl) ??
    (item.guid && /^https?:\/\//i.test(item.guid) ? absoluteUrl(item.guid, feedUrl) : undefined);
  if (!title && !link) return { reason: "ni titre ni lien : élément ignoré", title: null };
  if (!title) return { reason: `sans titre (${link}) : élément ignoré`, title: null };
  if (!link) {
    return { reason: "sans lien vers l'article : élément ignoré", title };
  }
  const notes: string[] = [];
  const rawDate = item.dates.find((d) => d?.trim());
  const publishedAt = rawDate ? parseFeedDate(rawDate) : null;
  if (rawDate && !publishedAt) {
    notes.push(`date illisible « ${rawDate.slice(0, 60)} » : l'heure d'import est retenue`);
  }
  const html = item.html;
  // A feed with titles only (no excerpt, no content) still gives readers a headline and a link.
  const body = html ? undefined : (item.text ?? title);
  const input: ArticleInput = {
    title,
    url: link,
    categories: uniqueCaseless(
      item.categories
        .map(cleanInline)
        .filter((c) => c && !placeholderCategories.has(c.toLowerCase())),
    ),
    origin: feedUrl,
    status: "published",
  };
  if (html) input.html = html;
  if (body) input.body = body;
  if (guid) input.guid = guid;
  if (publishedAt) input.publishedAt = publishedAt;
  const author = item.authors.map(cleanInline).find(Boolean);
  if (author) input.author = author;
  const image = [...item.images, ...(html ? firstImage(html) : [])]
    .map((src) => absoluteUrl(src, link))
    .find((src) => src !== undefined);
  if (image) input.image = image;
  return { input, notes };
}

/**
 * The item's identity across polls. WordPress's `https://site/?p=123` is kept as is (it
 * survives a changed slug); a bare id ("123", "article-42") is qualified by the feed's host so
 * two sites' "123" never collide in the store.
 */
export function stableGuid(raw: string | undefined, feedUrl: string): string | undefined {
  const guid = raw?.trim();
  if (!guid) return undefined;
  if (/^[a-z][a-z\d+.-]*:/i.test(guid)) return guid;
  if (guid.startsWith("/") || guid.startsWith("?")) return absoluteUrl(guid, feedUrl) ?? guid;
  return `${hostOf(feedUrl)}#${guid}`;
}

/** An http(s) URL made absolute against `base`, or undefined (javascript:, mailto:, junk). */
function absoluteUrl(value: string | undefined, base: string): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  try {
    const url = new URL(v, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function nonEmpty(value: unknown): string[] {
  const v = nonBlank(value);
  return v ? [v.trim()] : [];
}

/** "jean@site.ml (Jean Traoré)" → "Jean Traoré"; a bare e-mail is not a byline. */
function personName(value: unknown): string[] {
  const v = nonBlank(value)?.trim();
  if (!v) return [];
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(v);
  if (named?.[1]) return [named[1]];
  return /^\S+@\S+$/.test(v) ? [] : [v];
}

function isImage(type: string | undefined, url: string | undefined): boolean {
  if (type) return type.toLowerCase().startsWith("image/");
  return /\.(jpe?g|png|gif|webp)(\?|$)/i.test(url ?? "");
}

interface MediaLike {
  contents?: { url?: string; type?: string; medium?: string }[];
  thumbnails?: { url?: string }[];
  groups?: { contents?: { url?: string; type?: string; medium?: string }[] }[];
}

function mediaImages(media: MediaLike | undefined): string[] {
  if (!media) return [];
  const contents = [
    ...(media.contents ?? []),
    ...(media.groups ?? []).flatMap((g) => g.contents ?? []),
  ];
  return [
    ...contents.flatMap((c) =>
      c.medium === "image" || isImage(c.type, c.url) ? nonEmpty(c.url) : [],
    ),
    ...(media.thumbnails ?? []).flatMap((t) => nonEmpty(t.url)),
  ];
}

/** The first picture in the item's HTML (read with a real HTML parser). */
function firstImage(html: string): string[] {
  if (!html.includes("<img")) return [];
  const doc = parseDocument(html);
  const stack = [...doc.children];
  while (stack.length > 0) {
    const node = stack.shift();
    if (node?.type !== "tag") continue;
    const el = node as unknown as {
      name: string;
      attribs: Record<string, string>;
      children: typeof stack;
    };
    if (el.name === "img" && el.attribs.src) return [el.attribs.src];
    stack.unshift(...el.children);
  }
  return [];
}

/** An RSS, Atom or RDF document whose root element is never closed: it was cut short. */
function unclosedXml(body: string): boolean {
  const head = body.slice(0, 2000);
  if (!/<(rss|feed|(\w+:)?RDF)[\s>]/.test(head)) return false;
  const tail = body.slice(-2000);
  // A comment's inside cannot contain "-->": no two ways to split the tail, no backtracking blow-up.
  return !/<\/(?:[\w-]+:)?(?:rss|feed|rdf)\s*>\s*(?:<!--(?:[^-]|-(?!->))*-->\s*)*$/i.test(tail);
}

/**
 * A body cut mid-transfer fails to parse as a whole. The items before the cut are complete:
 * close the document after the last one and read those.
 */
function salvageTruncated(body: string): AnyFeed<string> | null {
  const head = body.slice(0, 2000);
  let closer: string;
  let last: number;
  if (/<rss[\s>]/i.test(head)) {
    last = body.toLowerCase().lastIndexOf("</item>");
    closer = "</item></channel></rss>";
  } else if (/<feed[\s>]/i.test(head)) {
    last = body.toLowerCase().lastIndexOf("</entry>");
    closer = "</entry></feed>";
  } else {
    const rdf = /<(\w+:)?RDF[\s>]/.exec(head);
    if (!rdf) return null;
    last = body.toLowerCase().lastIndexOf("</item>");
    closer = `</item></${rdf[1] ?? ""}RDF>`;
  }
  if (last < 0) return null;
  try {
    const parsed = parseAnyFeed<string>(body.slice(0, last) + closer);
    return parsed.format === "json" ? null : parsed;
  } catch {
    return null;
  }
}

/** Says what the document is instead of a feed, and what the operator can do. */
function explainUnreadable(body: string, cause: unknown): FeedParseError {
  const start = body.trimStart().slice(0, 1000);
  let message: string;
  if (start === "") {
    message = "réponse vide : le serveur n'a rien renvoyé";
  } else if (/^(<!doctype html|<html)/i.test(start)) {
    message = "page HTML et non flux : vérifiez l'adresse (souvent …/feed/, …/rss ou …/atom.xml)";
  } else if (unclosedXml(body)) {
    message =
      "flux tronqué avant la fin du premier article : le site a envoyé un document incomplet";
  } else if (start.startsWith("<")) {
    const root = /<([A-Za-z_][\w:.-]*)[\s>/]/.exec(
      start.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ""),
    );
    message = root
      ? `document XML <${root[1]}> qui n'est ni RSS, ni Atom, ni JSON Feed (ou XML mal formé)`
      : "XML illisible (mal formé ou tronqué)";
  } else if (start.startsWith("{") || start.startsWith("[")) {
    message = "JSON qui n'est pas un JSON Feed (version 1.0 ou 1.1) ou JSON mal formé";
  } else {
    message = "contenu illisible : ni XML ni JSON (fichier binaire ou texte brut ?)";
  }
  const next = /vérifiez l'adresse/.test(message) ? "" : ". Vérifiez l'adresse du flux";
  return new FeedParseError(`${message}${next}`, { cause });
}
