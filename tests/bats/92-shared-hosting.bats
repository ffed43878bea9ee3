#!/usr/bin/env bats
# 92-shared-hosting.bats: a shared-hosting account without root, as README "Deploy: shared
# hosting" lays it out (tests/apache.sh cgi): the binary as medusa.cgi with conf/apache/htaccess as
# .htaccess and the config medusa-fcgi.conf beside it in the web directory, the database outside
# it. Apache is set up as such hosts are: AllowOverride All, mod_rewrite, plain CGI (mod_cgid, no
# FastCGI), and, when the tests run as root, suexec running the program as the account (nobody).
# On PostgreSQL the config beside the binary names the server's URI instead of the file.

load helpers
load hosting

have_apache() {
    [ -x /usr/sbin/apache2 ] && [ -f /usr/lib/apache2/modules/mod_cgid.so ]
}

setup_file() {
    have_apache || return 0
    export MEDUSA_TEST_TRANSPORT=apache-cgi
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    export WEB="$MEDUSA_TEST_DIR/public_html"
}

setup() {
    have_apache || skip "apache2 is not installed"
}

teardown_file() {
    stop_stack
}

@test "shared hosting: the API answers through the htaccess rewrite, one process per request" {
    api GET /health
    assert_status 200
    assert_equal "$body" OK
    api GET '/store/products?limit=2'
    assert_status 200
    assert_json '.products | length' 2
    api GET /admin/products
    assert_status 401
    # No pool: nothing of the program runs between requests.
    run pgrep -f "$WEB/medusa.cgi"
    assert_failure
}

@test "shared hosting: the checkout story (catalog, cart, checkout, login, order)" {
    checkout_story
}

@test "shared hosting: Authorization, Cookie, Idempotency-Key and the API key headers arrive" {
    headers_arrive
}

@test "shared hosting: the database, the config and the htaccess are never served" {
    local p
    # A copy of the database that strayed into the web directory, a backup and a log, too (on
    # PostgreSQL: the SQLite file a shop moved from, left behind).
    if [ "$MEDUSA_TEST_DB" = pg ]; then
        sqlite3 "$WEB/medusa.db" "CREATE TABLE customer (email TEXT)"
    else
        cp "$MEDUSA_TEST_DIR/medusa.db" "$WEB/medusa.db"
    fi
    cp "$WEB/medusa.db" "$WEB/shop.sqlite"
    echo x > "$WEB/medusa.db-wal"
    echo x > "$WEB/backup.bak"
    echo x > "$WEB/Medusa.DB"
    for p in /medusa-fcgi.conf /.htaccess /medusa.db /medusa.db-wal /shop.sqlite /backup.bak \
        /Medusa.DB /medusa-fcgi.conf?x=1 /medusa-fcgi.%63onf /demo-images/../medusa-fcgi.conf; do
        run curl -s -o "$BATS_TEST_TMPDIR/got" -w '%{http_code}' "$BASE$p"
        assert_output 403
        run grep -c -e 'SQLite format' -e 'database' "$BATS_TEST_TMPDIR/got"
        assert_output 0
    done
    # The database itself is outside the web directory: no URL reaches it.
    for p in /../medusa.db /%2e%2e/medusa.db /medusa.db/../../medusa.db; do
        run curl -s --path-as-is -o "$BATS_TEST_TMPDIR/got" -w '%{http_code}' "$BASE$p"
        [ "$output" != 200 ]
        run grep -c 'SQLite format' "$BATS_TEST_TMPDIR/got"
        assert_output 0
    done
    # No listing (mod_autoindex is loaded, the htaccess says -Indexes); and the program's URL runs it (a Medusa 404), it never downloads it.
    run curl -s -o /dev/null -w '%{http_code}' "$BASE/"
    assert_output 403
    run curl -s "$BASE/medusa.cgi"
    assert_output '{"type":"not_found","message":"Cannot GET /medusa.cgi"}'
    rm -f "$WEB/medusa.db" "$WEB/shop.sqlite" "$WEB/medusa.db-wal" "$WEB/backup.bak" "$WEB/Medusa.DB"
}

@test "shared hosting: under suexec the program runs as the account; Apache cannot read the data" {
    [ "$(id -u)" -eq 0 ] && [ -x /usr/lib/apache2/suexec ] || skip "needs root and suexec"
    if [ "$MEDUSA_TEST_DB" = sqlite ]; then
        assert_equal "$(stat -c '%U %a' "$MEDUSA_TEST_DIR/medusa.db")" "nobody 600"
        run runuser -u www-data -- head -c 16 "$MEDUSA_TEST_DIR/medusa.db"
        assert_failure
    fi
    # Yet the program writes it: a new cart is a new row.
    local before
    before=$(hq "SELECT count(*) FROM cart")
    api POST /store/carts '{}'
    assert_status 200
    assert_equal "$(hq "SELECT count(*) FROM cart")" $((before + 1))
    run grep -c "uid: ([0-9]*/nobody) .* cmd: medusa.cgi" /var/log/apache2/suexec.log
    [ "$output" -gt 0 ]
}

@test "shared hosting: the config beside the binary is found, its relative database resolved" {
    run "$WEB/medusa.cgi" config
    assert_success
    assert_line "# from $WEB/medusa-fcgi.conf"
    if [ "$MEDUSA_TEST_DB" = pg ]; then
        assert_line "database = $MEDUSA_TEST_PGURL"
    else
        assert_line "database = $WEB/../medusa.db"
    fi
    assert_line "environment = development"
}

@test "shared hosting: a body over Medusa's 100 kB is Medusa's 400" {
    python3 -c 'print("{\"email\":\"" + "x" * 150000 + "\"}")' > "$BATS_TEST_TMPDIR/big.json"
    run curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "@$BATS_TEST_TMPDIR/big.json" "$BASE/store/carts"
    assert_line --index 1 400
    assert_line --index 0 '{"type":"invalid_data","message":"request entity too large"}'
}

@test "shared hosting: Stripe's webhook, the team's routes and the limited paths reach the program as through nginx" {
    # Each request runs the program anew: it reads the config beside it every time.
    routes_as_nginx "$WEB/medusa-fcgi.conf"
}

@test "shared hosting: the demo store's images are plain files of the web directory" {
    demo_images_served
}
