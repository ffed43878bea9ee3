/* json.c: json-c helpers; the only place json_object_get() may appear (STYLE.md §4). */
#include "core/json.h"

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
