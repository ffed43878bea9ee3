#!/usr/bin/env bats
# 96-transfer.bats: `medusa-fcgi transfer --to URI`, a shop moving from its SQLite file to
# PostgreSQL (README "Moving to PostgreSQL"). The demo store with a real customer checkout
# (through nginx and the pool on SQLite), then the pool stopped, the file transferred into a
# private PostgreSQL 15 and served from there: the Store API's answers read back the same,
# key order aside.

load helpers
load checkout

PGBIN=${MEDUSA_PG_BIN:-/usr/lib/postgresql/15/bin}

# as_pg CMD...: CMD as the postgres user when we are root (initdb refuses root).
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    PGDIR=$(mktemp -d /tmp/medusa-pg.XXXXXX)
    PGPORT=$((55480 + $$ % 10))
    export PGDIR PGPORT
    [ "$(id -u)" -eq 0 ] && chown postgres "$PGDIR"
    as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres >"$PGDIR/initdb.log" 2>&1 ||
        { cat "$PGDIR/initdb.log" >&2; return 1; }
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -w -l "$PGDIR/log" \
        -o "-p $PGPORT -k $PGDIR -c listen_addresses=''" start >/dev/null ||
        { cat "$PGDIR/log" >&2; return 1; }
    "$PGBIN/psql" -h "$PGDIR" -p "$PGPORT" -U postgres -qc 'CREATE DATABASE shop' >/dev/null
    "$PGBIN/psql" -h "$PGDIR" -p "$PGPORT" -U postgres -qc 'CREATE DATABASE other' >/dev/null
    export PGURI="postgresql://postgres@/shop?host=$PGDIR&port=$PGPORT"
}

pg_stop() {
    [ -n "${PGDIR:-}" ] || return 0
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
}

psql_shop() {
    "$PGBIN/psql" -h "$PGDIR" -p "$PGPORT" -U postgres -XAtq "${2:-shop}" -c "$1"
}

# snap NAME [-H HEADER] PATH: GET PATH (200), its body with sorted keys into $SNAP/NAME.json.
snap() {
    local name="$1" hdr=()
    shift
    if [ "$1" = -H ]; then
        hdr=(-H "$2")
        shift 2
    fi
    api "${hdr[@]}" GET "$1"
    [ "$status" = 200 ] || { echo "GET $1: $status $body" >&2; return 1; }
    printf '%s' "$body" | jq -S . >"$SNAP/$name.json"
}

# The shopper's story and the answers to compare, on SQLite; then the move.
setup_file() {
    # The shop moves from its SQLite file, whatever backend the run is for (make check DB=pg).
    export MEDUSA_TEST_DB=sqlite
    [ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ] ||
        skip "PostgreSQL 15 binaries missing ($PGBIN)"
    [ "$MEDUSA_TEST_TRANSPORT" = nginx ] || skip "needs the nginx transport (two stacks)"
    pg_start
    start_stack
    checkout_vars
    SNAP="$MEDUSA_TEST_DIR/sqlite"
    mkdir -p "$SNAP"
    export SNAP

    api POST /store/customers '{"email":"mover@example.com","password":"moving-pw","first_name":"Mo","last_name":"Ver"}'
    [ "$status" = 200 ] || { echo "register: $status $body" >&2; return 1; }
    COOKIE="Cookie: $(header set-cookie | sed 's/;.*//')"
    api -H "$COOKIE" POST /store/carts "{\"region_id\":\"$EU\"}"
    CART=$(jqr .cart.id)
    api -H "$COOKIE" POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":2}"
    api -H "$COOKIE" POST "/store/carts/$CART" '{"shipping_address":{"first_name":"Mo","last_name":"Ver","address_1":"Hauptstr. 1","city":"Berlin","postal_code":"10115","country_code":"de"}}'
    api -H "$COOKIE" POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    api -H "$COOKIE" POST "/store/carts/$CART/payment-sessions"
    api -H "$COOKIE" POST "/store/carts/$CART/complete"
    [ "$(jqr .type)" = order ] || { echo "checkout failed: $body" >&2; return 1; }
    ORDER=$(jqr .data.id)
    export COOKIE CART ORDER

    snap products /store/products
    snap order "/store/orders/$ORDER"
    snap cart "/store/carts/$CART"
    snap region "/store/regions/$EU"
    snap regions /store/regions
    snap me -H "$COOKIE" /store/customers/me
    snap my_orders -H "$COOKIE" /store/customers/me/orders
    api POST /store/auth '{"email":"mover@example.com","password":"moving-pw"}'
    [ "$status" = 200 ] || { echo "login: $status $body" >&2; return 1; }
    printf '%s' "$body" | jq -S . >"$SNAP/login.json"

    # The move: writes stopped, the file copied, the pool pointed at PostgreSQL.
    stop_stack
    medusa transfer --to "$PGURI" >"$MEDUSA_TEST_DIR/transfer.out" 2>"$MEDUSA_TEST_DIR/transfer.err" ||
        { cat "$MEDUSA_TEST_DIR/transfer.err" >&2; return 1; }
    PG_STACK=$(mktemp -d "$BATS_FILE_TMPDIR/pg-stack.XXXXXX")
    MEDUSA_TEST_PORT="$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)"
    export PG_STACK MEDUSA_TEST_PORT BASE="http://127.0.0.1:$MEDUSA_TEST_PORT"
    STACK_DATABASE="$PGURI" "$MEDUSA_SRCDIR/tests/stack.sh" start "$PG_STACK" "$MEDUSA_TEST_PORT" 2 >&3
}

teardown_file() {
    [ -n "${PG_STACK:-}" ] && "$MEDUSA_SRCDIR/tests/stack.sh" stop "$PG_STACK"
    stop_stack
    pg_stop
}

# same NAME [-H HEADER] PATH: PostgreSQL's answer is SQLite's.
same() {
    local name="$1"
    SNAP="$BATS_TEST_TMPDIR" snap "$@"
    diff -u "$SNAP/$name.json" "$BATS_TEST_TMPDIR/$name.json"
}

@test "transfer: one line per table with its rows, then the total" {
    run cat "$MEDUSA_TEST_DIR/transfer.out"
    assert_line --regexp '^order +1 row$'
    assert_line --regexp '^product +7 rows$'
    assert_line --regexp '^country +250 rows$'
    assert_line --regexp '^product_search +skipped: search index'
    assert_line --regexp '^transfer: [0-9]+ rows in [0-9]+ tables into database shop in .* rows/s\)$'
    run psql_shop 'SELECT count(*) FROM "order"'
    assert_output 1
    # The search tables were filled by PostgreSQL's triggers; the sequences follow the data.
    run psql_shop 'SELECT count(*) FROM product_search'
    assert_output 7
    run psql_shop "SELECT nextval(pg_get_serial_sequence('country', 'id'))"
    assert_output 251
}

@test "transfer: GET /store/products reads back the same" {
    same products /store/products
}

@test "transfer: the order reads back the same" {
    same order "/store/orders/$ORDER"
}

@test "transfer: the cart reads back the same" {
    same cart "/store/carts/$CART"
}

@test "transfer: the regions read back the same" {
    same region "/store/regions/$EU"
    same regions /store/regions
}

@test "transfer: the customer logs in with the same password and session" {
    api POST /store/auth '{"email":"mover@example.com","password":"moving-pw"}'
    assert_status 200
    diff -u "$SNAP/login.json" <(printf '%s' "$body" | jq -S .)
    same me -H "$COOKIE" /store/customers/me
    same my_orders -H "$COOKIE" /store/customers/me/orders
}

@test "transfer: the shop takes a new order on PostgreSQL" {
    checkout_order "$TEE" 1
    run psql_shop 'SELECT count(*), max(display_id) FROM "order"'
    assert_output '2|2'
}

@test "transfer: refuses a target that already holds the shop, and says which tables" {
    run medusa transfer --to "$PGURI"
    assert_failure 1
    assert_output --partial 'the target already holds rows in'
    assert_output --partial 'order'
}

@test "transfer: refuses a target at another schema version, leaving it as it was" {
    psql_shop 'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text, applied_at text); INSERT INTO schema_migrations VALUES (3, $$x$$, $$y$$)' other
    run medusa transfer --to "postgresql://postgres@/other?host=$PGDIR&port=$PGPORT"
    assert_failure 1
    assert_output --partial 'the target is at schema 3'
}

@test "transfer: refuses without --to and with a non-PostgreSQL target" {
    run medusa transfer
    assert_failure 2
    run medusa transfer --to /tmp/x.db
    assert_failure 1
    assert_output --partial 'needs a PostgreSQL URI'
}

@test "compat.sql: each SQLite function PostgreSQL lacks answers as the sqlite3 CLI did" {
    # sql/pg/compat-check.sql holds the answers sqlite3 gave; a mismatch raises.
    run "$PGBIN/psql" -h "$PGDIR" -p "$PGPORT" -U postgres -X -v ON_ERROR_STOP=1 shop \
        -f "$MEDUSA_SRCDIR/sql/pg/compat-check.sql"
    assert_success
    assert_output --regexp 'compat-check: [0-9]+ checks agree with SQLite'
}
