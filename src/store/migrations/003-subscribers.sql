-- Readers who wrote to the bot. A phone number is personal data: only what the service needs.
CREATE TABLE subscribers (
  id              INTEGER PRIMARY KEY,
  chat_id         TEXT NOT NULL UNIQUE,      -- e.g. 22370000000@c.us
  language        TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
  -- Explicit opt-in ("abonner"); NULL = never subscribed, or erased. Alerts go only when set
  -- and stopped_at is NULL.
  opted_in_at     INTEGER,
  stopped_at      INTEGER,                   -- "stop": honoured at once, kept to prove it
  mode            TEXT NOT NULL DEFAULT 'instant' CHECK (mode IN ('instant', 'daily')),
  digest_time     TEXT,                      -- HH:MM for daily mode; NULL = the newsroom default
  last_digest_at  INTEGER,
  unreachable_at  INTEGER,                   -- set after repeated permanent send failures
  permanent_failures INTEGER NOT NULL DEFAULT 0,
  first_seen_at   INTEGER NOT NULL,
  last_seen_at    INTEGER NOT NULL
);
CREATE INDEX subscribers_active ON subscribers (mode) WHERE opted_in_at IS NOT NULL AND stopped_at IS NULL;

CREATE TABLE follows (
  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  category_key  TEXT NOT NULL,               -- folded like article_categories.category_key
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (category_key, subscriber_id)
) WITHOUT ROWID;
CREATE INDEX follows_subscriber ON follows (subscriber_id);
