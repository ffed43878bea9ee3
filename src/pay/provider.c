/* provider.c: the provider dispatch (provider.h). 'manual' answers as Medusa's
 * manual plugin (its data carries a status), 'system' keeps {}; 'stripe' goes to pay/stripe.c. */
#include "pay/provider.h"

#include <string.h>

#include <json-c/json.h>

#include "core/conf.h"
#include "core/json.h"
#include "pay/stripe.h"

int payment_provider_enabled(const struct ctx *c, const char *provider_id)
{
    if (!provider_id)
        return 0;
    if (strcmp(provider_id, "stripe"))
        return 1; /* manual, system, and rows another tool registered: kept locally */
    return c->conf && c->conf->stripe_api_key && *c->conf->stripe_api_key;
}

int payment_provider_remote(const char *provider_id)
{
    return provider_id && !strcmp(provider_id, "stripe");
}

static struct json_object *parse(struct ctx *c, const char *data)
{
    struct json_object *o = data ? json_own(&c->arena, json_tokener_parse(data)) : NULL;
    return o && json_object_is_type(o, json_type_object) ? o : NULL;
}

const char *payment_provider_ref(struct ctx *c, const char *data)
{
    struct json_object *o = parse(c, data);
    const char *id = o ? json_get_str_opt(o, "id") : NULL;
    return id && *id ? id : NULL;
}

static const char *text(struct json_object *o)
{
    return json_text(o, NULL);
}

int payment_provider_amount(struct ctx *c, const char *data, int64_t *amount)
{
    struct json_object *o = parse(c, data), *a = json_get(o, "amount");
    if (!a || !json_object_is_type(a, json_type_int))
        return 0;
    *amount = json_object_get_int64(a);
    return 1;
}

int payment_provider_session(struct ctx *c, const struct pp_session_in *in,
                             struct pp_session_out *out)
{
    struct stripe_session_input si;
    struct json_object *cur, *pi = NULL;
    int rc;

    memset(out, 0, sizeof(*out));
    out->data = in->data ? in->data : "{}";
    out->status = "pending";
    if (!payment_provider_remote(in->provider_id)) {
        const char *want = !strcmp(in->provider_id, "manual") ? "{\"status\":\"pending\"}" : "{}";
        out->changed = !in->data || strcmp(in->data, want);
        out->data = want;
        return 0;
    }
    if (!payment_provider_enabled(c, in->provider_id))
        return err_set(c, ERR_INVALID_DATA, "Payment provider %s is not configured",
                       in->provider_id);
    memset(&si, 0, sizeof(si));
    si.amount = in->amount;
    si.currency = in->currency;
    si.resource_id = in->resource_id;
    si.email = in->email;
    si.customer_stripe_id = in->customer_stripe_id;
    si.description = in->description;
    cur = parse(c, in->data);
    if (cur && json_get_str_opt(cur, "id"))
        rc = stripe_provider_update(c, &si, cur, in->idem, &pi, &out->new_stripe_id);
    else
        rc = stripe_provider_initiate(c, &si, in->idem, &pi, &out->new_stripe_id);
    if (rc < 0)
        return -1;
    if (!pi)
        return 0; /* the same amount and customer: the intent stays */
    out->changed = 1;
    out->data = text(pi);
    out->status = stripe_status_name(stripe_status_map(json_get_str_opt(pi, "status")));
    /* A fresh intent waits for the card: Medusa keeps such a session pending. */
    if (!strcmp(out->status, "canceled"))
        out->status = "pending";
    return 0;
}

int payment_provider_authorize(struct ctx *c, const char *provider_id, const char *data,
                               const char **status, const char **new_data)
{
    enum stripe_session_status s;
    struct json_object *pi;
    *new_data = data;
    if (!payment_provider_remote(provider_id)) {
        *status = "authorized";
        if (!strcmp(provider_id, "manual"))
            *new_data = "{\"status\":\"authorized\"}";
        return 0;
    }
    if (stripe_provider_status(c, parse(c, data), &s, &pi) < 0)
        return -1;
    *status = stripe_status_name(s);
    *new_data = text(pi);
    return 0;
}

int payment_provider_capture(struct ctx *c, const char *provider_id, const char *data,
                             const char *idem, const char **new_data)
{
    struct json_object *pi;
    *new_data = data;
    if (!payment_provider_remote(provider_id)) {
        if (!strcmp(provider_id, "manual"))
            *new_data = "{\"status\":\"captured\"}";
        return 0;
    }
    if (!(pi = stripe_provider_capture(c, parse(c, data), idem)))
        return -1;
    *new_data = text(pi);
    return 0;
}

int payment_provider_cancel(struct ctx *c, const char *provider_id, const char *data,
                            const char *idem, const char **new_data)
{
    struct json_object *pi;
    *new_data = data;
    if (!payment_provider_remote(provider_id)) {
        if (!strcmp(provider_id, "manual"))
            *new_data = "{\"status\":\"canceled\"}";
        return 0;
    }
    if (!(pi = stripe_provider_cancel(c, parse(c, data), idem)))
        return -1;
    *new_data = text(pi);
    return 0;
}

int payment_provider_refund(struct ctx *c, const char *provider_id, const char *data,
                            int64_t amount, const char *idem)
{
    if (!payment_provider_remote(provider_id))
        return 0;
    return stripe_provider_refund(c, parse(c, data), amount, idem);
}
