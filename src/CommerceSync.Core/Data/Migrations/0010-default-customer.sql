-- Version 10: the store's default customer (customer-mgmt-stores.md, "Default customer properties"): a new customer takes
-- its type, customer group, receipt option, receipt email, currency, language and affiliations when the POS gives none.
-- Customers carry a receipt option and a receipt email from the POS to HQ.

ALTER TABLE channel ADD COLUMN default_customer TEXT;
ALTER TABLE ch_async_customer ADD COLUMN receipt_option INTEGER;
ALTER TABLE ch_async_customer ADD COLUMN receipt_email TEXT;
ALTER TABLE hq_async_customer ADD COLUMN receipt_option INTEGER;
ALTER TABLE hq_async_customer ADD COLUMN receipt_email TEXT;
ALTER TABLE off_async_customer ADD COLUMN receipt_option INTEGER;
ALTER TABLE off_async_customer ADD COLUMN receipt_email TEXT;
ALTER TABLE cust_table ADD COLUMN receipt_option INTEGER;
ALTER TABLE cust_table ADD COLUMN receipt_email TEXT;
