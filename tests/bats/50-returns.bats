#!/usr/bin/env bats
# 50-returns.bats: POST /store/returns (store.md §7, §1.11) on orders made by a real checkout
# (tests/bats/checkout.bash).

load helpers
load spec
load checkout

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    checkout_vars
}

teardown_file() {
    stop_stack
}

@test "returns: a requested return refunds the items, under an idempotency key" {
    checkout_order "$TEE" 2
    local item
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1,\"note\":\"too big\"}]}"
    assert_status 200
    assert_spec POST /store/returns
    assert_json .return.status requested
    assert_json .return.order_id "$ORDER"
    assert_json .return.refund_amount 1950
    assert_json .return.shipping_data null
    assert_json '.return.items[0] | [.item_id, .quantity, .requested_quantity, .received_quantity, .is_requested, .note, .reason]' "[\"$item\",1,1,null,true,\"too big\",null]"
    assert_json '.return | has("shipping_method")' false
    local key id
    key=$(header idempotency-key)
    id=$(jqr .return.id)
    assert_json .return.idempotency_key "$key"
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order.return_requested' AND CAST(data AS TEXT) LIKE '%$id%'")" = 1 ]
    # The same key replays the stored answer for the same order (another order's request is the
    # 409, issue #12); an unknown key is replaced by a fresh one.
    api -H "Idempotency-Key: $key" POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[]}"
    assert_status 200
    assert_json .return.id "$id"
    api -H "Idempotency-Key: $key" POST /store/returns '{"order_id":"x","items":[]}'
    assert_status 409
    api -H 'Idempotency-Key: never-issued' POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1}]}"
    assert_status 200
    [ "$(header idempotency-key)" != never-issued ]
    [ "$(q "SELECT count(*) FROM \"return\" WHERE order_id = '$ORDER'")" = 2 ]
}

@test "returns: return shipping is deducted with its tax; reasons are kept" {
    checkout_order "$TEE" 1
    local item opt reason
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    opt=$(q "SELECT id FROM shipping_option WHERE region_id = '$EU' AND is_return = 1 LIMIT 1")
    reason=$(q "SELECT id FROM return_reason WHERE parent_return_reason_id IS NULL AND id NOT IN (SELECT parent_return_reason_id FROM return_reason WHERE parent_return_reason_id IS NOT NULL) LIMIT 1")
    [ -n "$opt" ] || opt="$STD"
    local amount rate
    amount=$(q "SELECT coalesce(amount, 0) FROM shipping_option WHERE id = '$opt'")
    rate=$(q "SELECT tax_rate FROM region WHERE id = '$EU'")
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1,\"reason_id\":\"$reason\"}],\"return_shipping\":{\"option_id\":\"$opt\"}}"
    assert_status 200
    assert_spec POST /store/returns
    assert_json .return.shipping_data '{}'
    assert_json .return.items[0].reason.id "$reason"
    local want
    want=$(python3 -c "import math; a=$amount; r=$rate; print(1950 - (a + math.floor(a*r/100 + 0.5)))")
    assert_json .return.refund_amount "$want"
    [ "$(q "SELECT count(*) FROM shipping_method WHERE return_id = '$(jqr .return.id)'")" = 1 ]
}

@test "returns: Medusa's refusals change nothing" {
    checkout_order "$TEE" 1
    local item before
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    before=$(q 'SELECT count(*) FROM "return"')
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":2}]}"
    assert_medusa_error 400 not_allowed 'Cannot return more items than have been purchased'
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"item_nope\",\"quantity\":1}]}"
    assert_medusa_error 404 not_found 'Line item with item_nope was not found'
    api POST /store/returns "{\"order_id\":\"order_nope\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1}]}"
    assert_medusa_error 404 not_found 'Order with id: order_nope was not found'
    local other
    other=$(q "SELECT id FROM line_item WHERE order_id IS NOT NULL AND order_id != '$ORDER' LIMIT 1")
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$other\",\"quantity\":1}]}"
    assert_medusa_error 400 invalid_data 'Return contains invalid line item'
    local parent
    parent=$(q "SELECT parent_return_reason_id FROM return_reason WHERE parent_return_reason_id IS NOT NULL LIMIT 1")
    if [ -n "$parent" ]; then
        api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1,\"reason_id\":\"$parent\"}]}"
        assert_medusa_error 400 invalid_data 'Cannot apply return reason category'
    fi
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1}],\"return_shipping\":{\"option_id\":\"so_nope\"}}"
    assert_medusa_error 404 not_found 'Shipping Option with so_nope was not found'
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":0}]}"
    assert_medusa_error 400 invalid_data 'quantity must not be less than 1'
    api POST /store/returns '{"items":[]}'
    assert_status 400
    q "UPDATE \"order\" SET status = 'canceled', canceled_at = '2024-01-01T00:00:00.000Z' WHERE id = '$ORDER'"
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1}]}"
    assert_medusa_error 400 invalid_data 'Cannot create a return for a canceled item.'
    [ "$(q 'SELECT count(*) FROM "return"')" = "$before" ]
}
