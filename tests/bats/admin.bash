# admin.bash: calling the Admin API from a .bats file. The stack's demo store (conf/demo-seed.json)
# has Medusa's seed user admin@medusa-test.com / supersecret.
# shellcheck shell=bash
# shellcheck disable=SC2154 # status and body are set by api() in helpers.bash

ADMIN_EMAIL=admin@medusa-test.com
ADMIN_PASSWORD=supersecret

# admin_login: sets and exports ADMIN_TOKEN (POST /admin/auth/token for the seed user).
admin_login() {
    api POST /admin/auth/token "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}"
    assert_status 200
    ADMIN_TOKEN=$(jqr .access_token)
    export ADMIN_TOKEN
}

# admin_login_file: admin_login once for the whole .bats file (call it from setup_file); each
# test's setup then calls admin_token.
admin_login_file() {
    admin_login
    printf '%s' "$ADMIN_TOKEN" > "$BATS_FILE_TMPDIR/admin-token"
}

# admin_token: ADMIN_TOKEN as admin_login_file left it.
admin_token() {
    ADMIN_TOKEN=$(cat "$BATS_FILE_TMPDIR/admin-token")
    export ADMIN_TOKEN
}

# last_event NAME: the newest outbox event of that name, as `medusa events list` prints it.
last_event() {
    medusa events list --all | jq -c "select(.name == \"$1\")" | tail -1
}

# adm METHOD PATH [JSON]: api with the admin bearer token (admin_login first).
adm() {
    api -H "Authorization: Bearer $ADMIN_TOKEN" "$@"
}

# assert_admin_only METHOD PATH [JSON]: the route answers Medusa's bare 401 to an anonymous caller,
# to a customer's bearer token and to a customer's session cookie (CUSTOMER_TOKEN and
# CUSTOMER_COOKIE, when set), and to a forged or expired admin token.
assert_admin_only() {
    local method="$1" path="$2" data="${3-}"
    api "$method" "$path" "$data"
    assert_status 401
    [ "$body" = Unauthorized ] || { echo "anonymous $method $path: $body" >&2; return 1; }
    if [ -n "${CUSTOMER_TOKEN:-}" ]; then
        api -H "Authorization: Bearer $CUSTOMER_TOKEN" "$method" "$path" "$data"
        assert_status 401
    fi
    if [ -n "${CUSTOMER_COOKIE:-}" ]; then
        api -H "Cookie: $CUSTOMER_COOKIE" "$method" "$path" "$data"
        assert_status 401
    fi
    api -H "Authorization: Bearer ${ADMIN_TOKEN:-x}x" "$method" "$path" "$data"
    assert_status 401
}

# customer_credentials: registers a customer and sets CUSTOMER_TOKEN and CUSTOMER_COOKIE, for
# assert_admin_only.
customer_credentials() {
    local email="cust-$RANDOM$RANDOM@example.com"
    api POST /store/customers "{\"email\":\"$email\",\"password\":\"pw-123456\",\"first_name\":\"C\",\"last_name\":\"D\"}"
    assert_status 200
    CUSTOMER_COOKIE=$(header set-cookie | sed 's/;.*//')
    api POST /store/auth/token "{\"email\":\"$email\",\"password\":\"pw-123456\"}"
    assert_status 200
    CUSTOMER_TOKEN=$(jqr .access_token)
    export CUSTOMER_COOKIE CUSTOMER_TOKEN
}
