-- The web desk's sign-in (src/http/desk/): no passwords. An editor gets a one-time code on
-- WhatsApp, or the operator prints a one-time link (cli desk-link); either opens a session.
-- Only SHA-256 hashes of codes, links and session ids are kept: a copy of the database opens
-- no session.

-- One row per open session; the cookie carries the id, the row its hash.
CREATE TABLE desk_sessions (
  id_hash TEXT PRIMARY KEY,
  editor TEXT NOT NULL,
  -- The token every form of this session carries (CSRF).
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX desk_sessions_expiry ON desk_sessions (expires_at);

-- Pending one-time codes (kind 'code', at most one per editor) and links (kind 'link').
CREATE TABLE desk_sign_in_tokens (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('code', 'link')),
  editor TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX desk_sign_in_tokens_editor ON desk_sign_in_tokens (editor, kind);

-- Per number: wrong codes (five lock that number's sign-in for a while) and codes sent (a few
-- per quarter of an hour, so that the form cannot flood an editor's phone).
CREATE TABLE desk_sign_in_attempts (
  editor TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  codes_sent INTEGER NOT NULL DEFAULT 0,
  codes_since INTEGER NOT NULL DEFAULT 0
);

-- The desk's article list: every article (drafts and future-dated ones too), newest first,
-- read a page at a time from this index instead of sorting 100,000 rows per page.
CREATE INDEX articles_newest ON articles (published_at DESC, id DESC);
