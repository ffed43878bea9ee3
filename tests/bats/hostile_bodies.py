#!/usr/bin/env python3
"""hostile_bodies.py BASE TOKEN ROUTES IDS: hostile bodies on write routes (an admin bearer TOKEN
is sent with each; the store routes ignore it).
ROUTES: lines "METHOD PATTERN" (from `medusa-fcgi routes`); IDS: a JSON object mapping
"resource:param" (e.g. "order-edits:id", "orders:item_id") to real ids (a bogus id is tried too). Each route gets non-object bodies and,
for each of a list of field names Medusa's admin DTOs use, each of a list of hostile values.
Prints "requests N 5xx M" then one line per 5xx answer (method path body status)."""
import http.client, json, sys, urllib.parse

base, token, routes_file, ids = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
u = urllib.parse.urlparse(base)
FIELDS = ["title", "name", "code", "value", "label", "handle", "description", "items", "variants",
          "prices", "options", "regions", "countries", "rule", "amount", "quantity",
          "variant_id", "order_id", "item_id", "metadata", "tags", "type", "categories",
          "images", "requirements", "tax_rate", "currency_code", "parent_category_id",
          "parent_return_reason_id", "is_dynamic", "usage_limit", "starts_at", "ends_at",
          "valid_duration", "region_id", "balance", "fulfillment_id", "tracking_numbers",
          "status", "collection_id", "sales_channels", "payment_providers",
          "fulfillment_providers", "internal_note", "declined_reason", "no_notification",
          "price_type", "provider_id", "data", "rank", "is_active", "inventory_quantity",
          "role", "email", "password", "token", "user", "api_token", "product_ids",
          "sales_channel_ids", "products", "product_types", "shipping_options", "country_code",
          "rate", "is_disabled", "admin_only"]
VALUES = [-1, 0, 1.5, 1e308, -1e308, 9223372036854775807, -9223372036854775808,
          18446744073709551616, "", "' OR 1=1 --", "\u0000x", "é" * 3000, [], {}, [None],
          [[]], [{}], [{"x": []}], {"x": {"y": []}}, True, None, [1, "a", None, {}],
          [{"value": None, "id": 5, "amount": "x", "quantity": -5, "item_id": []}],
          {"type": 7, "value": "x", "allocation": [], "conditions": [{}]}]
# Field names of one family of DTOs, sent only to the routes of that resource (the path's second
# segment), so the sweep stays affordable.
RESOURCE_FIELDS = {
    "collections": ["product_ids"],
    "product-categories": ["product_ids"],
    "price-lists": ["product_ids", "price_ids", "customer_groups", "override", "variant_id"],
    "customer-groups": ["customer_ids"],
    "customers": ["groups", "email", "password", "first_name"],
    "discounts": ["resources", "operator", "products", "customer_groups", "is_disabled"],
    "products": ["sku", "allow_backorder", "prices", "option_id"],
}
BODIES = ["[]", "\"x\"", "1", "null", "{}", "{\"a\":" * 30 + "1" + "}" * 30]


def fill(pattern, bogus):
    parts = []
    resource = pattern.split("/")[2]
    for seg in pattern.split("/"):
        if seg.startswith(":"):
            name = seg[1:]
            real = ids.get(resource + ":" + name, "x")
            parts.append("nope_" + name if bogus else urllib.parse.quote(real, safe=""))
        else:
            parts.append(seg)
    return "/".join(parts)


conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
n, bad = 0, []


def send(method, path, body):
    global conn, n
    n += 1
    for attempt in range(2):
        try:
            conn.request(method, path, body=body, headers={
                "Content-Type": "application/json", "Authorization": "Bearer " + token})
            r = conn.getresponse()
            data = r.read()
            if r.status >= 500:
                bad.append(f"{method} {path} {body[:120]} -> {r.status} {data[:200]!r}")
            return
        except (http.client.HTTPException, OSError):
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    bad.append(f"{method} {path} {body[:120]} -> no answer")


for line in open(routes_file):
    method, pattern = line.split()
    for bogus in (False, True):
        path = fill(pattern, bogus)
        for b in BODIES:
            send(method, path, b)
        if bogus:
            continue
        for f in FIELDS + RESOURCE_FIELDS.get(pattern.split("/")[2], []):
            for v in VALUES:
                send(method, path, json.dumps({f: v}))
print(f"requests {n} 5xx {len(bad)}")
for b in bad:
    print(b)
