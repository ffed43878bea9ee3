/* product.c: product/variant queries and the reads pricing needs (product.h). */
#include "db/product.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/entities.h"
#include "db/internal.h"

const char *db_json_list(struct ctx *c, const struct strlist *l)
{
    struct sbuf sb = SBUF_INIT;
    const char *s;
    sbuf_add_json_strs(&sb, l->v, l->n);
    s = arena_strdup(&c->arena, sb.buf);
    sbuf_release(&sb);
    return s;
}

const char *db_json_ids(struct ctx *c, const char *const *ids, int n)
{
    struct strlist l = {ids, n};
    return db_json_list(c, &l);
}

static void where_in(struct ctx *c, struct gquery *q, const char *frag, const struct strlist *l)
{
    if (l->n)
        gq_where_text(q, frag, db_json_list(c, l));
}

#define PRICE_JOIN                                                                                 \
    "FROM product_variant v JOIN product_variant_money_amount pv ON pv.variant_id = v.id "         \
    "JOIN money_amount m ON m.id = pv.money_amount_id WHERE v.product_id = %c.id AND "             \
    "v.deleted_at IS NULL AND pv.deleted_at IS NULL AND m.deleted_at IS NULL"
#define IN_LIST "IN (SELECT value FROM json_each(?))"

int db_products_query(struct ctx *c, struct gquery *q, const struct gsel *sel,
                      const struct listf *lf, const struct product_filter *pf)
{
    struct listf f = *lf;
    const char *rel_order = NULL;
    /* A product ranks by its smallest related value ascending, its largest descending. */
    if (f.order && !strcmp(f.order, "variants.title"))
        rel_order = lf->desc ? "(SELECT max(v.title) FROM product_variant v WHERE v.product_id = "
                               "%c.id AND v.deleted_at IS NULL) DESC, %c.id DESC"
                             : "(SELECT min(v.title) FROM product_variant v WHERE v.product_id = "
                               "%c.id AND v.deleted_at IS NULL), %c.id";
    else if (f.order && !strcmp(f.order, "variants.prices.amount"))
        rel_order = lf->desc ? "(SELECT max(m.amount) " PRICE_JOIN ") DESC, %c.id DESC"
                             : "(SELECT min(m.amount) " PRICE_JOIN "), %c.id";
    if (rel_order)
        f.order = NULL;
    if (gq_list(c, q, &ent_product, sel, &f) < 0)
        return -1;
    if (rel_order)
        q->order = rel_order;
    if (pf->published_only)
        gq_where(q, "%c.status = 'published'");
    where_in(c, q, "%c.status " IN_LIST, &pf->statuses);
    where_in(c, q, "%c.id " IN_LIST, &pf->ids);
    where_in(c, q, "%c.collection_id " IN_LIST, &pf->collection_ids);
    where_in(c, q, "%c.type_id " IN_LIST, &pf->type_ids);
    where_in(c, q,
             "EXISTS (SELECT 1 FROM product_tags pt WHERE pt.product_id = %c.id AND "
             "pt.product_tag_id " IN_LIST ")",
             &pf->tags);
    if (pf->q) {
        const char *like = arena_printf(&c->arena, "%%%s%%", pf->q);
        /* The trigram index of sql/0004 answers the substring test for three characters or
         * more; shorter ones scan it, which is still one row per product. */
        gq_where_text(q, "%c.id IN (SELECT product_id FROM product_q WHERE text LIKE ?)", like);
    } else {
        if (pf->title)
            gq_where_text(q, "%c.title = ?", pf->title);
        if (pf->description)
            gq_where_text(q, "%c.description = ?", pf->description);
    }
    if (pf->handle)
        gq_where_text(q, "%c.handle = ?", pf->handle);
    if (pf->is_giftcard >= 0)
        gq_where_int(q, "%c.is_giftcard = ?", pf->is_giftcard);
    if (pf->sc_filter)
        gq_where_text(q,
                      "EXISTS (SELECT 1 FROM product_sales_channel s WHERE s.product_id = %c.id "
                      "AND s.sales_channel_id " IN_LIST ")",
                      db_json_list(c, &pf->sales_channels));
    if (pf->category_ids.n) {
        const char *cats = pf->include_category_children
                               ? "(WITH RECURSIVE d(id) AS (SELECT value FROM json_each(?) UNION "
                                 "SELECT k.id FROM product_category k JOIN d ON "
                                 "k.parent_category_id = d.id) SELECT id FROM d)"
                               : "(SELECT value FROM json_each(?))";
        gq_where_text(
            q,
            arena_printf(&c->arena,
                         "%%c.id IN (SELECT pcp.product_id FROM product_category_product "
                         "pcp JOIN product_category k ON k.id = pcp.product_category_id "
                         "WHERE %s pcp.product_category_id IN %s)",
                         pf->any_category ? "" : "k.is_active = 1 AND k.is_internal = 0 AND", cats),
            db_json_list(c, &pf->category_ids));
    }
    where_in(c, q,
             "EXISTS (SELECT 1 FROM product_variant v JOIN product_variant_money_amount pv ON "
             "pv.variant_id = v.id JOIN money_amount m ON m.id = pv.money_amount_id WHERE "
             "v.product_id = %c.id AND v.deleted_at IS NULL AND m.deleted_at IS NULL AND "
             "m.price_list_id " IN_LIST ")",
             &pf->price_lists);
    if (pf->discount_condition_id)
        gq_where_text(q,
                      "%c.id IN (SELECT product_id FROM discount_condition_product WHERE "
                      "condition_id = ?)",
                      pf->discount_condition_id);
    if (pf->order_by_ids) {
        q->order = "(SELECT CAST(key AS INTEGER) FROM json_each(?) WHERE value = %c.id)";
        gq_bind_text(q, db_json_list(c, &pf->ids));
    }
    return 0;
}

/* The search SQL of each backend. SQLite: the FTS5 table of sql/0002, ranked by its bm25 weights.
 * PostgreSQL: the tsvector table of sql/pg/0002 and a tsquery, ranked by ts_rank_cd with the
 * weights that table's comment gives for bm25's (larger is better) and, as bm25, shorter documents
 * first among equal matches (normalization 1: rank / (1 + log(length))); then by id. */
static const char *search_sql(int count)
{
    if (db_kind == DB_PG)
        return count ? "SELECT count(*) FROM product_search "
                       "WHERE document @@ to_tsquery('product_search_cfg', ?1)"
                     : "SELECT product_id FROM product_search, "
                       "to_tsquery('product_search_cfg', ?1) AS query WHERE document @@ query "
                       "ORDER BY ts_rank_cd('{0.1, 0.25, 0.45, 1.0}', document, query, 1) DESC, "
                       "product_id LIMIT ?2 OFFSET ?3";
    return count ? "SELECT count(*) FROM product_search WHERE product_search MATCH ?1"
                 : "SELECT product_id FROM product_search WHERE product_search MATCH ?1 "
                   "ORDER BY rank LIMIT ?2 OFFSET ?3";
}

/* The FTS5 expression of search_fts_query (quoted prefix terms of word characters joined by AND
 * or OR) as the search's parameter: itself on SQLite, the same terms as a tsquery on PostgreSQL
 * (`"shi"* AND "blue"*` → `'shi':* & 'blue':*`). */
static const char *search_param(struct ctx *c, const char *match)
{
    struct sbuf sb = SBUF_INIT;
    const char *out;
    int quoted = 0;
    if (db_kind != DB_PG)
        return match;
    for (const char *p = match; *p; p++) {
        if (*p == '"') {
            sbuf_addc(&sb, '\'');
            quoted = !quoted;
        } else if (quoted)
            sbuf_addc(&sb, *p);
        else if (*p == '*')
            sbuf_adds(&sb, ":*");
        else if (!strncmp(p, "AND", 3)) {
            sbuf_addc(&sb, '&');
            p += 2;
        } else if (!strncmp(p, "OR", 2)) {
            sbuf_addc(&sb, '|');
            p++;
        } else
            sbuf_addc(&sb, *p);
    }
    out = arena_strdup(&c->arena, sb.buf ? sb.buf : "");
    sbuf_release(&sb);
    return out;
}

int db_products_search(struct ctx *c, const char *match, int64_t limit, int64_t offset,
                       struct strlist *ids, int64_t *total)
{
    /* The index holds published live products only, ranked by the weights set in sql/0002: a
     * page costs the matching rows' ranks, never a join. */
    struct db_stmt *st;
    match = search_param(c, match);
    st = db_prep(c, search_sql(0), "sii", match, limit, offset);
    const char **v;
    int n = 0, rc;
    if (!st)
        return -1;
    v = arena_alloc(&c->arena, sizeof(*v) * (size_t)(limit > 0 && limit < 1000 ? limit : 1000));
    while ((rc = db_step(c, st)) == DB_ROW && n < 1000)
        v[n++] = arena_strdup(&c->arena, db_col_text(st, 0));
    ids->v = v;
    ids->n = n;
    if (rc != DB_DONE && rc != DB_ROW)
        return -1;
    st = db_prep(c, search_sql(1), "s", match);
    if (!st || db_step(c, st) != DB_ROW)
        return -1;
    *total = db_col_int64(st, 0);
    return 0;
}

int db_variants_query(struct ctx *c, struct gquery *q, const struct gsel *sel,
                      const struct listf *lf, const struct variant_filter *vf)
{
    if (gq_list(c, q, &ent_product_variant, sel, lf) < 0)
        return -1;
    where_in(c, q, "%c.id " IN_LIST, &vf->ids);
    where_in(c, q, "%c.title " IN_LIST, &vf->titles);
    if (vf->has_inventory)
        gq_where_int(q, "%c.inventory_quantity = ?", vf->inv_eq);
    if (vf->q && *vf->q) {
        /* ILike %q% on the title, the sku or the product's title (PostgreSQL's escape). */
        gq_where_text(
            q,
            "EXISTS (SELECT 1 FROM (SELECT '%' || ? || '%' AS p) pat WHERE %c.title LIKE p"
            " ESCAPE '\\' OR %c.sku LIKE p ESCAPE '\\' OR EXISTS (SELECT 1 FROM product"
            " x WHERE x.id = %c.product_id AND x.title LIKE p ESCAPE '\\'))",
            vf->q);
    }
    if (vf->has_manage_inventory)
        gq_where_int(q, "%c.manage_inventory = ?", vf->manage_inventory);
    if (vf->has_allow_backorder)
        gq_where_int(q, "%c.allow_backorder = ?", vf->allow_backorder);
    if (vf->has_inv_lt)
        gq_where_int(q, "%c.inventory_quantity < ?", vf->inv_lt);
    if (vf->has_inv_gt)
        gq_where_int(q, "%c.inventory_quantity > ?", vf->inv_gt);
    if (vf->has_inv_lte)
        gq_where_int(q, "%c.inventory_quantity <= ?", vf->inv_lte);
    if (vf->has_inv_gte)
        gq_where_int(q, "%c.inventory_quantity >= ?", vf->inv_gte);
    return 0;
}

/* The prices of variants (a JSON array of ids, ?1) in a context (region ?2, currency ?3, now ?4,
 * customer ?5): the plain ones, and those of active price lists open to the customer. */
#define VARIANT_PRICES_FROM                                                                        \
    "FROM product_variant_money_amount pv JOIN money_amount m ON m.id = pv.money_amount_id "       \
    "LEFT JOIN price_list l ON l.id = m.price_list_id AND l.deleted_at IS NULL "                   \
    "WHERE pv.variant_id IN (SELECT value FROM json_each(?1)) AND pv.deleted_at IS NULL "          \
    "AND m.deleted_at IS NULL "                                                                    \
    "AND (m.price_list_id IS NULL OR (l.id IS NOT NULL AND l.status = 'active' "                   \
    "  AND (l.starts_at IS NULL OR l.starts_at <= ?4) AND (l.ends_at IS NULL OR l.ends_at > "      \
    "?4) "                                                                                         \
    "  AND (NOT EXISTS (SELECT 1 FROM price_list_customer_groups g WHERE g.price_list_id = "       \
    "l.id) "                                                                                       \
    "   OR EXISTS (SELECT 1 FROM price_list_customer_groups g JOIN customer_group_customers cc "   \
    "    ON cc.customer_group_id = g.customer_group_id WHERE g.price_list_id = l.id "              \
    "    AND cc.customer_id = ?5)))) "                                                             \
    "AND (CASE WHEN ?2 IS NOT NULL THEN (m.region_id = ?2 OR m.currency_code = ?3) "               \
    "  WHEN ?3 IS NOT NULL THEN m.currency_code = ?3 ELSE TRUE END) "

int db_region_pricing(struct ctx *c, const char *id, const char **currency_code,
                      int *automatic_taxes, double *tax_rate)
{
    struct db_stmt *st = db_sql(c, "SELECT currency_code, automatic_taxes, tax_rate FROM region "
                                   "WHERE id = ?1 AND deleted_at IS NULL");
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    if ((rc = db_step(c, st)) == DB_ROW) {
        *currency_code = arena_strdup(&c->arena, db_col_text(st, 0));
        *automatic_taxes = db_col_int(st, 1);
        *tax_rate = db_col_double(st, 2);
        return 0;
    }
    return rc == DB_DONE ? 1 : -1;
}

int db_cart_region(struct ctx *c, const char *cart_id, const char **region_id)
{
    struct db_stmt *st =
        db_sql(c, "SELECT region_id FROM cart WHERE id = ?1 AND deleted_at IS NULL");
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, cart_id);
    if ((rc = db_step(c, st)) == DB_ROW) {
        *region_id = arena_strdup(&c->arena, db_col_text(st, 0));
        return 0;
    }
    return rc == DB_DONE ? 1 : -1;
}

int db_pk_scope(struct ctx *c, const char *key, struct strlist *out)
{
    struct db_stmt *st = db_sql(c, "SELECT sales_channel_id FROM publishable_api_key_sales_channel "
                                   "WHERE publishable_key_id = ?1 ORDER BY sales_channel_id");
    const char **v = NULL;
    int n = 0, cap = 0, rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, key);
    while ((rc = db_step(c, st)) == DB_ROW) {
        if (n == cap) {
            const char **grown =
                arena_alloc(&c->arena, sizeof(*v) * (size_t)(cap = cap ? cap * 2 : 4));
            if (n)
                memcpy(grown, v, sizeof(*v) * (size_t)n);
            v = grown;
        }
        v[n++] = arena_strdup(&c->arena, db_col_text(st, 0));
    }
    out->v = v;
    out->n = n;
    return rc == DB_DONE ? 0 : -1;
}

const char *db_default_sales_channel(struct ctx *c)
{
    struct db_stmt *st = db_sql(c, "SELECT default_sales_channel_id FROM store LIMIT 1");
    if (st && db_step(c, st) == DB_ROW && db_col_text(st, 0))
        return arena_strdup(&c->arena, db_col_text(st, 0));
    return NULL;
}

static int in_channels(struct ctx *c, const char *sql, const char *id, const struct strlist *sc,
                       int *in_scope)
{
    struct db_stmt *st = db_sql(c, sql);
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, db_json_list(c, sc));
    if ((rc = db_step(c, st)) == DB_ROW) {
        *in_scope = db_col_int(st, 0);
        return 1;
    }
    return rc == DB_DONE ? 0 : -1;
}

int db_product_in_channels(struct ctx *c, const char *product_id, const struct strlist *sc,
                           int *in_scope)
{
    return in_channels(c,
                       "SELECT EXISTS (SELECT 1 FROM product_sales_channel WHERE product_id = p.id "
                       "AND sales_channel_id IN (SELECT value FROM json_each(?2))) FROM product p "
                       "WHERE p.id = ?1 AND p.deleted_at IS NULL",
                       product_id, sc, in_scope);
}

int db_variant_in_channels(struct ctx *c, const char *variant_id, const struct strlist *sc,
                           int *in_scope)
{
    return in_channels(c,
                       "SELECT EXISTS (SELECT 1 FROM product_sales_channel WHERE product_id = "
                       "v.product_id AND sales_channel_id IN (SELECT value FROM json_each(?2))) "
                       "FROM product_variant v WHERE v.id = ?1 AND v.deleted_at IS NULL",
                       variant_id, sc, in_scope);
}

/* Binds the price context to st. */
static void bind_price_context(struct ctx *c, struct db_stmt *st, const char *variant_ids_json,
                               const char *region_id, const char *currency_code,
                               const char *customer_id)
{
    char now[TIMEFMT_LEN];
    timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms());
    db_bind_text(st, 1, variant_ids_json);
    db_bind_text(st, 2, region_id);
    db_bind_text(st, 3, currency_code);
    db_bind_text(st, 4, now);
    db_bind_text(st, 5, customer_id);
}

/* By variant, then created_at and id, in C: SQLite would sort each variant's few prices in a
 * temporary b-tree of their own, a fifth of the statement's cost on a product page. */
static int price_cmp(const void *a, const void *b)
{
    const struct db_price *x = a, *y = b;
    int d = strcmp(x->variant_id, y->variant_id);
    if (!d)
        d = strcmp(x->created_at ? x->created_at : "", y->created_at ? y->created_at : "");
    return d ? d : strcmp(x->id, y->id);
}

int db_catalog_price_rows(struct ctx *c, const char *const *variant_ids, int nids,
                          const char *region_id, const char *currency_code, const char *customer_id,
                          struct db_price **out, int *n)
{
    const char *variant_ids_json = db_json_ids(c, variant_ids, nids);
    static const char sql[] =
        "SELECT pv.variant_id, m.id, m.currency_code, m.amount, m.min_quantity, m.max_quantity, "
        "m.price_list_id, m.region_id, m.created_at, m.updated_at, m.deleted_at, l.id, l.name, "
        "l.description, l.type, l.status, l.starts_at, l.ends_at, l.created_at, l.updated_at, "
        "l.deleted_at " VARIANT_PRICES_FROM;
    struct db_stmt *st = db_sql(c, sql);
    struct db_price *v = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    bind_price_context(c, st, variant_ids_json, region_id, currency_code, customer_id);
    while ((rc = db_step(c, st)) == DB_ROW) {
        struct db_price *p;
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        p = &v[k++];
        p->variant_id = db_col_dup(c, st, 0);
        p->id = db_col_dup(c, st, 1);
        p->currency_code = db_col_dup(c, st, 2);
        p->amount = db_col_int64(st, 3);
        p->has_min = !db_col_null(st, 4);
        p->min_quantity = db_col_int64(st, 4);
        p->has_max = !db_col_null(st, 5);
        p->max_quantity = db_col_int64(st, 5);
        p->price_list_id = db_col_dup(c, st, 6);
        p->region_id = db_col_dup(c, st, 7);
        p->created_at = db_col_dup(c, st, 8);
        p->updated_at = db_col_dup(c, st, 9);
        p->deleted_at = db_col_dup(c, st, 10);
        p->list.id = db_col_dup(c, st, 11);
        p->list.name = db_col_dup(c, st, 12);
        p->list.description = db_col_dup(c, st, 13);
        p->list.type = db_col_dup(c, st, 14);
        p->list.status = db_col_dup(c, st, 15);
        p->list.starts_at = db_col_dup(c, st, 16);
        p->list.ends_at = db_col_dup(c, st, 17);
        p->list.created_at = db_col_dup(c, st, 18);
        p->list.updated_at = db_col_dup(c, st, 19);
        p->list.deleted_at = db_col_dup(c, st, 20);
    }
    if (k > 1)
        qsort(v, (size_t)k, sizeof(*v), price_cmp);
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}

int db_product_tax_rate_rows(struct ctx *c, const char *region_id, const char *const *product_ids,
                             int nids, struct db_tax_rate **out, int *n)
{
    const char *product_ids_json = db_json_ids(c, product_ids, nids);
    static const char sql[] =
        "SELECT p.id, json_object('rate', CASE WHEN r.rate = CAST(r.rate AS INTEGER) THEN "
        "CAST(r.rate AS INTEGER) ELSE r.rate END, 'name', r.name, 'code', r.code), r.rate "
        "FROM product p JOIN tax_rate r ON r.region_id = ?1 AND (r.id IN (SELECT rate_id FROM "
        "product_tax_rate WHERE product_id = p.id) OR r.id IN (SELECT rate_id FROM "
        "product_type_tax_rate WHERE product_type_id = p.type_id)) "
        "WHERE p.id IN (SELECT value FROM json_each(?2)) ORDER BY p.id, r.rowid";
    struct db_stmt *st = db_sql(c, sql);
    struct db_tax_rate *v = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, region_id);
    db_bind_text(st, 2, product_ids_json);
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        v[k].product_id = db_col_dup(c, st, 0);
        v[k].json = db_col_dup(c, st, 1);
        v[k].rate = db_col_double(st, 2);
        k++;
    }
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}
