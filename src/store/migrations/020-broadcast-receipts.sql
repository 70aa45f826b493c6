-- Sent, delivered and read per broadcast, for the desk's Audience page. Counting them over a
-- broadcast's messages at read time costs ~25 ms per 10,000 (one outbox row and one receipt
-- looked up each: 460 ms for 20 broadcasts of 10,000, bench/desk-pages.ts); kept as they
-- happen, any number of broadcasts reads in one index range. Counts only: kept when the
-- outbox is pruned or a reader's history is erased, so old broadcasts keep their figures.
CREATE TABLE broadcast_receipts (
  broadcast_id INTEGER PRIMARY KEY,
  sent         INTEGER NOT NULL DEFAULT 0,
  delivered    INTEGER NOT NULL DEFAULT 0,
  read         INTEGER NOT NULL DEFAULT 0
);

-- A receipt names a message by the transport's id: this finds its outbox row (and broadcast).
CREATE INDEX outbox_transport ON outbox (transport_id) WHERE transport_id IS NOT NULL;

INSERT INTO broadcast_receipts (broadcast_id, sent, delivered, read)
  SELECT o.broadcast_id, count(*), count(r.delivered_at), count(r.read_at)
  FROM outbox o LEFT JOIN receipts r ON r.transport_id = o.transport_id
  WHERE o.broadcast_id IS NOT NULL AND o.state = 'sent' GROUP BY o.broadcast_id;

-- A message of a broadcast sent (and the receipt that arrived before its id was written).
CREATE TRIGGER broadcast_receipts_sent AFTER UPDATE OF sent_at ON outbox
WHEN NEW.sent_at IS NOT NULL AND OLD.sent_at IS NULL AND NEW.state = 'sent'
  AND NEW.broadcast_id IS NOT NULL
BEGIN
  INSERT INTO broadcast_receipts (broadcast_id, sent, delivered, read)
  VALUES (
    NEW.broadcast_id,
    1,
    coalesce((SELECT delivered_at IS NOT NULL FROM receipts WHERE transport_id = NEW.transport_id), 0),
    coalesce((SELECT read_at IS NOT NULL FROM receipts WHERE transport_id = NEW.transport_id), 0)
  )
  ON CONFLICT (broadcast_id) DO UPDATE SET sent = sent + 1,
    delivered = delivered + excluded.delivered, read = read + excluded.read;
END;

-- A row written already sent (an import of history).
CREATE TRIGGER broadcast_receipts_insert AFTER INSERT ON outbox
WHEN NEW.sent_at IS NOT NULL AND NEW.state = 'sent' AND NEW.broadcast_id IS NOT NULL
BEGIN
  INSERT INTO broadcast_receipts (broadcast_id, sent) VALUES (NEW.broadcast_id, 1)
  ON CONFLICT (broadcast_id) DO UPDATE SET sent = sent + 1;
END;

-- A receipt for a message already marked sent: its broadcast counts it once per state.
CREATE TRIGGER broadcast_receipts_new AFTER INSERT ON receipts
WHEN NEW.delivered_at IS NOT NULL OR NEW.read_at IS NOT NULL
BEGIN
  INSERT INTO broadcast_receipts (broadcast_id, delivered, read)
  SELECT broadcast_id, NEW.delivered_at IS NOT NULL, NEW.read_at IS NOT NULL FROM outbox
  WHERE transport_id = NEW.transport_id AND broadcast_id IS NOT NULL AND state = 'sent'
  LIMIT 1
  ON CONFLICT (broadcast_id) DO UPDATE SET
    delivered = delivered + excluded.delivered, read = read + excluded.read;
END;

CREATE TRIGGER broadcast_receipts_update AFTER UPDATE OF delivered_at, read_at ON receipts
WHEN (OLD.delivered_at IS NULL AND NEW.delivered_at IS NOT NULL)
  OR (OLD.read_at IS NULL AND NEW.read_at IS NOT NULL)
BEGIN
  INSERT INTO broadcast_receipts (broadcast_id, delivered, read)
  SELECT broadcast_id, OLD.delivered_at IS NULL AND NEW.delivered_at IS NOT NULL,
    OLD.read_at IS NULL AND NEW.read_at IS NOT NULL
  FROM outbox
  WHERE transport_id = NEW.transport_id AND broadcast_id IS NOT NULL AND state = 'sent'
  LIMIT 1
  ON CONFLICT (broadcast_id) DO UPDATE SET
    delivered = delivered + excluded.delivered, read = read + excluded.read;
END;
