-- Readers' tips: a rumour to check, a question, a forwarded message. Near-identical messages are
-- one tip (same fingerprint, see src/domain/tip.ts) whose count says how often it came back;
-- tip_senders keeps who sent it (to answer them) and their own words.
CREATE TABLE tips (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  -- The first wording received, as written (clipped), and its normalised form.
  text TEXT NOT NULL,
  normalized TEXT NOT NULL,
  -- Messages counted as this tip, and distinct readers among them.
  count INTEGER NOT NULL DEFAULT 1,
  readers INTEGER NOT NULL DEFAULT 1,
  forwarded INTEGER NOT NULL DEFAULT 0,
  first_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
  answer TEXT,
  answered_by TEXT,
  answered_at INTEGER,
  closed_by TEXT,
  closed_at INTEGER
);
CREATE INDEX tips_status_last ON tips (status, last_at DESC);
CREATE INDEX tips_last ON tips (last_at DESC);

CREATE TABLE tip_senders (
  tip_id INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
  chat_id TEXT NOT NULL,
  language TEXT NOT NULL,
  text TEXT NOT NULL,
  forwarded INTEGER NOT NULL DEFAULT 0,
  count INTEGER NOT NULL DEFAULT 1,
  first_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  answered_at INTEGER,
  PRIMARY KEY (tip_id, chat_id)
);
CREATE INDEX tip_senders_chat ON tip_senders (chat_id);
