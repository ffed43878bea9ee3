/* catalog.c: filters and selections of collections, tags, types, categories, return reasons and
 * shipping options (catalog.h). Values are always bound; fragments are constants over %c.
 * Implements store.md §5.6-5.8, §6.1, §6.2. */
#include "db/catalog.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/entities.h"
#include "db/internal.h"

/* ---- string filters ------------------------------------------------------------------------ */

int strfilter_given(const struct strfilter *f)
{
    return f->eq || f->in || f->lt || f->gt || f->lte || f->gte || f->contains || f->starts_with ||
           f->ends_with;
}

/* Postgres ILIKE with its default escape character; SQLite's LIKE ignores ASCII case. */
#define ILIKE " LIKE %s || ? || %s ESCAPE '\\'"

static void where_op(struct ctx *c, struct gquery *q, const char *col, const char *op,
                     const char *v)
{
    if (v)
        gq_where_text(q, arena_printf(&c->arena, "%%c.\"%s\" %s ?", col, op), v);
}

static void where_like(struct ctx *c, struct gquery *q, const char *col, const char *pre,
                       const char *v, const char *post)
{
    if (v)
        gq_where_text(q, arena_printf(&c->arena, "%%c.\"%s\"" ILIKE, col, pre, post), v);
}

/* col is a constant column name of the root entity. */
static void where_str(struct ctx *c, struct gquery *q, const char *col, const struct strfilter *f)
{
    where_op(c, q, col, "=", f->eq);
    if (f->in)
        gq_where_list(
            c, q, arena_printf(&c->arena, "%%c.\"%s\" IN (SELECT value FROM json_each(?))", col),
            f->in, f->n_in);
    where_op(c, q, col, "<", f->lt);
    where_op(c, q, col, ">", f->gt);
    where_op(c, q, col, "<=", f->lte);
    where_op(c, q, col, ">=", f->gte);
    where_like(c, q, col, "'%'", f->contains, "'%'");
    where_like(c, q, col, "''", f->starts_with, "'%'");
    where_like(c, q, col, "'%'", f->ends_with, "''");
}

/* ---- collections --------------------------------------------------------------------------- */

void catalog_collections_handles(struct ctx *c, struct gquery *q, const char *const *handles, int n)
{
    if (n > 0)
        gq_where_list(c, q, "%c.handle IN (SELECT value FROM json_each(?))", handles, n);
}

/* ---- tags and types ------------------------------------------------------------------------ */

struct gsel *catalog_value_sel(struct ctx *c, const struct gent *e)
{
    static const char *const cols[] = {"id", "value", "created_at", "updated_at", NULL};
    return gsel_build(c, e, cols, NULL);
}

void catalog_where_str(struct ctx *c, struct gquery *q, const char *col, const struct strfilter *f)
{
    where_str(c, q, col, f);
}

void catalog_value_filter(struct ctx *c, struct gquery *q, const struct value_filter *f)
{
    where_str(c, q, "id", &f->id);
    /* Medusa's tag service overwrites the value condition with the search (store.md §5.7). */
    if (f->q && *f->q)
        where_like(c, q, "value", "'%'", f->q, "'%'");
    else
        where_str(c, q, "value", &f->value);
    if (f->discount_condition_id)
        gq_where_text(q,
                      q->ent == &ent_product_tag
                          ? "%c.id IN (SELECT product_tag_id FROM discount_condition_product_tag"
                            " WHERE condition_id = ?)"
                          : "%c.id IN (SELECT product_type_id FROM discount_condition_product_type"
                            " WHERE condition_id = ?)",
                      f->discount_condition_id);
}

/* ---- categories ---------------------------------------------------------------------------- */

#define VISIBLE(t) t ".is_active = 1 AND " t ".is_internal = 0"

void catalog_categories_filter(struct gquery *q, const struct category_filter *f)
{
    gq_where(q, VISIBLE("%c"));
    if (f->q && *f->q)
        gq_where_text(q,
                      "EXISTS (SELECT 1 FROM (SELECT '%' || ? || '%' AS p) pat WHERE %c.name LIKE p"
                      " ESCAPE '\\' OR %c.handle LIKE p ESCAPE '\\')",
                      f->q);
    else if (f->handle)
        gq_where_text(q, "%c.handle = ?", f->handle);
    if (f->roots_only)
        gq_where(q, "%c.parent_category_id IS NULL");
    else if (f->parent_id)
        gq_where_text(q, "%c.parent_category_id = ?", f->parent_id);
    q->order = "%c.rank ASC, %c.handle ASC";
}

/* A related category shows the root's columns and nothing deeper (store.md §5.8). */
static void category_like_root(struct gsel *sub, const struct gsel *root)
{
    sub->cols = root->cols;
    sub->ncols = root->ncols;
    sub->nrels = 0;
}

void catalog_category_sel(struct gsel *sel, int tree)
{
    struct gsel *s;
    if ((s = gsel_rel(sel, "parent_category")))
        category_like_root(s, sel);
    if (!(s = gsel_rel(sel, "category_children")))
        return;
    if (!tree) {
        category_like_root(s, sel);
        return;
    }
    /* The trees are attached afterwards (catalog_category_trees): no one-level relation. */
    for (int i = 0; i < sel->nrels; i++)
        if (sel->rels[i].sub == s) {
            memmove(&sel->rels[i], &sel->rels[i + 1],
                    sizeof(sel->rels[0]) * (size_t)(sel->nrels - i - 1));
            sel->nrels--;
            break;
        }
}

/* Bounds the descent if the data ever held a cycle; Medusa's trees are far shallower. */
#define CATEGORY_MAX_DEPTH 256

/* Every visible descendant of the categories in the JSON array ids, once per root it hangs
 * below (a list can hold a category and its ancestor), as (root, parent_id, node JSON), ordered
 * by root, then rank and handle. */
static struct db_stmt *descendants_stmt(struct ctx *c, const struct gsel *sel, const char *ids)
{
    struct gsel node = {.ent = sel->ent, .cols = sel->cols, .ncols = sel->ncols};
    struct sbuf sql = SBUF_INIT;
    struct db_stmt *st;
    sbuf_adds(&sql,
              "WITH RECURSIVE tree(root, id, depth) AS ("
              " SELECT k.parent_category_id, k.id, 1 FROM product_category k"
              " WHERE k.parent_category_id IN (SELECT value FROM json_each(?1))"
              " AND " VISIBLE(
                  "k") " UNION ALL"
                       " SELECT tree.root, k.id, tree.depth + 1 FROM product_category k JOIN tree"
                       " ON k.parent_category_id = tree.id WHERE " VISIBLE(
                           "k") " AND tree.depth < ?2)"
                                " SELECT tree.root, t0.parent_category_id, ");
    graph_sql(&sql, &node, "t0", 0);
    sbuf_adds(&sql, " FROM tree JOIN product_category t0 ON t0.id = tree.id"
                    " ORDER BY tree.root, t0.rank, t0.handle, t0.id");
    st = db_sql(c, sql.buf);
    sbuf_release(&sql);
    if (st) {
        db_bind_text(st, 1, ids);
        db_bind_int(st, 2, CATEGORY_MAX_DEPTH);
    }
    return st;
}

/* The node's category_children array. */
static struct json_object *children_of(struct json_object *node)
{
    struct json_object *kids = json_get(node, "category_children");
    if (!kids || !json_object_is_type(kids, json_type_array)) {
        kids = json_object_new_array();
        json_object_object_add(node, "category_children", kids);
    }
    return kids;
}

/* Attaches one root's descendants (nodes[0..n), in sibling order) below it: a parent is the
 * root or an earlier-or-later node of the same group. Every node ends up owned. */
static void attach_group(struct ctx *c, struct json_object *root, char **parents,
                         struct json_object **nodes, size_t n)
{
    struct lh_table *by_id = lh_kchar_table_new((int)(n * 2 + 1), NULL);
    for (size_t i = 0; i < n; i++) {
        const char *id = json_get_str_opt(nodes[i], "id");
        if (id)
            lh_table_insert(by_id, arena_strdup(&c->arena, id), nodes[i]);
    }
    for (size_t i = 0; i < n; i++) {
        void *parent = NULL;
        if (!lh_table_lookup_ex(by_id, parents[i], &parent))
            parent = root; /* the root's direct children */
        json_object_array_add(children_of(parent), nodes[i]);
    }
    lh_table_free(by_id);
}

int catalog_category_trees(struct ctx *c, struct json_object *rows, const struct gsel *sel)
{
    size_t nrows = json_object_array_length(rows), n = 0, cap = 0, first = 0;
    struct lh_table *roots = lh_kchar_table_new((int)(nrows * 2 + 1), NULL);
    struct json_object **nodes = NULL;
    char **parents = NULL, **group = NULL;
    struct sbuf ids = SBUF_INIT;
    struct db_stmt *st;
    int rc;

    sbuf_addc(&ids, '[');
    for (size_t i = 0; i < nrows; i++) {
        struct json_object *row = json_object_array_get_idx(rows, i);
        const char *id = json_get_str_opt(row, "id");
        /* Leaves too: an empty category_children, in place of the one-level relation. */
        json_object_object_add(row, "category_children", json_object_new_array());
        if (!id)
            continue;
        lh_table_insert(roots, id, row);
        if (ids.len > 1)
            sbuf_addc(&ids, ',');
        sbuf_add_json_str(&ids, id);
    }
    sbuf_addc(&ids, ']');
    st = descendants_stmt(c, sel, ids.buf);
    sbuf_release(&ids);
    if (!st) {
        lh_table_free(roots);
        return -1;
    }
    while ((rc = db_step(c, st)) == DB_ROW) {
        struct json_object *node = json_tokener_parse(db_col_text(st, 2));
        if (!node)
            continue;
        json_object_object_add(node, "category_children", json_object_new_array());
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 32;
            struct json_object **nn = arena_alloc(&c->arena, nc * sizeof(*nn));
            char **np = arena_alloc(&c->arena, nc * sizeof(*np));
            char **ng = arena_alloc(&c->arena, nc * sizeof(*ng));
            if (n) {
                memcpy(nn, nodes, n * sizeof(*nn));
                memcpy(np, parents, n * sizeof(*np));
                memcpy(ng, group, n * sizeof(*ng));
            }
            nodes = nn, parents = np, group = ng, cap = nc;
        }
        group[n] = arena_strdup(&c->arena, db_col_text(st, 0));
        parents[n] = arena_strdup(&c->arena, db_col_text(st, 1));
        nodes[n++] = node;
    }
    if (rc != DB_DONE) {
        for (size_t k = 0; k < n; k++)
            json_object_put(nodes[k]);
        lh_table_free(roots);
        return -1;
    }
    /* Rows arrive grouped by root: attach each group below its root. */
    for (size_t i = 1; i <= n; i++) {
        if (i < n && !strcmp(group[i], group[first]))
            continue;
        void *root = NULL;
        if (lh_table_lookup_ex(roots, group[first], &root))
            attach_group(c, root, parents + first, nodes + first, i - first);
        else
            for (size_t k = first; k < i; k++)
                json_object_put(nodes[k]);
        first = i;
    }
    lh_table_free(roots);
    return 0;
}

/* ---- return reasons ------------------------------------------------------------------------ */

struct gsel *catalog_return_reason_sel(struct ctx *c)
{
    static const char *const cols[] = {
        "id",         "value",      "label", "parent_return_reason_id", "description", "created_at",
        "updated_at", "deleted_at", NULL};
    static const char *const rels[] = {"parent_return_reason", "return_reason_children", NULL};
    return gsel_build(c, &ent_return_reason, cols, rels);
}

void catalog_return_reasons_top(struct gquery *q)
{
    gq_where(q, "%c.parent_return_reason_id IS NULL");
    q->order = "%c.created_at, %c.id";
}

/* ---- shipping options ---------------------------------------------------------------------- */

struct gsel *catalog_shipping_option_sel(struct ctx *c)
{
    struct gsel *sel = gsel_cols(c, &ent_shipping_option);
    gsel_add_rel(c, sel, "requirements");
    gsel_add_col(c, sel, "tax_rates");
    return sel;
}

void catalog_shipping_options_filter(struct ctx *c, struct gquery *q,
                                     const struct shipping_option_filter *f)
{
    gq_where(q, "%c.admin_only = 0");
    if (f->region_id)
        gq_where_text(q, "%c.region_id = ?", f->region_id);
    if (f->is_return >= 0)
        gq_where_int(q, "%c.is_return = ?", f->is_return);
    /* Medusa v1 meant this and lost it (store.md §6.2, observed.md): the profiles of the live
     * products named. */
    if (f->n_products > 0)
        gq_where_list(c, q,
                      "%c.profile_id IN (SELECT psp.profile_id FROM product_shipping_profile psp"
                      " JOIN product p ON p.id = psp.product_id WHERE p.deleted_at IS NULL"
                      " AND p.id IN (SELECT value FROM json_each(?)))",
                      f->product_ids, f->n_products);
    q->order = "%c.created_at, %c.id";
}
