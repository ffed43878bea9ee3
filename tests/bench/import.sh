#!/bin/sh
# import.sh (make bench-import): the catalogue import's speed and the shop's answers meanwhile.
# A fresh stack with the demo store; a CSV of BENCH_IMPORT_PRODUCTS products (default 10000),
# two variants each, with EUR and USD prices and a Size option, imported as the dashboard does
# (protected upload, product-import job, not a dry run); while the job runner works, one client
# reads GET /store/products and another creates carts, as fast as they are answered. Prints the
# pre-processing and processing times, products per second, and the shop's requests, failures
# and slowest answers during the import. No pass/fail: numbers for the record.
set -eu
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
export MEDUSA_SRCDIR MEDUSA_BIN
n=${BENCH_IMPORT_PRODUCTS:-10000}
dir=$(mktemp -d /tmp/medusa-import.XXXXXX)
MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" migrate >/dev/null 2>&1
MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" seed "$MEDUSA_SRCDIR/conf/demo-seed.json" 2>/dev/null
port=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
MEDUSA_LOG_LEVEL=warn "$MEDUSA_SRCDIR/tests/stack.sh" start "$dir" "$port" "${BENCH_WORKERS:-4}"
trap '"$MEDUSA_SRCDIR/tests/stack.sh" stop "$dir"; rm -rf "$dir"' EXIT INT TERM
python3 - "http://127.0.0.1:$port" "$n" "$dir" <<'PY'
import json, sys, threading, time, urllib.request, uuid
base, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def req(method, path, body=None, headers=None, raw=None, ctype="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    h = dict(headers or {})
    if data is not None:
        h["Content-Type"] = ctype
    r = urllib.request.Request(base + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(r, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

_, b = req("POST", "/admin/auth/token", {"email": "admin@medusa-test.com", "password": "supersecret"})
auth = {"Authorization": "Bearer " + json.loads(b)["access_token"]}
rows = ["Product Handle;Product Title;Product Status;Variant Title;Variant SKU;"
        "Variant Inventory Quantity;Price EUR;Price USD;Option 1 Name;Option 1 Value"]
for i in range(n):
    for s in ("S", "M"):
        rows.append(f"bench-{i};Bench {i};published;Bench {i} / {s};B-{i}-{s};10;{10 + i % 9}.95;14;Size;{s}")
csv = ("\r\n".join(rows) + "\r\n").encode()
bnd = uuid.uuid4().hex
body = (f"--{bnd}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"bench.csv\"\r\n"
        f"Content-Type: text/csv\r\n\r\n").encode() + csv + f"\r\n--{bnd}--\r\n".encode()
st, b = req("POST", "/admin/uploads/protected", headers=auth, raw=body,
            ctype="multipart/form-data; boundary=" + bnd)
assert st == 200, b
key = json.loads(b)["uploads"][0]["key"]
stop = False
stats = {"reads": [0, 0, 0.0], "carts": [0, 0, 0.0]}
def client(kind):
    while not stop:
        t = time.time()
        st, _ = (req("GET", "/store/products?limit=12") if kind == "reads"
                 else req("POST", "/store/carts", {}))
        dt = time.time() - t
        s = stats[kind]
        s[0] += 1
        s[1] += st != 200
        s[2] = max(s[2], dt)
threads = [threading.Thread(target=client, args=(k,)) for k in ("reads", "carts")]
t0 = time.time()
st, b = req("POST", "/admin/batch-jobs", {"type": "product-import", "context": {"fileKey": key},
                                           "dry_run": False}, headers=auth)
job = json.loads(b)["batch_job"]["id"]
for t in threads: t.start()
pre = None
while True:
    _, b = req("GET", "/admin/batch-jobs/" + job, headers=auth)
    j = json.loads(b)["batch_job"]
    if pre is None and j["processing_at"]:
        pre = time.time() - t0
    if j["status"] in ("completed", "failed", "canceled"):
        break
    time.sleep(0.2)
total = time.time() - t0
stop = True
for t in threads: t.join()
print(f"import: {n} products, {2 * n} variants: {j['status']} in {total:.1f} s "
      f"(pre-processing {pre or 0:.1f} s, processing {total - (pre or 0):.1f} s): "
      f"{n / total:.0f} products/s, {len(csv) / 1e6:.1f} MB of CSV")
for k, (cnt, bad, worst) in stats.items():
    print(f"during the import: {cnt} {k} answered ({cnt / total:.0f}/s), {bad} not 200, "
          f"slowest {worst * 1000:.0f} ms")
PY
