#!/usr/bin/env bats
# 51-payment-collections.bats: the /store/payment-collections routes (store.md §10). The
# collections are written by paycol_fixture (tests/bats/checkout.bash), as the admin's order-edit
# flow would leave them.

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

@test "payment collections: read with Medusa's default selection, 404 otherwise" {
    paycol_fixture paycol_get 10000
    api GET /store/payment-collections/paycol_get
    assert_status 200
    assert_spec GET /store/payment-collections/paycol_get
    assert_json '.payment_collection | keys' '["amount","currency_code","description","id","metadata","payment_sessions","region","status","type"]'
    assert_json .payment_collection.region.id "$EU"
    assert_json .payment_collection.payment_sessions '[]'
    api GET /store/payment-collections/paycol_nope
    assert_medusa_error 404 not_found 'Payment collection with id paycol_nope was not found'
}

@test "payment collections: one session per provider, kept on a second call" {
    paycol_fixture paycol_one 5000
    api POST /store/payment-collections/paycol_one/sessions '{"provider_id":"manual"}'
    assert_status 200
    assert_spec POST /store/payment-collections/paycol_one/sessions
    assert_json '.payment_collection.payment_sessions | length' 1
    assert_json '.payment_collection.payment_sessions[0] | [.provider_id, .amount, .status, .data, .cart_id, .is_initiated]' '["manual",5000,"pending",{"status":"pending"},null,true]'
    assert_json '.payment_collection | has("created_by")' true
    assert_json '.payment_collection.region | has("payment_providers")' true
    local sid
    sid=$(jqr '.payment_collection.payment_sessions[0].id')
    api POST /store/payment-collections/paycol_one/sessions '{"provider_id":"manual"}'
    assert_json '.payment_collection.payment_sessions | map(.id)' "[\"$sid\"]"
    api POST /store/payment-collections/paycol_one/sessions '{"provider_id":"stripe-nope"}'
    assert_medusa_error 400 invalid_data 'Payment provider not found'
    api POST /store/payment-collections/paycol_nope/sessions '{"provider_id":"manual"}'
    assert_medusa_error 404 not_found 'Payment collection with id paycol_nope was not found'
}

@test "payment collections: batches replace the set, keep named ids, and must add up" {
    paycol_fixture paycol_batch 10000
    api POST /store/payment-collections/paycol_batch/sessions/batch '{"sessions":[{"provider_id":"manual","amount":2000},{"provider_id":"manual","amount":5000},{"provider_id":"manual","amount":3000}]}'
    assert_status 200
    assert_spec POST /store/payment-collections/paycol_batch/sessions/batch
    assert_json '.payment_collection.payment_sessions | map(.status) | unique' '["pending"]'
    assert_json '.payment_collection.payment_sessions | map(.amount) | add' 10000
    assert_json '.payment_collection.payment_sessions | length' 3
    local s0 s1
    s0=$(jqr '.payment_collection.payment_sessions[0].id')
    s1=$(jqr '.payment_collection.payment_sessions[1].id')
    api POST /store/payment-collections/paycol_batch/sessions/batch "{\"sessions\":[{\"provider_id\":\"manual\",\"amount\":5000,\"session_id\":\"$s0\"},{\"provider_id\":\"manual\",\"amount\":5000,\"session_id\":\"$s1\"},{\"provider_id\":\"nope\",\"amount\":1}]}"
    assert_status 200
    assert_json '.payment_collection.payment_sessions | map(.id) | sort' "$(jq -cn --arg a "$s0" --arg b "$s1" '[$a,$b] | sort')"
    assert_json '.payment_collection.payment_sessions | map(.amount)' '[5000,5000]'
    api POST /store/payment-collections/paycol_batch/sessions/batch '{"sessions":[{"provider_id":"manual","amount":1000}]}'
    assert_medusa_error 500 unexpected_state 'The sum of sessions is not equal to 10000 on Payment Collection'
    [ "$(q "SELECT count(*) FROM payment_collection_sessions WHERE payment_collection_id = 'paycol_batch'")" = 2 ]
    api POST /store/payment-collections/paycol_batch/sessions/batch '{"sessions":[{"provider_id":"manual"}]}'
    assert_status 400
    paycol_fixture paycol_paid 100 authorized
    api POST /store/payment-collections/paycol_paid/sessions/batch '{"sessions":[{"provider_id":"manual","amount":100}]}'
    assert_medusa_error 400 not_allowed 'Cannot set payment sessions for a payment collection with status authorized'
}

@test "payment collections: authorizing sessions makes payments and moves the status" {
    paycol_fixture paycol_auth 10000
    api POST /store/payment-collections/paycol_auth/sessions/batch/authorize '{"session_ids":[]}'
    assert_medusa_error 400 not_allowed 'You cannot complete a Payment Collection without a payment session.'
    api POST /store/payment-collections/paycol_auth/sessions/batch '{"sessions":[{"provider_id":"manual","amount":4000},{"provider_id":"manual","amount":6000}]}'
    local s0 s1
    s0=$(jqr '.payment_collection.payment_sessions | map(select(.amount == 4000))[0].id')
    s1=$(jqr '.payment_collection.payment_sessions | map(select(.amount == 6000))[0].id')
    api POST /store/payment-collections/paycol_auth/sessions/batch/authorize "{\"session_ids\":[\"$s0\",\"ps_unknown\"]}"
    assert_status 200
    assert_spec POST /store/payment-collections/paycol_auth/sessions/batch/authorize
    assert_json .payment_collection.status partially_authorized
    assert_json .payment_collection.authorized_amount 4000
    assert_json '.payment_collection.payments | map([.amount, .provider_id, .data, .cart_id])' '[[4000,"manual",{"status":"authorized"},null]]'
    api POST "/store/payment-collections/paycol_auth/sessions/$s1/authorize"
    assert_status 200
    assert_spec POST "/store/payment-collections/paycol_auth/sessions/$s1/authorize"
    assert_json .payment_session.id "$s1"
    assert_json .payment_session.status authorized
    assert_json .payment_session.data '{"status":"authorized"}'
    [ "$(q "SELECT status || ' ' || authorized_amount FROM payment_collection WHERE id = 'paycol_auth'")" = 'authorized 10000' ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'payment-collection.payment_authorized'")" -ge 2 ]
    api POST /store/payment-collections/paycol_auth/sessions/ps_unknown/authorize
    assert_medusa_error 422 payment_authorization_error 'Failed to authorize Payment Session id "paycol_auth"'
}

@test "payment collections: refreshing a session replaces it and keeps the others" {
    paycol_fixture paycol_ref 10000
    paycol_fixture paycol_other 10
    api POST /store/payment-collections/paycol_ref/sessions/batch '{"sessions":[{"provider_id":"manual","amount":4000},{"provider_id":"manual","amount":6000}]}'
    local s0 s1
    s0=$(jqr '.payment_collection.payment_sessions[0].id')
    s1=$(jqr '.payment_collection.payment_sessions[1].id')
    api POST "/store/payment-collections/paycol_ref/sessions/$s0"
    assert_status 200
    assert_spec POST "/store/payment-collections/paycol_ref/sessions/$s0"
    local new
    new=$(jqr .payment_session.id)
    [ "$new" != "$s0" ]
    assert_json '.payment_session | [.status, .provider_id]' '["pending","manual"]'
    api GET /store/payment-collections/paycol_ref
    assert_json '.payment_collection.payment_sessions | map(.id) | sort' "$(jq -cn --arg a "$new" --arg b "$s1" '[$a,$b] | sort')"
    api POST "/store/payment-collections/paycol_ref/sessions/$s0"
    assert_medusa_error 404 not_found "Payment collection related to Payment Session id $s0 was not found"
    api POST "/store/payment-collections/paycol_other/sessions/$s1"
    assert_medusa_error 400 not_allowed "Payment Session $s1 does not belong to Payment Collection paycol_other"
}

@test "payment collections: a collection of nothing is authorized at once" {
    paycol_fixture paycol_zero 0
    api POST /store/payment-collections/paycol_zero/sessions/batch/authorize '{"session_ids":[]}'
    assert_status 200
    assert_json '.payment_collection | [.status, .authorized_amount]' '["authorized",0]'
}
