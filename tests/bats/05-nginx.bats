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
    codes=$(for _ in $(seq 10); do
        curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' \
            -d '{"email":"a@example.com","password":"x"}' "$BASE/store/auth"
    done)
    assert_equal "$(grep -vc '^429$' <<<"$codes")" 6
    codes=$(for _ in $(seq 20); do
        curl -s -o /dev/null -w '%{http_code}\n' "$BASE/store/auth"
    done)
    assert_equal "$(grep -c '^429$' <<<"$codes")" 0
    codes=$(seq 60 | xargs -P 6 -I{} curl -s -o /dev/null -w '%{http_code}\n' "$BASE/store/products?limit=1")
    assert_equal "$(grep -vc '^200$' <<<"$codes")" 0
}
