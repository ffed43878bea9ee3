#!/usr/bin/env bats
# 87-backup.bats: `medusa-fcgi backup` and `check`, and the restore README "Backups and moves"
# documents: copies taken while checkouts run through the pool are consistent, and a copy put back
# gives the same shop. On PostgreSQL (backups are pg_dump's there) the last test: what `check`
# reports and what `backup` answers.

load helpers

setup_file() {
    export MEDUSA_TEST_WORKERS=4
    start_stack
    VARIANT=$(dbsql "SELECT id FROM product_variant ORDER BY id LIMIT 1")
    export VARIANT
}

teardown_file() {
    stop_stack
}

db() {
    sqlite3 -cmd '.timeout 5000' "${2:-$MEDUSA_TEST_DIR/medusa.db}" "$1"
}

# shop_state [DB]: every table's row count, every order with its total, the stock of every
# variant: what must come back identical from a backup.
shop_state() {
    local t
    for t in $(db "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name" "${1-}"); do
        echo "$t $(db "SELECT count(*) FROM \"$t\"" "${1-}")"
    done
    db "SELECT o.id, o.display_id, o.email, sum(li.quantity * li.unit_price) FROM \"order\" o
        LEFT JOIN line_item li ON li.order_id = o.id GROUP BY o.id ORDER BY o.id" "${1-}"
    db "SELECT id, inventory_quantity FROM product_variant ORDER BY id" "${1-}"
}

@test "backup: copies taken during concurrent checkouts are consistent snapshots" {
    need_sqlite "backup and check copy and restore the SQLite file"
    need_http
    local stock=100000 out="$BATS_TEST_TMPDIR/orders" i copy
    db "UPDATE product_variant SET inventory_quantity = $stock, manage_inventory = 1, allow_backorder = 0
        WHERE id = '$VARIANT'"
    python3 "$BATS_TEST_DIRNAME/checkout_load.py" "$BASE" 8 6 "$VARIANT" "$out" > "$BATS_TEST_TMPDIR/load" &
    local load=$!
    for i in 1 2 3 4; do
        sleep 1.5
        run medusa backup "$BATS_TEST_TMPDIR/copy-$i.db"
        assert_success
        assert_output --partial "written to $BATS_TEST_TMPDIR/copy-$i.db"
    done
    wait "$load"
    local got failures
    read -r got failures < "$BATS_TEST_TMPDIR/load"
    echo "# $got checkouts during the backups, $failures failed" >&3
    [ "$got" -ge 10 ]
    assert_equal "$failures" 0
    for i in 1 2 3 4; do
        copy="$BATS_TEST_TMPDIR/copy-$i.db"
        assert_equal "$(stat -c %a "$copy")" 600
        [ ! -e "$copy.partial" ]
        run medusa check --db "$copy"
        assert_success
        assert_line "integrity: ok"
        # One self-contained file: not in WAL mode, nothing beside it.
        assert_equal "$(db 'PRAGMA journal_mode' "$copy")" delete
        # Each order in the copy took its stock in the same snapshot: nothing half-written.
        assert_equal "$(db "SELECT inventory_quantity + (SELECT coalesce(sum(quantity), 0)
            FROM line_item WHERE variant_id = '$VARIANT' AND order_id IS NOT NULL)
            FROM product_variant WHERE id = '$VARIANT'" "$copy")" "$stock"
        assert_equal "$(db "SELECT count(*) FROM \"order\" o WHERE NOT EXISTS (SELECT 1 FROM line_item li
            WHERE li.order_id = o.id) OR NOT EXISTS (SELECT 1 FROM payment p WHERE p.order_id = o.id)" "$copy")" 0
    done
    # The copies grow with the shop: the last holds more orders than the first.
    [ "$(db 'SELECT count(*) FROM "order"' "$BATS_TEST_TMPDIR/copy-4.db")" -gt \
        "$(db 'SELECT count(*) FROM "order"' "$BATS_TEST_TMPDIR/copy-1.db")" ]
}

@test "backup: the documented restore gives back the same shop" {
    need_sqlite "backup and check copy and restore the SQLite file"
    need_http
    local copy="$BATS_TEST_TMPDIR/shop.db" before order total
    # Some orders, then the copy, taken while the pool serves.
    python3 "$BATS_TEST_DIRNAME/checkout_load.py" "$BASE" 2 3 "$VARIANT" "$BATS_TEST_TMPDIR/o" > /dev/null
    order=$(db 'SELECT id FROM "order" ORDER BY created_at DESC LIMIT 1')
    api GET "/store/orders/$order"
    total=$(jqr .order.total)
    medusa backup "$copy"
    before=$(shop_state)
    # The shop is lost (the pool stops; its files are gone).
    stop_stack
    rm -f "$MEDUSA_TEST_DIR"/medusa.db*
    # README: check the copy, put it in place without the old -wal/-shm, migrate, start.
    run medusa check --db "$copy"
    assert_success
    rm -f "$MEDUSA_TEST_DIR/medusa.db-wal" "$MEDUSA_TEST_DIR/medusa.db-shm"
    install -m 600 "$copy" "$MEDUSA_TEST_DIR/medusa.db"
    run medusa migrate
    assert_success
    "$MEDUSA_SRCDIR/tests/stack.sh" start "$MEDUSA_TEST_DIR" "$MEDUSA_TEST_PORT" 4 >&3
    assert_equal "$(shop_state)" "$before"
    run medusa check
    assert_success
    assert_output "integrity: ok
foreign keys: ok
schema: $(db 'PRAGMA user_version') (this binary: $(db 'PRAGMA user_version'))"
    api GET "/store/orders/$order"
    assert_status 200
    assert_json .order.total "$total"
    # And it keeps selling.
    python3 "$BATS_TEST_DIRNAME/checkout_load.py" "$BASE" 1 2 "$VARIANT" "$BATS_TEST_TMPDIR/o2" > "$BATS_TEST_TMPDIR/l2"
    [ "$(cut -d' ' -f1 "$BATS_TEST_TMPDIR/l2")" -ge 1 ]
}

@test "backup: a missing database or an unwritable destination fails and leaves nothing" {
    need_sqlite "backup and check copy and restore the SQLite file"
    run env MEDUSA_DATABASE="$BATS_TEST_TMPDIR/none.db" "$MEDUSA_BIN" backup "$BATS_TEST_TMPDIR/x.db"
    assert_failure
    assert_output "medusa-fcgi: no database at '$BATS_TEST_TMPDIR/none.db'"
    [ ! -e "$BATS_TEST_TMPDIR/none.db" ] && [ ! -e "$BATS_TEST_TMPDIR/x.db" ]
    run medusa backup "$BATS_TEST_TMPDIR/no/such/dir/x.db"
    assert_failure
    assert_output --partial "cannot create '$BATS_TEST_TMPDIR/no/such/dir/x.db.partial'"
    run medusa backup
    assert_failure
    assert_output "medusa-fcgi: backup needs a FILE"
}

@test "check: a damaged copy, an old schema and a missing file are reported" {
    need_sqlite "backup and check copy and restore the SQLite file"
    local copy="$BATS_TEST_TMPDIR/bad.db"
    medusa backup "$copy" 2>/dev/null
    # An older schema: migrate is the answer.
    db "PRAGMA user_version = 1" "$copy"
    run medusa check --db "$copy"
    assert_failure
    assert_line --partial "schema: 1, older than this binary's"
    assert_line --partial "run 'medusa-fcgi migrate'"
    # Pages overwritten in the middle of the file.
    medusa backup "$copy" 2>/dev/null
    local pages
    pages=$(db 'PRAGMA page_count' "$copy")
    dd if=/dev/urandom of="$copy" bs=4096 seek=$((pages / 3)) count=$((pages / 3)) conv=notrunc status=none
    run medusa check --db "$copy"
    assert_failure
    refute_line "integrity: ok"
    # Nothing there: an error, and no empty database left behind.
    run medusa check --db "$BATS_TEST_TMPDIR/nothing.db"
    assert_failure
    assert_output --partial "no database at '$BATS_TEST_TMPDIR/nothing.db'"
    [ ! -e "$BATS_TEST_TMPDIR/nothing.db" ]
}

@test "check and backup on PostgreSQL: the catalog's problems and the schema version; pg_dump for copies" {
    [ "$MEDUSA_TEST_DB" = pg ] || skip "PostgreSQL only"
    local v
    v=$(dbsql "SELECT max(version) FROM schema_migrations")
    run medusa check
    assert_success
    assert_output "integrity: ok (constraints validated, indexes valid)
schema: $v (this binary: $v)"
    run medusa backup "$BATS_TEST_TMPDIR/x.db"
    assert_failure
    assert_output "medusa-fcgi: backup copies a SQLite file; for PostgreSQL use pg_dump"
    [ ! -e "$BATS_TEST_TMPDIR/x.db" ]
    # A constraint added NOT VALID (rows it never looked at) and an index a failed build left
    # invalid: both named, the check fails.
    dbsql "ALTER TABLE cart ADD CONSTRAINT t_cart_email CHECK (email <> 'x') NOT VALID"
    dbsql "CREATE INDEX t_cart_note ON cart (email)" "UPDATE pg_index SET indisvalid = false
        WHERE indexrelid = CAST('t_cart_note' AS regclass)"
    run medusa check
    assert_failure
    assert_line "constraint not validated: cart t_cart_email"
    assert_line "index invalid: cart t_cart_note"
    refute_line --partial "integrity: ok"
    dbsql "ALTER TABLE cart DROP CONSTRAINT t_cart_email" "DROP INDEX t_cart_note"
    # A database a newer binary migrated: upgrade this one.
    dbsql "INSERT INTO schema_migrations VALUES ($((v + 1)), 'later', '2030-01-01T00:00:00.000Z')"
    run medusa check
    assert_failure
    assert_line "schema: $((v + 1)), newer than this binary's $v: upgrade medusa-fcgi"
    dbsql "DELETE FROM schema_migrations WHERE version = $((v + 1))"
    run medusa check
    assert_success
    # No such database: the server's answer, nothing created.
    run env MEDUSA_DATABASE="${MEDUSA_TEST_PGURL/\/${MEDUSA_TEST_PGNAME}?//t_none_$$?}" "$MEDUSA_BIN" check
    assert_failure
    assert_output --partial "t_none_$$"
    assert_output --partial "does not exist"
}
