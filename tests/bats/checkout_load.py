#!/usr/bin/env python3
"""checkout_load.py BASE SECONDS CONNECTIONS VARIANT OUT [STOPFILE]: guest checkouts (create cart,
add 1-3 of VARIANT, e-mail, payment sessions, complete) on CONNECTIONS threads for SECONDS, or,
with STOPFILE, until that file exists (SECONDS is then only a cap). Every complete that answered
200 with an order is appended to OUT at once as "cart order quantity", so a caller can count
progress; failures (a worker killed under a request) are counted, and the flow starts over on a
new connection. Prints "orders failures"."""
import http.client, json, random, sys, threading, time, urllib.parse

import os

base, seconds, conns, variant, out = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
stopfile = sys.argv[6] if len(sys.argv) > 6 else None
u = urllib.parse.urlparse(base)
lock = threading.Lock()
done, failures = [], [0]


def call(conn, method, path, body=None):
    conn.request(method, path, body=json.dumps(body) if body is not None else "",
                 headers={"Content-Type": "application/json", "Connection": "close"})
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise RuntimeError(f"{method} {path}: {r.status} {data[:200]!r}")
    return json.loads(data)


def worker(stop, seed):
    rnd = random.Random(seed)
    while time.time() < stop and not (stopfile and os.path.exists(stopfile)):
        qty = rnd.randint(1, 3)
        try:
            c = lambda: http.client.HTTPConnection(u.hostname, u.port, timeout=20)
            cart = call(c(), "POST", "/store/carts", {})["cart"]["id"]
            call(c(), "POST", f"/store/carts/{cart}/line-items", {"variant_id": variant, "quantity": qty})
            call(c(), "POST", f"/store/carts/{cart}", {"email": "kill@example.com"})
            call(c(), "POST", f"/store/carts/{cart}/payment-sessions")
            res = call(c(), "POST", f"/store/carts/{cart}/complete")
            if res.get("type") != "order":
                raise RuntimeError(f"complete gave {res.get('type')}")
            with lock:
                done.append((cart, res["data"]["id"], qty))
                outf.write(f"{cart} {res['data']['id']} {qty}\n")
                outf.flush()
        except Exception:  # a killed worker: count it and start a new flow
            with lock:
                failures[0] += 1


outf = open(out, "w")
stop = time.time() + seconds
threads = [threading.Thread(target=worker, args=(stop, i)) for i in range(conns)]
for t in threads:
    t.start()
for t in threads:
    t.join()
outf.close()
print(len(done), failures[0])
