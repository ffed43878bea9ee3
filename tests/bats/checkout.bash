# checkout.bash: real orders for the post-order suites, made through the API the way a shopper
# does (cart, address, shipping, payment session, complete), over the demo store plus
# tests/fixtures/seed-extended.json. Load it after helpers.bash.
# shellcheck shell=bash
# shellcheck shell=bash
# shellcheck disable=SC2154 # status and body are set by api() in helpers.bash

# q SQL: run against this file's database.
q() {
    dbsql "$@"
}

# checkout_vars: EU, TEE (S / Black t-shirt) and STD (PostFake Standard in the EU), exported.
checkout_vars() {
    EU=$(q "SELECT id FROM region WHERE name = 'EU'")
    TEE=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 't-shirt' AND v.title = 'S / Black'")
    STD=$(q "SELECT id FROM shipping_option WHERE name = 'PostFake Standard' AND region_id = '$EU'")
    export EU TEE STD
}

# checkout_order VARIANT QTY [VARIANT QTY]...: completes a guest cart of QTY x VARIANT (one
# line per pair) shipped with STD; sets ORDER (the order id) and CART.
checkout_order() {
    api POST /store/carts '{}'
    CART=$(jqr .cart.id)
    while [ $# -ge 2 ]; do
        api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$1\",\"quantity\":$2}"
        shift 2
    done
    api POST "/store/carts/$CART" '{"email":"buyer@example.com","shipping_address":{"first_name":"B","country_code":"de"}}'
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    api POST "/store/carts/$CART/payment-sessions"
    api POST "/store/carts/$CART/complete"
    [ "$(jqr .type)" = order ] || { echo "checkout failed: $body" >&2; return 1; }
    # shellcheck disable=SC2034 # ORDER is the caller's result
    ORDER=$(jqr .data.id)
}

# These two write what the admin order-edit flow leaves (/admin/order-edits, tested with the real
# flow in 59-admin-order-edits.bats) straight into the database, for the store-side suites.

# paycol_fixture ID AMOUNT [STATUS]: a payment collection of AMOUNT eur in the EU region.
paycol_fixture() {
    q "INSERT INTO payment_collection (id, type, status, description, amount, region_id,
        currency_code, created_by) VALUES ('$1', 'order_edit', '${3:-not_paid}', 'edit', $2,
        '$EU', 'eur', 'usr_admin')"
}

# order_edit_fixture ID ORDER [PAYCOL]: a requested edit of ORDER that adds one unit to each of
# its items: the items cloned onto the edit (as Medusa's admin does), one item_update change per
# item, the tax lines copied, and optionally payment collection PAYCOL attached.
order_edit_fixture() {
    local pc=NULL
    [ -n "${3-}" ] && pc="'$3'"
    q "INSERT INTO order_edit (id, order_id, internal_note, created_by, requested_by, requested_at,
        payment_collection_id) VALUES ('$1', '$2', 'secret', 'usr_admin', 'usr_admin',
        '2024-05-01T10:00:00.000Z', $pc);
    INSERT INTO line_item (id, order_edit_id, original_item_id, title, unit_price, variant_id,
        product_id, quantity, has_shipping, allow_discounts, created_at, updated_at)
        SELECT 'oe_' || '$1' || '_' || id, '$1', id, title, unit_price, variant_id, product_id,
               quantity + 1, has_shipping, allow_discounts, created_at, updated_at
        FROM line_item WHERE order_id = '$2';
    INSERT INTO line_item_tax_line (id, rate, name, code, item_id)
        SELECT 'oe_' || '$1' || '_' || t.id, t.rate, t.name, t.code, 'oe_' || '$1' || '_' || t.item_id
        FROM line_item_tax_line t JOIN line_item li ON li.id = t.item_id WHERE li.order_id = '$2';
    INSERT INTO order_item_change (id, type, order_edit_id, original_line_item_id, line_item_id)
        SELECT 'oic_' || '$1' || '_' || id, 'item_update', '$1', id, 'oe_' || '$1' || '_' || id
        FROM line_item WHERE order_id = '$2';"
}

# order_fulfilled_fixture ORDER: the shop captures ORDER's payment and fulfils every item, through
# the Admin API (the demo store's admin user).
order_fulfilled_fixture() {
    local tok items
    api POST /admin/auth/token '{"email":"admin@medusa-test.com","password":"supersecret"}'
    tok=$(jqr .access_token)
    api -H "Authorization: Bearer $tok" POST "/admin/orders/$1/capture"
    [ "$status" = 200 ] || { echo "capture failed: $body" >&2; return 1; }
    items=$(q "SELECT json_group_array(json_object('item_id', id, 'quantity', quantity)) FROM line_item WHERE order_id = '$1'")
    api -H "Authorization: Bearer $tok" POST "/admin/orders/$1/fulfillment" "{\"items\":$items}"
    [ "$status" = 200 ] || { echo "fulfillment failed: $body" >&2; return 1; }
}
