#!/usr/bin/env bats
# 86-disk.bats: a full disk (issue #8, "Load and faults"). The test directory, and so the
# database, lives on a small tmpfs; a filler file takes every free block. Writes must be a 500 in
# Medusa's error body with no SQLite text, reads must keep working, the file must stay intact,
# and once the filler is gone writes must work again. Needs root (mount); bounded well under 30 s.

load helpers

setup_file() {
    sqlite_only "a full disk under the SQLite file (a tmpfs for the database)" || return 0
    [ "$(id -u)" -eq 0 ] || skip "needs root to mount a tmpfs"
    MEDUSA_TEST_DIR="$(mktemp -d "${BATS_FILE_TMPDIR:-/tmp}/medusa.XXXXXX")"
    export MEDUSA_TEST_DIR
    mount -t tmpfs -o size=16m,mode=0755 medusa-disk "$MEDUSA_TEST_DIR" 2>/dev/null ||
        skip "cannot mount a tmpfs here"
    export DISK_MOUNTED=1
    start_stack_in_dir
    VARIANT=$(sqlite3 "$MEDUSA_TEST_DIR/medusa.db" "SELECT id FROM product_variant ORDER BY id LIMIT 1")
    export VARIANT
}

setup() {
    skip_sqlite_only
}

# start_stack with MEDUSA_TEST_DIR already set (helpers.bash's makes its own directory).
start_stack_in_dir() {
    fresh_db
    if [ "$MEDUSA_TEST_TRANSPORT" = nginx ]; then
        MEDUSA_TEST_PORT="$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)"
        export MEDUSA_TEST_PORT
        "$MEDUSA_SRCDIR/tests/stack.sh" start "$MEDUSA_TEST_DIR" "$MEDUSA_TEST_PORT" "${MEDUSA_TEST_WORKERS:-2}" >&3
        export BASE="http://127.0.0.1:$MEDUSA_TEST_PORT"
    fi
}

teardown_file() {
    stop_stack
    if [ -n "${DISK_MOUNTED:-}" ]; then
        umount -l "$MEDUSA_TEST_DIR" 2>/dev/null || true
    fi
}

teardown() {
    rm -f "$MEDUSA_TEST_DIR/filler"
}

db() {
    sqlite3 "$MEDUSA_TEST_DIR/medusa.db" "$1"
}

# Takes every free block of the tmpfs. The WAL is checkpointed and truncated first, so the next
# write has to grow it and cannot reuse frames it already has.
fill_disk() {
    db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    dd if=/dev/zero of="$MEDUSA_TEST_DIR/filler" bs=64k 2>/dev/null || true
    dd if=/dev/zero of="$MEDUSA_TEST_DIR/filler" bs=4k oflag=append conv=notrunc 2>/dev/null || true
    [ "$(df --output=avail "$MEDUSA_TEST_DIR" | tail -n 1 | tr -d ' ')" -eq 0 ]
}

# The pool only: a CGI process opens the database anew, and SQLite cannot create the WAL's -shm
# and -wal files on a full disk, so there every request, reads too, fails with a 500.
@test "full disk: writes are a 500 in Medusa's body, reads work, the file is intact, writes come back" {
    need_nginx
    api POST /store/carts '{}'
    assert_status 200
    local cart carts_before
    cart=$(jqr .cart.id)
    carts_before=$(db "SELECT count(*) FROM cart")
    fill_disk
    local w
    for w in "POST /store/carts {}" "POST /store/carts/$cart {\"email\":\"full@example.com\"}" \
        "POST /store/carts/$cart/line-items {\"variant_id\":\"$VARIANT\",\"quantity\":1}"; do
        set -- $w
        api "$1" "$2" "${3-}"
        assert_medusa_error 500 database_error "The database is unavailable. Try again later." api_error
        refute_output --partial 'SQLITE'
        refute_output --partial 'disk'
    done
    # Reads keep working, cached and uncached.
    api GET /store/products
    assert_status 200
    api GET /store/regions
    assert_status 200
    api GET "/store/carts/$cart"
    assert_status 200
    assert_json .cart.email null
    api GET /health
    assert_status 200
    assert_equal "$(db 'PRAGMA integrity_check')" ok
    assert_equal "$(db "SELECT count(*) FROM cart")" "$carts_before"

    # Space freed: writes work again, on the same workers.
    rm -f "$MEDUSA_TEST_DIR/filler"
    api POST "/store/carts/$cart" '{"email":"back@example.com"}'
    assert_status 200
    assert_json .cart.email back@example.com
    api POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$VARIANT\",\"quantity\":1}"
    assert_status 200
    api POST /store/carts '{}'
    assert_status 200
    assert_equal "$(db "SELECT count(*) FROM cart")" "$((carts_before + 1))"
    assert_equal "$(db 'PRAGMA integrity_check')" ok
}
