#!/usr/bin/env bats
# 81-hostile-bodies.bats: hostile JSON bodies (tests/bats/hostile_bodies.py) on every write route
# of the Store and Admin APIs, with real and bogus ids: non-objects, deep nesting, and hostile
# values (huge and negative numbers, NUL, long strings, nested arrays and objects, SQL) in each
# field name the DTOs use. Valid bodies among them are carried out; nothing may crash a worker,
# answer a 5xx or damage the database.

load helpers

# integrity: SQLite's PRAGMA integrity_check ("ok" when the file is sound); PostgreSQL keeps no
# such file for a test to check, so there it is "ok" by definition.
integrity() {
    if [ "$MEDUSA_TEST_DB" = sqlite ]; then db 'PRAGMA integrity_check'; else echo ok; fi
}

setup_file() {
    start_stack
    REGION=$(dbsql "SELECT id FROM region WHERE name = 'EU'")
    VARIANT=$(dbsql "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 't-shirt' LIMIT 1")
    export REGION VARIANT
}

teardown_file() {
    stop_stack
}

db() {
    dbsql "$1"
}
@test "hostile bodies on every write route, store and admin: no 5xx, no worker lost, integrity ok" {
    need_nginx
    local tok order edit item so pids routes="$BATS_TEST_TMPDIR/routes"
    api POST /admin/auth/token '{"email":"admin@medusa-test.com","password":"supersecret"}'
    tok=$(jqr .access_token)
    # An order and an edit of it, for the routes under /admin/orders/:id and /admin/order-edits/:id.
    so=$(db "SELECT id FROM shipping_option WHERE region_id = '$REGION' AND is_return = 0 LIMIT 1")
    api POST /store/carts "{\"region_id\":\"$REGION\"}"
    local cart
    cart=$(jqr .cart.id)
    CART=$cart
    api POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$VARIANT\",\"quantity\":2}"
    api POST "/store/carts/$cart" '{"email":"hostile@example.com","shipping_address":{"country_code":"de"}}'
    api POST "/store/carts/$cart/shipping-methods" "{\"option_id\":\"$so\"}"
    api POST "/store/carts/$cart/payment-sessions"
    api POST "/store/carts/$cart/complete"
    order=$(jqr .data.id)
    [[ "$order" == order_* ]]
    api -H "Authorization: Bearer $tok" POST /admin/order-edits "{\"order_id\":\"$order\"}"
    edit=$(jqr .order_edit.id)
    item=$(db "SELECT id FROM line_item WHERE order_edit_id = '$edit' LIMIT 1")
    # Throwaway settings for the team, settings, tax and channel routes under their :ids (their
    # deletes are carried out too, so nothing the other routes need).
    local H="Authorization: Bearer $tok" usr reg so2 sp rr txr sc pk inv
    api -H "$H" POST /admin/users '{"email":"hostile-user@example.com","password":"pw"}'
    usr=$(jqr .user.id)
    api -H "$H" POST /admin/regions '{"name":"Hostile","currency_code":"eur","tax_rate":0,"payment_providers":["manual"],"fulfillment_providers":["manual"],"countries":["pt"]}'
    reg=$(jqr .region.id)
    api -H "$H" POST /admin/shipping-options "{\"name\":\"H\",\"region_id\":\"$reg\",\"provider_id\":\"manual\",\"data\":{},\"price_type\":\"flat_rate\",\"amount\":1}"
    so2=$(jqr .shipping_option.id)
    api -H "$H" POST /admin/shipping-profiles '{"name":"H","type":"custom"}'
    sp=$(jqr .shipping_profile.id)
    api -H "$H" POST /admin/return-reasons '{"value":"hostile","label":"H"}'
    rr=$(jqr .return_reason.id)
    api -H "$H" POST /admin/tax-rates "{\"code\":\"H\",\"name\":\"H\",\"region_id\":\"$reg\"}"
    txr=$(jqr .tax_rate.id)
    api -H "$H" POST /admin/sales-channels '{"name":"H"}'
    sc=$(jqr .sales_channel.id)
    api -H "$H" POST /admin/publishable-api-keys '{"title":"H"}'
    pk=$(jqr .publishable_api_key.id)
    api -H "$H" POST /admin/invites '{"user":"hostile-invitee@example.com","role":"member"}'
    inv=$(db "SELECT id FROM invite LIMIT 1")
    for v in "$usr" "$reg" "$so2" "$sp" "$rr" "$txr" "$sc" "$pk" "$inv"; do [ -n "$v" ] && [ "$v" != null ]; done
    pids=$(pgrep -P "$(cat "$MEDUSA_TEST_DIR/medusa.pid")" | sort | tr '\n' ' ')
    # The back office's resources, for the admin catalog, pricing and promotion routes.
    local pl grp col cat disc cond gift opt cus
    api -H "Authorization: Bearer $tok" POST /admin/customer-groups '{"name":"Hostile"}'
    grp=$(jqr .customer_group.id)
    api -H "Authorization: Bearer $tok" POST /admin/price-lists "{\"name\":\"H\",\"description\":\"h\",\"type\":\"sale\",\"prices\":[{\"variant_id\":\"$VARIANT\",\"currency_code\":\"eur\",\"amount\":1}]}"
    pl=$(jqr .price_list.id)
    api -H "Authorization: Bearer $tok" POST /admin/collections '{"title":"Hostile"}'
    col=$(jqr .collection.id)
    api -H "Authorization: Bearer $tok" POST /admin/product-categories '{"name":"Hostile"}'
    cat=$(jqr .product_category.id)
    local prod
    prod=$(db "SELECT product_id FROM product_variant WHERE id = '$VARIANT'")
    opt=$(db "SELECT id FROM product_option WHERE product_id = '$prod' LIMIT 1")
    api -H "Authorization: Bearer $tok" POST /admin/discounts "{\"code\":\"HOSTILE\",\"is_dynamic\":true,\"rule\":{\"type\":\"percentage\",\"value\":5,\"allocation\":\"total\",\"conditions\":[{\"operator\":\"in\",\"products\":[\"$prod\"]}]},\"regions\":[\"$REGION\"]}"
    disc=$(jqr .discount.id)
    cond=$(jqr '.discount.rule.conditions[0].id')
    api -H "Authorization: Bearer $tok" POST /admin/gift-cards "{\"value\":100,\"region_id\":\"$REGION\"}"
    gift=$(jqr .gift_card.id)
    cus=$(db "SELECT customer_id FROM \"order\" WHERE id = '$order'")
    # A note on the order, so POST/DELETE /admin/notes/:id carry out the valid bodies too.
    local note
    api -H "Authorization: Bearer $tok" POST /admin/notes "{\"resource_id\":\"$order\",\"resource_type\":\"order\",\"value\":\"Hostile\"}"
    note=$(jqr .note.id)
    [ -n "$pl" ] && [ -n "$cond" ] && [ -n "$gift" ] && [ -n "$cus" ] && [ -n "$note" ]
    # Every route with a body or a write but the logins (rate limits, argon2id) and the
    # store's customer routes (they need a session: 401 before any body is read).
    "$MEDUSA_BIN" routes | awk '$1 != "GET" && $2 !~ /auth/ && $2 !~ /^\/store\/customers/ {print $1, $2}' > "$routes"
    [ "$(wc -l < "$routes")" -ge 50 ]
    run python3 "$MEDUSA_SRCDIR/tests/bats/hostile_bodies.py" "$BASE" "$tok" "$routes" \
        "{\"orders:id\":\"$order\",\"order-edits:id\":\"$edit\",\"order-edits:item_id\":\"$item\",\"carts:id\":\"$CART\",\"products:id\":\"$prod\",\"products:variant_id\":\"$VARIANT\",\"products:option_id\":\"$opt\",\"price-lists:id\":\"$pl\",\"price-lists:variant_id\":\"$VARIANT\",\"price-lists:product_id\":\"$prod\",\"customer-groups:id\":\"$grp\",\"collections:id\":\"$col\",\"product-categories:id\":\"$cat\",\"discounts:id\":\"$disc\",\"discounts:condition_id\":\"$cond\",\"discounts:region_id\":\"$REGION\",\"discounts:code\":\"HOSTILE\",\"gift-cards:id\":\"$gift\",\"customers:id\":\"$cus\",\"users:id\":\"$usr\",\"regions:id\":\"$reg\",\"shipping-options:id\":\"$so2\",\"shipping-profiles:id\":\"$sp\",\"return-reasons:id\":\"$rr\",\"tax-rates:id\":\"$txr\",\"sales-channels:id\":\"$sc\",\"publishable-api-keys:id\":\"$pk\",\"invites:invite_id\":\"$inv\",\"notes:id\":\"$note\"}"
    echo "# ${lines[0]}" >&3
    [[ "${lines[0]}" == "requests "*" 5xx 0" ]] || { printf '%s\n' "$output" | head -20 >&2; false; }
    [ "$(pgrep -P "$(cat "$MEDUSA_TEST_DIR/medusa.pid")" | sort | tr '\n' ' ')" = "$pids" ]
    [ "$(integrity)" = ok ]
    # The real note id reached its routes: DELETE /admin/notes/:id was carried out (soft).
    [ -n "$(db "SELECT deleted_at FROM note WHERE id = '$note'")" ]
}
