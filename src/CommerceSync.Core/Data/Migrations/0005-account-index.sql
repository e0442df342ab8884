-- Version 5: lookups by account number alone (record mode, Get-CommerceCustomer -AccountNumber) span legal entities, so
-- the primary key (data_area_id first) cannot serve them. Whether a store has received an async customer is looked
-- up through HQ's async link and the store's primary key instead of an index on random GUIDs, which made every
-- row job 1010 wrote a random write (one entry per customer per channel database).

CREATE INDEX ix_cust_table_account ON cust_table(account_number);
DROP INDEX ix_channel_customer_async;
