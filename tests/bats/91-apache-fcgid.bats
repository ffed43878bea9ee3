#!/usr/bin/env bats
# 91-apache-fcgid.bats: Apache 2.4 with mod_fcgid and the shipped conf/apache/medusa-fcgi.conf
# (tests/apache.sh: a private Apache on its own port and files). Apache starts the binary's
# workers itself; the headers Medusa's clients send arrive; bodies and their limits; a graceful
# restart (what `systemctl reload apache2` does) replaces the workers without losing a request.

load helpers
load hosting
load admin

setup_file() {
    [ -x /usr/sbin/apache2 ] && [ -f /usr/lib/apache2/modules/mod_fcgid.so ] || return 0
    export MEDUSA_TEST_TRANSPORT=apache-fcgid
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
}

setup() {
    [ -x /usr/sbin/apache2 ] && [ -f /usr/lib/apache2/modules/mod_fcgid.so ] ||
        skip "apache2 and libapache2-mod-fcgid are not installed"
}

teardown_file() {
    stop_stack
}

# hold_write_lock FLAG: takes the database's write lock, creates FLAG, and holds the lock until
# FLAG is removed. SQLite: BEGIN IMMEDIATE; PostgreSQL: the cart table locked against writes (the
# lock a cart creation waits on, within the driver's lock_timeout, the busy timeout).
hold_write_lock() {
    if [ "$MEDUSA_TEST_DB" = pg ]; then
        {
            echo "BEGIN; LOCK TABLE cart IN EXCLUSIVE MODE;"
            echo "\\! touch $1"
            while [ -e "$1" ]; do sleep 0.05; done
            echo "ROLLBACK;"
        } | "$MEDUSA_SRCDIR/tests/pg/server.sh" psql "$MEDUSA_TEST_PGDIR" "$MEDUSA_TEST_PGNAME" -q >/dev/null
        return
    fi
    python3 -c '
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
while os.path.exists(sys.argv[2]):
    time.sleep(0.05)
c.execute("ROLLBACK")' "$MEDUSA_TEST_DIR/medusa.db" "$1"
}

# workers: the pids of the binary's processes, one a line, sorted.
workers() {
    pgrep -f -x "$MEDUSA_BIN" | sort
}

@test "apache-fcgid: /store/, /admin/ and /health reach workers that Apache started" {
    api GET /health
    assert_status 200
    assert_equal "$body" OK
    api GET '/store/products?limit=1'
    assert_status 200
    assert_json '.products | length' 1
    api GET /admin/products
    assert_status 401
    # Anything else is not the program's: Apache's own 404.
    api GET /store
    assert_status 404
    run curl -s "$BASE/nothing-here"
    refute_output --partial '"type"'
    local w parent
    w=$(workers)
    [ -n "$w" ]
    for pid in $w; do
        parent=$(ps -o ppid= -p "$pid" | tr -d ' ')
        assert_equal "$(ps -o comm= -p "$parent")" apache2
    done
}

@test "apache-fcgid: the checkout story (catalog, cart, checkout, login, order)" {
    checkout_story
}

@test "apache-fcgid: Authorization, Cookie, Idempotency-Key and the API key headers arrive" {
    headers_arrive
}

@test "apache-fcgid: a body arrives whole; over 100 kB is Medusa's 400, a megabyte is refused" {
    local tee note
    tee=$(hq "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 't-shirt' AND v.title = 'S / Black'")
    api POST /store/carts '{}'
    note=$(head -c 90000 /dev/zero | tr '\0' 'n')
    api POST "/store/carts/$(jqr .cart.id)/line-items" \
        "{\"variant_id\":\"$tee\",\"quantity\":1,\"metadata\":{\"note\":\"$note\"}}"
    assert_status 200
    assert_equal "$(jqr '.cart.items[0].metadata.note | length')" 90000
    # mod_fcgid's own cap (FcgidMaxRequestLen) is above both: the worker answers the first.
    python3 -c 'print("{\"email\":\"" + "x" * 150000 + "\"}")' > "$BATS_TEST_TMPDIR/big.json"
    run curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "@$BATS_TEST_TMPDIR/big.json" "$BASE/store/carts"
    assert_line --index 1 400
    assert_line --index 0 '{"type":"invalid_data","message":"request entity too large"}'
    # A megabyte and more: the shipped config's 413; a chunked body of unknown length reaches the
    # worker (FcgidMaxRequestLen is max_upload, for the upload routes), which keeps max_body of it
    # and answers Medusa's 400. Either way no worker acts on it (mod_fcgid would pass an empty
    # body after Apache's LimitRequestBody, which is why the config does not use it).
    local carts
    carts=$(hq "SELECT count(*) FROM cart")
    python3 -c 'print("{\"email\":\"" + "x" * 1100000 + "\"}")' > "$BATS_TEST_TMPDIR/huge.json"
    run curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "@$BATS_TEST_TMPDIR/huge.json" "$BASE/store/carts"
    assert_output 413
    run curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' \
        -H 'Transfer-Encoding: chunked' --data-binary "@$BATS_TEST_TMPDIR/huge.json" "$BASE/store/carts"
    assert_line --index 1 400
    assert_line --index 0 '{"type":"invalid_data","message":"request entity too large"}'
    assert_equal "$(hq "SELECT count(*) FROM cart")" "$carts"
    api GET /health
    assert_status 200
}

@test "apache-fcgid: Apache serves the dashboard at /app and the workers' uploads at /uploads/" {
    # The dashboard, where make admin-ui built it (tests/apache.sh: MEDUSA_ADMIN_UI).
    if [ -f "${MEDUSA_ADMIN_UI:-$MEDUSA_SRCDIR/admin-ui/www}/app/index.html" ]; then
        run curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$BASE/app"
        assert_output "301 $BASE/app/"
        run curl -s -o /dev/null -w '%{http_code} %{content_type}' "$BASE/app/a/products/prod_x"
        assert_output '200 text/html'
        run curl -s -o /dev/null -w '%{http_code}' "$BASE/logo.svg"
        assert_output 200
    fi
    admin_login
    # An image of 2 MB (above the JSON routes' megabyte) stored by a worker, read by Apache.
    python3 - "$BATS_TEST_TMPDIR/big.png" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"tEXt", b"c\x00" + b"x" * 2097152) +
            chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
PY
    run curl -s -H "Authorization: Bearer $ADMIN_TOKEN" -F "files=@$BATS_TEST_TMPDIR/big.png;type=image/png" \
        "$BASE/admin/uploads"
    assert_success
    local url
    url=$(jq -r '.uploads[0].url' <<<"$output")
    run curl -s -o "$BATS_TEST_TMPDIR/back.png" -D - "$url"
    assert_line --partial 'HTTP/1.1 200'
    assert_line --partial "Content-Security-Policy: default-src 'none'; sandbox"
    cmp "$BATS_TEST_TMPDIR/big.png" "$BATS_TEST_TMPDIR/back.png"
    # No listing, no dot files; above max_upload the config's 413.
    run curl -s -o /dev/null -w '%{http_code}' "$BASE/uploads/"
    assert_output 403
    head -c 11000000 /dev/zero > "$BATS_TEST_TMPDIR/huge.png"
    run curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN_TOKEN" \
        -F "files=@$BATS_TEST_TMPDIR/huge.png;type=image/png" "$BASE/admin/uploads"
    assert_output 413
    # A protected CSV downloads as an attachment, never cached.
    printf 'Product Handle;Product Title\nx;y\n' > "$BATS_TEST_TMPDIR/p.csv"
    run curl -s -H "Authorization: Bearer $ADMIN_TOKEN" -F "files=@$BATS_TEST_TMPDIR/p.csv;type=text/csv" \
        "$BASE/admin/uploads/protected"
    api -H "Authorization: Bearer $ADMIN_TOKEN" POST /admin/uploads/download-url \
        "{\"file_key\":\"$(jq -r '.uploads[0].key' <<<"$output")\"}"
    assert_status 200
    run curl -s -o /dev/null -D - "$(jqr .download_url)"
    assert_line --partial 'HTTP/1.1 200'
    assert_line --partial 'Content-Disposition: attachment'
    assert_line --partial 'Cache-Control: private, no-store'
}

@test "apache-fcgid: a graceful restart replaces the workers; a request in flight finishes" {
    local before after i
    api GET /health
    before=$(workers)
    [ -n "$before" ]
    # Hold the database's write lock so that a cart creation waits inside a worker (busy_timeout
    # is 5 s), restart Apache gracefully meanwhile, then let the request go on.
    hold_write_lock "$BATS_TEST_TMPDIR/hold" &
    local holder=$!
    for i in $(seq 50); do
        [ -e "$BATS_TEST_TMPDIR/hold" ] && break
        sleep 0.1
    done
    curl -s --max-time 60 -o "$BATS_TEST_TMPDIR/inflight" -w '%{http_code}' -X POST "$BASE/store/carts" \
        > "$BATS_TEST_TMPDIR/inflight.code" &
    local client=$!
    sleep 0.5
    "$MEDUSA_SRCDIR/tests/apache.sh" graceful "$MEDUSA_TEST_DIR"
    sleep 1
    rm -f "$BATS_TEST_TMPDIR/hold"
    wait "$holder"
    wait "$client"
    assert_equal "$(cat "$BATS_TEST_TMPDIR/inflight.code")" 200
    assert_equal "$(jq -r '.cart.id | startswith("cart_")' "$BATS_TEST_TMPDIR/inflight")" true
    # New workers answer; none of the old ones is left.
    for i in $(seq 50); do
        api GET /health
        after=$(workers)
        [ "$status" = 200 ] && [ -n "$after" ] && [ -z "$(comm -12 <(echo "$before") <(echo "$after"))" ] && break
        sleep 0.2
    done
    assert_status 200
    assert_equal "$(comm -12 <(echo "$before") <(echo "$after"))" ""
}

@test "apache-fcgid: requests during graceful restarts nearly all get 200, each ends within 60 s" {
    local out="$BATS_TEST_TMPDIR/codes"
    # Each request's status and curl's exit code (a reset or a timeout: 000 and curl's error); a
    # request that never gets its answer is cut at 60 s instead of hanging the test.
    seq 300 | xargs -P 6 -I{} sh -c 'c=$(curl -s --max-time 60 -o /dev/null -w "%{http_code}" "$1"); echo "$c $?"' _ \
        "$BASE/store/products?limit=1" > "$out" &
    local load=$!
    sleep 0.3
    "$MEDUSA_SRCDIR/tests/apache.sh" graceful "$MEDUSA_TEST_DIR"
    sleep 0.5
    "$MEDUSA_SRCDIR/tests/apache.sh" graceful "$MEDUSA_TEST_DIR"
    wait "$load"
    # All but a rare few are 200, and every request ends within curl's 60 s. The few: mod_fcgid's
    # 500 for a request it was handing to a worker at the moment the restart ended it (0 to 4 of
    # 300 on a loaded machine), and, under heavy load only, a request that waits out the 60 s
    # (curl 28) or a connection closed without an answer (curl 7, 52, 56) while the restart
    # changes generations: 2 timeouts of 300 in 1 run of 6 beside a sanitizer suite, 5 failures
    # in a CI-like run, none in 5 runs alone. Not understood yet (a worker that fails gives
    # mod_fcgid's 500, not a silence): a known problem, written in the stop's note; the bound
    # below still fails a restart that loses more than 10 of 300.
    sort "$out" | uniq -c >&2
    assert_equal "$(wc -l < "$out")" 300
    assert_equal "$(grep -v '^\(200 0\|500 0\|000 7\|000 28\|000 52\|000 56\)$' "$out" | sort | uniq -c)" ""
    [ "$(grep -c '^200 0$' "$out")" -ge 290 ] || { sort "$out" | uniq -c >&2; return 1; }
}

@test "apache-fcgid: Stripe's webhook, the team's routes and the limited paths reach the program as through nginx" {
    # The workers read their config at start: a graceful restart gives them the Stripe settings.
    routes_as_nginx "$MEDUSA_TEST_DIR/medusa-fcgi.conf" "$MEDUSA_SRCDIR/tests/apache.sh" graceful "$MEDUSA_TEST_DIR"
}

@test "apache-fcgid: the demo store's images are served from the shipped Alias" {
    demo_images_served
}
