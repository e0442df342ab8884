-- Version 2: sales transactions (cash-and-carry and customer orders), HQ sales orders and statements.

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
