-- What the ban guard counts per local day (README: « Ban guard »): alerts and digests to each
-- reader (the warm-up ramp's ceiling is on their sum) and whether the reader was long silent
-- (the daily cap on first messages to such readers counts those rows). Written only while a
-- limit is set; a row a day per reader contacted, pruned with the outbox.
CREATE TABLE daily_sends (
  day       TEXT NOT NULL,               -- YYYY-MM-DD in the newsroom's time zone
  chat_id   TEXT NOT NULL,
  messages  INTEGER NOT NULL,
  cold      INTEGER NOT NULL CHECK (cold IN (0, 1)),
  PRIMARY KEY (day, chat_id)
) WITHOUT ROWID;
