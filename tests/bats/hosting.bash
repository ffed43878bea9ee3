# hosting.bash: what the transport suites (91-apache-fcgid, 92-shared-hosting, 95-deb) check
# through their server: the checkout story end to end, and that the headers Medusa's clients send
# reach the program. Load it after helpers.bash, over the demo store plus
# tests/fixtures/seed-extended.json (a Wholesale channel with a publishable key).
# shellcheck shell=bash

# hq SQL: run against this file's database (the server may be writing: wait for its lock).
hq() {
    dbsql "$@"
}

# checkout_story: a shopper's whole visit through the transport: the catalog, a cart, checkout
# into an order, registering and logging in (cookie and bearer token), and finding the order.
checkout_story() {
    local eu tee std email="story-$RANDOM$RANDOM@example.com" cart order cookie token
    # Catalog.
    api GET /store/regions
    assert_status 200
    eu=$(jqr '.regions[] | select(.name == "EU") | .id')
    api GET "/store/products?handle=t-shirt&region_id=$eu"
    assert_status 200
    assert_json '.products[0].title' 'Medusa T-Shirt'
    tee=$(jqr '.products[0].variants[] | select(.title == "S / Black") | .id')
    assert_json ".products[0].variants[] | select(.id == \"$tee\") | .calculated_price" 1950
    # Cart.
    api POST /store/carts "{\"region_id\":\"$eu\"}"
    assert_status 200
    cart=$(jqr .cart.id)
    api POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$tee\",\"quantity\":2}"
    assert_status 200
    assert_json .cart.subtotal 3900
    # Login: register, then the session cookie and the bearer token both name the customer.
    api POST /store/customers "{\"email\":\"$email\",\"password\":\"pw-story-1\",\"first_name\":\"Sto\",\"last_name\":\"Ry\"}"
    assert_status 200
    api POST /store/auth "{\"email\":\"$email\",\"password\":\"pw-story-1\"}"
    assert_status 200
    cookie=$(header set-cookie | sed 's/;.*//')
    [ -n "$cookie" ]
    api POST /store/auth/token "{\"email\":\"$email\",\"password\":\"pw-story-1\"}"
    assert_status 200
    token=$(jqr .access_token)
    # Checkout, logged in with the cookie.
    api -H "Cookie: $cookie" POST "/store/carts/$cart" \
        "{\"email\":\"$email\",\"shipping_address\":{\"first_name\":\"Sto\",\"last_name\":\"Ry\",\"address_1\":\"Main St 1\",\"city\":\"Berlin\",\"postal_code\":\"10115\",\"country_code\":\"de\"}}"
    assert_status 200
    api -H "Cookie: $cookie" GET "/store/shipping-options/$cart"
    assert_status 200
    std=$(jqr '.shipping_options[] | select(.name == "PostFake Standard") | .id')
    api -H "Cookie: $cookie" POST "/store/carts/$cart/shipping-methods" "{\"option_id\":\"$std\"}"
    assert_status 200
    assert_json .cart.total 4900
    api -H "Cookie: $cookie" POST "/store/carts/$cart/payment-sessions"
    assert_status 200
    api -H "Cookie: $cookie" POST "/store/carts/$cart/complete"
    assert_status 200
    assert_json .type order
    order=$(jqr .data.id)
    assert_json .data.total 4900
    # The order: by id, by cart, and in the customer's account (bearer token this time).
    api GET "/store/orders/$order"
    assert_status 200
    assert_json .order.email "$email"
    api GET "/store/orders/cart/$cart"
    assert_json .order.id "$order"
    api -H "Authorization: Bearer $token" GET /store/customers/me/orders
    assert_status 200
    assert_json '[.orders[].id] | index("'"$order"'") != null' true
    # The stock went down by what was bought.
    assert_equal "$(hq "SELECT inventory_quantity FROM product_variant WHERE id = '$tee'")" \
        "$(($(hq "SELECT 100 - coalesce(sum(quantity), 0) FROM line_item WHERE variant_id = '$tee' AND order_id IS NOT NULL")))"
}

# headers_arrive: Authorization (customer and admin bearer tokens), Cookie, Idempotency-Key,
# x-publishable-api-key and x-medusa-access-token each change the answer as they must, so each
# reached the program.
headers_arrive() {
    local email="hdr-$RANDOM$RANDOM@example.com" token cookie admin key cart pk tee
    api POST /store/customers "{\"email\":\"$email\",\"password\":\"pw-hdr-1\",\"first_name\":\"H\",\"last_name\":\"D\"}"
    assert_status 200
    cookie=$(header set-cookie | sed 's/;.*//')
    api POST /store/auth/token "{\"email\":\"$email\",\"password\":\"pw-hdr-1\"}"
    token=$(jqr .access_token)
    # Authorization: without it the customer's routes are 401; with it, the customer.
    api GET /store/customers/me
    assert_status 401
    api -H "Authorization: Bearer $token" GET /store/customers/me
    assert_status 200
    assert_json .customer.email "$email"
    # Cookie.
    api -H "Cookie: $cookie" GET /store/auth
    assert_status 200
    assert_json .customer.email "$email"
    # Authorization for the admin, and x-medusa-access-token.
    api POST /admin/auth/token '{"email":"admin@medusa-test.com","password":"supersecret"}'
    assert_status 200
    admin=$(jqr .access_token)
    api GET /admin/products
    assert_status 401
    api -H "Authorization: Bearer $admin" GET '/admin/products?limit=1'
    assert_status 200
    hq "UPDATE \"user\" SET api_token = 'tok-hosting' WHERE email = 'admin@medusa-test.com'"
    api -H 'x-medusa-access-token: tok-hosting' GET /admin/auth
    assert_status 200
    assert_json .user.email admin@medusa-test.com
    # Idempotency-Key: the key the server issued replays the first answer instead of adding again.
    tee=$(hq "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 't-shirt' AND v.title = 'S / Black'")
    api POST /store/carts '{}'
    cart=$(jqr .cart.id)
    api POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$tee\",\"quantity\":1}"
    key=$(header idempotency-key)
    [ -n "$key" ]
    api -H "Idempotency-Key: $key" POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$tee\",\"quantity\":1}"
    assert_status 200
    assert_json '.cart.items[0].quantity' 1
    # x-publishable-api-key: the product list is scoped to the key's sales channel.
    pk=$(hq "SELECT id FROM publishable_api_key WHERE title = 'Wholesale storefront'")
    api GET /store/products
    assert_json .count 8
    api -H "x-publishable-api-key: $pk" GET /store/products
    assert_status 200
    assert_json .count 3
}

# demo_images_served: every image URL of the demo seed (http://localhost:8080/demo-images/NAME)
# names a file the server sends as a PNG at /demo-images/NAME.
demo_images_served() {
    local url n=0 path
    for url in $(jq -r '.products[].images[]' "$MEDUSA_SRCDIR/conf/demo-seed.json"); do
        case "$url" in http://localhost:8080/demo-images/*.png) ;; *) echo "not a demo image: $url" >&2; return 1 ;; esac
        path=${url#http://localhost:8080}
        run curl -fsS -o "$BATS_TEST_TMPDIR/img" -w '%{content_type}' "$BASE$path"
        assert_success
        assert_output image/png
        [ "$(head -c 8 "$BATS_TEST_TMPDIR/img" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
        n=$((n + 1))
    done
    [ "$n" -eq 15 ]
    # The API hands them out as the products' thumbnails.
    api GET '/store/products?handle=coffee-mug'
    assert_json '.products[0].thumbnail' http://localhost:8080/demo-images/coffee-mug.png
}

# routes_as_nginx CONF [RELOAD...]: what nginx's medusa-fcgi-locations.conf routes to the pool
# reaches the program through this server too, and nothing else does: Stripe's webhook (its
# secret added to the program's config file CONF; RELOAD, if given, makes the server's workers
# read it again), the team's routes that need no login, the login and reset paths in any case.
# nginx's security headers come on every answer of the API.
routes_as_nginx() {
    local conf=$1 ts payload sig p
    shift
    printf '%s\n' 'stripe_api_key = sk_test_hosting0000' 'stripe_webhook_secret = whsec_hosting' >> "$conf"
    [ $# -eq 0 ] || "$@"
    # A signed event, as Stripe sends it: recorded once, answered 200 OK, the body byte for byte.
    payload=$(printf '{\n  "id": "evt_hosting%s",\n  "object": "event",\n  "type": "charge.succeeded",\n  "livemode": false,\n  "created": %s,\n  "data": {"object": {"id": "ch_hosting", "object": "charge"}}\n}' "$RANDOM$RANDOM" "$(date +%s)")
    ts=$(date +%s)
    sig=$(python3 -c 'import hashlib, hmac, sys; print(hmac.new(sys.argv[1].encode(), sys.argv[2].encode(), hashlib.sha256).hexdigest())' \
        whsec_hosting "$ts.$payload")
    run curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' \
        -H "Stripe-Signature: t=$ts,v1=$sig" --data-binary "$payload" "$BASE/stripe/hooks"
    assert_output "$(printf 'OK\n200')"
    assert_equal "$(hq "SELECT payload FROM stripe_event WHERE id = '$(jq -r .id <<<"$payload")'")" "$payload"
    # One byte changed after signing: Stripe's webhook error, from the program.
    run curl -s -o "$BATS_TEST_TMPDIR/hook" -w '%{http_code}' -H 'Content-Type: application/json' \
        -H "Stripe-Signature: t=$ts,v1=$sig" --data-binary "${payload/charge.succeeded/charge.failed}" "$BASE/stripe/hooks"
    assert_output 400
    grep -q '^Webhook Error: ' "$BATS_TEST_TMPDIR/hook"
    # nginx routes only that exact path.
    run curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/stripe/hooks/"
    assert_output 404
    api POST /stripe/hooks/
    refute_output --partial 'Webhook Error'
    # The team's routes without a login (the ones nginx's limits cover) reach the program.
    api POST /admin/users/password-token '{"email":"nobody-here@example.com"}'
    assert_status 204
    api POST /admin/invites/accept '{"token":"not-a-token","user":{"first_name":"A","last_name":"B","password":"pw"}}'
    assert_status 400
    assert_json .message 'Token is not valid'
    api GET /admin/invites
    assert_status 401
    # The limited paths in any case reach the program (its 404 body), as nginx's ~* locations send
    # them; other paths in another case are the server's own 404, as with nginx.
    for p in /ADMIN/AUTH /Store/Auth/Token /STORE/customers/password-reset /Admin/Invites/Accept/; do
        api POST "$p" '{}'
        assert_status 404
        assert_json .type not_found
    done
    api GET /STORE/products
    assert_status 404
    refute_output --partial '"type"'
    # nginx's security headers, on answers and errors alike.
    for p in /health /store/products /store/no-such-thing; do
        api GET "$p"
        assert_equal "$(header x-content-type-options)" nosniff
        assert_equal "$(header x-frame-options)" DENY
        assert_equal "$(header referrer-policy)" strict-origin-when-cross-origin
    done
}
