-- 0006_cart_address_copies.sql: a cart's and an order's addresses belong to no customer, as
-- Medusa makes them (issue #12). Until now a cart's address was written with the cart's customer
-- (so it showed in the address book, whose edits then rewrote placed orders), and an address id
-- set on a cart was linked, not copied. Every cart, order, swap and claim that points at a
-- customer's address gets its own copy (customer_id NULL); the address book keeps its rows.

CREATE TEMP TABLE address_detach (owner TEXT NOT NULL, old_id TEXT NOT NULL, new_id TEXT NOT NULL);

-- One pass per referencing column: the copies, then the owners pointed at them.
INSERT INTO address_detach SELECT o.id, a.id, 'addr_0' || substr(hex(randomblob(13)), 1, 25)
    FROM cart o JOIN address a ON a.id = o.shipping_address_id WHERE a.customer_id IS NOT NULL;
INSERT INTO address (id, customer_id, company, first_name, last_name, address_1, address_2, city,
    country_code, province, postal_code, phone, metadata, created_at, updated_at, deleted_at)
    SELECT d.new_id, NULL, a.company, a.first_name, a.last_name, a.address_1, a.address_2, a.city,
        a.country_code, a.province, a.postal_code, a.phone, a.metadata, a.created_at,
        a.updated_at, NULL FROM address_detach d JOIN address a ON a.id = d.old_id;
UPDATE cart SET shipping_address_id = (SELECT new_id FROM address_detach WHERE owner = cart.id)
    WHERE id IN (SELECT owner FROM address_detach);
DELETE FROM address_detach;

INSERT INTO address_detach SELECT o.id, a.id, 'addr_0' || substr(hex(randomblob(13)), 1, 25)
    FROM cart o JOIN address a ON a.id = o.billing_address_id WHERE a.customer_id IS NOT NULL;
INSERT INTO address (id, customer_id, company, first_name, last_name, address_1, address_2, city,
    country_code, province, postal_code, phone, metadata, created_at, updated_at, deleted_at)
    SELECT d.new_id, NULL, a.company, a.first_name, a.last_name, a.address_1, a.address_2, a.city,
        a.country_code, a.province, a.postal_code, a.phone, a.metadata, a.created_at,
        a.updated_at, NULL FROM address_detach d JOIN address a ON a.id = d.old_id;
UPDATE cart SET billing_address_id = (SELECT new_id FROM address_detach WHERE owner = cart.id)
    WHERE id IN (SELECT owner FROM address_detach);
DELETE FROM address_detach;

INSERT INTO address_detach SELECT o.id, a.id, 'addr_0' || substr(hex(randomblob(13)), 1, 25)
    FROM "order" o JOIN address a ON a.id = o.shipping_address_id WHERE a.customer_id IS NOT NULL;
INSERT INTO address (id, customer_id, company, first_name, last_name, address_1, address_2, city,
    country_code, province, postal_code, phone, metadata, created_at, updated_at, deleted_at)
    SELECT d.new_id, NULL, a.company, a.first_name, a.last_name, a.address_1, a.address_2, a.city,
        a.country_code, a.province, a.postal_code, a.phone, a.metadata, a.created_at,
        a.updated_at, NULL FROM address_detach d JOIN address a ON a.id = d.old_id;
UPDATE "order" SET shipping_address_id = (SELECT new_id FROM address_detach
    WHERE owner = "order".id) WHERE id IN (SELECT owner FROM address_detach);
DELETE FROM address_detach;

INSERT INTO address_detach SELECT o.id, a.id, 'addr_0' || substr(hex(randomblob(13)), 1, 25)
    FROM "order" o JOIN address a ON a.id = o.billing_address_id WHERE a.customer_id IS NOT NULL;
INSERT INTO address (id, customer_id, company, first_name, last_name, address_1, address_2, city,
    country_code, province, postal_code, phone, metadata, created_at, updated_at, deleted_at)
    SELECT d.new_id, NULL, a.company, a.first_name, a.last_name, a.address_1, a.address_2, a.city,
        a.country_code, a.province, a.postal_code, a.phone, a.metadata, a.created_at,
        a.updated_at, NULL FROM address_detach d JOIN address a ON a.id = d.old_id;
UPDATE "order" SET billing_address_id = (SELECT new_id FROM address_detach
    WHERE owner = "order".id) WHERE id IN (SELECT owner FROM address_detach);
DELETE FROM address_detach;

INSERT INTO address_detach SELECT o.id, a.id, 'addr_0' || substr(hex(randomblob(13)), 1, 25)
    FROM swap o JOIN address a ON a.id = o.shipping_address_id WHERE a.customer_id IS NOT NULL;
INSERT INTO address (id, customer_id, company, first_name, last_name, address_1, address_2, city,
    country_code, province, postal_code, phone, metadata, created_at, updated_at, deleted_at)
    SELECT d.new_id, NULL, a.company, a.first_name, a.last_name, a.address_1, a.address_2, a.city,
        a.country_code, a.province, a.postal_code, a.phone, a.metadata, a.created_at,
        a.updated_at, NULL FROM address_detach d JOIN address a ON a.id = d.old_id;
UPDATE swap SET shipping_address_id = (SELECT new_id FROM address_detach WHERE owner = swap.id)
    WHERE id IN (SELECT owner FROM address_detach);
DELETE FROM address_detach;

INSERT INTO address_detach SELECT o.id, a.id, 'addr_0' || substr(hex(randomblob(13)), 1, 25)
    FROM claim_order o JOIN address a ON a.id = o.shipping_address_id
    WHERE a.customer_id IS NOT NULL;
INSERT INTO address (id, customer_id, company, first_name, last_name, address_1, address_2, city,
    country_code, province, postal_code, phone, metadata, created_at, updated_at, deleted_at)
    SELECT d.new_id, NULL, a.company, a.first_name, a.last_name, a.address_1, a.address_2, a.city,
        a.country_code, a.province, a.postal_code, a.phone, a.metadata, a.created_at,
        a.updated_at, NULL FROM address_detach d JOIN address a ON a.id = d.old_id;
UPDATE claim_order SET shipping_address_id = (SELECT new_id FROM address_detach
    WHERE owner = claim_order.id) WHERE id IN (SELECT owner FROM address_detach);

DROP TABLE address_detach;
