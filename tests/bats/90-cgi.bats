#!/usr/bin/env bats
# 90-cgi.bats: the same binary as a plain CGI script (shared hosting), and as a FastCGI worker on an
# inherited socket (spawn-fcgi / mod_fcgid).

load helpers

setup_file() {
    export MEDUSA_TEST_TRANSPORT=cgi
    start_stack
}

teardown_file() {
    stop_stack
}

@test "cgi: GET /health answers with a CGI Status header" {
    api GET /health
    assert_status 200
    assert_equal "$body" "OK"
}

@test "cgi: an unknown route is Medusa's 404 body" {
    api GET /store/nothing-here
    assert_medusa_error 404 not_found "Cannot GET /store/nothing-here"
}

@test "cgi: PATH_INFO is used when REQUEST_URI is absent" {
    run env GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET SCRIPT_NAME= PATH_INFO=/health \
        MEDUSA_DATABASE="$(test_database)" "$MEDUSA_BIN"
    assert_success
    assert_output --partial "Status: 200 OK"
}

@test "spawn-fcgi: the binary serves an inherited listening socket" {
    command -v spawn-fcgi >/dev/null || skip "spawn-fcgi missing"
    command -v cgi-fcgi >/dev/null || skip "cgi-fcgi (libfcgi-bin) missing"
    local sock="$BATS_TEST_TMPDIR/sp.sock" pidf="$BATS_TEST_TMPDIR/sp.pid"
    MEDUSA_DATABASE="$(test_database)" spawn-fcgi -s "$sock" -P "$pidf" -- "$MEDUSA_BIN"
    run env REQUEST_METHOD=GET REQUEST_URI=/health SCRIPT_NAME=/health cgi-fcgi -bind -connect "$sock"
    kill "$(cat "$pidf")"
    assert_success
    assert_output --partial "OK"
}

@test "cgi: a body shorter than its CONTENT_LENGTH is refused, never taken as empty" {
    local carts
    carts=$(dbsql "SELECT count(*) FROM cart")
    # What mod_fcgid or a dropped connection can leave: fewer bytes than declared.
    run sh -c 'printf "{}" | env GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=POST REQUEST_URI=/store/carts \
        CONTENT_TYPE=application/json CONTENT_LENGTH=50 MEDUSA_DATABASE="$1" "$2"' _ \
        "$(test_database)" "$MEDUSA_BIN"
    assert_output --partial "Status: 400"
    assert_output --partial '{"type":"invalid_data","message":"request aborted"}'
    # Declared over max_body: refused by the declared length, whatever arrives.
    run sh -c 'printf "{}" | env GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=POST REQUEST_URI=/store/carts \
        CONTENT_TYPE=application/json CONTENT_LENGTH=200000 MEDUSA_DATABASE="$1" "$2"' _ \
        "$(test_database)" "$MEDUSA_BIN"
    assert_output --partial '{"type":"invalid_data","message":"request entity too large"}'
    assert_equal "$(dbsql "SELECT count(*) FROM cart")" "$carts"
}
