/* shipping_option_view.c: a listed shipping option's pricing keys (shipping_option_view.h). */
#include "front/shipping_option_view.h"

#include <json-c/json.h>

#include "core/json.h"
#include "domain/tax.h"

void shipping_option_price(struct ctx *c, struct json_object *option)
{
    struct json_object *rates = json_get(option, "tax_rates"), *amount = json_get(option, "amount");
    size_t n = rates ? json_object_array_length(rates) : 0;
    double *r = arena_alloc(&c->arena, sizeof(*r) * (n ? n : 1));
    int64_t price = amount ? json_object_get_int64(amount) : 0, tax;
    for (size_t i = 0; i < n; i++) {
        struct json_object *rate = json_get(json_object_array_get_idx(rates, i), "rate");
        r[i] = rate ? json_object_get_double(rate) : 0; /* (rate || 0) */
    }
    tax = tax_amount(price, r, n);
    json_set_int(option, "price_incl_tax", price + tax);
    json_set_int(option, "tax_amount", tax);
}
