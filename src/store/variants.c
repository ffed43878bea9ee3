/* variants.c: GET /store/variants, GET /store/variants/:id (store.md §5.5). */
#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/entities.h"
#include "front/catalog_common.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const char *const default_relations[] = {"prices", "options", "product", NULL};
static const char *const allowed_relations[] = {"prices", "options", "product", "inventory_items",
                                                NULL};
static const struct listq_spec list_spec = {
    100, 1, NULL, allowed_relations, NULL, default_relations};
static const struct listq_spec get_spec = {0, 0, NULL, allowed_relations, NULL, default_relations};

static const struct vparam list_params[] = {
    {"ids", V_STRING, 0},
    {"id", V_STR_OR_ARRAY, 0},
    {"title", V_STR_OR_ARRAY, 0},
    {"inventory_quantity", V_ANY, 0},
    {"sales_channel_id", V_STRING, 0},
    {"cart_id", V_STRING, 0},
    {"region_id", V_STRING, 0},
    {"currency_code", V_STRING, 0},
    {"limit", V_INT, 0},
    {"offset", V_INT, 0},
    {"fields", V_STRING, 0},
    {"expand", V_STRING, 0},
    {NULL, 0, 0},
};
static const struct vparam get_params[] = {
    {"sales_channel_id", V_STRING, 0},
    {"cart_id", V_STRING, 0},
    {"region_id", V_STRING, 0},
    {"currency_code", V_STRING, 0},
    {"fields", V_STRING, 0},
    {"expand", V_STRING, 0},
    {NULL, 0, 0},
};

/* The key checks of every variant route (store.md §1.10). */
static int key_checks(struct req *r, const char *id)
{
    struct strlist scope, param = {NULL, 0};
    int has_key, in_scope = 0, rc;
    const char *sc = v_str(r->qs, "sales_channel_id");
    if (catalog_pk_scope(r, &has_key, &scope) < 0)
        return -1;
    if (!has_key)
        return 0;
    if (sc) {
        param.v = &sc;
        param.n = 1;
        if (catalog_check_sc_param(r, &scope, &param) < 0)
            return -1;
    }
    if (!id)
        return 0;
    if ((rc = db_variant_in_channels(&r->c, id, &scope, &in_scope)) < 0)
        return -1;
    if (rc == 0)
        return err_set(&r->c, ERR_NOT_FOUND, "Variant with id: %s was not found", id);
    if (scope.n && !in_scope)
        return err_set(&r->c, ERR_MULTI,
                       "Variant with id: %s is not associated with sales channels defined by the "
                       "Publishable API Key passed in the header of the request.",
                       id);
    return 0;
}

/* Every variant is priced (store.md §5.5) and written once (front/catalog_common.c); product_id
 * is loaded for the tax rates even when `fields` leaves it out, and left out of the answer. */
static int answer(struct req *r, const char *key, struct gquery *q, struct gsel *sel, int had_pid,
                  int list)
{
    struct price_context pc;
    if (catalog_price_context(r, &pc) < 0)
        return -1;
    return catalog_answer_nodes(r, key, q, sel, &pc, list, -1, had_pid ? NULL : "product_id");
}

/* GET /store/variants */
int store_variants_list(struct req *r)
{
    struct listq lq;
    struct listf lf;
    struct variant_filter vf;
    struct gquery q;
    struct gsel *sel;
    const char *ids;
    int had_pid;

    if (validate(r, r->qs, list_params, 1) < 0 || key_checks(r, NULL) < 0 ||
        listq_parse(r, &list_spec, &lq) < 0)
        return -1;
    memset(&vf, 0, sizeof(vf));
    if (catalog_inventory_filter(r, &vf) < 0)
        return -1;
    if ((ids = v_str(r->qs, "ids"))) {
        /* ids=a,b,c */
        int n = 1, k = 0;
        char *copy = arena_strdup(&r->c.arena, ids), *p, *save = NULL;
        for (const char *s = ids; *s; s++)
            n += *s == ',';
        const char **v = arena_alloc(&r->c.arena, sizeof(*v) * (size_t)n);
        for (p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save))
            v[k++] = p;
        vf.ids.v = v;
        vf.ids.n = k;
    } else {
        vf.ids.v = v_strs(r, r->qs, "id", &vf.ids.n);
    }
    vf.titles.v = v_strs(r, r->qs, "title", &vf.titles.n);
    listq_listf(r, &lq, &lf);
    lf.order = NULL;
    /* The list shows prices only through pricing. */
    sel = gsel_build(&r->c, &ent_product_variant, lq.fields, lq.relations);
    for (int i = 0; i < sel->nrels; i++)
        if (!strcmp(sel->rels[i].rel->name, "prices"))
            sel->rels[i] = sel->rels[--sel->nrels];
    had_pid = !sel->cols || gsel_has_col(sel, "product_id");
    gsel_add_col(&r->c, sel, "product_id");
    if (db_variants_query(&r->c, &q, sel, &lf, &vf) < 0)
        return -1;
    return answer(r, "variants", &q, sel, had_pid, 1);
}

/* GET /store/variants/:id */
int store_variants_get(struct req *r)
{
    const char *id = req_param(r, "id");
    struct listq lq;
    struct listf lf;
    struct variant_filter vf;
    struct gquery q;
    struct gsel *sel;
    int had_pid;

    if (validate(r, r->qs, get_params, 1) < 0 || key_checks(r, id) < 0 ||
        listq_parse(r, &get_spec, &lq) < 0)
        return -1;
    memset(&lf, 0, sizeof(lf));
    lf.id = id;
    lf.limit = 1;
    memset(&vf, 0, sizeof(vf));
    sel = gsel_build(&r->c, &ent_product_variant, lq.fields, lq.relations);
    had_pid = !sel->cols || gsel_has_col(sel, "product_id");
    gsel_add_col(&r->c, sel, "product_id");
    int rc;
    if (db_variants_query(&r->c, &q, sel, &lf, &vf) < 0)
        return -1;
    if ((rc = answer(r, "variant", &q, sel, had_pid, 0)) == 1)
        return err_set(&r->c, ERR_NOT_FOUND, "Variant with id: %s was not found", id);
    return rc;
}
