namespace CommerceSync.Storage
{
    /// <summary>
    /// Forward-only migrations. Index i brings a store from version i to i+1; never edit a shipped step, add one.
    /// Table prefixes: ch_ = a channel database (rows keyed by channel), hq_ and plain names = headquarters.
    /// </summary>
    internal static class Schema
    {
        public static readonly string[] Migrations =
        {
            // 1: the foundation: channels, async operation logs on both sides, HQ customers, distribution, job history.
            @"
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
",
            // 2: sales transactions (cash-and-carry and customer orders), HQ sales orders and statements.
            @"
CREATE TABLE ch_transaction(
  channel_id          TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id),
  counter             INTEGER NOT NULL,
  transaction_id      TEXT NOT NULL,
  type                INTEGER NOT NULL,
  account_number      TEXT,
  async_customer_id   TEXT,
  delivery_address_id TEXT,
  amount_minor        INTEGER NOT NULL,
  line_count          INTEGER NOT NULL,
  business_date       TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE UNIQUE INDEX ux_ch_transaction_id ON ch_transaction(channel_id, transaction_id);
CREATE INDEX ix_ch_transaction_async ON ch_transaction(async_customer_id) WHERE async_customer_id IS NOT NULL;

CREATE TABLE ch_transaction_line(
  channel_id     TEXT NOT NULL COLLATE NOCASE,
  transaction_id TEXT NOT NULL,
  line_number    INTEGER NOT NULL,
  item_id        TEXT NOT NULL,
  quantity       TEXT NOT NULL,
  price_minor    INTEGER NOT NULL,
  PRIMARY KEY(channel_id, transaction_id, line_number)) WITHOUT ROWID;

CREATE TABLE hq_transaction(
  channel_id TEXT NOT NULL COLLATE NOCASE, counter INTEGER NOT NULL,
  transaction_id TEXT NOT NULL, type INTEGER NOT NULL,
  account_number TEXT, async_customer_id TEXT, delivery_address_id TEXT,
  amount_minor INTEGER NOT NULL, line_count INTEGER NOT NULL, business_date TEXT NOT NULL, created_at TEXT NOT NULL,
  upload_run_id    INTEGER NOT NULL,
  status           INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT,
  resolved_account TEXT,
  sales_id         TEXT,
  statement_id     TEXT,
  processed_run_id INTEGER,
  processed_at     TEXT,
  PRIMARY KEY(channel_id, counter)) WITHOUT ROWID;
CREATE INDEX ix_hq_transaction_due ON hq_transaction(type, channel_id, business_date, counter) WHERE status <> 1;
CREATE INDEX ix_hq_transaction_id ON hq_transaction(transaction_id);

CREATE TABLE sales_order(
  data_area_id        TEXT NOT NULL COLLATE NOCASE,
  sales_id            TEXT NOT NULL,
  channel_id          TEXT NOT NULL COLLATE NOCASE,
  transaction_id      TEXT NOT NULL,
  account_number      TEXT NOT NULL,
  delivery_address_id TEXT,
  amount_minor        INTEGER NOT NULL,
  created_at          TEXT NOT NULL,
  run_id              INTEGER NOT NULL,
  PRIMARY KEY(data_area_id, sales_id)) WITHOUT ROWID;
-- One sales order per transaction, however often Synchronize orders runs.
CREATE UNIQUE INDEX ux_sales_order_transaction ON sales_order(channel_id, transaction_id);

CREATE TABLE statement(
  data_area_id      TEXT NOT NULL COLLATE NOCASE,
  statement_id      TEXT NOT NULL,
  channel_id        TEXT NOT NULL COLLATE NOCASE,
  business_date     TEXT NOT NULL,
  transaction_count INTEGER NOT NULL,
  total_minor       INTEGER NOT NULL,
  status            INTEGER NOT NULL,
  last_error        TEXT,
  calculated_at     TEXT NOT NULL,
  posted_at         TEXT,
  run_id            INTEGER NOT NULL,
  PRIMARY KEY(data_area_id, statement_id)) WITHOUT ROWID;
CREATE INDEX ix_statement_channel_date ON statement(channel_id, business_date);
",
            // 3: the whole life of a customer: edits and deactivation of async and synced customers, contacts, affiliations,
            // sync-mode channels and their offline fallback, offline databases, loyalty cards.
            @"
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
",
            // 4: the sync job looks for due edits and deactivations every chunk; without their own index that was a scan of
            // every due create, which made a bulk run quadratic in the number of new customers.
            @"
CREATE INDEX ix_hq_async_customer_due_change ON hq_async_customer(channel_id, counter) WHERE online_operation_completed = 0 AND operation <> 1;
-- A customer's last change: what the integrity checks compare each channel's watermark with.
CREATE INDEX ix_hq_change_account ON hq_change(data_area_id, account_number, seq);
",
            // 5: lookups by account number alone (record mode, Get-CommerceCustomer -AccountNumber) span legal entities, so
            // the primary key (data_area_id first) cannot serve them. Whether a store has received an async customer is looked
            // up through HQ's async link and the store's primary key instead of an index on random GUIDs, which made every
            // row job 1010 wrote a random write (one entry per customer per channel database).
            @"
CREATE INDEX ix_cust_table_account ON cust_table(account_number);
DROP INDEX ix_channel_customer_async;
",
            // 6: a report -AsOf a past moment must show what had failed then, also when it was fixed since. Each time HQ refuses
            // a customer operation it is recorded here, and cleared when the operation is corrected or completes. A channel
            // database keeps when it first received a customer (distributed_at); a later resend no longer moves it.
            @"
CREATE TABLE hq_customer_failure(
  failure_id INTEGER PRIMARY KEY,
  channel_id TEXT NOT NULL COLLATE NOCASE, counter INTEGER NOT NULL,
  failed_at  TEXT NOT NULL, error TEXT, cleared_at TEXT);
CREATE UNIQUE INDEX ux_hq_customer_failure_open ON hq_customer_failure(channel_id, counter) WHERE cleared_at IS NULL;
CREATE INDEX ix_hq_customer_failure_op ON hq_customer_failure(channel_id, counter, failed_at);
INSERT INTO hq_customer_failure(channel_id, counter, failed_at, error)
  SELECT channel_id, counter, COALESCE(synced_at, created_at), last_error FROM hq_async_customer WHERE sync_status = 2;
",
            // 7: a run's processed count is rows (a customer with one address is two; job 1010 counts each database), which is
            // not what its users read it as: each run also keeps how many distinct customers it touched. Older runs show 0.
            @"
ALTER TABLE job_run ADD COLUMN customers INTEGER NOT NULL DEFAULT 0;
",
        };

        public static int LatestVersion => Migrations.Length;
    }
}
