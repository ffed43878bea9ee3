/* form.c: Stripe's form encoding (stripe-node 11 utils.stringifyRequestData: qs.stringify in its
 * default RFC 3986 format and indices array format, then %5B/%5D turned back into brackets).
 * Pure: no I/O, no allocation beyond the output buffer. */
#include "net/form.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

/* Percent-encodes s as encodeURIComponent does, keeping [ and ] (stripe-node restores them in
 * keys and values alike). */
static void add_encoded(struct sbuf *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            ch == '-' || ch == '_' || ch == '.' || ch == '~' || ch == '[' || ch == ']') {
            sbuf_addc(out, (char)ch);
        } else {
            sbuf_addc(out, '%');
            sbuf_addc(out, hex[ch >> 4]);
            sbuf_addc(out, hex[ch & 15]);
        }
    }
}

static void add_pair(struct sbuf *out, const struct sbuf *key, const char *val, size_t vlen)
{
    if (out->len)
        sbuf_addc(out, '&');
    add_encoded(out, key->buf, key->len);
    sbuf_addc(out, '=');
    add_encoded(out, val, vlen);
}

/* key holds the (unencoded) prefix, e.g. "metadata[resource_id]"; it is restored on return. */
static void encode_value(struct sbuf *out, struct sbuf *key, struct json_object *v)
{
    char num[32];
    size_t keep = key->len;
    switch (json_object_get_type(v)) {
    case json_type_null:
        add_pair(out, key, "", 0);
        break;
    case json_type_boolean:
        add_pair(out, key, json_object_get_boolean(v) ? "true" : "false",
                 json_object_get_boolean(v) ? 4 : 5);
        break;
    case json_type_int:
        snprintf(num, sizeof(num), "%" PRId64, json_object_get_int64(v));
        add_pair(out, key, num, strlen(num));
        break;
    case json_type_double:
        snprintf(num, sizeof(num), "%.17g", json_object_get_double(v));
        add_pair(out, key, num, strlen(num));
        break;
    case json_type_string:
        add_pair(out, key, json_object_get_string(v), (size_t)json_object_get_string_len(v));
        break;
    case json_type_object: {
        /* Braced: the macro declares variables, which C11 does not allow right after a label
         * (clang refuses it). */
        json_object_object_foreach(v, k, child)
        {
            sbuf_addf(key, "[%s]", k);
            encode_value(out, key, child);
            key->len = keep;
            key->buf[keep] = '\0';
        }
        break;
    }
    case json_type_array:
        for (size_t i = 0; i < json_object_array_length(v); i++) {
            sbuf_addf(key, "[%zu]", i);
            encode_value(out, key, json_object_array_get_idx(v, i));
            key->len = keep;
            key->buf[keep] = '\0';
        }
        break;
    }
}

void form_encode(struct sbuf *out, struct json_object *params)
{
    struct sbuf key = SBUF_INIT;
    if (!json_object_is_type(params, json_type_object))
        return;
    json_object_object_foreach(params, k, v)
    {
        sbuf_reset(&key);
        sbuf_adds(&key, k);
        encode_value(out, &key, v);
    }
    sbuf_release(&key);
}
