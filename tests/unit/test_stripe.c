/* test_stripe.c: the pure parts of the Stripe provider (issue 16): Stripe's form encoding
 * (net/form.c) against stripe-node 11.18's stringifyRequestData, webhook signatures
 * (pay/stripe_webhook.c) against headers made by stripe-node's webhooks.generateTestHeaderString,
 * the plugin's status mapping and error mapping (pay/stripe.c), the retry policy and backoff
 * (net/https.c) as Stripe's libraries decide them, and the stripe_* config keys (core/conf.c).
 * The vectors were generated once with `npm install stripe@11.18.0` in a scratch directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <sodium.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/ctx.h"
#include "core/json.h"
#include "core/sbuf.h"
#include "net/form.h"
#include "net/https.h"
#include "pay/stripe.h"
#include "pay/stripe_webhook.h"
#include "tap.h"

/* JSON params → stripe-node's encoding (stripe/cjs/utils.js stringifyRequestData). */
static const char *const form_vectors[][2] = {
    {"{\"amount\":1000,\"currency\":\"eur\",\"metadata\":{\"resource_id\":\"cart_01HXYZ\"},"
     "\"capture_method\":\"manual\"}",
     "amount=1000&currency=eur&metadata[resource_id]=cart_01HXYZ&capture_method=manual"},
    {"{\"automatic_payment_methods\":{\"enabled\":true},\"description\":\"Order from Medusa "
     "Store\"}",
     "automatic_payment_methods[enabled]=true&description=Order%20from%20Medusa%20Store"},
    {"{\"email\":\"jane+test@example.com\"}", "email=jane%2Btest%40example.com"},
    {"{\"payment_method_types\":[\"card\",\"ideal\"]}",
     "payment_method_types[0]=card&payment_method_types[1]=ideal"},
    {"{\"metadata\":{\"note\":\"a b&c=d/\xc3\xa9\xe2\x82\xac[x]\",\"empty\":\"\"}}",
     "metadata[note]=a%20b%26c%3Dd%2F%C3%A9%E2%82%AC[x]&metadata[empty]="},
    {"{\"amount\":0,\"unset\":null,\"flag\":false}", "amount=0&unset=&flag=false"},
    {"{\"nested\":{\"deep\":{\"deeper\":\"v\"}},\"list\":[{\"a\":1},{\"b\":\"two\"}]}",
     "nested[deep][deeper]=v&list[0][a]=1&list[1][b]=two"},
    {"{\"description\":\"tab\\tnl\\n~*'()!\"}", "description=tab%09nl%0A~%2A%27%28%29%21"},
    /* qs leaves empty objects and arrays out. */
    {"{\"a\":{},\"b\":[],\"c\":\"x\"}", "c=x"},
};

#define SECRET "whsec_test_secret_0123456789"
#define P1     "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}"
#define H1     "t=1700000000,v1=e3c7f0afae65c4b272b26adf64c78f8ed739bb2aff5a58dd05a355b102e834ca"
#define P2                                                                                         \
    "{\n  \"id\": \"evt_2\",\n  \"object\": \"event\",\n  \"data\": {\"object\": {\"id\": "        \
    "\"pi_1\", \"metadata\": {\"resource_id\": \"cart_01\"}}}\n}"
#define H2 "t=1700000000,v1=42ecbb79d1c3af0a5aab120a6fdb06ec6b896ef4622306dae17fc8f2f456c205"
/* P1 signed with "whsec_other". */
#define H_OTHER "t=1700000000,v1=7760e255648e56bc4f3ee9de6c5f6cb88b9a824f2227d1c2316eae207e697713"
#define T0      1700000000

static enum stripe_sig verify(const char *header, const char *payload, int64_t now)
{
    return stripe_webhook_verify(SECRET, header, payload, payload ? strlen(payload) : 0, now,
                                 STRIPE_WEBHOOK_TOLERANCE);
}

static void test_form(void)
{
    for (size_t i = 0; i < sizeof(form_vectors) / sizeof(form_vectors[0]); i++) {
        struct json_object *o = json_tokener_parse(form_vectors[i][0]);
        struct sbuf sb = SBUF_INIT;
        char name[32];
        snprintf(name, sizeof(name), "form: stripe-node vector %zu", i + 1);
        form_encode(&sb, o);
        is_str(sb.buf ? sb.buf : "", form_vectors[i][1], name);
        sbuf_release(&sb);
        json_object_put(o);
    }
}

static void test_webhook(void)
{
    char hdr[128], multi[256];
    is_int(verify(H1, P1, T0), STRIPE_SIG_OK, "webhook: stripe-node's header verifies");
    is_int(verify(H2, P2, T0 + 10), STRIPE_SIG_OK, "webhook: a pretty-printed payload verifies");
    is_str(stripe_webhook_sign(hdr, sizeof(hdr), SECRET, P1, strlen(P1), T0), H1,
           "webhook: signing gives stripe-node's header byte for byte");
    is_int(verify(H1, P1, T0 + 300), STRIPE_SIG_OK, "webhook: 300 s old is inside the tolerance");
    is_int(verify(H1, P1, T0 + 301), STRIPE_SIG_STALE, "webhook: 301 s old is stale");
    is_int(verify(H1, P1, T0 - 3600), STRIPE_SIG_OK,
           "webhook: a timestamp in the future is accepted (as stripe-node)");
    is_int(verify(H_OTHER, P1, T0), STRIPE_SIG_MISMATCH, "webhook: another secret's signature");
    is_int(verify(H1, P2, T0), STRIPE_SIG_MISMATCH, "webhook: another payload");
    {
        char p[] = P1;
        p[10] ^= 1;
        is_int(verify(H1, p, T0), STRIPE_SIG_MISMATCH, "webhook: one bit changed");
    }
    is_int(verify(H_OTHER, P1, T0 + 1000), STRIPE_SIG_MISMATCH,
           "webhook: the signature is checked before the age");
    snprintf(multi, sizeof(multi), "t=1700000000,v1=%064d,v0=abc,%s", 0, H1 + 13);
    is_int(verify(multi, P1, T0), STRIPE_SIG_OK, "webhook: any of several v1 entries may match");
    is_int(
        verify("t=1700000000,v0=e3c7f0afae65c4b272b26adf64c78f8ed739bb2aff5a58dd05a355b102e834ca",
               P1, T0),
        STRIPE_SIG_NO_V1, "webhook: no v1 entry");
    is_int(verify("v1=e3c7f0afae65c4b272b26adf64c78f8ed739bb2aff5a58dd05a355b102e834ca", P1, T0),
           STRIPE_SIG_BAD_HEADER, "webhook: no timestamp");
    is_int(
        verify("t=17x,v1=e3c7f0afae65c4b272b26adf64c78f8ed739bb2aff5a58dd05a355b102e834ca", P1, T0),
        STRIPE_SIG_BAD_HEADER, "webhook: a timestamp that is not a number");
    is_int(verify("garbage", P1, T0), STRIPE_SIG_BAD_HEADER, "webhook: garbage header");
    is_int(verify("", P1, T0), STRIPE_SIG_NO_HEADER, "webhook: empty header");
    is_int(verify(NULL, P1, T0), STRIPE_SIG_NO_HEADER, "webhook: no header");
    is_int(verify(H1, "", T0), STRIPE_SIG_NO_PAYLOAD, "webhook: empty payload");
    is_int(
        verify("t=1700000000,v1=E3C7F0AFAE65C4B272B26ADF64C78F8ED739BB2AFF5A58DD05A355B102E834CA",
               P1, T0),
        STRIPE_SIG_MISMATCH, "webhook: upper-case hex does not match (stripe-node compares text)");
    is_int(verify("t=1700000000,v1=e3c7f0afae65c4b272b26adf64c78f8ed739bb2aff5a58dd05a355b102e834c",
                  P1, T0),
           STRIPE_SIG_MISMATCH, "webhook: a truncated signature");
    is_int(verify("t=1600000000,t=1700000000,v1=e3c7f0afae65c4b272b26adf64c78f8ed739bb2aff5a58dd05a"
                  "355b102e834ca",
                  P1, T0),
           STRIPE_SIG_OK, "webhook: the last t= wins (stripe-node's reduce)");
    is_str(stripe_webhook_message(STRIPE_SIG_STALE), "Timestamp outside the tolerance zone",
           "webhook: stripe-node's message for a stale event");
    is_str(stripe_webhook_message(STRIPE_SIG_NO_HEADER),
           "No stripe-signature header value was provided.",
           "webhook: stripe-node's message without a header");
}

/* A verified payload read into the event: the ids, the intent's status, data and failure. */
static void test_event_parse(void)
{
    static const char ev1[] =
        "{\"id\":\"evt_1\",\"type\":\"payment_intent.payment_failed\",\"livemode\":true,"
        "\"created\":1700000000,\"data\":{\"object\":{\"id\":\"pi_1\",\"status\":"
        "\"requires_payment_method\",\"amount\":4200,\"metadata\":{\"resource_id\":\"cart_1\"},"
        "\"last_payment_error\":{\"message\":\"Your card was declined.\"}}}}";
    struct arena a;
    struct stripe_hook_event ev;
    size_t at = 0;
    arena_init(&a);
    is_int(stripe_webhook_event(&a, ev1, strlen(ev1), &ev, &at), 0, "event: parses");
    is_str(ev.id, "evt_1", "event: id");
    is_str(ev.type, "payment_intent.payment_failed", "event: type");
    is_str(ev.object_id, "pi_1", "event: data.object.id");
    is_str(ev.resource_id, "cart_1", "event: metadata.resource_id");
    is_str(ev.object_status, "requires_payment_method", "event: the intent's status");
    is_str(ev.failure, "Your card was declined.", "event: last_payment_error.message");
    ok(ev.has_object && ev.livemode && ev.created == 1700000000,
       "event: object, livemode, created");
    ok(ev.object_data && strstr(ev.object_data, "\"amount\":4200"), "event: the intent as text");
    is_int(stripe_webhook_event(&a, "{\"id\":\"evt_2\",\"data\":{\"object\":7}}", 34, &ev, &at), 0,
           "event: an object that is not an object parses");
    ok(!ev.has_object && !ev.object_id && !ev.type, "event: ... and has no object, no type");
    is_int(stripe_webhook_event(&a, "{\"id\":", 6, &ev, &at), -1, "event: truncated JSON refused");
    is_int(stripe_webhook_event(&a, "{} x", 4, &ev, &at), -1, "event: trailing bytes refused");
    is_int((int)at, 3, "event: ... at the position parsing stopped");
    arena_release(&a);
}

static void test_status(void)
{
    static const char *const m[][2] = {
        {"requires_payment_method", "pending"},
        {"requires_confirmation", "pending"},
        {"processing", "pending"},
        {"requires_action", "requires_more"},
        {"canceled", "canceled"},
        {"requires_capture", "authorized"},
        {"succeeded", "authorized"},
        {"something_new", "pending"},
    };
    for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
        is_str(stripe_status_name(stripe_status_map(m[i][0])), m[i][1], m[i][0]);
    is_str(stripe_status_name(stripe_status_map(NULL)), "pending", "no status: pending");
}

static void test_errors(void)
{
    struct ctx c;
    struct stripe_error e;
    memset(&c, 0, sizeof(c));
    arena_init(&c.arena);

    stripe_error_parse(
        &c.arena, 402,
        "{\"error\":{\"code\":\"card_declined\",\"decline_code\":\"generic_decline\","
        "\"message\":\"Your card was declined.\",\"type\":\"card_error\","
        "\"payment_intent\":{\"id\":\"pi_1\",\"status\":\"requires_payment_method\"}}}",
        &e);
    is_int(e.status, 402, "error: status kept");
    is_str(e.type, "card_error", "error: type");
    is_str(e.code, "card_declined", "error: code");
    is_str(e.decline_code, "generic_decline", "error: decline code");
    is_str(e.message, "Your card was declined.", "error: Stripe's message");
    is_str(json_get_str_opt(e.payment_intent, "id"), "pi_1", "error: the intent it carries");
    stripe_error_record(&c, STRIPE_OP_INITIATE, &e);
    is_int(c.err.type, ERR_INVALID_DATA,
           "error: Medusa renders the plugin's error as invalid_data");
    is_str(c.err.code, "card_declined", "error: Stripe's code becomes Medusa's code");
    is_str(c.err.msg, STRIPE_OP_INITIATE,
           "error: the plugin's message, without Stripe's (StripeError has no detail)");

    err_clear(&c);
    stripe_error_parse(&c.arena, 500, "<html>bad gateway</html>", &e);
    is_str(e.type, "api_error", "error: a body that is no error object is an api_error");
    ok(e.code == NULL && e.payment_intent == NULL, "error: then no code and no intent");
    stripe_error_record(&c, STRIPE_OP_CAPTURE, &e);
    ok(c.err.code == NULL, "error: no code in Medusa's body then");
    is_str(c.err.msg, STRIPE_OP_CAPTURE, "error: the capture message");

    err_clear(&c);
    memset(&e, 0, sizeof(e));
    e.type = "api_connection_error";
    e.message = "An error occurred with our connection to Stripe. Request was retried 2 times.";
    stripe_error_record(&c, STRIPE_OP_REFUND, &e);
    is_str(c.err.msg,
           "An error occurred in refundPayment:\nAn error occurred with our connection to Stripe. "
           "Request was retried 2 times.",
           "error: not reached: the plugin's message and stripe-node's connection text");
    is_int(c.err.type, ERR_INVALID_DATA, "error: not reached: still invalid_data (400, no 5xx)");
    arena_release(&c.arena);
}

static struct https_response resp(int status, int neterr, int should_retry, const char *body)
{
    struct https_response r;
    memset(&r, 0, sizeof(r));
    r.status = status;
    r.neterr = (enum https_neterr)neterr;
    r.should_retry = should_retry;
    r.retry_after = -1;
    r.body = (char *)(uintptr_t)(body ? body : "");
    r.body_len = body ? strlen(body) : 0;
    return r;
}

static void test_retry(void)
{
    struct https_response r;
    r = resp(0, HTTPS_NET_CONNECT, -1, NULL);
    ok(https_should_retry(&r, 0, 2), "retry: connection refused");
    ok(!https_should_retry(&r, 2, 2), "retry: never past max_retries");
    r = resp(0, HTTPS_NET_TIMEOUT, -1, NULL);
    ok(https_should_retry(&r, 1, 2), "retry: timeout");
    r = resp(0, HTTPS_NET_RESET, -1, NULL);
    ok(https_should_retry(&r, 0, 0), "retry: a broken connection once even with 0 retries");
    ok(!https_should_retry(&r, 1, 1), "retry: but not twice past the limit");
    r = resp(0, HTTPS_NET_TLS, -1, NULL);
    ok(!https_should_retry(&r, 0, 2), "retry: never a TLS failure");
    r = resp(0, HTTPS_NET_TOOBIG, -1, NULL);
    ok(!https_should_retry(&r, 0, 2), "retry: never an oversized answer");
    r = resp(500, 0, -1, NULL);
    ok(https_should_retry(&r, 0, 2), "retry: 500");
    r = resp(503, 0, -1, NULL);
    ok(https_should_retry(&r, 1, 2), "retry: 503");
    r = resp(500, 0, 0, NULL);
    ok(!https_should_retry(&r, 0, 2), "retry: 500 with Stripe-Should-Retry: false");
    r = resp(400, 0, 1, NULL);
    ok(https_should_retry(&r, 0, 2), "retry: a 4xx with Stripe-Should-Retry: true");
    r = resp(409, 0, -1, "{\"error\":{\"code\":\"idempotency_key_in_use\"}}");
    ok(https_should_retry(&r, 0, 2), "retry: 409");
    r = resp(429, 0, -1,
             "{\"error\":{\"code\":\"lock_timeout\",\"type\":\"invalid_request_error\"}}");
    ok(https_should_retry(&r, 0, 2), "retry: 429 lock_timeout");
    r = resp(429, 0, -1, "{\"error\":{\"code\":\"rate_limit\",\"type\":\"rate_limit_error\"}}");
    ok(!https_should_retry(&r, 0, 2), "retry: not a 429 rate limit");
    r = resp(402, 0, -1, "{\"error\":{\"code\":\"card_declined\"}}");
    ok(!https_should_retry(&r, 0, 2), "retry: not a card decline");
    r = resp(400, 0, -1, NULL);
    ok(!https_should_retry(&r, 0, 2), "retry: not a 400");
    r = resp(401, 0, -1, NULL);
    ok(!https_should_retry(&r, 0, 2), "retry: not a 401");
    r = resp(404, 0, -1, NULL);
    ok(!https_should_retry(&r, 0, 2), "retry: not a 404");
    r = resp(200, 0, -1, NULL);
    ok(!https_should_retry(&r, 0, 2), "retry: not a 200");

    is_int(https_backoff_ms(1, -1, 0.0), 500, "backoff: first retry, least jitter: 0.5 s floor");
    is_int(https_backoff_ms(1, -1, 0.999), 500, "backoff: first retry, most jitter: 0.5 s");
    is_int(https_backoff_ms(2, -1, 0.0), 500, "backoff: second retry from 0.5 s");
    is_int(https_backoff_ms(2, -1, 0.5), 750, "backoff: second retry, half jitter");
    is_int(https_backoff_ms(3, -1, 0.0), 1000, "backoff: third retry from 1 s");
    is_int(https_backoff_ms(3, -1, 0.999), 1999, "backoff: third retry below 2 s");
    is_int(https_backoff_ms(8, -1, 0.999), 1999, "backoff: capped at 2 s");
    is_int(https_backoff_ms(1, 3, 0.0), 3000, "backoff: Retry-After 3 is honoured");
    is_int(https_backoff_ms(1, 61, 0.0), 500, "backoff: Retry-After above 60 s is ignored");
    is_int(https_backoff_ms(3, 1, 0.999), 1999, "backoff: a short Retry-After never shortens");
}

static void test_conf(void)
{
    struct conf cf;
    char err[256], *out = NULL;
    size_t len = 0;
    FILE *f;
    conf_init(&cf);
    is_str(cf.stripe_api_base, "https://api.stripe.com", "conf: Stripe's API by default");
    ok(cf.stripe_api_key == NULL, "conf: Stripe is off without a key");
    is_int(conf_set(&cf, "stripe_api_key", "pk_test_123", err, sizeof(err)), -1,
           "conf: a publishable key is refused");
    is_int(conf_set(&cf, "stripe_api_key", "sk_test_51Habcdefghijklmn1234", err, sizeof(err)), 0,
           "conf: a secret key");
    is_int(conf_set(&cf, "stripe_api_base", "http://example.com", err, sizeof(err)), -1,
           "conf: plain http only on loopback");
    is_int(conf_set(&cf, "stripe_api_base", "http://127.0.0.1:12111/", err, sizeof(err)), 0,
           "conf: a local double");
    is_str(cf.stripe_api_base, "http://127.0.0.1:12111", "conf: trailing slash dropped");
    is_int(conf_set(&cf, "stripe_api_base", "http://127.0.0.1.evil.com", err, sizeof(err)), -1,
           "conf: a host that only starts like loopback is refused");
    is_int(conf_set(&cf, "stripe_capture", "true", err, sizeof(err)), 0, "conf: capture");
    is_int(cf.stripe_capture, 1, "conf: capture = true");
    is_int(conf_set(&cf, "stripe_automatic_payment_methods", "maybe", err, sizeof(err)), -1,
           "conf: a bad boolean");
    is_int(conf_set(&cf, "stripe_webhook_secret", "whsec_abc", err, sizeof(err)), 0,
           "conf: webhook secret");
    f = open_memstream(&out, &len);
    conf_print(&cf, f);
    fclose(f);
    ok(strstr(out, "stripe_api_key = (set: sk_test_...1234, test mode)") != NULL,
       "conf: the key is shown by kind and last four characters");
    ok(strstr(out, "sk_test_51H") == NULL && strstr(out, "whsec_abc") == NULL,
       "conf: no secret is printed");
    ok(strstr(out, "stripe_webhook_secret = (set)") != NULL, "conf: the secret is (set)");
    free(out);
    conf_release(&cf);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    test_form();
    test_webhook();
    test_event_parse();
    test_status();
    test_errors();
    test_retry();
    test_conf();
    return done_testing();
}
