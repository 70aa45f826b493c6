import type { ArticleInput, ArticleStatus } from "../../domain/article.ts";
import { printable } from "../../lib/printable.ts";

/** Article fields as JSON files and Markdown front matter spell them (several aliases). */
export interface ArticleFields {
  title?: unknown;
  body?: unknown;
  text?: unknown;
  content?: unknown;
  html?: unknown;
  url?: unknown;
  link?: unknown;
  guid?: unknown;
  id?: unknown;
  categories?: unknown;
  category?: unknown;
  rubrique?: unknown;
  tags?: unknown;
  author?: unknown;
  publishedAt?: unknown;
  published_at?: unknown;
  date?: unknown;
  status?: unknown;
  image?: unknown;
  dateline?: unknown;
}

/** Validates loose fields into an ArticleInput, or returns the reason it cannot be one. */
export function fieldsToInput(
  fields: ArticleFields,
  origin: string,
  body: { text?: string; html?: string } = {},
): ArticleInput | string {
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) {
    return 'un article doit être un objet JSON { "title": …, "body": … }';
  }
  const title = str(fields.title);
  if (!title) return 'titre manquant : ajoutez "title"';
  const text = body.text ?? str(fields.body) ?? str(fields.text) ?? str(fields.content);
  const html = body.html ?? str(fields.html);
  if (!text?.trim() && !html?.trim()) return 'corps vide : ajoutez "body" (texte) ou "html"';
  const status = str(fields.status)?.toLowerCase();
  if (status && !["published", "draft", "publie", "publié", "brouillon"].includes(status)) {
    return `statut « ${status} » inconnu : utilisez published ou draft`;
  }
  const dateValue = fields.publishedAt ?? fields.published_at ?? fields.date;
  let publishedAt: Date | undefined;
  if (dateValue !== undefined && dateValue !== null && dateValue !== "") {
    const d = dateValue instanceof Date ? dateValue : new Date(String(dateValue));
    if (Number.isNaN(d.getTime())) {
      return `date « ${String(dateValue)} » illisible : utilisez le format ISO, ex. 2025-04-02T09:30:00Z`;
    }
    publishedAt = d;
  }
  const url = webAddress(str(fields.url) ?? str(fields.link));
  if (url && !url.ok)
    return `adresse « ${url.raw} » refusée : "url" doit être une adresse web complète (https://…)`;
  const image = webAddress(str(fields.image));
  if (image && !image.ok)
    return `image « ${image.raw} » refusée : "image" doit être une adresse web complète (https://…/photo.jpg)`;
  const categories = strings(
    fields.categories ?? fields.category ?? fields.rubrique ?? fields.tags,
  );
  return {
    title,
    body: text,
    html,
    url: url?.href,
    guid: str(fields.guid) ?? (typeof fields.id === "number" ? String(fields.id) : str(fields.id)),
    categories,
    author: str(fields.author),
    dateline: str(fields.dateline),
    publishedAt,
    status: (status === "draft" || status === "brouillon" ? "draft" : "published") as ArticleStatus,
    image: image?.href,
    origin,
  };
}

/**
 * An http(s) address, or why not: `javascript:`, `data:`, `file:` or a relative path in "url" or
 * "image" would reach readers' messages as a link they might tap.
 */
export function webAddress(
  value: string | undefined,
): { ok: true; href: string } | { ok: false; raw: string } | undefined {
  if (value === undefined) return undefined;
  const raw = printable(value.slice(0, 80));
  try {
    const url = new URL(value);
    if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname) {
      return { ok: true, href: url.href };
    }
  } catch {}
  return { ok: false, raw };
}

function str(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const s = value.trim();
  return s === "" ? undefined : s;
}

function strings(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
  return parts
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim())
    .filter(Boolean);
}
