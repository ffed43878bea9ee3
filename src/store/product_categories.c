/* product_categories.c: GET /store/product-categories and /:id (store.md §5.8). Only active,
 * public categories, at every level; siblings by rank then handle; the retrieve (and the list with
 * include_descendants_tree=true) nests the whole visible subtree. */
#include <string.h>

#include "core/json.h"
#include "db/catalog.h"
#include "db/entities.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* is_active, is_internal and mpath are not among them: `fields=mpath` is a 400. */
static const char *const category_fields[] = {
    "id",   "name",     "description", "handle",     "parent_category_id",
    "rank", "metadata", "created_at",  "updated_at", NULL,
};
static const char *const category_relations[] = {"parent_category", "category_children", NULL};

static const struct listq_spec list_spec = {
    .default_limit = 100,
    .is_list = 1,
    .allowed_fields = category_fields,
    .default_relations = category_relations,
};
static const struct listq_spec get_spec = {
    .allowed_fields = category_fields,
    .default_relations = category_relations,
};

/* Own properties, then the mixin's (expand, fields from FindParams; offset, limit, order). */
static const struct vparam list_params[] = {
    {"q", V_STRING, 0},
    {"handle", V_STRING, 0},
    {"parent_category_id", V_STRING, 0},
    /* "true"/"false"/"null" are read; any other value is silently ignored (store.md §1.3). */
    {"include_descendants_tree", V_ANY, 0},
    {"expand", V_STRING, 0},
    {"fields", V_STRING, 0},
    {"offset", V_NUMBER, 0},
    {"limit", V_NUMBER, 0},
    {"order", V_STRING, 0},
    {NULL, 0, 0},
};
static const struct vparam get_params[] = {
    {"expand", V_STRING, 0},
    {"fields", V_STRING, 0},
    {NULL, 0, 0},
};

/* Writes {"product_categories":[rows],"count":N,"offset":O,"limit":L}. */
static int send_page(struct req *r, struct json_object *rows, int64_t count, const struct gquery *q)
{
    struct sbuf *b = resp_body(r);
    size_t len;
    const char *text = json_text(rows, &len);
    sbuf_adds(b, "{\"product_categories\":");
    sbuf_add(b, text, len);
    sbuf_addf(b, ",\"count\":%lld,\"offset\":%lld,\"limit\":%lld}", (long long)count,
              (long long)q->offset, (long long)q->limit);
    return resp_body_send(r, 200);
}

/* GET /store/product-categories */
int store_product_categories_list(struct req *r)
{
    struct ctx *c = &r->c;
    struct category_filter cf = {0};
    struct listq lq;
    struct listf f;
    struct gquery q;
    struct gsel *sel;
    struct json_object *rows;
    const char *parent;
    int64_t count;
    int tree;
    if (validate(r, r->qs, list_params, 1) < 0 || listq_parse(r, &list_spec, &lq) < 0)
        return -1;
    tree = v_boolstr(r->qs, "include_descendants_tree") == 1;
    sel = gsel_build(c, &ent_product_category, lq.fields, lq.relations);
    catalog_category_sel(sel, tree);
    /* `order` is validated against the fields, then ignored: always rank, handle. */
    listq_listf(r, &lq, &f);
    f.order = NULL;
    if (gq_list(c, &q, &ent_product_category, sel, &f) < 0)
        return -1;
    cf.q = v_str(r->qs, "q");
    cf.handle = v_str(r->qs, "handle");
    parent = v_str(r->qs, "parent_category_id");
    if (parent && !strcmp(parent, "null"))
        cf.roots_only = 1;
    else
        cf.parent_id = parent;
    catalog_categories_filter(&q, &cf);
    if (!tree)
        return page_list(r, "product_categories", &q, 1);
    /* The descendant tree replaces category_children whatever `expand` said. */
    if ((count = gq_count(c, &q)) < 0 || !(rows = gq_run_json(c, &q)) ||
        catalog_category_trees(c, rows, sel) < 0)
        return -1;
    return send_page(r, rows, count, &q);
}

/* GET /store/product-categories/:id */
int store_product_categories_get(struct req *r)
{
    struct ctx *c = &r->c;
    struct category_filter cf = {0};
    struct listq lq;
    struct listf f = {.limit = 1};
    struct gquery q;
    struct gsel *sel;
    struct json_object *rows;
    struct sbuf *b;
    const char *id = req_param(r, "id"), *text;
    size_t len;
    int tree;
    if (validate(r, r->qs, get_params, 1) < 0 || listq_parse(r, &get_spec, &lq) < 0)
        return -1;
    sel = gsel_build(c, &ent_product_category, lq.fields, lq.relations);
    /* The retrieve always loads the whole subtree when it shows children. */
    tree = gsel_has_rel(sel, "category_children");
    catalog_category_sel(sel, tree);
    f.id = id;
    if (gq_list(c, &q, &ent_product_category, sel, &f) < 0)
        return -1;
    catalog_categories_filter(&q, &cf);
    if (!(rows = gq_run_json(c, &q)))
        return -1;
    if (json_object_array_length(rows) == 0)
        return err_set(c, ERR_NOT_FOUND,
                       "ProductCategory with id: %s, is_internal: false, is_active: true was not "
                       "found",
                       id);
    if (tree && catalog_category_trees(c, rows, sel) < 0)
        return -1;
    text = json_text(json_object_array_get_idx(rows, 0), &len);
    b = resp_body(r);
    sbuf_adds(b, "{\"product_category\":");
    sbuf_add(b, text, len);
    sbuf_addc(b, '}');
    return resp_body_send(r, 200);
}
