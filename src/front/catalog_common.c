/* catalog_common.c: shared steps of the product and variant handlers (catalog_common.h). */
#include "front/catalog_common.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "db/catalog.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"

int catalog_price_context(struct req *r, struct price_context *pc)
{
    return pricing_context(&r->c, v_str(r->qs, "cart_id"), v_str(r->qs, "region_id"),
                           v_str(r->qs, "currency_code"), pc);
}

int catalog_pk_scope(struct req *r, int *has_key, struct strlist *scope)
{
    scope->v = NULL;
    scope->n = 0;
    *has_key = r->publishable_key && *r->publishable_key;
    if (!*has_key)
        return 0;
    return db_pk_scope(&r->c, r->publishable_key, scope);
}

int catalog_check_sc_param(struct req *r, const struct strlist *scope, const struct strlist *ids)
{
    struct sbuf all = SBUF_INIT;
    int outside = 0;
    if (!scope->n || !ids->n)
        return 0;
    for (int i = 0; i < ids->n; i++) {
        int found = 0;
        for (int k = 0; k < scope->n; k++)
            if (!strcmp(ids->v[i], scope->v[k]))
                found = 1;
        if (!found)
            outside = 1;
        if (i)
            sbuf_addc(&all, ',');
        sbuf_adds(&all, ids->v[i]);
    }
    if (outside)
        err_set(&r->c, ERR_MULTI,
                "Provided sales channel id param: %s is not associated with the Publishable API "
                "Key passed in the header of the request.",
                all.buf);
    sbuf_release(&all);
    return outside ? -1 : 0;
}

void catalog_product_filter(struct req *r, struct product_filter *pf)
{
    int b;
    pf->q = v_str(r->qs, "q");
    pf->ids.v = v_strs(r, r->qs, "id", &pf->ids.n);
    pf->collection_ids.v = v_strs(r, r->qs, "collection_id", &pf->collection_ids.n);
    pf->type_ids.v = v_strs(r, r->qs, "type_id", &pf->type_ids.n);
    pf->tags.v = v_strs(r, r->qs, "tags", &pf->tags.n);
    pf->category_ids.v = v_strs(r, r->qs, "category_id", &pf->category_ids.n);
    pf->include_category_children = v_boolstr(r->qs, "include_category_children") == 1;
    pf->title = v_str(r->qs, "title");
    pf->description = v_str(r->qs, "description");
    pf->handle = v_str(r->qs, "handle");
    pf->is_giftcard = (b = v_boolstr(r->qs, "is_giftcard")) == 0 || b == 1 ? b : -1;
}

struct json_object *catalog_collect_variants(struct req *r, struct json_object *rows)
{
    struct json_object *all = json_own(&r->c.arena, json_object_new_array());
    size_t n = json_object_array_length(rows);
    for (size_t i = 0; i < n; i++) {
        struct json_object *vs = json_get(json_object_array_get_idx(rows, i), "variants");
        size_t nv =
            vs && json_object_is_type(vs, json_type_array) ? json_object_array_length(vs) : 0;
        for (size_t k = 0; k < nv; k++)
            json_object_array_add(all, json_share(json_object_array_get_idx(vs, k)));
    }
    return all;
}

int catalog_send(struct req *r, const char *key, struct json_object *rows, int list, int64_t count,
                 int64_t offset, int64_t limit)
{
    struct sbuf *b = resp_body(r);
    size_t n = json_object_array_length(rows), len;
    sbuf_addf(b, list ? "{\"%s\":[" : "{\"%s\":", key);
    for (size_t i = 0; i < n; i++) {
        const char *s = json_text(json_object_array_get_idx(rows, i), &len);
        if (i)
            sbuf_addc(b, ',');
        sbuf_add(b, s, len);
    }
    if (list) {
        sbuf_addc(b, ']');
        if (count >= 0)
            sbuf_addf(b, ",\"count\":%lld,\"offset\":%lld,\"limit\":%lld", (long long)count,
                      (long long)offset, (long long)limit);
    }
    sbuf_addc(b, '}');
    return resp_body_send(r, 200);
}

/* The variants being written and their pricing, in writing order. */
struct price_writer {
    struct gnode **v;
    struct variant_pricing *p;
    int n, at;
    double rate;      /* the region's, for variants of products without rates of their own */
    const char *hide; /* a variant column loaded for pricing only, or NULL */
    int tail_prices;  /* the selection has no "prices": a priced variant's go before the members */
};

static int pw_skip(void *arg, const struct gnode *node, const char *col)
{
    const struct price_writer *w = arg;
    (void)node;
    return w->hide && !strcmp(col, w->hide);
}

static const struct variant_pricing *pw_find(struct price_writer *w, const struct gnode *node)
{
    if (w->at < w->n && w->v[w->at] == node)
        return &w->p[w->at];
    for (int i = 0; i < w->n; i++)
        if (w->v[i] == node) {
            w->at = i;
            return &w->p[i];
        }
    return NULL;
}

static void str_or_null(struct sbuf *out, const char *key, const char *v)
{
    sbuf_adds(out, key);
    if (v)
        sbuf_add_json_str(out, v);
    else
        sbuf_add(out, "null", 4);
}

static void int_or_null(struct sbuf *out, const char *key, int has, int64_t v)
{
    sbuf_adds(out, key);
    if (has)
        sbuf_add_int(out, (long long)v);
    else
        sbuf_add(out, "null", 4);
}

/* A fetched price, as Medusa's answer writes a price (with its price list or null). */
static void price_json(struct sbuf *out, const struct db_price *p)
{
    str_or_null(out, "{\"id\":", p->id);
    str_or_null(out, ",\"currency_code\":", p->currency_code);
    int_or_null(out, ",\"amount\":", 1, p->amount);
    int_or_null(out, ",\"min_quantity\":", p->has_min, p->min_quantity);
    int_or_null(out, ",\"max_quantity\":", p->has_max, p->max_quantity);
    str_or_null(out, ",\"price_list_id\":", p->price_list_id);
    str_or_null(out, ",\"region_id\":", p->region_id);
    str_or_null(out, ",\"variant_id\":", p->variant_id);
    str_or_null(out, ",\"created_at\":", p->created_at);
    str_or_null(out, ",\"updated_at\":", p->updated_at);
    str_or_null(out, ",\"deleted_at\":", p->deleted_at);
    if (!p->list.id) {
        sbuf_adds(out, ",\"price_list\":null}");
        return;
    }
    str_or_null(out, ",\"price_list\":{\"id\":", p->list.id);
    str_or_null(out, ",\"name\":", p->list.name);
    str_or_null(out, ",\"description\":", p->list.description);
    str_or_null(out, ",\"type\":", p->list.type);
    str_or_null(out, ",\"status\":", p->list.status);
    str_or_null(out, ",\"starts_at\":", p->list.starts_at);
    str_or_null(out, ",\"ends_at\":", p->list.ends_at);
    str_or_null(out, ",\"created_at\":", p->list.created_at);
    str_or_null(out, ",\"updated_at\":", p->list.updated_at);
    str_or_null(out, ",\"deleted_at\":", p->list.deleted_at);
    sbuf_adds(out, "}}");
}

/* The prices array of a priced variant. */
static void prices_text(struct sbuf *out, const struct variant_pricing *vp)
{
    sbuf_addc(out, '[');
    for (int k = 0; k < vp->nprices; k++) {
        if (k)
            sbuf_addc(out, ',');
        price_json(out, &vp->prices[k]);
    }
    sbuf_addc(out, ']');
}

static int pw_rel(void *arg, const struct gnode *node, const char *name, struct sbuf *out)
{
    const struct variant_pricing *vp;
    if (strcmp(name, "prices") || !(vp = pw_find(arg, node)))
        return GHOOK_LOADED;
    switch (vp->state) {
    case PRICED_EMPTY:
        sbuf_add(out, "[]", 2);
        return GHOOK_WRITTEN;
    case PRICED_DROP:
        return GHOOK_DROP;
    case PRICED:
        prices_text(out, vp);
        return GHOOK_WRITTEN;
    default:
        return GHOOK_LOADED;
    }
}

static void money_member(struct sbuf *out, const char *key, int has, int64_t v)
{
    sbuf_add(out, ",\"", 2);
    sbuf_adds(out, key);
    sbuf_add(out, "\":", 2);
    if (has)
        sbuf_add_int(out, (long long)v);
    else
        sbuf_add(out, "null", 4);
}

/* The members pricing adds to a priced variant, in Medusa's order, each as ,"key":value. rate is
 * the region's, for variants of products without rates of their own. */
static void price_members(struct sbuf *out, const struct variant_pricing *vp, double rate)
{
    const struct price_result *res = &vp->res;
    money_member(out, "original_price", res->has_original, res->original);
    money_member(out, "calculated_price", res->has_calculated, res->calculated);
    if (res->has_calculated) {
        sbuf_adds(out, ",\"calculated_price_type\":");
        sbuf_add_json_str(out, res->calculated_type);
    }
    if (!vp->taxed) {
        sbuf_adds(out, ",\"original_tax\":null,\"calculated_tax\":null,\"original_price_incl_tax\":"
                       "null,\"calculated_price_incl_tax\":null,\"tax_rates\":null");
        return;
    }
    money_member(out, "original_tax", res->has_original, vp->original_tax);
    money_member(out, "calculated_tax", res->has_calculated, vp->calculated_tax);
    money_member(out, "original_price_incl_tax", res->has_original,
                 res->original + vp->original_tax);
    money_member(out, "calculated_price_incl_tax", res->has_calculated,
                 res->calculated + vp->calculated_tax);
    sbuf_adds(out, ",\"tax_rates\":[");
    for (int k = 0; k < vp->nrates; k++) {
        if (k)
            sbuf_addc(out, ',');
        sbuf_adds(out, vp->rates[k].json);
    }
    if (!vp->nrates) {
        /* The region's rate, as json-c writes a number (an integral one as an integer). */
        if (rate == (double)(int64_t)rate)
            sbuf_addf(out, "{\"rate\":%lld", (long long)(int64_t)rate);
        else
            sbuf_addf(out, "{\"rate\":%.17g", rate);
        sbuf_adds(out, ",\"name\":\"default\",\"code\":\"default\"}");
    }
    sbuf_addc(out, ']');
}

static void pw_tail(void *arg, const struct gnode *node, struct sbuf *out)
{
    struct price_writer *w = arg;
    const struct variant_pricing *vp = pw_find(w, node);
    if (!vp)
        return;
    w->at++;
    if (vp->state != PRICED)
        return;
    if (w->tail_prices) {
        sbuf_adds(out, ",\"prices\":");
        prices_text(out, vp);
    }
    price_members(out, vp, w->rate);
}

int catalog_price_json(struct ctx *c, struct json_object *variants, const struct price_context *pc,
                       int drop_unpriced)
{
    int n = (int)json_object_array_length(variants);
    const char **vids = arena_alloc(&c->arena, sizeof(*vids) * (size_t)(n + 1)),
               **pids = arena_alloc(&c->arena, sizeof(*pids) * (size_t)(n + 1));
    struct variant_pricing *vp = arena_alloc(&c->arena, sizeof(*vp) * (size_t)(n + 1));
    struct sbuf b = SBUF_INIT;
    int rc = 0;
    if (!n)
        return 0;
    for (int i = 0; i < n; i++) {
        struct json_object *v = json_object_array_get_idx(variants, (size_t)i);
        vids[i] = json_get_str_opt(v, "id");
        pids[i] = json_get_str_opt(v, "product_id");
    }
    if (pricing_compute(c, vids, pids, n, pc, drop_unpriced, vp) < 0)
        return -1;
    /* The same text the row writer writes, set into each object (new keys in their order). */
    for (int i = 0; i < n && rc == 0; i++) {
        struct json_object *v = json_object_array_get_idx(variants, (size_t)i), *o;
        switch (vp[i].state) {
        case PRICED_EMPTY:
            json_set(v, "prices", json_object_new_array());
            continue;
        case PRICED_DROP:
            json_object_object_del(v, "prices");
            continue;
        case PRICED:
            break;
        default:
            continue;
        }
        sbuf_reset(&b);
        sbuf_adds(&b, "{\"prices\":");
        prices_text(&b, &vp[i]);
        price_members(&b, &vp[i], pc->region_tax_rate);
        sbuf_addc(&b, '}');
        if (!(o = json_tokener_parse(b.buf))) {
            rc = err_set(c, ERR_UNKNOWN, "priced variant is not JSON");
            break;
        }
        json_object_object_foreach(o, key, val) json_set(v, key, json_share(val));
        json_object_put(o);
    }
    sbuf_release(&b);
    return rc;
}

int catalog_answer_nodes(struct req *r, const char *key, struct gquery *q, const struct gsel *vsel,
                         const struct price_context *pc, int list, int64_t count, const char *hide)
{
    struct sbuf *b = resp_body(r);
    struct price_writer w = {NULL,
                             NULL,
                             0,
                             0,
                             pc ? pc->region_tax_rate : 0,
                             hide,
                             vsel && !gsel_has_rel(vsel, "prices")};
    struct ghook h = {vsel, pw_rel, pw_tail, &w, pw_skip, NULL};
    struct gnode **rows;
    int n;
    /* A priced variant's prices are the ones pricing fetches: the relation is loaded only for
     * the variants pricing leaves as they are. */
    q->defer = vsel ? gsel_rel(vsel, "prices") : NULL;
    if (gq_run_nodes(&r->c, q, &rows, &n) < 0)
        return -1;
    if (!list && !n)
        return 1;
    if (vsel) {
        const char **vids, **pids;
        struct gnode **unpriced;
        int nu = 0;
        for (int i = 0; i < n; i++) {
            int nv = 1;
            /* The roots are the variants themselves (GET /store/variants), or their products. */
            struct gnode **vs = vsel == q->sel ? &rows[i] : gnode_rel(rows[i], "variants", &nv);
            for (int k = 0; k < nv; k++) {
                w.v = arena_grow(&r->c.arena, w.v, w.n, sizeof(*w.v));
                w.v[w.n++] = vs[k];
            }
        }
        vids = arena_alloc(&r->c.arena, sizeof(*vids) * (size_t)(w.n + 1));
        pids = arena_alloc(&r->c.arena, sizeof(*pids) * (size_t)(w.n + 1));
        unpriced = arena_alloc(&r->c.arena, sizeof(*unpriced) * (size_t)(w.n + 1));
        for (int i = 0; i < w.n; i++) {
            vids[i] = gnode_text(w.v[i], "id");
            pids[i] = gnode_text(w.v[i], "product_id");
        }
        w.p = arena_alloc(&r->c.arena, sizeof(*w.p) * (size_t)(w.n + 1));
        if (pricing_compute(&r->c, vids, pids, w.n, pc, 0, w.p) < 0)
            return -1;
        for (int i = 0; i < w.n; i++)
            if (w.p[i].state == PRICED_NONE)
                unpriced[nu++] = w.v[i];
        if (gnode_load(&r->c, unpriced, nu, "prices") < 0)
            return -1;
    }
    sbuf_addf(b, list ? "{\"%s\":[" : "{\"%s\":", key);
    for (int i = 0; i < n; i++) {
        if (i)
            sbuf_addc(b, ',');
        gnode_write(b, rows[i], vsel ? &h : NULL);
    }
    if (list) {
        sbuf_addc(b, ']');
        if (count >= 0)
            sbuf_addf(b, ",\"count\":%lld,\"offset\":%lld,\"limit\":%lld", (long long)count,
                      (long long)q->offset, (long long)q->limit);
    }
    sbuf_addc(b, '}');
    return resp_body_send(r, 200);
}

/* The tag and type lists (store.md §5.7): the same DTO and filters over id, value, dates. */
/* Medusa's DTO: its own properties, then the pagination it extends (class-validator order). */
static const struct vparam params[] = {
    {"id", V_STRFILTER, 0},
    {"q", V_STRING, 0},
    {"value", V_STRFILTER, 0},
    {"created_at", V_DATEFILTER, 0},
    {"updated_at", V_DATEFILTER, 0},
    {"order", V_STRING, 0},
    {"discount_condition_id", V_STRING, 0},
    {"offset", V_NUMBER, 0},
    {"limit", V_NUMBER, 0},
    {NULL, 0, 0},
};

int catalog_value_list(struct req *r, const struct listq_spec *spec, const struct gent *ent,
                       const char *key)
{
    struct ctx *c = &r->c;
    struct listq lq;
    struct listf f;
    struct value_filter vf;
    struct gquery q;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    if (gq_list(c, &q, ent, catalog_value_sel(c, ent), &f) < 0)
        return -1;
    v_strfilter(r, r->qs, "id", &vf.id);
    v_strfilter(r, r->qs, "value", &vf.value);
    vf.q = v_str(r->qs, "q");
    vf.discount_condition_id = v_str(r->qs, "discount_condition_id");
    catalog_value_filter(c, &q, &vf);
    return page_list(r, key, &q, 1);
}

/* A whole decimal number, as Medusa's Number transform + IsInt accept. */
static int parse_int(const char *s, int64_t *v)
{
    char *end;
    if (!s || !*s)
        return -1;
    *v = strtoll(s, &end, 10);
    return *end ? -1 : 0;
}

int catalog_inventory_filter(struct req *r, struct variant_filter *vf)
{
    struct json_object *iq = json_get(r->qs, "inventory_quantity");
    static const char *const ops[] = {"lt", "gt", "lte", "gte"};
    int *has[] = {&vf->has_inv_lt, &vf->has_inv_gt, &vf->has_inv_lte, &vf->has_inv_gte};
    int64_t *val[] = {&vf->inv_lt, &vf->inv_gt, &vf->inv_lte, &vf->inv_gte};
    if (!iq)
        return 0;
    if (json_object_is_type(iq, json_type_string)) {
        if (parse_int(json_object_get_string(iq), &vf->inv_eq) < 0)
            return err_set(&r->c, ERR_INVALID_DATA,
                           "inventory_quantity must be a number conforming to the specified "
                           "constraints");
        vf->has_inventory = 1;
        return 0;
    }
    if (!json_object_is_type(iq, json_type_object))
        return err_set(
            &r->c, ERR_INVALID_DATA,
            "inventory_quantity must be a number conforming to the specified constraints");
    for (int i = 0; i < 4; i++) {
        const char *s = json_get_str_opt(iq, ops[i]);
        if (!s)
            continue;
        if (parse_int(s, val[i]) < 0)
            return err_set(&r->c, ERR_INVALID_DATA,
                           "%s must be a number conforming to the "
                           "specified constraints",
                           ops[i]);
        *has[i] = 1;
    }
    return 0;
}
