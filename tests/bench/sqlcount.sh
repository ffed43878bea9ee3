#!/bin/sh
# sqlcount.sh: SQL statements per request along one checkout (guest cart, line, read, address,
# shipping, payment sessions, complete, order read), counted by the server itself
# (MEDUSA_SQL_COUNT=1, db/db.c). A debug aid for the data layer; prints "N METHOD PATH".
set -eu
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
export MEDUSA_SRCDIR MEDUSA_BIN
dir=$(mktemp -d)
trap 'MEDUSA_SRCDIR=$MEDUSA_SRCDIR "$MEDUSA_SRCDIR/tests/stack.sh" stop "$dir" >/dev/null 2>&1; rm -rf "$dir"' EXIT
db="$dir/medusa.db"
MEDUSA_DATABASE=$db "$MEDUSA_BIN" migrate >/dev/null 2>&1
MEDUSA_DATABASE=$db "$MEDUSA_BIN" seed "$MEDUSA_SRCDIR/conf/demo-seed.json" >/dev/null 2>&1
q() { sqlite3 "$db" "$1"; }
eu=$(q "SELECT id FROM region WHERE name = 'EU'")
tee=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 't-shirt' AND v.title = 'S / Black'")
std=$(q "SELECT id FROM shipping_option WHERE name = 'PostFake Standard' AND region_id = '$eu'")
port=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
MEDUSA_SQL_COUNT=1 MEDUSA_LOG_LEVEL=info "$MEDUSA_SRCDIR/tests/stack.sh" start "$dir" "$port" 1 >/dev/null
base="http://127.0.0.1:$port"
call() { # METHOD PATH [JSON]: prints the body
    curl -sS -X "$1" -H 'content-type: application/json' ${3:+--data "$3"} "$base$2"
}
call POST /store/carts "{\"region_id\":\"$eu\"}" >"$dir/cart.json"
cart=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cart"]["id"])' "$dir/cart.json")
call POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$tee\",\"quantity\":1}" >/dev/null
call POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$tee\",\"quantity\":1}" >/dev/null
call GET "/store/carts/$cart" >/dev/null
call POST "/store/carts/$cart" '{"email":"b@example.com","shipping_address":{"first_name":"B","country_code":"de"}}' >/dev/null
call POST "/store/carts/$cart/shipping-methods" "{\"option_id\":\"$std\"}" >/dev/null
call POST "/store/carts/$cart/payment-sessions" >/dev/null
call POST "/store/carts/$cart/complete" >"$dir/done.json"
order=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["id"])' "$dir/done.json")
call GET "/store/orders/$order" >/dev/null
sleep 0.2
# Each request logs "sql: N statements" (when it ran any) just before its own line.
awk '/sql: [0-9]+ statements/ { n = $(NF-1) } / (GET|POST|DELETE) \/store/ {
        for (i = 1; i <= NF; i++) if ($i ~ /^(GET|POST|DELETE)$/) { print n + 0, $i, $(i+1); break }
        n = 0 }' "$dir/medusa.log" | sed "s|$cart|{id}|; s|$order|{id}|"
