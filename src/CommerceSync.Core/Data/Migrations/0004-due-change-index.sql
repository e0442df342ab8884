-- Version 4: the sync job looks for due edits and deactivations every chunk; without their own index that was a scan of
-- every due create, which made a bulk run quadratic in the number of new customers.

CREATE INDEX ix_hq_async_customer_due_change ON hq_async_customer(channel_id, counter) WHERE online_operation_completed = 0 AND operation <> 1;
-- A customer's last change: what the integrity checks compare each channel's watermark with.
CREATE INDEX ix_hq_change_account ON hq_change(data_area_id, account_number, seq);
