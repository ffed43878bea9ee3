/* json.h: the few json-c helpers every layer shares. Trees have one owner (STYLE.md §4):
 * json_own() hands a root to the arena, which puts it at reset. */
#ifndef CORE_JSON_H
#define CORE_JSON_H
#include <stdint.h>
#include <json-c/json.h>

#include "core/arena.h"

/* The arena puts obj at reset; returns obj. */
struct json_object *json_own(struct arena *a, struct json_object *obj);
/* Adds key = string (or JSON null when s is NULL). */
void json_set_str(struct json_object *o, const char *key, const char *s);
void json_set_int(struct json_object *o, const char *key, int64_t v);
void json_set_bool(struct json_object *o, const char *key, int v);
void json_set_null(struct json_object *o, const char *key);
/* Adds key = value, taking ownership of value (which may be NULL for JSON null). */
void json_set(struct json_object *o, const char *key, struct json_object *value);
/* Adds key = parsed JSON text (metadata columns); NULL or unparsable text becomes null. */
void json_set_raw(struct json_object *o, const char *key, const char *text);
/* The string at key, or NULL if absent, null or not a string. */
const char *json_get_str_opt(struct json_object *o, const char *key);
/* A borrowed child or NULL. */
struct json_object *json_get(struct json_object *o, const char *key);
/* Takes one more reference to o (to attach a shared child elsewhere); returns o. */
struct json_object *json_share(struct json_object *o);
/* Compact serialisation as Medusa sends it (no slash escaping). The string lives as long as o. */
const char *json_text(struct json_object *o, size_t *len);

/* The text of the object base (NULL or not an object: {}) with the members of the object patch
 * set over it (a patch that is no object changes nothing), in the arena. */
const char *json_merge_text(struct arena *a, const char *base, const char *patch);

/* The JSON text with the keys of every object in PostgreSQL's jsonb order (shorter keys first,
 * then bytewise): jsonb columns answer so on PostgreSQL, as Medusa's do. malloc'd, or NULL when
 * the text is already in that order or is not JSON. */
char *json_jsonb_order_text(const char *text);

/* v's JSON text when v is an object, else NULL (an absent or null body member). */
const char *json_obj_text(struct json_object *v);
/* The non-empty string member key of the JSON object text (NULL-safe), arena-owned, or NULL. */
const char *json_str_member(struct arena *a, const char *text, const char *key);

struct sbuf;
/* Appends v as JavaScript prints a number: 25, or 12.5 (as json-c writes a double). */
void sbuf_add_json_num(struct sbuf *out, double v);

#endif
