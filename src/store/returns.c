/* returns.c: POST /store/returns (store.md §7), under an idempotency key (§1.11). */
#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/returns.h"
#include "domain/cart.h"
#include "domain/returns.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "store/idem.h"
#include "front/returns.h"

/* StorePostReturnsReq with its nested Item and ReturnShipping classes. */
static int body_read(struct req *r, struct return_request *in)
{
    static const struct vparam params[] = {
        {"order_id", V_NOT_EMPTY, V_CHECKED},
        {"items", V_ARRAY, V_CHECKED},
        {"return_shipping", V_NESTED, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam shipping_params[] = {{"option_id", V_NOT_EMPTY, V_CHECKED},
                                                    {NULL, 0, 0}};
    struct json_object *items = json_get(r->json, "items"),
                       *ship = json_get(r->json, "return_shipping");
    struct sbuf msgs = SBUF_INIT;

    validate_msgs(r->json, params, 0, &msgs);
    if (json_get(r->json, "order_id") &&
        !json_object_is_type(json_get(r->json, "order_id"), json_type_string))
        sbuf_addf(&msgs, "%sorder_id must be a string", msgs.len ? ", " : "");
    return_items_check(items, "items", &msgs);
    if (ship && json_object_is_type(ship, json_type_object))
        validate_msgs(ship, shipping_params, 0, &msgs);
    if (validate_done(r, &msgs) < 0)
        return -1;

    memset(in, 0, sizeof(*in));
    in->order_id = json_get_str_opt(r->json, "order_id");
    in->items = return_items_read(&r->c, items, &in->nitems);
    in->option_id = ship && json_object_is_type(ship, json_type_object)
                        ? json_get_str_opt(ship, "option_id")
                        : NULL;
    return 0;
}

/* POST /store/returns */
int store_returns_create(struct req *r)
{
    struct return_request in;
    struct json_object *ret, *body;
    struct idem im;
    const char *id;
    if (body_read(r, &in) < 0 || idem_start(r, in.order_id, &im) < 0)
        return -1;
    if (im.replayed)
        return 0;
    if (return_create(&r->c, &in, im.k.key, &id) < 0 || !(ret = db_return_json(&r->c, id)))
        return -1;
    body = json_own(&r->c.arena, json_object_new_object());
    json_set(body, "return", json_share(ret));
    return idem_finish(r, &im, 200, json_text(body, NULL));
}
