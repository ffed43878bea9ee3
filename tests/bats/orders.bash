# orders.bash: orders for the customer tests, written straight into the database, since the
# checkout that makes them is issue #4's. Each is what a completed cart leaves (checkout.md §11.3):
# the row, a shipping address, persisted tax lines, discount adjustments and a payment. The
# numbers are checkout.md §5.6's worked example: items 1000 x 2 at 10 % and 500 at 25 %, a fixed
# discount of 300 split 240/60, shipping 800 at 25 %; the order total is 3486.
# shellcheck shell=bash

# sql STATEMENTS: run against this file's database.
sql() {
    dbsql "$@"
}

# order_fixture ID DISPLAY_ID CUSTOMER_ID EMAIL [STATUS] [CREATED_AT]
order_fixture() {
    local id="$1" display="$2" customer="$3" email="$4" status="${5:-pending}"
    local created="${6:-2024-05-0${display}T10:00:00.000Z}"
    sql "
    INSERT INTO address (id, first_name, last_name, address_1, city, country_code, postal_code)
        VALUES ('addr_$id', 'Ship$display', 'Doe', 'Main St $display', 'Copenhagen', 'dk', '2200');
    INSERT INTO \"order\" (id, status, fulfillment_status, payment_status, display_id, customer_id,
        email, shipping_address_id, region_id, currency_code, metadata, created_at, updated_at)
        SELECT '$id', '$status', 'not_fulfilled', 'awaiting', $display, '$customer', '$email',
               'addr_$id', id, 'eur', '{}', '$created', '$created' FROM region WHERE name = 'EU';
    INSERT INTO order_discounts (order_id, discount_id)
        SELECT '$id', id FROM discount WHERE code = 'VIP500';
    INSERT INTO line_item (id, order_id, title, unit_price, quantity, variant_id, has_shipping,
        created_at, updated_at)
        SELECT 'item_${id}_a', '$id', 'Medusa T-Shirt', 1000, 2, id, 1, '$created', '$created'
        FROM product_variant WHERE title = 'S / Black' LIMIT 1;
    INSERT INTO line_item (id, order_id, title, unit_price, quantity, variant_id, has_shipping,
        created_at, updated_at)
        SELECT 'item_${id}_b', '$id', 'Medusa Sweatpants', 500, 1, id, 1, '$created', '$created'
        FROM product_variant WHERE title = 'M' LIMIT 1;
    INSERT INTO line_item_tax_line (id, rate, name, code, item_id)
        VALUES ('litl_${id}_a', 10, 'Reduced', 'R10', 'item_${id}_a'),
               ('litl_${id}_b', 25, 'Standard', 'S25', 'item_${id}_b');
    INSERT INTO line_item_adjustment (id, item_id, description, discount_id, amount)
        SELECT 'lia_${id}_a', 'item_${id}_a', 'discount', id, 240 FROM discount WHERE code = 'VIP500';
    INSERT INTO line_item_adjustment (id, item_id, description, discount_id, amount)
        SELECT 'lia_${id}_b', 'item_${id}_b', 'discount', id, 60 FROM discount WHERE code = 'VIP500';
    INSERT INTO shipping_method (id, shipping_option_id, order_id, price)
        SELECT 'sm_$id', id, '$id', 800 FROM shipping_option WHERE name = 'PostFake Standard';
    INSERT INTO shipping_method_tax_line (id, rate, name, code, shipping_method_id)
        VALUES ('smtl_$id', 25, 'Standard', 'S25', 'sm_$id');
    INSERT INTO payment (id, order_id, amount, currency_code, provider_id)
        VALUES ('pay_$id', '$id', 3486, 'eur', 'manual');
    UPDATE app_counter SET value = max(value, $display) WHERE name = 'order_display_id';
    "
}

# guest_customer EMAIL: a guest customer (as a guest checkout leaves one); prints its id.
guest_customer() {
    local id
    id="cus_guest_$(printf '%s' "$1" | md5sum | cut -c1-12)"
    sql "INSERT INTO customer (id, email, has_account) VALUES ('$id', '$1', 0)"
    printf '%s' "$id"
}
