-- PostgreSQL twin of sql/0013_partial_indexes.sql: the same statements, types as in sql/pg/0001_init.sql.
-- Hot inserts touch fewer index pages: a foreign key that is NULL on most rows when they are
-- written (a guest cart's customer, a cart line's order, a cart's shipping method's return)
-- is indexed only where it is set. Every lookup by such a column compares it (col = ?, IN,
-- a join), which SQLite knows implies IS NOT NULL, so the same plans use the partial index.
-- Creating a cart wrote 11 WAL frames, 4 of them for NULL keys of cart's indexes.
DROP INDEX idx_cart_customer_id;
CREATE INDEX idx_cart_customer_id ON cart (customer_id) WHERE customer_id IS NOT NULL;
DROP INDEX idx_cart_payment_id;
CREATE INDEX idx_cart_payment_id ON cart (payment_id) WHERE payment_id IS NOT NULL;
DROP INDEX idx_cart_shipping_address_id;
CREATE INDEX idx_cart_shipping_address_id ON cart (shipping_address_id)
    WHERE shipping_address_id IS NOT NULL;
DROP INDEX idx_cart_billing_address_id;
CREATE INDEX idx_cart_billing_address_id ON cart (billing_address_id)
    WHERE billing_address_id IS NOT NULL;
DROP INDEX idx_line_item_order_id;
CREATE INDEX idx_line_item_order_id ON line_item (order_id) WHERE order_id IS NOT NULL;
DROP INDEX idx_line_item_swap_id;
CREATE INDEX idx_line_item_swap_id ON line_item (swap_id) WHERE swap_id IS NOT NULL;
DROP INDEX idx_line_item_claim_order_id;
CREATE INDEX idx_line_item_claim_order_id ON line_item (claim_order_id)
    WHERE claim_order_id IS NOT NULL;
DROP INDEX idx_line_item_order_edit_id;
CREATE INDEX idx_line_item_order_edit_id ON line_item (order_edit_id)
    WHERE order_edit_id IS NOT NULL;
DROP INDEX idx_shipping_method_return_id;
CREATE INDEX idx_shipping_method_return_id ON shipping_method (return_id)
    WHERE return_id IS NOT NULL;
DROP INDEX idx_shipping_method_swap_id;
CREATE INDEX idx_shipping_method_swap_id ON shipping_method (swap_id) WHERE swap_id IS NOT NULL;
DROP INDEX idx_shipping_method_claim_order_id;
CREATE INDEX idx_shipping_method_claim_order_id ON shipping_method (claim_order_id)
    WHERE claim_order_id IS NOT NULL;
DROP INDEX idx_shipping_method_order_id;
CREATE INDEX idx_shipping_method_order_id ON shipping_method (order_id)
    WHERE order_id IS NOT NULL;
DROP INDEX idx_payment_swap_id;
CREATE INDEX idx_payment_swap_id ON payment (swap_id) WHERE swap_id IS NOT NULL;
DROP INDEX idx_payment_order_id;
CREATE INDEX idx_payment_order_id ON payment (order_id) WHERE order_id IS NOT NULL;
-- Indexes a unique index already serves (its first column is theirs).
DROP INDEX idx_line_item_tax_line_item_id;
DROP INDEX idx_shipping_method_tax_line_shipping_method_id;
DROP INDEX idx_line_item_adjustment_discount_id;
DROP INDEX idx_payment_session_cart_id;
