-- Version 11: customer attribute definitions (dev-itpro/customer-attributes.md): each attribute has a type (text, integer,
-- decimal, boolean; datetime and reference are not supported), a fixed list of values (text only) or a value range
-- (integer, decimal), and the attribute group it belongs to. The store's customer attribute group (Commerce parameters)
-- is a store setting (store_setting, key CustomerAttributeGroup); with none set, attributes stay free text.
-- An applied attribute operation keeps the value HQ had before it (the status page's old value).

CREATE TABLE customer_attribute_definition(
  name           TEXT PRIMARY KEY COLLATE NOCASE,
  data_type      INTEGER NOT NULL,
  allowed_values TEXT,
  minimum        TEXT,
  maximum        TEXT,
  attribute_group TEXT COLLATE NOCASE,
  created_at     TEXT NOT NULL);
CREATE INDEX ix_customer_attribute_definition_group ON customer_attribute_definition(attribute_group);

ALTER TABLE hq_async_attribute ADD COLUMN old_value TEXT;
