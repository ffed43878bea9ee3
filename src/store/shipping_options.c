/* shipping_options.c: GET /store/shipping-options, the general listing (store.md §6.2): every
 * option that is not admin-only, with its requirements and Medusa's pricing keys. The options of
 * a cart (GET /store/shipping-options/:cart_id, §6.3) live with carts. */
#include <string.h>

#include "core/json.h"
#include "db/catalog.h"
#include "db/entities.h"
#include "domain/shipping_option.h"
#include "front/shipping_option_view.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const struct vparam params[] = {
    {"product_ids", V_STRING, 0},
    {"region_id", V_STRING, 0},
    {"is_return", V_BOOLSTR, 0},
    {NULL, 0, 0},
};

/* "a,b" → {"a", "b"} as JavaScript's split(","): empty pieces kept, "" → none. */
static const char **split_ids(struct ctx *c, const char *s, int *n)
{
    int cap = 1;
    const char **out;
    *n = 0;
    if (!s || !*s)
        return NULL;
    for (const char *p = s; *p; p++)
        cap += *p == ',';
    out = arena_alloc(&c->arena, sizeof(*out) * (size_t)cap);
    for (;;) {
        const char *e = strchr(s, ',');
        out[(*n)++] = e ? arena_strndup(&c->arena, s, (size_t)(e - s)) : s;
        if (!e)
            return out;
        s = e + 1;
    }
}

/* GET /store/shipping-options */
int store_shipping_options_list(struct req *r)
{
    struct ctx *c = &r->c;
    struct shipping_option_filter sf = {0};
    struct listf f = {.limit = -1};
    struct gquery q;
    struct json_object *rows;
    struct sbuf *b;
    size_t len;
    const char *text;
    if (validate(r, r->qs, params, 1) < 0)
        return -1;
    sf.region_id = v_str(r->qs, "region_id");
    if (sf.region_id && !*sf.region_id)
        sf.region_id = NULL; /* Medusa tests `if (regionId)` */
    /* Only when the key is present; anything but "true" was refused by validation. */
    sf.is_return = json_get(r->qs, "is_return") ? v_boolstr(r->qs, "is_return") == 1 : -1;
    sf.product_ids = split_ids(c, v_str(r->qs, "product_ids"), &sf.n_products);
    if (gq_list(c, &q, &ent_shipping_option, catalog_shipping_option_sel(c), &f) < 0)
        return -1;
    catalog_shipping_options_filter(c, &q, &sf);
    if (!(rows = gq_run_json(c, &q)))
        return -1;
    for (size_t i = 0; i < json_object_array_length(rows); i++)
        shipping_option_price(c, json_object_array_get_idx(rows, i));
    text = json_text(rows, &len);
    b = resp_body(r);
    sbuf_adds(b, "{\"shipping_options\":");
    sbuf_add(b, text, len);
    sbuf_addc(b, '}');
    return resp_body_send(r, 200);
}
