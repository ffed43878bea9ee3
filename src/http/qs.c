/* qs.c: query strings → json-c, step for step as qs 6.13 parse.js/utils.js under Express's
 * {allowPrototypes: true}, then Medusa's normaliseQuery (store.md §1.4). It never fails on odd
 * input, only on the limits; memory is bounded by the input length and all of it is freed before
 * returning. Only json-c and libc: this is the front, no fcgiapp.h or sqlite3.h. */
#include "http/qs.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* qs works on JS values; these nodes model the ones it can make. A NULL item is a hole of a
 * sparse array (qs's a[3]=x makes [, , , "x"] until compact() removes the holes). */
enum node_type { N_STR, N_TRUE, N_ARR, N_OBJ };

struct node {
    enum node_type type;
    struct node *next_alloc; /* every node of a parse, freed together */
    char *str;               /* N_STR: len bytes, NUL-terminated, may hold NULs */
    size_t len;
    struct node **items; /* N_ARR elements or N_OBJ values */
    struct node **keys;  /* N_OBJ keys (N_STR nodes), parallel to items */
    size_t n, cap;
};

struct qs_ctx {
    struct node *all;
    int depth;
    char *err;
    size_t errlen;
};

/* Out of memory aborts the worker, which the supervisor respawns (STYLE §4); input cannot cause
 * it because every size here is bounded by max_len. */
static void *qs_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        abort();
    return q;
}

__attribute__((format(printf, 2, 3))) static int qs_fail(struct qs_ctx *x, const char *fmt, ...)
{
    va_list ap;
    if (x->err && x->errlen) {
        va_start(ap, fmt);
        vsnprintf(x->err, x->errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static struct node *node_new(struct qs_ctx *x, enum node_type t)
{
    struct node *nd = qs_xrealloc(NULL, sizeof(*nd));
    memset(nd, 0, sizeof(*nd));
    nd->type = t;
    nd->next_alloc = x->all;
    x->all = nd;
    return nd;
}

static struct node *str_new(struct qs_ctx *x, const char *s, size_t len)
{
    struct node *nd = node_new(x, N_STR);
    nd->str = qs_xrealloc(NULL, len + 1);
    if (len)
        memcpy(nd->str, s, len);
    nd->str[len] = '\0';
    nd->len = len;
    return nd;
}

static void nodes_free(struct qs_ctx *x)
{
    while (x->all) {
        struct node *nd = x->all;
        x->all = nd->next_alloc;
        free(nd->str);
        free(nd->items);
        free(nd->keys);
        free(nd);
    }
}

static int is_object(const struct node *nd)
{
    return nd && (nd->type == N_ARR || nd->type == N_OBJ);
}

static void grow(struct node *nd, size_t want)
{
    size_t cap = nd->cap ? nd->cap : 4;
    if (want <= nd->cap)
        return;
    while (cap < want)
        cap *= 2;
    nd->items = qs_xrealloc(nd->items, cap * sizeof(*nd->items));
    if (nd->type == N_OBJ)
        nd->keys = qs_xrealloc(nd->keys, cap * sizeof(*nd->keys));
    nd->cap = cap;
}

static void arr_push(struct node *a, struct node *v)
{
    grow(a, a->n + 1);
    a->items[a->n++] = v;
}

/* JS a[i] = v: may extend the array, leaving holes. */
static void arr_set(struct node *a, size_t i, struct node *v)
{
    if (i >= a->n) {
        grow(a, i + 1);
        while (a->n <= i)
            a->items[a->n++] = NULL;
    }
    a->items[i] = v;
}

static int key_eq(const struct node *k, const char *s, size_t len)
{
    return k->len == len && (len == 0 || memcmp(k->str, s, len) == 0);
}

static long obj_find(const struct node *o, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < o->n; i++)
        if (key_eq(o->keys[i], s, len))
            return (long)i;
    return -1;
}

/* JS o[key] = v (assignment keeps an existing key's place). */
static void obj_set(struct node *o, struct node *key, struct node *v)
{
    long i = obj_find(o, key->str, key->len);
    if (i >= 0) {
        o->items[i] = v;
        return;
    }
    grow(o, o->n + 1);
    o->keys[o->n] = key;
    o->items[o->n++] = v;
}

/* JS property order puts array-index keys ("0", "17"; below 2^32 - 1) first, ascending. */
static int index_key(const struct node *k, uint64_t *v)
{
    size_t i;
    uint64_t x = 0;
    if (k->len == 0 || k->len > 10 || (k->len > 1 && k->str[0] == '0'))
        return 0;
    for (i = 0; i < k->len; i++) {
        if (k->str[i] < '0' || k->str[i] > '9')
            return 0;
        x = x * 10 + (uint64_t)(k->str[i] - '0');
    }
    *v = x;
    return x < 4294967295u;
}

/* Fills order[0..o->n) with o's key positions in JS enumeration order. */
static void obj_order(const struct node *o, size_t *order)
{
    size_t i, j, m = 0;
    uint64_t v, w;
    for (i = 0; i < o->n; i++) {
        if (!index_key(o->keys[i], &v))
            continue;
        for (j = m; j > 0 && index_key(o->keys[order[j - 1]], &w) && w > v; j--)
            order[j] = order[j - 1];
        order[j] = i;
        m++;
    }
    for (i = 0; i < o->n; i++)
        if (!index_key(o->keys[i], &v))
            order[m++] = i;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The byte of "%XX" at s[i], or -1. */
static int pct(const char *s, size_t len, size_t i)
{
    int hi, lo;
    if (len < 3 || i > len - 3)
        return -1;
    if (s[i] != '%' || (hi = hexval((unsigned char)s[i + 1])) < 0 ||
        (lo = hexval((unsigned char)s[i + 2])) < 0)
        return -1;
    return hi << 4 | lo;
}

size_t qs_decode(char *out, const char *s, size_t len, int plus_is_space)
{
    size_t i = 0, o = 0;
    int b;
    while (i < len) {
        if (s[i] == '%' && (b = pct(s, len, i)) >= 0) {
            out[o++] = (char)b;
            i += 3;
        } else {
            out[o++] = plus_is_space && s[i] == '+' ? ' ' : s[i];
            i++;
        }
    }
    return o;
}

/* JS decodeURIComponent on bytes: -1 (URIError) on a bad %XX or on escaped octets that are not
 * one well-formed UTF-8 character (overlong, surrogate, above U+10FFFF), as V8 decides. */
static int uri_decode_strict(char *out, const char *s, size_t len, size_t *outlen)
{
    size_t i = 0, o = 0;
    int b, k, need;
    uint32_t cp, min;
    unsigned char seq[4];
    while (i < len) {
        if (s[i] != '%') {
            out[o++] = s[i++];
            continue;
        }
        if ((b = pct(s, len, i)) < 0)
            return -1;
        i += 3;
        if (b < 0x80) {
            out[o++] = (char)b;
            continue;
        }
        if ((b & 0xE0) == 0xC0) {
            need = 1, cp = (uint32_t)b & 0x1F, min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            need = 2, cp = (uint32_t)b & 0x0F, min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            need = 3, cp = (uint32_t)b & 0x07, min = 0x10000;
        } else {
            return -1;
        }
        seq[0] = (unsigned char)b;
        for (k = 1; k <= need; k++) {
            if ((b = pct(s, len, i)) < 0 || (b & 0xC0) != 0x80)
                return -1;
            i += 3;
            seq[k] = (unsigned char)b;
            cp = cp << 6 | ((uint32_t)b & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return -1;
        memcpy(out + o, seq, (size_t)need + 1);
        o += (size_t)need + 1;
    }
    *outlen = o;
    return 0;
}

/* qs utils.decode: '+' is a space, then decodeURIComponent; if that throws, the whole string is
 * kept undecoded (so "%zz%20" stays "%zz%20", not "%zz "). */
static struct node *qs_value(struct qs_ctx *x, const char *s, size_t len)
{
    struct node *nd = str_new(x, s, len);
    char *tmp = qs_xrealloc(NULL, len + 1);
    size_t i, n;
    for (i = 0; i < len; i++)
        if (nd->str[i] == '+')
            nd->str[i] = ' ';
    if (uri_decode_strict(tmp, nd->str, len, &n) == 0) {
        memcpy(nd->str, tmp, n);
        nd->str[n] = '\0';
        nd->len = n;
    }
    free(tmp);
    return nd;
}

static int utf8_valid(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t need, k;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0)
            need = 1, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0)
            need = 2, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0)
            need = 3, cp = c & 0x07, min = 0x10000;
        else
            return 0;
        if (len - i <= need)
            return 0;
        for (k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += need + 1;
    }
    return 1;
}

/* The leftmost match of qs's /\[[^[\]]*]/ in k[from..len): '[' ... ']' with no bracket inside. */
static int bracket_group(const char *k, size_t len, size_t from, size_t *start, size_t *end)
{
    size_t p = from, q;
    while (p < len) {
        if (k[p] != '[') {
            p++;
            continue;
        }
        for (q = p + 1; q < len && k[q] != '[' && k[q] != ']'; q++)
            ;
        if (q == len)
            return 0;
        if (k[q] == ']') {
            *start = p;
            *end = q;
            return 1;
        }
        p = q; /* another '[': the match can only start there or later */
    }
    return 0;
}

enum seg_kind { SEG_KEY, SEG_BRACKET };

struct seg {
    enum seg_kind kind;
    const char *p; /* SEG_BRACKET: the text inside the brackets */
    size_t n;
};

/* qs parseObject: builds the chain from the leaf outwards. */
static struct node *parse_object(struct qs_ctx *x, const struct seg *chain, int nseg,
                                 struct node *leaf)
{
    int i;
    for (i = nseg - 1; i >= 0; i--) {
        const struct seg *sg = &chain[i];
        struct node *obj;
        size_t idx = 0, k;
        int is_index = 0;
        if (sg->kind == SEG_BRACKET && sg->n == 0) {
            /* "[]": [].concat(leaf), which flattens one array level and keeps holes */
            obj = node_new(x, N_ARR);
            if (leaf->type == N_ARR) {
                for (k = 0; k < leaf->n; k++)
                    arr_push(obj, leaf->items[k]);
            } else {
                arr_push(obj, leaf);
            }
            leaf = obj;
            continue;
        }
        /* an index only when bracketed, canonical (String(parseInt(s)) === s) and <= arrayLimit */
        if (sg->kind == SEG_BRACKET && sg->n <= 2 && sg->p[0] >= '0' && sg->p[0] <= '9' &&
            (sg->n == 1 || (sg->p[0] != '0' && sg->p[1] >= '0' && sg->p[1] <= '9'))) {
            idx = (size_t)(sg->p[0] - '0');
            if (sg->n == 2)
                idx = idx * 10 + (size_t)(sg->p[1] - '0');
            is_index = idx <= QS_ARRAY_LIMIT;
        }
        if (is_index) {
            obj = node_new(x, N_ARR);
            arr_set(obj, idx, leaf);
        } else {
            obj = node_new(x, N_OBJ);
            /* qs drops the value under "__proto__" but keeps the empty object */
            if (!(sg->n == 9 && memcmp(sg->p, "__proto__", 9) == 0))
                obj_set(obj, str_new(x, sg->p, sg->n), leaf);
        }
        leaf = obj;
    }
    return leaf;
}

/* qs parseKeys: parent, then up to depth bracket groups, then the rest as one literal key. */
static struct node *parse_keys(struct qs_ctx *x, const struct node *key, struct node *val)
{
    struct seg chain[2 + 64];
    int nseg = 0, i = 0;
    size_t s, e, from = 0;
    const char *k = key->str;

    if (key->len == 0)
        return NULL;
    if (x->depth > 0 && bracket_group(k, key->len, 0, &s, &e)) {
        if (s > 0)
            chain[nseg++] = (struct seg){SEG_KEY, k, s};
        while (bracket_group(k, key->len, from, &s, &e)) {
            if (i >= x->depth) {
                /* the remainder "[" + rest + "]" loses its outer brackets again: key = rest */
                chain[nseg++] = (struct seg){SEG_KEY, k + s, key->len - s};
                break;
            }
            chain[nseg++] = (struct seg){SEG_BRACKET, k + s + 1, e - s - 1};
            from = e + 1;
            i++;
        }
    } else {
        chain[nseg++] = (struct seg){SEG_KEY, k, key->len};
    }
    return parse_object(x, chain, nseg, val);
}

static struct node *array_to_object(struct qs_ctx *x, const struct node *a)
{
    struct node *o = node_new(x, N_OBJ);
    char num[24];
    size_t i;
    for (i = 0; i < a->n; i++) {
        if (!a->items[i])
            continue;
        snprintf(num, sizeof(num), "%zu", i);
        obj_set(o, str_new(x, num, strlen(num)), a->items[i]);
    }
    return o;
}

/* qs utils.merge(target, source). target is never a hole; source is a fresh parse_keys tree. */
static struct node *merge(struct qs_ctx *x, struct node *target, struct node *source)
{
    struct node *mt, *arr;
    size_t i;
    char num[24];

    if (!source || (source->type == N_STR && source->len == 0))
        return target; /* if (!source): "" is falsy */
    if (!is_object(source)) {
        if (target->type == N_ARR) {
            arr_push(target, source);
        } else if (target->type == N_OBJ) {
            /* target[source] = true; on "__proto__" that sets the prototype, i.e. nothing */
            if (!key_eq(source, "__proto__", 9))
                obj_set(target, source, node_new(x, N_TRUE));
        } else {
            arr = node_new(x, N_ARR);
            arr_push(arr, target);
            arr_push(arr, source);
            return arr;
        }
        return target;
    }
    if (!is_object(target)) {
        arr = node_new(x, N_ARR); /* [target].concat(source) */
        arr_push(arr, target);
        if (source->type == N_ARR) {
            for (i = 0; i < source->n; i++)
                arr_push(arr, source->items[i]);
        } else {
            arr_push(arr, source);
        }
        return arr;
    }
    if (target->type == N_ARR && source->type == N_ARR) {
        size_t n = source->n;
        for (i = 0; i < n; i++) {
            struct node *item = source->items[i];
            if (!item)
                continue; /* forEach skips holes */
            if (i < target->n && target->items[i]) {
                if (is_object(target->items[i]) && is_object(item))
                    target->items[i] = merge(x, target->items[i], item);
                else
                    arr_push(target, item);
            } else {
                arr_set(target, i, item);
            }
        }
        return target;
    }
    mt = target->type == N_ARR ? array_to_object(x, target) : target;
    for (i = 0; i < source->n; i++) {
        struct node *key, *value = source->items[i];
        long at;
        if (source->type == N_ARR) {
            if (!value)
                continue;
            snprintf(num, sizeof(num), "%zu", i);
            key = str_new(x, num, strlen(num));
        } else {
            key = source->keys[i];
        }
        /* Per-key merges are independent, so insertion order here gives JS's result; the
         * index-keys-first order is applied when the tree is written out. */
        at = obj_find(mt, key->str, key->len);
        if (at >= 0)
            mt->items[at] = merge(x, mt->items[at], value);
        else
            obj_set(mt, key, value);
    }
    return mt;
}

/* qs utils.compact: drop the holes of every array. */
static void compact(struct node *nd)
{
    size_t i, o = 0;
    if (!is_object(nd))
        return;
    for (i = 0; i < nd->n; i++) {
        if (!nd->items[i])
            continue;
        compact(nd->items[i]);
        nd->items[o] = nd->items[i];
        if (nd->type == N_OBJ)
            nd->keys[o] = nd->keys[i];
        o++;
    }
    nd->n = o;
}

static struct json_object *to_json(struct qs_ctx *x, const struct node *nd)
{
    struct json_object *j, *v;
    size_t i, *order;

    switch (nd->type) {
    case N_STR:
        return json_object_new_string_len(nd->str, (int)nd->len);
    case N_TRUE:
        return json_object_new_boolean(1);
    case N_ARR:
        j = json_object_new_array_ext((int)nd->n);
        for (i = 0; i < nd->n; i++) {
            if (!(v = to_json(x, nd->items[i]))) {
                json_object_put(j);
                return NULL;
            }
            json_object_array_add(j, v);
        }
        return j;
    case N_OBJ:
        break;
    }
    j = json_object_new_object();
    order = qs_xrealloc(NULL, (nd->n ? nd->n : 1) * sizeof(*order));
    obj_order(nd, order);
    for (i = 0; i < nd->n; i++) {
        const struct node *key = nd->keys[order[i]];
        if (memchr(key->str, '\0', key->len)) {
            qs_fail(x, "query key contains a NUL byte");
            json_object_put(j);
            free(order);
            return NULL;
        }
        if (!(v = to_json(x, nd->items[order[i]]))) {
            json_object_put(j);
            free(order);
            return NULL;
        }
        json_object_object_add_ex(j, key->str, v, JSON_C_OBJECT_ADD_KEY_IS_NEW);
    }
    free(order);
    return j;
}

/* qs parseValues: split on '&', cut each part at "]=" or '=', decode, combine repeated keys. */
static struct node *parse_values(struct qs_ctx *x, char *buf, size_t len)
{
    struct node *tmp = node_new(x, N_OBJ);
    size_t start = 0, end, eq, i;

    while (start <= len) {
        const char *part = buf + start;
        struct node *key, *val, *arr;
        long at;
        size_t plen;
        for (end = start; end < len && buf[end] != '&'; end++)
            ;
        plen = end - start;
        eq = plen;
        for (i = 0; i + 1 < plen; i++)
            if (part[i] == ']' && part[i + 1] == '=')
                break;
        if (i + 1 < plen)
            eq = i + 1;
        else
            for (eq = 0; eq < plen && part[eq] != '='; eq++)
                ;
        key = qs_value(x, part, eq);
        val = eq < plen ? qs_value(x, part + eq + 1, plen - eq - 1) : str_new(x, "", 0);
        at = obj_find(tmp, key->str, key->len);
        if (at < 0) {
            obj_set(tmp, key, val);
        } else if (tmp->items[at]->type == N_ARR) {
            arr_push(tmp->items[at], val); /* utils.combine: [].concat(a, b) */
        } else {
            arr = node_new(x, N_ARR);
            arr_push(arr, tmp->items[at]);
            arr_push(arr, val);
            tmp->items[at] = arr;
        }
        start = end + 1;
    }
    return tmp;
}

static struct json_object *parse(struct qs_ctx *x, const char *query, size_t len, int max_params)
{
    struct node *tmp, *root, *piece;
    struct json_object *out;
    char *buf;
    size_t i, o, parts = 1, *order;

    for (i = 0; i < len; i++)
        if (query[i] == '&' && ++parts > (size_t)max_params) {
            qs_fail(x, "query string has more than %d parameters", max_params);
            return NULL;
        }
    if (!utf8_valid((const unsigned char *)query, len)) {
        qs_fail(x, "query string is not valid UTF-8");
        return NULL;
    }
    /* cleanStr.replace(/%5B/gi, '[').replace(/%5D/gi, ']'), before anything else */
    buf = qs_xrealloc(NULL, len + 1);
    for (i = 0, o = 0; i < len; o++) {
        if (query[i] == '%' && i + 2 < len && query[i + 1] == '5' &&
            (query[i + 2] == 'B' || query[i + 2] == 'b' || query[i + 2] == 'D' ||
             query[i + 2] == 'd')) {
            buf[o] = query[i + 2] == 'B' || query[i + 2] == 'b' ? '[' : ']';
            i += 3;
        } else {
            buf[o] = query[i++];
        }
    }
    buf[o] = '\0';
    tmp = parse_values(x, buf, o);
    free(buf);

    root = node_new(x, N_OBJ);
    order = qs_xrealloc(NULL, (tmp->n ? tmp->n : 1) * sizeof(*order));
    obj_order(tmp, order); /* Object.keys(tempObj): "0", "1" before "a" */
    for (i = 0; i < tmp->n; i++) {
        piece = parse_keys(x, tmp->keys[order[i]], tmp->items[order[i]]);
        root = merge(x, root, piece);
    }
    free(order);
    compact(root);
    out = to_json(x, root);
    return out;
}

struct json_object *qs_parse(const char *query, size_t len, const struct qs_limits *lim, char *err,
                             size_t errlen)
{
    struct qs_ctx x = {NULL, QS_MAX_DEPTH, err, errlen};
    int max_params = QS_MAX_PARAMS;
    size_t max_len = QS_MAX_LEN;
    struct json_object *out;

    if (err && errlen)
        err[0] = '\0';
    if (lim) {
        if (lim->max_params > 0)
            max_params = lim->max_params;
        if (lim->max_depth >= 0)
            x.depth = lim->max_depth > 64 ? 64 : lim->max_depth; /* bounds the recursion */
        if (lim->max_len > 0)
            max_len = lim->max_len;
    }
    if (len > max_len) {
        qs_fail(&x, "query string longer than %zu bytes", max_len);
        return NULL;
    }
    if (!query || len == 0)
        return json_object_new_object();
    out = parse(&x, query, len, max_params);
    nodes_free(&x);
    return out;
}

void qs_normalize(struct json_object *root)
{
    struct lh_entry *e;

    if (!json_object_is_type(root, json_type_object))
        return;
    for (e = json_object_get_object(root)->head; e; e = e->next) {
        struct json_object *v = (struct json_object *)lh_entry_v(e), *el, *parts;
        const char *s, *comma;
        size_t n;
        if (!json_object_is_type(v, json_type_array) || json_object_array_length(v) != 1)
            continue;
        el = json_object_array_get_idx(v, 0);
        /* Medusa calls val[0].split(","); on a non-string that throws (a 500), we leave it be */
        if (!json_object_is_type(el, json_type_string))
            continue;
        s = json_object_get_string(el);
        n = (size_t)json_object_get_string_len(el);
        parts = json_object_new_array();
        for (;;) {
            comma = memchr(s, ',', n);
            if (!comma)
                break;
            json_object_array_add(parts, json_object_new_string_len(s, (int)(comma - s)));
            n -= (size_t)(comma - s) + 1;
            s = comma + 1;
        }
        json_object_array_add(parts, json_object_new_string_len(s, (int)n));
        /* replaces the value in its entry: the key keeps its place and e stays valid */
        json_object_object_add(root, (const char *)lh_entry_k(e), parts);
    }
}
