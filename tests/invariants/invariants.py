#!/usr/bin/env python3
"""invariants.py: the money-invariant tester (issue #12).

A seeded random sequence of Store API and Admin API calls through the real stack (nginx with the
shipped config in front of the worker pool, tests/stack.sh, a fresh database seeded with the demo
store plus tests/invariants/seed.json). After every step it reads the database (read-only) and the
API and checks the invariants listed in INVARIANTS below. A violation prints the seed, the steps,
and a minimal reproduction: the failing sequence is shrunk by replaying subsets on fresh stacks,
then the shortest one is replayed once more with every HTTP request shown.

Why our own seeded state machine rather than hypothesis' RuleBasedStateMachine: every example
needs a fresh database and pool (seconds), the concurrent completions are not deterministic
(hypothesis reports those as Flaky), and a recorded step list is the reproduction. Steps name
what they touch by the index of the step that made it (cart "c12"), so a shrunk list still
replays; a step whose object is gone is skipped.

  invariants.py [--seeds 1,2,3] [--steps N] [--shrink-seconds S] [--out DIR] [-v]
  invariants.py --replay FILE      replay a saved step list (written to --out on a violation)
Environment: MEDUSA_SRCDIR, MEDUSA_BIN (as the bats suites), INVARIANT_SEEDS, INVARIANT_STEPS.
Exit status: 0 no violation, 1 violations, 2 the stack could not start.
"""
import argparse
import hashlib
import http.client
import json
import math
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

SRCDIR = os.environ.get("MEDUSA_SRCDIR") or os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
BIN = os.environ.get("MEDUSA_BIN") or os.path.join(SRCDIR, "src/medusa-fcgi")
STACK = os.path.join(SRCDIR, "tests/stack.sh")

INVARIANTS = {
    "line-quantity": "no cart or order line with a quantity below 1 (returns lines of swaps excepted)",
    "order-negative": "no order line with a negative price, no order with a negative total",
    "paid-total": "a new order's payments equal its total (gift cards already taken off)",
    "order-totals": "GET /store/orders/:id's totals recompute from the order's rows (checkout.md §5, §11.7)",
    "stock-rose": "stock rises only by an admin cancel (by what that order took) or a return received (by its units)",
    "stock-accounting": "stock = seed - what orders, swaps and confirmed edits took + what cancels, edits and received returns gave back",
    "discount-limit": "no discount used by more orders than its usage_limit",
    "gift-card-balance": "no gift card balance below 0; a balance falls only by its transactions",
    "completed-cart-frozen": "a completed cart (rows, lines, methods, addresses, sessions) never changes",
    "order-frozen": "an order's lines, methods, addresses, payments change only by a confirmed order edit",
    "cart-owner": "a cart's customer is its owner, a guest record, or nobody; never another account",
    "address-book": "a customer's saved addresses change only through their own address calls",
    "cart-address-copy": "no cart or order points at a saved address of a customer",
    "data-leak": "an answer about one shopper's cart never shows another account's details",
    "shipping-option": "every cart or order shipping method is one the cart could list (region, not return, not admin-only)",
    "return-quantity": "returns never ask for more than was bought, nor a fraction/non-positive amount",
    "swap-return-lines": "a swap cart's return lines are the server's and never change",
    "payment-amounts": "no negative payment or payment session; a collection never authorizes more than its amount",
    "refund-bound": "an order's refunds never pass what its payments took; no payment refunds more than its amount",
    "answer-binding": "an answer to a request on cart X is about cart X (idempotency keys)",
    "login": "only the exact password logs in",
    "email-unique": "account e-mails are unique ignoring case",
    "server-error": "no worker crash, gateway error or dropped connection",
}

HOSTILE_QTY = [-9, -1, 0, 1.5, 0.5, 2.9, -0.0, 10 ** 9, 2 ** 31, 2 ** 53, 10 ** 20, "2", "abc", None, True, [], {}, 1e308]


def jround(x):
    """JavaScript Math.round: half up toward +inf."""
    return math.floor(x + 0.5)


# ---- the stack ---------------------------------------------------------------------------------

_template_lock = threading.Lock()
_template = {}


def template_db():
    """A migrated database with the demo store, tests/invariants/seed.json and three customer
    accounts (registered through the API, with a saved address each), made once per process; the
    accounts' tokens (JWTs, valid on every copy) come with it, since argon2id makes each login cost
    most of a second."""
    with _template_lock:
        if "path" not in _template:
            d = tempfile.mkdtemp(prefix="medusa-inv-tpl.")
            env = dict(os.environ, MEDUSA_DATABASE=os.path.join(d, "medusa.db"), MEDUSA_ENV="development")
            for args in (["migrate"], ["seed", os.path.join(SRCDIR, "conf/demo-seed.json")],
                         ["seed", os.path.join(SRCDIR, "tests/invariants/seed.json")]):
                subprocess.run([BIN] + args, env=env, check=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            _template["path"] = os.path.join(d, "medusa.db")
            _template["dir"] = d
            stack = Stack(2, os.path.join(d, "medusa.db"))
            try:
                _template["accounts"] = make_accounts(Http(stack.port))
            finally:
                stack.stop()
            # everything into the main file: copies take medusa.db alone
            w = sqlite3.connect(_template["path"])
            w.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            w.close()
        return _template["path"], _template["accounts"]


def make_accounts(http):
    st, js, _ = http.call("POST", "/admin/auth/token", {"email": "admin@medusa-test.com", "password": "supersecret"})
    if st != 200:
        raise RuntimeError("admin login failed: %s" % st)
    acc = {"admin": js["access_token"], "customers": []}
    for k in range(3):
        email, pw = "inv%d@example.com" % k, "pw-%d-secret" % k
        cus = dict(email=email, password=pw, last="Secretname%d" % k, phone="+31990000%d" % k)
        st, js, _ = http.call("POST", "/store/customers", {"email": email, "password": pw, "first_name": "Vera%d" % k,
                                                          "last_name": cus["last"], "phone": cus["phone"]})
        if st != 200:
            raise RuntimeError("customer registration failed: %s %s" % (st, js))
        cus["id"] = js["customer"]["id"]
        st, js, _ = http.call("POST", "/store/auth/token", {"email": email, "password": pw})
        cus["token"] = js["access_token"]
        st, js, _ = http.call("POST", "/store/customers/me/addresses", token=cus["token"], body={"address": {
            "first_name": "Vera%d" % k, "last_name": cus["last"], "address_1": "Hidden lane %s" % cus["last"],
            "city": "Utrecht", "country_code": "nl", "postal_code": "35%02d" % k, "phone": cus["phone"]}})
        if st != 200:
            raise RuntimeError("address failed: %s %s" % (st, js))
        cus["addresses"] = [x["id"] for x in js["customer"]["shipping_addresses"]]
        acc["customers"].append(cus)
    return acc


class Stack:
    def __init__(self, workers, db=None):
        """A stack on a copy of the template, or on db itself."""
        self.workers = workers
        self.dir = os.path.dirname(db) if db else tempfile.mkdtemp(prefix="medusa-inv.")
        self.own_dir = not db
        if not db:
            shutil.copy(template_db()[0], os.path.join(self.dir, "medusa.db"))
        self.db = os.path.join(self.dir, "medusa.db")
        self.port = int(subprocess.check_output(["sh", STACK, "freeport"]).decode().strip())
        env = dict(os.environ, MEDUSA_SRCDIR=SRCDIR, MEDUSA_BIN=BIN)
        r = subprocess.run(["sh", STACK, "start", self.dir, str(self.port), str(workers)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode:
            raise RuntimeError("stack.sh start failed: " + r.stderr.decode()[-2000:])

    def stop(self):
        subprocess.run(["sh", STACK, "stop", self.dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if self.own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)


class Http:
    """Keep-alive connections, one per thread; every call is logged for reproductions."""

    def __init__(self, port):
        self.port = port
        self.local = threading.local()
        self.log = []
        self.lock = threading.Lock()
        self.step = None

    def conn(self, fresh=False):
        if fresh or not getattr(self.local, "c", None):
            self.local.c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        return self.local.c

    def call(self, method, path, body=None, token=None, headers=None, raw=None):
        h = {"Content-Type": "application/json"} if (body is not None or raw is not None) else {}
        if token:
            h["Authorization"] = "Bearer " + token
        h.update(headers or {})
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        status, text = 0, ""
        for attempt in range(2):
            try:
                c = self.conn(fresh=attempt > 0)
                c.request(method, path, body=data, headers=h)
                r = c.getresponse()
                status, text = r.status, r.read().decode("utf-8", "replace")
                self.local.key = r.getheader("Idempotency-Key")
                break
            except (http.client.HTTPException, OSError) as e:
                self.local.c = None
                status, text = 0, "connection error: %s" % e
                if method != "GET":
                    break  # a write is not retried: it may have happened
        try:
            js = json.loads(text) if text else None
        except ValueError:
            js = None
        with self.lock:
            self.log.append((self.step, method, path, data, h.get("Idempotency-Key"), token is not None, status, text))
        return status, js, text


# ---- the model and the steps -------------------------------------------------------------------

class Violation(Exception):
    pass


class Run:
    """One fresh stack and the tester's model of what should be in it."""

    def __init__(self, seed, workers=2, verbose=False, sabotage=None, sabotage_after=0):
        self.seed = seed
        self.sabotage, self.sabotage_after = sabotage, sabotage_after
        self.verbose = verbose
        self.stack = Stack(workers)
        self.http = Http(self.stack.port)
        self.ro = sqlite3.connect("file:%s?mode=ro" % self.stack.db, uri=True, timeout=30, check_same_thread=False)
        self.ro.execute("PRAGMA busy_timeout=30000")
        self.violations = []
        self.told = set()
        self.carts = {}       # handle -> dict(id, owner, region, type, order, swap)
        self.orders = {}      # handle -> dict(id, cart, owner, reserved, digest, canceled)
        self.swaps = {}       # handle -> dict(id, order, cart, retlines)
        self.edits = {}       # handle -> dict(id, order, paycol)
        self.keys = []        # idempotency keys sent
        self.cart_by_id, self.order_by_id = {}, {}
        self.frozen_carts = {}  # cart id -> digest at completion
        self.customers = []
        self.setup()

    def close(self):
        """The stack stops in the background (SIGTERM lets the pool finish): the next run need not wait."""
        try:
            self.ro.close()
        finally:
            t = threading.Thread(target=self.stack.stop)
            t.start()
            STOPPING.append(t)

    # -- db helpers
    def q(self, sql, args=()):
        for attempt in range(20):
            try:
                return self.ro.execute(sql, args).fetchall()
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e):
                    raise
                time.sleep(0.05)
        return self.ro.execute(sql, args).fetchall()

    def q1(self, sql, args=()):
        r = self.q(sql, args)
        return r[0][0] if r else None

    # -- setup: fixtures from the seed, the admin token, three customers
    def setup(self):
        acc = template_db()[1]
        self.admin = acc["admin"]
        self.regions = {name: rid for rid, name in self.q("SELECT id, name FROM region")}
        self.region_country = {"EU": "de", "NA": "us", "Taxland": "nl"}
        self.variants = [dict(id=r[0], title=r[1], managed=r[2], product=r[3])
                         for r in self.q("SELECT v.id, p.title || ' ' || v.title, v.manage_inventory, p.title FROM product_variant v "
                                         "JOIN product p ON p.id = v.product_id WHERE p.status = 'published' AND v.deleted_at IS NULL "
                                         "ORDER BY p.title LIKE 'Invariant%' DESC, v.sku, v.id")]
        self.options = [dict(id=r[0], name=r[1], region=r[2], is_return=r[3], admin_only=r[4])
                        for r in self.q("SELECT id, name, region_id, is_return, admin_only FROM shipping_option ORDER BY name, region_id")]
        self.discount_codes = [r[0] for r in self.q("SELECT code FROM discount ORDER BY code")]
        self.gift_codes = [r[0] for r in self.q("SELECT code FROM gift_card ORDER BY code")]
        self.gc_start = {r[0]: r[1] for r in self.q("SELECT id, balance FROM gift_card")}
        self.stock = {r[0]: r[1] for r in self.q("SELECT id, inventory_quantity FROM product_variant")}
        self.expected_stock = dict(self.stock)
        self.managed = {r[0]: r[1] for r in self.q("SELECT id, manage_inventory FROM product_variant")}
        self.customers = [dict(c, addresses=list(c["addresses"])) for c in acc["customers"]]
        self.markers = {k: (c["last"], c["phone"]) for k, c in enumerate(self.customers)}
        self.book_digest = {k: self.address_book(k) for k in range(len(self.customers))}
        self.known_orders = set()
        self.known_swaps = set()
        self.known_received = set()

    def token_of(self, actor):
        return None if actor is None else self.customers[actor]["token"]

    # -- the generator -------------------------------------------------------------------------
    def gen(self, rng, i):
        """One step, chosen from what the model holds now. Everything it needs is in the dict."""
        open_carts = [h for h, c in self.carts.items() if not c.get("completed")]
        done_carts = [h for h, c in self.carts.items() if c.get("completed")]
        orders = [h for h, o in self.orders.items()]
        actor = lambda: rng.choice([None, None, 0, 1, 2])
        qty = lambda: rng.choice(HOSTILE_QTY) if rng.random() < 0.3 else rng.randint(1, 4)
        vidx = lambda: rng.randrange(len(self.variants)) if rng.random() < 0.7 else rng.randrange(6)
        choices = [("new_cart", 10)]
        if open_carts or done_carts:
            choices += [("add_line", 14), ("upd_line", 8), ("del_line", 3), ("update", 12), ("ship", 7), ("sessions", 5),
                        ("prepare", 10), ("complete", 9), ("read", 4), ("del_discount", 2)]
        if len(open_carts) >= 2 or rng.random() < 0.5:
            choices += [("race", 3)]
        if orders:
            choices += [("ret", 4), ("swap", 3), ("capture", 3), ("fulfil", 3), ("cancel", 2), ("edit", 3)]
            # the back office (issue 15): shipments, admin returns and their receipt, refunds,
            # refund claims, swaps' differences
            choices += [("shipment", 3), ("adm_return", 3), ("receive", 3), ("refund", 2), ("claim", 2),
                        ("swap_process", 2)]
        if self.edits:
            choices += [("edit_item", 5), ("edit_request", 2), ("edit_confirm", 2), ("edit_complete", 2), ("paycol", 3)]
        choices += [("adm_discount", 1), ("adm_gift", 1), ("addr", 2), ("login", 1), ("email_case", 1), ("draft", 2)]
        total = sum(w for _, w in choices)
        x = rng.uniform(0, total)
        for op, w in choices:
            x -= w
            if x <= 0:
                break

        def pick_cart():
            pool = open_carts if open_carts and (rng.random() < 0.8 or not done_carts) else done_carts
            return rng.choice(pool)

        def cart_actor(h):
            # mostly the owner; sometimes somebody else (an attacker who knows the cart id)
            own = self.carts[h]["owner"]
            return own if rng.random() < 0.85 else actor()

        s = {"op": op, "h": "s%d" % i}
        if op == "new_cart":
            s.update(actor=actor(), region=rng.choice(["EU", "EU", "NA", "Taxland", "Taxland"]),
                     items=[[vidx(), qty()] for _ in range(rng.choice([0, 0, 1, 2]))])
        elif op in ("add_line", "upd_line", "del_line", "update", "ship", "sessions", "prepare", "complete", "read", "del_discount"):
            h = pick_cart()
            s.update(cart=h, actor=cart_actor(h))
            if op in ("add_line", "sessions", "complete"):
                s.update(key=rng.choice([None, None, "new", "reuse"]), n=rng.randrange(100))
            if op == "add_line":
                s.update(v=vidx(), qty=qty())
            elif op == "upd_line":
                s.update(li=rng.randrange(8), qty=rng.choice([0, qty(), qty()]))
            elif op == "del_line":
                s.update(li=rng.randrange(8))
            elif op == "update":
                s.update(kind=rng.choice(["email", "email", "address", "address_id", "billing_id", "customer_id", "discount",
                                          "discount", "gift_card", "gift_card", "region"]),
                         who=rng.randrange(3), n=rng.randrange(100))
            elif op == "ship":
                s.update(opt=rng.randrange(len(self.options)) if rng.random() < 0.35 else -1, n=rng.randrange(100))
            elif op == "prepare":
                s.update(email=rng.choice(["guest", "guest", "own", "victim"]), who=rng.randrange(3), n=rng.randrange(100))
            elif op == "read":
                s.update(actor=actor())
            elif op == "del_discount":
                s.update(n=rng.randrange(100))
        elif op == "race":
            s.update(kind=rng.choice(["discount", "gift_card", "stock", "discount_new"]), n=rng.randint(2, 4),
                     code=rng.randrange(100), qty=rng.choice([1, 2, 2, 3]))
        elif op in ("ret", "swap", "capture", "fulfil", "cancel", "edit", "shipment", "adm_return", "receive", "refund",
                    "claim", "swap_process"):
            s.update(order=rng.choice(orders), actor=actor())
            if op in ("adm_return", "claim"):
                s.update(items=[[rng.randrange(8), qty() if rng.random() < 0.4 else rng.choice([1, 1, 2])]
                                for _ in range(rng.randint(1, 2))],
                         refund=rng.choice([None, None, 0, 100, 10 ** 7]), now=rng.random() < 0.5)
            elif op == "receive":
                s.update(part=rng.random() < 0.3, refund=rng.choice([None, None, 50]))
            elif op == "refund":
                s.update(amount=rng.choice([1, 500, 2000, 10 ** 7, -5, 0]), n=rng.randint(1, 3))
            if op == "ret":
                s.update(items=[[rng.randrange(8), qty() if rng.random() < 0.6 else rng.choice([1, 1.5, 2.9, 99])]
                                for _ in range(rng.randint(1, 2))], opt=rng.random() < 0.3)
            elif op == "swap":
                s.update(ret=[[rng.randrange(8), rng.choice([1, 1, 2, 1.5, -1])]], add=[[vidx(), qty()] for _ in range(rng.randint(0, 2))])
            elif op == "fulfil":
                s.update(part=rng.random() < 0.3)
        elif op in ("edit_item", "edit_request", "edit_confirm", "edit_complete", "paycol"):
            s.update(edit=rng.choice(sorted(self.edits)))
            if op == "edit_item":
                s.update(add=rng.random() < 0.5, v=vidx(), li=rng.randrange(8), qty=qty() if rng.random() < 0.7 else 0)
            elif op == "paycol":
                s.update(amounts=rng.choice([[None], [-1000, None], [None, 0], [1, None], [None, 1]]))
        elif op == "draft":
            s.update(region=rng.choice(["EU", "EU", "NA", "Taxland"]), items=[[vidx(), qty()] for _ in range(rng.randint(1, 2))],
                     custom=rng.random() < 0.3, price=rng.choice([None, 0, 700]), code=rng.randrange(100) if rng.random() < 0.4 else -1,
                     pays=rng.choice([1, 1, 2, 3]), n=rng.randrange(100))
        elif op == "adm_discount":
            s.update(limit=rng.choice([1, 1, 2]), type=rng.choice(["fixed", "percentage"]), value=rng.choice([500, 30, 100]))
        elif op == "adm_gift":
            s.update(value=rng.choice([500, 2500, 100000]), region=rng.choice(["EU", "Taxland", "NA"]))
        elif op == "addr":
            s.update(who=rng.randrange(3), upd=rng.random() < 0.5)
        elif op == "login":
            s.update(who=rng.randrange(3), kind=rng.choice(["nul", "prefix", "case", "space"]))
        elif op == "email_case":
            s.update(who=rng.randrange(3), other=rng.randrange(3))
        return s

    # -- execution -----------------------------------------------------------------------------
    def cart_lines(self, cid):
        return [r[0] for r in self.q("SELECT id FROM line_item WHERE cart_id = ? ORDER BY created_at, id", (cid,))]

    def order_lines(self, oid):
        return [r[0] for r in self.q("SELECT id FROM line_item WHERE order_id = ? ORDER BY created_at, id", (oid,))]

    def on_cart(self, h, actor, method, path, body=None, headers=None):
        """A request about cart h as actor; checks the answer's binding and leaks."""
        c = self.carts[h]
        st, js, text = self.http.call(method, path, body, token=self.token_of(actor), headers=headers)
        self.check_answer(h, actor, path, st, js, text)
        if st == 200 and not c.get("completed"):
            row = self.q("SELECT c.customer_id, u.has_account FROM cart c LEFT JOIN customer u "
                         "ON u.id = c.customer_id WHERE c.id = ?", (c["id"],))
            cid, account = row[0] if row else (None, None)
            if c["owner"] is not None and not account:
                # an e-mail handed the cart to a guest, as Medusa does (a shopper who logged out
                # checks out as a guest): another account may claim it from now on
                c["released"] = True
            elif actor is not None and (c["owner"] is None or c.get("released")) and \
                    cid == self.customers[actor]["id"]:
                # an anonymous open cart may be claimed by the logged-in shopper who uses it
                c["owner"] = actor
                c["released"] = False
        return st, js

    def new_cart_model(self, h, cid, owner, region, typ="default"):
        self.carts[h] = dict(id=cid, owner=owner, region=region, type=typ)
        self.cart_by_id[cid] = h

    def do(self, s):
        op = s["op"]
        need = [s.get("cart"), s.get("order"), s.get("edit")]
        if (s.get("cart") and s["cart"] not in self.carts) or (s.get("order") and s["order"] not in self.orders) or \
                (s.get("edit") and s["edit"] not in self.edits):
            return "skipped"
        del need
        getattr(self, "op_" + op)(s)
        return "ran"

    def cart_path(self, s, tail=""):
        return "/store/carts/%s%s" % (self.carts[s["cart"]]["id"], tail)

    def op_new_cart(self, s):
        body = {"region_id": self.regions[s["region"]]}
        if s["items"]:
            body["items"] = [{"variant_id": self.variants[v % len(self.variants)]["id"], "quantity": q} for v, q in s["items"]]
        st, js, text = self.http.call("POST", "/store/carts", body, token=self.token_of(s["actor"]))
        if st == 200 and js and "cart" in js:
            self.new_cart_model(s["h"], js["cart"]["id"], s["actor"], s["region"])
            self.check_answer(s["h"], s["actor"], "/store/carts", st, js, text)
        self.server_ok(st, text)

    def op_add_line(self, s):
        self.keyed(s, "POST", self.cart_path(s, "/line-items"),
                   {"variant_id": self.variants[s["v"] % len(self.variants)]["id"], "quantity": s["qty"]})

    def line_of(self, s):
        lines = self.cart_lines(self.carts[s["cart"]]["id"])
        return lines[s["li"] % len(lines)] if lines else "item_missing"

    def op_upd_line(self, s):
        self.on_cart(s["cart"], s["actor"], "POST", self.cart_path(s, "/line-items/" + self.line_of(s)), {"quantity": s["qty"]})

    def op_del_line(self, s):
        self.on_cart(s["cart"], s["actor"], "DELETE", self.cart_path(s, "/line-items/" + self.line_of(s)))

    def inline_address(self, region, n):
        return {"first_name": "Buyer", "last_name": "N%d" % n, "address_1": "Street %d" % n, "city": "Town",
                "country_code": self.region_country.get(region, "de"), "postal_code": "1%04d" % n}

    def op_update(self, s):
        c = self.carts[s["cart"]]
        k, who, n = s["kind"], s["who"], s["n"]
        victim = self.customers[who]
        if k == "email":
            body = {"email": rng_email(n, victim)}
        elif k == "address":
            body = {"shipping_address": self.inline_address(c["region"], n)}
        elif k == "address_id":
            body = {"shipping_address": victim["addresses"][n % len(victim["addresses"])]}
        elif k == "billing_id":
            body = {"billing_address": victim["addresses"][n % len(victim["addresses"])]}
        elif k == "customer_id":
            body = {"customer_id": victim["id"]}
        elif k == "discount":
            body = {"discounts": [{"code": self.discount_codes[n % len(self.discount_codes)]}]}
        elif k == "gift_card":
            body = {"gift_cards": [{"code": self.gift_codes[n % len(self.gift_codes)]}]}
        else:
            region = ["EU", "NA", "Taxland"][n % 3]
            body = {"region_id": self.regions[region], "country_code": self.region_country[region]}
        st, js = self.on_cart(s["cart"], s["actor"], "POST", self.cart_path(s), body)
        if st == 200 and k == "region" and not c.get("completed"):
            c["region"] = ["EU", "NA", "Taxland"][n % 3]

    def op_del_discount(self, s):
        self.on_cart(s["cart"], s["actor"], "DELETE", self.cart_path(s, "/discounts/" + self.discount_codes[s["n"] % len(self.discount_codes)]))

    def valid_option(self, c, n):
        ok = [o for o in self.options if o["region"] == self.regions[c["region"]] and not o["is_return"] and not o["admin_only"]]
        return ok[n % len(ok)]["id"] if ok else self.options[0]["id"]

    def op_ship(self, s):
        c = self.carts[s["cart"]]
        oid = self.options[s["opt"]]["id"] if s["opt"] >= 0 else self.valid_option(c, s["n"])
        self.on_cart(s["cart"], s["actor"], "POST", self.cart_path(s, "/shipping-methods"), {"option_id": oid})

    def op_sessions(self, s):
        self.keyed(s, "POST", self.cart_path(s, "/payment-sessions"))

    def op_prepare(self, s):
        """What a storefront does before completing: e-mail, address, a listed option, sessions."""
        c = self.carts[s["cart"]]
        a = s["actor"]
        if s["email"] == "guest":
            email = "guest%d.s%d@example.com" % (s["n"], self.seed)
        elif s["email"] == "own" and a is not None:
            email = self.customers[a]["email"]
        else:
            email = self.customers[s["who"]]["email"]
        self.on_cart(s["cart"], a, "POST", self.cart_path(s), {"email": email, "shipping_address": self.inline_address(c["region"], s["n"])})
        st, js, text = self.http.call("GET", "/store/shipping-options/" + c["id"], token=self.token_of(a))
        self.server_ok(st, text)
        opts = (js or {}).get("shipping_options") or []
        if opts:
            self.on_cart(s["cart"], a, "POST", self.cart_path(s, "/shipping-methods"), {"option_id": opts[s["n"] % len(opts)]["id"]})
        self.on_cart(s["cart"], a, "POST", self.cart_path(s, "/payment-sessions"))

    def keyed(self, s, method, path, body=None):
        """A write that takes an Idempotency-Key: "reuse" sends one the server issued earlier (for
        any cart or route), "new" keeps the one this answer carries."""
        headers = {}
        if s.get("key") == "reuse" and self.keys:
            headers["Idempotency-Key"] = self.keys[s["n"] % len(self.keys)]
        self.on_cart(s["cart"], s["actor"], method, path, body, headers=headers)
        issued = getattr(self.http.local, "key", None)
        if s.get("key") == "new" and issued and issued not in self.keys:
            self.keys.append(issued)

    def op_complete(self, s):
        self.keyed(s, "POST", self.cart_path(s, "/complete"))

    def op_read(self, s):
        self.on_cart(s["cart"], s["actor"], "GET", self.cart_path(s))

    def op_race(self, s):
        """n guest carts that all want the same limited thing, completed at once on n threads."""
        kind, n = s["kind"], s["n"]
        code = None
        region = "EU"
        if kind == "discount_new":
            code = "INVR%d%s" % (self.seed, s["h"].upper())
            st, js, _ = self.http.call("POST", "/admin/discounts", token=self.admin, body={
                "code": code, "rule": {"type": "fixed", "value": 700, "allocation": "total"},
                "regions": [self.regions["EU"]], "usage_limit": 1})
            if st != 200:
                return
            self.discount_codes.append(code.upper())
        elif kind == "discount":
            code = ["INV-ONCE", "INV-TWICE"][s["code"] % 2]
        variant = self.variants[0]["id"] if kind == "stock" else self.variants[len(self.variants) - 1 - s["code"] % 8]["id"]
        handles = []
        for k in range(n):
            h = "%s.%d" % (s["h"], k)
            st, js, _ = self.http.call("POST", "/store/carts", {"region_id": self.regions[region]})
            if st != 200:
                continue
            self.new_cart_model(h, js["cart"]["id"], None, region)
            handles.append(h)
            cp = "/store/carts/" + js["cart"]["id"]
            self.http.call("POST", cp + "/line-items", {"variant_id": variant, "quantity": s["qty"]})
            body = {"email": "race%d.s%d@example.com" % (k, self.seed), "shipping_address": self.inline_address(region, k)}
            if code:
                body["discounts"] = [{"code": code}]
            if kind == "gift_card":
                body["gift_cards"] = [{"code": "INV-GC-SMALL" if s["code"] % 2 else "INV-GC-BIG"}]
            self.http.call("POST", cp, body)
            self.http.call("POST", cp + "/shipping-methods", {"option_id": self.valid_option(self.carts[h], 0)})
            self.http.call("POST", cp + "/payment-sessions")
        out = {}

        def go(h):
            out[h] = self.http.call("POST", "/store/carts/%s/complete" % self.carts[h]["id"])
        ts = [threading.Thread(target=go, args=(h,)) for h in handles]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        for h in handles:
            st, js, text = out[h]
            self.check_answer(h, None, "/complete", st, js, text)

    def order_item(self, o, li):
        lines = self.order_lines(o["id"])
        return lines[li % len(lines)] if lines else "item_missing"

    def op_ret(self, s):
        o = self.orders[s["order"]]
        items = [{"item_id": self.order_item(o, li), "quantity": q} for li, q in s["items"]]
        body = {"order_id": o["id"], "items": items}
        if s["opt"]:
            opts = [x for x in self.options if x["is_return"] and x["region"] == self.q1("SELECT region_id FROM \"order\" WHERE id=?", (o["id"],))]
            if opts:
                body["return_shipping"] = {"option_id": opts[0]["id"]}
        st, js, text = self.http.call("POST", "/store/returns", body, token=self.token_of(s["actor"]))
        self.server_ok(st, text)

    def op_swap(self, s):
        o = self.orders[s["order"]]
        body = {"order_id": o["id"], "return_items": [{"item_id": self.order_item(o, li), "quantity": q} for li, q in s["ret"]],
                "additional_items": [{"variant_id": self.variants[v % len(self.variants)]["id"], "quantity": q} for v, q in s["add"]]}
        st, js, text = self.http.call("POST", "/store/swaps", body, token=self.token_of(s["actor"]))
        self.server_ok(st, text)
        if st == 200 and js and js.get("swap", {}).get("cart_id"):
            sw = js["swap"]
            self.new_cart_model(s["h"], sw["cart_id"], o["owner"], o["region"], "swap")
            lines = self.q("SELECT id, unit_price, quantity FROM line_item WHERE cart_id = ? AND is_return = 1 ORDER BY id", (sw["cart_id"],))
            self.swaps[s["h"]] = dict(id=sw["id"], order=s["order"], cart=s["h"], retlines=lines)

    def op_draft(self, s):
        """An admin's draft order (POST /admin/draft-orders), paid once, twice in a row, or by three
        requests at once: one order at most, its stock and discount usage taken once."""
        items = [{"variant_id": self.variants[v % len(self.variants)]["id"], "quantity": q} for v, q in s["items"]]
        if s["custom"]:
            items.append({"title": "Custom", "unit_price": 1500, "quantity": 1})
        method = {"option_id": self.valid_option({"region": s["region"]}, s["n"])}
        if s["price"] is not None:
            method["price"] = s["price"]
        body = {"email": "draft%d.s%d@example.com" % (s["n"], self.seed), "region_id": self.regions[s["region"]],
                "items": items, "shipping_methods": [method]}
        if s["code"] >= 0 and self.discount_codes:
            body["discounts"] = [{"code": self.discount_codes[s["code"] % len(self.discount_codes)]}]
        st, js = self.adm("POST", "/admin/draft-orders", body)
        if st != 200 or not js:
            return
        path = "/admin/draft-orders/%s/pay" % js["draft_order"]["id"]
        if s["pays"] == 3:
            self.adm_at_once(path, None, 3)
        else:
            for _ in range(s["pays"]):
                self.adm("POST", path)

    def adm_at_once(self, path, body, n):
        """n admin POSTs to path at once; each answer must be the server's, not a crash."""
        out = []
        ts = [threading.Thread(target=lambda: out.append(self.http.call("POST", path, body, token=self.admin))) for _ in range(n)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        for st, _, text in out:
            self.server_ok(st, text)

    def adm(self, method, path, body=None):
        st, js, text = self.http.call(method, path, body, token=self.admin)
        self.server_ok(st, text)
        return st, js

    def op_capture(self, s):
        self.adm("POST", "/admin/orders/%s/capture" % self.orders[s["order"]]["id"])

    def op_fulfil(self, s):
        o = self.orders[s["order"]]
        rows = self.q("SELECT id, quantity - coalesce(fulfilled_quantity, 0) FROM line_item WHERE order_id = ? ORDER BY id", (o["id"],))
        items = [{"item_id": i, "quantity": (1 if s["part"] else q)} for i, q in rows if isinstance(q, int) and q > 0]
        if items:
            self.adm("POST", "/admin/orders/%s/fulfillment" % o["id"], {"items": items})

    def op_cancel(self, s):
        o = self.orders[s["order"]]
        st, js = self.adm("POST", "/admin/orders/%s/cancel" % o["id"])
        if st == 200 and not o.get("canceled"):
            o["canceled"] = True
            for v, qn in o["reserved"].items():
                if self.managed.get(v):
                    self.expected_stock[v] += qn
            self.allowed_rise = o["reserved"]

    def op_shipment(self, s):
        o = self.orders[s["order"]]
        for (fid,) in self.q("SELECT id FROM fulfillment WHERE order_id = ? AND shipped_at IS NULL AND canceled_at IS NULL", (o["id"],)):
            self.adm("POST", "/admin/orders/%s/shipment" % o["id"], {"fulfillment_id": fid})

    def op_adm_return(self, s):
        o = self.orders[s["order"]]
        body = {"items": [{"item_id": self.order_item(o, li), "quantity": q} for li, q in s["items"]], "receive_now": s["now"]}
        if s["refund"] is not None:
            body["refund"] = s["refund"]
        self.adm("POST", "/admin/orders/%s/return" % o["id"], body)

    def op_receive(self, s):
        o = self.orders[s["order"]]
        rets = self.q("SELECT r.id FROM \"return\" r LEFT JOIN swap w ON w.id = r.swap_id WHERE r.status = 'requested' "
                      "AND (r.order_id = ? OR w.order_id = ?) ORDER BY r.id", (o["id"], o["id"]))
        if not rets:
            return
        rid = rets[0][0]
        items = [{"item_id": i, "quantity": (1 if s["part"] else q)} for i, q in
                 self.q("SELECT item_id, quantity FROM return_item WHERE return_id = ? ORDER BY item_id", (rid,))]
        body = {"items": items}
        if s["refund"] is not None:
            body["refund"] = s["refund"]
        self.adm("POST", "/admin/returns/%s/receive" % rid, body)

    def op_refund(self, s):
        o = self.orders[s["order"]]
        path = "/admin/orders/%s/refund" % o["id"]
        body = {"amount": s["amount"], "reason": "other"}
        if s["n"] == 1:
            self.adm("POST", path, body)
        else:
            self.adm_at_once(path, body, s["n"])

    def op_claim(self, s):
        o = self.orders[s["order"]]
        body = {"type": "refund", "claim_items": [{"item_id": self.order_item(o, li), "quantity": q, "reason": "other"}
                                                  for li, q in s["items"]]}
        if s["refund"] is not None:
            body["refund_amount"] = s["refund"]
        self.adm("POST", "/admin/orders/%s/claims" % o["id"], body)

    def op_swap_process(self, s):
        o = self.orders[s["order"]]
        for (sid,) in self.q("SELECT id FROM swap WHERE order_id = ? AND confirmed_at IS NOT NULL ORDER BY id", (o["id"],)):
            self.adm("POST", "/admin/orders/%s/swaps/%s/process-payment" % (o["id"], sid))

    def op_edit(self, s):
        o = self.orders[s["order"]]
        st, js = self.adm("POST", "/admin/order-edits", {"order_id": o["id"]})
        if st == 200:
            self.edits[s["h"]] = dict(id=js["order_edit"]["id"], order=s["order"])

    def op_edit_item(self, s):
        e = self.edits[s["edit"]]
        if s["add"]:
            self.adm("POST", "/admin/order-edits/%s/items" % e["id"],
                       {"variant_id": self.variants[s["v"] % len(self.variants)]["id"], "quantity": s["qty"]})
        else:
            lines = [r[0] for r in self.q("SELECT id FROM line_item WHERE order_edit_id = ? ORDER BY id", (e["id"],))]
            if lines:
                self.adm("POST", "/admin/order-edits/%s/items/%s" % (e["id"], lines[s["li"] % len(lines)]), {"quantity": s["qty"]})

    def op_edit_request(self, s):
        self.adm("POST", "/admin/order-edits/%s/request" % self.edits[s["edit"]]["id"], {})

    def edit_done(self, e):
        o = self.orders[e["order"]]
        o["digest"] = self.order_digest(o["id"])
        o["edited"] = True
        # a confirmed edit takes the units it adds and gives back those it removes
        now = {}
        for v, qn in self.q("SELECT variant_id, quantity FROM line_item WHERE order_id = ? AND variant_id IS NOT NULL", (o["id"],)):
            now[v] = now.get(v, 0) + qn
        rise = dict(getattr(self, "allowed_rise", {}) or {})
        for v in set(now) | set(o["reserved"]):
            delta = now.get(v, 0) - o["reserved"].get(v, 0)
            if delta and self.managed.get(v):
                self.expected_stock[v] = self.expected_stock.get(v, 0) - delta
                if delta < 0:
                    rise[v] = rise.get(v, 0) - delta
        self.allowed_rise = rise
        o["reserved"] = now

    def op_edit_confirm(self, s):
        e = self.edits[s["edit"]]
        st, js = self.adm("POST", "/admin/order-edits/%s/confirm" % e["id"])
        if st == 200:
            self.edit_done(e)

    def op_edit_complete(self, s):
        e = self.edits[s["edit"]]
        o = self.orders[e["order"]]
        st, js, text = self.http.call("POST", "/store/order-edits/%s/complete" % e["id"], token=self.token_of(o["owner"]))
        self.server_ok(st, text)
        if st == 200:
            self.edit_done(e)

    def op_paycol(self, s):
        e = self.edits[s["edit"]]
        pc = self.q1("SELECT payment_collection_id FROM order_edit WHERE id = ?", (e["id"],))
        if not pc:
            return
        amount = self.q1("SELECT amount FROM payment_collection WHERE id = ?", (pc,)) or 0
        known = sum(a for a in s["amounts"] if a is not None)
        amounts = [a if a is not None else amount - known for a in s["amounts"]]
        st, js, text = self.http.call("POST", "/store/payment-collections/%s/sessions/batch" % pc,
                                      {"sessions": [{"provider_id": "manual", "amount": a} for a in amounts]})
        self.server_ok(st, text)
        if st == 200:
            ids = [x["id"] for x in js["payment_collection"]["payment_sessions"]]
            st, js, text = self.http.call("POST", "/store/payment-collections/%s/sessions/batch/authorize" % pc, {"session_ids": ids})
            self.server_ok(st, text)

    def op_adm_discount(self, s):
        code = "INVA%d%s" % (self.seed, s["h"].upper())
        st, js = self.adm("POST", "/admin/discounts", {"code": code, "rule": {"type": s["type"], "value": s["value"], "allocation": "total"},
                                                        "regions": [self.regions["EU"]], "usage_limit": s["limit"]})
        if st == 200:
            self.discount_codes.append(js["discount"]["code"])

    def op_adm_gift(self, s):
        st, js = self.adm("POST", "/admin/gift-cards", {"value": s["value"], "region_id": self.regions[s["region"]]})
        if st == 200:
            g = js["gift_card"]
            self.gift_codes.append(g["code"])
            self.gc_start[g["id"]] = g["balance"]

    def op_addr(self, s):
        cus = self.customers[s["who"]]
        if s["upd"]:
            aid = cus["addresses"][0]
            st, js, text = self.http.call("POST", "/store/customers/me/addresses/" + aid, {"city": "Moved %s" % s["h"]}, token=cus["token"])
        else:
            st, js, text = self.http.call("POST", "/store/customers/me/addresses", token=cus["token"], body={"address": {
                "first_name": "Vera", "last_name": cus["last"], "address_1": "Second home %s" % s["h"], "city": "Gouda",
                "country_code": "nl", "postal_code": "2800"}})
            if st == 200:
                mine = self.q("SELECT id FROM address WHERE customer_id = ? AND deleted_at IS NULL", (cus["id"],))
                cus["addresses"] = [a["id"] for a in js["customer"]["shipping_addresses"]]
                del mine
        self.server_ok(st, text)
        if st == 200:
            self.book_digest[s["who"]] = self.address_book(s["who"], js["customer"]["shipping_addresses"])

    def op_login(self, s):
        cus = self.customers[s["who"]]
        pw = cus["password"]
        bad = {"nul": None, "prefix": pw[:-3], "case": pw.upper(), "space": pw + " "}[s["kind"]]
        if bad is None:
            raw = '{"email":%s,"password":%s}' % (json.dumps(cus["email"]), json.dumps(pw[:-4])[:-1] + '\\u0000' + pw[-4:] + '"')
            st, js, text = self.http.call("POST", "/store/auth/token", raw=raw)
            # the password cut at the NUL must not log in either
            raw2 = '{"email":%s,"password":%s}' % (json.dumps(cus["email"]), json.dumps(pw)[:-1] + '\\u0000tail"')
            st2, js2, text2 = self.http.call("POST", "/store/auth/token", raw=raw2)
            if st2 == 200:
                self.violate("login", "a password with '\\u0000tail' appended logged in as %s" % cus["email"])
        else:
            st, js, text = self.http.call("POST", "/store/auth/token", {"email": cus["email"], "password": bad})
        if st == 200:
            self.violate("login", "a wrong password (%s) logged in as %s" % (s["kind"], cus["email"]))
        self.server_ok(st, text)

    def op_email_case(self, s):
        cus, other = self.customers[s["who"]], self.customers[s["other"]]
        if s["who"] == s["other"]:
            return
        st, js, text = self.http.call("POST", "/store/customers/me", {"email": other["email"].upper()}, token=cus["token"])
        self.server_ok(st, text)
        if st == 200:
            cus["email"] = js["customer"]["email"]

    # -- checks --------------------------------------------------------------------------------
    def violate(self, name, msg, key=None):
        """Records a violation; one about the same thing (key) is told once per run."""
        if key is not None:
            if (name, key) in self.told:
                return
            self.told.add((name, key))
        self.violations.append((name, msg))

    def server_ok(self, st, text):
        if st == 0 or st in (502, 503, 504):
            self.violate("server-error", "HTTP %s: %s" % (st, text[:300]))

    def check_answer(self, h, actor, path, st, js, text):
        self.server_ok(st, text)
        if st != 200 or not isinstance(js, dict):
            return
        c = self.carts.get(h)
        if not c:
            return
        got = None
        if "cart" in js and isinstance(js["cart"], dict):
            got = js["cart"].get("id")
        elif js.get("type") == "cart" and isinstance(js.get("data"), dict):
            got = js["data"].get("id")
        elif js.get("type") in ("order", "swap") and isinstance(js.get("data"), dict):
            got = js["data"].get("cart_id")
        if got and got != c["id"]:
            self.violate("answer-binding", "%s on cart %s answered about cart %s" % (path, c["id"], got))
        allowed = {actor, c["owner"]}
        for k, marks in self.markers.items():
            if k in allowed:
                continue
            for m in marks:
                if m in text:
                    self.violate("data-leak", "%s %s (cart owned by %s, asked by %s) shows customer %d's '%s'" % (
                        path, c["id"], who(c["owner"]), who(actor), k, m))
                    break

    def address_book(self, k, api=None):
        cid = self.customers[k]["id"]
        rows = self.q("SELECT id, first_name, last_name, address_1, city, country_code, postal_code, phone FROM address "
                      "WHERE customer_id = ? AND deleted_at IS NULL ORDER BY id", (cid,))
        return rows

    def group(self, sql, args=()):
        out = {}
        for r in self.q(sql, args):
            out.setdefault(r[0], []).append(tuple(r[1:]))
        return out

    def order_digests(self, only=None):
        """order id -> (digest, parts): what was bought, shipped, where to, and what was paid."""
        w = "o.id = ?" if only else "1"
        a = (only,) if only else ()
        parts = [
            self.group("SELECT o.id, o.customer_id, o.email, o.region_id, o.currency_code FROM \"order\" o WHERE " + w, a),
            self.group("SELECT li.order_id, li.id, li.variant_id, li.unit_price, li.quantity, li.is_return FROM line_item li "
                       "JOIN \"order\" o ON o.id = li.order_id WHERE " + w + " ORDER BY li.id", a),
            self.group("SELECT li.order_id, a.id, a.amount, a.discount_id FROM line_item_adjustment a JOIN line_item li ON li.id = a.item_id "
                       "JOIN \"order\" o ON o.id = li.order_id WHERE " + w + " ORDER BY a.id", a),
            self.group("SELECT m.order_id, m.id, m.shipping_option_id, m.price FROM shipping_method m JOIN \"order\" o ON o.id = m.order_id "
                       "WHERE " + w + " ORDER BY m.id", a),
            self.group("SELECT o.id, ad.id, ad.first_name, ad.last_name, ad.address_1, ad.city, ad.country_code, ad.postal_code, ad.phone "
                       "FROM address ad JOIN \"order\" o ON ad.id IN (o.shipping_address_id, o.billing_address_id) WHERE " + w + " ORDER BY ad.id", a),
            self.group("SELECT p.order_id, p.id, p.amount FROM payment p JOIN \"order\" o ON o.id = p.order_id WHERE p.swap_id IS NULL AND " + w + " ORDER BY p.id", a),
        ]
        return self.fold(parts)

    def fold(self, parts):
        ids = set()
        for p in parts:
            ids.update(p)
        out = {}
        for i in ids:
            each = [p.get(i, []) for p in parts]
            out[i] = (hashlib.sha1(repr(each).encode()).hexdigest(), each)
        return out

    def order_digest(self, oid):
        return self.order_digests(oid).get(oid, ("", []))

    def cart_digests(self):
        """completed cart id -> (digest, parts): its row, lines, methods, addresses, codes, sessions."""
        done = "c.completed_at IS NOT NULL"
        parts = [
            self.group("SELECT c.id, c.email, c.billing_address_id, c.shipping_address_id, c.region_id, c.customer_id, c.payment_id, "
                       "c.type, c.completed_at, c.payment_authorized_at, c.metadata FROM cart c WHERE " + done),
            self.group("SELECT li.cart_id, li.id, li.variant_id, li.unit_price, li.quantity, li.is_return FROM line_item li "
                       "JOIN cart c ON c.id = li.cart_id WHERE " + done + " ORDER BY li.id"),
            self.group("SELECT m.cart_id, m.id, m.shipping_option_id, m.price FROM shipping_method m JOIN cart c ON c.id = m.cart_id "
                       "WHERE " + done + " ORDER BY m.id"),
            self.group("SELECT c.id, ad.id, ad.first_name, ad.last_name, ad.address_1, ad.city, ad.country_code, ad.postal_code, ad.phone "
                       "FROM address ad JOIN cart c ON ad.id IN (c.shipping_address_id, c.billing_address_id) WHERE " + done + " ORDER BY ad.id"),
            self.group("SELECT x.cart_id, x.discount_id FROM cart_discounts x JOIN cart c ON c.id = x.cart_id WHERE " + done + " ORDER BY 2"),
            self.group("SELECT x.cart_id, x.gift_card_id FROM cart_gift_cards x JOIN cart c ON c.id = x.cart_id WHERE " + done + " ORDER BY 2"),
            self.group("SELECT s.cart_id, s.id, s.provider_id, s.is_selected, s.status, s.amount FROM payment_session s "
                       "JOIN cart c ON c.id = s.cart_id WHERE " + done + " ORDER BY s.id"),
        ]
        return self.fold(parts)

    def recompute(self, oid):
        """An order's totals from its rows (checkout.md §5.2-5.4, §11.7)."""
        disc = self.q("SELECT d.id, r.type FROM order_discounts od JOIN discount d ON d.id = od.discount_id "
                      "JOIN discount_rule r ON r.id = d.rule_id WHERE od.order_id = ? ORDER BY od.rowid", (oid,))
        D = next((d for d, t in disc if t != "free_shipping"), None)
        free = any(t == "free_shipping" for _, t in disc)
        sub = raw_disc = item_tax = 0
        for iid, up, qn, allow in self.q("SELECT id, unit_price, quantity, allow_discounts FROM line_item WHERE order_id = ?", (oid,)):
            P = up * qn
            A = 0.0
            for amt, did in self.q("SELECT amount, discount_id FROM line_item_adjustment WHERE item_id = ?", (iid,)):
                if did is None or (allow and did == D):
                    A += amt
            sub += P
            raw_disc += A
            for (rate,) in self.q("SELECT rate FROM line_item_tax_line WHERE item_id = ?", (iid,)):
                item_tax += jround((P - A) * rate / 100)
        ship = ship_tax = 0
        for mid, price in self.q("SELECT id, price FROM shipping_method WHERE order_id = ?", (oid,)):
            t = jround(sum(price * r / 100 for (r,) in self.q("SELECT rate FROM shipping_method_tax_line WHERE shipping_method_id = ?", (mid,))))
            if not free:
                ship += price
                ship_tax += t
        gc_total, gc_tax = 0, 0
        for amt, rate in self.q("SELECT amount, tax_rate FROM gift_card_transaction WHERE order_id = ? ORDER BY created_at, id", (oid,)):
            gc_total += amt
            gc_tax = jround(gc_tax + amt * (rate or 0) / 100)
        discount_total = jround(raw_disc)
        tax_total = item_tax + ship_tax - gc_tax
        total = sub + ship + tax_total - (gc_total + discount_total)
        paid = self.q1("SELECT coalesce(sum(amount), 0) FROM payment WHERE order_id = ?", (oid,))
        return dict(subtotal=sub, discount_total=discount_total, shipping_total=ship, tax_total=tax_total,
                    gift_card_total=gc_total, total=total, paid_total=paid)

    def check_order_totals(self, oid, at_creation):
        want = self.recompute(oid)
        st, js, text = self.http.call("GET", "/store/orders/%s" % oid)
        self.server_ok(st, text)
        if st != 200:
            self.violate("order-totals", "GET /store/orders/%s: %s %s" % (oid, st, text[:200]))
            return
        o = js["order"]
        diff = {k: (o.get(k), v) for k, v in want.items() if o.get(k) != v}
        if diff:
            self.violate("order-totals", "order %s: API vs rows %s" % (oid, diff))
        if want["total"] < 0 or (o.get("total") or 0) < 0:
            self.violate("order-negative", "order %s has total %s" % (oid, o.get("total")))
        if at_creation and want["paid_total"] != want["total"]:
            self.violate("paid-total", "order %s was placed with payments %d for a total of %d (subtotal %d, gift cards %d)" % (
                oid, want["paid_total"], want["total"], want["subtotal"], want["gift_card_total"]))

    SABOTAGE = {
        "stock-rose": "UPDATE product_variant SET inventory_quantity = inventory_quantity + 5 "
                      "WHERE id = (SELECT min(id) FROM product_variant)",
        "completed-cart-frozen": "UPDATE line_item SET quantity = quantity + 1 WHERE id = (SELECT min(li.id) FROM line_item li "
                                 "JOIN cart c ON c.id = li.cart_id WHERE c.completed_at IS NOT NULL)",
        "discount-limit": "UPDATE discount SET usage_count = usage_limit + 1 WHERE code = 'INV-ONCE'",
        "gift-card-balance": "UPDATE gift_card SET balance = balance - 1 WHERE code = 'INV-GC-BIG'",
    }

    def sabotage_now(self):
        """--sabotage NAME: from the middle of the run on, one forbidden change straight into the
        database, to show that the check for NAME is live."""
        self.nchecks = getattr(self, "nchecks", 0) + 1
        if not self.sabotage or self.nchecks < self.sabotage_after:
            return
        w = sqlite3.connect(self.stack.db, timeout=30)
        try:
            if w.execute(self.SABOTAGE[self.sabotage]).rowcount:
                self.sabotage = None
            w.commit()
        finally:
            w.close()

    def check(self, step_name):
        """Every invariant, after each step."""
        self.sabotage_now()
        # new orders: their reservation, snapshot and paid = total
        for oid, cart_id in self.q("SELECT id, cart_id FROM \"order\""):
            if oid in self.known_orders:
                continue
            self.known_orders.add(oid)
            h = self.cart_by_id.get(cart_id)
            c = self.carts.get(h) if h else None
            reserved = {}
            for v, qn in self.q("SELECT variant_id, quantity FROM line_item WHERE order_id = ? AND variant_id IS NOT NULL", (oid,)):
                reserved[v] = reserved.get(v, 0) + qn
                self.expected_stock[v] = self.expected_stock.get(v, 0) - qn
            oh = "o:" + (h or oid)
            self.orders[oh] = dict(id=oid, cart=h, owner=c["owner"] if c else None, reserved=reserved,
                                   digest=self.order_digest(oid), region=c["region"] if c else "EU")
            self.order_by_id[oid] = oh
            if c:
                c["order"] = oh
            self.check_order_totals(oid, True)
            cus = self.q("SELECT c.id, c.has_account FROM customer c JOIN \"order\" o ON o.customer_id = c.id WHERE o.id = ?", (oid,))
            if cus and cus[0][1] and c and (c["owner"] is None or self.customers[c["owner"]]["id"] != cus[0][0]):
                self.violate("cart-owner", "order %s (cart %s of %s) was filed under account %s" % (oid, cart_id, who(c["owner"]), cus[0][0]))
        for sid, cart_id in self.q("SELECT id, cart_id FROM swap WHERE confirmed_at IS NOT NULL"):
            if sid in self.known_swaps:
                continue
            self.known_swaps.add(sid)
            for v, qn in self.q("SELECT variant_id, quantity FROM line_item WHERE cart_id = ? AND variant_id IS NOT NULL AND is_return = 0", (cart_id,)):
                self.expected_stock[v] = self.expected_stock.get(v, 0) - qn
        # returns received: their units back in stock, once
        for (rid,) in self.q("SELECT id FROM \"return\" WHERE status = 'received'"):
            if rid in self.known_received:
                continue
            self.known_received.add(rid)
            rise = dict(getattr(self, "allowed_rise", {}) or {})
            for v, qn in self.q("SELECT li.variant_id, coalesce(ri.received_quantity, 0) FROM return_item ri JOIN line_item li "
                                "ON li.id = ri.item_id WHERE ri.return_id = ? AND li.variant_id IS NOT NULL", (rid,)):
                if self.managed.get(v) and qn > 0:
                    self.expected_stock[v] = self.expected_stock.get(v, 0) + qn
                    rise[v] = rise.get(v, 0) + qn
            self.allowed_rise = rise
        # completed carts: snapshot once, then never a change
        for cid, now in self.cart_digests().items():
            h = self.cart_by_id.get(cid)
            if h:
                self.carts[h]["completed"] = True
            if cid not in self.frozen_carts:
                self.frozen_carts[cid] = now
            elif now[0] != self.frozen_carts[cid][0]:
                self.violate("completed-cart-frozen", "completed cart %s changed: %s" % (cid, first_diff(self.frozen_carts[cid][1], now[1])), key=cid)
                self.frozen_carts[cid] = now
        # orders: frozen unless edited; totals recompute when rows changed
        digests = self.order_digests()
        for oh, o in self.orders.items():
            now = digests.get(o["id"], ("", []))
            if now[0] != o["digest"][0]:
                self.violate("order-frozen", "order %s changed without an order edit: %s" % (o["id"], first_diff(o["digest"][1], now[1])), key=o["id"])
                o["digest"] = now
                self.check_order_totals(o["id"], False)
            elif o.pop("edited", False):
                self.check_order_totals(o["id"], False)
        # lines
        for lid, cart_id, order_id, qn in self.q(
                "SELECT id, cart_id, order_id, quantity FROM line_item WHERE is_return = 0 AND quantity < 1 "
                "AND (order_id IS NOT NULL OR cart_id IS NOT NULL)"):
            self.violate("line-quantity", "line %s of %s has quantity %r" % (lid, order_id or cart_id, qn), key=lid)
        for lid, order_id, up in self.q("SELECT id, order_id, unit_price FROM line_item WHERE order_id IS NOT NULL AND unit_price < 0 AND is_return = 0"):
            self.violate("order-negative", "order %s line %s has unit_price %d" % (order_id, lid, up), key=lid)
        # stock
        now_stock = {r[0]: r[1] for r in self.q("SELECT id, inventory_quantity FROM product_variant")}
        allowed = getattr(self, "allowed_rise", {})
        for v, n in now_stock.items():
            before = self.stock.get(v, n)
            if n > before and (n - before) > allowed.get(v, 0):
                self.violate("stock-rose", "variant %s stock %d -> %d in a '%s' step" % (v, before, n, step_name))
            if n != self.expected_stock.get(v, n):
                self.violate("stock-accounting", "variant %s stock %d, expected %d from the orders, swaps and cancels (%s step)" % (
                    v, n, self.expected_stock[v], step_name))
                self.expected_stock[v] = n
        self.stock = now_stock
        self.allowed_rise = {}
        # discounts
        for did, code, used, limit, n in self.q(
                "SELECT d.id, d.code, d.usage_count, d.usage_limit, (SELECT count(*) FROM order_discounts od WHERE od.discount_id = d.id) "
                "FROM discount d WHERE d.usage_limit IS NOT NULL"):
            if used > limit or n > limit:
                self.violate("discount-limit", "discount %s (usage_limit %d) is on %d orders, usage_count %d" % (code, limit, n, used), key=did)
        # gift cards
        for gid, code, bal, val, spent in self.q(
                "SELECT g.id, g.code, g.balance, g.value, (SELECT coalesce(sum(amount), 0) FROM gift_card_transaction t "
                "WHERE t.gift_card_id = g.id) FROM gift_card g"):
            start = self.gc_start.setdefault(gid, val)
            if bal < 0 or start - bal != spent:
                self.violate("gift-card-balance", "gift card %s: started at %d, balance %d, transactions %d" % (code, start, bal, spent))
                self.gc_start[gid] = bal + spent
        # ownership
        acct = {c["id"]: k for k, c in enumerate(self.customers)}
        for cid, cus in self.q("SELECT c.id, c.customer_id FROM cart c JOIN customer u ON u.id = c.customer_id WHERE u.has_account = 1"):
            h = self.cart_by_id.get(cid)
            if not h:
                continue
            owner = self.carts[h]["owner"]
            if owner is None or self.customers[owner]["id"] != cus:
                self.violate("cart-owner", "cart %s of %s%s now belongs to account %s (customer %s)" % (
                    cid, who(owner), " (completed)" if self.carts[h].get("completed") else "", cus, acct.get(cus)))
                self.carts[h]["owner"] = acct.get(cus)
        for k in range(len(self.customers)):
            book = self.address_book(k)
            if book != self.book_digest[k]:
                self.violate("address-book", "customer %d's saved addresses changed without their own call: %s" % (
                    k, first_diff(self.book_digest[k], book)))
                self.book_digest[k] = book
        for kind, rid, aid in self.q(
                "SELECT 'cart', c.id, a.id FROM cart c JOIN address a ON a.id IN (c.shipping_address_id, c.billing_address_id) "
                "WHERE a.customer_id IS NOT NULL UNION ALL SELECT 'order', o.id, a.id FROM \"order\" o JOIN address a "
                "ON a.id IN (o.shipping_address_id, o.billing_address_id) WHERE a.customer_id IS NOT NULL"):
            self.violate("cart-address-copy", "%s %s uses address %s, which belongs to a customer's address book" % (kind, rid, aid), key=(rid, aid))
        # shipping methods
        for mid, where, region, oreg, is_ret, adm in self.q(
                "SELECT m.id, coalesce(m.cart_id, m.order_id), coalesce(c.region_id, o.region_id), so.region_id, so.is_return, "
                "so.admin_only FROM shipping_method m JOIN shipping_option so ON so.id = m.shipping_option_id "
                "LEFT JOIN cart c ON c.id = m.cart_id LEFT JOIN \"order\" o ON o.id = m.order_id "
                "WHERE m.return_id IS NULL AND (m.cart_id IS NOT NULL OR m.order_id IS NOT NULL) "
                "AND (so.is_return OR so.admin_only OR so.region_id <> coalesce(c.region_id, o.region_id))"):
            self.violate("shipping-option", "%s has method %s of an option of region %s (is_return %d, admin_only %d); its region is %s" % (
                where, mid, oreg, is_ret, adm, region), key=mid)
        # returns
        for item, bought, asked in self.q(
                "SELECT li.id, li.quantity, sum(ri.quantity) FROM return_item ri JOIN \"return\" r ON r.id = ri.return_id "
                "JOIN line_item li ON li.id = ri.item_id WHERE r.status <> 'canceled' GROUP BY li.id HAVING sum(ri.quantity) > li.quantity"):
            self.violate("return-quantity", "item %s: bought %d, open returns ask for %d" % (item, bought, asked), key=(item, asked))
        for rid, item, qn in self.q("SELECT return_id, item_id, quantity FROM return_item WHERE quantity < 1 OR typeof(quantity) <> 'integer'"):
            self.violate("return-quantity", "return item %s has quantity %r" % (item, qn), key=(rid, item))
        # swaps: return lines are the server's
        for sh, sw in self.swaps.items():
            now = self.q("SELECT id, unit_price, quantity FROM line_item WHERE cart_id = ? AND is_return = 1 ORDER BY id",
                         (self.carts[sw["cart"]]["id"],))
            if now != sw["retlines"]:
                self.violate("swap-return-lines", "swap %s return lines %s became %s" % (sw["id"], sw["retlines"], now))
                sw["retlines"] = now
        # payments
        for pid, amt in self.q("SELECT id, amount FROM payment_session WHERE amount < 0 UNION ALL SELECT id, amount FROM payment WHERE amount < 0"):
            self.violate("payment-amounts", "%s has amount %d" % (pid, amt), key=pid)
        for pc, amt, auth in self.q("SELECT id, amount, authorized_amount FROM payment_collection WHERE authorized_amount > amount"):
            self.violate("payment-amounts", "payment collection %s authorized %d of %d" % (pc, auth, amt), key=pc)
        for oid, paid, refunded in self.q(
                "SELECT o.id, (SELECT coalesce(sum(amount), 0) FROM payment p WHERE p.order_id = o.id AND p.canceled_at IS NULL), "
                "(SELECT coalesce(sum(amount), 0) FROM refund r WHERE r.order_id = o.id) FROM \"order\" o"):
            if refunded > paid:
                self.violate("refund-bound", "order %s refunded %d of %d paid" % (oid, refunded, paid), key=oid)
        for pid, amt, ref in self.q("SELECT id, amount, amount_refunded FROM payment WHERE amount_refunded > amount OR amount_refunded < 0"):
            self.violate("refund-bound", "payment %s refunded %d of %d" % (pid, ref, amt), key=pid)
        for (e,) in self.q("SELECT lower(email) FROM customer WHERE has_account = 1 AND deleted_at IS NULL GROUP BY lower(email) HAVING count(*) > 1"):
            self.violate("email-unique", "two accounts share the e-mail %s (ignoring case)" % e, key=e)


def who(k):
    return "a guest" if k is None else "customer %d" % k


def rng_email(n, victim):
    return victim["email"] if n % 4 == 0 else "guest%d@example.com" % n


def first_diff(a, b):
    for x, y in zip(a, b):
        if x != y:
            return "%r -> %r" % (x, y)
    return "%r -> %r" % (a, b)


# ---- driving a run, shrinking, reporting -------------------------------------------------------

SABOTAGE = [None, 0]
STOPPING = []
SHRINK_MAX = [1000]
ONLY = []


def execute(seed, steps, workers, stop_at_first=None, verbose=False, log=False):
    """Replays steps on a fresh stack. Returns (violations as [(step index, name, msg)], run)."""
    run = Run(seed, workers, verbose, *SABOTAGE)
    found = []
    try:
        for i, s in enumerate(steps):
            run.http.step = i
            before = len(run.violations)
            try:
                run.do(s)
                run.check(s["op"])
            except (KeyError, IndexError, TypeError, ValueError, AttributeError) as e:
                run.violate("server-error", "tester could not read an answer in %s: %r" % (s["op"], e))
            for name, msg in run.violations[before:]:
                found.append((i, name, msg))
            if stop_at_first and any(n == stop_at_first for _, n, _ in found):
                break
    finally:
        if not log:
            run.close()
    return found, run


def generate(seed, nsteps, workers, verbose=False):
    """The seeded run: steps are drawn from the model as it goes."""
    rng = random.Random(seed)
    run = Run(seed, workers, verbose, *SABOTAGE)
    steps, found = [], []
    try:
        for i in range(nsteps):
            run.http.step = i
            s = run.gen(rng, i)
            steps.append(s)
            before = len(run.violations)
            try:
                run.do(s)
                run.check(s["op"])
            except (KeyError, IndexError, TypeError, ValueError, AttributeError) as e:
                run.violate("server-error", "tester could not read an answer in %s: %r" % (s["op"], e))
            for name, msg in run.violations[before:]:
                found.append((i, name, msg))
            if verbose:
                print("  %4d %s%s" % (i, json.dumps(s), "  !! " + "; ".join(n for n, _ in run.violations[before:]) if len(run.violations) > before else ""))
    finally:
        run.close()
    return steps, found


def shrink(seed, steps, name, workers, budget):
    """Fewest steps that still break invariant name (delta debugging, on fresh stacks)."""
    deadline = time.time() + budget
    trials = [0]

    def fails(cand):
        trials[0] += 1
        for attempt in range(2):  # races are not deterministic: a second chance before giving up
            found, _ = execute(seed, cand, workers, stop_at_first=name)
            if any(n == name for _, n, _ in found):
                return True
            if not any(s["op"] == "race" for s in cand):
                break
        return False

    cur = list(steps)
    sliced = dependency_slice(cur)
    if len(sliced) < len(cur) and fails(sliced):
        cur = sliced
    chunk = max(1, len(cur) // 2)
    while chunk >= 1 and time.time() < deadline:
        i, progress = 0, False
        while i < len(cur) and time.time() < deadline:
            cand = cur[:i] + cur[i + chunk:]
            if cand and fails(cand):
                cur, progress = cand, True
            else:
                i += chunk
        if not progress:
            chunk //= 2
    return cur, trials[0], time.time() < deadline


def base(ref):
    """The step that made what ref names: "o:s40.3" and "s40.3" were made by step "s40"."""
    if ref.startswith("o:"):
        ref = ref[2:]
    return ref.split(".")[0]


def dependency_slice(steps):
    """The last step and, going back, every step that made or touched what it touches."""
    keep, want = [], set()
    for s in reversed(steps):
        refs = {base(s[k]) for k in ("cart", "order", "edit") if s.get(k)}
        if not keep or s["h"] in want or refs & want:
            keep.append(s)
            want |= refs | {s["h"]}
    return list(reversed(keep))


def describe(s):
    d = {k: v for k, v in s.items() if k not in ("op", "h")}
    return "%s %s %s" % (s["h"], s["op"], json.dumps(d, sort_keys=True))


def report(seed, steps, found, workers, shrink_seconds, out):
    names = []
    for i, n, m in found:
        if n not in names:
            names.append(n)
    print("# seed %d: %d violation(s) of %d invariant(s): %s" % (seed, len(found), len(names), ", ".join(names)))
    shrunk = 0
    for n in names:
        if ONLY and n not in ONLY:
            continue
        first = next((i, m) for i, nn, m in found if nn == n)
        print("# [%s] %s" % (n, INVARIANTS[n]))
        print("#   first at step %d: %s" % first)
        prefix = steps[:first[0] + 1]
        if shrink_seconds <= 0 or shrunk >= SHRINK_MAX[0]:
            continue
        shrunk += 1
        small, trials, complete = shrink(seed, prefix, n, workers, shrink_seconds)
        print("#   minimal reproduction (%d of %d steps, %d replays%s); replay: %s --replay FILE" % (
            len(small), len(prefix), trials, "" if complete else ", shrinking stopped at the time limit", sys.argv[0]))
        fnd, run = execute(seed, small, workers, stop_at_first=n, log=True)
        try:
            for k, s in enumerate(small):
                print("#     step %d: %s" % (k, describe(s)))
                for st, method, path, data, key, auth, status, text in run.http.log:
                    if st == k:
                        print("#       %s %s%s%s -> %s %s" % (method, path, " [Bearer]" if auth else "",
                                                             " [Idempotency-Key %s]" % key if key else "",
                                                             status, text[:160].replace("\n", " ")))
                        if data:
                            print("#         body %s" % data[:200])
            for i, nn, m in fnd:
                if nn == n:
                    print("#     => %s" % m)
                    break
        finally:
            run.close()
        if out:
            os.makedirs(out, exist_ok=True)
            path = os.path.join(out, "seed%d-%s.json" % (seed, n))
            with open(path, "w") as f:
                json.dump({"seed": seed, "invariant": n, "steps": small}, f, indent=1)
            print("#   saved %s" % path)
    print("# all %d steps of seed %d:" % (len(steps), seed))
    for s in steps[:max(i for i, _, _ in found) + 1]:
        print("#   %s" % describe(s))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default=os.environ.get("INVARIANT_SEEDS", "1,2,3"))
    ap.add_argument("--steps", type=int, default=int(os.environ.get("INVARIANT_STEPS", "400")))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shrink-seconds", type=float, default=float(os.environ.get("INVARIANT_SHRINK_SECONDS", "120")))
    ap.add_argument("--shrink-max", type=int, default=int(os.environ.get("INVARIANT_SHRINK_MAX", "1000")),
                    help="shrink at most this many invariants per seed (the others show their first violation)")
    ap.add_argument("--out", default=os.environ.get("INVARIANT_OUT"))
    ap.add_argument("--replay")
    ap.add_argument("--only", action="append", default=[], help="shrink and show only this invariant (repeatable)")
    ap.add_argument("--sabotage", choices=sorted(Run.SABOTAGE), help="tamper with the database mid-run (self-test)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    ONLY[:] = a.only
    SHRINK_MAX[0] = a.shrink_max
    if a.sabotage:
        SABOTAGE[:] = [a.sabotage, a.steps // 2]
    if a.replay:
        d = json.load(open(a.replay))
        fnd, run = execute(d["seed"], d["steps"], a.workers, log=True)
        for st, method, path, data, key, auth, status, text in run.http.log:
            print("%s %s %s%s -> %s %s" % (st, method, path, " " + data[:200] if data else "", status, text[:200]))
        run.close()
        for i, n, m in fnd:
            print("step %d [%s] %s" % (i, n, m))
        return 1 if fnd else 0
    seeds = a.seeds.replace(",", " ").split()
    if len(seeds) == 1 and seeds[0].startswith("random:"):
        seeds = [str(random.SystemRandom().randrange(1, 10 ** 6)) for _ in range(int(seeds[0][7:]))]
    bad = 0
    total_steps, t0 = 0, time.time()
    for sd in map(int, seeds):
        t = time.time()
        try:
            steps, found = generate(sd, a.steps, a.workers, a.verbose)
        except RuntimeError as e:
            print("# seed %d: %s" % (sd, e))
            return 2
        dt = time.time() - t
        total_steps += len(steps)
        ops = {}
        for s in steps:
            ops[s["op"]] = ops.get(s["op"], 0) + 1
        print("%s %d - seed %d: %d steps in %.1f s (%.0f steps/s), %d violations" % (
            "not ok" if found else "ok", sd, sd, len(steps), dt, len(steps) / dt, len(found)))
        if found:
            bad += 1
            report(sd, steps, found, a.workers, a.shrink_seconds, a.out)
    print("# %d seeds, %d steps in %.1f s (%.0f steps/s)" % (len(seeds), total_steps, time.time() - t0, total_steps / max(time.time() - t0, 1e-9)))
    print("%d passed, %d failed" % (len(seeds) - bad, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    try:
        rc = main()
    finally:
        for t in STOPPING:
            t.join()
        if "dir" in _template:
            shutil.rmtree(_template["dir"], ignore_errors=True)
    sys.exit(rc)
