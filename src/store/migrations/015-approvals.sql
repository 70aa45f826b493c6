-- Approval mode (APPROVAL=on): each new article editors were asked about, until one of them
-- handles it (/publier, /programmer, /ignorer) or APPROVAL_TIMEOUT passes (published or dropped
-- as .env says). `deadline` is null when no timeout is set: the article waits for an editor.
CREATE TABLE approvals (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  asked_at INTEGER NOT NULL,
  deadline INTEGER,
  settled_at INTEGER,
  -- published, ignored (by an editor), timeout-published, timeout-dropped
  outcome TEXT,
  settled_by TEXT
);
CREATE INDEX approvals_waiting ON approvals (deadline) WHERE settled_at IS NULL;
