#!/usr/bin/env python3
"""endpoints.py ROUTES [ENDPOINTS_TSV]: which admin endpoints the dashboard calls are not served.

ROUTES is `medusa-fcgi routes` (METHOD PATH HANDLER a line); ENDPOINTS_TSV (default: endpoints.tsv
beside this file) lists every endpoint @medusajs/admin-ui 2.1.18 calls, with the dashboard areas
calling it and the feature flag or module gating it (its served_by_medusa_fcgi column is a
snapshot and is not read). Rows gated by a flag GET /admin/store turns off (analytics) or by the
inventory/stock-location modules (modules: []) are never called and are left out. The rest is split
into issue 14's areas (every page but the order back office) and the order back office (issue 14's
part 2: orders, draft orders, returns, swaps, claims, notes, notifications, reached also from
shared components of other pages). Prints the unserved rows of both, counts on the last line.
--strict: exit 1 when a row of issue 14's areas is unserved."""
import re
import sys
import os

ORDER_AREAS = ("orders", "orders(list)")
ORDER_PATHS = re.compile(r"^/admin/(orders|draft-orders|returns|swaps|claims|notes|notifications)(/|$)")


def norm(path):
    return re.sub(r":[A-Za-z_*]+", ":*", path.rstrip("/") or "/")


def main(argv):
    strict = "--strict" in argv
    args = [a for a in argv if a != "--strict"]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    tsv = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "endpoints.tsv")
    served = set()
    with open(args[0]) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                served.add((parts[0], norm(parts[1])))
    issue, orders = [], []
    total = {"issue": 0, "orders": 0, "gated": 0}
    with open(tsv) as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in f:
            row = line.rstrip("\n").split("\t")
            method, path = row[col["method_path"]].split(" ", 1)
            gate = row[col["gate"]]
            areas = row[col["areas"]].split(";")
            if gate == "flag:analytics" or gate.startswith("module:") or \
                    all(a.startswith("inventory") for a in areas):
                total["gated"] += 1
                continue
            order_only = all(a.split("/")[0] in ORDER_AREAS for a in areas)
            kind = "orders" if order_only or ORDER_PATHS.match(path) else "issue"
            if path.startswith("/admin/discounts/code/"):
                kind = "issue"  # named by issue 14 (discounts complete), called from order pages
            total[kind] += 1
            if (method, norm(path)) not in served:
                (issue if kind == "issue" else orders).append(
                    f"{method} {path}\t{row[col['kind']]}\t{row[col['areas']]}")
    for r in issue:
        print("unserved (issue 14):\t" + r)
    for r in orders:
        print("unserved (order back office):\t" + r)
    print(f"issue 14's areas: {total['issue'] - len(issue)} of {total['issue']} served; "
          f"order back office: {total['orders'] - len(orders)} of {total['orders']} served; "
          f"{total['gated']} rows gated off (analytics, inventory modules)")
    return 1 if strict and issue else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
