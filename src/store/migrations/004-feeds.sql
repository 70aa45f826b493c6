-- Feed sources (RSS, Atom, JSON Feed) and their polling state. Times are Unix milliseconds.
CREATE TABLE feeds (
  id                   INTEGER PRIMARY KEY,
  url                  TEXT NOT NULL UNIQUE,
  -- The address as added (CLI or FEEDS): kept when a permanent redirect moves `url`, so
  -- seeding from .env does not add the old address again.
  added_url            TEXT NOT NULL,
  title                TEXT,
  -- A rubric added to every article of this feed (e.g. a site's "sport" feed).
  category             TEXT,
  interval_ms          INTEGER NOT NULL,
  etag                 TEXT,
  last_modified        TEXT,
  last_polled_at       INTEGER,
  last_success_at      INTEGER,
  -- The first successful poll: its items were imported as already known (never broadcast).
  first_success_at     INTEGER,
  last_status          TEXT CHECK (last_status IN ('ok', 'not-modified', 'error')),
  last_http_status     INTEGER,
  last_error           TEXT,
  -- JSON [{position, title, reason, skipped}] from the last poll that read the feed.
  last_problems        TEXT NOT NULL DEFAULT '[]',
  last_item_count      INTEGER,
  articles_new         INTEGER NOT NULL DEFAULT 0,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  next_poll_at         INTEGER NOT NULL,
  disabled_at          INTEGER,
  disabled_reason      TEXT,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
);
CREATE INDEX feeds_due ON feeds (next_poll_at) WHERE disabled_at IS NULL;
CREATE INDEX feeds_added_url ON feeds (added_url);
