-- Version 6: a report -AsOf a past moment must show what had failed then, also when it was fixed since. Each time HQ refuses
-- a customer operation it is recorded here, and cleared when the operation is corrected or completes. A channel
-- database keeps when it first received a customer (distributed_at); a later resend no longer moves it.

CREATE TABLE hq_customer_failure(
  failure_id INTEGER PRIMARY KEY,
  channel_id TEXT NOT NULL COLLATE NOCASE, counter INTEGER NOT NULL,
  failed_at  TEXT NOT NULL, error TEXT, cleared_at TEXT);
CREATE UNIQUE INDEX ux_hq_customer_failure_open ON hq_customer_failure(channel_id, counter) WHERE cleared_at IS NULL;
CREATE INDEX ix_hq_customer_failure_op ON hq_customer_failure(channel_id, counter, failed_at);
INSERT INTO hq_customer_failure(channel_id, counter, failed_at, error)
  SELECT channel_id, counter, COALESCE(synced_at, created_at), last_error FROM hq_async_customer WHERE sync_status = 2;
