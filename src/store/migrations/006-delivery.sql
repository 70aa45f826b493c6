-- Broadcasts as editors see them: one article (or one breaking text) sent to the Channel and to
-- readers, now or at a set time. Its messages are outbox rows carrying its id. Times are Unix ms.
CREATE TABLE broadcasts (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('article', 'alert')),
  article_id    INTEGER REFERENCES articles (id) ON DELETE SET NULL,
  label         TEXT NOT NULL,               -- what editors see in /stats: the title, the text
  text          TEXT,                        -- a breaking alert's text (kind 'alert')
  created_by    TEXT NOT NULL,               -- an editor's E.164 number, 'cli' or 'auto'
  created_at    INTEGER NOT NULL,
  scheduled_for INTEGER,                     -- NULL = at once
  started_at    INTEGER,                     -- when its messages were queued
  state         TEXT NOT NULL DEFAULT 'scheduled'
                CHECK (state IN ('scheduled', 'running', 'done', 'cancelled')),
  channel       INTEGER NOT NULL DEFAULT 0,  -- 1 when a Channel post was queued
  recipients    INTEGER NOT NULL DEFAULT 0,  -- one-to-one messages queued
  capped        INTEGER NOT NULL DEFAULT 0,  -- readers skipped: daily alert limit reached
  finished_at   INTEGER,
  cancelled_by  TEXT
);
CREATE INDEX broadcasts_state ON broadcasts (state, scheduled_for);
CREATE INDEX broadcasts_article ON broadcasts (article_id) WHERE article_id IS NOT NULL;

-- Per-reader daily cap: alerts to one chat by the day they go out (not_before). Partial, so
-- replies and digests pay nothing for it.
CREATE INDEX outbox_alert_day ON outbox (recipient, not_before) WHERE kind = 'alert';
-- "Sent today" without scanning the table; rows are indexed only once sent.
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
-- Progress and ETA of a broadcast read only this index (counts by state, first and last due
-- time of its waiting rows): replaces 002's (broadcast_id, state), so fan-out pays no extra index.
DROP INDEX outbox_broadcast;
CREATE INDEX outbox_broadcast ON outbox (broadcast_id, state, not_before) WHERE broadcast_id IS NOT NULL;
