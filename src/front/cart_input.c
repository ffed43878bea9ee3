/* cart_input.c: the cart update body as the domain's input (cart_input.h). */
#include "front/cart_input.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"

/* The codes of a validated [{code}] array ("" for an entry without one); *n its length. */
static const char *const *codes_of(struct ctx *c, struct json_object *list, int *n)
{
    const char **v;
    *n = json_object_is_type(list, json_type_array) ? (int)json_object_array_length(list) : 0;
    v = arena_calloc(&c->arena, sizeof(*v) * (size_t)(*n ? *n : 1));
    for (int i = 0; i < *n; i++) {
        const char *code = json_get_str_opt(json_object_array_get_idx(list, (size_t)i), "code");
        v[i] = code ? code : "";
    }
    return v;
}

void cart_update_in_of(struct ctx *c, struct json_object *body, struct cart_update_in *out)
{
    struct json_object *v;
    size_t len;
    memset(out, 0, sizeof(*out));
    out->email = json_get_str_opt(body, "email");
    out->region_id = json_get_str_opt(body, "region_id");
    out->country_code = json_get_str_opt(body, "country_code");
    out->customer_id = json_get_str_opt(body, "customer_id");
    out->sales_channel_id = json_get_str_opt(body, "sales_channel_id");
    address_in_of(c, body, "billing_address", &out->billing);
    address_in_of(c, body, "shipping_address", &out->shipping);
    if ((v = json_get(body, "discounts"))) {
        out->has_discounts = 1;
        out->discounts = codes_of(c, v, &out->ndiscounts);
    }
    if ((v = json_get(body, "gift_cards"))) {
        out->has_gift_cards = 1;
        out->gift_cards = codes_of(c, v, &out->ngift_cards);
    }
    if ((v = json_get(body, "context")))
        out->context = arena_strdup(&c->arena, json_text(v, &len));
}
