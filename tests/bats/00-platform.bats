#!/usr/bin/env bats
# 00-platform.bats: the front, the pool and the CLI (issue #2): health, unknown routes, bad input,
# CORS, kill -9 respawn, SIGTERM with requests in flight, SIGHUP reload, migrate, seed.

load helpers

setup_file() {
    export STORE_CORS='http://localhost:8000,/vercel\.app$/'
    export ADMIN_CORS='http://localhost:7000'
    start_stack
}

teardown_file() {
    stop_stack
}

pool_pid() {
    cat "$MEDUSA_TEST_DIR/medusa.pid"
}

workers() {
    # the workers: the job runner (medusa-jobs) is a child too
    pgrep -x medusa-fcgi -P "$(pool_pid)" | sort
}

@test "health: GET /health answers 200 text OK" {
    api GET /health
    assert_status 200
    assert_equal "$body" "OK"
    assert_equal "$(header content-type)" "text/plain; charset=utf-8"
}

@test "router: unknown store route is a 404 in Medusa's error body" {
    api GET /store/no-such-thing
    assert_medusa_error 404 not_found "Cannot GET /store/no-such-thing"
    assert_equal "$(header content-type)" "application/json; charset=utf-8"
}

@test "router: known path with an unknown method is a 404 like Express" {
    api DELETE /health
    assert_medusa_error 404 not_found "Cannot DELETE /health"
}

@test "router: percent-encoded path is decoded before matching" {
    api GET /%68ealth
    assert_status 200
}

@test "query: malformed percent-encoding is kept as text, like qs, and never crashes" {
    api GET '/health?q=%ff%fe&x=%zz&expand[=1'
    assert_status 200
    assert_equal "$body" OK
}

@test "query: a long query string is served; one over nginx's header limit is nginx's 414" {
    local q
    q=$(head -c 6000 /dev/zero | tr '\0' 'a')
    api GET "/health?q=$q"
    assert_status 200
    q=$(head -c 20000 /dev/zero | tr '\0' 'a')
    api GET "/health?q=$q"
    if [ "$MEDUSA_TEST_TRANSPORT" = nginx ]; then
        assert_status 414
    else
        # Without nginx in front the binary's own limit answers.
        assert_medusa_error 400 invalid_data "Invalid query string: query string longer than 16384 bytes"
    fi
    api GET /health
    assert_status 200
}

@test "cors: an allowed origin is reflected with credentials" {
    api -H 'Origin: http://localhost:8000' GET /store/no-such-thing
    assert_equal "$(header access-control-allow-origin)" "http://localhost:8000"
    assert_equal "$(header access-control-allow-credentials)" "true"
    assert_equal "$(header vary)" "Origin"
}

@test "cors: a regular-expression origin matches" {
    api -H 'Origin: https://shop.vercel.app' GET /store/no-such-thing
    assert_equal "$(header access-control-allow-origin)" "https://shop.vercel.app"
}

@test "cors: an unknown origin gets no Allow-Origin but is still served" {
    api -H 'Origin: http://evil.example' GET /store/no-such-thing
    assert_status 404
    assert_equal "$(header access-control-allow-origin)" ""
    assert_equal "$(header access-control-allow-credentials)" "true"
}

@test "cors: preflight answers 204 with methods and echoed headers" {
    api -H 'Origin: http://localhost:8000' -H 'Access-Control-Request-Method: POST' \
        -H 'Access-Control-Request-Headers: content-type,x-publishable-api-key' OPTIONS /store/carts
    assert_status 204
    assert_equal "$(header access-control-allow-origin)" "http://localhost:8000"
    assert_equal "$(header access-control-allow-methods)" "GET,HEAD,PUT,PATCH,POST,DELETE"
    assert_equal "$(header access-control-allow-headers)" "content-type,x-publishable-api-key"
    assert_equal "$body" ""
}

@test "cors: admin routes use admin_cors, not store_cors" {
    api -H 'Origin: http://localhost:8000' -H 'Access-Control-Request-Method: GET' OPTIONS /admin/products
    assert_status 204
    assert_equal "$(header access-control-allow-origin)" ""
    api -H 'Origin: http://localhost:7000' -H 'Access-Control-Request-Method: GET' OPTIONS /admin/products
    assert_equal "$(header access-control-allow-origin)" "http://localhost:7000"
}

@test "pool: starts the configured number of workers" {
    need_nginx
    assert_equal "$(workers | wc -l)" 2
}

@test "pool: a worker killed with -9 is replaced and the API keeps answering" {
    need_nginx
    local before victim after i
    before=$(workers)
    victim=$(echo "$before" | head -1)
    kill -9 "$victim"
    for i in $(seq 50); do
        after=$(workers)
        [ "$(echo "$after" | wc -l)" -eq 2 ] && ! echo "$after" | grep -qx "$victim" && break
        sleep 0.1
    done
    run grep -qx "$victim" <<<"$after"
    assert_failure
    assert_equal "$(echo "$after" | wc -l)" 2
    for i in $(seq 20); do
        api GET /health
        assert_status 200
    done
}

@test "pool: killing a worker under load costs at most the requests it held" {
    need_nginx
    local out="$BATS_TEST_TMPDIR/codes"
    seq 400 | xargs -P 8 -I{} curl -s -o /dev/null -w '%{http_code}\n' "$BASE/health" > "$out" &
    local loader=$!
    sleep 0.2
    kill -9 "$(workers | head -1)"
    wait "$loader"
    local bad
    bad=$(grep -vc '^200$' "$out" || true)
    echo "non-200 answers: $bad of $(wc -l < "$out")" >&3
    # One worker held at most one request when it died.
    [ "$bad" -le 1 ]
    api GET /health
    assert_status 200
}

@test "pool: SIGHUP replaces every worker and keeps serving" {
    need_nginx
    local before after i
    before=$(workers)
    kill -HUP "$(pool_pid)"
    for i in $(seq 50); do
        after=$(workers)
        if [ "$(echo "$after" | wc -l)" -eq 2 ] && [ -z "$(comm -12 <(echo "$before") <(echo "$after"))" ]; then
            break
        fi
        sleep 0.1
    done
    assert_equal "$(comm -12 <(echo "$before") <(echo "$after"))" ""
    api GET /health
    assert_status 200
}

@test "pool: SIGTERM lets a request in flight finish, then the pool exits" {
    need_nginx
    # A request whose body is still arriving holds a worker; SIGTERM the pool in that window.
    local pause="$BATS_TEST_TMPDIR/pause" out="$BATS_TEST_TMPDIR/inflight"
    python3 "$BATS_TEST_DIRNAME/fcgi_slow.py" "$MEDUSA_TEST_DIR/medusa.sock" "$pause" > "$out" &
    local client=$! i
    for i in $(seq 50); do
        [ -e "$pause" ] && break
        sleep 0.1
    done
    local pid
    pid=$(pool_pid)
    kill -TERM "$pid"
    sleep 0.5
    # The pool is still up: it waits for the request it holds.
    kill -0 "$pid"
    rm -f "$pause"
    wait "$client"
    run cat "$out"
    assert_output --partial "Status: 200"
    assert_output --partial "OK"
    for i in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    run kill -0 "$pid"
    assert_failure
    # Bring the pool back for the tests after this one (stop_stack would drop the database).
    "$MEDUSA_SRCDIR/tests/stack.sh" stop "$MEDUSA_TEST_DIR"
    STACK_DATABASE="$(test_database)" "$MEDUSA_SRCDIR/tests/stack.sh" start "$MEDUSA_TEST_DIR" "$MEDUSA_TEST_PORT" 2 >&3
    api GET /health
    assert_status 200
}

@test "migrate: running it twice is a no-op that keeps the data" {
    local products
    products=$(dbsql "SELECT count(*) FROM product")
    [ "$products" -gt 0 ]
    run medusa migrate
    assert_success
    assert_output --partial "up to date"
    assert_equal "$(dbsql "SELECT count(*) FROM product")" "$products"
    # Every migration recorded once; on SQLite the file's user_version agrees.
    local files
    files=$(find "$MEDUSA_SRCDIR/sql" -maxdepth 1 -name '[0-9]*.sql' | wc -l)
    assert_equal "$(dbsql "SELECT count(*) || ' ' || max(version) FROM schema_migrations")" \
        "$files $files"
    if [ "$MEDUSA_TEST_DB" != pg ]; then
        assert_equal "$(sqlite3 "$MEDUSA_TEST_DIR/medusa.db" "PRAGMA user_version")" "$files"
    fi
}

@test "seed: the starter seed loads with fresh ids and progress counts" {
    local db="$BATS_TEST_TMPDIR/s.db"
    MEDUSA_DATABASE="$db" run "$MEDUSA_BIN" migrate
    assert_success
    MEDUSA_DATABASE="$db" run "$MEDUSA_BIN" seed "$MEDUSA_SRCDIR/conf/demo-seed.json"
    assert_success
    assert_output --partial "products 7"
    assert_equal "$(sqlite3 "$db" "SELECT count(*) FROM region")" 2
    assert_equal "$(sqlite3 "$db" "SELECT count(*) FROM product")" 7
    assert_equal "$(sqlite3 "$db" "SELECT count(*) FROM region WHERE id = 'test-region-eu'")" 0
    assert_equal "$(sqlite3 "$db" "SELECT count(*) FROM region WHERE id LIKE 'reg\_%' ESCAPE '\\'")" 2
}

@test "seed: a broken file names the JSON path and changes nothing" {
    local db="$BATS_TEST_TMPDIR/b.db" bad="$BATS_TEST_TMPDIR/bad.json"
    MEDUSA_DATABASE="$db" "$MEDUSA_BIN" migrate 2>/dev/null
    jq '.products[2].variants[0].prices[1].amount = "lots"' "$MEDUSA_SRCDIR/conf/demo-seed.json" > "$bad"
    MEDUSA_DATABASE="$db" run "$MEDUSA_BIN" seed "$bad"
    assert_failure
    assert_output --partial '$.products[2].variants[0].prices[1].amount'
    assert_equal "$(sqlite3 "$db" "SELECT count(*) FROM product")" 0
    assert_equal "$(sqlite3 "$db" "SELECT count(*) FROM region")" 0
}

@test "seed: invalid JSON and a missing file fail cleanly" {
    local db="$BATS_TEST_TMPDIR/c.db"
    MEDUSA_DATABASE="$db" "$MEDUSA_BIN" migrate 2>/dev/null
    printf '{"regions": [' > "$BATS_TEST_TMPDIR/trunc.json"
    MEDUSA_DATABASE="$db" run "$MEDUSA_BIN" seed "$BATS_TEST_TMPDIR/trunc.json"
    assert_failure
    assert_output --partial "JSON"
    MEDUSA_DATABASE="$db" run "$MEDUSA_BIN" seed "$BATS_TEST_TMPDIR/none.json"
    assert_failure
    assert_equal "$(sqlite3 "$db" "SELECT count(*) FROM region")" 0
}

@test "config: default secrets are refused outside development" {
    MEDUSA_ENV=production run "$MEDUSA_BIN" serve --listen "unix:$BATS_TEST_TMPDIR/x.sock"
    assert_failure
    assert_output --partial "jwt_secret"
}

@test "config: a PostgreSQL password is never shown, in a URI or a conninfo string" {
    local d
    for d in "postgres://shop:hunter2@db.example:5432/shop?sslmode=require" \
        "postgresql:///shop?host=/run/postgresql&password=hunter2" "pg:host=db password=hunter2 dbname=shop"; do
        MEDUSA_DATABASE="$d" run "$MEDUSA_BIN" config
        assert_success
        assert_line --partial "database = "
        assert_output --partial "(set)"
        refute_output --partial hunter2
    done
}

@test "cli: --help documents every verb" {
    run "$MEDUSA_BIN" --help
    assert_success
    for v in serve cgi migrate seed backup check routes config version; do
        assert_output --partial "  $v"
    done
}

@test "cli: the man page documents every verb of --help" {
    local v n=0
    for v in $("$MEDUSA_BIN" --help | sed -n '/^Verbs:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]\{1,\}\).*/\1/p' | sort -u); do
        grep -q "^\\\\fB$v\\\\fR\|^\.B $v\$" "$MEDUSA_SRCDIR/src/medusa-fcgi.1" ||
            { echo "medusa-fcgi.1 lacks the verb $v" >&2; return 1; }
        n=$((n + 1))
    done
    [ "$n" -ge 10 ]
}
