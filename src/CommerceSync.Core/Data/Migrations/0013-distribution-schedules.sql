-- Version 13: Commerce Data Exchange's distribution schedules (dev-itpro/define-retail-channel-communications-cdx.md).
-- * A channel's database belongs to a channel database group (Default until set).
-- * A distribution schedule (job 1010 Customers, 1070 Channel configuration, 1110 Global configuration) sends to the channel
--   databases of the groups it names, and to their offline databases unless it has "Exclude from offline databases"
--   (dev-itpro/implementation-considerations-cdx.md, "Offline data exclusion"), a lasting setting of the job.

ALTER TABLE channel ADD COLUMN database_group TEXT NOT NULL COLLATE NOCASE DEFAULT 'Default';

CREATE TABLE distribution_schedule(
  schedule_id     TEXT NOT NULL PRIMARY KEY,
  name            TEXT NOT NULL,
  exclude_offline INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;

CREATE TABLE distribution_schedule_group(
  schedule_id    TEXT NOT NULL,
  database_group TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY(schedule_id, database_group),
  FOREIGN KEY(schedule_id) REFERENCES distribution_schedule(schedule_id)) WITHOUT ROWID;

INSERT INTO distribution_schedule(schedule_id, name, exclude_offline) VALUES ('1010', 'Customers', 0);
INSERT INTO distribution_schedule(schedule_id, name, exclude_offline) VALUES ('1070', 'Channel configuration', 0);
INSERT INTO distribution_schedule(schedule_id, name, exclude_offline) VALUES ('1110', 'Global configuration', 0);
INSERT INTO distribution_schedule_group(schedule_id, database_group) VALUES ('1010', 'Default');
INSERT INTO distribution_schedule_group(schedule_id, database_group) VALUES ('1070', 'Default');
INSERT INTO distribution_schedule_group(schedule_id, database_group) VALUES ('1110', 'Default');
