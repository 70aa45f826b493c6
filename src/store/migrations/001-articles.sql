-- Articles as published by the newsroom, cleaned and summarised. Times are Unix milliseconds.
CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  guid          TEXT,
  url           TEXT,
  -- Normalised title + publication day: the dedupe key when there is neither guid nor url.
  title_key     TEXT NOT NULL,
  title         TEXT NOT NULL,
  categories    TEXT NOT NULL DEFAULT '[]',  -- JSON array of display names
  author        TEXT,
  dateline      TEXT,
  published_at  INTEGER,
  status        TEXT NOT NULL CHECK (status IN ('published', 'draft')),
  body          TEXT NOT NULL,
  blocks        TEXT NOT NULL,               -- JSON Block[]
  key_points    TEXT NOT NULL DEFAULT '[]',  -- JSON string[]
  summary       TEXT NOT NULL,
  image         TEXT,
  content_hash  TEXT NOT NULL,
  origin        TEXT NOT NULL,
  -- When the planner queued its Channel post and alerts. Set at import for a feed's backlog
  -- ("already known": never broadcast). NULL = not yet announced.
  announced_at  INTEGER,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX articles_guid ON articles (guid) WHERE guid IS NOT NULL;
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_title_key ON articles (title_key);
CREATE INDEX articles_published ON articles (status, published_at DESC);
CREATE INDEX articles_unannounced ON articles (published_at) WHERE announced_at IS NULL;

-- Rubrics, folded (lowercase, no accents) so "Politique", "politique" and "POLITIQUE" match.
CREATE TABLE article_categories (
  article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  category_key TEXT NOT NULL,
  PRIMARY KEY (category_key, article_id)
) WITHOUT ROWID;
CREATE INDEX article_categories_article ON article_categories (article_id);

-- Full-text search: accents folded, so "sahel russie" finds "Sahel" and "Russie".
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, summary, body, categories,
  content = 'articles', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, summary, body, categories)
  VALUES (new.id, new.title, new.summary, new.body, new.categories);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, summary, body, categories)
  VALUES ('delete', old.id, old.title, old.summary, old.body, old.categories);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, body, categories ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, summary, body, categories)
  VALUES ('delete', old.id, old.title, old.summary, old.body, old.categories);
  INSERT INTO articles_fts (rowid, title, summary, body, categories)
  VALUES (new.id, new.title, new.summary, new.body, new.categories);
END;
