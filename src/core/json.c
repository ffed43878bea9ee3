/* json.c: json-c helpers; the only place json_object_get() may appear (STYLE.md §4). */
#include "core/json.h"

#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"

static void put(void *p)
{
    json_object_put(p);
}

struct json_object *json_own(struct arena *a, struct json_object *obj)
{
    if (obj)
        arena_defer(a, put, obj);
    return obj;
}

void json_set(struct json_object *o, const char *key, struct json_object *value)
{
    json_object_object_add(o, key, value);
}

void json_set_str(struct json_object *o, const char *key, const char *s)
{
    json_object_object_add(o, key, s ? json_object_new_string(s) : NULL);
}

void json_set_int(struct json_object *o, const char *key, int64_t v)
{
    json_object_object_add(o, key, json_object_new_int64(v));
}

void json_set_bool(struct json_object *o, const char *key, int v)
{
    json_object_object_add(o, key, json_object_new_boolean(v != 0));
}

void json_set_null(struct json_object *o, const char *key)
{
    json_object_object_add(o, key, NULL);
}

void json_set_raw(struct json_object *o, const char *key, const char *text)
{
    json_object_object_add(o, key, text ? json_tokener_parse(text) : NULL);
}

struct json_object *json_get(struct json_object *o, const char *key)
{
    struct json_object *v = NULL;
    if (o && json_object_is_type(o, json_type_object))
        json_object_object_get_ex(o, key, &v);
    return v;
}

const char *json_get_str_opt(struct json_object *o, const char *key)
{
    struct json_object *v = json_get(o, key);
    return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

const char *json_text(struct json_object *o, size_t *len)
{
    const char *s = json_object_to_json_string_length(
        o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, len);
    return s;
}

struct json_object *json_share(struct json_object *o)
{
    return json_object_get(o);
}

const char *json_merge_text(struct arena *a, const char *base, const char *patch)
{
    struct json_object *o = json_own(a, json_tokener_parse(base ? base : "{}")),
                       *p = json_own(a, json_tokener_parse(patch ? patch : "null"));
    size_t len;
    if (!o || !json_object_is_type(o, json_type_object))
        o = json_own(a, json_object_new_object());
    if (p && json_object_is_type(p, json_type_object)) {
        json_object_object_foreach(p, k, v) json_set(o, k, json_share(v));
    }
    return arena_strdup(a, json_text(o, &len));
}

void sbuf_add_json_num(struct sbuf *out, double v)
{
    struct json_object *o;
    size_t len;
    const char *s;
    if (v == (double)(int64_t)v) {
        sbuf_add_int(out, (long long)(int64_t)v);
        return;
    }
    o = json_object_new_double(v);
    s = json_text(o, &len);
    sbuf_add(out, s, len);
    json_object_put(o);
}

const char *json_str_member(struct arena *a, const char *text, const char *key)
{
    struct json_object *o = text ? json_own(a, json_tokener_parse(text)) : NULL;
    const char *v = json_get_str_opt(o, key);
    return v && *v ? v : NULL;
}

const char *json_obj_text(struct json_object *v)
{
    return v && json_object_is_type(v, json_type_object) ? json_text(v, NULL) : NULL;
}

static int jsonb_key_cmp(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    size_t lx = strlen(x), ly = strlen(y);
    if (lx != ly)
        return lx < ly ? -1 : 1;
    return memcmp(x, y, lx);
}

/* 1 when every object in o has its keys in jsonb order. */
static int jsonb_ordered(struct json_object *o)
{
    const char *prev = NULL;
    if (json_object_is_type(o, json_type_array)) {
        size_t n = json_object_array_length(o);
        for (size_t i = 0; i < n; i++)
            if (!jsonb_ordered(json_object_array_get_idx(o, i)))
                return 0;
        return 1;
    }
    if (!json_object_is_type(o, json_type_object))
        return 1;
    json_object_object_foreach(o, key, val)
    {
        if ((prev && jsonb_key_cmp(&prev, &key) >= 0) || !jsonb_ordered(val))
            return 0;
        prev = key;
    }
    return 1;
}

/* A new tree (one reference) with o's objects in jsonb key order. */
static struct json_object *jsonb_order(struct json_object *o)
{
    struct json_object *r;
    const char **keys;
    size_t n, k = 0;
    if (json_object_is_type(o, json_type_array)) {
        n = json_object_array_length(o);
        r = json_object_new_array();
        for (size_t i = 0; i < n; i++)
            json_object_array_add(r, jsonb_order(json_object_array_get_idx(o, i)));
        return r;
    }
    if (!json_object_is_type(o, json_type_object))
        return json_object_get(o);
    n = (size_t)json_object_object_length(o);
    keys = xmalloc((n ? n : 1) * sizeof(*keys));
    json_object_object_foreach(o, key, val)
    {
        (void)val;
        keys[k++] = key;
    }
    qsort(keys, k, sizeof(*keys), jsonb_key_cmp);
    r = json_object_new_object();
    for (size_t i = 0; i < k; i++)
        json_object_object_add(r, keys[i], jsonb_order(json_object_object_get(o, keys[i])));
    free(keys);
    return r;
}

char *json_jsonb_order_text(const char *text)
{
    struct json_object *o, *r;
    char *out = NULL;
    size_t len;
    if (!text || !strchr(text, ','))
        return NULL; /* no object with two keys */
    o = json_tokener_parse(text);
    if (o && !jsonb_ordered(o)) {
        const char *s;
        r = jsonb_order(o);
        s = json_text(r, &len);
        out = xmalloc(len + 1);
        memcpy(out, s, len + 1);
        json_object_put(r);
    }
    json_object_put(o);
    return out;
}
