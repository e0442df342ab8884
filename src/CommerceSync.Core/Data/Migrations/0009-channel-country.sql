-- Version 9: a channel's country/region, from the primary address of its operating unit (customer-mgmt-stores.md): an
-- address a POS records without a country takes it, instead of reaching HQ without one. Older channels have none.

ALTER TABLE channel ADD COLUMN country TEXT;
