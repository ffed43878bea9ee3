/* catalog_admin.c: collections (ProductCollectionService.create), categories
 * (ProductCategoryService.create) and return reasons (ReturnReasonService.create) from the Admin
 * API. A unique index Medusa would hit gets the text its exception formatter makes of
 * PostgreSQL's: "{Table} with {column} {value} already exists." */
#include "domain/catalog_admin.h"

#include <string.h>

#include "core/json.h"
#include "core/slug.h"
#include "db/catalog_admin.h"

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
    if (unique(c, db_collection_handle_taken(c, handle), "Product_collection", "handle", handle) <
        0)
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
    if (unique(c, db_category_handle_taken(c, row.handle), "Product_category", "handle",
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
