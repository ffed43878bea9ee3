/* catalog.h: the queries of the small catalog resources of the store: collections, tags, types,
 * categories (store.md §5.6-5.8), return reasons and shipping options (§6.1, §6.2). Each function
 * adds filters to a struct gquery (graph.h) or shapes its selection; handlers never write SQL. */
#ifndef DB_CATALOG_H
#define DB_CATALOG_H
#include "db/graph.h"

/* Medusa's string filter (StringComparisonOperator, store.md §5.7): equal to one value, one of
 * several, and/or operators, all ANDed. */
struct strfilter {
    const char *eq;        /* one value, or NULL */
    const char *const *in; /* n_in values, or NULL */
    int n_in;
    const char *lt, *gt, *lte, *gte;                /* text comparisons */
    const char *contains, *starts_with, *ends_with; /* case-insensitive (ILIKE) */
};
/* 1 if f filters anything. */
int strfilter_given(const struct strfilter *f);
/* Adds f on column col (a constant column name of q's root entity) to q. */
void catalog_where_str(struct ctx *c, struct gquery *q, const char *col, const struct strfilter *f);

/* ---- collections (§5.6) ------------------------------------------------------------------- */

/* handle IN (handles); n = 0 adds nothing. */
void catalog_collections_handles(struct ctx *c, struct gquery *q, const char *const *handles,
                                 int n);

/* ---- product tags and types (§5.7) -------------------------------------------------------- */

struct value_filter {
    struct strfilter id, value;
    const char *q;                     /* ILIKE %q% on value; a non-empty q replaces `value` */
    const char *discount_condition_id; /* linked to that discount condition */
};

/* The columns tag and type lists return: id, value, created_at, updated_at. e is ent_product_tag
 * or ent_product_type. */
struct gsel *catalog_value_sel(struct ctx *c, const struct gent *e);
/* Adds f to q, a query over ent_product_tag or ent_product_type. */
void catalog_value_filter(struct ctx *c, struct gquery *q, const struct value_filter *f);

/* ---- product categories (§5.8) ------------------------------------------------------------ */

struct category_filter {
    const char *q;         /* ILIKE %q% on name or handle; drops `handle` */
    const char *handle;    /* exact */
    const char *parent_id; /* exact */
    int roots_only;        /* parent_category_id=null: parent_category_id IS NULL */
};

/* Visible categories only (is_active and not is_internal), f's filters, and the store's order
 * (rank, then handle), replacing any order q had. */
void catalog_categories_filter(struct gquery *q, const struct category_filter *f);
/* Shapes a category selection built from `fields`/`expand`: parent_category and
 * category_children show the root's columns and nothing deeper. With tree, category_children is
 * left to catalog_category_trees(). */
void catalog_category_sel(struct gsel *sel, int tree);
/* Sets category_children of every category in rows (a JSON array of rows selected with sel) to
 * its whole visible subtree: every node with sel's columns and a category_children array (the
 * leaves an empty one), siblings by rank then handle. One query, any depth. 0 or -1. */
int catalog_category_trees(struct ctx *c, struct json_object *rows, const struct gsel *sel);

/* ---- return reasons (§6.1) ---------------------------------------------------------------- */

/* The store's columns (no metadata) plus parent_return_reason and return_reason_children with
 * all their columns. */
struct gsel *catalog_return_reason_sel(struct ctx *c);
/* Top-level reasons only, in creation order (Medusa gives none). */
void catalog_return_reasons_top(struct gquery *q);

/* ---- shipping options (§6.2) -------------------------------------------------------------- */

struct shipping_option_filter {
    const char *region_id;          /* or NULL */
    int is_return;                  /* 0, 1, or -1: both */
    const char *const *product_ids; /* options of these products' shipping profiles */
    int n_products;                 /* 0: no product filter */
};

/* Every column, `requirements`, and the hidden `tax_rates` ({rate, name, code} as Medusa's pricing
 * applies them) for the handler to price. */
struct gsel *catalog_shipping_option_sel(struct ctx *c);
/* Never admin-only options, then f's filters, in creation order. */
void catalog_shipping_options_filter(struct ctx *c, struct gquery *q,
                                     const struct shipping_option_filter *f);

#endif
