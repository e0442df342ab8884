-- Version 3: the whole life of a customer: edits and deactivation of async and synced customers, contacts, affiliations,
-- sync-mode channels and their offline fallback, offline databases, loyalty cards.

-- Customer operations may belong to a synced customer (CustAccount) as well as to an async one: rebuild both logs.
CREATE TABLE ch_async_customer_v3(
  channel_id        TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id),
  counter           INTEGER NOT NULL,
  async_customer_id TEXT,
  account_number    TEXT,
  operation         INTEGER NOT NULL,
  first_name TEXT, middle_name TEXT, last_name TEXT, name TEXT,
  relationship_type INTEGER NOT NULL DEFAULT 0,
  customer_group TEXT, currency TEXT, language TEXT, email TEXT, phone TEXT,
  created_at        TEXT NOT NULL,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
INSERT INTO ch_async_customer_v3(channel_id, counter, async_customer_id, account_number, operation, first_name, middle_name, last_name, name,
  relationship_type, customer_group, currency, language, email, phone, created_at)
SELECT channel_id, counter, async_customer_id, NULL, operation, first_name, middle_name, last_name, name,
  relationship_type, customer_group, currency, language, email, phone, created_at FROM ch_async_customer;
DROP TABLE ch_async_customer;
ALTER TABLE ch_async_customer_v3 RENAME TO ch_async_customer;
CREATE INDEX ix_ch_async_customer_id ON ch_async_customer(async_customer_id);
CREATE INDEX ix_ch_async_customer_account ON ch_async_customer(account_number) WHERE account_number IS NOT NULL;

CREATE TABLE hq_async_customer_v3(
  channel_id TEXT NOT NULL COLLATE NOCASE, counter INTEGER NOT NULL,
  async_customer_id TEXT, given_account TEXT, operation INTEGER NOT NULL,
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
INSERT INTO hq_async_customer_v3(channel_id, counter, async_customer_id, given_account, operation, first_name, middle_name, last_name, name,
  relationship_type, customer_group, currency, language, email, phone, created_at, upload_run_id, online_operation_completed, sync_status,
  last_error, account_number, sync_run_id, synced_at)
SELECT channel_id, counter, async_customer_id, NULL, operation, first_name, middle_name, last_name, name,
  relationship_type, customer_group, currency, language, email, phone, created_at, upload_run_id, online_operation_completed, sync_status,
  last_error, account_number, sync_run_id, synced_at FROM hq_async_customer;
DROP TABLE hq_async_customer;
ALTER TABLE hq_async_customer_v3 RENAME TO hq_async_customer;
CREATE INDEX ix_hq_async_customer_id ON hq_async_customer(async_customer_id);
CREATE INDEX ix_hq_async_customer_due ON hq_async_customer(channel_id, counter) WHERE online_operation_completed = 0;

-- RETAILASYNCCUSTOMERCONTACT and RETAILASYNCCUSTOMERAFFILIATION, with their HQ copies and HQ targets.
CREATE TABLE ch_async_contact(
  channel_id TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id), counter INTEGER NOT NULL,
  async_customer_id TEXT, account_number TEXT, operation INTEGER NOT NULL,
  contact_type INTEGER NOT NULL, locator TEXT NOT NULL, description TEXT, is_primary INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE INDEX ix_ch_async_contact_customer ON ch_async_contact(async_customer_id);
CREATE TABLE hq_async_contact(
  channel_id TEXT NOT NULL COLLATE NOCASE, counter INTEGER NOT NULL,
  async_customer_id TEXT, account_number TEXT, operation INTEGER NOT NULL,
  contact_type INTEGER NOT NULL, locator TEXT NOT NULL, description TEXT, is_primary INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  upload_run_id INTEGER NOT NULL, online_operation_completed INTEGER NOT NULL DEFAULT 0, sync_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT, resolved_account TEXT, sync_run_id INTEGER, synced_at TEXT,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE INDEX ix_hq_async_contact_customer ON hq_async_contact(async_customer_id);
CREATE INDEX ix_hq_async_contact_due ON hq_async_contact(channel_id, counter) WHERE online_operation_completed = 0;

CREATE TABLE ch_async_affiliation(
  channel_id TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id), counter INTEGER NOT NULL,
  async_customer_id TEXT, account_number TEXT, operation INTEGER NOT NULL,
  affiliation TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE INDEX ix_ch_async_affiliation_customer ON ch_async_affiliation(async_customer_id);
CREATE TABLE hq_async_affiliation(
  channel_id TEXT NOT NULL COLLATE NOCASE, counter INTEGER NOT NULL,
  async_customer_id TEXT, account_number TEXT, operation INTEGER NOT NULL,
  affiliation TEXT NOT NULL, created_at TEXT NOT NULL,
  upload_run_id INTEGER NOT NULL, online_operation_completed INTEGER NOT NULL DEFAULT 0, sync_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT, resolved_account TEXT, sync_run_id INTEGER, synced_at TEXT,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE INDEX ix_hq_async_affiliation_customer ON hq_async_affiliation(async_customer_id);
CREATE INDEX ix_hq_async_affiliation_due ON hq_async_affiliation(channel_id, counter) WHERE online_operation_completed = 0;

CREATE TABLE hq_customer_contact(
  data_area_id TEXT NOT NULL COLLATE NOCASE, account_number TEXT NOT NULL,
  contact_type INTEGER NOT NULL, locator TEXT NOT NULL, description TEXT, is_primary INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(data_area_id, account_number, contact_type, locator),
  FOREIGN KEY(data_area_id, account_number) REFERENCES cust_table(data_area_id, account_number)) WITHOUT ROWID;
CREATE TABLE hq_customer_affiliation(
  data_area_id TEXT NOT NULL COLLATE NOCASE, account_number TEXT NOT NULL, affiliation TEXT NOT NULL,
  PRIMARY KEY(data_area_id, account_number, affiliation),
  FOREIGN KEY(data_area_id, account_number) REFERENCES cust_table(data_area_id, account_number)) WITHOUT ROWID;

-- Deactivation (operation 3) blocks the customer at HQ and in every channel copy.
ALTER TABLE cust_table ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE channel_customer ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0;

-- Channel state: a register offline (its offline database takes new customers), and the channel schema's
-- 'Filter shared customer data tables', which forbids creating customers offline.
ALTER TABLE channel ADD COLUMN is_offline INTEGER NOT NULL DEFAULT 0;
ALTER TABLE channel ADD COLUMN filter_shared_customer_data INTEGER NOT NULL DEFAULT 0;
ALTER TABLE channel ADD COLUMN next_offline_seq INTEGER NOT NULL DEFAULT 1;

-- Customers a register created while offline: they wait in its offline database until it is back online,
-- then move to the channel database (with new replication counters) where the P-job can upload them.
CREATE TABLE off_async_customer(
  channel_id TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id), seq INTEGER NOT NULL,
  async_customer_id TEXT NOT NULL,
  first_name TEXT, middle_name TEXT, last_name TEXT, name TEXT, relationship_type INTEGER NOT NULL DEFAULT 0,
  customer_group TEXT, currency TEXT, language TEXT, email TEXT, phone TEXT, created_at TEXT NOT NULL,
  PRIMARY KEY(channel_id, seq)) WITHOUT ROWID;
CREATE TABLE off_async_address(
  channel_id TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id), seq INTEGER NOT NULL,
  address_id TEXT NOT NULL, async_customer_id TEXT NOT NULL,
  name TEXT, street TEXT, street_number TEXT, city TEXT, county TEXT, state TEXT, zip_code TEXT, country TEXT, purpose TEXT,
  is_primary INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,
  PRIMARY KEY(channel_id, seq)) WITHOUT ROWID;
CREATE TABLE off_async_attribute(
  channel_id TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id), seq INTEGER NOT NULL,
  async_customer_id TEXT NOT NULL, name TEXT NOT NULL, data_type INTEGER NOT NULL, value TEXT, created_at TEXT NOT NULL,
  PRIMARY KEY(channel_id, seq)) WITHOUT ROWID;

CREATE TABLE loyalty_card(
  data_area_id TEXT NOT NULL COLLATE NOCASE, card_number TEXT NOT NULL, account_number TEXT NOT NULL,
  channel_id TEXT NOT NULL COLLATE NOCASE, issued_at TEXT NOT NULL,
  PRIMARY KEY(data_area_id, card_number)) WITHOUT ROWID;
CREATE INDEX ix_loyalty_card_account ON loyalty_card(data_area_id, account_number);
