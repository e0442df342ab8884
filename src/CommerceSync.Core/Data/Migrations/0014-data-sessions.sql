-- Version 14: Commerce Data Exchange sessions (dev-itpro/define-retail-channel-communications-cdx.md): each P-job upload of a
-- channel and each download of a distribution schedule into a database is a session, what an admin reads when something
-- did not arrive. One row per run, direction, channel and database; its rows add up as the run's chunks commit.
-- type: Upload (0), Download (1). database: Channel (0), Offline (1). status: Applied (0), Failed (1), Skipped (2).

CREATE TABLE data_session(
  session_id  INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL,
  type        INTEGER NOT NULL,
  schedule_id TEXT NOT NULL,
  channel_id  TEXT NOT NULL COLLATE NOCASE,
  database    INTEGER NOT NULL,
  status      INTEGER NOT NULL,
  row_count   INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL);
CREATE UNIQUE INDEX ux_data_session ON data_session(run_id, type, channel_id, database);
CREATE INDEX ix_data_session_channel ON data_session(channel_id, session_id);
