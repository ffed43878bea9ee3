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
}
params = {"id": None, "line_id": "@item", "provider_id": "manual", "code": "CODE",
          "cart_id": "@cart", "handle": "t-shirt"}
prefix_of = {"carts": "@cart", "products": "@prod", "regions": "@reg", "orders": "@order",
             "variants": "@variant", "shipping-options": "@so", "customers": "@cus",
             "collections": "@pcol", "discounts": "@disc", "gift-cards": "@gift",
             "returns": "@ret", "swaps": "@swap", "order-edits": "@oe",
             "payment-collections": "@paycol", "product-categories": "@pcat",
             "return-reasons": "@rr", "users": "@usr"}

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
for f in os.listdir(out):
    os.unlink(os.path.join(out, f))
for i, (method, uri, body, headers) in enumerate(reqs):
    with open(os.path.join(out, f"{i:03d}"), "wb") as f:
        f.write(request(method, uri, body, headers))
print(f"{len(reqs)} inputs in {out}")
