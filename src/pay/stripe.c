/* stripe.c: Stripe's API over net/https.c, and medusa-payment-stripe 6.0.11's provider methods on
 * top (core/stripe-base.js: initiatePayment, updatePayment, getPaymentStatus, capturePayment,
 * cancelPayment, refundPayment, retrievePayment). Never called inside a database transaction;
 * never lets Stripe's messages reach a client (they go to the log). */
#include "pay/stripe.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>
#include <sodium.h>

#include "core/conf.h"
#include "core/json.h"
#include "core/log.h"
#include "core/sbuf.h"
#include "db/db.h"
#include "net/form.h"
#include "net/https.h"

/* ---- pure ------------------------------------------------------------------------------- */

enum stripe_session_status stripe_status_map(const char *s)
{
    if (!s)
        return STRIPE_SESSION_PENDING;
    if (!strcmp(s, "requires_action"))
        return STRIPE_SESSION_REQUIRES_MORE;
    if (!strcmp(s, "canceled"))
        return STRIPE_SESSION_CANCELED;
    if (!strcmp(s, "requires_capture") || !strcmp(s, "succeeded"))
        return STRIPE_SESSION_AUTHORIZED;
    /* requires_payment_method, requires_confirmation, processing and anything newer. */
    return STRIPE_SESSION_PENDING;
}

const char *stripe_status_name(enum stripe_session_status s)
{
    switch (s) {
    case STRIPE_SESSION_REQUIRES_MORE:
        return "requires_more";
    case STRIPE_SESSION_AUTHORIZED:
        return "authorized";
    case STRIPE_SESSION_CANCELED:
        return "canceled";
    default:
        return "pending";
    }
}

static const char *dup_str(struct arena *a, struct json_object *o, const char *key)
{
    const char *s = json_get_str_opt(o, key);
    return s ? arena_strdup(a, s) : NULL;
}

void stripe_error_parse(struct arena *a, int status, const char *body, struct stripe_error *e)
{
    struct json_object *root = body ? json_own(a, json_tokener_parse(body)) : NULL;
    struct json_object *err = root ? json_get(root, "error") : NULL;
    e->status = status;
    e->payment_intent = NULL;
    if (!err || !json_object_is_type(err, json_type_object)) {
        e->type = "api_error";
        e->code = e->decline_code = e->param = NULL;
        e->message = arena_printf(a, "Stripe answered %d without an error object", status);
        return;
    }
    e->type = dup_str(a, err, "type");
    if (!e->type)
        e->type = "api_error";
    e->code = dup_str(a, err, "code");
    e->decline_code = dup_str(a, err, "decline_code");
    e->message = dup_str(a, err, "message");
    e->param = dup_str(a, err, "param");
    e->payment_intent = json_get(err, "payment_intent");
    if (e->payment_intent && !json_object_is_type(e->payment_intent, json_type_object))
        e->payment_intent = NULL;
}

int stripe_error_record(struct ctx *c, const char *op, const struct stripe_error *e)
{
    /* PaymentProviderService.throwFromPaymentProcessorError: invalid_data, `${error}` plus
     * `:\n${detail}` when the plugin has a detail, which for Stripe's API errors it has not
     * (StripeError.detail is undefined) and for connection errors is the network failure. */
    if (e->status == 0 && e->message)
        return err_set_code(c, ERR_INVALID_DATA, e->code, "%s:\n%s", op, e->message);
    return err_set_code(c, ERR_INVALID_DATA, e->code, "%s", op);
}

/* ---- the call ------------------------------------------------------------------------- */

static void error_init(struct stripe_error *e)
{
    memset(e, 0, sizeof(*e));
    e->request_id = "";
}

static struct https *connection(struct ctx *c)
{
    if (!c->https)
        c->https = https_new();
    return c->https;
}

void stripe_release(struct ctx *c)
{
    https_free(c->https);
    c->https = NULL;
}

/* A random Idempotency-Key for a POST the caller gave none (stripe-node: stripe-node-retry-<uuid>).
 */
static const char *random_key(struct arena *a)
{
    unsigned char b[16];
    char hex[33];
    randombytes_buf(b, sizeof(b));
    sodium_bin2hex(hex, sizeof(hex), b, sizeof(b));
    return arena_printf(a, "medusa-fcgi-%s", hex);
}

struct json_object *stripe_call(struct ctx *c, const char *method, const char *path,
                                struct json_object *params, const char *idem,
                                struct stripe_error *e)
{
    const struct conf *cf = c->conf;
    struct https_request rq;
    struct https_response res;
    struct sbuf form = SBUF_INIT;
    const char *hdrs[6];
    int nh = 0, post = !strcmp(method, "POST");
    struct https *h;
    struct json_object *obj;

    error_init(e);
    if (c->db && db_in_transaction(c->db)) {
        /* A programmer error: the write lock would be held for as long as Stripe takes. */
        log_error("stripe: %s %s refused inside a database transaction", method, path);
        e->type = "api_connection_error";
        e->message = "Stripe call inside a database transaction";
        err_set(c, ERR_UNEXPECTED_STATE, "A Stripe call was made inside a database transaction");
        return NULL;
    }
    if (!cf->stripe_api_key) {
        e->type = "api_connection_error";
        e->message = "Stripe is not configured (stripe_api_key)";
        err_set(c, ERR_UNEXPECTED_STATE, "Stripe is not configured");
        return NULL;
    }
    if (!(h = connection(c))) {
        e->type = "api_connection_error";
        e->message = "An error occurred with our connection to Stripe.";
        log_error("stripe: libcurl could not be initialised");
        return NULL;
    }
    if (params)
        form_encode(&form, params);
    if (post && !idem)
        idem = random_key(&c->arena);

    hdrs[nh++] = arena_printf(&c->arena, "Authorization: Bearer %s", cf->stripe_api_key);
    hdrs[nh++] = "Stripe-Version: " STRIPE_API_VERSION;
    hdrs[nh++] = "Accept: application/json";
    if (post) {
        hdrs[nh++] = "Content-Type: application/x-www-form-urlencoded";
        hdrs[nh++] = arena_printf(&c->arena, "Idempotency-Key: %s", idem);
    }
    hdrs[nh] = NULL;

    memset(&rq, 0, sizeof(rq));
    rq.method = method;
    if (!post && form.len)
        rq.url = arena_printf(&c->arena, "%s%s?%s", cf->stripe_api_base, path, form.buf);
    else
        rq.url = arena_printf(&c->arena, "%s%s", cf->stripe_api_base, path);
    if (post) {
        rq.body = form.len ? arena_strndup(&c->arena, form.buf, form.len) : "";
        rq.body_len = form.len;
    }
    sbuf_release(&form);
    rq.headers = hdrs;
    rq.timeout_ms = cf->stripe_timeout_ms;
    rq.connect_timeout_ms = cf->stripe_timeout_ms < 5000 ? cf->stripe_timeout_ms : 5000;
    rq.deadline_ms = STRIPE_DEADLINE_MS;
    rq.max_retries = cf->stripe_max_retries;
    rq.max_response = STRIPE_MAX_RESPONSE;

    if (https_send(h, &c->arena, &rq, &res) < 0) {
        e->attempts = res.attempts;
        e->type = "api_connection_error";
        /* stripe-node's words (RequestSender): the client sees them, never libcurl's. */
        if (res.neterr == HTTPS_NET_TIMEOUT)
            e->message =
                arena_printf(&c->arena, "Request aborted due to timeout being reached (%dms)",
                             cf->stripe_timeout_ms);
        else if (res.attempts > 1)
            e->message = arena_printf(&c->arena,
                                      "An error occurred with our connection to Stripe. Request "
                                      "was retried %d times.",
                                      res.attempts - 1);
        else
            e->message = "An error occurred with our connection to Stripe.";
        log_warn("stripe: %s %s: no answer after %d attempt(s) in %ldms: %s", method, path,
                 res.attempts, res.elapsed_ms, res.errmsg);
        return NULL;
    }
    e->attempts = res.attempts;
    e->request_id = arena_strdup(&c->arena, res.request_id);
    if (res.status >= 200 && res.status < 300) {
        obj = json_own(&c->arena, json_tokener_parse(res.body));
        if (obj && json_object_is_type(obj, json_type_object)) {
            log_debug("stripe: %s %s %d in %ldms (%d attempt(s), %s)", method, path, res.status,
                      res.elapsed_ms, res.attempts, res.request_id);
            return obj;
        }
        e->status = res.status;
        e->type = "api_error";
        e->message = "Stripe's answer is not a JSON object";
        log_warn("stripe: %s %s %d: the answer is not a JSON object (%s)", method, path, res.status,
                 res.request_id);
        return NULL;
    }
    stripe_error_parse(&c->arena, res.status, res.body, e);
    e->attempts = res.attempts;
    e->request_id = arena_strdup(&c->arena, res.request_id);
    log_warn("stripe: %s %s %d after %d attempt(s): %s%s%s: %s (%s)", method, path, res.status,
             res.attempts, e->type, e->code ? "/" : "", e->code ? e->code : "",
             e->message ? e->message : "", res.request_id);
    return NULL;
}

/* ---- one function per API call --------------------------------------------------------- */

static struct json_object *params_new(struct ctx *c)
{
    return json_own(&c->arena, json_object_new_object());
}

/* "/v1/payment_intents/<id><suffix>" */
static const char *intent_path(struct ctx *c, const char *id, const char *suffix)
{
    /* An id goes into the path: only characters Stripe ids have (they are [A-Za-z0-9_]). */
    static const char hex[] = "0123456789ABCDEF";
    char *esc = arena_alloc(&c->arena, strlen(id) * 3 + 1), *o = esc;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '_' || *p == '-') {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
        }
    }
    *o = '\0';
    return arena_printf(&c->arena, "/v1/payment_intents/%s%s", esc, suffix);
}

struct json_object *stripe_customer_create(struct ctx *c, const char *email, const char *idem,
                                           struct stripe_error *e)
{
    struct json_object *p = params_new(c);
    if (email)
        json_set_str(p, "email", email);
    return stripe_call(c, "POST", "/v1/customers", p, idem, e);
}

struct json_object *stripe_intent_create(struct ctx *c, const struct stripe_intent_input *in,
                                         const char *idem, struct stripe_error *e)
{
    struct json_object *p = params_new(c), *meta = json_object_new_object(), *apm;
    /* The plugin's order: description, amount, currency, metadata, capture_method, then
     * automatic_payment_methods and customer. */
    if (in->description)
        json_set_str(p, "description", in->description);
    json_set_int(p, "amount", in->amount);
    json_set_str(p, "currency", in->currency);
    json_set_str(meta, "resource_id", in->resource_id);
    json_set(p, "metadata", meta);
    json_set_str(p, "capture_method", in->capture ? "automatic" : "manual");
    if (in->automatic_payment_methods) {
        apm = json_object_new_object();
        json_set_bool(apm, "enabled", 1);
        json_set(p, "automatic_payment_methods", apm);
    }
    if (in->customer)
        json_set_str(p, "customer", in->customer);
    if (in->payment_method) {
        struct json_object *types = json_object_new_array();
        json_object_array_add(types, json_object_new_string("card"));
        json_set(p, "payment_method_types", types);
        json_set_str(p, "payment_method", in->payment_method);
        json_set_bool(p, "confirm", 1);
    }
    return stripe_call(c, "POST", "/v1/payment_intents", p, idem, e);
}

struct json_object *stripe_intent_update_amount(struct ctx *c, const char *id, int64_t amount,
                                                const char *idem, struct stripe_error *e)
{
    struct json_object *p = params_new(c);
    json_set_int(p, "amount", amount);
    return stripe_call(c, "POST", intent_path(c, id, ""), p, idem, e);
}

struct json_object *stripe_intent_retrieve(struct ctx *c, const char *id, struct stripe_error *e)
{
    return stripe_call(c, "GET", intent_path(c, id, ""), NULL, NULL, e);
}

struct json_object *stripe_intent_capture(struct ctx *c, const char *id, const char *idem,
                                          struct stripe_error *e)
{
    return stripe_call(c, "POST", intent_path(c, id, "/capture"), NULL, idem, e);
}

struct json_object *stripe_intent_cancel(struct ctx *c, const char *id, const char *idem,
                                         struct stripe_error *e)
{
    return stripe_call(c, "POST", intent_path(c, id, "/cancel"), NULL, idem, e);
}

struct json_object *stripe_refund_create(struct ctx *c, const char *intent_id, int64_t amount,
                                         const char *idem, struct stripe_error *e)
{
    struct json_object *p = params_new(c);
    json_set_int(p, "amount", amount);
    json_set_str(p, "payment_intent", intent_id);
    return stripe_call(c, "POST", "/v1/refunds", p, idem, e);
}

struct json_object *stripe_balance_retrieve(struct ctx *c, struct stripe_error *e)
{
    return stripe_call(c, "GET", "/v1/balance", NULL, NULL, e);
}

/* ---- the plugin's methods --------------------------------------------------------------- */

static const char *key(struct ctx *c, const char *prefix, const char *suffix)
{
    return prefix ? arena_printf(&c->arena, "%s:%s", prefix, suffix) : NULL;
}

/* The intent id in a session's data, or records invalid_data. */
static const char *intent_id(struct ctx *c, struct json_object *data, const char *op)
{
    const char *id = data ? json_get_str_opt(data, "id") : NULL;
    if (!id || !*id) {
        err_set(c, ERR_INVALID_DATA, "%s", op);
        return NULL;
    }
    return id;
}

int stripe_provider_initiate(struct ctx *c, const struct stripe_session_input *in, const char *idem,
                             struct json_object **intent, const char **new_stripe_id)
{
    const struct conf *cf = c->conf;
    struct stripe_intent_input pi;
    struct stripe_error e;
    struct json_object *cus;

    *intent = NULL;
    *new_stripe_id = NULL;
    memset(&pi, 0, sizeof(pi));
    pi.amount = in->amount;
    pi.currency = in->currency;
    pi.resource_id = in->resource_id;
    pi.description = in->description ? in->description : cf->stripe_payment_description;
    pi.capture = cf->stripe_capture;
    pi.automatic_payment_methods = cf->stripe_automatic_payment_methods;
    if (in->customer_stripe_id) {
        pi.customer = in->customer_stripe_id;
    } else {
        if (!(cus = stripe_customer_create(c, in->email, key(c, idem, "customer"), &e)))
            return stripe_error_record(c, STRIPE_OP_CUSTOMER, &e);
        pi.customer = *new_stripe_id = json_get_str_opt(cus, "id");
    }
    if (!(*intent = stripe_intent_create(c, &pi, key(c, idem, "intent"), &e)))
        return stripe_error_record(c, STRIPE_OP_INITIATE, &e);
    return 0;
}

int stripe_provider_update(struct ctx *c, const struct stripe_session_input *in,
                           struct json_object *data, const char *idem, struct json_object **intent,
                           const char **new_stripe_id)
{
    const char *cur = data ? json_get_str_opt(data, "customer") : NULL, *id;
    struct json_object *amount = data ? json_get(data, "amount") : NULL;
    struct stripe_error e;

    *intent = NULL;
    *new_stripe_id = NULL;
    /* `stripeId !== paymentSessionData.customer`: undefined never equals a string. */
    if (!in->customer_stripe_id || !cur || strcmp(in->customer_stripe_id, cur)) {
        if (stripe_provider_initiate(c, in, idem, intent, new_stripe_id) == 0)
            return 0;
        /* buildError(message, processorError): detail is `${error}${EOL}${detail ?? ""}`. */
        {
            char inner[sizeof(c->err.msg)];
            const char *code = c->err.code;
            snprintf(inner, sizeof(inner), "%s", c->err.msg);
            err_clear(c);
            return err_set_code(c, ERR_INVALID_DATA, code, "%s:\n%s\n", STRIPE_OP_UPDATE_CUSTOMER,
                                inner);
        }
    }
    if (in->amount && amount && json_object_is_type(amount, json_type_int) &&
        json_object_get_int64(amount) == in->amount)
        return 0;
    if (!(id = intent_id(c, data, STRIPE_OP_UPDATE)))
        return -1;
    if (!(*intent = stripe_intent_update_amount(
              c, id, in->amount,
              idem ? arena_printf(&c->arena, "%s:amount:%" PRId64, idem, in->amount) : NULL, &e)))
        return stripe_error_record(c, STRIPE_OP_UPDATE, &e);
    return 0;
}

int stripe_provider_status(struct ctx *c, struct json_object *data,
                           enum stripe_session_status *status, struct json_object **intent)
{
    const char *id = data ? json_get_str_opt(data, "id") : NULL;
    struct stripe_error e;
    struct json_object *pi;
    *intent = NULL;
    /* The plugin does not catch a failed retrieve: Medusa's error handler answers 500
     * unknown_error (a StripeError's type is no MedusaError type). */
    if (!id || !(pi = stripe_intent_retrieve(c, id, &e)))
        return err_set(c, ERR_UNKNOWN, "stripe: the payment intent could not be retrieved");
    *status = stripe_status_map(json_get_str_opt(pi, "status"));
    *intent = pi;
    return 0;
}

struct json_object *stripe_provider_capture(struct ctx *c, struct json_object *data,
                                            const char *idem)
{
    const char *id = intent_id(c, data, STRIPE_OP_CAPTURE);
    struct stripe_error e;
    struct json_object *pi;
    if (!id)
        return NULL;
    if ((pi = stripe_intent_capture(c, id, idem, &e)))
        return pi;
    /* Captured already (by Stripe with capture_method automatic, or an earlier call). */
    if (e.code && !strcmp(e.code, "payment_intent_unexpected_state") && e.payment_intent) {
        const char *s = json_get_str_opt(e.payment_intent, "status");
        if (s && !strcmp(s, "succeeded"))
            return e.payment_intent;
    }
    stripe_error_record(c, STRIPE_OP_CAPTURE, &e);
    return NULL;
}

struct json_object *stripe_provider_cancel(struct ctx *c, struct json_object *data,
                                           const char *idem)
{
    const char *id = intent_id(c, data, STRIPE_OP_CANCEL);
    struct stripe_error e;
    struct json_object *pi;
    if (!id)
        return NULL;
    if ((pi = stripe_intent_cancel(c, id, idem, &e)))
        return pi;
    if (e.payment_intent) {
        const char *s = json_get_str_opt(e.payment_intent, "status");
        if (s && !strcmp(s, "canceled"))
            return e.payment_intent;
    }
    stripe_error_record(c, STRIPE_OP_CANCEL, &e);
    return NULL;
}

int stripe_provider_refund(struct ctx *c, struct json_object *data, int64_t amount,
                           const char *idem)
{
    const char *id = intent_id(c, data, STRIPE_OP_REFUND);
    struct stripe_error e;
    if (!id)
        return -1;
    if (!stripe_refund_create(c, id, amount, idem, &e))
        return stripe_error_record(c, STRIPE_OP_REFUND, &e);
    return 0;
}

struct json_object *stripe_provider_retrieve(struct ctx *c, struct json_object *data)
{
    const char *id = intent_id(c, data, STRIPE_OP_RETRIEVE);
    struct stripe_error e;
    struct json_object *pi;
    if (!id)
        return NULL;
    if (!(pi = stripe_intent_retrieve(c, id, &e)))
        stripe_error_record(c, STRIPE_OP_RETRIEVE, &e);
    return pi;
}
