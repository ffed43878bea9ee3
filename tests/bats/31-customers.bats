#!/usr/bin/env bats
# 31-customers.bats: /store/customers (issue #5; store.md §3): registration and its duplicate
# rules, the profile, addresses, the customer's orders and payment methods, password reset
# through the outbox token, and one customer never reaching another's data. Orders are fixtures
# (tests/bats/orders.bash) until the checkout lands.

load helpers
load spec
load orders

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    JANE=$(sql "SELECT id FROM customer WHERE email = 'jane@example.com'")
    JANE_ADDR=$(sql "SELECT id FROM address WHERE customer_id = '$JANE'")
    export JANE JANE_ADDR
}

teardown_file() {
    stop_stack
}

# login EMAIL PASSWORD: sets COOKIE (a "Cookie:" header line) from the session cookie.
login() {
    api POST /store/auth "{\"email\":\"$1\",\"password\":\"$2\"}"
    assert_status 200
    COOKIE="Cookie: $(header set-cookie | sed 's/;.*//')"
}

# register EMAIL PASSWORD [EXTRA_JSON_MEMBERS]: POST /store/customers; sets COOKIE.
register() {
    api POST /store/customers "{\"email\":\"$1\",\"password\":\"$2\"${3:+,$3}}"
    COOKIE="Cookie: $(header set-cookie | sed 's/;.*//')"
}

# last_event NAME: the newest event called NAME in the outbox, as JSON.
last_event() {
    medusa events list --all | jq -c "select(.name == \"$1\")" | tail -1
}

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
# hs256 PAYLOAD KEY: a JWT.
hs256() {
    local h p
    h=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
    p=$(printf '%s' "$1" | b64url)
    printf '%s.%s.%s' "$h" "$p" "$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -hmac "$2" -binary | b64url)"
}

@test "register: Medusa's customer response, the e-mail lower-cased, logged in at once" {
    register James@Bond.COM 'sh4ken' '"first_name":"James","last_name":"Bond"'
    assert_status 200
    assert_json '.customer | keys' '["billing_address","billing_address_id","created_at","deleted_at","email","first_name","has_account","id","last_name","metadata","phone","shipping_addresses","updated_at"]'
    assert_json .customer.email james@bond.com
    assert_json .customer.has_account true
    assert_json .customer.shipping_addresses '[]'
    assert_json .customer.billing_address null
    assert_spec POST /store/customers
    local id
    id=$(jqr .customer.id)
    [[ "$id" == cus_* ]]
    api -H "$COOKIE" GET /store/customers/me
    assert_status 200
    assert_json .customer.id "$id"
    [[ "$(sql "SELECT password_hash FROM customer WHERE id = '$id'")" == '$argon2id$'* ]]
}

@test "register: customer.created goes to the outbox, without the password hash" {
    register outbox@example.com pw
    local id ev
    id=$(jqr .customer.id)
    ev=$(last_event customer.created)
    [ "$(printf '%s' "$ev" | jq -r .data.id)" = "$id" ]
    [ "$(printf '%s' "$ev" | jq -r .data.email)" = outbox@example.com ]
    [ "$(printf '%s' "$ev" | jq '.data | has("password_hash")')" = false ]
}

@test "register: an e-mail with an account is Medusa's 422" {
    register jane@example.com other
    assert_medusa_error 422 duplicate_error "A customer with the given email already has an account. Log in instead" invalid_request_error
    register JANE@EXAMPLE.COM other
    assert_status 422
    assert_equal "$(header set-cookie)" ""
}

@test "register: a guest's e-mail makes a second, registered customer; the guest row is kept" {
    register guest@example.com pw
    assert_status 200
    assert_json .customer.has_account true
    [ "$(sql "SELECT count(*) FROM customer WHERE email = 'guest@example.com'")" = 2 ]
    [ "$(sql "SELECT count(*) FROM customer WHERE email = 'guest@example.com' AND has_account = 0")" = 1 ]
}

@test "register: an empty password makes a guest, twice is Medusa's guest duplicate" {
    register noaccount@example.com ''
    assert_status 200
    assert_json .customer.has_account false
    register noaccount@example.com ''
    assert_medusa_error 422 duplicate_error "Guest customer with email already exists" invalid_request_error
}

@test "register: validation is Medusa's 400" {
    api POST /store/customers '{}'
    assert_medusa_error 400 invalid_data "email must be an email, password must be a string"
    api POST /store/customers '{"email":"x@y.z","password":"p","role":"admin"}'
    assert_medusa_error 400 invalid_data "property role should not exist"
    api POST /store/customers '{"email":"x@y.z","password":5,"first_name":1}'
    assert_medusa_error 400 invalid_data "first_name must be a string, password must be a string"
}

@test "me: anonymous requests are the bare 401, also on unknown paths under /store/customers" {
    local p
    for p in /store/customers/me /store/customers/me/orders /store/customers/me/payment-methods \
        /store/customers/nope /store/customers; do
        api GET "$p"
        assert_status 401
        assert_equal "$body" Unauthorized
    done
    api POST /store/customers/me '{}'
    assert_status 401
    api POST /store/customers/me/addresses '{}'
    assert_status 401
    api DELETE "/store/customers/me/addresses/$JANE_ADDR"
    assert_status 401
    assert_spec DELETE "/store/customers/me/addresses/$JANE_ADDR"
    login jane@example.com secret-jane
    api -H "$COOKIE" GET /store/customers/nope
    assert_medusa_error 404 not_found "Cannot GET /store/customers/nope"
}

@test "me: the profile with its shipping and billing addresses" {
    login jane@example.com secret-jane
    api -H "$COOKIE" GET /store/customers/me
    assert_status 200
    assert_spec GET /store/customers/me
    assert_json '.customer.shipping_addresses | length' 1
    assert_json .customer.billing_address.company 'Doe ApS'
    assert_json '.customer.billing_address_id == .customer.billing_address.id' true
    assert_json '.customer | has("orders")' false
}

@test "me: a session whose customer is gone is Medusa's 404" {
    register gone@example.com pw
    local id
    id=$(jqr .customer.id)
    sql "UPDATE customer SET deleted_at = '2024-01-01T00:00:00.000Z' WHERE id = '$id'"
    api -H "$COOKIE" GET /store/customers/me
    assert_medusa_error 404 not_found "Customer with id: $id was not found"
    api -H "$COOKIE" GET /store/customers/me/payment-methods
    assert_medusa_error 404 not_found "Customer with id: $id was not found"
    api -H "$COOKIE" GET /store/auth
    assert_medusa_error 404 not_found "Customer with id: $id was not found"
    api -H "$COOKIE" POST /store/customers/me '{"first_name":"x"}'
    assert_medusa_error 404 not_found "Customer with id: $id was not found"
}

@test "me update: scalars as given, metadata merged, customer.updated emitted" {
    register upd@example.com pw '"first_name":"Up"'
    local id
    id=$(jqr .customer.id)
    api -H "$COOKIE" POST /store/customers/me '{"metadata":{"a":1,"b":"x"},"phone":"+45 1"}'
    assert_status 200
    assert_json .customer.metadata '{"a":1,"b":"x"}'
    assert_spec POST /store/customers/me
    api -H "$COOKIE" POST /store/customers/me '{"metadata":{"b":"","c":[1]},"last_name":"Date","first_name":null}'
    assert_status 200
    assert_json .customer.metadata '{"a":1,"c":[1]}'
    assert_json .customer.last_name Date
    assert_json .customer.first_name null
    assert_json .customer.phone '+45 1'
    [ "$(last_event customer.updated | jq -r .data.id)" = "$id" ]
    [ "$(last_event customer.updated | jq -r .data.last_name)" = Date ]
}

@test "me update: billing address as an object, updated in place, by id, and cleared" {
    register bill@example.com pw
    api -H "$COOKIE" POST /store/customers/me '{"billing_address":{"first_name":"B","address_1":"Road 1","country_code":"DK","metadata":{"k":"v"}}}'
    assert_status 200
    local first
    first=$(jqr .customer.billing_address.id)
    assert_json .customer.billing_address.country_code dk
    assert_json .customer.billing_address.customer_id null
    assert_json .customer.billing_address_id "$first"
    api -H "$COOKIE" POST /store/customers/me '{"billing_address":{"city":"Aarhus"}}'
    assert_json .customer.billing_address.id "$first"
    assert_json .customer.billing_address.city Aarhus
    assert_json .customer.billing_address.address_1 'Road 1'
    # Only one of the customer's own saved addresses (Medusa takes anyone's; issue #12).
    api -H "$COOKIE" POST /store/customers/me "{\"billing_address\":\"$JANE_ADDR\"}"
    assert_medusa_error 404 not_found "Address with id $JANE_ADDR was not found"
    api -H "$COOKIE" POST /store/customers/me/addresses '{"address":{"first_name":"B","last_name":"L","address_1":"Saved 2","city":"Odense","country_code":"dk","postal_code":"5000"}}'
    local saved
    saved=$(jqr '.customer.shipping_addresses[0].id')
    api -H "$COOKIE" POST /store/customers/me "{\"billing_address\":\"$saved\"}"
    assert_json .customer.billing_address_id "$saved"
    api -H "$COOKIE" POST /store/customers/me '{"billing_address":"addr_missing"}'
    assert_medusa_error 404 not_found "Address with id addr_missing was not found"
    api -H "$COOKIE" POST /store/customers/me '{"billing_address":null}'
    assert_status 200
    assert_json .customer.billing_address_id null
    assert_json .customer.billing_address null
}

@test "me update: a billing address that is neither an address nor an id is IsType's 400" {
    register isType@example.com pw
    api -H "$COOKIE" POST /store/customers/me '{"billing_address":{"street":"x"},"first_name":5}'
    assert_status 400
    assert_json .type invalid_data
    [ "$(jqr .message | jq -c .)" = '{"message":"billing_address must be one of: AddressPayload,String","details":{"String":["String validation failed: [object Object] is not a string"],"AddressPayload":["property street should not exist"]}}' ]
    api -H "$COOKIE" POST /store/customers/me '{"first_name":5,"email":"nope"}'
    assert_medusa_error 400 invalid_data "first_name must be a string, email must be an email"
}

@test "me update: another account's e-mail is the unique key's 422; a new password logs in" {
    register change@example.com old-pw
    api -H "$COOKIE" POST /store/customers/me '{"email":"jane@example.com"}'
    assert_medusa_error 422 duplicate_error "Customer with email, has_account jane@example.com, t already exists." invalid_request_error
    api -H "$COOKIE" POST /store/customers/me '{"password":"new-pw"}'
    assert_status 200
    api POST /store/auth '{"email":"change@example.com","password":"old-pw"}'
    assert_status 401
    login change@example.com new-pw
}

@test "addresses: added with the country lower-cased, equal ones once, Medusa's errors" {
    register addr@example.com pw
    local a='{"address":{"first_name":"A","last_name":"B","address_1":"Street 1","address_2":null,"city":"Odense","country_code":"DK","province":null,"postal_code":"5000","phone":"1"}}'
    api -H "$COOKIE" POST /store/customers/me/addresses "$a"
    assert_status 200
    assert_spec POST /store/customers/me/addresses
    assert_json '.customer.shipping_addresses | length' 1
    assert_json '.customer.shipping_addresses[0].country_code' dk
    api -H "$COOKIE" POST /store/customers/me/addresses "$(printf '%s' "$a" | sed 's/"DK"/"dk"/')"
    assert_json '.customer.shipping_addresses | length' 1
    # An omitted optional field never equals a stored null (undefined !== null): added again.
    api -H "$COOKIE" POST /store/customers/me/addresses '{"address":{"first_name":"A","last_name":"B","address_1":"Street 1","city":"Odense","country_code":"dk","postal_code":"5000","phone":"1"}}'
    assert_json '.customer.shipping_addresses | length' 2
    api -H "$COOKIE" POST /store/customers/me/addresses '{"address":{"first_name":"A","last_name":"B","address_1":"x","city":"y","country_code":"XX","postal_code":"1"}}'
    assert_medusa_error 404 not_found "Country with iso_2 xx does not exist."
    api -H "$COOKIE" POST /store/customers/me/addresses '{}'
    assert_medusa_error 400 invalid_data "nested property address must be either object or array"
    api -H "$COOKIE" POST /store/customers/me/addresses '{"address":{"first_name":"A","zip":"1"}}'
    assert_medusa_error 400 invalid_data "property zip should not exist, last_name must be a string, address_1 must be a string, city must be a string, country_code must be a string, postal_code must be a string"
}

@test "addresses: update and delete own addresses; another's are out of reach" {
    register mine@example.com pw
    api -H "$COOKIE" POST /store/customers/me/addresses '{"address":{"first_name":"M","last_name":"E","address_1":"Mine 1","city":"Vejle","country_code":"dk","postal_code":"7100","metadata":{"a":1}}}'
    local aid
    aid=$(jqr '.customer.shipping_addresses[0].id')
    api -H "$COOKIE" POST "/store/customers/me/addresses/$aid" '{"city":"Kolding","country_code":"SE","metadata":{"b":2}}'
    assert_status 200
    assert_spec POST "/store/customers/me/addresses/$aid"
    assert_json '.customer.shipping_addresses[0].city' Kolding
    assert_json '.customer.shipping_addresses[0].country_code' se
    assert_json '.customer.shipping_addresses[0].metadata' '{"b":2}'
    assert_json '.customer.shipping_addresses[0].address_1' 'Mine 1'
    api -H "$COOKIE" POST "/store/customers/me/addresses/$JANE_ADDR" '{"city":"Hacked"}'
    assert_medusa_error 400 invalid_data "Could not find address for customer"
    api -H "$COOKIE" POST /store/customers/me/addresses/addr_unknown '{"city":"x"}'
    assert_medusa_error 400 invalid_data "Could not find address for customer"
    api -H "$COOKIE" POST "/store/customers/me/addresses/$aid" '{"city":5}'
    assert_medusa_error 400 invalid_data "city must be a string"
    # Deleting another's address answers 200 and changes nothing.
    api -H "$COOKIE" DELETE "/store/customers/me/addresses/$JANE_ADDR"
    assert_status 200
    [ "$(sql "SELECT city || '|' || coalesce(CAST(deleted_at AS TEXT), '') FROM address WHERE id = '$JANE_ADDR'")" = 'København|' ]
    api -H "$COOKIE" DELETE "/store/customers/me/addresses/$aid"
    assert_status 200
    assert_spec DELETE "/store/customers/me/addresses/$aid"
    assert_json '.customer.shipping_addresses' '[]'
    [ -n "$(sql "SELECT deleted_at FROM address WHERE id = '$aid'")" ]
}

@test "payment methods: the manual provider has none" {
    login jane@example.com secret-jane
    api -H "$COOKIE" GET /store/customers/me/payment-methods
    assert_status 200
    assert_equal "$body" '{"payment_methods":[]}'
    assert_spec GET /store/customers/me/payment-methods
}

@test "password token: always 204; only a registered account gets a token in the outbox" {
    local before
    before=$(sql "SELECT count(*) FROM event_outbox WHERE name = 'customer.password_reset'")
    api POST /store/customers/password-token '{"email":"nobody@example.com"}'
    assert_status 204
    assert_equal "$body" ""
    assert_spec POST /store/customers/password-token
    guest_customer token-guest@example.com >/dev/null
    api POST /store/customers/password-token '{"email":"token-guest@example.com"}'
    assert_status 204
    [ "$(sql "SELECT count(*) FROM event_outbox WHERE name = 'customer.password_reset'")" = "$before" ]
    api POST /store/customers/password-token '{"email":"Jane@Example.com"}'
    assert_status 204
    local ev
    ev=$(last_event customer.password_reset)
    [ "$(printf '%s' "$ev" | jq -c '.data | del(.token)')" = "{\"id\":\"$JANE\",\"email\":\"jane@example.com\",\"first_name\":\"Jane\",\"last_name\":\"Doe\"}" ]
    api POST /store/customers/password-token '{"email":"nope"}'
    assert_medusa_error 400 invalid_data "email must be an email"
}

@test "password reset: the outbox token sets a new password once" {
    register reset@example.com before
    local id tok
    id=$(jqr .customer.id)
    api POST /store/customers/password-token '{"email":"reset@example.com"}'
    tok=$(last_event customer.password_reset | jq -r .data.token)
    # Signed with the current password hash, valid 15 minutes.
    [ "$(printf '%s' "$tok" | cut -d. -f2 | tr '_-' '/+' | base64 -d 2>/dev/null | jq '.exp - .iat')" = 900 ]
    api POST /store/customers/password-reset "{\"email\":\"RESET@example.com\",\"token\":\"$tok\",\"password\":\"after\"}"
    assert_status 200
    assert_json '.customer | keys' '["billing_address_id","created_at","deleted_at","email","first_name","has_account","id","last_name","metadata","phone","updated_at"]'
    assert_json .customer.id "$id"
    assert_spec POST /store/customers/password-reset
    assert_equal "$(header set-cookie)" ""
    [ "$(last_event customer.updated | jq -r .data.id)" = "$id" ]
    login reset@example.com after
    api POST /store/customers/password-reset "{\"email\":\"reset@example.com\",\"token\":\"$tok\",\"password\":\"again\"}"
    assert_medusa_error 401 unauthorized "Invalid or expired password reset token"
    login reset@example.com after
}

@test "password reset: wrong e-mail, forged, expired and foreign tokens are the 401" {
    register reset2@example.com pw
    local id hash now tok
    id=$(jqr .customer.id)
    hash=$(sql "SELECT password_hash FROM customer WHERE id = '$id'")
    now=$(date +%s)
    tok=$(hs256 "{\"customer_id\":\"$id\",\"exp\":$((now + 600)),\"iat\":$now}" "$hash")
    api POST /store/customers/password-reset "{\"email\":\"nobody@example.com\",\"token\":\"$tok\",\"password\":\"x\"}"
    assert_medusa_error 401 unauthorized "Invalid or expired password reset token"
    api POST /store/customers/password-reset "{\"email\":\"reset2@example.com\",\"token\":\"garbage\",\"password\":\"x\"}"
    assert_medusa_error 401 unauthorized "Invalid or expired password reset token"
    api POST /store/customers/password-reset "{\"email\":\"reset2@example.com\",\"token\":\"$(hs256 "{\"customer_id\":\"$id\",\"exp\":$((now + 600))}" supersecret)\",\"password\":\"x\"}"
    assert_medusa_error 401 unauthorized "Invalid or expired password reset token"
    api POST /store/customers/password-reset "{\"email\":\"reset2@example.com\",\"token\":\"$(hs256 "{\"customer_id\":\"$id\",\"exp\":$((now - 1))}" "$hash")\",\"password\":\"x\"}"
    assert_medusa_error 401 unauthorized "Invalid or expired password reset token"
    api POST /store/customers/password-reset "{\"email\":\"reset2@example.com\",\"token\":\"$(hs256 "{\"customer_id\":\"$JANE\",\"exp\":$((now + 600))}" "$hash")\",\"password\":\"x\"}"
    assert_medusa_error 401 unauthorized "Invalid or expired password reset token"
    # The good one still works: none of the above used it up.
    api POST /store/customers/password-reset "{\"email\":\"reset2@example.com\",\"token\":\"$tok\",\"password\":\"x\"}"
    assert_status 200
    api POST /store/customers/password-reset '{"email":"reset2@example.com"}'
    assert_medusa_error 400 invalid_data "token must be a string, password must be a string"
}

@test "me/orders: own orders only, newest first, with Medusa's totals" {
    register orders@example.com pw
    local me other
    me=$(jqr .customer.id)
    other=$(guest_customer other@example.com)
    order_fixture order_mo1 1 "$me" orders@example.com pending 2024-05-01T10:00:00.000Z
    order_fixture order_mo2 2 "$me" orders@example.com completed 2024-05-02T10:00:00.000Z
    order_fixture order_mo3 3 "$other" other@example.com pending 2024-05-03T10:00:00.000Z
    api -H "$COOKIE" GET /store/customers/me/orders
    assert_status 200
    assert_spec GET /store/customers/me/orders
    assert_json '[.count, .offset, .limit]' '[2,0,10]'
    assert_json '[.orders[].id]' '["order_mo2","order_mo1"]'
    assert_json '.orders[0] | [.subtotal, .discount_total, .item_tax_total, .shipping_total, .shipping_tax_total, .tax_total, .total, .paid_total, .refundable_amount, .gift_card_total]' '[2500,300,286,800,200,486,3486,3486,3486,0]'
    assert_json '.orders[0].items | map([.subtotal, .discount_total, .tax_total, .total, .refundable])' '[[2000,240,176,1936,1936],[500,60,110,550,550]]'
    assert_json '.orders[0].shipping_methods[0] | [.subtotal, .tax_total, .total]' '[800,200,1000]'
    assert_json '.orders[0] | [.object, .raw_discount_total, (.swaps | length), (.claims | length), (.refunds | length)]' '["order",300,0,0,0]'
    assert_json '.orders[0] | has("updated_at") or has("metadata") or has("billing_address_id")' false
    assert_json '.orders[0] | [.shipping_address.first_name, .customer.id, .region.name, .discounts[0].rule.type, .items[0].variant.title]' "[\"Ship2\",\"$me\",\"EU\",\"fixed\",\"S / Black\"]"
}

@test "me/orders: filters, pagination, and Medusa's 400s" {
    login orders@example.com pw
    api -H "$COOKIE" GET '/store/customers/me/orders?limit=1&offset=1'
    assert_json '[.count, .offset, .limit, .orders[0].id]' '[2,1,1,"order_mo1"]'
    api -H "$COOKIE" GET '/store/customers/me/orders?status[]=completed'
    assert_json '[.orders[].id]' '["order_mo2"]'
    api -H "$COOKIE" GET '/store/customers/me/orders?status=pending'
    assert_json '[.orders[].id]' '["order_mo1"]'
    api -H "$COOKIE" GET '/store/customers/me/orders?display_id=1'
    assert_json '[.orders[].id]' '["order_mo1"]'
    api -H "$COOKIE" GET '/store/customers/me/orders?q=ship2'
    assert_json '[.orders[].id]' '["order_mo2"]'
    api -H "$COOKIE" GET '/store/customers/me/orders?created_at[lt]=2024-05-02'
    assert_json '[.orders[].id]' '["order_mo1"]'
    api -H "$COOKIE" GET '/store/customers/me/orders?fields=status&expand=items'
    assert_json '.orders[0] | keys' '["claims","created_at","discount_total","discounts","gift_card_tax_total","gift_card_total","gift_card_transactions","gift_cards","id","item_tax_total","items","object","paid_total","payments","raw_discount_total","refundable_amount","refunded_total","refunds","region","shipping_methods","shipping_tax_total","shipping_total","status","subtotal","swaps","tax_rate","tax_total","total"]'
    api -H "$COOKIE" GET '/store/customers/me/orders?status[]=lost'
    assert_medusa_error 400 invalid_data "each value in status must be one of the following values: pending, completed, archived, canceled, requires_action"
    api -H "$COOKIE" GET '/store/customers/me/orders?order=created_at'
    assert_medusa_error 400 invalid_data "property order should not exist"
    api -H "$COOKIE" GET '/store/customers/me/orders?limit=x'
    assert_medusa_error 400 invalid_data "limit must be a number conforming to the specified constraints"
}

@test "isolation: one customer never reads or changes another's data" {
    login jane@example.com secret-jane
    local jane="$COOKIE"
    register intruder@example.com pw
    local mine="$COOKIE"
    api -H "$mine" GET /store/customers/me
    assert_json .customer.email intruder@example.com
    assert_json '.customer.shipping_addresses' '[]'
    api -H "$mine" GET /store/customers/me/orders
    assert_json .count 0
    api -H "$mine" GET "/store/customers/me/orders?id=order_mo1"
    assert_json .count 0
    api -H "$mine" POST "/store/customers/me/addresses/$JANE_ADDR" '{"first_name":"Eve"}'
    assert_status 400
    api -H "$mine" DELETE "/store/customers/me/addresses/$JANE_ADDR"
    assert_json '.customer.shipping_addresses' '[]'
    api -H "$jane" GET /store/customers/me
    assert_json '.customer.shipping_addresses[0].first_name' Jane
    assert_json '.customer.shipping_addresses[0].deleted_at' null
    # A cookie signed for one session id cannot be bent to another.
    api -H "$mine" GET /store/auth
    assert_json .customer.email intruder@example.com
}

@test "flow: register, log in with the cookie, check out, see the order in me/orders" {
    register flow@example.com flow-pw '"first_name":"Flo"'
    local id
    id=$(jqr .customer.id)
    api -H "$COOKIE" DELETE /store/auth
    login flow@example.com flow-pw
    # The checkout (issue #4) is not here yet: the order it would leave, for this customer.
    order_fixture order_flow 7 "$id" flow@example.com
    api -H "$COOKIE" GET /store/customers/me/orders
    assert_json '[.count, .orders[0].id, .orders[0].total, .orders[0].customer.email]' '[1,"order_flow",3486,"flow@example.com"]'
    api -H "$COOKIE" GET /store/auth
    assert_json '[.customer.orders[].id]' '["order_flow"]'
    assert_json '.customer.orders[0] | [.object, (.items | length), has("total")]' '["order",2,false]'
    assert_spec GET /store/auth
}
