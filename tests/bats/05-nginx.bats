#!/usr/bin/env bats
# 05-nginx.bats: the shipped nginx configuration's hardening (issue #8): security headers on every
# answer, and rate limits on login and password reset that leave normal traffic alone.

load helpers

setup_file() {
    export STACK_RATE_LIMITS=shipped
    start_stack
}

teardown_file() {
    stop_stack
}

# post_from IP PATH N: N POSTs of a login-shaped body to PATH from client address 127.0.0.IP (each
# address has its own allowance in the limit zones), as sent (no dot-segment clean-up by curl),
# 10 at a time so that they arrive within one refill of the zone; prints the statuses, one a line.
post_from() {
    seq "$3" | xargs -P 10 -I{} curl --path-as-is --interface "127.0.0.$1" -s -o /dev/null \
        -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' \
        -d '{"email":"a@example.com","password":"x"}' "$BASE$2"
}

@test "headers: nosniff, frame denial and a referrer policy on answers and errors alike" {
    need_nginx
    local p
    for p in /health /store/products /store/no-such-thing /store/carts/cart_nope; do
        api GET "$p"
        assert_equal "$(header x-content-type-options)" nosniff
        assert_equal "$(header x-frame-options)" DENY
        assert_equal "$(header referrer-policy)" strict-origin-when-cross-origin
    done
    # Once each, never doubled by the application.
    api GET /store/products
    assert_equal "$(printf '%s\n' "$headers" | grep -c '^x-content-type-options:')" 1
}

@test "limits: a burst of password-token requests gets nginx's 429; the pool sees the first few" {
    need_nginx
    local codes
    codes=$(for _ in $(seq 12); do
        curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' \
            -d '{"email":"a@example.com"}' "$BASE/store/customers/password-token"
    done)
    # 1 + burst 3 pass at once; the rest are refused before the pool.
    assert_equal "$(grep -vc '^429$' <<<"$codes")" 4
    assert_equal "$(grep -c '^429$' <<<"$codes")" 8
    api POST /store/customers/password-reset '{"email":"a@example.com","token":"x","password":"y"}'
    assert_status 429
    # The admin's reset and invitation routes share the zone: they need no login either.
    api POST /admin/users/password-token '{"email":"a@example.com"}'
    assert_status 429
    api POST /admin/users/reset-password '{"token":"x","password":"y"}'
    assert_status 429
    api POST /admin/invites/accept '{"token":"x","user":{"password":"y"}}'
    assert_status 429
}

@test "limits: POST /store/auth is limited, GET /store/auth and the catalog are not" {
    need_nginx
    local codes
    # At once, so that the zone cannot refill (one a 6 s) on a loaded machine.
    codes=$(post_from 1 /store/auth 10)
    assert_equal "$(grep -vc '^429$' <<<"$codes")" 6
    codes=$(for _ in $(seq 20); do
        curl -s -o /dev/null -w '%{http_code}\n' "$BASE/store/auth"
    done)
    assert_equal "$(grep -c '^429$' <<<"$codes")" 0
    codes=$(seq 60 | xargs -P 6 -I{} curl -s -o /dev/null -w '%{http_code}\n' "$BASE/store/products?limit=1")
    assert_equal "$(grep -vc '^200$' <<<"$codes")" 0
}

@test "limits: no spelling the router accepts skips the login and password-reset limits (issue #12)" {
    need_nginx
    local ip=20 zone path codes passed allowed
    while read -r zone path; do
        ip=$((ip + 1))
        codes=$(post_from "$ip" "$path" 20)
        # Anything but nginx's 429 and the router's 404 reached a login or a reset: the zone's
        # 1 + burst may (6 and 4), and a few more if the machine is slow enough for the zone to
        # refill (one every 6 and 12 s); a spelling that goes around the limit passes all 20.
        passed=$(grep -vc '^\(429\|404\)$' <<<"$codes" || true)
        allowed=$([ "$zone" = login ] && echo 10 || echo 8)
        [ "$passed" -le "$allowed" ] || {
            echo "$path: $passed of 20 passed the limit: $(tr '\n' ' ' <<<"$codes")" >&2
            return 1
        }
    done <<SPELLINGS
login /store/auth/
login /store/auth/token/
login /admin/auth/
login /admin/auth/token/
login /admin/auth%2F
login /admin/auth/token%2f
login /admin/%61uth
login /store/auth%2Ftoken
login //admin/auth
login /admin//auth
login /admin/auth//
login /admin/./auth
login /admin/x/../auth/
login /admin/auth/.
login /ADMIN/AUTH
login /Store/Auth/
reset /store/customers/password-token/
reset /store/customers/password-reset/
reset /store/customers/password%2Dtoken
reset /store/customers/password-token%2F
reset /store/customers//password-token
reset /STORE/customers/password-token
reset /admin/users/password-token/
reset /admin/users/reset-password/
reset /admin/invites/accept/
reset /Admin/Users/Password-Token
SPELLINGS
    # The canonical spellings still work, and a correct client is served.
    codes=$(post_from 60 /admin/auth 1)
    assert_equal "$codes" 401
}
