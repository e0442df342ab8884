-- Version 8: Get-CommerceSalesOrder and Get-CommerceLoyaltyCard look up by account number alone (a customer piped in, or
-- -AccountNumber), which spans legal entities: the primary key and ix_loyalty_card_account (data_area_id first) cannot
-- serve that, so each lookup read every order or card.

CREATE INDEX ix_sales_order_account ON sales_order(account_number);
CREATE INDEX ix_loyalty_card_account_number ON loyalty_card(account_number);
