-- Every message the bot will send — reply, alert, digest, Channel post, editor notice — is a row
-- here before it is sent: one path to pace, retry, pause, count and resume after a crash.
CREATE TABLE outbox (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('reply', 'notice', 'channel', 'alert', 'digest')),
  priority      INTEGER NOT NULL,            -- lower is sooner: replies first
  recipient     TEXT NOT NULL,               -- a chat id, or 'channel'
  article_id    INTEGER REFERENCES articles (id) ON DELETE SET NULL,
  broadcast_id  INTEGER,
  body          TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'dead', 'cancelled')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  not_before    INTEGER NOT NULL,            -- next attempt time
  last_error    TEXT,
  sent_at       INTEGER,
  transport_id  TEXT,
  -- e.g. 'alert:<chat>:<article>': the same alert can never be queued twice. NULL for replies.
  dedupe_key    TEXT UNIQUE,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX outbox_ready ON outbox (state, priority, not_before, id);
CREATE INDEX outbox_recipient ON outbox (recipient, created_at);
CREATE INDEX outbox_broadcast ON outbox (broadcast_id, state) WHERE broadcast_id IS NOT NULL;

-- Small operational switches that must survive a restart (e.g. 'paused').
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
