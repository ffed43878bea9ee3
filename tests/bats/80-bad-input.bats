#!/usr/bin/env bats
# 80-bad-input.bats: hostile input (issue #8, "Bad input"): oversized bodies, deep and huge JSON,
# wrong types, invalid UTF-8, SQL-injection strings in filters and path ids, path tricks and
# unknown methods. Each answer is a Medusa 4xx body (or nginx's own 4xx where nginx stops the
# request first) and changes nothing: row counts stay and PRAGMA integrity_check stays ok.

load helpers

# integrity: SQLite's PRAGMA integrity_check ("ok" when the file is sound); PostgreSQL keeps no
# such file for a test to check, so there it is "ok" by definition.
integrity() {
    if [ "$MEDUSA_TEST_DB" = sqlite ]; then db 'PRAGMA integrity_check'; else echo ok; fi
}

setup_file() {
    start_stack
    q() { dbsql "$1"; }
    VARIANT=$(q "SELECT id FROM product_variant ORDER BY id LIMIT 1")
    REGION=$(q "SELECT id FROM region ORDER BY id LIMIT 1")
    export VARIANT REGION
    # One cart made before the tests, so the cart routes have a real id to be attacked through.
    if [ "$MEDUSA_TEST_TRANSPORT" = nginx ]; then
        CART=$(curl -fsS -X POST "$BASE/store/carts" | jq -r .cart.id)
    else
        CART=$(MEDUSA_DATABASE="$(test_database)" REQUEST_METHOD=POST \
            REQUEST_URI=/store/carts GATEWAY_INTERFACE=CGI/1.1 "$MEDUSA_BIN" </dev/null |
            awk 'f {print} /^\r?$/ {f = 1}' | jq -r .cart.id)
    fi
    export CART
}

teardown_file() {
    stop_stack
}

db() {
    dbsql "$1"
}

# The state a rejected request must not change.
snapshot() {
    db "SELECT (SELECT count(*) FROM product), (SELECT count(*) FROM product_variant),
               (SELECT count(*) FROM cart), (SELECT count(*) FROM line_item),
               (SELECT count(*) FROM address), (SELECT count(*) FROM customer),
               (SELECT count(*) FROM \"order\"), (SELECT count(*) FROM payment),
               (SELECT total(inventory_quantity) FROM product_variant),
               (SELECT group_concat(coalesce(email, '') || coalesce(shipping_address_id, ''))
                  FROM cart WHERE id = '$CART')"
}

setup() {
    BEFORE=$(snapshot)
}

teardown() {
    assert_equal "$(snapshot)" "$BEFORE"
    assert_equal "$(integrity)" ok
}

# assert_4xx: a 4xx in Medusa's error body ({type, message} strings, maybe code) with no internal
# text in it.
assert_4xx() {
    case "$status" in
    4??) ;;
    *)
        echo "expected a 4xx, got $status: ${body:0:500}" >&2
        return 1
        ;;
    esac
    if ! printf '%s' "$body" | jq -e 'type == "object" and (.type | type) == "string" and
            (.message | type) == "string" and (keys - ["code", "type", "message"] == [])' >/dev/null; then
        echo "not a Medusa error body ($status): ${body:0:500}" >&2
        return 1
    fi
    if printf '%s' "$body" | grep -Eq 'sqlite3_|SQLITE_[A-Z]|syntax error|no such (table|column)|constraint failed|database is locked'; then
        echo "internal text in the answer: ${body:0:500}" >&2
        return 1
    fi
}

# assert_nginx_4xx STATUS: nginx's own page (the request never reached the pool).
assert_nginx_4xx() {
    assert_status "$1"
    [[ "$body" == *"<center>nginx"* ]] || { echo "not nginx's page: ${body:0:300}" >&2; return 1; }
}

# api_file METHOD PATH FILE: like api with the JSON body read from FILE (bodies beyond the
# argument length limit, bytes that are not UTF-8).
api_file() {
    if [ "$MEDUSA_TEST_TRANSPORT" = nginx ]; then
        local out="$BATS_TEST_TMPDIR/resp.$$"
        status=$(curl -gsS -o "$out.body" -D "$out.head" -w '%{http_code}' -X "$1" \
            -H 'Content-Type: application/json' --data-binary "@$3" "$BASE$2") || status=000
        body=$(cat "$out.body")
        headers=$(tr -d '\r' < "$out.head" | sed 's/^\([^:]*\):/\L\1:/')
        output="$body"
    else
        local out="$BATS_TEST_TMPDIR/resp.$$"
        env GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD="$1" REQUEST_URI="$2" QUERY_STRING= \
            SERVER_PROTOCOL=HTTP/1.1 CONTENT_TYPE=application/json \
            CONTENT_LENGTH="$(stat -c %s "$3")" MEDUSA_DATABASE="$(test_database)" \
            ${MEDUSA_TEST_WRAP:-} "$MEDUSA_BIN" < "$3" > "$out.raw" 2> "$out.err" || status=000
        headers=$(awk '/^\r?$/ {exit} {sub(/\r$/, ""); print}' "$out.raw" | sed 's/^\([^:]*\):/\L\1:/')
        status=$(printf '%s\n' "$headers" | sed -n 's/^status: \([0-9]*\).*/\1/p')
        body=$(awk 'f {print} /^\r?$/ {f = 1}' "$out.raw")
        output="$body"
    fi
}

# ---- size -------------------------------------------------------------------------------------

@test "size: a body over the app's 100 kB limit is a 400 in Medusa's body" {
    python3 -c 'print("{\"region_id\":\"" + "x" * 150000 + "\"}")' > "$BATS_TEST_TMPDIR/big.json"
    api_file POST /store/carts "$BATS_TEST_TMPDIR/big.json"
    assert_medusa_error 400 invalid_data "request entity too large"
    api_file POST "/store/carts/$CART" "$BATS_TEST_TMPDIR/big.json"
    assert_medusa_error 400 invalid_data "request entity too large"
}

@test "size: a body over nginx's client_max_body_size is nginx's 413 and never reaches the pool" {
    need_nginx
    local cap
    cap=$(sed -n 's/^client_max_body_size \([0-9]*\)m;/\1/p' \
        "$MEDUSA_SRCDIR/conf/nginx/medusa-fcgi-locations.conf")
    [ -n "$cap" ]
    python3 -c "import sys; print('{\"email\":\"' + 'x' * ($cap * 1048576 + 10) + '\"}')" \
        > "$BATS_TEST_TMPDIR/huge.json"
    api_file POST "/store/carts/$CART" "$BATS_TEST_TMPDIR/huge.json"
    assert_nginx_4xx 413
    api GET /health
    assert_status 200
}

@test "size: a body just under the app's limit is parsed, then refused for its content" {
    python3 -c 'print("{\"email\":\"" + "x" * 100000 + "\"}")' > "$BATS_TEST_TMPDIR/under.json"
    api_file POST "/store/carts/$CART" "$BATS_TEST_TMPDIR/under.json"
    assert_medusa_error 400 invalid_data "email must be an email"
}

# ---- JSON shape -------------------------------------------------------------------------------

@test "json: nesting deeper than 32 levels is a 400, 32 is parsed" {
    python3 -c 'print("{\"context\":" + "[" * 40 + "]" * 40 + "}")' > "$BATS_TEST_TMPDIR/deep.json"
    api_file POST "/store/carts/$CART" "$BATS_TEST_TMPDIR/deep.json"
    assert_4xx
    assert_json .type invalid_data
    [[ "$(jqr .message)" == *"nesting too deep"* ]]
    python3 -c 'print("{\"a\":" + "{\"a\":" * 40 + "1" + "}" * 40 + "}")' > "$BATS_TEST_TMPDIR/deepo.json"
    api_file POST /store/carts "$BATS_TEST_TMPDIR/deepo.json"
    assert_4xx
    # 31 arrays inside the body object: within the limit, and an unknown property.
    python3 -c 'print("{\"zz\":" + "[" * 31 + "]" * 31 + "}")' > "$BATS_TEST_TMPDIR/ok.json"
    api_file POST "/store/carts/$CART" "$BATS_TEST_TMPDIR/ok.json"
    assert_medusa_error 400 invalid_data "property zz should not exist"
}

@test "json: huge arrays in items, discounts, gift cards are refused whole" {
    python3 -c 'print("{\"items\":[" + ",".join(["1"] * 30000) + "]}")' > "$BATS_TEST_TMPDIR/a1.json"
    api_file POST /store/carts "$BATS_TEST_TMPDIR/a1.json"
    assert_medusa_error 400 invalid_data "nested property items must be either object or array"
    python3 -c "import json; print(json.dumps({'items': [{'variant_id': 'variant_nope', 'quantity': 1}] * 2000}))" \
        > "$BATS_TEST_TMPDIR/a2.json"
    api_file POST /store/carts "$BATS_TEST_TMPDIR/a2.json"
    assert_4xx
    python3 -c "import json; print(json.dumps({'discounts': [{'code': 'NOPE'}] * 4000}))" > "$BATS_TEST_TMPDIR/a3.json"
    api_file POST "/store/carts/$CART" "$BATS_TEST_TMPDIR/a3.json"
    assert_4xx
    python3 -c "import json; print(json.dumps({'gift_cards': [{'code': 'NOPE'}] * 4000}))" > "$BATS_TEST_TMPDIR/a4.json"
    api_file POST "/store/carts/$CART" "$BATS_TEST_TMPDIR/a4.json"
    assert_4xx
}

@test "json: broken, trailing, non-object and duplicate-key bodies are 400s" {
    local b
    for b in '{' '{"email":"a@b.co",}' '{"email":"a@b.co"} {}' '[]' '"text"' '42' 'null' \
        '{"email":"a@b.co" "x":1}' "{'email':'a@b.co'}" '{"email":"a@b.co","email":5}' \
        '{"email":NaN}' '{"email":"a@b.co"}garbage'; do
        api POST "/store/carts/$CART" "$b"
        assert_4xx
        assert_json .type invalid_data
    done
}

@test "json: invalid UTF-8 anywhere in a body is a 400" {
    local f="$BATS_TEST_TMPDIR/u.json" bytes
    for bytes in '\xff' '\xc3\x28' '\xe2\x82' '\xf0\x28\x8c\x28' '\xed\xa0\x80' '\xc0\xaf' \
        '\xe0\x80\xaf' '\xf4\x90\x80\x80' '\xf8\x88\x80\x80\x80'; do
        printf "{\"email\":\"a${bytes}@b.co\"}" > "$f"
        api_file POST "/store/carts/$CART" "$f"
        assert_medusa_error 400 invalid_data "$(jqr .message)"
        [[ "$(jqr .message)" == *"utf-8"* ]]
        printf "{\"k${bytes}\":1}" > "$f"
        api_file POST /store/carts "$f"
        assert_4xx
    done
    # Raw control bytes inside strings are not JSON either.
    for bytes in '\x00' '\x01' '\x1f'; do
        printf "{\"email\":\"a${bytes}@b.co\"}" > "$f"
        api_file POST "/store/carts/$CART" "$f"
        assert_4xx
    done
}

# ---- wrong types ------------------------------------------------------------------------------

@test "types: every field of POST /store/carts" {
    local b
    for b in '{"region_id":5}' '{"region_id":[]}' '{"country_code":{}}' '{"items":"x"}' \
        '{"items":{}}' '{"items":[{"variant_id":5,"quantity":1}]}' \
        '{"items":[{"variant_id":"v","quantity":"1"}]}' '{"items":[{"variant_id":"v","quantity":1.5}]}' \
        '{"items":[{"variant_id":"v"}]}' '{"items":[null]}' '{"sales_channel_id":true}' \
        '{"region_id":null,"sales_channel_id":0}' '{"unknown":1}'; do
        api POST /store/carts "$b"
        assert_4xx
    done
    api POST /store/carts '{"region_id":1,"country_code":2,"items":3,"sales_channel_id":4}'
    assert_medusa_error 400 invalid_data \
        "region_id must be a string, country_code must be a string, items must be an array, sales_channel_id must be a string"
}

@test "types: every field of POST /store/carts/{id}, addresses included" {
    local b
    for b in '{"region_id":5}' '{"country_code":[]}' '{"email":5}' '{"email":"not-an-email"}' \
        '{"billing_address":5}' '{"billing_address":[]}' \
        '{"shipping_address":true}' '{"shipping_address":{"first_name":5}}' \
        '{"shipping_address":{"country_code":7}}' '{"billing_address":{"metadata":"x"}}' \
        '{"shipping_address":{"no_such_field":"x"}}' '{"gift_cards":"x"}' '{"gift_cards":{}}' \
        '{"discounts":"SUMMER"}' '{"discounts":[{"code":5}]}' '{"customer_id":1}' \
        '{"sales_channel_id":[]}' '{"metadata":{}}'; do
        api POST "/store/carts/$CART" "$b"
        assert_4xx
    done
    api POST "/store/carts/$CART" '{"shipping_address":{"first_name":5}}'
    assert_medusa_error 400 invalid_data \
        '{"message":"shipping_address must be one of: AddressPayload,String"}'
}

@test "types: line items, add and update, and the quantity range" {
    local b
    for b in '{}' '{"variant_id":5,"quantity":1}' "{\"variant_id\":\"$VARIANT\"}" \
        "{\"variant_id\":\"$VARIANT\",\"quantity\":\"1\"}" "{\"variant_id\":\"$VARIANT\",\"quantity\":1.5}" \
        "{\"variant_id\":\"$VARIANT\",\"quantity\":true}" "{\"variant_id\":\"$VARIANT\",\"quantity\":[1]}" \
        "{\"variant_id\":\"$VARIANT\",\"quantity\":1,\"x\":1}" '{"variant_id":"","quantity":1}' \
        "{\"variant_id\":\"$VARIANT\",\"quantity\":0}"; do
        api POST "/store/carts/$CART/line-items" "$b"
        assert_4xx
    done
    # Quantities beyond Medusa's integer column would overflow the money sums: refused, even for
    # a variant that does not track inventory.
    db "UPDATE product_variant SET manage_inventory = 0 WHERE id = '$VARIANT'"
    for b in 9223372036854775807 2147483648 -9223372036854775807 1e300 99999999999999999999; do
        api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$VARIANT\",\"quantity\":$b}"
        assert_4xx
    done
    db "UPDATE product_variant SET manage_inventory = 1 WHERE id = '$VARIANT'"
    for b in '{}' '{"quantity":"2"}' '{"quantity":null}' '{"quantity":1,"x":2}'; do
        api POST "/store/carts/$CART/line-items/item_nope" "$b"
        assert_4xx
    done
    api POST "/store/carts/$CART/payment-session" '{"provider_id":5}'
    assert_medusa_error 400 invalid_data "provider_id must be a string"
    api POST "/store/carts/$CART/shipping-methods" '{"option_id":[]}'
    assert_medusa_error 400 invalid_data "option_id must be a string"
}

# ---- SQL injection ----------------------------------------------------------------------------

INJECTIONS=(
    "' OR 1=1--"
    "x' OR '1'='1"
    "\" OR \"\"=\""
    "1; DROP TABLE product;--"
    "') UNION SELECT id, id, id FROM customer--"
    "%' AND 1=0 UNION SELECT sqlite_version()--"
    "x\\' OR 1=1 --"
    "NEAR(a b) OR * ^"
)

@test "sql: injection strings in every text filter of GET /store/products find nothing" {
    local s p enc
    for s in "${INJECTIONS[@]}"; do
        enc=$(jq -rn --arg s "$s" '$s | @uri')
        for p in "q=$enc" "handle=$enc" "title=$enc" "id=$enc" "tags[]=$enc" "collection_id[]=$enc" \
            "type_id[]=$enc" "category_id[]=$enc" "order=$enc" "expand=$enc" "fields=$enc"; do
            api GET "/store/products?$p"
            case "$status" in
            200)
                assert_json .count 0
                assert_json '.products | length' 0
                ;;
            *) assert_4xx ;;
            esac
        done
    done
}

@test "sql: injection strings as path ids are 404s naming the id" {
    local s enc
    for s in "${INJECTIONS[@]}"; do
        enc=$(jq -rn --arg s "$s" '$s | @uri')
        api GET "/store/products/$enc"
        assert_medusa_error 404 not_found "Product with id: $s was not found"
        api GET "/store/carts/$enc"
        assert_medusa_error 404 not_found "Cart with $s was not found"
        api GET "/store/regions/$enc"
        assert_medusa_error 404 not_found "Region with $s was not found"
        api POST "/store/carts/$enc" '{}'
        assert_medusa_error 404 not_found "Cart with $s was not found"
        api POST "/store/carts/$enc/line-items" "{\"variant_id\":\"$VARIANT\",\"quantity\":1}"
        assert_medusa_error 404 not_found "Cart with $s was not found"
        api POST "/store/carts/$CART/line-items" "$(jq -cn --arg s "$s" '{variant_id: $s, quantity: 1}')"
        assert_4xx
    done
}

# ---- paths and methods ------------------------------------------------------------------------

@test "paths: dot segments and encoded dots never escape /store" {
    need_nginx
    local p
    for p in /store/../health /store/%2e%2e/health /store/%2E%2E/store/products \
        '/store/products/..%2f..%2fetc%2fpasswd' /store/products/%2e%2e /store/./regions/.. \
        '/store/carts/%00' '/store/products/%ff%fe'; do
        status=$(curl -sS --path-as-is -o "$BATS_TEST_TMPDIR/p" -w '%{http_code}' "$BASE$p")
        body=$(cat "$BATS_TEST_TMPDIR/p")
        case "$body" in
        *'<center>nginx'*) [[ "$status" == 4?? ]] ;;
        *) assert_4xx ;;
        esac
    done
}

@test "paths: double slashes and trailing junk are 404 in Medusa's body" {
    local p
    # Express is not strict about one trailing slash; it is about everything else.
    api GET /store/products/
    assert_status 200
    for p in //store//products /store//carts "/store/carts/$CART//line-items" \
        /store/products.json '/store/regions;x'; do
        api GET "$p"
        assert_4xx
    done
}

@test "methods: PATCH, PUT and others are 404 'Cannot METHOD path' like Express" {
    local m
    for m in PATCH PUT FOO; do
        api "$m" /store/carts '{}'
        assert_medusa_error 404 not_found "Cannot $m /store/carts"
        api "$m" "/store/carts/$CART" '{"email":"p@example.com"}'
        assert_medusa_error 404 not_found "Cannot $m /store/carts/$CART"
        api "$m" /store/products
        assert_medusa_error 404 not_found "Cannot $m /store/products"
    done
}

@test "methods: TRACE is refused by nginx itself" {
    need_nginx
    api TRACE /store/products
    assert_nginx_4xx 405
}
