-- 0006_cart_address_copies.sql (PostgreSQL twin of sql/0006_cart_address_copies.sql: the same
-- statements, gen_random_uuid() standing in for SQLite's randomblob()): a cart's and an order's addresses belong to no customer, as
-- Medusa makes them (issue #12). Until now a cart's address was written with the cart's customer
-- (so it showed in the address book, whose edits then rewrote placed orders), and an address id
-- set on a cart was linked, not copied. Every cart, order, swap and claim that points at a
-- customer's address gets its own copy (customer_id NULL); the address book keeps its rows.

CREATE TEMP TABLE address_detach (ref text NOT NULL, owner text NOT NULL, old_id text NOT NULL,
    new_id text);
INSERT INTO address_detach (ref, owner, old_id) SELECT r.ref, r.owner, r.old_id FROM (
    SELECT 'cart.shipping' AS ref, id AS owner, shipping_address_id AS old_id FROM cart
    UNION ALL SELECT 'cart.billing', id, billing_address_id FROM cart
    UNION ALL SELECT 'order.shipping', id, shipping_address_id FROM "order"
    UNION ALL SELECT 'order.billing', id, billing_address_id FROM "order"
    UNION ALL SELECT 'swap.shipping', id, shipping_address_id FROM swap
    UNION ALL SELECT 'claim.shipping', id, shipping_address_id FROM claim_order) r
    JOIN address a ON a.id = r.old_id WHERE a.customer_id IS NOT NULL;
-- One copy per reference, with an id of the usual shape (addr_ and 26 characters).
UPDATE address_detach SET new_id = 'addr_0' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 25));
INSERT INTO address (id, customer_id, company, first_name, last_name, address_1, address_2, city,
    country_code, province, postal_code, phone, metadata, created_at, updated_at)
    SELECT d.new_id, NULL, a.company, a.first_name, a.last_name, a.address_1, a.address_2, a.city,
        a.country_code, a.province, a.postal_code, a.phone, a.metadata, a.created_at,
        a.updated_at FROM address_detach d JOIN address a ON a.id = d.old_id;

UPDATE cart SET shipping_address_id = (SELECT new_id FROM address_detach
    WHERE ref = 'cart.shipping' AND owner = cart.id)
    WHERE id IN (SELECT owner FROM address_detach WHERE ref = 'cart.shipping');
UPDATE cart SET billing_address_id = (SELECT new_id FROM address_detach
    WHERE ref = 'cart.billing' AND owner = cart.id)
    WHERE id IN (SELECT owner FROM address_detach WHERE ref = 'cart.billing');
UPDATE "order" SET shipping_address_id = (SELECT new_id FROM address_detach
    WHERE ref = 'order.shipping' AND owner = "order".id)
    WHERE id IN (SELECT owner FROM address_detach WHERE ref = 'order.shipping');
UPDATE "order" SET billing_address_id = (SELECT new_id FROM address_detach
    WHERE ref = 'order.billing' AND owner = "order".id)
    WHERE id IN (SELECT owner FROM address_detach WHERE ref = 'order.billing');
UPDATE swap SET shipping_address_id = (SELECT new_id FROM address_detach
    WHERE ref = 'swap.shipping' AND owner = swap.id)
    WHERE id IN (SELECT owner FROM address_detach WHERE ref = 'swap.shipping');
UPDATE claim_order SET shipping_address_id = (SELECT new_id FROM address_detach
    WHERE ref = 'claim.shipping' AND owner = claim_order.id)
    WHERE id IN (SELECT owner FROM address_detach WHERE ref = 'claim.shipping');

DROP TABLE address_detach;
