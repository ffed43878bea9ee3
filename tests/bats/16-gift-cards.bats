#!/usr/bin/env bats
# 16-gift-cards.bats: GET /store/gift-cards/:code (issue #5; store.md §5.10), over the gift cards
# of tests/fixtures/seed-extended.json.

load helpers
load spec

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
}

teardown_file() {
    stop_stack
}

@test "gift cards: exactly id, code, value, balance and the region" {
    api GET /store/gift-cards/GIFT-TEST-0050
    assert_status 200
    assert_spec GET /store/gift-cards/GIFT-TEST-0050
    assert_json '.gift_card | keys' '["balance","code","id","region","value"]'
    assert_json '.gift_card | [.code, .value, .balance, .region.name, .region.currency_code]' '["GIFT-TEST-0050",5000,5000,"EU","eur"]'
    assert_json '.gift_card.region | has("countries")' false
}

@test "gift cards: disabled and expired cards are still shown" {
    api GET /store/gift-cards/GIFT-DISABLED-0020
    assert_status 200
    assert_json '.gift_card | [.value, .balance]' '[2000,1500]'
}

@test "gift cards: the code is exact and case-sensitive; a miss is Medusa's 404" {
    api GET /store/gift-cards/gift-test-0050
    assert_medusa_error 404 not_found "Gift card with code: gift-test-0050 was not found"
    api GET /store/gift-cards/NOPE
    assert_medusa_error 404 not_found "Gift card with code: NOPE was not found"
}
