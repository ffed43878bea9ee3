/* swaps.c: POST /store/swaps under an idempotency key and GET /store/swaps/:cart_id (store.md §8,
 * §1.11). The swap's cart is checked out through the cart routes (store/carts.c). */
#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/swaps.h"
#include "domain/swaps.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "store/idem.h"
#include "front/returns.h"

static void must_be_string(struct json_object *o, const char *key, struct sbuf *msgs)
{
    struct json_object *v = json_get(o, key);
    if (v && !json_object_is_type(v, json_type_string))
        sbuf_addf(msgs, "%s%s must be a string", msgs->len ? ", " : "", key);
}

/* StorePostSwapsReq with its nested Item and AdditionalItem classes. */
static int body_read(struct req *r, struct swap_request *in)
{
    static const struct vparam params[] = {
        {"order_id", V_NOT_EMPTY, V_CHECKED},
        {"return_items", V_ARRAY, V_CHECKED},
        {"additional_items", V_ARRAY, V_CHECKED},
        {"return_shipping_option", V_STRING, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam add_params[] = {{"variant_id", V_NOT_EMPTY, V_CHECKED},
                                               {"quantity", V_NUMBER_INT, V_CHECKED},
                                               {NULL, 0, 0}};
    struct json_object *ret = json_get(r->json, "return_items");
    struct json_object *add = json_get(r->json, "additional_items");
    size_t n = add && json_object_is_type(add, json_type_array) ? json_object_array_length(add) : 0;
    struct sbuf msgs = SBUF_INIT;
    struct swap_item *items;

    validate_msgs(r->json, params, 0, &msgs);
    must_be_string(r->json, "order_id", &msgs);
    return_items_check(ret, "return_items", &msgs);
    for (size_t i = 0; i < n; i++) {
        struct json_object *it = json_object_array_get_idx(add, i);
        if (!it || !json_object_is_type(it, json_type_object)) {
            sbuf_addf(&msgs, "%snested property additional_items must be either object or array",
                      msgs.len ? ", " : "");
            continue;
        }
        validate_msgs(it, add_params, 0, &msgs);
        must_be_string(it, "variant_id", &msgs);
        quantity_min_check(it, &msgs);
    }
    if (validate_done(r, &msgs) < 0)
        return -1;

    items = arena_alloc(&r->c.arena, sizeof(*items) * (n ? n : 1));
    for (size_t i = 0; i < n; i++) {
        struct json_object *it = json_object_array_get_idx(add, i);
        items[i].variant_id = json_get_str_opt(it, "variant_id");
        items[i].quantity = quantity_read(it);
    }
    memset(in, 0, sizeof(*in));
    in->order_id = json_get_str_opt(r->json, "order_id");
    in->return_items = return_items_read(&r->c, ret, &in->nreturn_items);
    in->additional_items = items;
    in->nadditional_items = (int)n;
    in->return_option_id = v_str(r->json, "return_shipping_option");
    return 0;
}

/* POST /store/swaps */
int store_swaps_create(struct req *r)
{
    struct swap_request in;
    struct json_object *swap, *body;
    struct idem im;
    const char *id;
    if (body_read(r, &in) < 0 || idem_start(r, in.order_id, &im) < 0)
        return -1;
    if (im.replayed)
        return 0;
    if (swap_create(&r->c, &in, im.k.key, &id) < 0 ||
        !(swap = db_swap_json(&r->c, id, NULL, SWAP_VIEW_CREATED)))
        return -1;
    body = json_own(&r->c.arena, json_object_new_object());
    json_set(body, "swap", json_share(swap));
    return idem_finish(r, &im, 200, json_text(body, NULL));
}

/* GET /store/swaps/:cart_id */
int store_swaps_get(struct req *r)
{
    struct json_object *swap;
    if (!(swap = db_swap_json(&r->c, NULL, req_param(r, "cart_id"), SWAP_VIEW_BY_CART)))
        return -1;
    return resp_keyed(r, 200, "swap", swap);
}
