-- Version 1: the foundation: channels, async operation logs on both sides, HQ customers, distribution, job history.

CREATE TABLE store_setting(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL);

CREATE TABLE number_sequence(
  data_area_id TEXT NOT NULL COLLATE NOCASE,
  code         TEXT NOT NULL,
  prefix       TEXT NOT NULL,
  width        INTEGER NOT NULL,
  next_value   INTEGER NOT NULL,
  PRIMARY KEY(data_area_id, code));

CREATE TABLE channel(
  channel_id             TEXT PRIMARY KEY COLLATE NOCASE,
  name                   TEXT NOT NULL,
  data_area_id           TEXT NOT NULL COLLATE NOCASE,
  async_customer_mode    INTEGER NOT NULL,
  offline_database       INTEGER NOT NULL,
  default_customer_group TEXT NOT NULL,
  default_currency       TEXT NOT NULL,
  next_counter           INTEGER NOT NULL DEFAULT 1,
  created_at             TEXT NOT NULL);

-- Channel database: RETAILASYNCCUSTOMERV2 and friends, append-only operation logs.
CREATE TABLE ch_async_customer(
  channel_id        TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id),
  counter           INTEGER NOT NULL,
  async_customer_id TEXT NOT NULL,
  operation         INTEGER NOT NULL,
  first_name TEXT, middle_name TEXT, last_name TEXT, name TEXT,
  relationship_type INTEGER NOT NULL DEFAULT 0,
  customer_group TEXT, currency TEXT, language TEXT, email TEXT, phone TEXT,
  created_at        TEXT NOT NULL,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE INDEX ix_ch_async_customer_id ON ch_async_customer(async_customer_id);

CREATE TABLE ch_async_address(
  channel_id        TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id),
  counter           INTEGER NOT NULL,
  address_id        TEXT NOT NULL,
  async_customer_id TEXT,
  account_number    TEXT,
  operation         INTEGER NOT NULL,
  name TEXT, street TEXT, street_number TEXT, city TEXT, county TEXT, state TEXT, zip_code TEXT, country TEXT, purpose TEXT,
  is_primary        INTEGER NOT NULL DEFAULT 0,
  created_at        TEXT NOT NULL,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE INDEX ix_ch_async_address_customer ON ch_async_address(async_customer_id);

CREATE TABLE ch_async_attribute(
  channel_id        TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id),
  counter           INTEGER NOT NULL,
  async_customer_id TEXT,
  account_number    TEXT,
  operation         INTEGER NOT NULL,
  name TEXT NOT NULL, data_type INTEGER NOT NULL, value TEXT,
  created_at        TEXT NOT NULL,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE INDEX ix_ch_async_attribute_customer ON ch_async_attribute(async_customer_id);

-- HQ copies of the async tables, filled only by the P-job and never rewritten by it.
CREATE TABLE hq_async_customer(
  channel_id TEXT NOT NULL COLLATE NOCASE, counter INTEGER NOT NULL,
  async_customer_id TEXT NOT NULL, operation INTEGER NOT NULL,
  first_name TEXT, middle_name TEXT, last_name TEXT, name TEXT,
  relationship_type INTEGER NOT NULL DEFAULT 0,
  customer_group TEXT, currency TEXT, language TEXT, email TEXT, phone TEXT,
  created_at TEXT NOT NULL,
  upload_run_id INTEGER NOT NULL,
  online_operation_completed INTEGER NOT NULL DEFAULT 0,
  sync_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  account_number TEXT,
  sync_run_id INTEGER,
  synced_at TEXT,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE INDEX ix_hq_async_customer_id ON hq_async_customer(async_customer_id);
CREATE INDEX ix_hq_async_customer_due ON hq_async_customer(channel_id, counter) WHERE online_operation_completed = 0;

CREATE TABLE hq_async_address(
  channel_id TEXT NOT NULL COLLATE NOCASE, counter INTEGER NOT NULL,
  address_id TEXT NOT NULL, async_customer_id TEXT, account_number TEXT, operation INTEGER NOT NULL,
  name TEXT, street TEXT, street_number TEXT, city TEXT, county TEXT, state TEXT, zip_code TEXT, country TEXT, purpose TEXT,
  is_primary INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  upload_run_id INTEGER NOT NULL,
  online_operation_completed INTEGER NOT NULL DEFAULT 0,
  sync_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  resolved_account TEXT,
  sync_run_id INTEGER,
  synced_at TEXT,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE INDEX ix_hq_async_address_customer ON hq_async_address(async_customer_id);
CREATE INDEX ix_hq_async_address_due ON hq_async_address(channel_id, counter) WHERE online_operation_completed = 0;

CREATE TABLE hq_async_attribute(
  channel_id TEXT NOT NULL COLLATE NOCASE, counter INTEGER NOT NULL,
  async_customer_id TEXT, account_number TEXT, operation INTEGER NOT NULL,
  name TEXT NOT NULL, data_type INTEGER NOT NULL, value TEXT,
  created_at TEXT NOT NULL,
  upload_run_id INTEGER NOT NULL,
  online_operation_completed INTEGER NOT NULL DEFAULT 0,
  sync_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  resolved_account TEXT,
  sync_run_id INTEGER,
  synced_at TEXT,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE INDEX ix_hq_async_attribute_customer ON hq_async_attribute(async_customer_id);
CREATE INDEX ix_hq_async_attribute_due ON hq_async_attribute(channel_id, counter) WHERE online_operation_completed = 0;

-- HQ customers: party, CustTable, RetailCustTable (which carries the async link).
CREATE TABLE party(
  party_id     INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  party_type   INTEGER NOT NULL);

CREATE TABLE cust_table(
  data_area_id   TEXT NOT NULL COLLATE NOCASE,
  account_number TEXT NOT NULL,
  party_id       INTEGER NOT NULL REFERENCES party(party_id),
  first_name TEXT, middle_name TEXT, last_name TEXT, name TEXT NOT NULL,
  customer_group TEXT NOT NULL, currency TEXT NOT NULL, language TEXT, email TEXT, phone TEXT,
  created_at     TEXT NOT NULL,
  modified_at    TEXT NOT NULL,
  PRIMARY KEY(data_area_id, account_number)) WITHOUT ROWID;

CREATE TABLE retail_cust_table(
  data_area_id       TEXT NOT NULL COLLATE NOCASE,
  account_number     TEXT NOT NULL,
  cust_account_async TEXT,
  origin_channel_id  TEXT,
  PRIMARY KEY(data_area_id, account_number),
  FOREIGN KEY(data_area_id, account_number) REFERENCES cust_table(data_area_id, account_number)) WITHOUT ROWID;
-- One account per async customer, whichever path reaches it first.
CREATE UNIQUE INDEX ux_retail_cust_async ON retail_cust_table(cust_account_async) WHERE cust_account_async IS NOT NULL;

CREATE TABLE hq_address(
  data_area_id   TEXT NOT NULL COLLATE NOCASE,
  account_number TEXT NOT NULL,
  address_id     TEXT NOT NULL,
  name TEXT, street TEXT, street_number TEXT, city TEXT, county TEXT, state TEXT, zip_code TEXT, country TEXT, purpose TEXT,
  is_primary     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(data_area_id, account_number, address_id),
  FOREIGN KEY(data_area_id, account_number) REFERENCES cust_table(data_area_id, account_number)) WITHOUT ROWID;

CREATE TABLE hq_customer_attribute(
  data_area_id   TEXT NOT NULL COLLATE NOCASE,
  account_number TEXT NOT NULL,
  name           TEXT NOT NULL,
  data_type      INTEGER NOT NULL,
  value          TEXT,
  PRIMARY KEY(data_area_id, account_number, name),
  FOREIGN KEY(data_area_id, account_number) REFERENCES cust_table(data_area_id, account_number)) WITHOUT ROWID;

-- Change tracking for job 1010: one row per customer change; channels keep a watermark per database.
CREATE TABLE hq_change(
  seq            INTEGER PRIMARY KEY,
  data_area_id   TEXT NOT NULL COLLATE NOCASE,
  account_number TEXT NOT NULL,
  run_id         INTEGER);
CREATE INDEX ix_hq_change_run ON hq_change(run_id);

CREATE TABLE distribution_watermark(
  channel_id TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id),
  database   INTEGER NOT NULL,
  last_seq   INTEGER NOT NULL,
  PRIMARY KEY(channel_id, database)) WITHOUT ROWID;

-- Customers as each channel database (and offline database) holds them after job 1010.
CREATE TABLE channel_customer(
  channel_id        TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id),
  database          INTEGER NOT NULL,
  data_area_id      TEXT NOT NULL COLLATE NOCASE,
  account_number    TEXT NOT NULL,
  async_customer_id TEXT,
  first_name TEXT, last_name TEXT, name TEXT, email TEXT, phone TEXT, customer_group TEXT, currency TEXT,
  distributed_run_id INTEGER,
  distributed_at    TEXT NOT NULL,
  PRIMARY KEY(channel_id, database, account_number)) WITHOUT ROWID;
CREATE INDEX ix_channel_customer_async ON channel_customer(async_customer_id, channel_id) WHERE async_customer_id IS NOT NULL;

CREATE TABLE job_run(
  run_id        INTEGER PRIMARY KEY,
  job           TEXT NOT NULL,
  channel_ids   TEXT NOT NULL,
  mode          INTEGER NOT NULL,
  started       TEXT NOT NULL,
  finished      TEXT,
  processed     INTEGER NOT NULL DEFAULT 0,
  failed        INTEGER NOT NULL DEFAULT 0,
  status        INTEGER NOT NULL,
  source_run_id INTEGER,
  message       TEXT,
  process_id    INTEGER,
  host          TEXT);
