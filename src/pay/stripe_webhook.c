/* stripe_webhook.c: Stripe-Signature verification (stripe-node 11 Webhooks.js: parseHeader,
 * verifyHeader, validateComputedSignature) with libsodium's HMAC-SHA256 and constant-time compare.
 * Never trusts a payload it has not verified; never reads the clock (the caller passes now). */
#include "pay/stripe_webhook.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>
#include <sodium.h>

#include "core/json.h"

#define HEX_LEN (crypto_auth_hmacsha256_BYTES * 2)

/* The lower-case hex HMAC-SHA256 of "t.payload" (t as the header wrote it) into hex. */
static void expected_hex(char hex[HEX_LEN + 1], const char *secret, const char *t, size_t tlen,
                         const char *payload, size_t len)
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)t, tlen);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)".", 1);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)payload, len);
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2hex(hex, HEX_LEN + 1, mac, sizeof(mac));
    sodium_memzero(&st, sizeof(st));
}

enum stripe_sig stripe_webhook_verify(const char *secret, const char *header, const char *payload,
                                      size_t len, int64_t now, int64_t tolerance)
{
    const char *p, *item, *t = NULL, *eq;
    size_t tlen = 0, ilen;
    int64_t ts = 0;
    int nsig = 0, match = 0;
    char hex[HEX_LEN + 1];

    if (!payload || !len)
        return STRIPE_SIG_NO_PAYLOAD;
    if (!header || !*header)
        return STRIPE_SIG_NO_HEADER;
    /* parseHeader: items split on ',', each on '='; the last t= wins, every v1= counts. */
    for (p = header; *p; p = *p ? p + 1 : p) {
        item = p;
        while (*p && *p != ',')
            p++;
        ilen = (size_t)(p - item);
        eq = memchr(item, '=', ilen);
        if (!eq)
            continue;
        if (eq - item == 1 && item[0] == 't') {
            const char *d = eq + 1;
            /* Digits only (stripe-node's parseInt is laxer; a timestamp is never anything else). */
            size_t n = (size_t)(item + ilen - d), k;
            for (k = 0; k < n && d[k] >= '0' && d[k] <= '9'; k++)
                ;
            if (n == 0 || k != n || n > 18) {
                t = NULL;
                continue;
            }
            t = d;
            tlen = n;
            ts = 0;
            for (k = 0; k < n; k++)
                ts = ts * 10 + (d[k] - '0');
        }
    }
    if (!t)
        return STRIPE_SIG_BAD_HEADER;
    expected_hex(hex, secret, t, tlen, payload, len);
    for (p = header; *p; p = *p ? p + 1 : p) {
        item = p;
        while (*p && *p != ',')
            p++;
        ilen = (size_t)(p - item);
        if (ilen < 3 || memcmp(item, "v1=", 3))
            continue;
        nsig++;
        /* kv[1] of split('='): the value up to a second '=' if any. */
        eq = memchr(item + 3, '=', ilen - 3);
        if (eq)
            ilen = (size_t)(eq - item);
        if (ilen - 3 == HEX_LEN && sodium_memcmp(item + 3, hex, HEX_LEN) == 0)
            match = 1;
    }
    sodium_memzero(hex, sizeof(hex));
    if (!nsig)
        return STRIPE_SIG_NO_V1;
    if (!match)
        return STRIPE_SIG_MISMATCH;
    if (tolerance > 0 && now - ts > tolerance)
        return STRIPE_SIG_STALE;
    return STRIPE_SIG_OK;
}

const char *stripe_webhook_message(enum stripe_sig r)
{
    switch (r) {
    case STRIPE_SIG_OK:
        return "";
    case STRIPE_SIG_NO_PAYLOAD:
        return "No webhook payload was provided.";
    case STRIPE_SIG_NO_HEADER:
        return "No stripe-signature header value was provided.";
    case STRIPE_SIG_BAD_HEADER:
        return "Unable to extract timestamp and signatures from header";
    case STRIPE_SIG_NO_V1:
        return "No signatures found with expected scheme";
    case STRIPE_SIG_MISMATCH:
        return "No signatures found matching the expected signature for payload. Are you passing "
               "the raw request body you received from Stripe? \nLearn more about webhook signing "
               "and explore webhook integration examples for various frameworks at "
               "https://github.com/stripe/stripe-node#webhook-signing";
    case STRIPE_SIG_STALE:
        return "Timestamp outside the tolerance zone";
    }
    return "";
}

char *stripe_webhook_sign(char *out, size_t outlen, const char *secret, const char *payload,
                          size_t len, int64_t t)
{
    char ts[24], hex[HEX_LEN + 1];
    snprintf(ts, sizeof(ts), "%" PRId64, t);
    expected_hex(hex, secret, ts, strlen(ts), payload, len);
    snprintf(out, outlen, "t=%s,v1=%s", ts, hex);
    return out;
}

int stripe_webhook_event(struct arena *a, const char *payload, size_t len,
                         struct stripe_hook_event *ev, size_t *at)
{
    struct json_tokener *tok = json_tokener_new_ex(64);
    struct json_object *root = json_tokener_parse_ex(tok, payload, (int)len), *data, *object = NULL,
                       *meta, *lpe;
    memset(ev, 0, sizeof(*ev));
    if (json_tokener_get_error(tok) != json_tokener_success ||
        json_tokener_get_parse_end(tok) != len) {
        *at = json_tokener_get_parse_end(tok);
        json_tokener_free(tok);
        if (root)
            json_object_put(root);
        return -1;
    }
    json_tokener_free(tok);
    json_own(a, root);
    ev->id = json_get_str_opt(root, "id");
    ev->type = json_get_str_opt(root, "type");
    if ((data = json_get(root, "data")) && json_object_is_type(data, json_type_object))
        object = json_get(data, "object");
    if (object && json_object_is_type(object, json_type_object)) {
        ev->has_object = 1;
        ev->object_id = json_get_str_opt(object, "id");
        if ((meta = json_get(object, "metadata")))
            ev->resource_id = json_get_str_opt(meta, "resource_id");
        ev->object_status = json_get_str_opt(object, "status");
        ev->object_data = json_text(object, NULL);
        if ((lpe = json_get(object, "last_payment_error")))
            ev->failure = json_get_str_opt(lpe, "message");
    }
    ev->livemode = json_object_get_boolean(json_get(root, "livemode"));
    ev->created = json_object_get_int64(json_get(root, "created"));
    return 0;
}
