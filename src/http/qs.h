/* qs.h: URL query strings parsed into json-c trees as Node's qs 6 does under Express
 * (qs.parse(str, {allowPrototypes: true})), and Medusa's normalisation (store.md §1.4). */
#ifndef HTTP_QS_H
#define HTTP_QS_H
#include <stddef.h>

struct json_object;

#define QS_MAX_PARAMS  1000  /* qs parameterLimit */
#define QS_MAX_DEPTH   5     /* qs depth */
#define QS_MAX_LEN     16384 /* ours: the front never passes more */
#define QS_ARRAY_LIMIT 20    /* qs arrayLimit: a[21]=x makes the object key "21" */

/* NULL, or a zero/negative field, means the default above; max_depth 0 is kept (no brackets). */
struct qs_limits {
    int max_params;
    int max_depth;
    size_t max_len;
};

/* Parses query[0..len) (need not be NUL-terminated; may be NULL when len is 0) into a new json-c
 * object the caller owns (json_object_put). Values are strings, except that qs's own quirk
 * "a[b]=y&a=x" gives {"a":{"b":"y","x":true}}. Arrays, nested objects, depth remainders, index
 * compaction and the arrayLimit fall-back to object keys all follow qs 6.13. Returns NULL and
 * writes a one-line reason into err (if errlen > 0) when the input is longer than max_len, has
 * more than max_params '&'-separated parts, is not valid UTF-8, or a decoded key holds a NUL. */
struct json_object *qs_parse(const char *query, size_t len, const struct qs_limits *lim, char *err,
                             size_t errlen);

/* Medusa's normaliseQuery (store.md §1.4): at the top level, every value that is an array of
 * exactly one string becomes that string split on commas (an array). In place. */
void qs_normalize(struct json_object *root);

/* Percent-decodes s[0..len) into out (out may alias s; the output is never longer than the input),
 * turning '+' into ' ' when plus_is_space; returns the new length. An invalid %XX sequence is
 * copied verbatim. No NUL is appended. (qs_parse itself decodes all-or-nothing, as qs does.) */
size_t qs_decode(char *out, const char *s, size_t len, int plus_is_space);

#endif
