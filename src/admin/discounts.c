/* discounts.c: POST /admin/discounts (Medusa v1's AdminPostDiscountsReq, DiscountService.create):
 * the body checked as class-validator does, the discount written where the cart reads it, the
 * answer with Medusa's default admin relations. Rules live in domain/discount.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "core/timefmt.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/discount.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const char *const discount_relations[] = {"parent_discount", "regions", "rule",
                                                 "rule.conditions", NULL};

static const struct listq_spec discount_spec = {
    .default_relations = discount_relations,
};

static const struct vparam find_params[] = {
    {"expand", V_STRING, V_OPTIONAL},
    {"fields", V_STRING, V_OPTIONAL},
    {NULL, 0, 0},
};

/* AdminUpsertConditionsReq's resource lists, in Medusa's resolution order
 * (DiscountConditionService.resolveConditionType_). */
static const char *const cond_lists[] = {"products",     "product_collections", "product_types",
                                         "product_tags", "customer_groups",     NULL};

static void msg(struct sbuf *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends one class-validator message, ", "-separated. */
static void msg(struct sbuf *m, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    if (m->len)
        sbuf_add(m, ", ", 2);
    sbuf_adds(m, text);
}

/* class-validator's whitelist step: "property x should not exist" for keys outside names. */
static void unknown_props(struct json_object *o, const char *const *names, struct sbuf *m)
{
    json_object_object_foreach(o, key, val)
    {
        const char *const *n;
        (void)val;
        for (n = names; *n && strcmp(*n, key); n++)
            ;
        if (!*n)
            msg(m, "property %s should not exist", key);
    }
}

/* AdminCreateCondition: the five resource lists (each IsArray, IsString each, and ExactlyOne of
 * the others, named in each decorator's own order), then operator (IsString). */
static void condition_check(struct json_object *k, struct sbuf *m)
{
    static const char *const props[5][5] = {
        {"products", "product_collections", "product_types", "product_tags", "customer_groups"},
        {"product_collections", "products", "product_types", "product_tags", "customer_groups"},
        {"product_types", "product_collections", "products", "product_tags", "customer_groups"},
        {"product_tags", "product_collections", "product_types", "products", "customer_groups"},
        {"customer_groups", "product_collections", "product_types", "products", "product_tags"},
    };
    static const char *const names[] = {"products",
                                        "product_collections",
                                        "product_types",
                                        "product_tags",
                                        "customer_groups",
                                        "operator",
                                        NULL};
    struct json_object *v;
    unknown_props(k, names, m);
    for (int p = 0; p < 5; p++) {
        struct sbuf others = SBUF_INIT;
        v = json_get(k, props[p][0]);
        if (!v || json_object_is_type(v, json_type_null))
            continue;
        for (int o = 1; o < 5; o++) {
            struct json_object *w = json_get(k, props[p][o]);
            if (w && !json_object_is_type(w, json_type_null)) {
                sbuf_adds(&others, ", ");
                sbuf_adds(&others, props[p][o]);
            }
        }
        if (others.len) {
            if (m->len)
                sbuf_add(m, ", ", 2);
            sbuf_addf(m, "Only one of %s%s is allowed", props[p][0], others.buf);
        }
        sbuf_release(&others);
        if (!json_object_is_type(v, json_type_array)) {
            msg(m, "%s must be an array", props[p][0]);
            if (!json_object_is_type(v, json_type_string))
                msg(m, "each value in %s must be a string", props[p][0]);
            continue;
        }
        for (size_t i = 0; i < json_object_array_length(v); i++)
            if (!json_object_is_type(json_object_array_get_idx(v, i), json_type_string)) {
                msg(m, "each value in %s must be a string", props[p][0]);
                break;
            }
    }
    if (!(v = json_get(k, "operator")) || !json_object_is_type(v, json_type_string))
        msg(m, "%s", "operator must be a string");
}

/* The rule class, in its property order: description, type, value, allocation, conditions. */
static void rule_check(struct json_object *rule, struct sbuf *m)
{
    static const char *const names[] = {"description", "type",       "value",
                                        "allocation",  "conditions", NULL};
    struct json_object *conds = json_get(rule, "conditions"), *v;
    const char *type = json_get_str_opt(rule, "type"),
               *alloc = json_get_str_opt(rule, "allocation");
    unknown_props(rule, names, m);
    if ((v = json_get(rule, "description")) && !json_object_is_type(v, json_type_null) &&
        !json_object_is_type(v, json_type_string))
        msg(m, "%s", "description must be a string");
    if (!type ||
        (strcmp(type, "fixed") && strcmp(type, "percentage") && strcmp(type, "free_shipping")))
        msg(m, "%s",
            "Invalid rule type, must be one of \"fixed\", \"percentage\" or \"free_shipping\"");
    v = json_get(rule, "value");
    if (!v || !(json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double)))
        msg(m, "%s", "value must be a number conforming to the specified constraints");
    if (!alloc || (strcmp(alloc, "total") && strcmp(alloc, "item")))
        msg(m, "%s", "Invalid allocation type, must be one of \"total\" or \"item\"");
    if (conds && !json_object_is_type(conds, json_type_null) &&
        !json_object_is_type(conds, json_type_array))
        msg(m, "%s", "conditions must be an array");
    if (conds && json_object_is_type(conds, json_type_array))
        for (size_t i = 0; i < json_object_array_length(conds); i++) {
            struct json_object *k = json_object_array_get_idx(conds, i);
            if (!k || !json_object_is_type(k, json_type_object))
                msg(m, "%s", "nested property conditions must be either object or array");
            else
                condition_check(k, m);
        }
}

/* "P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$" */
static int iso_duration(const char *s)
{
    static const char date_units[] = "YMWD", time_units[] = "HMS";
    const char *u = date_units;
    if (*s++ != 'P' || !*s)
        return 0;
    while (*s && *s != 'T') {
        size_t n = strspn(s, "0123456789");
        const char *at;
        if (!n || !s[n] || !(at = strchr(u, s[n])))
            return 0;
        u = at + 1;
        s += n + 1;
    }
    if (*s == 'T') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        u = time_units;
        while (*s) {
            size_t n = strspn(s, "0123456789");
            const char *at;
            if (!n || !s[n] || !(at = strchr(u, s[n])))
                return 0;
            u = at + 1;
            s += n + 1;
        }
    }
    return 1;
}

static const char *iso_of(struct req *r, int64_t ms)
{
    char *out = arena_alloc(&r->c.arena, TIMEFMT_LEN);
    return timefmt_iso(out, TIMEFMT_LEN, ms);
}

/* AdminPostDiscountsReq into in; 400 invalid_data with every message. */
static int body_read(struct req *r, struct discount_in *in)
{
    static const char *const names[] = {
        "code",           "rule",        "is_dynamic", "is_disabled", "starts_at", "ends_at",
        "valid_duration", "usage_limit", "regions",    "metadata",    NULL};
    struct json_object *b = r->json, *rule = json_get(b, "rule"), *regions = json_get(b, "regions"),
                       *conds, *v;
    struct sbuf m = SBUF_INIT;
    int64_t starts = 0, ends = 0;
    int has_starts = v_date(b, "starts_at", &starts) == 0,
        has_ends = v_date(b, "ends_at", &ends) == 0;
    struct discount_condition_in *kk;
    const char **regs;
    size_t nk;

    unknown_props(b, names, &m);
    v = json_get(b, "code");
    if (!v || !json_object_is_type(v, json_type_string))
        msg(&m, "%s", "code must be a string");
    if (!v || json_object_is_type(v, json_type_null) ||
        (json_object_is_type(v, json_type_string) && !*json_object_get_string(v)))
        msg(&m, "%s", "code should not be empty");
    if (!rule || json_object_is_type(rule, json_type_null) ||
        (json_object_is_type(rule, json_type_string) && !*json_object_get_string(rule)))
        msg(&m, "%s", "rule should not be empty");
    if (!rule || !json_object_is_type(rule, json_type_object))
        msg(&m, "%s", "nested property rule must be either object or array");
    else
        rule_check(rule, &m);
    if ((v = json_get(b, "is_dynamic")) && !json_object_is_type(v, json_type_boolean))
        msg(&m, "%s", "is_dynamic must be a boolean value");
    if ((v = json_get(b, "is_disabled")) && !json_object_is_type(v, json_type_boolean))
        msg(&m, "%s", "is_disabled must be a boolean value");
    if ((v = json_get(b, "starts_at")) && !json_object_is_type(v, json_type_null) && !has_starts)
        msg(&m, "%s", "starts_at must be a Date instance");
    if ((v = json_get(b, "ends_at")) && !json_object_is_type(v, json_type_null)) {
        if (!has_ends)
            msg(&m, "%s", "ends_at must be a Date instance");
        /* IsGreaterThan("starts_at"): only against a given start */
        if (has_starts ? !(has_ends && ends > starts) : 0)
            msg(&m, "%s", "\"ends_at\" must be greater than \"starts_at\"");
    }
    if ((v = json_get(b, "valid_duration")) && !json_object_is_type(v, json_type_null) &&
        (!json_object_is_type(v, json_type_string) || !iso_duration(json_object_get_string(v))))
        msg(&m, "%s", "\"valid_duration\" must be a valid ISO 8601 duration");
    if ((v = json_get(b, "usage_limit")) && !json_object_is_type(v, json_type_null)) {
        int isnum =
            json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double);
        if (!isnum)
            msg(&m, "%s", "usage_limit must be a number conforming to the specified constraints");
        if (!isnum || !(json_object_get_double(v) > 0))
            msg(&m, "%s", "usage_limit must be a positive number");
    }
    if (!regions || !json_object_is_type(regions, json_type_array)) {
        msg(&m, "%s", "regions must be an array");
        if (!regions || !json_object_is_type(regions, json_type_string))
            msg(&m, "%s", "each value in regions must be a string");
    } else {
        for (size_t i = 0; i < json_object_array_length(regions); i++)
            if (!json_object_is_type(json_object_array_get_idx(regions, i), json_type_string)) {
                msg(&m, "%s", "each value in regions must be a string");
                break;
            }
    }
    if ((v = json_get(b, "metadata")) && !json_object_is_type(v, json_type_null) &&
        !json_object_is_type(v, json_type_object))
        msg(&m, "%s", "metadata must be an object");
    if (validate_done(r, &m) < 0)
        return -1;

    memset(in, 0, sizeof(*in));
    in->d.code = json_get_str_opt(b, "code");
    in->d.is_dynamic = (v = json_get(b, "is_dynamic")) && json_object_get_boolean(v);
    in->d.is_disabled = (v = json_get(b, "is_disabled")) && json_object_get_boolean(v);
    in->d.starts_at = has_starts ? iso_of(r, starts) : NULL;
    in->d.ends_at = has_ends ? iso_of(r, ends) : NULL;
    in->d.valid_duration = json_get_str_opt(b, "valid_duration");
    if ((v = json_get(b, "usage_limit")) && !json_object_is_type(v, json_type_null)) {
        in->d.has_usage_limit = 1;
        in->d.usage_limit = (int64_t)json_object_get_double(v);
    }
    v = json_get(b, "metadata");
    in->d.metadata = v && !json_object_is_type(v, json_type_null) ? json_text(v, NULL) : NULL;
    in->d.rule_type = json_get_str_opt(rule, "type");
    in->d.allocation = json_get_str_opt(rule, "allocation");
    in->d.description = json_get_str_opt(rule, "description");
    in->d.value = (int64_t)llround(json_object_get_double(json_get(rule, "value")));
    in->d.nregions = (int)json_object_array_length(regions);
    regs = arena_alloc(&r->c.arena, sizeof(*regs) * (size_t)(in->d.nregions + 1));
    for (int i = 0; i < in->d.nregions; i++)
        regs[i] = json_object_get_string(json_object_array_get_idx(regions, (size_t)i));
    in->d.regions = regs;
    conds = json_get(rule, "conditions");
    nk = conds && json_object_is_type(conds, json_type_array) ? json_object_array_length(conds) : 0;
    kk = arena_calloc(&r->c.arena, sizeof(*kk) * (nk ? nk : 1));
    for (size_t i = 0; i < nk; i++) {
        struct json_object *k = json_object_array_get_idx(conds, i);
        kk[i].operator_ = json_get_str_opt(k, "operator");
        for (const char *const *l = cond_lists; *l && !kk[i].type; l++) {
            struct json_object *ids = json_get(k, *l);
            size_t n = ids && json_object_is_type(ids, json_type_array)
                           ? json_object_array_length(ids)
                           : 0;
            const char **v2;
            if (!n)
                continue;
            v2 = arena_alloc(&r->c.arena, sizeof(*v2) * n);
            for (size_t j = 0; j < n; j++)
                v2[j] = json_object_get_string(json_object_array_get_idx(ids, j));
            kk[i].type = *l;
            kk[i].ids = v2;
            kk[i].nids = (int)n;
        }
    }
    in->conditions = kk;
    in->nconditions = (int)nk;
    return 0;
}

/* POST /admin/discounts */
int admin_discounts_create(struct req *r)
{
    struct discount_in in;
    struct listq lq;
    struct gquery q;
    struct listf f;
    const char *id;
    if (validate(r, r->qs, find_params, 1) < 0 || listq_parse(r, &discount_spec, &lq) < 0 ||
        body_read(r, &in) < 0 || discount_create(&r->c, &in, &id) < 0)
        return -1;
    memset(&f, 0, sizeof(f));
    f.id = id;
    f.limit = 1;
    if (gq_list(&r->c, &q, &ent_discount, gsel_build(&r->c, &ent_discount, lq.fields, lq.relations),
                &f) < 0)
        return -1;
    return page_row(r, "discount", &q) == 0 ? 0 : -1;
}

/* GET /admin/discounts/:id */
int admin_discounts_get(struct req *r)
{
    return admin_one_send(r, "discount", &ent_discount,
                          gsel_build(&r->c, &ent_discount, NULL, discount_relations),
                          req_param(r, "id"), "Discount with id ");
}

/* GET /admin/discounts: 20 a page (Medusa's default), q on the code. */
int admin_discounts_list(struct req *r)
{
    static const struct admin_list l = {"discounts", &ent_discount, discount_relations,
                                        20,          "code",        1};
    return admin_list_send(r, &l);
}
