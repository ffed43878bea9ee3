#!/usr/bin/env python3
"""A test double of Stripe's API (an external paid service), for medusa-fcgi's tests only.

It follows Stripe API version 2022-11-15 (the version medusa-payment-stripe 6 pins through
stripe-node 11): the PaymentIntent, Customer, Refund, Balance and Event objects with that version's
fields (PaymentIntent.latest_charge, no `charges` list), Stripe's statuses and transitions, its
error objects ({"error": {type, code, message, param, doc_url, payment_intent}}) and statuses, and
its idempotency (same Idempotency-Key and parameters: the saved answer again, with
Idempotent-Replayed: true; other parameters: 400 idempotency_error; the same key in flight: 409
idempotency_key_in_use; requests refused by validation or by an injected fault are not saved).
tests/stripe/check-double.sh checks its objects and webhook signatures with the official `stripe`
npm library. It is not Stripe: it knows only the calls medusa-fcgi makes.

Stripe's API (Authorization: Bearer <--api-key>):
  POST /v1/customers                      GET /v1/customers/{id}
  POST /v1/payment_intents                GET /v1/payment_intents/{id}
  POST /v1/payment_intents/{id}           (update)
  POST /v1/payment_intents/{id}/confirm   (server-side confirm, payment_method=pm_card_...)
  POST /v1/payment_intents/{id}/capture   POST /v1/payment_intents/{id}/cancel
  POST /v1/refunds                        GET /v1/refunds/{id}
  GET  /v1/balance                        GET /v1/events/{id}
Test payment methods: pm_card_visa (succeeds), pm_card_chargeDeclined (generic_decline),
pm_card_chargeDeclinedInsufficientFunds, pm_card_threeDSecure2Required / pm_card_authenticationRequired
(requires_action).

Controls for the tests (no key; JSON bodies), under /_double/:
  POST payment_intents/{id}/confirm {"payment_method": "pm_card_visa"}   as the browser's
       confirmCardPayment: succeeds, declines (402 card_error) or asks for 3-D Secure
  POST payment_intents/{id}/authenticate {"result": "success"|"failure"} the 3-D Secure answer
  POST faults {"count": N, "status": 500, "type": "api_error", "code": null, "message": "...",
       "should_retry": "true"|"false", "retry_after": S, "hang": SECONDS, "drop": true,
       "method": "POST", "path": "/v1/customers"}   the next N matching API calls fail (or hang
       SECONDS first, then answer normally unless a status is given; or drop the connection)
  GET|DELETE faults;  GET|DELETE requests (every API call seen: method, path, idempotency_key,
       stripe_version, params, status, replayed, fault)
  POST webhooks/endpoint {"url": U, "secret": S, "auto": true}  where events go (auto: at once,
       in the background; else only on webhooks/deliver)
  POST webhooks/deliver {"id": "evt_..."}  deliver one event (or every undelivered one) now
  POST webhooks/send {"url": U, "secret": S, "event_id": E | "type": T, "object_id": ID,
       "timestamp": T, "signature": "good"|"bad"|"none"|"multi"}  sign and POST one event, answer
       {"event", "status", "body", "signature"}
  POST webhooks/sign {"payload": P, "secret": S, "timestamp": T}  the Stripe-Signature for P
  POST events {"type": T, "object_id": ID}  make an event (about that intent) without sending it:
       {"event", "payload"} (the payload exactly as it would be sent)
  GET  events;  POST reset

Usage: double.py [--host 127.0.0.1] [--port 0] [--port-file F] [--api-key sk_test_...]
                 [--webhook-url URL --webhook-secret whsec_...]
"""

import argparse
import hashlib
import hmac
import json
import secrets
import socket
import string
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

API_VERSION = "2022-11-15"
ALNUM = string.ascii_letters + string.digits
DOCS = "https://stripe.com/docs/error-codes/"

CANCELABLE = ["requires_payment_method", "requires_capture", "requires_confirmation",
              "requires_action", "processing"]
AMOUNT_UPDATABLE = ["requires_payment_method", "requires_confirmation", "requires_action"]


def new_id(prefix, n=24):
    return prefix + "_" + "".join(secrets.choice(ALNUM) for _ in range(n))


class StripeError(Exception):
    """An error answer. saved=False: refused before the endpoint ran (not kept for idempotency)."""

    def __init__(self, status, type_, message, code=None, param=None, saved=True, **extra):
        super().__init__(message)
        self.status = status
        self.saved = saved
        self.error = {}
        if code:
            self.error["code"] = code
            self.error["doc_url"] = DOCS + code.replace("_", "-")
        self.error["message"] = message
        if param:
            self.error["param"] = param
        self.error["type"] = type_
        self.error.update(extra)


def invalid(message, code=None, param=None):
    return StripeError(400, "invalid_request_error", message, code, param, saved=False)


def missing(name, kind):
    return StripeError(404, "invalid_request_error", "No such %s: '%s'" % (kind, name),
                       "resource_missing", "id" if kind != "customer" else "customer")


def parse_form(body):
    """Stripe's form encoding (key[sub]=v, key[0]=v, key[]=v) into nested dicts and lists."""
    root = {}
    for key, value in urllib.parse.parse_qsl(body, keep_blank_values=True):
        parts = [key.split("[", 1)[0]]
        rest = key[len(parts[0]):]
        while rest.startswith("["):
            end = rest.find("]")
            if end < 0:
                raise invalid("Invalid parameter name: %s" % key)
            parts.append(rest[1:end])
            rest = rest[end + 1:]
        node = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if part == "":
                part = str(len(node))
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
                if not isinstance(node, dict):
                    raise invalid("Invalid parameter name: %s" % key)
    return listify(root)


def listify(node):
    if not isinstance(node, dict):
        return node
    out = {k: listify(v) for k, v in node.items()}
    if out and all(k.isdigit() for k in out):
        return [out[k] for k in sorted(out, key=int)]
    return out


def to_int(params, name, required=False, minimum=None):
    if name not in params:
        if required:
            raise invalid("Missing required param: %s." % name, "parameter_missing", name)
        return None
    v = params[name]
    if not isinstance(v, str) or not v.lstrip("-").isdigit():
        raise invalid("Invalid integer: %s" % v, "parameter_invalid_integer", name)
    n = int(v)
    if minimum is not None and n < minimum:
        raise invalid("This value must be greater than or equal to %d." % minimum,
                      "amount_too_small" if name.startswith("amount") else None, name)
    return n


def to_bool(params, name):
    v = params.get(name)
    if v is None:
        return None
    if v not in ("true", "false"):
        raise invalid("Invalid boolean: %s" % v, "parameter_invalid_boolean", name)
    return v == "true"


def check_known(params, known):
    for k in params:
        if k not in known:
            raise invalid("Received unknown parameter: %s" % k, "parameter_unknown", k)


def metadata_merge(current, given):
    if given is None:
        return current
    if given == "":
        return {}
    if not isinstance(given, dict):
        raise invalid("Invalid object", "parameter_invalid_empty", "metadata")
    out = dict(current)
    for k, v in given.items():
        if v == "":
            out.pop(k, None)
        else:
            out[k] = v
    return out


class Double:
    def __init__(self, api_key, webhook_url=None, webhook_secret=None):
        self.api_key = api_key
        self.lock = threading.Lock()
        self.reset()
        if webhook_url:
            self.endpoint = {"url": webhook_url, "secret": webhook_secret, "auto": True}

    def reset(self):
        self.customers, self.intents, self.refunds, self.events = {}, {}, {}, {}
        self.event_order = []
        self.idem = {}
        self.in_flight = set()
        self.faults = []
        self.requests = []
        self.balance = {}
        self.endpoint = None

    # ---- objects -----------------------------------------------------------------------------

    def event(self, type_, obj, request_id=None, idem_key=None, previous=None):
        ev = {
            "id": new_id("evt"),
            "object": "event",
            "api_version": API_VERSION,
            "created": int(time.time()),
            "data": {"object": json.loads(json.dumps(obj))},
            "livemode": False,
            "pending_webhooks": 1 if self.endpoint else 0,
            "request": {"id": request_id, "idempotency_key": idem_key},
            "type": type_,
        }
        if previous:
            ev["data"]["previous_attributes"] = previous
        self.events[ev["id"]] = ev
        self.event_order.append(ev["id"])
        ev["_delivered"] = False
        if self.endpoint and self.endpoint.get("auto"):
            threading.Thread(target=self.deliver, args=(ev["id"],), daemon=True).start()
        return ev

    def customer_create(self, p, ctx):
        check_known(p, {"email", "name", "description", "metadata", "phone"})
        cus = {
            "id": new_id("cus", 14),
            "object": "customer",
            "address": None,
            "balance": 0,
            "created": int(time.time()),
            "currency": None,
            "default_source": None,
            "delinquent": False,
            "description": p.get("description"),
            "discount": None,
            "email": p.get("email"),
            "invoice_prefix": "".join(secrets.choice(string.ascii_uppercase) for _ in range(8)),
            "invoice_settings": {"custom_fields": None, "default_payment_method": None,
                                 "footer": None, "rendering_options": None},
            "livemode": False,
            "metadata": metadata_merge({}, p.get("metadata")),
            "name": p.get("name"),
            "next_invoice_sequence": 1,
            "phone": p.get("phone"),
            "preferred_locales": [],
            "shipping": None,
            "tax_exempt": "none",
            "test_clock": None,
        }
        self.customers[cus["id"]] = cus
        return 200, cus

    def intent_create(self, p, ctx):
        check_known(p, {"amount", "currency", "customer", "description", "metadata",
                        "capture_method", "automatic_payment_methods", "payment_method_types",
                        "setup_future_usage", "receipt_email", "statement_descriptor",
                        "statement_descriptor_suffix", "payment_method", "confirm", "shipping"})
        amount = to_int(p, "amount", required=True, minimum=1)
        currency = p.get("currency")
        if not currency:
            raise invalid("Missing required param: currency.", "parameter_missing", "currency")
        if len(currency) != 3 or not currency.isalpha():
            raise invalid("Invalid currency: %s. Stripe currently supports these currencies: "
                          "usd, eur, gbp, ..." % currency, None, "currency")
        capture = p.get("capture_method", "automatic")
        if capture not in ("automatic", "manual"):
            raise invalid("Invalid capture_method: must be one of automatic or manual", None,
                          "capture_method")
        customer = p.get("customer")
        if customer and customer not in self.customers:
            raise StripeError(400, "invalid_request_error", "No such customer: '%s'" % customer,
                              "resource_missing", "customer", saved=False)
        apm = p.get("automatic_payment_methods")
        if apm is not None:
            if not isinstance(apm, dict) or "enabled" not in apm:
                raise invalid("Missing required param: automatic_payment_methods[enabled].",
                              "parameter_missing", "automatic_payment_methods[enabled]")
            apm = {"enabled": to_bool(apm, "enabled")}
        types = p.get("payment_method_types")
        if types is not None and not isinstance(types, list):
            types = [types]
        confirm = to_bool(p, "confirm")
        pid = new_id("pi")
        pi = {
            "id": pid,
            "object": "payment_intent",
            "amount": amount,
            "amount_capturable": 0,
            "amount_details": {"tip": {}},
            "amount_received": 0,
            "application": None,
            "application_fee_amount": None,
            "automatic_payment_methods": apm if apm and apm["enabled"] else None,
            "canceled_at": None,
            "cancellation_reason": None,
            "capture_method": capture,
            "client_secret": pid + "_secret_" + "".join(secrets.choice(ALNUM) for _ in range(25)),
            "confirmation_method": "automatic",
            "created": int(time.time()),
            "currency": currency.lower(),
            "customer": customer,
            "description": p.get("description"),
            "invoice": None,
            "last_payment_error": None,
            "latest_charge": None,
            "livemode": False,
            "metadata": metadata_merge({}, p.get("metadata")),
            "next_action": None,
            "on_behalf_of": None,
            "payment_method": None,
            "payment_method_options": {"card": {"installments": None, "mandate_options": None,
                                                "network": None,
                                                "request_three_d_secure": "automatic"}},
            "payment_method_types": types or ["card"],
            "processing": None,
            "receipt_email": p.get("receipt_email"),
            "review": None,
            "setup_future_usage": p.get("setup_future_usage"),
            "shipping": None,
            "statement_descriptor": p.get("statement_descriptor"),
            "statement_descriptor_suffix": p.get("statement_descriptor_suffix"),
            "status": "requires_payment_method",
            "transfer_data": None,
            "transfer_group": None,
        }
        self.intents[pid] = pi
        self.event("payment_intent.created", pi, ctx.get("request_id"), ctx.get("idem"))
        if p.get("payment_method"):
            pi["payment_method"] = p["payment_method"]
            pi["status"] = "requires_confirmation"
        if confirm:
            return self.confirm(pi, p.get("payment_method"), ctx)
        return 200, pi

    def intent_get(self, pid):
        pi = self.intents.get(pid)
        if not pi:
            raise StripeError(404, "invalid_request_error", "No such payment_intent: '%s'" % pid,
                              "resource_missing", "intent")
        return pi

    def unexpected_state(self, pi, message):
        return StripeError(400, "invalid_request_error", message,
                           "payment_intent_unexpected_state",
                           payment_intent=json.loads(json.dumps(pi)))

    def intent_update(self, pi, p, ctx):
        check_known(p, {"amount", "currency", "customer", "description", "metadata",
                        "receipt_email", "setup_future_usage", "payment_method_types",
                        "payment_method", "capture_method", "statement_descriptor",
                        "statement_descriptor_suffix", "shipping"})
        amount = to_int(p, "amount", minimum=1)
        if (amount is not None or "currency" in p) and pi["status"] not in AMOUNT_UPDATABLE:
            raise self.unexpected_state(
                pi, "This PaymentIntent's amount could not be updated because it has a status of "
                "%s. You may only update the amount of a PaymentIntent with one of the following "
                "statuses: %s." % (pi["status"], ", ".join(AMOUNT_UPDATABLE)))
        customer = p.get("customer")
        if customer and customer not in self.customers:
            raise StripeError(400, "invalid_request_error", "No such customer: '%s'" % customer,
                              "resource_missing", "customer", saved=False)
        previous = {}
        if amount is not None and amount != pi["amount"]:
            previous["amount"] = pi["amount"]
            pi["amount"] = amount
        for k in ("currency", "customer", "description", "receipt_email", "setup_future_usage",
                  "capture_method", "statement_descriptor", "statement_descriptor_suffix"):
            if k in p:
                previous[k] = pi[k]
                pi[k] = p[k] or None
        if "metadata" in p:
            previous["metadata"] = pi["metadata"]
            pi["metadata"] = metadata_merge(pi["metadata"], p["metadata"])
        return 200, pi

    def confirm(self, pi, pm, ctx):
        if pi["status"] not in ("requires_payment_method", "requires_confirmation"):
            raise self.unexpected_state(
                pi, "You cannot confirm this PaymentIntent because it has a status of %s. Only a "
                "PaymentIntent with one of the following statuses may be confirmed: "
                "requires_confirmation, requires_payment_method." % pi["status"])
        pm = pm or pi["payment_method"] or "pm_card_visa"
        pi["payment_method"] = pm
        pi["last_payment_error"] = None
        rid, key = ctx.get("request_id"), ctx.get("idem")
        if pm in ("pm_card_threeDSecure2Required", "pm_card_authenticationRequired"):
            pi["status"] = "requires_action"
            pi["next_action"] = {"type": "use_stripe_sdk",
                                 "use_stripe_sdk": {"type": "three_d_secure_redirect",
                                                    "stripe_js": "https://hooks.stripe.com/3d_secure_2/hosted"}}
            self.event("payment_intent.requires_action", pi, rid, key)
            return 200, pi
        decline = {"pm_card_chargeDeclined": ("generic_decline", "Your card was declined."),
                   "pm_card_visa_chargeDeclined": ("generic_decline", "Your card was declined."),
                   "pm_card_chargeDeclinedInsufficientFunds":
                       ("insufficient_funds", "Your card has insufficient funds.")}.get(pm)
        if decline:
            return self.fail_payment(pi, decline[0], decline[1], rid, key)
        return self.succeed(pi, rid, key)

    def fail_payment(self, pi, decline_code, message, rid, key, code="card_declined"):
        charge = new_id("ch")
        err = {"charge": charge, "code": code, "decline_code": decline_code,
               "doc_url": DOCS + code.replace("_", "-"), "message": message,
               "payment_method": {"id": pi["payment_method"], "object": "payment_method",
                                  "type": "card"},
               "type": "card_error"}
        if code != "card_declined":
            err.pop("decline_code")
            err.pop("charge")
        pi["status"] = "requires_payment_method"
        pi["payment_method"] = None
        pi["next_action"] = None
        pi["last_payment_error"] = err
        if code == "card_declined":
            pi["latest_charge"] = charge
        self.event("payment_intent.payment_failed", pi, rid, key)
        extra = {k: v for k, v in err.items() if k not in ("code", "doc_url", "message", "type")}
        raise StripeError(402, "card_error", message, code,
                          payment_intent=json.loads(json.dumps(pi)), **extra)

    def succeed(self, pi, rid, key):
        pi["next_action"] = None
        pi["latest_charge"] = new_id("ch")
        if pi["capture_method"] == "manual":
            pi["status"] = "requires_capture"
            pi["amount_capturable"] = pi["amount"]
            self.event("payment_intent.amount_capturable_updated", pi, rid, key)
        else:
            pi["status"] = "succeeded"
            pi["amount_received"] = pi["amount"]
            self.credit(pi["currency"], pi["amount"])
            self.event("payment_intent.succeeded", pi, rid, key)
        return 200, pi

    def credit(self, currency, amount):
        self.balance[currency] = self.balance.get(currency, 0) + amount

    def authenticate(self, pi, result, ctx):
        if pi["status"] != "requires_action":
            raise self.unexpected_state(pi, "This PaymentIntent is not awaiting authentication.")
        if result == "failure":
            return self.fail_payment(pi, None, "We are unable to authenticate your payment "
                                     "method. Please choose a different payment method and try "
                                     "again.", None, None, code="payment_intent_authentication_failure")
        return self.succeed(pi, None, None)

    def capture(self, pi, p, ctx):
        check_known(p, {"amount_to_capture", "metadata", "statement_descriptor"})
        if pi["status"] != "requires_capture":
            raise self.unexpected_state(
                pi, "This PaymentIntent could not be captured because it has a status of %s. Only "
                "a PaymentIntent with one of the following statuses may be captured: "
                "requires_capture." % pi["status"])
        amount = to_int(p, "amount_to_capture", minimum=1)
        if amount is None:
            amount = pi["amount_capturable"]
        if amount > pi["amount_capturable"]:
            raise invalid("The amount_to_capture (%d) is greater than the amount_capturable (%d)."
                          % (amount, pi["amount_capturable"]), "amount_too_large",
                          "amount_to_capture")
        pi["amount_received"] = amount
        pi["amount_capturable"] = 0
        pi["status"] = "succeeded"
        self.credit(pi["currency"], amount)
        self.event("payment_intent.succeeded", pi, ctx.get("request_id"), ctx.get("idem"))
        return 200, pi

    def cancel(self, pi, p, ctx):
        check_known(p, {"cancellation_reason"})
        reason = p.get("cancellation_reason")
        if reason and reason not in ("duplicate", "fraudulent", "requested_by_customer",
                                     "abandoned"):
            raise invalid("Invalid cancellation_reason: must be one of duplicate, fraudulent, "
                          "requested_by_customer, or abandoned", None, "cancellation_reason")
        if pi["status"] not in CANCELABLE:
            raise self.unexpected_state(
                pi, "You cannot cancel this PaymentIntent because it has a status of %s. Only a "
                "PaymentIntent with one of the following statuses may be canceled: %s."
                % (pi["status"], ", ".join(CANCELABLE)))
        pi["status"] = "canceled"
        pi["canceled_at"] = int(time.time())
        pi["cancellation_reason"] = reason
        pi["amount_capturable"] = 0
        pi["next_action"] = None
        self.event("payment_intent.canceled", pi, ctx.get("request_id"), ctx.get("idem"))
        return 200, pi

    def refund_create(self, p, ctx):
        check_known(p, {"payment_intent", "charge", "amount", "reason", "metadata"})
        pid = p.get("payment_intent")
        if not pid and not p.get("charge"):
            raise invalid("One of the following params should be provided for this request: "
                          "payment_intent or charge.", "parameter_missing")
        pi = None
        if pid:
            pi = self.intents.get(pid)
            if not pi:
                raise StripeError(400, "invalid_request_error",
                                  "No such payment_intent: '%s'" % pid, "resource_missing",
                                  "payment_intent", saved=False)
        else:
            pi = next((x for x in self.intents.values() if x["latest_charge"] == p["charge"]),
                      None)
            if not pi:
                raise StripeError(400, "invalid_request_error", "No such charge: '%s'"
                                  % p["charge"], "resource_missing", "charge", saved=False)
        if pi["status"] != "succeeded":
            raise StripeError(400, "invalid_request_error",
                              "This PaymentIntent does not have a successful charge to refund.",
                              None, "payment_intent")
        refunded = sum(r["amount"] for r in self.refunds.values()
                       if r["payment_intent"] == pi["id"] and r["status"] == "succeeded")
        left = pi["amount_received"] - refunded
        if left <= 0:
            raise StripeError(400, "invalid_request_error", "Charge %s has already been refunded."
                              % pi["latest_charge"], "charge_already_refunded")
        amount = to_int(p, "amount", minimum=1)
        if amount is None:
            amount = left
        if amount > left:
            raise StripeError(400, "invalid_request_error",
                              "Refund amount (%d) is greater than unrefunded amount on charge (%d)"
                              % (amount, left), None, "amount")
        reason = p.get("reason")
        if reason and reason not in ("duplicate", "fraudulent", "requested_by_customer"):
            raise invalid("Invalid reason: must be one of duplicate, fraudulent, or "
                          "requested_by_customer", None, "reason")
        re = {
            "id": new_id("re"),
            "object": "refund",
            "amount": amount,
            "balance_transaction": new_id("txn"),
            "charge": pi["latest_charge"],
            "created": int(time.time()),
            "currency": pi["currency"],
            "metadata": metadata_merge({}, p.get("metadata")),
            "payment_intent": pi["id"],
            "reason": reason,
            "receipt_number": None,
            "source_transfer_reversal": None,
            "status": "succeeded",
            "transfer_reversal": None,
        }
        self.refunds[re["id"]] = re
        self.credit(pi["currency"], -amount)
        return 200, re

    def balance_get(self):
        cur = self.balance or {"usd": 0}
        rows = [{"amount": v, "currency": k, "source_types": {"card": v}} for k, v in cur.items()]
        return 200, {"object": "balance", "available": rows, "livemode": False,
                     "pending": [dict(r, amount=0, source_types={"card": 0}) for r in rows]}

    # ---- webhooks ------------------------------------------------------------------------------

    @staticmethod
    def sign(payload, secret, timestamp):
        mac = hmac.new(secret.encode(), ("%d.%s" % (timestamp, payload)).encode(), hashlib.sha256)
        return "t=%d,v1=%s" % (timestamp, mac.hexdigest())

    @staticmethod
    def payload(ev):
        return json.dumps({k: v for k, v in ev.items() if not k.startswith("_")}, indent=2)

    def post(self, url, secret, ev, timestamp=None, signature="good"):
        body = self.payload(ev)
        ts = int(time.time()) if timestamp is None else int(timestamp)
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)"}
        sig = None
        if signature == "good":
            sig = self.sign(body, secret, ts)
        elif signature == "bad":
            sig = self.sign(body, secret + "x", ts)
        elif signature == "multi":
            # A rolled secret: Stripe signs with each active secret; one v1 entry matches.
            sig = "t=%d,v1=%s,%s" % (ts, "0" * 64, self.sign(body, secret, ts).split(",", 1)[1])
        if sig:
            headers["Stripe-Signature"] = sig
        req = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, text = r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode("utf-8", "replace")
        except OSError as e:
            status, text = 0, str(e)
        return {"event": ev["id"], "status": status, "body": text, "signature": sig,
                "payload": body}

    def deliver(self, evt_id):
        ep = self.endpoint
        ev = self.events.get(evt_id)
        if not ep or not ev:
            return None
        res = self.post(ep["url"], ep["secret"], ev)
        with self.lock:
            ev["_delivered"] = res["status"] == 200
        return res


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "stripe-double/1"
    sys_version = ""
    # Headers and body leave in one write (handle_one_request flushes), and without Nagle's
    # delay: otherwise every answer waits for the client's delayed ACK (40 ms on Linux).
    wbufsize = -1

    def setup(self):
        super().setup()
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("double: " + fmt % args + "\n")

    @property
    def d(self):
        return self.server.double

    def answer(self, status, obj, headers=None):
        body = json.dumps(obj, indent=2).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except OSError:
            # The client gave up (a timeout): Stripe finishes the call all the same.
            self.close_connection = True

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n).decode("utf-8") if n else ""

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_DELETE(self):
        self.route("DELETE")

    def route(self, method):
        path = urllib.parse.urlsplit(self.path).path
        body = self.read_body()
        if path.startswith("/_double/"):
            return self.control(method, path[len("/_double/"):], body)
        return self.api(method, path, body)

    # ---- the API -------------------------------------------------------------------------------

    def api(self, method, path, body):
        d = self.d
        rid = new_id("req", 14)
        idem = self.headers.get("Idempotency-Key") if method == "POST" else None
        version = self.headers.get("Stripe-Version") or API_VERSION
        headers = {"Request-Id": rid, "Stripe-Version": version}
        if idem:
            headers["Idempotency-Key"] = idem
        entry = {"method": method, "path": path, "idempotency_key": idem,
                 "stripe_version": self.headers.get("Stripe-Version"), "request_id": rid,
                 "content_type": self.headers.get("Content-Type"), "body": body,
                 "replayed": False, "fault": None, "status": None,
                 "peer_port": self.client_address[1]}
        with d.lock:
            d.requests.append(entry)
            fault = self.take_fault(method, path)
        hang = 0.0
        if fault:
            entry["fault"] = {k: v for k, v in fault.items() if k != "count"}
            hang = float(fault.get("hang") or 0)
            if fault.get("drop") or fault.get("status"):
                time.sleep(hang)
                hang = 0.0
            if fault.get("drop"):
                self.close_connection = True
                entry["status"] = 0
                return
            if fault.get("status"):
                h = dict(headers)
                if fault.get("should_retry") is not None:
                    h["Stripe-Should-Retry"] = str(fault["should_retry"]).lower()
                if fault.get("retry_after") is not None:
                    h["Retry-After"] = str(fault["retry_after"])
                err = {"message": fault.get("message") or "An unknown error occurred",
                       "type": fault.get("type") or "api_error"}
                if fault.get("code"):
                    err["code"] = fault["code"]
                entry["status"] = int(fault["status"])
                return self.answer(int(fault["status"]), {"error": err}, h)
        status, obj, extra = self.api_run(method, path, body, idem, rid, entry, hang)
        headers.update(extra)
        entry["status"] = status
        self.answer(status, obj, headers)

    def take_fault(self, method, path):
        for f in self.d.faults:
            if f["count"] <= 0:
                continue
            if f.get("method") and f["method"] != method:
                continue
            if f.get("path") and not path.startswith(f["path"]):
                continue
            f["count"] -= 1
            return dict(f)
        return None

    def api_run(self, method, path, body, idem, rid, entry, hang):
        """Runs one API call; a hang happens while the call is in flight (its idempotency key
        busy: a retry meanwhile gets 409 idempotency_key_in_use), then the call completes and is
        saved, as a slow Stripe would."""
        d = self.d
        auth = self.headers.get("Authorization") or ""
        if not auth.startswith("Bearer ") or not auth[7:]:
            return 401, {"error": {
                "message": "You did not provide an API key. You need to provide your API key in "
                           "the Authorization header, using Bearer auth (e.g. 'Authorization: "
                           "Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#"
                           "authentication for details, or we can help at "
                           "https://support.stripe.com/.",
                "type": "invalid_request_error"}}, {}
        key = auth[7:]
        if key != d.api_key:
            cut = key.find("_", key.find("_") + 1) + 1
            masked = key[:cut] + "*" * max(0, len(key) - cut - 4) + key[-4:]
            return 401, {"error": {"message": "Invalid API Key provided: %s" % masked,
                                   "type": "invalid_request_error"}}, {}
        try:
            params = parse_form(body) if method == "POST" else parse_form(
                urllib.parse.urlsplit(self.path).query)
        except StripeError as e:
            return e.status, {"error": e.error}, {}
        entry["params"] = params
        slot = (key, idem) if idem else None
        with d.lock:
            if slot:
                saved = d.idem.get(slot)
                if saved:
                    if saved["method"] != method or saved["path"] != path or \
                            saved["params"] != params:
                        return 400, {"error": {
                            "message": "Keys for idempotent requests can only be used with the "
                                       "same parameters they were first used with. Try using a "
                                       "key other than '%s' if you meant to execute a different "
                                       "request." % idem,
                            "type": "idempotency_error"}}, {}
                    entry["replayed"] = True
                    return saved["status"], saved["obj"], {
                        "Idempotent-Replayed": "true", "Original-Request": saved["request_id"]}
                if slot in d.in_flight:
                    return 409, {"error": {
                        "code": "idempotency_key_in_use",
                        "doc_url": DOCS + "idempotency-key-in-use",
                        "message": "There is currently another in-progress request using this "
                                   "Stripe API key (or the Stripe-Account header) and idempotency "
                                   "key. Try again later.",
                        "type": "invalid_request_error"}}, {}
                d.in_flight.add(slot)
        if hang:
            time.sleep(hang)
        with d.lock:
            try:
                status, obj = self.dispatch(method, path, params, {"request_id": rid,
                                                                   "idem": idem})
                save = True
            except StripeError as e:
                status, obj, save = e.status, {"error": e.error}, e.saved
            finally:
                if slot:
                    d.in_flight.discard(slot)
            if slot and save:
                d.idem[slot] = {"method": method, "path": path, "params": params,
                                "status": status, "obj": json.loads(json.dumps(obj)),
                                "request_id": rid}
        return status, obj, {}

    def dispatch(self, method, path, p, ctx):
        d = self.d
        parts = [x for x in path.split("/") if x]
        if parts[:1] != ["v1"]:
            raise self.unknown(method, path)
        parts = parts[1:]
        if parts == ["customers"] and method == "POST":
            return d.customer_create(p, ctx)
        if len(parts) == 2 and parts[0] == "customers" and method == "GET":
            cus = d.customers.get(parts[1])
            if not cus:
                raise StripeError(404, "invalid_request_error",
                                  "No such customer: '%s'" % parts[1], "resource_missing", "id")
            return 200, cus
        if parts == ["payment_intents"] and method == "POST":
            return d.intent_create(p, ctx)
        if len(parts) >= 2 and parts[0] == "payment_intents":
            pi = d.intent_get(parts[1])
            rest = parts[2:]
            if not rest and method == "GET":
                return 200, pi
            if not rest and method == "POST":
                return d.intent_update(pi, p, ctx)
            if rest == ["capture"] and method == "POST":
                return d.capture(pi, p, ctx)
            if rest == ["cancel"] and method == "POST":
                return d.cancel(pi, p, ctx)
            if rest == ["confirm"] and method == "POST":
                check_known(p, {"payment_method", "return_url"})
                return d.confirm(pi, p.get("payment_method"), ctx)
        if parts == ["refunds"] and method == "POST":
            return d.refund_create(p, ctx)
        if len(parts) == 2 and parts[0] == "refunds" and method == "GET":
            re = d.refunds.get(parts[1])
            if not re:
                raise StripeError(404, "invalid_request_error", "No such refund: '%s'" % parts[1],
                                  "resource_missing", "id")
            return 200, re
        if parts == ["balance"] and method == "GET":
            return d.balance_get()
        if len(parts) == 2 and parts[0] == "events" and method == "GET":
            ev = d.events.get(parts[1])
            if not ev:
                raise StripeError(404, "invalid_request_error", "No such event: '%s'" % parts[1],
                                  "resource_missing", "id")
            return 200, {k: v for k, v in ev.items() if not k.startswith("_")}
        raise self.unknown(method, path)

    @staticmethod
    def unknown(method, path):
        return StripeError(404, "invalid_request_error",
                           "Unrecognized request URL (%s: %s). Please see https://stripe.com/docs "
                           "or we can help at https://support.stripe.com/." % (method, path),
                           saved=False)

    # ---- controls ------------------------------------------------------------------------------

    def control(self, method, path, body):
        d = self.d
        try:
            args = json.loads(body) if body.strip() else {}
        except ValueError:
            return self.answer(400, {"error": "the body must be JSON"})
        parts = [x for x in path.split("/") if x]
        try:
            if parts == ["reset"] and method == "POST":
                with d.lock:
                    d.reset()
                return self.answer(200, {"ok": True})
            if parts == ["faults"]:
                with d.lock:
                    if method == "POST":
                        f = dict(args)
                        f["count"] = int(f.get("count", 1))
                        d.faults.append(f)
                    elif method == "DELETE":
                        d.faults = []
                    return self.answer(200, {"faults": d.faults})
            if parts == ["requests"]:
                with d.lock:
                    out = list(d.requests)
                    if method == "DELETE":
                        d.requests = []
                return self.answer(200, {"requests": out})
            if parts == ["events"] and method == "POST":
                with d.lock:
                    obj = d.intents.get(args.get("object_id")) or {
                        "id": args.get("object_id") or new_id("pi"),
                        "object": "payment_intent", "metadata": {}}
                    ev = d.event(args.get("type", "payment_intent.succeeded"), obj)
                    return self.answer(200, {"event": {k: v for k, v in ev.items()
                                                       if not k.startswith("_")},
                                             "payload": d.payload(ev)})
            if parts == ["events"] and method == "GET":
                with d.lock:
                    out = [{k: v for k, v in d.events[i].items()} for i in d.event_order]
                return self.answer(200, {"events": out})
            if len(parts) == 3 and parts[0] == "payment_intents" and method == "POST":
                with d.lock:
                    pi = d.intent_get(parts[1])
                    try:
                        if parts[2] == "confirm":
                            status, obj = d.confirm(pi, args.get("payment_method"), {})
                        elif parts[2] == "authenticate":
                            status, obj = d.authenticate(pi, args.get("result", "success"), {})
                        else:
                            return self.answer(404, {"error": "no such control"})
                    except StripeError as e:
                        status, obj = e.status, {"error": e.error}
                return self.answer(status, obj)
            if parts == ["webhooks", "endpoint"] and method == "POST":
                with d.lock:
                    d.endpoint = {"url": args["url"], "secret": args["secret"],
                                  "auto": bool(args.get("auto", False))}
                return self.answer(200, {"endpoint": d.endpoint})
            if parts == ["webhooks", "deliver"] and method == "POST":
                with d.lock:
                    ids = [args["id"]] if args.get("id") else [
                        i for i in d.event_order if not d.events[i]["_delivered"]]
                return self.answer(200, {"deliveries": [d.deliver(i) for i in ids]})
            if parts == ["webhooks", "send"] and method == "POST":
                with d.lock:
                    if args.get("event_id"):
                        ev = d.events[args["event_id"]]
                    else:
                        obj = d.intents.get(args.get("object_id")) or {
                            "id": args.get("object_id") or new_id("pi"),
                            "object": "payment_intent", "metadata": {}}
                        ev = d.event(args.get("type", "payment_intent.succeeded"), obj)
                return self.answer(200, d.post(args["url"], args["secret"], ev,
                                               args.get("timestamp"),
                                               args.get("signature", "good")))
            if parts == ["webhooks", "sign"] and method == "POST":
                ts = int(args.get("timestamp") or time.time())
                return self.answer(200, {"signature": d.sign(args["payload"], args["secret"],
                                                             ts)})
        except StripeError as e:
            return self.answer(e.status, {"error": e.error})
        except (KeyError, TypeError, ValueError) as e:
            return self.answer(400, {"error": "bad control request: %r" % (e,)})
        return self.answer(404, {"error": "no such control: %s %s" % (method, path)})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--api-key", default="sk_test_double_0000000000000000")
    ap.add_argument("--webhook-url")
    ap.add_argument("--webhook-secret")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    srv = ThreadingHTTPServer((a.host, a.port), Handler)
    srv.daemon_threads = True
    srv.double = Double(a.api_key, a.webhook_url, a.webhook_secret)
    srv.verbose = a.verbose
    port = srv.server_address[1]
    if a.port_file:
        with open(a.port_file + ".tmp", "w") as f:
            f.write("%d\n" % port)
        import os
        os.replace(a.port_file + ".tmp", a.port_file)
    print("stripe double listening on http://%s:%d" % (a.host, port), flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
