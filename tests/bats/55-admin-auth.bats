#!/usr/bin/env bats
# 55-admin-auth.bats: /admin/auth (issue #7): the admin session cookie, the admin JWT, the API
# token, logout, and the gate in front of every admin route: a customer's session or token is
# never an admin. Over the demo store, whose seed user is admin@medusa-test.com / supersecret.

load helpers
load orders
load admin

setup_file() {
    start_stack
    ADMIN_ID=$(sql "SELECT id FROM \"user\" WHERE email = 'admin@medusa-test.com'")
    export ADMIN_ID
}

teardown_file() {
    stop_stack
}

# admin_cookie_login EMAIL PASSWORD [COOKIE]: POST /admin/auth; sets ACOOKIE from Set-Cookie.
admin_cookie_login() {
    local h=()
    [ -n "${3-}" ] && h=(-H "Cookie: $3")
    api "${h[@]}" POST /admin/auth "{\"email\":\"$1\",\"password\":\"$2\"}"
    ACOOKIE=$(header set-cookie | sed 's/;.*//')
}

USER_KEYS='["api_token","created_at","deleted_at","email","first_name","id","last_name","metadata","role","updated_at"]'

@test "admin auth: login answers the user without its password hash, and a session cookie" {
    admin_cookie_login ADMIN@medusa-test.com supersecret
    assert_status 200
    assert_json .user.id "$ADMIN_ID"
    assert_json .user.email admin@medusa-test.com
    assert_json '.user | keys' "$USER_KEYS"
    assert_json .user.role member
    [[ "$ACOOKIE" == connect.sid=s%3A* ]]
    [[ "$(header set-cookie)" == *"; HttpOnly"* ]]
    api -H "Cookie: $ACOOKIE" GET /admin/auth
    assert_status 200
    assert_json .user.id "$ADMIN_ID"
    assert_json '.user | keys' "$USER_KEYS"
}

@test "admin auth: a token is an HS256 JWT of {user_id, domain: admin} valid for 24 hours" {
    admin_login
    [[ "$ADMIN_TOKEN" == *.*.* ]]
    local p
    p=$(printf '%s' "$ADMIN_TOKEN" | cut -d. -f2 | tr '_-' '/+')
    while [ $(( ${#p} % 4 )) -ne 0 ]; do p="$p="; done
    body=$(printf '%s' "$p" | base64 -d)
    assert_json .domain admin
    assert_json .user_id "$ADMIN_ID"
    assert_json '.exp - .iat' 86400
    assert_json 'keys' '["domain","exp","iat","user_id"]'
    adm GET /admin/auth
    assert_status 200
    assert_json .user.id "$ADMIN_ID"
}

@test "admin auth: bad credentials get the bare 401; a bad body gets Medusa's 400" {
    api POST /admin/auth '{"email":"admin@medusa-test.com","password":"wrong"}'
    assert_status 401
    [ "$body" = Unauthorized ]
    [ -z "$(header set-cookie)" ]
    api POST /admin/auth/token '{"email":"nobody@medusa-test.com","password":"supersecret"}'
    assert_status 401
    [ "$body" = Unauthorized ]
    api POST /admin/auth '{"email":"not-an-email","password":"x"}'
    assert_medusa_error 400 invalid_data "email must be an email"
    api POST /admin/auth/token '{"email":"admin@medusa-test.com"}'
    assert_medusa_error 400 invalid_data "password should not be empty"
    api POST /admin/auth '{"email":"admin@medusa-test.com","password":"supersecret","role":"admin"}'
    assert_medusa_error 400 invalid_data "property role should not exist"
}

@test "admin auth: anonymous callers and customers are refused on every admin path" {
    customer_credentials
    assert_admin_only GET /admin/auth
    assert_admin_only DELETE /admin/auth
    # Paths no route serves are gated too (Medusa's admin router authenticates first).
    assert_admin_only GET /admin/products
    assert_admin_only POST /admin/anything/at/all '{}'
    admin_login
    adm GET /admin/nothing-here
    assert_medusa_error 404 not_found "Cannot GET /admin/nothing-here"
    # The admin's token is not a customer's either.
    adm GET /store/customers/me
    assert_status 401
    [ "$body" = Unauthorized ]
}

@test "admin auth: x-medusa-access-token authenticates the user with that API token" {
    sql "UPDATE \"user\" SET api_token = 'tok-admin-secret' WHERE id = '$ADMIN_ID'"
    api -H 'x-medusa-access-token: tok-admin-secret' GET /admin/auth
    assert_status 200
    assert_json .user.id "$ADMIN_ID"
    assert_json .user.api_token tok-admin-secret
    api -H 'x-medusa-access-token: tok-admin-wrong' GET /admin/auth
    assert_status 401
    sql "UPDATE \"user\" SET api_token = NULL WHERE id = '$ADMIN_ID'"
    api -H 'x-medusa-access-token: tok-admin-secret' GET /admin/auth
    assert_status 401
}

@test "admin auth: logout ends the admin session; a customer on the same session stays" {
    customer_credentials
    # The customer's session cookie picks up the admin on login (one express session).
    admin_cookie_login admin@medusa-test.com supersecret "$CUSTOMER_COOKIE"
    assert_status 200
    local both="$ACOOKIE"
    [ "$both" != "$CUSTOMER_COOKIE" ]
    api -H "Cookie: $CUSTOMER_COOKIE" GET /store/customers/me
    assert_status 401
    api -H "Cookie: $both" GET /store/customers/me
    assert_status 200
    api -H "Cookie: $both" GET /admin/auth
    assert_status 200
    api -H "Cookie: $both" DELETE /admin/auth
    assert_status 200
    [ "$body" = OK ]
    api -H "Cookie: $both" GET /admin/auth
    assert_status 401
    api -H "Cookie: $both" GET /store/customers/me
    assert_status 200
    # And the other way round: a customer logging out keeps the admin.
    admin_cookie_login admin@medusa-test.com supersecret "$both"
    both="$ACOOKIE"
    api -H "Cookie: $both" DELETE /store/auth
    assert_status 200
    api -H "Cookie: $both" GET /store/customers/me
    assert_status 401
    api -H "Cookie: $both" GET /admin/auth
    assert_status 200
    # The last holder's logout deletes the session and expires the cookie.
    api -H "Cookie: $both" DELETE /admin/auth
    assert_status 200
    [[ "$(header set-cookie)" == *"Expires=Thu, 01 Jan 1970"* ]]
}

@test "admin auth: a deleted user's token, cookie and API token stop working" {
    sql "INSERT INTO \"user\" (id, email, password_hash, api_token) SELECT 'usr_gone', 'gone@medusa-test.com', password_hash, 'tok-gone' FROM \"user\" WHERE id = '$ADMIN_ID'"
    api POST /admin/auth/token '{"email":"gone@medusa-test.com","password":"supersecret"}'
    assert_status 200
    local tok
    tok=$(jqr .access_token)
    admin_cookie_login gone@medusa-test.com supersecret
    assert_status 200
    api -H "Authorization: Bearer $tok" GET /admin/auth
    assert_status 200
    sql "UPDATE \"user\" SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE id = 'usr_gone'"
    api -H "Authorization: Bearer $tok" GET /admin/auth
    assert_status 401
    api -H "Cookie: $ACOOKIE" GET /admin/auth
    assert_status 401
    api -H 'x-medusa-access-token: tok-gone' GET /admin/auth
    assert_status 401
}
