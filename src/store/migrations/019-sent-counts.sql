-- Messages sent per hour and kind, for the desk's « messages envoyés par jour »: counting the
-- outbox's sent rows at read time costs ~370 ms at 200,000 messages (a temporary B-tree over
-- the range, measured by bench/desk-pages.ts); this table answers a year in a few hundred rows.
-- Counts only, kept when the outbox is pruned or a reader's history is erased.
CREATE TABLE sent_counts (
  hour  INTEGER NOT NULL,                    -- Unix ms / 3,600,000 of sent_at
  kind  TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (hour, kind)
) WITHOUT ROWID;

INSERT INTO sent_counts (hour, kind, count)
  SELECT sent_at / 3600000, kind, count(*) FROM outbox
  WHERE state = 'sent' AND sent_at IS NOT NULL GROUP BY sent_at / 3600000, kind;

-- The dispatcher's markSent: one upsert of a hot row beside the update it already makes.
CREATE TRIGGER sent_counts_sent AFTER UPDATE OF sent_at ON outbox
WHEN NEW.sent_at IS NOT NULL AND OLD.sent_at IS NULL AND NEW.state = 'sent'
BEGIN
  INSERT INTO sent_counts (hour, kind, count) VALUES (NEW.sent_at / 3600000, NEW.kind, 1)
  ON CONFLICT (hour, kind) DO UPDATE SET count = count + 1;
END;

-- A row written already sent (an import of history).
CREATE TRIGGER sent_counts_insert AFTER INSERT ON outbox
WHEN NEW.sent_at IS NOT NULL AND NEW.state = 'sent'
BEGIN
  INSERT INTO sent_counts (hour, kind, count) VALUES (NEW.sent_at / 3600000, NEW.kind, 1)
  ON CONFLICT (hour, kind) DO UPDATE SET count = count + 1;
END;
