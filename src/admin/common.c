/* common.c: the Admin API's shared reads (common.h), on the graph loader. */
#include "admin/common.h"

#include <string.h>

#include <json-c/json.h>

#include "core/json.h"
#include "core/sbuf.h"
#include "db/graph.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"

/* The base parameters (without q when the list has none) followed by the list's own; a list's
 * parameter of the same name replaces the base one (tax rates take expand and fields as arrays). */
static const struct vparam *list_params(struct req *r, const struct admin_list *l,
                                        const struct admin_list_more *more)
{
    static const struct vparam base[] = {
        {"q", V_STRING, 0},
        {"limit", V_NUMBER, 0},
        {"offset", V_NUMBER, 0},
        {"expand", V_STRING, 0},
        {"fields", V_STRING, 0},
        {"order", V_STRING, 0},
        {NULL, 0, 0},
    };
    const struct vparam *first = l->q_column ? base : base + 1;
    size_t nb = 0, nf = 0;
    struct vparam *all;
    if (!more || !more->filters)
        return first;
    while (first[nb].name)
        nb++;
    while (more->filters[nf].name)
        nf++;
    all = arena_alloc(&r->c.arena, sizeof(*all) * (nb + nf + 1));
    nb = 0;
    for (const struct vparam *p = first; p->name; p++) {
        int replaced = 0;
        for (const struct vparam *f = more->filters; f->name; f++)
            replaced |= !strcmp(f->name, p->name);
        if (!replaced)
            all[nb++] = *p;
    }
    memcpy(all + nb, more->filters, sizeof(*all) * (nf + 1));
    return all;
}

/* page_list() for a list whose rows get computed keys: parsed, decorated, written once. */
static int decorated_page(struct req *r, const struct admin_list *l,
                          const struct admin_list_more *more, const struct gquery *q)
{
    struct json_object *rows, *out;
    int64_t count = 0;
    if ((l->with_count && (count = gq_count(&r->c, q)) < 0) || !(rows = gq_run_json(&r->c, q)))
        return -1;
    for (size_t i = 0; i < json_object_array_length(rows); i++)
        more->decorate(&r->c, json_object_array_get_idx(rows, i));
    out = json_object_new_object();
    json_set(out, l->key, json_share(rows));
    if (l->with_count) {
        json_set_int(out, "count", count);
        json_set_int(out, "offset", q->offset);
        json_set_int(out, "limit", q->limit);
    }
    return resp_json(r, 200, out);
}

int admin_list_send(struct req *r, const struct admin_list *l)
{
    return admin_list_send_with(r, l, NULL);
}

int admin_list_send_with(struct req *r, const struct admin_list *l,
                         const struct admin_list_more *more)
{
    struct listq_spec spec = {.default_limit = l->default_limit < 0 ? 0 : l->default_limit,
                              .is_list = 1,
                              .default_relations = l->relations};
    struct listq lq;
    struct listf f;
    struct gquery q;
    struct gsel *sel;
    const char *text;
    if (validate(r, r->qs, list_params(r, l, more), 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    if (l->default_limit < 0)
        f.limit = -1, f.offset = 0;
    sel = gsel_build(&r->c, l->ent, lq.fields, lq.relations);
    if (more && more->select)
        more->select(&r->c, sel);
    if (gq_list(&r->c, &q, l->ent, sel, &f) < 0)
        return -1;
    if (more && more->filter && more->filter(r, &q) < 0)
        return -1;
    /* ILike %q% on each column, as Medusa's q: SQLite's LIKE ignores ASCII case. */
    if (l->q_column && (text = v_str(r->qs, "q")) && *text)
        gq_where_contains(&r->c, &q, l->q_column, text);
    if (more && more->decorate)
        return decorated_page(r, l, more, &q);
    return page_list(r, l->key, &q, l->with_count);
}

int admin_one_send(struct req *r, const char *key, const struct gent *ent, struct gsel *sel,
                   const char *id, const char *before)
{
    struct listf f = {.id = id, .limit = 1};
    struct gquery q;
    int rc;
    if (gq_list(&r->c, &q, ent, sel, &f) < 0)
        return -1;
    if ((rc = page_row(r, key, &q)) == 1)
        return err_set(&r->c, ERR_NOT_FOUND, "%s%s was not found", before, id);
    return rc;
}

int admin_deleted_send(struct req *r, const char *id, const char *object)
{
    struct json_object *o = json_object_new_object();
    json_set_str(o, "id", id);
    json_set_str(o, "object", object);
    json_set_bool(o, "deleted", 1);
    return resp_json(r, 200, o);
}

int admin_ids_body(struct req *r, const char *name, const char *const **ids, int *n)
{
    const struct vparam params[] = {{name, V_ANY, V_OPTIONAL}, {NULL, 0, 0}};
    struct sbuf msgs = SBUF_INIT;
    struct json_object *v = json_get(r->json, name);
    int strings = 1, empty;
    validate_msgs(r->json, params, 0, &msgs);
    if (v && json_object_is_type(v, json_type_array)) {
        for (size_t i = 0; i < json_object_array_length(v); i++)
            strings &= json_object_is_type(json_object_array_get_idx(v, i), json_type_string);
        empty = json_object_array_length(v) == 0;
    } else {
        /* Not an array: each is checked as the one value; ArrayNotEmpty needs an array. */
        strings = v && json_object_is_type(v, json_type_string);
        empty = 1;
    }
    if (!strings)
        sbuf_addf(&msgs, "%seach value in %s must be a string", msgs.len ? ", " : "", name);
    if (empty)
        sbuf_addf(&msgs, "%s%s should not be empty", msgs.len ? ", " : "", name);
    if (validate_done(r, &msgs) < 0)
        return -1;
    *ids = v_strs(r, r->json, name, n);
    return 0;
}

void admin_id_objects(struct req *r, struct sbuf *msgs, struct json_object *obj, const char *name,
                      const char ***ids, int *n)
{
    static const struct vparam item[] = {{"id", V_STRING, V_CHECKED}, {NULL, 0, 0}};
    struct json_object *list = json_get(obj, name);
    const char **v;
    validate_nested_each(msgs, obj, name, item);
    *n = list && json_object_is_type(list, json_type_array) ? (int)json_object_array_length(list)
                                                            : 0;
    v = arena_alloc(&r->c.arena, sizeof(*v) * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        v[i] = json_get_str_opt(json_object_array_get_idx(list, (size_t)i), "id");
    *ids = v;
}

void admin_price_check(struct sbuf *msgs, struct json_object *p, const struct vparam *params,
                       int skip_with_id)
{
    const char *region = json_get_str_opt(p, "region_id"),
               *currency = json_get_str_opt(p, "currency_code");
    int has_r = region && *region, has_c = currency && *currency;
    validate_msgs(p, params, 0, msgs);
    if ((skip_with_id && json_get_str_opt(p, "id")) || has_r != has_c)
        return;
    sbuf_addf(msgs, "%sFailed XOR relation between \"region_id\" and \"currency_code\".",
              msgs->len ? ", " : "");
    sbuf_adds(msgs, ", Failed XOR relation between \"currency_code\" and \"region_id\".");
}

void admin_filter_in(struct req *r, struct gquery *q, const char *param, const char *col)
{
    int n;
    const char **v = v_strs(r, r->qs, param, &n);
    if (n > 0)
        gq_where_in(&r->c, q, col, v, n);
}

void admin_filter_eq(struct req *r, struct gquery *q, const char *param, const char *col)
{
    const char *v = v_str(r->qs, param);
    if (v)
        gq_where_eq(&r->c, q, col, v);
}

void admin_filter_dates(struct req *r, struct gquery *q)
{
    struct datefilter df;
    /* created_at and updated_at are applied by gq_list; a deleted_at bound turns on Medusa's
     * withDeleted (buildQuery), so it lists the rows deleted within it. A table without soft
     * deletes (tax_rate) has no such rows (TypeORM would fail on the missing column: a 500). */
    if (!v_datefilter(r->qs, "deleted_at", &df))
        return;
    if (q->ent->live)
        gq_where_deleted(&r->c, q, &df);
    else
        gq_where_none(q);
}

const char **admin_batch_ids(struct req *r, const char *key, int *n)
{
    const struct vparam params[] = {{key, V_ARRAY, V_CHECKED}, {NULL, 0, 0}};
    static const struct vparam item[] = {{"id", V_STRING, V_CHECKED}, {NULL, 0, 0}};
    struct sbuf msgs = SBUF_INIT;
    struct json_object *list;
    const char **ids;
    size_t len;
    *n = 0;
    validate_msgs(r->json, params, 0, &msgs);
    validate_nested_each(&msgs, r->json, key, item);
    if (validate_done(r, &msgs) < 0)
        return NULL;
    list = json_get(r->json, key);
    len = json_object_array_length(list);
    ids = arena_alloc(&r->c.arena, sizeof(*ids) * (len + 1));
    for (size_t i = 0; i < len; i++) {
        const char *id = json_get_str_opt(json_object_array_get_idx(list, i), "id");
        if (id)
            ids[(*n)++] = id;
    }
    ids[*n] = NULL;
    return ids;
}
