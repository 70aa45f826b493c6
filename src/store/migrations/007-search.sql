-- Search (ArticlesRepo.search): each word a reader searches for is expanded into the index terms
-- it is a prefix of ("ministre" -> "ministre" OR "ministres"), read from this vocabulary of
-- articles_fts. FTS5 reads such an OR lazily, newest first, and stops after the few hundred
-- matches a search ranks; its own prefix query ("ministre"*) first merges every posting of every
-- matching term, tens of thousands for a common word.
CREATE VIRTUAL TABLE articles_fts_vocab USING fts5vocab (articles_fts, row);

-- Expansions are cached in the process; this counter tells it when articles (and so, maybe, the
-- vocabulary) changed. Deletions leave it alone: a term that no longer exists matches nothing.
CREATE TABLE search_generation (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
);
INSERT INTO search_generation (id, value) VALUES (1, 0);
CREATE TRIGGER articles_search_generation_insert AFTER INSERT ON articles BEGIN
  UPDATE search_generation SET value = value + 1 WHERE id = 1;
END;
CREATE TRIGGER articles_search_generation_update
AFTER UPDATE OF title, summary, body, categories ON articles BEGIN
  UPDATE search_generation SET value = value + 1 WHERE id = 1;
END;
