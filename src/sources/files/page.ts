import type { Element } from "domhandler";
import * as du from "domutils";
import { parseDocument } from "htmlparser2";
import type { ArticleInput } from "../../domain/article.ts";
import { cleanInline, looksLikeHeading, uniqueCaseless } from "../../lib/text.ts";
import type { FileRead } from "./file-read.ts";

/**
 * A `.txt` page as a newsroom's site renders it: breadcrumbs ("PolitiqueDiplomatie, Politique"),
 * then the title, then the body. Text that is really HTML goes to `readHtmlPage`.
 */
export function readTextPage(text: string, file: string): FileRead {
  if (/<(?:p|div|br|h[1-6]|article|html|body)\b[^>]*>/i.test(text)) return readHtmlPage(text, file);
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t\u00a0]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  let categories: string[] = [];
  const first = paragraphs[0] ?? "";
  if (paragraphs.length > 2 && !first.includes("\n") && looksLikeBreadcrumbs(first)) {
    categories = splitBreadcrumbs(first);
    paragraphs.shift();
  }
  const title = cleanInline(paragraphs.shift() ?? "");
  if (!title || title.length > 300 || title.includes("\n")) {
    return problem(
      file,
      "titre introuvable : la première ligne (après les rubriques) doit être le titre",
    );
  }
  const body = paragraphs.join("\n\n");
  if (!body.trim())
    return problem(file, "corps vide : le texte de l'article manque après le titre");
  return { inputs: [{ title, body, categories, origin: file }], problems: [] };
}

/** A short line of rubric names, comma-separated or glued ("PolitiqueDiplomatie"). */
function looksLikeBreadcrumbs(line: string): boolean {
  const parts = line.split(/\s*[,>›»|/]\s*/).filter(Boolean);
  return (
    line.length <= 100 &&
    looksLikeHeading(line.replace(/,/g, "")) &&
    parts.length >= 1 &&
    parts.every((p) => p.split(/\s+/).length <= 3) &&
    (parts.length > 1 || /\p{Ll}\p{Lu}/u.test(line))
  );
}

/** "PolitiqueDiplomatie, Politique" -> ["Politique", "Diplomatie"]. */
export function splitBreadcrumbs(line: string): string[] {
  const names = line
    .split(/\s*[,>›»|/]\s*/)
    .flatMap((part) => part.split(/(?<=\p{Ll})(?=\p{Lu})/u))
    .map((p) => p.trim())
    .filter((p) => p.length > 1 && !/^(?:accueil|home)$/i.test(p));
  return uniqueCaseless(names);
}

/** A saved `.html` article page: title, rubrics and date from its metadata, body from <article>. */
export function readHtmlPage(html: string, file: string): FileRead {
  const doc = parseDocument(html, { decodeEntities: true });
  const meta = (key: string) => {
    const el = du.findOne(
      (e) =>
        e.name === "meta" &&
        (du.getAttributeValue(e, "property") === key || du.getAttributeValue(e, "name") === key),
      doc.children,
    );
    return el ? cleanInline(du.getAttributeValue(el, "content") ?? "") || undefined : undefined;
  };
  const find = (test: (e: Element) => boolean) => du.findOne(test, doc.children);
  const h1 = find((e) => e.name === "h1");
  const titleEl = find((e) => e.name === "title");
  const title =
    (h1 && cleanInline(du.textContent(h1))) ||
    meta("og:title") ||
    (titleEl && cleanInline(du.textContent(titleEl))) ||
    "";
  if (!title) return problem(file, "titre introuvable : ajoutez un <h1> ou <title>");
  const container =
    find((e) => e.name === "article") ??
    find((e) => /\b(?:entry-content|article-body|post-content)\b/.test(e.attribs.class ?? "")) ??
    find((e) => e.name === "body");
  if (h1) du.removeElement(h1);
  const bodyHtml = container ? du.getInnerHTML(container) : html;
  const categories = [
    ...du.findAll(
      (e) =>
        e.name === "meta" &&
        ["article:section", "article:tag"].includes(du.getAttributeValue(e, "property") ?? ""),
      doc.children,
    ),
  ].map((e) => cleanInline(du.getAttributeValue(e, "content") ?? ""));
  const published = meta("article:published_time");
  const date = published ? new Date(published) : undefined;
  const input: ArticleInput = {
    title,
    html: bodyHtml,
    categories: categories.filter(Boolean),
    url: meta("og:url"),
    image: meta("og:image"),
    author: meta("author") ?? meta("article:author"),
    publishedAt: date && !Number.isNaN(date.getTime()) ? date : undefined,
    origin: file,
  };
  return { inputs: [input], problems: [] };
}

function problem(origin: string, reason: string): FileRead {
  return { inputs: [], problems: [{ origin, reason }] };
}
