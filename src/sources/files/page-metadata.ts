/** What a saved article page says about itself in its <head> and markup. */
export interface PageMetadata {
  title?: string | undefined;
  publishedAt?: Date | undefined;
  rubrics: string[];
  author?: string | undefined;
  image?: string | undefined;
  url?: string | undefined;
}

interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

/** The page's elements the metadata is read from, found by the caller's one walk of the page. */
export interface MetadataElements {
  metas: readonly PageElement[];
  /** `<time>` elements, in page order. */
  times: readonly PageElement[];
  scripts: readonly PageElement[];
}

const ARTICLE_TYPES =
  /^(?:NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|Report|ScholarlyArticle|TechArticle|LiveBlogPosting)$/;

/**
 * Title, date, rubrics, author, image and address from JSON-LD (NewsArticle/Article…), then
 * Open Graph / `article:` meta, then `<time datetime>`: the first that gives a value wins.
 */
export function readPageMetadata(page: MetadataElements): PageMetadata {
  const ld = jsonLdArticle(page.scripts);
  const all = page.metas;
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      for (const el of all) {
        const k =
          el.getAttribute("property") ?? el.getAttribute("name") ?? el.getAttribute("itemprop");
        const v = el.getAttribute("content")?.trim();
        if (k?.toLowerCase() === key && v) return v;
      }
    }
    return undefined;
  };
  const metas = (key: string) =>
    all
      .filter((el) => (el.getAttribute("property") ?? el.getAttribute("name")) === key)
      .map((el) => el.getAttribute("content")?.trim() ?? "")
      .filter(Boolean);
  const time = page.times.map((el) => el.getAttribute("datetime")).find((v) => v !== null);
  const date = [
    text(ld?.datePublished),
    meta("article:published_time", "og:published_time", "datepublished", "date", "dc.date"),
    time ?? undefined,
    text(ld?.dateCreated),
  ]
    .map((v) => (v ? new Date(v) : undefined))
    .find((d) => d && !Number.isNaN(d.getTime()));
  const rubrics = [
    ...names(ld?.articleSection),
    ...metas("article:section"),
    ...metas("article:tag"),
  ];
  return {
    title: text(ld?.headline) ?? meta("og:title", "twitter:title"),
    publishedAt: date,
    rubrics: unique(rubrics),
    author: names(ld?.author)[0] ?? meta("author", "article:author"),
    image: names(ld?.image)[0] ?? meta("og:image", "twitter:image"),
    url: meta("og:url") ?? text(ld?.url) ?? text(ld?.mainEntityOfPage),
  };
}

type Ld = Record<string, unknown>;

function jsonLdArticle(scripts: readonly PageElement[]): Ld | undefined {
  for (const script of scripts) {
    if (script.getAttribute("type")?.trim().toLowerCase() !== "application/ld+json") continue;
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const found = findArticle(data, 0);
    if (found) return found;
  }
  return undefined;
}

function findArticle(data: unknown, depth: number): Ld | undefined {
  if (depth > 4 || data === null || typeof data !== "object") return undefined;
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findArticle(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const o = data as Ld;
  const types = Array.isArray(o["@type"]) ? o["@type"] : [o["@type"]];
  if (types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t))) return o;
  return findArticle(o["@graph"], depth + 1);
}

function text(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim() || undefined;
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Ld;
    return text(o["@id"]) ?? text(o.url);
  }
  return undefined;
}

/** A JSON-LD value that may be a string, an object with a name/url, or an array of those. */
function names(v: unknown): string[] {
  if (typeof v === "string") return v.trim() ? [v.trim()] : [];
  if (Array.isArray(v)) return v.flatMap(names);
  if (v && typeof v === "object") {
    const o = v as Ld;
    return names(o.name ?? o.url);
  }
  return [];
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = v.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
