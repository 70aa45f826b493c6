-- Every outbox insert maintains every index: a 100,000-reader fan-out pays for each one.
-- One index now answers every per-reader question — the daily alert cap (recipient, kind,
-- not_before range), a reader's "stop" (recipient, kind) and "supprimer mes données"
-- (recipient) — instead of outbox_recipient (002) and outbox_alert_day (006), which alerts
-- both maintained. Nothing read outbox_recipient's created_at order.
DROP INDEX outbox_recipient;
DROP INDEX outbox_alert_day;
CREATE INDEX outbox_reader ON outbox (recipient, kind, not_before);
