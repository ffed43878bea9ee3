/* stripe_check.c: `medusa-fcgi stripe-check` (stripe_check.h). Talks to Stripe (or the test double
 * stripe_api_base points at) through the same client the provider uses (pay/stripe.c), outside
 * any database transaction; never prints a secret, only its kind and last four characters. */
#include "stripe_check.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/ctx.h"
#include "core/json.h"
#include "pay/stripe.h"
#include "pay/stripe_webhook.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int test_mode(const char *key)
{
    return !strncmp(key, "sk_test_", 8) || !strncmp(key, "rk_test_", 8);
}

static int print_failure(const char *what, const struct stripe_error *e)
{
    printf("%s: FAILED: %s%s%s (HTTP %d, %s, %d attempt(s)%s%s)\n", what,
           e->message ? e->message : "no message", e->code ? " code " : "", e->code ? e->code : "",
           e->status, e->type ? e->type : "?", e->attempts, *e->request_id ? ", " : "",
           e->request_id);
    return -1;
}

static int print_medusa_error(const char *what, const struct ctx *c)
{
    printf("%s: FAILED: Medusa would answer %s%s%s: %s\n", what, err_type_name(c->err.type),
           c->err.code ? " code " : "", c->err.code ? c->err.code : "", c->err.msg);
    return -1;
}

static int fail(const char *msg)
{
    printf("%s\n", msg);
    return -1;
}

static int check_key(struct ctx *c)
{
    struct stripe_error e;
    struct json_object *bal, *avail;
    double t0 = now_ms();
    if (!(bal = stripe_balance_retrieve(c, &e))) {
        print_failure("api key", &e);
        return -1;
    }
    printf("api key: ok (GET /v1/balance in %.1f ms, %d attempt(s), livemode %s", now_ms() - t0,
           e.attempts, json_object_get_boolean(json_get(bal, "livemode")) ? "true" : "false");
    if ((avail = json_get(bal, "available")) && json_object_is_type(avail, json_type_array))
        for (size_t i = 0; i < json_object_array_length(avail); i++) {
            struct json_object *b = json_object_array_get_idx(avail, i);
            printf("%s %" PRId64 " %s", i ? "," : "; available",
                   json_object_get_int64(json_get(b, "amount")),
                   json_get_str_opt(b, "currency") ? json_get_str_opt(b, "currency") : "?");
        }
    printf(")\n");
    return 0;
}

static int check_secret(const struct conf *cf)
{
    static const char sample[] = "{\"id\":\"evt_check\",\"object\":\"event\"}";
    char hdr[128];
    int64_t t = (int64_t)time(NULL);
    if (!cf->stripe_webhook_secret) {
        printf("webhook secret: FAILED: stripe_webhook_secret (STRIPE_WEBHOOK_SECRET) is not set: "
               "POST /stripe/hooks refuses every event\n");
        return -1;
    }
    if (strncmp(cf->stripe_webhook_secret, "whsec_", 6)) {
        printf("webhook secret: FAILED: it does not look like an endpoint's signing secret "
               "(whsec_...)\n");
        return -1;
    }
    /* Stripe offers no call to check a signing secret: sign and verify a sample locally, and tell
     * the owner how to check it end to end. */
    stripe_webhook_sign(hdr, sizeof(hdr), cf->stripe_webhook_secret, sample, sizeof(sample) - 1, t);
    if (stripe_webhook_verify(cf->stripe_webhook_secret, hdr, sample, sizeof(sample) - 1, t,
                              STRIPE_WEBHOOK_TOLERANCE) != STRIPE_SIG_OK) {
        printf("webhook secret: FAILED: a sample signed with it does not verify\n");
        return -1;
    }
    printf("webhook secret: set (whsec_...); Stripe cannot check it from here: send a test event "
           "from the Dashboard to https://YOUR-SHOP/stripe/hooks and look for 200\n");
    return 0;
}

/* The provider's calls in test mode, one line each. */
static int round_trip(struct ctx *c)
{
    struct stripe_session_input in = {
        100, "usd", "stripe-check", "stripe-check@example.com", NULL, "medusa-fcgi stripe-check"};
    struct stripe_intent_input card;
    struct stripe_error e;
    struct json_object *pi, *pi2, *again;
    enum stripe_session_status st;
    const char *cus;

    if (stripe_provider_initiate(c, &in, NULL, &pi, &cus) < 0)
        return print_medusa_error("initiate (customer + intent)", c);
    printf("initiate: ok (customer %s, intent %s, status %s, amount %" PRId64
           ", client_secret %s)\n",
           cus ? cus : "?", json_get_str_opt(pi, "id"), json_get_str_opt(pi, "status"),
           json_object_get_int64(json_get(pi, "amount")),
           json_get_str_opt(pi, "client_secret") ? "present" : "MISSING");
    in.customer_stripe_id = cus;
    in.amount = 200;
    if (stripe_provider_update(c, &in, pi, NULL, &pi2, &cus) < 0)
        return print_medusa_error("update (amount)", c);
    if (!pi2 || json_object_get_int64(json_get(pi2, "amount")) != 200)
        return fail("update (amount): FAILED: the amount is not 200");
    printf("update: ok (amount %" PRId64 ")\n", json_object_get_int64(json_get(pi2, "amount")));
    if (stripe_provider_status(c, pi2, &st, &again) < 0)
        return print_medusa_error("status", c);
    printf("status: ok (%s: %s)\n", json_get_str_opt(again, "status"), stripe_status_name(st));
    if (!(again = stripe_provider_cancel(c, pi2, NULL)))
        return print_medusa_error("cancel", c);
    printf("cancel: ok (%s)\n", json_get_str_opt(again, "status"));
    if (!(again = stripe_provider_cancel(c, pi2, NULL)))
        return print_medusa_error("cancel again", c);
    printf("cancel again: ok (already %s: the plugin's recovery)\n",
           json_get_str_opt(again, "status"));

    memset(&card, 0, sizeof(card));
    card.amount = 300;
    card.currency = "usd";
    card.resource_id = "stripe-check";
    card.customer = in.customer_stripe_id;
    card.payment_method = "pm_card_visa"; /* Stripe's test card */
    if (!(pi = stripe_intent_create(c, &card, NULL, &e)))
        return print_failure("card intent (pm_card_visa)", &e);
    printf("card intent: ok (%s, status %s)\n", json_get_str_opt(pi, "id"),
           json_get_str_opt(pi, "status"));
    if (stripe_provider_status(c, pi, &st, &again) < 0)
        return print_medusa_error("status", c);
    printf("status: ok (%s: %s)\n", json_get_str_opt(again, "status"), stripe_status_name(st));
    if (!(again = stripe_provider_capture(c, pi, NULL)))
        return print_medusa_error("capture", c);
    printf("capture: ok (%s, amount_received %" PRId64 ")\n", json_get_str_opt(again, "status"),
           json_object_get_int64(json_get(again, "amount_received")));
    if (!(again = stripe_provider_capture(c, pi, NULL)))
        return print_medusa_error("capture again", c);
    printf("capture again: ok (already %s: the plugin's recovery)\n",
           json_get_str_opt(again, "status"));
    if (stripe_provider_refund(c, pi, 100, NULL) < 0)
        return print_medusa_error("refund", c);
    printf("refund: ok (100 of 300)\n");
    if (stripe_provider_refund(c, pi, 1000, NULL) == 0)
        return fail("refund beyond the charge: FAILED: Stripe accepted it");
    printf("refund beyond the charge: refused as expected (Medusa would answer %s%s%s: %s)\n",
           err_type_name(c->err.type), c->err.code ? " code " : "", c->err.code ? c->err.code : "",
           c->err.msg);
    err_clear(c);
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int time_calls(struct ctx *c, long n)
{
    double *ms = calloc((size_t)n, sizeof(double)), sum = 0;
    struct stripe_error e;
    long i, p99 = (long)((double)n * 0.99);
    if (!ms)
        return -1;
    for (i = 0; i < n; i++) {
        double t0 = now_ms();
        if (!stripe_balance_retrieve(c, &e)) {
            print_failure("timed calls", &e);
            free(ms);
            return -1;
        }
        ms[i] = now_ms() - t0;
        sum += ms[i];
        arena_reset(&c->arena);
    }
    qsort(ms, (size_t)n, sizeof(double), cmp_double);
    printf("calls: %ld x GET /v1/balance through the client: mean %.3f ms, p50 %.3f ms, p99 %.3f "
           "ms, max %.3f ms\n",
           n, sum / (double)n, ms[n / 2], ms[p99 < n ? p99 : n - 1], ms[n - 1]);
    free(ms);
    return 0;
}

int stripe_check_cmd(const struct conf *cf, int trip, const char *calls)
{
    struct ctx c;
    long n = 0;
    int rc = 0;
    char *end;

    if (calls) {
        errno = 0;
        n = strtol(calls, &end, 10);
        if (errno || end == calls || *end || n < 1 || n > 1000000) {
            fprintf(stderr, "medusa-fcgi: --calls needs a number from 1 to 1000000\n");
            return 2;
        }
    }
    printf("stripe_api_base = %s (Stripe-Version %s)\n", cf->stripe_api_base, STRIPE_API_VERSION);
    if (!cf->stripe_api_key) {
        printf("api key: FAILED: stripe_api_key (STRIPE_API_KEY) is not set: Stripe is off\n");
        return 1;
    }
    printf("api key: %s mode, capture %s, automatic_payment_methods %s\n",
           test_mode(cf->stripe_api_key) ? "test" : "live",
           cf->stripe_capture ? "automatic" : "manual",
           cf->stripe_automatic_payment_methods ? "on" : "off");
    if (trip && !test_mode(cf->stripe_api_key)) {
        fprintf(stderr, "medusa-fcgi: --round-trip needs a test-mode key (sk_test_ or rk_test_)\n");
        return 2;
    }
    memset(&c, 0, sizeof(c));
    arena_init(&c.arena);
    c.conf = cf;
    if (check_key(&c) < 0)
        rc = 1;
    if (check_secret(cf) < 0)
        rc = 1;
    if (!rc && trip && round_trip(&c) < 0)
        rc = 1;
    if (!rc && n && time_calls(&c, n) < 0)
        rc = 1;
    printf("%s\n", rc ? "stripe-check: FAILED" : "stripe-check: ok");
    stripe_release(&c);
    arena_release(&c.arena);
    return rc;
}
