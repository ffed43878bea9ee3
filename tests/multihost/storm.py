#!/usr/bin/env python3
"""storm.py BASE BUYERS VARIANT OUT: the concurrent-checkout storm. BUYERS guest carts of one unit
of VARIANT each are made ready (cart, line item, e-mail, payment sessions; the same flow as
tests/bats/checkout_load.py), then all complete at once, released together by one barrier, each
on its own connection. Writes one line per buyer to OUT: "cart status kind", kind being
order (200 with an order), medusa_error (4xx in Medusa's error body: {type, message} or
{errors: [{type, message, code}]}), or
other (anything else: a 5xx, a 4xx without Medusa's body, no answer). Prints
"orders N medusa_4xx N other N" and, for each other answer, the first of its kind."""
import http.client, json, sys, threading, urllib.parse

base, buyers, variant, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
u = urllib.parse.urlparse(base)


def call(method, path, body=None):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    c.request(method, path, body=json.dumps(body) if body is not None else "",
              headers={"Content-Type": "application/json", "Connection": "close"})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def ok(method, path, body=None):
    status, data = call(method, path, body)
    if status != 200:
        raise RuntimeError(f"{method} {path}: {status} {data[:300]!r}")
    return json.loads(data)


carts = [None] * buyers
prep_errors = []


def prepare(i):
    try:
        cart = ok("POST", "/store/carts", {})["cart"]["id"]
        ok("POST", f"/store/carts/{cart}/line-items", {"variant_id": variant, "quantity": 1})
        ok("POST", f"/store/carts/{cart}", {"email": f"storm{i}@example.com"})
        ok("POST", f"/store/carts/{cart}/payment-sessions")
        carts[i] = cart
    except Exception as e:  # noqa: BLE001 - reported, the storm is then void
        prep_errors.append(str(e))


def run_in_threads(fn, n, width):
    for start in range(0, n, width):
        ts = [threading.Thread(target=fn, args=(i,)) for i in range(start, min(n, start + width))]
        for t in ts:
            t.start()
        for t in ts:
            t.join()


run_in_threads(prepare, buyers, 20)
if prep_errors:
    print(f"storm.py: {len(prep_errors)} carts could not be prepared; first: {prep_errors[0]}",
          file=sys.stderr)
    sys.exit(2)

def medusa_error(body):
    """Medusa's error bodies: {type, message[, code]}, or, from cart completion (a 409 for
    stock), {errors: [{type, message, code}, ...]}."""
    def one(e):
        return isinstance(e, dict) and isinstance(e.get("type"), str) and isinstance(e.get("message"), str)
    if not isinstance(body, dict):
        return False
    if "errors" in body:
        errs = body["errors"]
        return isinstance(errs, list) and len(errs) > 0 and all(one(e) for e in errs)
    return one(body)


barrier = threading.Barrier(buyers)
results = [None] * buyers


def complete(i):
    barrier.wait()
    try:
        status, data = call("POST", f"/store/carts/{carts[i]}/complete")
    except Exception as e:  # noqa: BLE001 - no answer at all
        results[i] = (0, "other", repr(e))
        return
    kind = "other"
    try:
        body = json.loads(data)
    except ValueError:
        body = None
    if status == 200 and isinstance(body, dict) and body.get("type") == "order":
        kind = "order"
    elif 400 <= status < 500 and medusa_error(body):
        kind = "medusa_error"
    results[i] = (status, kind, data[:300].decode("utf-8", "replace"))


threads = [threading.Thread(target=complete, args=(i,)) for i in range(buyers)]
for t in threads:
    t.start()
for t in threads:
    t.join()

counts = {"order": 0, "medusa_error": 0, "other": 0}
seen = set()
with open(out, "w") as f:
    for cart, (status, kind, text) in zip(carts, results):
        counts[kind] += 1
        f.write(f"{cart} {status} {kind}\n")
        if kind == "other" and status not in seen:
            seen.add(status)
            print(f"# other answer: {status} {text}", file=sys.stderr)
        if kind == "medusa_error" and ("e4", status) not in seen:
            seen.add(("e4", status))
            print(f"# refused: {status} {text}", file=sys.stderr)
print(f"orders {counts['order']} medusa_4xx {counts['medusa_error']} other {counts['other']}")
