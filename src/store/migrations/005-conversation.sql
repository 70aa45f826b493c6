-- What the conversation needs to remember between two messages of a reader, and the audit of
-- every editor action. Times are Unix milliseconds.

-- Inbound message ids already handled: WhatsApp may deliver the same message twice (reconnect,
-- restart). Only a hash of the id is kept: a WhatsApp message id contains the sender's number.
CREATE TABLE inbound_handled (
  id_hash     TEXT PRIMARY KEY,
  handled_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX inbound_handled_at ON inbound_handled (handled_at);

-- Per chat: the last numbered thing the bot showed ("menu", a list of articles, the rubrics),
-- so that "2" or "lire 2" means the second item of what the reader has on screen.
CREATE TABLE conversation_context (
  chat_id     TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('menu', 'articles', 'rubrics')),
  items       TEXT NOT NULL DEFAULT '[]',    -- JSON: article ids, or rubric keys
  updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Every editor action and every refusal of one. `actor` is the editor's E.164 number, or a
-- masked sender id for a refusal (a stranger's number is not kept).
CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  via         TEXT NOT NULL,                 -- 'whatsapp', 'cli', 'simulator'
  action      TEXT NOT NULL,                 -- 'publish', 'alert', 'preview', 'refused', …
  target      TEXT,                          -- an article id, the alert text, the command
  outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'error')),
  detail      TEXT
);
CREATE INDEX audit_at ON audit (at);
