/* catalog_admin.c: collections (ProductCollectionService.create), categories
 * (ProductCategoryService.create) and return reasons (ReturnReasonService.create) from the Admin
 * API. A unique index Medusa would hit gets the text its exception formatter makes of
 * PostgreSQL's: "{Table} with {column} {value} already exists." */
#include "domain/catalog_admin.h"

#include <string.h>

#include "core/json.h"
#include "core/slug.h"
#include "db/catalog_admin.h"
#include "domain/metadata.h"

static const char *default_handle(struct ctx *c, const char *handle, const char *from)
{
    size_t n;
    char *out;
    if (handle && *handle)
        return handle;
    n = strlen(from) * 2 + 1;
    out = arena_alloc(&c->arena, n);
    slug_kebab(out, n, from);
    return out;
}

static const char *meta_text(struct ctx *c, struct json_object *metadata)
{
    size_t len;
    return metadata ? arena_strdup(&c->arena, json_text(metadata, &len)) : NULL;
}

static int unique(struct ctx *c, int taken, const char *table, const char *col, const char *v)
{
    if (taken < 0)
        return -1;
    if (taken)
        return err_set(c, ERR_DUPLICATE, "%s with %s %s already exists.", table, col, v);
    return 0;
}

const char *collection_create(struct ctx *c, const char *title, const char *handle,
                              struct json_object *metadata)
{
    handle = default_handle(c, handle, title);
    if (unique(c, db_collection_handle_taken(c, handle, NULL), "Product_collection", "handle",
               handle) < 0)
        return NULL;
    return db_collection_insert(c, title, handle, meta_text(c, metadata));
}

const char *category_create(struct ctx *c, const struct category_input *in)
{
    struct category_row row;
    int rc;
    row.name = in->name;
    row.description = in->description ? in->description : "";
    row.handle = default_handle(c, in->handle, in->name);
    row.parent_id = in->parent_id;
    row.is_active = in->is_active > 0;
    row.is_internal = in->is_internal > 0;
    row.metadata = meta_text(c, in->metadata);
    if (in->parent_id) {
        if ((rc = db_category_exists(c, in->parent_id)) < 0)
            return NULL;
        if (rc) {
            err_set(c, ERR_NOT_FOUND, "ProductCategory with id: %s was not found", in->parent_id);
            return NULL;
        }
    }
    if (unique(c, db_category_handle_taken(c, row.handle, NULL), "Product_category", "handle",
               row.handle) < 0)
        return NULL;
    return db_category_insert(c, &row);
}

const char *return_reason_create(struct ctx *c, const char *value, const char *label,
                                 const char *description, const char *parent_id,
                                 struct json_object *metadata)
{
    if (parent_id && *parent_id) {
        const char *grand;
        int rc = db_return_reason_parent(c, parent_id, &grand);
        if (rc < 0)
            return NULL;
        if (rc) {
            err_set(c, ERR_NOT_FOUND, "Return Reason with id: %s was not found.", parent_id);
            return NULL;
        }
        if (grand) {
            err_set(c, ERR_INVALID_DATA, "Doubly nested return reasons is not supported");
            return NULL;
        }
    } else {
        parent_id = NULL;
    }
    if (unique(c, db_return_reason_value_taken(c, value), "Return_reason", "value", value) < 0)
        return NULL;
    return db_return_reason_insert(c, value, label, description, parent_id, meta_text(c, metadata));
}

static int collection_must_exist(struct ctx *c, const char *id, const char **title,
                                 const char **handle, const char **metadata)
{
    int rc = db_collection_load(c, id, title, handle, metadata);
    if (rc == 1)
        return err_set(c, ERR_NOT_FOUND, "Product collection with id: %s was not found", id);
    return rc;
}

int collection_update(struct ctx *c, const char *id, const char *title, const char *handle,
                      struct json_object *metadata)
{
    const char *t, *h, *m;
    if (collection_must_exist(c, id, &t, &h, &m) < 0)
        return -1;
    if (metadata)
        m = metadata_merge(c, m, metadata);
    if (handle && unique(c, db_collection_handle_taken(c, handle, id), "Product_collection",
                         "handle", handle) < 0)
        return -1;
    return db_collection_update(c, id, title ? title : t, handle ? handle : h, m);
}

int collection_delete(struct ctx *c, const char *id)
{
    const char *t, *h, *m;
    if (collection_must_exist(c, id, &t, &h, &m) < 0)
        return -1;
    return db_collection_soft_delete(c, id);
}

int collection_products(struct ctx *c, const char *id, const char *const *ids, int n, int add)
{
    const char *t, *h, *m;
    if (collection_must_exist(c, id, &t, &h, &m) < 0)
        return -1;
    return add ? db_collection_add_products(c, id, ids, n)
               : db_collection_remove_products(c, id, ids, n);
}

static int category_must_exist(struct ctx *c, const char *id, struct category_row *row,
                               int64_t *rank)
{
    int rc = db_category_load(c, id, row, rank);
    if (rc == 1)
        return err_set(c, ERR_NOT_FOUND, "ProductCategory with id: %s was not found", id);
    return rc;
}

/* ids without the one at index at, with id inserted at position pos (clamped). */
static const char **insert_at(struct ctx *c, const char *const *ids, int n, const char *id,
                              int64_t pos)
{
    const char **out = arena_alloc(&c->arena, sizeof(*out) * (size_t)(n + 1));
    int k = 0;
    if (pos > n || pos < 0)
        pos = n;
    for (int i = 0; i <= n; i++)
        out[i] = i == pos ? id : ids[k++];
    return out;
}

int category_update(struct ctx *c, const char *id, const struct category_update *in)
{
    struct category_row row, parent;
    int64_t rank, prank;
    const char *to = in->has_parent ? in->parent_id : NULL;
    const char **sibs;
    int rc, n, moved, reranked;
    if (category_must_exist(c, id, &row, &rank) < 0)
        return -1;
    if (in->metadata)
        row.metadata = metadata_merge(c, row.metadata, in->metadata);
    moved = in->has_parent && !(to ? row.parent_id && !strcmp(to, row.parent_id) : !row.parent_id);
    reranked = moved || (in->has_rank && in->rank != rank);
    if (moved && to) {
        if (category_must_exist(c, to, &parent, &prank) < 0)
            return -1;
        /* TypeORM would write a cycle into the tree. */
        if ((rc = db_category_in_subtree(c, to, id)) < 0)
            return -1;
        if (rc)
            return err_set(c, ERR_INVALID_DATA,
                           "A category cannot be moved under itself or one of its descendants");
    }
    if (in->name)
        row.name = in->name;
    if (in->description)
        row.description = in->description;
    if (in->handle) {
        if (unique(c, db_category_handle_taken(c, in->handle, id), "Product_category", "handle",
                   in->handle) < 0)
            return -1;
        row.handle = in->handle;
    }
    if (in->is_active >= 0)
        row.is_active = in->is_active;
    if (in->is_internal >= 0)
        row.is_internal = in->is_internal;
    if (db_category_update(c, id, &row) < 0)
        return -1;
    if (!reranked)
        return 0;
    /* Out of its siblings' way first (Medusa's tempReorderRank). */
    if (db_category_park(c, id) < 0)
        return -1;
    if (moved) {
        /* The old siblings close the gap. */
        if ((n = db_category_siblings(c, row.parent_id, id, &sibs)) < 0 ||
            db_category_rerank(c, row.parent_id, sibs, n) < 0)
            return -1;
    }
    /* The new parent's children make room at the rank asked for (the end by default). */
    if ((n = db_category_siblings(c, moved ? to : row.parent_id, id, &sibs)) < 0)
        return -1;
    return db_category_rerank(c, moved ? to : row.parent_id,
                              insert_at(c, sibs, n, id, in->has_rank ? in->rank : n), n + 1);
}

int category_delete(struct ctx *c, const char *id)
{
    struct category_row row;
    int64_t rank;
    const char **sibs;
    int rc = db_category_load(c, id, &row, &rank), n;
    if (rc)
        return rc < 0 ? -1 : 0;
    if ((rc = db_category_has_children(c, id)) < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_NOT_ALLOWED,
                       "Deleting ProductCategory (%s) with category children is not allowed", id);
    if (db_category_delete(c, id) < 0 ||
        (n = db_category_siblings(c, row.parent_id, id, &sibs)) < 0)
        return -1;
    return db_category_rerank(c, row.parent_id, sibs, n);
}

int category_products(struct ctx *c, const char *id, const char *const *ids, int n, int add)
{
    struct category_row row;
    int64_t rank;
    const char *missing = db_missing_products(c, ids, n);
    if (!missing && c->err.type != ERR_NONE)
        return -1;
    if (missing)
        return err_set(c, ERR_MULTI, "Products %s do not exist", missing);
    if (category_must_exist(c, id, &row, &rank) < 0)
        return -1;
    return add ? db_category_add_products(c, id, ids, n)
               : db_category_remove_products(c, id, ids, n);
}

/* 0 if the live return reason exists, else its 404. */
static int reason_found(struct ctx *c, const char *id)
{
    const char *parent;
    int rc = db_return_reason_parent(c, id, &parent);
    if (rc < 0)
        return -1;
    return rc ? err_set(c, ERR_NOT_FOUND, "Return Reason with id: %s was not found.", id) : 0;
}

int return_reason_update(struct ctx *c, const char *id, struct json_object *body)
{
    static const char *const columns[] = {"label", "value", "description", NULL};
    struct json_object *fields = json_own(&c->arena, json_object_new_object()), *v;
    const char *value = json_get_str_opt(body, "value");
    size_t len;
    int meta_given;
    if (reason_found(c, id) < 0)
        return -1;
    if (value &&
        unique(c, db_return_reason_value_other(c, value, id), "Return_reason", "value", value) < 0)
        return -1;
    for (const char *const *k = columns; *k; k++)
        if (json_object_object_get_ex(body, *k, &v))
            json_object_object_add(fields, *k, json_share(v));
    meta_given = json_object_object_get_ex(body, "metadata", &v);
    return db_return_reason_update(c, id, json_text(fields, &len), meta_given,
                                   v ? json_text(v, &len) : NULL);
}

int return_reason_delete(struct ctx *c, const char *id)
{
    return reason_found(c, id) < 0 ? -1 : db_return_reason_delete(c, id);
}
