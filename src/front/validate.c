/* validate.c: class-validator's messages and order (store.md §1.3) and the fields/expand/order
 * resolution of configured endpoints (store.md §1.5). Never touches the database. */
#include "front/validate.h"

#include "db/catalog.h"
#include "db/graph.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/arena.h"
#include "core/ctx.h"
#include "core/json.h"
#include "core/strv.h"
#include "core/money.h"
#include "core/sbuf.h"
#include "core/timefmt.h"
#include "domain/auth.h"
#include "domain/cart.h"
#include "http/req.h"

static void add_msg(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add_msg(struct sbuf *sb, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (sb->len)
        sbuf_add(sb, ", ", 2);
    sbuf_adds(sb, msg);
}

/* JavaScript's Number(s) for query strings: trimmed, "" → 0, decimal or hex, else NaN. */
static int js_number(const char *s, double *out)
{
    char *end;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s) {
        *out = 0;
        return 0;
    }
    errno = 0;
    *out = strtod(s, &end);
    if (end == s)
        return -1;
    while (isspace((unsigned char)*end))
        end++;
    if (*end || isnan(*out))
        return -1;
    /* strtod accepts "inf"/"nan" spellings that Number() does not (Number("Infinity") is fine). */
    if (isinf(*out) && !strstr(s, "Infinity"))
        return -1;
    return 0;
}

static int is_email(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.'))
        return 0;
    for (const char *p = s; *p; p++)
        if (isspace((unsigned char)*p))
            return 0;
    const char *dot = strrchr(at, '.');
    return dot[1] && dot > at + 1;
}

static int date_ok(const char *s)
{
    double d;
    int64_t ms;
    return timefmt_parse(s, &ms) == 0 || js_number(s, &d) == 0;
}

/* new Date(v) for a body value: strings as timefmt_parse, numbers as ms, booleans as 0/1 ms. */
static int body_date(struct json_object *v, int64_t *ms)
{
    switch (json_object_get_type(v)) {
    case json_type_string:
        return timefmt_parse(json_object_get_string(v), ms);
    case json_type_int:
    case json_type_double: {
        /* new Date(n) is an Invalid Date past +-8.64e15 ms, which IsDate refuses; we also refuse
         * the years past 9999 (and before 0) that ISO text cannot sort (timefmt.h). */
        double d = json_object_get_double(v);
        if (!(d >= (double)TIMEFMT_MIN_MS && d <= (double)TIMEFMT_MAX_MS))
            return -1;
        *ms = (int64_t)d;
        return 0;
    }
    case json_type_boolean:
        *ms = json_object_get_boolean(v);
        return 0;
    default:
        return -1;
    }
}

/* class-validator's isNotEmpty fails for "", null and undefined. */
static int is_empty(struct json_object *v)
{
    return !v || (json_object_is_type(v, json_type_string) && !*json_object_get_string(v));
}

static void check_one(struct sbuf *sb, struct json_object *v, const struct vparam *p, int is_query)
{
    enum json_type t = json_object_get_type(v);
    double d;
    switch (p->type) {
    case V_ANY:
        break;
    case V_STRING:
        if (t != json_type_string)
            add_msg(sb, "%s must be a string", p->name);
        break;
    case V_EMAIL:
        if (t != json_type_string || !is_email(json_object_get_string(v)))
            add_msg(sb, "%s must be an email", p->name);
        break;
    case V_NUMBER:
        if (is_query ? t != json_type_string || js_number(json_object_get_string(v), &d) < 0
                     : t != json_type_int && t != json_type_double)
            add_msg(sb, "%s must be a number conforming to the specified constraints", p->name);
        break;
    case V_INT:
        if (is_query) {
            if (t != json_type_string || js_number(json_object_get_string(v), &d) < 0 ||
                d != floor(d))
                add_msg(sb, "%s must be an integer number", p->name);
        } else if (t != json_type_int &&
                   !(t == json_type_double &&
                     json_object_get_double(v) == floor(json_object_get_double(v)))) {
            add_msg(sb, "%s must be an integer number", p->name);
        }
        break;
    case V_BOOL:
        if (t != json_type_boolean)
            add_msg(sb, "%s must be a boolean value", p->name);
        break;
    case V_BOOLSTR:
        if (t != json_type_string || (strcmp(json_object_get_string(v), "true") &&
                                      strcmp(json_object_get_string(v), "false")))
            add_msg(sb, "%s must be a boolean string", p->name);
        break;
    case V_STRARRAY:
    case V_STR_OR_ARRAY:
        if (p->type == V_STR_OR_ARRAY && t == json_type_string)
            break;
        if (t != json_type_array) {
            add_msg(sb, "%s must be an array", p->name);
            break;
        }
        for (size_t i = 0; i < json_object_array_length(v); i++) {
            if (!json_object_is_type(json_object_array_get_idx(v, i), json_type_string)) {
                add_msg(sb, "each value in %s must be a string", p->name);
                break;
            }
        }
        break;
    case V_DATEFILTER:
        if (t != json_type_object) {
            add_msg(sb, "nested property %s must be either object or array", p->name);
            break;
        }
        json_object_object_foreach(v, key, val)
        {
            if (strcmp(key, "lt") && strcmp(key, "gt") && strcmp(key, "lte") && strcmp(key, "gte"))
                add_msg(sb, "property %s should not exist", key);
            else if (!json_object_is_type(val, json_type_string) ||
                     !date_ok(json_object_get_string(val)))
                add_msg(sb, "%s must be a Date instance", key);
        }
        break;
    case V_OBJECT:
        if (t != json_type_object)
            add_msg(sb, "%s must be an object", p->name);
        break;
    case V_ARRAY:
        if (t != json_type_array)
            add_msg(sb, "%s must be an array", p->name);
        break;
    case V_STRFILTER:
    case V_NUMFILTER:
        break; /* strfilter_check() / numfilter_check() ran first */
    case V_NOT_EMPTY:
        if (is_empty(v))
            add_msg(sb, "%s should not be empty", p->name);
        break;
    case V_JWT:
        if (t != json_type_string || !auth_jwt_shaped(json_object_get_string(v)))
            add_msg(sb, "%s must be a jwt string", p->name);
        if (is_empty(v))
            add_msg(sb, "%s should not be empty", p->name);
        break;
    case V_NESTED:
        if (t != json_type_object)
            add_msg(sb, "nested property %s must be either object or array", p->name);
        break;
    case V_NUMBER_INT:
        if (t != json_type_int && t != json_type_double)
            add_msg(sb, "%s must be a number conforming to the specified constraints", p->name);
        else if (json_object_get_double(v) != floor(json_object_get_double(v)))
            add_msg(sb, "%s must be an integer number", p->name);
        break;
    case V_POSITIVE_INT:
        if (t != json_type_int && !(t == json_type_double &&
                                    json_object_get_double(v) == floor(json_object_get_double(v))))
            add_msg(sb, "%s must be an integer number", p->name);
        else if (json_object_get_double(v) < 1)
            add_msg(sb, "%s must not be less than 1", p->name);
        else if (json_object_get_double(v) > CART_QUANTITY_MAX)
            add_msg(sb, "%s must not be greater than %d", p->name, CART_QUANTITY_MAX);
        break;
    case V_AMOUNT:
        if (t != json_type_int && !(t == json_type_double &&
                                    json_object_get_double(v) == floor(json_object_get_double(v))))
            add_msg(sb, "%s must be an integer number", p->name);
        else if (json_object_get_double(v) < 0)
            add_msg(sb, "%s must not be less than 0", p->name);
        else if (json_object_get_double(v) > MONEY_AMOUNT_MAX)
            add_msg(sb, "%s must not be greater than %d", p->name, MONEY_AMOUNT_MAX);
        break;
    case V_DATE: {
        int64_t ms;
        if (body_date(v, &ms) < 0)
            add_msg(sb, "%s must be a Date instance", p->name);
        break;
    }
    case V_STRINGS: {
        int bad = t != json_type_array && t != json_type_string;
        for (size_t i = 0; t == json_type_array && i < json_object_array_length(v); i++)
            bad |= !json_object_is_type(json_object_array_get_idx(v, i), json_type_string);
        if (bad)
            add_msg(sb, "each value in %s must be a string", p->name);
        if (t != json_type_array)
            add_msg(sb, "%s must be an array", p->name);
        break;
    }
    case V_EACH_STRING: {
        int not_string = 0, empty = 0;
        if (t == json_type_array) {
            for (size_t i = 0; i < json_object_array_length(v); i++) {
                struct json_object *e = json_object_array_get_idx(v, i);
                not_string |= !json_object_is_type(e, json_type_string);
                empty |= is_empty(e);
            }
        } else {
            not_string = t != json_type_string;
            empty = is_empty(v);
        }
        if (not_string)
            add_msg(sb, "each value in %s must be a string", p->name);
        if (empty)
            add_msg(sb, "each value in %s should not be empty", p->name);
        break;
    }
    }
}

/* ---- Medusa's IsType([String, [String], StringComparisonOperator]) -------------------------- */

/* StringComparisonOperator's properties, in declaration order. */
static const char *const str_ops[] = {"lt",       "gt",          "gte",       "lte",
                                      "contains", "starts_with", "ends_with", NULL};

static int is_str_op(const char *key)
{
    for (const char *const *o = str_ops; *o; o++)
        if (!strcmp(*o, key))
            return 1;
    return 0;
}

/* JavaScript's `${v}` of a query value: objects are "[object Object]", arrays join with ",". */
static void js_template(struct sbuf *sb, struct json_object *v)
{
    switch (json_object_get_type(v)) {
    case json_type_object:
        sbuf_adds(sb, "[object Object]");
        break;
    case json_type_array:
        for (size_t i = 0; i < json_object_array_length(v); i++) {
            struct json_object *e = json_object_array_get_idx(v, i);
            if (i)
                sbuf_addc(sb, ',');
            if (e)
                js_template(sb, e);
        }
        break;
    case json_type_null:
        sbuf_adds(sb, "null");
        break;
    default:
        sbuf_adds(sb, json_object_get_string(v));
    }
}

/* Appends a JSON array of the pieces of msg split on "," (empty pieces dropped): IsType keeps a
 * failed alternative's message as e.message.split(","). */
static void add_split(struct sbuf *sb, const char *msg)
{
    int first = 1;
    sbuf_addc(sb, '[');
    while (*msg) {
        const char *e = strchr(msg, ',');
        size_t len = e ? (size_t)(e - msg) : strlen(msg);
        if (len) {
            struct sbuf piece = SBUF_INIT;
            sbuf_add(&piece, msg, len);
            if (!first)
                sbuf_addc(sb, ',');
            sbuf_add_json_str(sb, piece.buf);
            sbuf_release(&piece);
            first = 0;
        }
        if (!e)
            break;
        msg = e + 1;
    }
    sbuf_addc(sb, ']');
}

/* 0 if v passes IsType([String, [String], StringComparisonOperator]); else -1 with IsType's
 * thrown message in out (store.md §1.3 "(unverified exact text)"): JSON with the message and each
 * alternative's failure. `[String]` has no name, so its key is "undefined"; for an object it
 * fails in class-transformer ("targetType is not a constructor"). */
static int strfilter_check(struct json_object *v, const char *name, struct sbuf *out)
{
    enum json_type t = json_object_get_type(v);
    struct sbuf head = SBUF_INIT, str = SBUF_INIT, ops = SBUF_INIT;
    if (t == json_type_string)
        return 0;
    if (t == json_type_array) {
        for (size_t i = 0; i < json_object_array_length(v); i++)
            if (json_object_is_type(json_object_array_get_idx(v, i), json_type_string))
                return 0; /* the array alternative passes when any element is a string */
        sbuf_adds(&ops, "an unknown value was passed to the validate function");
    } else if (t == json_type_object) {
        /* The operator class, validated with whitelist + forbidNonWhitelisted. */
        json_object_object_foreach(v, key, val)
        {
            (void)val;
            if (!is_str_op(key))
                add_msg(&ops, "property %s should not exist", key);
        }
        for (const char *const *o = str_ops; *o; o++) {
            struct json_object *op = json_get(v, *o);
            if (op && !json_object_is_type(op, json_type_string))
                add_msg(&ops, "%s must be a string", *o);
        }
        if (!ops.len)
            return 0;
    }
    sbuf_adds(&str, "String validation failed: ");
    js_template(&str, v);
    sbuf_adds(&str, " is not a string");
    sbuf_addf(&head, "%s must be one of: String,String,StringComparisonOperator", name);
    sbuf_adds(out, "{\"message\":");
    sbuf_add_json_str(out, head.buf);
    sbuf_adds(out, ",\"details\":{\"String\":");
    add_split(out, str.buf);
    sbuf_adds(out, ",\"undefined\":");
    add_split(out, t == json_type_object ? "targetType is not a constructor" : "[object Object]");
    sbuf_adds(out, ",\"StringComparisonOperator\":");
    add_split(out, ops.buf ? ops.buf : "");
    sbuf_adds(out, "}}");
    sbuf_release(&head);
    sbuf_release(&ops);
    sbuf_release(&str);
    return -1;
}

/* NumericalComparisonOperator's properties. */
static const char *const num_ops[] = {"lt", "gt", "gte", "lte", NULL};

/* 0 if v passes IsType([NumericalComparisonOperator, Number]) for a query value: a string Number()
 * reads, or an object of such operators; else -1 with IsType's thrown message in out, as for
 * strfilter_check() (the Number alternative fails first: it throws without awaiting). */
static int numfilter_check(struct json_object *v, const char *name, struct sbuf *out)
{
    enum json_type t = json_object_get_type(v);
    struct sbuf num = SBUF_INIT, ops = SBUF_INIT;
    double d;
    if (t == json_type_string && js_number(json_object_get_string(v), &d) == 0)
        return 0;
    if (t == json_type_object) {
        json_object_object_foreach(v, key, val)
        {
            int known = 0;
            (void)val;
            for (const char *const *o = num_ops; *o; o++)
                known |= !strcmp(*o, key);
            if (!known)
                add_msg(&ops, "property %s should not exist", key);
        }
        for (const char *const *o = num_ops; *o; o++) {
            struct json_object *op = json_get(v, *o);
            if (op && (!json_object_is_type(op, json_type_string) ||
                       js_number(json_object_get_string(op), &d) < 0))
                add_msg(&ops, "%s must be a number conforming to the specified constraints", *o);
        }
        if (!ops.len)
            return 0;
    } else {
        sbuf_adds(&ops, "an unknown value was passed to the validate function");
    }
    sbuf_adds(&num, "Number validation failed: ");
    js_template(&num, v);
    sbuf_adds(&num, " is not a number");
    sbuf_adds(out, "{\"message\":");
    {
        struct sbuf head = SBUF_INIT;
        sbuf_addf(&head, "%s must be one of: NumericalComparisonOperator,Number", name);
        sbuf_add_json_str(out, head.buf);
        sbuf_release(&head);
    }
    sbuf_adds(out, ",\"details\":{\"Number\":");
    add_split(out, num.buf);
    sbuf_adds(out, ",\"NumericalComparisonOperator\":");
    add_split(out, ops.buf);
    sbuf_adds(out, "}}");
    sbuf_release(&num);
    sbuf_release(&ops);
    return -1;
}

int validate(struct req *r, struct json_object *obj, const struct vparam *params, int is_query)
{
    struct sbuf sb = SBUF_INIT;
    if (obj) {
        /* IsType throws instead of reporting, so its failure replaces every other message. */
        for (const struct vparam *p = params; p->name; p++) {
            struct json_object *v = json_get(obj, p->name);
            if (v && ((p->type == V_STRFILTER && strfilter_check(v, p->name, &sb) < 0) ||
                      (p->type == V_NUMFILTER && numfilter_check(v, p->name, &sb) < 0))) {
                int rc = err_set(&r->c, ERR_INVALID_DATA, "%s", sb.buf);
                sbuf_release(&sb);
                return rc;
            }
        }
    }
    validate_msgs(obj, params, is_query, &sb);
    return validate_done(r, &sb);
}

int validate_done(struct req *r, struct sbuf *msgs)
{
    int rc = 0;
    if (msgs->len)
        rc = err_set(&r->c, ERR_INVALID_DATA, "%s", msgs->buf);
    sbuf_release(msgs);
    return rc;
}

/* validate_msgs() with IsEnum checks in their properties' places (enums may be NULL). */
static void msgs_with_enums(struct json_object *obj, const struct vparam *params, int is_query,
                            const struct venum *enums, struct sbuf *msgs)
{
    struct sbuf sb = SBUF_INIT;
    if (!obj)
        return;
    /* class-validator's whitelist step runs first: unknown properties lead the message. */
    json_object_object_foreach(obj, key, val)
    {
        const struct vparam *p;
        (void)val;
        for (p = params; p->name; p++)
            if (!strcmp(p->name, key))
                break;
        if (!p->name)
            add_msg(&sb, "property %s should not exist", key);
    }
    for (const struct vparam *p = params; p->name; p++) {
        struct json_object *v = NULL;
        int present = json_object_object_get_ex(obj, p->name, &v);
        for (const struct venum *e = enums; e && e->name; e++)
            if (!strcmp(e->name, p->name))
                validate_enum(obj, p->name, e->values, e->message, p->required, &sb);
        if (!present || (!is_query && !v)) {
            if (p->required == V_CHECKED)
                check_one(&sb, NULL, p, is_query);
            else if (p->required)
                add_msg(&sb, "%s should not be empty", p->name);
            continue;
        }
        check_one(&sb, v, p, is_query);
    }
    if (sb.len) {
        if (msgs->len)
            sbuf_add(msgs, ", ", 2);
        sbuf_add(msgs, sb.buf, sb.len);
    }
    sbuf_release(&sb);
}

void validate_msgs(struct json_object *obj, const struct vparam *params, int is_query,
                   struct sbuf *msgs)
{
    msgs_with_enums(obj, params, is_query, NULL, msgs);
}

void validate_msgs_enums(struct json_object *obj, const struct vparam *params,
                         const struct venum *enums, struct sbuf *msgs)
{
    msgs_with_enums(obj, params, 0, enums, msgs);
}

void validate_msg(struct sbuf *msgs, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    add_msg(msgs, "%s", msg);
}

void validate_not_empty_string(struct sbuf *msgs, struct json_object *obj, const char *name)
{
    struct json_object *v = json_get(obj, name);
    int is_string = json_object_is_type(v, json_type_string);
    if (is_empty(v))
        add_msg(msgs, "%s should not be empty", name);
    if (!is_string)
        add_msg(msgs, "%s must be a string", name);
}

void validate_nested_each(struct sbuf *msgs, struct json_object *obj, const char *name,
                          const struct vparam *params)
{
    struct json_object *v;
    if (!json_object_object_get_ex(obj, name, &v))
        return; /* class-validator skips nested validation of undefined */
    if (!json_object_is_type(v, json_type_array)) {
        /* An object is validated as one member; anything else is no member at all. */
        if (json_object_is_type(v, json_type_object))
            validate_msgs(v, params, 0, msgs);
        else
            add_msg(msgs, "each value in nested property %s must be either object or array", name);
        return;
    }
    for (size_t i = 0; i < json_object_array_length(v); i++) {
        struct json_object *it = json_object_array_get_idx(v, i);
        if (json_object_is_type(it, json_type_object))
            validate_msgs(it, params, 0, msgs);
        else
            add_msg(msgs, "each value in nested property %s must be either object or array", name);
    }
}

int v_date(struct json_object *obj, const char *name, int64_t *ms)
{
    struct json_object *v = json_get(obj, name);
    return v ? body_date(v, ms) : -1;
}

void validate_enum(struct json_object *obj, const char *name, const char *const *values,
                   const char *message, int required, struct sbuf *msgs)
{
    struct json_object *v = json_get(obj, name);
    const char *s =
        v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
    if (!v && required != V_CHECKED)
        return;
    for (const char *const *e = values; s && *e; e++)
        if (!strcmp(*e, s))
            return;
    if (message) {
        add_msg(msgs, "%s", message);
        return;
    }
    add_msg(msgs, "%s must be one of the following values: ", name);
    for (const char *const *e = values; *e; e++)
        sbuf_addf(msgs, e == values ? "%s" : ", %s", *e);
}

const char *v_str(struct json_object *obj, const char *name)
{
    return json_get_str_opt(obj, name);
}

int64_t v_int(struct json_object *obj, const char *name, int64_t def)
{
    struct json_object *v = json_get(obj, name);
    double d;
    if (!v)
        return def;
    if (json_object_is_type(v, json_type_string))
        return js_number(json_object_get_string(v), &d) == 0 ? (int64_t)d : def;
    if (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double))
        return json_object_get_int64(v);
    return def;
}

int v_boolstr(struct json_object *obj, const char *name)
{
    const char *s = json_get_str_opt(obj, name);
    if (!s)
        return -1;
    if (!strcmp(s, "true"))
        return 1;
    if (!strcmp(s, "false"))
        return 0;
    if (!strcmp(s, "null"))
        return -2;
    return -1;
}

const char **v_strs(struct req *r, struct json_object *obj, const char *name, int *n)
{
    struct json_object *v = json_get(obj, name);
    const char **out;
    *n = 0;
    if (!v)
        return NULL;
    if (json_object_is_type(v, json_type_string)) {
        out = arena_alloc(&r->c.arena, 2 * sizeof(*out));
        out[0] = json_object_get_string(v);
        out[1] = NULL;
        *n = 1;
        return out;
    }
    if (!json_object_is_type(v, json_type_array))
        return NULL;
    size_t len = json_object_array_length(v);
    out = arena_alloc(&r->c.arena, (len + 1) * sizeof(*out));
    for (size_t i = 0; i < len; i++) {
        struct json_object *e = json_object_array_get_idx(v, i);
        if (json_object_is_type(e, json_type_string))
            out[(*n)++] = json_object_get_string(e);
    }
    out[*n] = NULL;
    return out;
}

void v_strfilter(struct req *r, struct json_object *obj, const char *name, struct strfilter *f)
{
    struct json_object *v = json_get(obj, name);
    memset(f, 0, sizeof(*f));
    if (!v)
        return;
    if (json_object_is_type(v, json_type_string)) {
        f->eq = json_object_get_string(v);
    } else if (json_object_is_type(v, json_type_array)) {
        f->in = v_strs(r, obj, name, &f->n_in);
    } else if (json_object_is_type(v, json_type_object)) {
        f->lt = json_get_str_opt(v, "lt");
        f->gt = json_get_str_opt(v, "gt");
        f->lte = json_get_str_opt(v, "lte");
        f->gte = json_get_str_opt(v, "gte");
        f->contains = json_get_str_opt(v, "contains");
        f->starts_with = json_get_str_opt(v, "starts_with");
        f->ends_with = json_get_str_opt(v, "ends_with");
    }
}

static int date_ms(const char *s, int64_t *ms)
{
    double d;
    if (timefmt_parse(s, ms) == 0)
        return 0;
    /* Not a date string: Unix seconds (store.md §1.3). */
    if (js_number(s, &d) == 0) {
        *ms = (int64_t)(d * 1000);
        return 0;
    }
    return -1;
}

int v_datefilter(struct json_object *obj, const char *name, struct datefilter *df)
{
    struct json_object *v = json_get(obj, name);
    const char *s;
    memset(df, 0, sizeof(*df));
    if (!v || !json_object_is_type(v, json_type_object))
        return 0;
    if ((s = json_get_str_opt(v, "lt")) && date_ms(s, &df->lt) == 0)
        df->has_lt = 1;
    if ((s = json_get_str_opt(v, "gt")) && date_ms(s, &df->gt) == 0)
        df->has_gt = 1;
    if ((s = json_get_str_opt(v, "lte")) && date_ms(s, &df->lte) == 0)
        df->has_lte = 1;
    if ((s = json_get_str_opt(v, "gte")) && date_ms(s, &df->gte) == 0)
        df->has_gte = 1;
    return df->has_lt || df->has_gt || df->has_lte || df->has_gte;
}

int datefilter_match(const struct datefilter *df, int64_t ms)
{
    return (!df->has_lt || ms < df->lt) && (!df->has_gt || ms > df->gt) &&
           (!df->has_lte || ms <= df->lte) && (!df->has_gte || ms >= df->gte);
}

/* Splits "a,b,c" into an arena array (NULL-terminated), skipping empty entries. */
static const char **split(struct req *r, const char *s, int *n)
{
    int cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == ',';
    const char **out = arena_alloc(&r->c.arena, (size_t)(cap + 1) * sizeof(*out));
    *n = 0;
    while (*s) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        while (len && isspace((unsigned char)*s)) {
            s++;
            len--;
        }
        while (len && isspace((unsigned char)s[len - 1]))
            len--;
        if (len)
            out[(*n)++] = arena_strndup(&r->c.arena, s, len);
        if (!e)
            break;
        s = e + 1;
    }
    out[*n] = NULL;
    return out;
}

/* A comma list from a query value that is a string or (after normalisation) an array. */
static const char **list_param(struct req *r, const char *name, int *n, int *given)
{
    struct json_object *v = json_get(r->qs, name);
    *given = v != NULL;
    *n = 0;
    if (!v)
        return NULL;
    if (json_object_is_type(v, json_type_array)) {
        struct sbuf sb = SBUF_INIT;
        for (size_t i = 0; i < json_object_array_length(v); i++) {
            struct json_object *e = json_object_array_get_idx(v, i);
            if (!json_object_is_type(e, json_type_string))
                continue;
            if (sb.len)
                sbuf_addc(&sb, ',');
            sbuf_adds(&sb, json_object_get_string(e));
        }
        const char **out = split(r, sb.buf ? sb.buf : "", n);
        sbuf_release(&sb);
        return out;
    }
    return split(r, json_object_is_type(v, json_type_string) ? json_object_get_string(v) : "", n);
}

static int prefix_allowed(const char *const *allowed, const char *s)
{
    for (; *allowed; allowed++)
        if (!strncmp(s, *allowed, strlen(*allowed)))
            return 1;
    return 0;
}

/* Appends s to an arena vector unless present. */
static void vec_add(struct req *r, const char ***v, int *n, int *cap, const char *s)
{
    if (strv_has(*v, s))
        return;
    if (*n + 1 >= *cap) {
        int nc = *cap ? *cap * 2 : 16;
        const char **nv = arena_alloc(&r->c.arena, (size_t)nc * sizeof(*nv));
        if (*n)
            memcpy(nv, *v, (size_t)*n * sizeof(*nv));
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = s;
    (*v)[*n] = NULL;
}

int listq_parse(struct req *r, const struct listq_spec *spec, struct listq *lq)
{
    int nf, ne, nsel = 0, capsel = 0, nrel = 0, caprel = 0;
    const char **fields, **expand, **sel = NULL, **rel = NULL;
    struct sbuf bad = SBUF_INIT;
    const char *order;

    memset(lq, 0, sizeof(*lq));
    lq->limit = v_int(r->qs, "limit", spec->default_limit);
    lq->offset = v_int(r->qs, "offset", 0);

    fields = list_param(r, "fields", &nf, &lq->fields_given);
    expand = list_param(r, "expand", &ne, &lq->expand_given);

    /* fields */
    if (lq->fields_given) {
        int all_prefixed = nf > 0;
        for (int i = 0; i < nf; i++)
            if (fields[i][0] != '+' && fields[i][0] != '-')
                all_prefixed = 0;
        if (all_prefixed && spec->default_fields)
            for (const char *const *d = spec->default_fields; *d; d++)
                vec_add(r, &sel, &nsel, &capsel, *d);
        for (int i = 0; i < nf; i++) {
            const char *f = fields[i];
            if (f[0] == '+' || f[0] == '-') {
                if (f[0] == '-' && all_prefixed) {
                    /* Remove it from the defaults. */
                    for (int k = 0; k < nsel; k++)
                        if (!strcmp(sel[k], f + 1)) {
                            sel[k] = sel[--nsel];
                            sel[nsel] = NULL;
                            break;
                        }
                    continue;
                }
                f++;
            }
            if (spec->allowed_fields && !prefix_allowed(spec->allowed_fields, f)) {
                if (bad.len)
                    sbuf_add(&bad, ", ", 2);
                sbuf_adds(&bad, f);
                continue;
            }
            vec_add(r, &sel, &nsel, &capsel, f);
        }
        vec_add(r, &sel, &nsel, &capsel, "id");
        if (spec->is_list)
            vec_add(r, &sel, &nsel, &capsel, "created_at");
        lq->fields = sel;
    } else {
        lq->fields = spec->default_fields;
    }

    /* expand */
    if (lq->expand_given) {
        for (int i = 0; i < ne; i++) {
            if (spec->allowed_relations && !strv_has(spec->allowed_relations, expand[i])) {
                if (bad.len)
                    sbuf_add(&bad, ", ", 2);
                sbuf_adds(&bad, expand[i]);
                continue;
            }
            vec_add(r, &rel, &nrel, &caprel, expand[i]);
        }
    } else if (spec->default_relations) {
        for (const char *const *d = spec->default_relations; *d; d++)
            vec_add(r, &rel, &nrel, &caprel, *d);
    }
    /* A dotted field selects a column of a relation and loads that relation. */
    for (int i = 0; i < nsel; i++) {
        const char *dot = strrchr(sel[i], '.');
        if (dot)
            vec_add(r, &rel, &nrel, &caprel,
                    arena_strndup(&r->c.arena, sel[i], (size_t)(dot - sel[i])));
    }
    if (!rel) {
        rel = arena_alloc(&r->c.arena, sizeof(*rel));
        rel[0] = NULL;
    }
    lq->relations = rel;

    if (bad.len) {
        err_set(&r->c, ERR_INVALID_DATA, "Requested fields [%s] are not valid", bad.buf);
        sbuf_release(&bad);
        return -1;
    }

    order = json_get_str_opt(r->qs, "order");
    if (order && *order) {
        lq->desc = order[0] == '-';
        lq->order = lq->desc ? order + 1 : order;
        if (spec->allowed_fields && !strv_has(spec->allowed_fields, lq->order))
            return err_set(&r->c, ERR_INVALID_DATA, "Order field %s is not valid", lq->order);
    }
    return 0;
}

int listq_has_field(const struct listq *lq, const char *name)
{
    return !lq->fields || strv_has(lq->fields, name);
}

int listq_has_relation(const struct listq *lq, const char *rel)
{
    return strv_has(lq->relations, rel);
}

void listq_listf(struct req *r, const struct listq *lq, struct listf *f)
{
    memset(f, 0, sizeof(*f));
    f->order = lq->order;
    f->desc = lq->desc;
    f->limit = lq->limit;
    f->offset = lq->offset;
    v_datefilter(r->qs, "created_at", &f->created_at);
    v_datefilter(r->qs, "updated_at", &f->updated_at);
}

/* An address object as Medusa's AddressPayload takes it: only its fields, each a string or null,
 * metadata an object or null. Anything else fails like a value of the wrong type. */
int address_payload_ok(struct json_object *o)
{
    static const char *const fields[] = {"first_name", "last_name",   "phone", "company",
                                         "address_1",  "address_2",   "city",  "country_code",
                                         "province",   "postal_code", NULL};
    json_object_object_foreach(o, k, v)
    {
        const char *const *f = fields;
        if (!v)
            continue;
        if (!strcmp(k, "metadata")) {
            if (!json_object_is_type(v, json_type_object))
                return 0;
            continue;
        }
        while (*f && strcmp(*f, k))
            f++;
        if (!*f || !json_object_is_type(v, json_type_string))
            return 0;
    }
    return 1;
}

int validate_address_or_id(struct req *r, struct json_object *obj, const char *name, int null_ok)
{
    struct json_object *v = json_get(obj, name);
    if ((v && !json_object_is_type(v, json_type_object) &&
         !json_object_is_type(v, json_type_string) &&
         !(json_object_is_type(v, json_type_null) && null_ok)) ||
        (json_object_is_type(v, json_type_object) && !address_payload_ok(v)))
        return err_set(&r->c, ERR_INVALID_DATA,
                       "{\"message\":\"%s must be one of: AddressPayload,String\"}", name);
    return 0;
}
