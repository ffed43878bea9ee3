#!/usr/bin/env bats
# 30-auth.bats: /store/auth (issue #5; store.md §1.8, §2): the session cookie, the bearer token,
# logout, the bare 401s, and the customer resolved for every route before the answer cache. Over
# the demo store plus tests/fixtures/seed-extended.json (jane@example.com / secret-jane is
# registered, guest@example.com is a guest).

load helpers
load spec
load orders

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    JANE=$(sql "SELECT id FROM customer WHERE email = 'jane@example.com'")
    export JANE
}

teardown_file() {
    stop_stack
}

# login EMAIL PASSWORD: POST /store/auth; sets COOKIE to "connect.sid=..." from Set-Cookie.
login() {
    api POST /store/auth "{\"email\":\"$1\",\"password\":\"$2\"}"
    COOKIE=$(header set-cookie | sed 's/;.*//')
}

@test "auth: login answers the customer with orders and shipping addresses, and a session cookie" {
    login jane@example.com secret-jane
    assert_status 200
    assert_json .customer.id "$JANE"
    assert_json '.customer | keys' '["billing_address_id","created_at","deleted_at","email","first_name","has_account","id","last_name","metadata","orders","phone","shipping_addresses","updated_at"]'
    assert_json '.customer.shipping_addresses | length' 1
    assert_json '.customer | has("password_hash")' false
    assert_spec POST /store/auth
    [[ "$COOKIE" == connect.sid=s%3A* ]]
    local sc
    sc=$(header set-cookie)
    [[ "$sc" == *"; Path=/"* && "$sc" == *"; HttpOnly"* && "$sc" == *"SameSite=Lax"* ]]
    [[ "$sc" == *"; Expires="*" GMT"* ]]
    [[ "$sc" != *Secure* ]]
}

@test "auth: the e-mail is matched lower-cased" {
    login JANE@Example.COM secret-jane
    assert_status 200
    assert_json .customer.email jane@example.com
}

# cgi_login VAR=VALUE...: POST /store/auth for Jane as one CGI request with those extra variables
# (what nginx's medusa-fcgi-params.conf passes); prints the Set-Cookie header.
cgi_login() {
    local data='{"email":"jane@example.com","password":"secret-jane"}'
    printf '%s' "$data" | env GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=POST REQUEST_URI=/store/auth \
        CONTENT_TYPE=application/json CONTENT_LENGTH=${#data} MEDUSA_DATABASE="$(test_database)" \
        "$@" "$MEDUSA_BIN" | tr -d '\r' | sed -n 's/^Set-Cookie: //p'
}

@test "auth: over HTTPS (the scheme nginx saw) the cookie is Secure and SameSite=None" {
    local sc
    sc=$(cgi_login REQUEST_SCHEME=https)
    [[ "$sc" == connect.sid=* && "$sc" == *"; Secure; SameSite=None"* ]]
    sc=$(cgi_login HTTPS=on)
    [[ "$sc" == *"; Secure; SameSite=None"* ]]
}

@test "auth: a client's X-Forwarded-Proto never makes the cookie cross-site (issue #12, finding 8)" {
    api -H 'X-Forwarded-Proto: https' POST /store/auth '{"email":"jane@example.com","password":"secret-jane"}'
    assert_status 200
    local sc
    sc=$(header set-cookie)
    [[ "$sc" == *"; SameSite=Lax"* && "$sc" != *Secure* && "$sc" != *None* ]]
    sc=$(cgi_login REQUEST_SCHEME=http HTTP_X_FORWARDED_PROTO=https)
    [[ "$sc" == *"; SameSite=Lax"* && "$sc" != *Secure* ]]
}

@test "auth: the cookie carries the session: GET /store/auth and /customers/me" {
    login jane@example.com secret-jane
    api -H "Cookie: theme=dark; $COOKIE; other=1" GET /store/auth
    assert_status 200
    assert_json .customer.id "$JANE"
    assert_spec GET /store/auth
    api -H "Cookie: $COOKIE" GET /store/customers/me
    assert_status 200
    assert_json .customer.email jane@example.com
}

@test "auth: wrong password, unknown e-mail and a guest account get the same bare 401" {
    local a b c
    api POST /store/auth '{"email":"jane@example.com","password":"wrong"}'
    assert_status 401
    a="$body|$(header content-type)"
    api POST /store/auth '{"email":"nobody@example.com","password":"secret-jane"}'
    assert_status 401
    b="$body|$(header content-type)"
    api POST /store/auth '{"email":"guest@example.com","password":"x"}'
    assert_status 401
    c="$body|$(header content-type)"
    assert_equal "$a" "Unauthorized|text/plain; charset=utf-8"
    assert_equal "$b" "$a"
    assert_equal "$c" "$a"
    assert_equal "$(header set-cookie)" ""
}

@test "auth: a wrong e-mail costs what a wrong password costs (no account probing by time)" {
    need_nginx
    local t_user t_none
    t_user=$(curl -s -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' \
        -d '{"email":"jane@example.com","password":"wrong"}' "$BASE/store/auth")
    t_none=$(curl -s -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' \
        -d '{"email":"nobody@example.com","password":"wrong"}' "$BASE/store/auth")
    # Both run one argon2id verification (tens of ms); a skipped one would be ~1 ms.
    python3 -c "import sys; a,b=float('$t_user'),float('$t_none'); sys.exit(0 if b > a/3 else 1)"
}

@test "auth: login validation is Medusa's 400" {
    api POST /store/auth '{}'
    assert_medusa_error 400 invalid_data "email must be an email, password should not be empty"
    api POST /store/auth '{"email":"jane@example.com","password":""}'
    assert_medusa_error 400 invalid_data "password should not be empty"
    api POST /store/auth '{"email":"jane@example.com","password":"x","remember":true}'
    assert_medusa_error 400 invalid_data "property remember should not exist"
}

@test "auth: GET /store/auth without credentials, or with bad ones, is the bare 401" {
    api GET /store/auth
    assert_status 401
    assert_equal "$body" Unauthorized
    assert_equal "$(header content-type)" "text/plain; charset=utf-8"
    assert_spec GET /store/auth
    api -H 'Cookie: connect.sid=s%3Aforged.AAAA' GET /store/auth
    assert_status 401
    api -H 'Authorization: Bearer not.a.token' GET /store/auth
    assert_status 401
}

@test "auth: a tampered cookie signature is anonymous" {
    login jane@example.com secret-jane
    local bad="${COOKIE%?}A"
    [ "$bad" != "$COOKIE" ] || bad="${COOKIE%?}B"
    api -H "Cookie: $bad" GET /store/auth
    assert_status 401
}

@test "auth: logout ends the session server-side and is always 200 OK" {
    login jane@example.com secret-jane
    local c="$COOKIE"
    api -H "Cookie: $c" DELETE /store/auth
    assert_status 200
    assert_equal "$body" OK
    [[ "$(header set-cookie)" == "connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"* ]]
    api -H "Cookie: $c" GET /store/auth
    assert_status 401
    api DELETE /store/auth
    assert_status 200
    assert_equal "$body" OK
}

@test "auth: logging in again replaces the session the request carried" {
    login jane@example.com secret-jane
    local first="$COOKIE"
    api -H "Cookie: $first" POST /store/auth '{"email":"jane@example.com","password":"secret-jane"}'
    assert_status 200
    local second
    second=$(header set-cookie | sed 's/;.*//')
    [ "$second" != "$first" ]
    api -H "Cookie: $first" GET /store/auth
    assert_status 401
    api -H "Cookie: $second" GET /store/auth
    assert_status 200
}

@test "auth: sessions are stored under a hash of their id, and expire" {
    login jane@example.com secret-jane
    local sid="${COOKIE#connect.sid=s%3A}"
    sid="${sid%%.*}"
    [ "$(sql "SELECT count(*) FROM store_session WHERE id = '$sid'")" = 0 ]
    [ "$(sql "SELECT count(*) FROM store_session WHERE customer_id = '$JANE'")" -ge 1 ]
    sql "UPDATE store_session SET expires_at = '2000-01-01T00:00:00.000Z' WHERE customer_id = '$JANE'"
    api -H "Cookie: $COOKIE" GET /store/auth
    assert_status 401
}

@test "auth/token: an HS256 JWT with Medusa's claims, accepted as a bearer token" {
    local before after
    before=$(date +%s)
    api POST /store/auth/token '{"email":"jane@example.com","password":"secret-jane"}'
    after=$(date +%s)
    assert_status 200
    assert_json 'keys' '["access_token"]'
    assert_spec POST /store/auth/token
    assert_equal "$(header set-cookie)" ""
    local tok claims
    tok=$(jqr .access_token)
    claims=$(printf '%s' "$tok" | cut -d. -f2 | tr '_-' '/+' | base64 -d 2>/dev/null)
    [ "$(printf '%s' "$tok" | cut -d. -f1 | tr '_-' '/+' | base64 -d 2>/dev/null)" = '{"alg":"HS256","typ":"JWT"}' ]
    [ "$(printf '%s' "$claims" | jq -r .customer_id)" = "$JANE" ]
    [ "$(printf '%s' "$claims" | jq -r .domain)" = store ]
    [ "$(printf '%s' "$claims" | jq '.exp - .iat')" = 2592000 ]
    # iat is the request's time (bounded by the clock around it: slow under valgrind).
    [ "$(printf '%s' "$claims" | jq ".iat >= $before - 1 and .iat <= $after + 1")" = true ]
    api -H "Authorization: Bearer $tok" GET /store/customers/me
    assert_status 200
    assert_json .customer.id "$JANE"
    api -H "Authorization: bearer $tok" GET /store/auth
    assert_status 200
    # Logging out does not revoke tokens (Medusa keeps no list).
    api -H "Authorization: Bearer $tok" DELETE /store/auth
    api -H "Authorization: Bearer $tok" GET /store/auth
    assert_status 200
}

@test "auth/token: bad credentials are the bare 401; validation is the 400" {
    api POST /store/auth/token '{"email":"jane@example.com","password":"nope"}'
    assert_status 401
    assert_equal "$body" Unauthorized
    api POST /store/auth/token '{"email":"jane"}'
    assert_medusa_error 400 invalid_data "email must be an email, password should not be empty"
}

@test "auth/token: expired, forged, admin and alg-none tokens are anonymous" {
    local b64 h p
    b64() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
    h=$(printf '{"alg":"HS256","typ":"JWT"}' | b64)
    sign() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$2" -binary | b64; }
    p=$(printf '{"customer_id":"%s","domain":"store","iat":1000,"exp":2000}' "$JANE" | b64)
    api -H "Authorization: Bearer $h.$p.$(sign "$h.$p" supersecret)" GET /store/auth
    assert_status 401
    p=$(printf '{"customer_id":"%s","domain":"store"}' "$JANE" | b64)
    api -H "Authorization: Bearer $h.$p.$(sign "$h.$p" supersecret)" GET /store/auth
    assert_status 200
    api -H "Authorization: Bearer $h.$p.$(sign "$h.$p" othersecret)" GET /store/auth
    assert_status 401
    p=$(printf '{"user_id":"usr_1","customer_id":"%s","domain":"admin"}' "$JANE" | b64)
    api -H "Authorization: Bearer $h.$p.$(sign "$h.$p" supersecret)" GET /store/auth
    assert_status 401
    local none
    none=$(printf '{"alg":"none","typ":"JWT"}' | b64)
    p=$(printf '{"customer_id":"%s","domain":"store"}' "$JANE" | b64)
    api -H "Authorization: Bearer $none.$p." GET /store/auth
    assert_status 401
}

@test "auth/token: without a jwt_secret it is Medusa's 404, checked before the body" {
    # One CGI run with the secret unset, whatever the file's transport.
    JWT_SECRET='' _api_cgi POST /store/auth/token '{}'
    assert_medusa_error 404 not_found "Please configure jwt_secret in your environment"
}

@test "auth/:email: exists only for registered accounts, never an error" {
    api GET /store/auth/jane@example.com
    assert_status 200
    assert_equal "$body" '{"exists":true}'
    assert_spec GET /store/auth/jane@example.com
    api GET /store/auth/JANE%40EXAMPLE.COM
    assert_equal "$body" '{"exists":true}'
    api GET /store/auth/guest@example.com
    assert_equal "$body" '{"exists":false}'
    api GET /store/auth/not-an-email
    assert_status 200
    assert_equal "$body" '{"exists":false}'
    api GET /store/auth/token
    assert_equal "$body" '{"exists":false}'
}

@test "auth: a Medusa scrypt-kdf password hash still logs in, and is upgraded to argon2id" {
    local id
    id=$(guest_customer legacy@example.com)
    # store.md §2.1's fixture: password "test".
    sql "UPDATE customer SET has_account = 1, password_hash = 'c2NyeXB0AAEAAAABAAAAAVMdaddoGjwU1TafDLLlBKnOTQga7P2dbrfgf3fB+rCD/cJOMuGzAvRdKutbYkVpuJWTU39P7OpuWNkUVoEETOVLMJafbI8qs8Qx/7jMQXkN' WHERE id = '$id'"
    login legacy@example.com test
    assert_status 200
    [[ "$(sql "SELECT password_hash FROM customer WHERE id = '$id'")" == '$argon2id$'* ]]
    login legacy@example.com test
    assert_status 200
    login legacy@example.com Test
    assert_status 401
}

@test "auth: the session's customer is known before the catalog cache" {
    # A VIP price list is visible to Jane only: a cached anonymous answer must not hide it, and
    # hers must never be served to anyone else.
    local eu
    eu=$(sql "SELECT id FROM region WHERE name = 'EU'")
    api GET "/store/variants?region_id=$eu&limit=100"
    local anon="$body"
    login jane@example.com secret-jane
    api -H "Cookie: $COOKIE" GET "/store/variants?region_id=$eu&limit=100"
    [ "$body" != "$anon" ]
    local tok
    api POST /store/auth/token '{"email":"jane@example.com","password":"secret-jane"}'
    tok=$(jqr .access_token)
    api -H "Authorization: Bearer $tok" GET "/store/variants?region_id=$eu&limit=100"
    [ "$body" != "$anon" ]
    api GET "/store/variants?region_id=$eu&limit=100"
    assert_equal "$body" "$anon"
}

@test "auth: concurrent logins, with and without a session, all succeed" {
    need_http
    login jane@example.com secret-jane
    local i cookie
    for i in 1 2 3 4 5 6 7 8; do
        # Half of them carry a live session: its lookup must not stall the login's write.
        cookie="X-None: 1"
        [ $((i % 2)) -eq 0 ] && cookie="Cookie: $COOKIE"
        curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' -H "$cookie" \
            -d '{"email":"jane@example.com","password":"secret-jane"}' "$BASE/store/auth" &
    done > "$BATS_TEST_TMPDIR/codes"
    wait
    assert_equal "$(sort "$BATS_TEST_TMPDIR/codes" | uniq -c | tr -s ' ')" " 8 200"
}
