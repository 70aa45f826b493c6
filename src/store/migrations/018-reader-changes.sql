-- Readers over time, for the desk's Audience page. The subscribers table keeps only each
-- reader's latest state (a new « abonner » overwrites the old stop; « ne plus suivre » deletes
-- the follow), so the history is counted here as it happens: per rubric ('' = the service as a
-- whole: abonner / stop) and per UTC hour (a local day in any whole-hour zone is a run of hours),
-- how many started and how many stopped. Counts only: no reader's id is kept.
--
-- Triggers write it, so every path that changes a reader (the bot, the CLI, an erasure) counts
-- with no caller to forget; each costs one upsert on an already-written row. The sum of all
-- changes of a rubric is its current count: the history is anchored to the present.
CREATE TABLE reader_changes (
  rubric     TEXT NOT NULL,                  -- a folded rubric key, '' for the service
  hour       INTEGER NOT NULL,               -- Unix ms / 3,600,000
  subscribed INTEGER NOT NULL DEFAULT 0,
  stopped    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (rubric, hour)
) WITHOUT ROWID;
CREATE INDEX reader_changes_hour ON reader_changes (hour);

-- What existing databases already know: each current reader's opt-in (and stop), each current
-- follow. Older stops overwritten by a new opt-in and deleted follows are gone for good.
INSERT INTO reader_changes (rubric, hour, subscribed, stopped)
  SELECT '', opted_in_at / 3600000, count(*), 0 FROM subscribers
  WHERE opted_in_at IS NOT NULL GROUP BY opted_in_at / 3600000;
INSERT INTO reader_changes (rubric, hour, subscribed, stopped)
  SELECT '', stopped_at / 3600000, 0, count(*) FROM subscribers
  WHERE opted_in_at IS NOT NULL AND stopped_at IS NOT NULL GROUP BY stopped_at / 3600000
  ON CONFLICT (rubric, hour) DO UPDATE SET stopped = stopped + excluded.stopped;
INSERT INTO reader_changes (rubric, hour, subscribed, stopped)
  SELECT category_key, created_at / 3600000, count(*), 0 FROM follows
  WHERE true GROUP BY category_key, created_at / 3600000;

-- « abonner » by a reader who was not subscribed (never, or stopped since).
CREATE TRIGGER reader_changes_subscribe AFTER UPDATE OF opted_in_at ON subscribers
WHEN NEW.opted_in_at IS NOT NULL AND NEW.stopped_at IS NULL
  AND (OLD.opted_in_at IS NULL OR OLD.stopped_at IS NOT NULL)
BEGIN
  INSERT INTO reader_changes (rubric, hour, subscribed) VALUES ('', NEW.opted_in_at / 3600000, 1)
  ON CONFLICT (rubric, hour) DO UPDATE SET subscribed = subscribed + 1;
END;

-- A reader written already subscribed (an import; the bot itself subscribes by an update).
CREATE TRIGGER reader_changes_insert AFTER INSERT ON subscribers
WHEN NEW.opted_in_at IS NOT NULL AND NEW.stopped_at IS NULL
BEGIN
  INSERT INTO reader_changes (rubric, hour, subscribed) VALUES ('', NEW.opted_in_at / 3600000, 1)
  ON CONFLICT (rubric, hour) DO UPDATE SET subscribed = subscribed + 1;
END;

-- « stop » (or « supprimer mes données ») by a subscribed reader.
CREATE TRIGGER reader_changes_stop AFTER UPDATE OF stopped_at ON subscribers
WHEN OLD.stopped_at IS NULL AND NEW.stopped_at IS NOT NULL AND OLD.opted_in_at IS NOT NULL
BEGIN
  INSERT INTO reader_changes (rubric, hour, stopped) VALUES ('', NEW.stopped_at / 3600000, 1)
  ON CONFLICT (rubric, hour) DO UPDATE SET stopped = stopped + 1;
END;

CREATE TRIGGER reader_changes_follow AFTER INSERT ON follows
BEGIN
  INSERT INTO reader_changes (rubric, hour, subscribed)
  VALUES (NEW.category_key, NEW.created_at / 3600000, 1)
  ON CONFLICT (rubric, hour) DO UPDATE SET subscribed = subscribed + 1;
END;

-- A follow has no end time: the reader's last message is the one that ended it (« ne plus
-- suivre », « supprimer mes données »); the wall clock when the reader is already gone.
CREATE TRIGGER reader_changes_unfollow AFTER DELETE ON follows
BEGIN
  INSERT INTO reader_changes (rubric, hour, stopped)
  VALUES (
    OLD.category_key,
    coalesce(
      (SELECT last_seen_at FROM subscribers WHERE id = OLD.subscriber_id),
      CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    ) / 3600000,
    1
  )
  ON CONFLICT (rubric, hour) DO UPDATE SET stopped = stopped + 1;
END;
