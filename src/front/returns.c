/* returns.c: the request parts of return requests (returns.h), for the store and the admin. */
#include "front/returns.h"

#include <json-c/json.h>

#include "core/json.h"
#include "domain/cart.h"
#include "front/validate.h"

void return_items_check(struct json_object *items, const char *key, struct sbuf *msgs)
{
    static const struct vparam item_params[] = {
        {"item_id", V_NOT_EMPTY, V_CHECKED},
        {"quantity", V_NUMBER_INT, V_CHECKED},
        {"reason_id", V_STRING, V_OPTIONAL},
        {"note", V_STRING, V_OPTIONAL},
        {NULL, 0, 0},
    };
    size_t n =
        items && json_object_is_type(items, json_type_array) ? json_object_array_length(items) : 0;
    for (size_t i = 0; i < n; i++) {
        struct json_object *it = json_object_array_get_idx(items, i);
        if (!it || !json_object_is_type(it, json_type_object)) {
            sbuf_addf(msgs, "%snested property %s must be either object or array",
                      msgs->len ? ", " : "", key);
            continue;
        }
        validate_msgs(it, item_params, 0, msgs);
        quantity_min_check(it, msgs);
    }
}

void quantity_min_check(struct json_object *it, struct sbuf *msgs)
{
    struct json_object *q = json_get(it, "quantity");
    if (!q || (!json_object_is_type(q, json_type_int) && !json_object_is_type(q, json_type_double)))
        return;
    if (json_object_get_double(q) < 1)
        sbuf_addf(msgs, "%squantity must not be less than 1", msgs->len ? ", " : "");
}

int64_t quantity_read(struct json_object *it)
{
    double d = json_object_get_double(json_get(it, "quantity"));
    /* Checked: an integer >= 1. One past the largest line quantity is more than any item holds
     * and than any line may take (a double beyond int64 would not convert). */
    if (!(d <= CART_QUANTITY_MAX))
        return (int64_t)CART_QUANTITY_MAX + 1;
    return (int64_t)d;
}

const struct return_line *return_items_read(struct ctx *c, struct json_object *items, int *n)
{
    size_t k =
        items && json_object_is_type(items, json_type_array) ? json_object_array_length(items) : 0;
    struct return_line *lines = arena_alloc(&c->arena, sizeof(*lines) * (k ? k : 1));
    for (size_t i = 0; i < k; i++) {
        struct json_object *it = json_object_array_get_idx(items, i);
        lines[i].item_id = json_get_str_opt(it, "item_id");
        lines[i].quantity = quantity_read(it);
        lines[i].reason_id = json_get_str_opt(it, "reason_id");
        lines[i].note = json_get_str_opt(it, "note");
        lines[i].metadata = NULL;
    }
    *n = (int)k;
    return lines;
}
