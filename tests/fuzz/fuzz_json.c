/* fuzz_json.c: libFuzzer target for the request-body path (http/req.c parse_body, store.md §1.3):
 * any bytes as a JSON body go through json-c's strict tokener at depth 32, as parse_body does,
 * and an object is then validated against two real body schemas, those of POST /store/carts and
 * POST /store/carts/:id (copied from src/store/carts.c), with body and with query semantics. */
#include "core/arena.h"
#include "core/json.h"
#include "front/validate.h"
#include "http/req.h"

#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 32 /* as http/req.c */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* POST /store/carts */
static const struct vparam create_params[] = {
    {"region_id", V_STRING, 0}, {"country_code", V_STRING, 0},     {"items", V_ARRAY, 0},
    {"context", V_ANY, 0},      {"sales_channel_id", V_STRING, 0}, {NULL, 0, 0},
};

/* POST /store/carts/:id */
static const struct vparam update_params[] = {
    {"region_id", V_STRING, 0},
    {"country_code", V_STRING, 0},
    {"email", V_EMAIL, 0},
    {"billing_address", V_ANY, 0},
    {"shipping_address", V_ANY, 0},
    {"gift_cards", V_ARRAY, 0},
    {"discounts", V_ARRAY, 0},
    {"customer_id", V_STRING, 0},
    {"context", V_ANY, 0},
    {"sales_channel_id", V_STRING, 0},
    {NULL, 0, 0},
};

static void check(struct req *r, struct json_object *o, const struct vparam *params, int is_query)
{
    err_clear(&r->c);
    if (validate(r, o, params, is_query) == 0) {
        (void)v_str(o, "region_id");
        (void)v_str(o, "email");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_tokener *tok;
    struct json_object *o;
    struct req r;
    if (size > 1 << 20)
        return 0;
    tok = json_tokener_new_ex(JSON_MAX_DEPTH);
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    o = json_tokener_parse_ex(tok, (const char *)data, (int)size);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    size_t off = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    if (jerr != json_tokener_success || off != size || !json_object_is_type(o, json_type_object)) {
        if (o)
            json_object_put(o);
        return 0;
    }
    req_init(&r);
    json_own(&r.c.arena, o);
    check(&r, o, create_params, 0);
    check(&r, o, update_params, 0);
    check(&r, o, create_params, 1);
    check(&r, o, update_params, 1);
    req_release(&r);
    return 0;
}
