#!/usr/bin/env python3
"""mkcorpus_request.py DIR: writes the seed corpus of tests/fuzz/fuzz_request.c, one file per
request: FastCGI name-value pairs, an empty pair, then the body. Every route of
src/http/routes.def gets one request with its path parameters taken from the last ids the
target saw ("@cart" ...), a plausible body for writes, and the right credentials; a few
classic requests first create the ids the later ones use (files run in name order)."""
import json, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
routes_def = os.path.join(here, "..", "..", "src", "http", "routes.def")
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "corpus", "request")


def pair(name, value):
    def ln(n):
        return bytes([n]) if n < 128 else (n | 0x80000000).to_bytes(4, "big")
    n, v = name.encode(), value.encode()
    return ln(len(n)) + ln(len(v)) + n + v


def request(method, uri, body=None, headers=None):
    params = [("REQUEST_METHOD", method), ("REQUEST_URI", uri)]
    if "?" in uri:
        params.append(("QUERY_STRING", uri.split("?", 1)[1]))
    data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    if body is not None:
        params += [("CONTENT_TYPE", "application/json"), ("CONTENT_LENGTH", str(len(data)))]
    for k, v in (headers or {}).items():
        params.append((k, v))
    return b"".join(pair(k, v) for k, v in params) + b"\x00\x00" + data


# Ids the later requests need, made first (the target remembers the last id of each prefix).
setup = [
    ("GET", "/store/regions", None, {}),
    ("GET", "/store/products?limit=5&expand=variants", None, {}),
    ("GET", "/store/shipping-options", None, {}),
    ("POST", "/store/carts", {"region_id": "@reg"}, {}),
    ("POST", "/store/carts/@cart/line-items", {"variant_id": "@variant", "quantity": 1}, {}),
    ("POST", "/store/carts/@cart", {"email": "fuzz@example.com",
                                    "shipping_address": {"first_name": "F", "country_code": "dk"}}, {}),
    ("GET", "/store/shipping-options/@cart", None, {}),
    ("POST", "/store/carts/@cart/shipping-methods", {"option_id": "@so"}, {}),
    ("POST", "/store/carts/@cart/payment-sessions", None, {}),
    ("POST", "/store/carts/@cart/complete", None, {}),
    ("GET", "/admin/orders?limit=1", None, {"HTTP_X_MEDUSA_ACCESS_TOKEN": "@admin"}),
]

bodies = {
    "POST /store/carts/:id/line-items": {"variant_id": "@variant", "quantity": 2},
    "POST /store/carts/:id/line-items/:line_id": {"quantity": 3},
    "POST /store/carts/:id": {"email": "a@b.co", "discounts": [{"code": "X"}]},
    "POST /store/carts/:id/shipping-methods": {"option_id": "@so"},
    "POST /store/carts/:id/payment-session": {"provider_id": "manual"},
    "POST /store/customers": {"email": "n@example.com", "password": "pw", "first_name": "N",
                              "last_name": "M"},
    "POST /store/auth": {"email": "fuzz@example.com", "password": "x"},
    "POST /store/products/search": {"q": "shirt"},
    "POST /admin/products/:id/variants": {"title": "F", "prices": [{"currency_code": "eur",
                                          "amount": 1}], "options": [{"option_id": "@opt",
                                                                      "value": "F"}]},
    "POST /admin/products/:id/options": {"title": "Fuzz"},
    "POST /admin/customer-groups": {"name": "Fuzz"},
    "POST /admin/customer-groups/:id/customers/batch": {"customer_ids": [{"id": "@cus"}]},
    "POST /admin/price-lists": {"name": "F", "description": "f", "type": "sale", "prices": [
        {"variant_id": "@variant", "currency_code": "eur", "amount": 1}],
        "customer_groups": [{"id": "@cgrp"}]},
    "POST /admin/price-lists/:id/prices/batch": {"prices": [{"variant_id": "@variant",
                                                 "region_id": "@reg", "amount": 2}]},
    "POST /admin/discounts/:id": {"rule": {"id": "x", "value": 5}, "ends_at": None},
    "POST /admin/discounts/:id/conditions": {"operator": "in", "products": ["@prod"]},
    "POST /admin/discounts/:id/conditions/:condition_id/batch": {"resources": [{"id": "@prod"}]},
    "POST /admin/product-categories/:id": {"rank": 0, "parent_category_id": "null"},
    "POST /admin/collections/:id/products/batch": {"product_ids": ["@prod"]},
    "POST /admin/gift-cards/:id": {"balance": 1, "ends_at": None},
    "POST /stripe/hooks": {"id": "evt_fuzz", "object": "event", "type": "payment_intent.succeeded",
                           "data": {"object": {"id": "pi_fuzz", "object": "payment_intent",
                                               "metadata": {"resource_id": "@cart"}}}},
    "POST /admin/users": {"email": "fz@example.com", "password": "pw", "role": "developer"},
    "POST /admin/users/:id": {"first_name": "F", "api_token": "tok-fuzz", "metadata": {"a": 1}},
    "POST /admin/users/password-token": {"email": "admin@medusa-test.com"},
    "POST /admin/users/reset-password": {"token": "a.b.c", "password": "pw"},
    "POST /admin/invites": {"user": "inv@example.com", "role": "member"},
    "POST /admin/invites/accept": {"token": "a.b.c", "user": {"first_name": "A", "password": "pw"}},
    "POST /admin/apps/authorizations": {"application_name": "a", "state": "s", "code": "c"},
    "POST /admin/regions/:id/countries": {"country_code": "pt"},
    "POST /admin/regions/:id/payment-providers": {"provider_id": "manual"},
    "POST /admin/regions/:id/fulfillment-providers": {"provider_id": "manual"},
    "POST /admin/shipping-options/:id": {"name": "N", "amount": 100,
                                         "requirements": [{"type": "min_subtotal", "amount": 1}]},
    "POST /admin/shipping-profiles": {"name": "P", "type": "custom"},
    "POST /admin/shipping-profiles/:id": {"products": ["@prod"], "shipping_options": ["@so"]},
    "POST /admin/return-reasons/:id": {"label": "L"},
    "POST /admin/tax-rates": {"code": "C", "name": "N", "region_id": "@reg", "rate": 10,
                              "products": ["@prod"]},
    "POST /admin/tax-rates/:id": {"rate": 5, "shipping_options": ["@so"]},
    "POST /admin/tax-rates/:id/products/batch": {"products": ["@prod"]},
    "DELETE /admin/tax-rates/:id/products/batch": {"products": ["@prod"]},
    "POST /admin/tax-rates/:id/product-types/batch": {"product_types": ["ptyp_x"]},
    "DELETE /admin/tax-rates/:id/product-types/batch": {"product_types": ["ptyp_x"]},
    "POST /admin/tax-rates/:id/shipping-options/batch": {"shipping_options": ["@so"]},
    "DELETE /admin/tax-rates/:id/shipping-options/batch": {"shipping_options": ["@so"]},
    "POST /admin/sales-channels": {"name": "S"},
    "POST /admin/sales-channels/:id": {"is_disabled": True},
    "POST /admin/sales-channels/:id/products/batch": {"product_ids": [{"id": "@prod"}]},
    "DELETE /admin/sales-channels/:id/products/batch": {"product_ids": [{"id": "@prod"}]},
    "POST /admin/publishable-api-keys": {"title": "K"},
    "POST /admin/publishable-api-keys/:id": {"title": "K2"},
    "POST /admin/publishable-api-keys/:id/sales-channels/batch": {"sales_channel_ids": [{"id": "@sc"}]},
    "DELETE /admin/publishable-api-keys/:id/sales-channels/batch":
        {"sales_channel_ids": [{"id": "@sc"}]},
}
params = {"id": None, "line_id": "@item", "provider_id": "manual", "code": "CODE",
          "cart_id": "@cart", "handle": "t-shirt", "variant_id": "@variant", "option_id": "@opt",
          "condition_id": "@discon", "region_id": "@reg", "product_id": "@prod",
          "country_code": "pt", "invite_id": None}
prefix_of = {"carts": "@cart", "products": "@prod", "regions": "@reg", "orders": "@order",
             "variants": "@variant", "shipping-options": "@so", "customers": "@cus",
             "collections": "@pcol", "discounts": "@disc", "gift-cards": "@gift",
             "returns": "@ret", "swaps": "@swap", "order-edits": "@oe",
             "payment-collections": "@paycol", "product-categories": "@pcat",
             "return-reasons": "@rr", "users": "@usr", "invites": "@invite",
             "shipping-profiles": "@sp", "tax-rates": "@txr", "sales-channels": "@sc",
             "publishable-api-keys": "@pk", "price-lists": "@pl", "customer-groups": "@cgrp"}

reqs = [r for r in setup]
for line in open(routes_def):
    m = re.match(r'ROUTE\("(\w+)",\s*"([^"]+)"', line)
    if not m:
        continue
    method, pattern = m.groups()
    segs = pattern.strip("/").split("/")
    path = []
    for i, s in enumerate(segs):
        if s.startswith(":"):
            name = s[1:]
            v = params.get(name) or prefix_of.get(segs[i - 1] if i else "", "@cart")
            path.append(v)
        else:
            path.append(s)
    uri = "/" + "/".join(path)
    headers = {}
    if uri.startswith("/admin/"):
        headers["HTTP_X_MEDUSA_ACCESS_TOKEN"] = "@admin"
    elif uri.startswith("/store/customers/me") or "payment-methods" in uri:
        headers["HTTP_AUTHORIZATION"] = "@customer"
    elif uri == "/stripe/hooks":
        headers["HTTP_STRIPE_SIGNATURE"] = "@stripe-signature"
    body = bodies.get(f"{method} {pattern}", {} if method == "POST" else None)
    reqs.append((method, uri, body, headers))

# A few hostile shapes the fuzzer grows from.
reqs += [
    ("POST", "/store/carts", b'{"items":[{"variant_id":"@variant","quantity":-1e309}]}', {}),
    ("POST", "/store/carts/@cart", b'{"email":"a\\u0000b@c.d"}', {}),
    ("GET", "/store/products?" + "&".join(f"a[{i}]=1" for i in range(40)), None, {}),
    ("POST", "/store/carts/@cart/line-items", b"[" * 300, {}),
    ("GET", "/store/products?expand=variants,variants.prices,options&fields=title,id", None, {}),
]

os.makedirs(out, exist_ok=True)
# Only this script's numbered files are replaced; hand-written seeds (other names) stay.
for f in os.listdir(out):
    if re.fullmatch(r"[0-9]{3}", f):
        os.unlink(os.path.join(out, f))
for i, (method, uri, body, headers) in enumerate(reqs):
    with open(os.path.join(out, f"{i:03d}"), "wb") as f:
        f.write(request(method, uri, body, headers))
print(f"{len(reqs)} inputs in {out}")
