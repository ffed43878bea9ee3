/* seed_common.c: what every kind of seed entry uses (seed_internal.h): the JSON path in error
 * messages, cached statements with bound values, typed field readers, links between entries and
 * to rows already there. Never splices a value into SQL. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <sodium.h>
#include "db/driver.h"

#include "core/slug.h"
#include "core/strv.h"
#include "core/timefmt.h"
#include "core/ulid.h"
#include "db/seed_internal.h"

const struct kind_info seed_kinds[K_COUNT] = {
    [K_REGION] = {"region", "region", "name", 1},
    [K_SHIPPING_OPTION] = {"shipping option", "shipping_option", "name", 1},
    [K_CATEGORY] = {"category", "product_category", "handle", 0},
    [K_COLLECTION] = {"collection", "product_collection", "handle", 1},
    [K_PRODUCT] = {"product", "product", "handle", 1},
    [K_VARIANT] = {"variant", "product_variant", "sku", 1},
    [K_TYPE] = {"product type", "product_type", "value", 1},
    [K_TAG] = {"product tag", "product_tag", "value", 1},
    [K_SALES_CHANNEL] = {"sales channel", "sales_channel", "name", 1},
    [K_CUSTOMER_GROUP] = {"customer group", "customer_group", "name", 1},
    [K_CUSTOMER] = {"customer", "customer", "email", 1},
    [K_PRICE_LIST] = {"price list", "price_list", "name", 1},
    [K_DISCOUNT] = {"discount", "discount", "code", 1},
    [K_GIFT_CARD] = {"gift card", "gift_card", "code", 1},
    [K_TAX_RATE] = {"tax rate", "tax_rate", "code", 0},
    [K_RETURN_REASON] = {"return reason", "return_reason", "value", 1},
    [K_USER] = {"user", "\"user\"", "email", 1},
    [K_PUBKEY] = {"publishable api key", "publishable_api_key", "title", 0},
};

/* ---- errors and the JSON path --------------------------------------------------------------- */

__attribute__((format(printf, 2, 3))) int seed_fail(struct seed *s, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    if (s->failed)
        return -1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(s->err, s->errlen, "%s: %s", s->path, msg);
    s->failed = 1;
    return -1;
}

size_t seed_path_key(struct seed *s, const char *key)
{
    size_t old = s->plen;
    int n = snprintf(s->path + old, sizeof(s->path) - old, ".%s", key);
    if (n > 0)
        s->plen = old + (size_t)n < sizeof(s->path) ? old + (size_t)n : sizeof(s->path) - 1;
    return old;
}

size_t seed_path_idx(struct seed *s, size_t i)
{
    size_t old = s->plen;
    int n = snprintf(s->path + old, sizeof(s->path) - old, "[%zu]", i);
    if (n > 0)
        s->plen = old + (size_t)n < sizeof(s->path) ? old + (size_t)n : sizeof(s->path) - 1;
    return old;
}

void seed_path_pop(struct seed *s, size_t old)
{
    s->plen = old;
    s->path[old] = '\0';
}

__attribute__((format(printf, 3, 4))) int seed_fail_key(struct seed *s, const char *key,
                                                        const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    seed_path_key(s, key);
    return seed_fail(s, "%s", msg);
}

int seed_db_failed(struct seed *s)
{
    return seed_fail(s, "database error: %s", drv_errmsg(s->db));
}

/* ---- statements ----------------------------------------------------------------------------- */

/* Prepared once per load, keyed by the address of the constant SQL text. */
struct db_stmt *seed_prep(struct seed *s, const char *sql)
{
    struct db_stmt *st;
    for (int i = 0; i < s->ncache; i++)
        if (s->cache[i].sql == sql) {
            db_reset(s->cache[i].st);
            db_clear_bindings(s->cache[i].st);
            return s->cache[i].st;
        }
    if (!(st = drv_prepare(s->db, sql, 0))) {
        seed_db_failed(s);
        return NULL;
    }
    if (s->ncache < SEED_CACHE_MAX) {
        s->cache[s->ncache].sql = sql;
        s->cache[s->ncache++].st = st;
    }
    return st;
}

/* Binds by letters: s text (NULL binds NULL), i int64_t, b int, f double, n int has + int64_t,
 * d int has + double (the "has" forms bind NULL when has is 0). */
static void bind_va(struct db_stmt *st, const char *types, va_list ap)
{
    for (int i = 1; *types; types++, i++) {
        int has;
        int64_t v;
        double d;
        const char *t;
        switch (*types) {
        case 's':
            t = va_arg(ap, const char *);
            if (t)
                db_bind_text(st, i, t);
            else
                db_bind_null(st, i);
            break;
        case 'i':
            db_bind_int(st, i, va_arg(ap, int64_t));
            break;
        case 'b':
            db_bind_int(st, i, va_arg(ap, int) ? 1 : 0);
            break;
        case 'f':
            db_bind_double(st, i, va_arg(ap, double));
            break;
        case 'n':
            has = va_arg(ap, int);
            v = va_arg(ap, int64_t);
            if (has)
                db_bind_int(st, i, v);
            else
                db_bind_null(st, i);
            break;
        case 'd':
            has = va_arg(ap, int);
            d = va_arg(ap, double);
            if (has)
                db_bind_double(st, i, d);
            else
                db_bind_null(st, i);
            break;
        default:
            break;
        }
    }
}

/* Runs a write to completion: 0 or -1 (error recorded). */
int seed_run(struct seed *s, const char *sql, const char *types, ...)
{
    va_list ap;
    int rc;
    struct db_stmt *st = seed_prep(s, sql);
    if (!st)
        return -1;
    va_start(ap, types);
    bind_va(st, types, ap);
    va_end(ap);
    rc = drv_step(s->db, st);
    db_reset(st);
    if (rc != DB_DONE)
        return seed_db_failed(s);
    return 0;
}

/* Reads column 0 of the first row as text into out ("" for NULL): 1 found, 0 none, -1 error. */
int seed_one_text(struct seed *s, char *out, size_t outlen, const char *sql, const char *types, ...)
{
    va_list ap;
    int rc;
    struct db_stmt *st = seed_prep(s, sql);
    if (!st)
        return -1;
    va_start(ap, types);
    bind_va(st, types, ap);
    va_end(ap);
    rc = drv_step(s->db, st);
    if (rc == DB_ROW) {
        const char *t = db_col_text(st, 0);
        if (out)
            snprintf(out, outlen, "%s", t ? (const char *)t : "");
        db_reset(st);
        return 1;
    }
    db_reset(st);
    if (rc != DB_DONE)
        return seed_db_failed(s);
    return 0;
}

/* A new id and a strictly increasing timestamp, so rows sort by created_at in file order. */
const char *seed_stamp(struct seed *s)
{
    int64_t ms = timefmt_now_ms();
    if (ms <= s->last_ms)
        ms = s->last_ms + 1;
    s->last_ms = ms;
    return timefmt_iso(s->ts, sizeof(s->ts), ms);
}

char *seed_new_id(char out[ID_MAX], const char *prefix)
{
    return ulid_make(out, ID_MAX, prefix);
}

/* ---- JSON fields ---------------------------------------------------------------------------- */

static const char *const want_names[] = {"a string",  "an integer", "a number",
                                         "a boolean", "an object",  "an array"};

static int type_ok(json_object *v, enum want w)
{
    switch (w) {
    case W_STR:
        return json_object_is_type(v, json_type_string);
    case W_INT:
        return json_object_is_type(v, json_type_int);
    case W_NUM:
        return json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double);
    case W_BOOL:
        return json_object_is_type(v, json_type_boolean);
    case W_OBJ:
        return json_object_is_type(v, json_type_object);
    case W_ARR:
        return json_object_is_type(v, json_type_array);
    }
    return 0;
}

/* *out = o[key] of the wanted type; NULL when absent or null (an error if required). */
int seed_field(struct seed *s, json_object *o, const char *key, enum want w, int required,
               json_object **out)
{
    json_object *v = NULL;
    *out = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !v) {
        if (required)
            return seed_fail_key(s, key, "required field is missing");
        return 0;
    }
    if (!type_ok(v, w))
        return seed_fail_key(s, key, "expected %s", want_names[w]);
    *out = v;
    return 0;
}

int seed_get_str(struct seed *s, json_object *o, const char *key, int required, const char **out)
{
    json_object *v;
    *out = NULL;
    if (seed_field(s, o, key, W_STR, required, &v) < 0)
        return -1;
    if (v)
        *out = json_object_get_string(v);
    if (required && !**out)
        return seed_fail_key(s, key, "must not be empty");
    return 0;
}

int seed_get_int(struct seed *s, json_object *o, const char *key, int required, int *has,
                 int64_t *out)
{
    json_object *v;
    *has = 0;
    *out = 0;
    if (seed_field(s, o, key, W_INT, required, &v) < 0)
        return -1;
    if (v) {
        *has = 1;
        *out = json_object_get_int64(v);
    }
    return 0;
}

int seed_get_num(struct seed *s, json_object *o, const char *key, int required, int *has,
                 double *out)
{
    json_object *v;
    *has = 0;
    *out = 0;
    if (seed_field(s, o, key, W_NUM, required, &v) < 0)
        return -1;
    if (v) {
        *has = 1;
        *out = json_object_get_double(v);
    }
    return 0;
}

int seed_get_bool(struct seed *s, json_object *o, const char *key, int def, int *out)
{
    json_object *v;
    *out = def;
    if (seed_field(s, o, key, W_BOOL, 0, &v) < 0)
        return -1;
    if (v)
        *out = json_object_get_boolean(v) ? 1 : 0;
    return 0;
}

/* Metadata: a JSON object stored as its text, or NULL. The text lives as long as o. */
int seed_get_meta(struct seed *s, json_object *o, const char *key, const char **out)
{
    json_object *v;
    *out = NULL;
    if (seed_field(s, o, key, W_OBJ, 0, &v) < 0)
        return -1;
    if (v)
        *out = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
    return 0;
}

/* One of values (a NULL-terminated list), or def when absent. */
int seed_get_enum(struct seed *s, json_object *o, const char *key, const char *const *values,
                  const char *def, const char **out)
{
    char list[160] = "";
    size_t n = 0;
    if (seed_get_str(s, o, key, !def, out) < 0)
        return -1;
    if (!*out) {
        *out = def;
        return 0;
    }
    for (int i = 0; values[i]; i++) {
        if (!strcmp(values[i], *out))
            return 0;
        n += (size_t)snprintf(list + n, n < sizeof(list) ? sizeof(list) - n : 0, "%s%s",
                              i ? ", " : "", values[i]);
        if (n >= sizeof(list))
            n = sizeof(list) - 1;
    }
    return seed_fail_key(s, key, "expected one of %s", list);
}

/* A date as JavaScript's Date accepts it, normalised to ISO-8601 UTC with ms; "" when absent. */
int seed_get_date(struct seed *s, json_object *o, const char *key, char out[TIMEFMT_LEN])
{
    const char *t;
    int64_t ms;
    out[0] = '\0';
    if (seed_get_str(s, o, key, 0, &t) < 0)
        return -1;
    if (!t)
        return 0;
    if (timefmt_parse(t, &ms) < 0)
        return seed_fail_key(s, key, "expected a date, got '%s'", t);
    timefmt_iso(out, TIMEFMT_LEN, ms);
    return 0;
}

const char *seed_opt_date(const char d[TIMEFMT_LEN])
{
    return d[0] ? d : NULL;
}

void seed_lower_copy(char *out, size_t outlen, const char *in)
{
    size_t i;
    for (i = 0; in[i] && i + 1 < outlen; i++)
        out[i] = (in[i] >= 'A' && in[i] <= 'Z') ? (char)(in[i] - 'A' + 'a') : in[i];
    out[i] = '\0';
}

/* Typos must not vanish silently: every key of an entry must be one its kind allows. */
int seed_check_keys(struct seed *s, json_object *o, const char *const *allowed)
{
    json_object_object_foreach(o, key, val)
    {
        (void)val;
        if (!strv_has(allowed, key))
            return seed_fail_key(s, key, "unknown key");
    }
    return 0;
}

/* Calls fn on each object of the array o[key] (absent: none), with the path pointing at it. */
int seed_each(struct seed *s, json_object *o, const char *key, const char *const *allowed,
              entry_fn fn, void *arg)
{
    json_object *arr;
    size_t old, n;
    if (seed_field(s, o, key, W_ARR, 0, &arr) < 0)
        return -1;
    if (!arr)
        return 0;
    old = seed_path_key(s, key);
    n = json_object_array_length(arr);
    for (size_t i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(arr, i);
        size_t at = seed_path_idx(s, i);
        if (!e || !json_object_is_type(e, json_type_object))
            return seed_fail(s, "expected an object");
        if (allowed && seed_check_keys(s, e, allowed) < 0)
            return -1;
        if (fn(s, e, i, arg) < 0)
            return -1;
        seed_path_pop(s, at);
    }
    seed_path_pop(s, old);
    return 0;
}

/* ---- links ---------------------------------------------------------------------------------- */

int seed_link_add(struct seed *s, enum kind k, const char *file_id, const char *id)
{
    if (!file_id)
        return 0;
    for (size_t i = 0; i < s->nlinks; i++)
        if (s->links[i].kind == k && !strcmp(s->links[i].file_id, file_id))
            return seed_fail_key(s, "id", "duplicate %s id '%s'", seed_kinds[k].what, file_id);
    if (s->nlinks == s->caplinks) {
        size_t cap = s->caplinks ? s->caplinks * 2 : 64;
        struct link *l = realloc(s->links, cap * sizeof(*l));
        if (!l)
            return seed_fail(s, "out of memory");
        s->links = l;
        s->caplinks = cap;
    }
    s->links[s->nlinks].kind = k;
    s->links[s->nlinks].file_id = strdup(file_id);
    if (!s->links[s->nlinks].file_id)
        return seed_fail(s, "out of memory");
    snprintf(s->links[s->nlinks].id, ID_MAX, "%s", id);
    s->nlinks++;
    return 0;
}

/* Looks a row up by id, then natural key (module comment), in the database. 1, 0 or -1. */
static int link_db(struct seed *s, enum kind k, const char *ref, char out[ID_MAX])
{
    const struct kind_info *ki = &seed_kinds[k];
    const char *cols[2] = {"id", ki->natural};
    for (int c = 0; c < 2 && cols[c]; c++) {
        char sql[256];
        struct db_stmt *st;
        int rc;
        /* Only constant identifiers are formatted in; the value is bound. */
        snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE %s = ?1%s ORDER BY created_at LIMIT 1",
                 ki->table, cols[c], ki->soft ? " AND deleted_at IS NULL" : "");
        if (!(st = drv_prepare(s->db, sql, 0)))
            return seed_db_failed(s);
        db_bind_text(st, 1, ref);
        rc = drv_step(s->db, st);
        if (rc == DB_ROW)
            snprintf(out, ID_MAX, "%s", db_col_text(st, 0));
        drv_finalize(st);
        if (rc == DB_ROW)
            return 1;
        if (rc != DB_DONE)
            return seed_db_failed(s);
    }
    return 0;
}

/* Resolves a link at the current path; records "unknown <kind> '<ref>'" if nothing matches. */
static int link_find(struct seed *s, enum kind k, const char *ref, char out[ID_MAX])
{
    int rc;
    for (size_t i = 0; i < s->nlinks; i++)
        if (s->links[i].kind == k && !strcmp(s->links[i].file_id, ref)) {
            snprintf(out, ID_MAX, "%s", s->links[i].id);
            return 0;
        }
    rc = link_db(s, k, ref, out);
    if (rc < 0)
        return -1;
    if (!rc)
        return seed_fail(s, "unknown %s '%s' (no entry with this id in the file or the database)",
                         seed_kinds[k].what, ref);
    return 0;
}

/* Resolves the optional link o[key]; out is "" when absent. */
int seed_link_key(struct seed *s, json_object *o, const char *key, enum kind k, int required,
                  char out[ID_MAX])
{
    const char *ref;
    size_t old;
    out[0] = '\0';
    if (seed_get_str(s, o, key, required, &ref) < 0)
        return -1;
    if (!ref)
        return 0;
    old = seed_path_key(s, key);
    if (link_find(s, k, ref, out) < 0)
        return -1;
    seed_path_pop(s, old);
    return 0;
}

/* Resolves each element of the list o[key] (a string or {"id": string}) and calls fn. */
int seed_each_link(struct seed *s, json_object *o, const char *key, enum kind k, link_fn fn,
                   void *arg)
{
    json_object *arr;
    size_t old, n;
    if (seed_field(s, o, key, W_ARR, 0, &arr) < 0)
        return -1;
    if (!arr)
        return 0;
    old = seed_path_key(s, key);
    n = json_object_array_length(arr);
    for (size_t i = 0; i < n; i++) {
        static const char *const id_keys[] = {"id", NULL};
        json_object *e = json_object_array_get_idx(arr, i);
        const char *ref = NULL;
        char id[ID_MAX];
        size_t at = seed_path_idx(s, i);
        if (e && json_object_is_type(e, json_type_object)) {
            if (seed_check_keys(s, e, id_keys) < 0 || seed_get_str(s, e, "id", 1, &ref) < 0)
                return -1;
            seed_path_key(s, "id");
        } else if (e && json_object_is_type(e, json_type_string)) {
            ref = json_object_get_string(e);
        } else {
            return seed_fail(s, "expected a string or an object with an id");
        }
        if (link_find(s, k, ref, id) < 0 || fn(s, id, arg) < 0)
            return -1;
        seed_path_pop(s, at);
    }
    seed_path_pop(s, old);
    return 0;
}

int seed_idvec_init(struct seed *s, struct idvec *v, json_object *root, const char *key)
{
    json_object *arr;
    if (seed_field(s, root, key, W_ARR, 0, &arr) < 0)
        return -1;
    v->n = arr ? json_object_array_length(arr) : 0;
    v->v = v->n ? calloc(v->n, sizeof(*v->v)) : NULL;
    if (v->n && !v->v)
        return seed_fail(s, "out of memory");
    return 0;
}

/* ---- helpers shared by several kinds -------------------------------------------------------- */

int seed_currency_exists(struct seed *s, const char *code)
{
    static const char q[] = "SELECT code FROM currency WHERE code = ?1";
    return seed_one_text(s, NULL, 0, q, "s", code);
}

int seed_hash_password(struct seed *s, const char *pw, char out[crypto_pwhash_STRBYTES])
{
    if (crypto_pwhash_str_alg(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
        return seed_fail_key(s, "password", "cannot hash the password (out of memory)");
    return 0;
}
