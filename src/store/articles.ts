import type { Database, Statement } from "better-sqlite3";
import type { ArticleStatus, Block, PreparedArticle } from "../news/article.ts";
import { fold } from "../news/fold.ts";

/** An article as stored: its stable id and times on top of what ingestion prepared. */
export interface StoredArticle extends Omit<PreparedArticle, "publishedAt"> {
  id: number;
  publishedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export type UpsertOutcome = "imported" | "updated" | "unchanged";

export interface Rubric {
  key: string;
  name: string;
  count: number;
}

interface ArticleRow {
  id: number;
  guid: string | null;
  url: string | null;
  title: string;
  categories: string;
  author: string | null;
  dateline: string | null;
  published_at: number;
  status: ArticleStatus;
  body: string;
  blocks: string;
  key_points: string;
  summary: string;
  image: string | null;
  content_hash: string;
  origin: string;
  created_at: number;
  updated_at: number;
}

type ArticleIdentity = Pick<ArticleRow, "id" | "guid" | "url" | "published_at" | "content_hash">;

/** Normalised title + publication day: the last-resort identity of an article. */
export function titleKey(title: string, publishedAt: Date | null): string {
  const words = fold(title)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return `${words}|${publishedAt ? publishedAt.toISOString().slice(0, 10) : ""}`;
}

/** Turns any reader's text into an FTS5 query made only of quoted prefix terms: never syntax. */
export function ftsQuery(text: string, joiner: "AND" | "OR" = "AND"): string | null {
  const words = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(` ${joiner} `);
}

const published = "status = 'published' AND published_at <= @now";

/** The articles table: upsert with dedupe, lookups for readers and editors, search. */
export class ArticlesRepo {
  readonly #db: Database;
  readonly #byGuid: Statement<[string], ArticleIdentity>;
  readonly #byUrl: Statement<[string], ArticleIdentity>;
  readonly #byTitleKey: Statement<[string], ArticleIdentity>;
  readonly #byId: Statement<[number], ArticleRow>;
  readonly #insert: Statement<[object]>;
  readonly #update: Statement<[object]>;
  readonly #clearCategories: Statement<[number]>;
  readonly #addCategory: Statement<[number, string]>;

  constructor(db: Database) {
    this.#db = db;
    // Dedupe lookups read only what upsert compares, never the body.
    const identity = "SELECT id, guid, url, published_at, content_hash FROM articles";
    this.#byGuid = db.prepare(`${identity} WHERE guid = ?`);
    this.#byUrl = db.prepare(`${identity} WHERE url = ? ORDER BY id LIMIT 1`);
    this.#byTitleKey = db.prepare(`${identity} WHERE title_key = ? ORDER BY id LIMIT 1`);
    this.#byId = db.prepare("SELECT * FROM articles WHERE id = ?");
    this.#insert = db.prepare(
      `INSERT INTO articles (guid, url, title_key, title, categories, author, dateline,
         published_at, status, body, blocks, key_points, summary, image, content_hash,
         origin, announced_at, created_at, updated_at)
       VALUES (@guid, @url, @title_key, @title, @categories, @author, @dateline,
         @published_at, @status, @body, @blocks, @key_points, @summary, @image,
         @content_hash, @origin, @announced_at, @now, @now)`,
    );
    this.#update = db.prepare(
      `UPDATE articles SET guid = @guid, url = @url, title_key = @title_key, title = @title,
         categories = @categories, author = @author, dateline = @dateline,
         published_at = @published_at, status = @status, body = @body, blocks = @blocks,
         key_points = @key_points, summary = @summary, image = @image,
         content_hash = @content_hash, origin = @origin, updated_at = @now
       WHERE id = @id`,
    );
    this.#clearCategories = db.prepare("DELETE FROM article_categories WHERE article_id = ?");
    this.#addCategory = db.prepare(
      "INSERT OR IGNORE INTO article_categories (article_id, category_key) VALUES (?, ?)",
    );
  }

  /**
   * Runs `fn` in one transaction (upserts inside become savepoints): a batch of imports costs
   * one commit, and FTS5 merges its index once per batch instead of once per article.
   */
  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  /**
   * Stores an article, deduplicated by guid, else url, else normalised title + day.
   * A changed article is updated in place (same id); an unchanged one is left alone.
   * `known`: a backlog item (a feed's first poll) — stored as already announced, never broadcast.
   */
  upsert(
    article: PreparedArticle,
    now: Date,
    options: { known?: boolean } = {},
  ): { id: number; outcome: UpsertOutcome } {
    return this.#db.transaction(() => {
      const key = titleKey(article.title, article.publishedAt);
      const existing =
        (article.guid ? this.#byGuid.get(article.guid) : undefined) ??
        (article.url ? this.#byUrl.get(article.url) : undefined) ??
        (!article.guid && !article.url ? this.#byTitleKey.get(key) : undefined);
      if (existing && existing.content_hash === article.contentHash) {
        return { id: existing.id, outcome: "unchanged" as const };
      }
      const values = {
        guid: article.guid ?? existing?.guid ?? null,
        url: article.url ?? existing?.url ?? null,
        title_key: key,
        title: article.title,
        categories: JSON.stringify(article.categories),
        author: article.author,
        dateline: article.dateline,
        published_at: article.publishedAt?.getTime() ?? existing?.published_at ?? now.getTime(),
        status: article.status,
        body: article.bodyText,
        blocks: JSON.stringify(article.blocks),
        key_points: JSON.stringify(article.keyPoints),
        summary: article.summary,
        image: article.image,
        content_hash: article.contentHash,
        origin: article.origin,
        now: now.getTime(),
        announced_at: options.known ? now.getTime() : null,
      };
      let id: number;
      if (existing) {
        id = existing.id;
        this.#update.run({ ...values, id });
        this.#clearCategories.run(id);
      } else {
        id = Number(this.#insert.run(values).lastInsertRowid);
      }
      for (const name of article.categories) this.#addCategory.run(id, fold(name));
      return { id, outcome: existing ? ("updated" as const) : ("imported" as const) };
    })();
  }

  /** Any article by id, draft or future-dated included (editors' previews). */
  get(id: number): StoredArticle | null {
    if (!Number.isSafeInteger(id)) return null;
    const row = this.#byId.get(id);
    return row ? toArticle(row) : null;
  }

  /** Published articles, newest first, optionally in one rubric (matched folded). */
  latest(options: { now: Date; limit: number; category?: string | undefined }): StoredArticle[] {
    const params = { now: options.now.getTime(), limit: options.limit };
    if (options.category) {
      return this.#db
        .prepare<[object], ArticleRow>(
          `SELECT a.* FROM article_categories c JOIN articles a ON a.id = c.article_id
           WHERE c.category_key = @category AND a.status = 'published' AND a.published_at <= @now
           ORDER BY a.published_at DESC, a.id DESC LIMIT @limit`,
        )
        .all({ ...params, category: fold(options.category) })
        .map(toArticle);
    }
    return this.#db
      .prepare<[object], ArticleRow>(
        `SELECT * FROM articles WHERE ${published}
         ORDER BY published_at DESC, id DESC LIMIT @limit`,
      )
      .all(params)
      .map(toArticle);
  }

  /** All articles for the operator, drafts included, newest first. */
  list(options: { limit: number; category?: string | undefined }): StoredArticle[] {
    const sql = options.category
      ? `SELECT a.* FROM article_categories c JOIN articles a ON a.id = c.article_id
         WHERE c.category_key = @category ORDER BY a.published_at DESC, a.id DESC LIMIT @limit`
      : "SELECT * FROM articles ORDER BY published_at DESC, id DESC LIMIT @limit";
    return this.#db
      .prepare<[object], ArticleRow>(sql)
      .all({ limit: options.limit, category: fold(options.category ?? "") })
      .map(toArticle);
  }

  /**
   * Full-text search over published articles, best matches first. Every word must match
   * (as a prefix, accents folded); if none does, any word may.
   */
  search(text: string, options: { now: Date; limit: number }): StoredArticle[] {
    for (const joiner of ["AND", "OR"] as const) {
      const match = ftsQuery(text, joiner);
      if (!match) return [];
      const rows = this.#db
        .prepare<[object], ArticleRow>(
          `SELECT a.* FROM articles_fts f JOIN articles a ON a.id = f.rowid
           WHERE articles_fts MATCH @match AND a.status = 'published' AND a.published_at <= @now
           ORDER BY bm25(articles_fts, 8.0, 3.0, 1.0, 2.0), a.published_at DESC LIMIT @limit`,
        )
        .all({ match, now: options.now.getTime(), limit: options.limit });
      if (rows.length > 0) return rows.map(toArticle);
    }
    return [];
  }

  /** The rubrics of published articles, most used first, with a display name. */
  rubrics(now: Date): Rubric[] {
    const rows = this.#db
      .prepare<[object], { key: string; count: number }>(
        `SELECT c.category_key AS key, count(*) AS count
         FROM article_categories c JOIN articles a ON a.id = c.article_id
         WHERE a.status = 'published' AND a.published_at <= @now
         GROUP BY c.category_key ORDER BY count DESC, key`,
      )
      .all({ now: now.getTime() });
    const names = this.#db.prepare<[string], { categories: string }>(
      `SELECT a.categories FROM article_categories c JOIN articles a ON a.id = c.article_id
       WHERE c.category_key = ? ORDER BY a.published_at DESC LIMIT 1`,
    );
    return rows.map((r) => {
      const cats = JSON.parse(names.get(r.key)?.categories ?? "[]") as string[];
      return { ...r, name: cats.find((c) => fold(c) === r.key) ?? r.key };
    });
  }

  /** Counts for `stats`. */
  counts(now: Date): { total: number; published: number; scheduled: number; drafts: number } {
    return this.#db
      .prepare<[object], { total: number; published: number; scheduled: number; drafts: number }>(
        `SELECT count(*) AS total,
           coalesce(sum(status = 'published' AND published_at <= @now), 0) AS published,
           coalesce(sum(status = 'published' AND published_at > @now), 0) AS scheduled,
           coalesce(sum(status = 'draft'), 0) AS drafts
         FROM articles`,
      )
      .get({ now: now.getTime() }) as {
      total: number;
      published: number;
      scheduled: number;
      drafts: number;
    };
  }
}

function toArticle(row: ArticleRow): StoredArticle {
  return {
    id: row.id,
    guid: row.guid,
    url: row.url,
    title: row.title,
    categories: JSON.parse(row.categories) as string[],
    author: row.author,
    dateline: row.dateline,
    publishedAt: new Date(row.published_at),
    status: row.status,
    bodyText: row.body,
    blocks: JSON.parse(row.blocks) as Block[],
    keyPoints: JSON.parse(row.key_points) as string[],
    summary: row.summary,
    image: row.image,
    contentHash: row.content_hash,
    origin: row.origin,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
