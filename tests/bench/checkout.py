#!/usr/bin/env python3
"""checkout.py BASE SECONDS CONNECTIONS: whole guest checkouts per second through nginx, as a
storefront does them: create cart, add a line item, set e-mail and address, pick the first
shipping option, create payment sessions, complete. Prints "flows/s p99_ms errors"."""
import http.client, json, sys, threading, time, urllib.parse

base, seconds, conns = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
u = urllib.parse.urlparse(base)
lock = threading.Lock()
times, errors = [], [0]


def call(conn, method, path, body=None):
    conn.request(method, path, body=json.dumps(body) if body is not None else None,
                 headers={"Content-Type": "application/json"} if body is not None else {})
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise RuntimeError(f"{method} {path}: {r.status} {data[:200]!r}")
    return json.loads(data)


def flow(conn, variant):
    cart = call(conn, "POST", "/store/carts", {})["cart"]["id"]
    call(conn, "POST", f"/store/carts/{cart}/line-items", {"variant_id": variant, "quantity": 1})
    call(conn, "POST", f"/store/carts/{cart}", {"email": "bench@example.com",
         "shipping_address": {"first_name": "B", "address_1": "x", "city": "Berlin",
                              "country_code": "de", "postal_code": "10115"}})
    opts = call(conn, "GET", f"/store/shipping-options/{cart}")["shipping_options"]
    call(conn, "POST", f"/store/carts/{cart}/shipping-methods", {"option_id": opts[0]["id"]})
    call(conn, "POST", f"/store/carts/{cart}/payment-sessions")
    done = call(conn, "POST", f"/store/carts/{cart}/complete")
    if done.get("type") != "order":
        raise RuntimeError("no order")


def worker(variant, stop):
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    while time.time() < stop:
        t0 = time.time()
        try:
            flow(conn, variant)
            with lock:
                times.append(time.time() - t0)
        except Exception as e:  # count and go on with a fresh connection
            with lock:
                errors[0] += 1
                if errors[0] == 1:
                    print(e, file=sys.stderr)
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)


conn = http.client.HTTPConnection(u.hostname, u.port)
products = call(conn, "GET", "/store/products?limit=1&handle=t-shirt")["products"]
variant = products[0]["variants"][0]["id"]
stop = time.time() + seconds
threads = [threading.Thread(target=worker, args=(variant, stop)) for _ in range(conns)]
for t in threads:
    t.start()
for t in threads:
    t.join()
times.sort()
p99 = times[int(len(times) * 0.99) - 1] * 1000 if times else 0
print(f"{len(times) / seconds:.1f} {p99:.2f} {errors[0]}")
