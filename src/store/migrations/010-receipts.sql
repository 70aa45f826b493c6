-- Delivery and read receipts of sent messages, by the transport's message id (whatsapp-web.js
-- `message_ack`, Cloud API webhook statuses). Apart from the outbox: a receipt may arrive
-- before the dispatcher has written the message's id (it writes a success with the next claim),
-- and the outbox's inserts pay for no extra index. A read implies delivered.
CREATE TABLE receipts (
  transport_id  TEXT PRIMARY KEY,
  delivered_at  INTEGER,
  read_at       INTEGER,
  failed_at     INTEGER,
  error         TEXT,
  updated_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX receipts_updated ON receipts (updated_at);

-- Other ids a reader is known by: since 2026 Meta's webhooks may carry a business-scoped user id
-- (and a username) instead of the phone number. The reader keeps the chat id first seen (their
-- subscriptions hang on it); each alias seen beside it maps back to it.
CREATE TABLE reader_aliases (
  alias       TEXT PRIMARY KEY,              -- e.g. 'bsuid:ML.1234…'
  chat_id     TEXT NOT NULL,                 -- the reader's key: 22370000000@c.us
  updated_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX reader_aliases_chat ON reader_aliases (chat_id);
