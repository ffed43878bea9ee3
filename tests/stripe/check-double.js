// check-double.js: the Stripe test double (double.py) through the official `stripe` library,
// stripe-node 11.18.0, the version medusa-payment-stripe 6 depends on (API version 2022-11-15):
// every call the provider makes parses, the objects have exactly the fields stripe-node's type
// declarations give (every required one, nothing unknown), errors arrive as the StripeError
// classes and carry what the plugin reads (code, payment_intent), idempotency behaves, and the
// webhooks the double sends pass stripe.webhooks.constructEvent. Prints TAP.
// Usage: node check-double.js DOUBLE_URL API_KEY   (NODE_PATH holds node_modules/stripe)
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const Stripe = require('stripe');

const [base, key] = process.argv.slice(2);
const url = new URL(base);
const stripe = new Stripe(key, {
  apiVersion: '2022-11-15',
  host: url.hostname,
  port: url.port,
  protocol: 'http',
  maxNetworkRetries: 0,
});
const SECRET = 'whsec_check_double_secret';

let n = 0;
let failed = 0;
function ok(cond, name, diag) {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? '' : 'not '}ok ${n} - ${name}`);
  if (!cond && diag) console.log(`# ${String(diag).replace(/\n/g, '\n# ')}`);
}

// The top-level properties of `interface NAME` in stripe-node's types/FILE.d.ts: {all, required}.
const typesDir = path.join(path.dirname(require.resolve('stripe')), '..', 'types');
function iface(file, name) {
  const src = fs.readFileSync(path.join(typesDir, file), 'utf8');
  const m = src.match(new RegExp(`\\n    interface ${name} \\{\\n([\\s\\S]*?)\\n    \\}\\n`));
  if (!m) throw new Error(`no interface ${name} in ${file}`);
  const all = [];
  const required = [];
  for (const line of m[1].split('\n')) {
    const p = line.match(/^      (\w+)(\??): /);
    if (!p) continue;
    all.push(p[1]);
    if (!p[2]) required.push(p[1]);
  }
  return {all, required};
}
const SHAPES = {
  customer: iface('Customers.d.ts', 'Customer'),
  payment_intent: iface('PaymentIntents.d.ts', 'PaymentIntent'),
  refund: iface('Refunds.d.ts', 'Refund'),
  balance: iface('Balance.d.ts', 'Balance'),
  event: iface('Events.d.ts', 'Event'),
};
function shape(obj, kind, what) {
  const s = SHAPES[kind];
  const keys = Object.keys(obj).filter((k) => k !== 'lastResponse');
  const missing = s.required.filter((k) => !keys.includes(k));
  const unknown = keys.filter((k) => !s.all.includes(k));
  ok(missing.length === 0 && unknown.length === 0,
    `${what}: the fields of stripe-node's ${kind} type`,
    `missing: ${missing.join(', ')}; unknown: ${unknown.join(', ')}`);
}
// Stripe's error object: StripeRawError's fields plus doc_url and request_log_url.
const ERROR_FIELDS = ['message', 'type', 'code', 'doc_code', 'decline_code', 'param', 'detail',
  'charge', 'payment_intent', 'payment_method', 'setup_intent', 'source', 'doc_url',
  'request_log_url'];
async function rejects(promise, check, name) {
  try {
    await promise;
    ok(false, name, 'the call succeeded');
  } catch (e) {
    let r;
    try {
      r = check(e);
    } catch (x) {
      r = false;
    }
    ok(r === true, name, `${e.type} ${e.statusCode} ${e.code}: ${e.message}`);
    const unknown = Object.keys(e.raw || {}).filter(
      (k) => !ERROR_FIELDS.includes(k) && !['headers', 'statusCode', 'requestId'].includes(k));
    ok(unknown.length === 0, `${name}: only Stripe's error fields`, unknown.join(', '));
    return e;
  }
}

function control(method, p, body) {
  return new Promise((resolve, reject) => {
    const data = body ? JSON.stringify(body) : '';
    const req = http.request(`${base}/_double/${p}`, {
      method,
      headers: {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data)},
    }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({status: res.statusCode, body: JSON.parse(text || '{}')}));
    });
    req.on('error', reject);
    req.end(data);
  });
}

// A local endpoint that keeps what Stripe (the double) sends it, raw.
function receiver() {
  const got = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({headers: req.headers, body: Buffer.concat(chunks)});
      res.writeHead(200, {'Content-Type': 'text/plain'});
      res.end('OK');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({server, got})));
}

async function main() {
  const cus = await stripe.customers.create({email: 'check@example.com'});
  ok(cus.id.startsWith('cus_') && cus.email === 'check@example.com', 'customers.create');
  shape(cus, 'customer', 'customer');

  // As medusa-payment-stripe's initiatePayment sends it.
  const pi = await stripe.paymentIntents.create({
    description: 'check', amount: 1000, currency: 'eur', metadata: {resource_id: 'cart_01CHECK'},
    capture_method: 'manual', customer: cus.id,
  });
  ok(pi.status === 'requires_payment_method' && pi.amount === 1000 && pi.currency === 'eur' &&
     pi.metadata.resource_id === 'cart_01CHECK' && pi.capture_method === 'manual' &&
     pi.customer === cus.id, 'paymentIntents.create as the plugin sends it');
  ok(pi.client_secret.startsWith(`${pi.id}_secret_`), 'the client_secret the storefront uses');
  ok(!('charges' in pi) && pi.latest_charge === null, 'API 2022-11-15: latest_charge, no charges');
  shape(pi, 'payment_intent', 'payment intent');
  const apm = await stripe.paymentIntents.create({
    amount: 500, currency: 'usd', metadata: {resource_id: 'cart_x'},
    automatic_payment_methods: {enabled: true},
  });
  ok(apm.automatic_payment_methods && apm.automatic_payment_methods.enabled === true &&
     apm.capture_method === 'automatic', 'automatic_payment_methods[enabled] and the default capture');

  const up = await stripe.paymentIntents.update(pi.id, {amount: 2000});
  ok(up.amount === 2000 && up.id === pi.id, 'paymentIntents.update (the amount)');
  const again = await stripe.paymentIntents.retrieve(pi.id);
  ok(again.amount === 2000 && again.status === 'requires_payment_method', 'paymentIntents.retrieve');

  const conf = await control('POST', `payment_intents/${pi.id}/confirm`, {payment_method: 'pm_card_visa'});
  ok(conf.status === 200 && conf.body.status === 'requires_capture' &&
     conf.body.amount_capturable === 2000 && /^ch_/.test(conf.body.latest_charge),
  'the browser confirms: requires_capture', JSON.stringify(conf.body).slice(0, 300));
  const cap = await stripe.paymentIntents.capture(pi.id);
  ok(cap.status === 'succeeded' && cap.amount_received === 2000 && cap.amount_capturable === 0,
    'paymentIntents.capture');
  shape(cap, 'payment_intent', 'captured intent');
  await rejects(stripe.paymentIntents.capture(pi.id),
    (e) => e.type === 'StripeInvalidRequestError' && e.code === 'payment_intent_unexpected_state' &&
      e.payment_intent.status === 'succeeded',
    'capture twice: payment_intent_unexpected_state with error.payment_intent (the plugin reads it)');

  const re = await stripe.refunds.create({amount: 500, payment_intent: pi.id});
  ok(re.status === 'succeeded' && re.amount === 500 && re.payment_intent === pi.id &&
     re.charge === cap.latest_charge, 'refunds.create as the plugin sends it');
  shape(re, 'refund', 'refund');
  await rejects(stripe.refunds.create({amount: 5000, payment_intent: pi.id}),
    (e) => e.type === 'StripeInvalidRequestError' && e.statusCode === 400 && e.param === 'amount',
    'a refund beyond the charge');

  const pi2 = await stripe.paymentIntents.create({amount: 300, currency: 'eur', metadata: {resource_id: 'c'}});
  const can = await stripe.paymentIntents.cancel(pi2.id);
  ok(can.status === 'canceled' && typeof can.canceled_at === 'number', 'paymentIntents.cancel');
  await rejects(stripe.paymentIntents.cancel(pi2.id),
    (e) => e.code === 'payment_intent_unexpected_state' && e.payment_intent.status === 'canceled',
    'cancel twice: error.payment_intent.status canceled (the plugin reads it)');

  const pi3 = await stripe.paymentIntents.create({amount: 300, currency: 'eur'});
  await rejects(stripe.paymentIntents.confirm(pi3.id, {payment_method: 'pm_card_chargeDeclined'}),
    (e) => e.type === 'StripeCardError' && e.statusCode === 402 && e.code === 'card_declined' &&
      e.decline_code === 'generic_decline' &&
      e.payment_intent.last_payment_error.code === 'card_declined' &&
      e.payment_intent.status === 'requires_payment_method',
    'a declined card: StripeCardError 402 card_declined');
  const pi4 = await stripe.paymentIntents.create({amount: 300, currency: 'eur'});
  const act = await stripe.paymentIntents.confirm(pi4.id, {payment_method: 'pm_card_threeDSecure2Required'});
  ok(act.status === 'requires_action' && act.next_action.type === 'use_stripe_sdk', '3-D Secure: requires_action');

  await rejects(stripe.paymentIntents.retrieve('pi_missing'),
    (e) => e.type === 'StripeInvalidRequestError' && e.statusCode === 404 && e.code === 'resource_missing',
    'an unknown intent: resource_missing 404');
  await rejects(stripe.paymentIntents.create({currency: 'eur'}),
    (e) => e.code === 'parameter_missing' && e.param === 'amount', 'a missing amount');

  const k = `check-${Date.now()}`;
  const a = await stripe.customers.create({email: 'i@example.com'}, {idempotencyKey: k});
  const b = await stripe.customers.create({email: 'i@example.com'}, {idempotencyKey: k});
  ok(a.id === b.id && b.lastResponse.headers['idempotent-replayed'] === 'true',
    'idempotency: the same key and parameters replay the first answer');
  await rejects(stripe.customers.create({email: 'other@example.com'}, {idempotencyKey: k}),
    (e) => e.type === 'StripeIdempotencyError' && e.statusCode === 400,
    'idempotency: the same key with other parameters is an idempotency_error');

  const bal = await stripe.balance.retrieve();
  shape(bal, 'balance', 'balance');
  await rejects(new Stripe('sk_test_wrong_key_0000', {
    apiVersion: '2022-11-15', host: url.hostname, port: url.port, protocol: 'http',
  }).balance.retrieve(), (e) => e.type === 'StripeAuthenticationError' && e.statusCode === 401,
  'a wrong key: StripeAuthenticationError');

  // Webhooks: the double signs what it sends; constructEvent (the plugin's route) verifies it.
  const {server, got} = await receiver();
  const hook = `http://127.0.0.1:${server.address().port}/stripe/hooks`;
  await control('POST', 'webhooks/endpoint', {url: hook, secret: SECRET, auto: false});
  const pi5 = await stripe.paymentIntents.create({amount: 900, currency: 'eur', metadata: {resource_id: 'cart_HOOK'}, capture_method: 'manual'});
  await control('POST', `payment_intents/${pi5.id}/confirm`, {payment_method: 'pm_card_visa'});
  await stripe.paymentIntents.capture(pi5.id);
  const del = await control('POST', 'webhooks/deliver', {});
  ok(del.status === 200 && got.length >= 3, 'the double delivers its events', JSON.stringify(del.body).slice(0, 300));
  const seen = [];
  for (const g of got) {
    let ev;
    try {
      ev = stripe.webhooks.constructEvent(g.body, g.headers['stripe-signature'], SECRET);
    } catch (e) {
      ok(false, 'constructEvent verifies a delivered event', e.message);
      continue;
    }
    seen.push(ev.type);
    if (ev.data.object.id !== pi5.id) continue;
    shape(ev, 'event', `event ${ev.type}`);
    shape(ev.data.object, 'payment_intent', `event ${ev.type}: data.object`);
    ok(ev.api_version === '2022-11-15' && g.headers['content-type'].startsWith('application/json'),
      `event ${ev.type}: the API version and Content-Type`);
  }
  for (const t of ['payment_intent.created', 'payment_intent.amount_capturable_updated', 'payment_intent.succeeded']) {
    ok(seen.includes(t), `a ${t} event was delivered and verified`, seen.join(', '));
  }
  got.length = 0;
  const bad = await control('POST', 'webhooks/send', {url: hook, secret: SECRET, type: 'payment_intent.succeeded', object_id: pi5.id, signature: 'bad'});
  let refused = false;
  try {
    stripe.webhooks.constructEvent(got[0].body, got[0].headers['stripe-signature'], SECRET);
  } catch (e) {
    refused = e.type === 'StripeSignatureVerificationError';
  }
  ok(bad.status === 200 && refused, "a 'bad' signature from the double is refused by constructEvent");
  got.length = 0;
  await control('POST', 'webhooks/send', {url: hook, secret: SECRET, type: 'payment_intent.succeeded', object_id: pi5.id, signature: 'multi'});
  let multi = false;
  try {
    multi = stripe.webhooks.constructEvent(got[0].body, got[0].headers['stripe-signature'], SECRET).type === 'payment_intent.succeeded';
  } catch (e) {
    multi = false;
  }
  ok(multi, "a 'multi' signature (a rolled secret) verifies");
  got.length = 0;
  const stale = Math.floor(Date.now() / 1000) - 301;
  await control('POST', 'webhooks/send', {url: hook, secret: SECRET, type: 'payment_intent.succeeded', object_id: pi5.id, timestamp: stale});
  let old = false;
  try {
    stripe.webhooks.constructEvent(got[0].body, got[0].headers['stripe-signature'], SECRET);
  } catch (e) {
    old = /tolerance/.test(e.message);
  }
  ok(old, 'a signature 301 s old is outside stripe-node\'s tolerance');
  server.close();
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  ok(false, 'the checks ran to the end', e.stack);
  console.log(`1..${n}`);
  process.exit(1);
});
