/* stripe_hooks.c: POST /stripe/hooks, Stripe's webhook, answered as medusa-payment-stripe 6.0.11's
 * route answers: 200 "OK" once the verified event is recorded, 400 "Webhook Error: ..." (text)
 * when the signature is missing, wrong or stale or the body is no event, with nothing changed.
 * The body is read raw (the route has no F_BODY): the signature covers its exact bytes. */
#include "core/conf.h"
#include "domain/stripe_event.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

int store_stripe_hooks(struct req *r)
{
    const char *webhook_error;
    int rc;
    /* Without Stripe configured the route does not exist, as in Medusa without the plugin. */
    if (!r->c.conf->stripe_api_key)
        return err_set(&r->c, ERR_NOT_FOUND, "Cannot POST /stripe/hooks");
    if (r->body_too_large)
        return resp_text(r, 400, "Webhook Error: request entity too large");
    rc = stripe_event_receive(&r->c, r->stripe_signature, r->body, r->body_len, req_is_json(r),
                              &webhook_error);
    if (rc < 0)
        return -1;
    if (rc > 0)
        return resp_text(r, 400, webhook_error);
    return resp_text(r, 200, "OK");
}
