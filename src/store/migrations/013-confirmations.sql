-- An editor's broadcast that waits for « OUI » (an /alerte, an article older than 48 h): one
-- pending question per editor, replaced by the next one, forgotten once answered or expired.
-- Kept in the database (not in memory) so that the bot and the CLI see the same question and
-- a restart does not turn a pending question into a silent no.
CREATE TABLE pending_confirmations (
  editor TEXT PRIMARY KEY,
  action TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
