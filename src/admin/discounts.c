/* discounts.c: POST /admin/discounts (Medusa v1's AdminPostDiscountsReq, DiscountService.create):
 * the body checked as class-validator does, the discount written where the cart reads it, the
 * answer with Medusa's default admin relations. Rules live in domain/discount.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "admin/discounts.h"
#include "core/json.h"
#include "core/money.h"
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

/* AdminCreateCondition (COND_CREATE): the five resource lists (each IsArray, IsString each, and
 * ExactlyOne of the others, named in each decorator's own order), then operator (IsString);
 * AdminUpsertCondition (COND_UPSERT) adds an optional id and makes operator optional;
 * AdminPostDiscountsDiscountConditionsCondition (COND_LISTS) has the lists only. */
void admin_condition_check(struct json_object *k, struct sbuf *m, enum condition_dto dto)
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
                                        "id",
                                        NULL};
    static const char *const lists_only[] = {"products",     "product_collections", "product_types",
                                             "product_tags", "customer_groups",     NULL};
    struct json_object *v;
    if (dto == COND_UPSERT)
        unknown_props(k, names, m);
    else if (dto == COND_LISTS)
        unknown_props(k, lists_only, m);
    else
        unknown_props(
            k,
            (const char *const[]){names[0], names[1], names[2], names[3], names[4], names[5], NULL},
            m);
    if (dto == COND_UPSERT && (v = json_get(k, "id")) && !json_object_is_type(v, json_type_string))
        msg(m, "%s", "id must be a string");
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
    if (dto == COND_LISTS)
        return;
    v = json_get(k, "operator");
    if (dto == COND_UPSERT && !v)
        return;
    if (!v || !json_object_is_type(v, json_type_string))
        msg(m, "%s", "operator must be a string");
}

/* Ours (issue #12): a discount's value and usage limit land in Medusa's integer columns (a
 * fraction or a value past 2147483647 is its database's 500); a value below 0 would turn the
 * discount into a surcharge. v is a JSON number. */
static void whole_check(struct sbuf *m, struct json_object *v, const char *name, int64_t min)
{
    double d = json_object_get_double(v);
    if (d != floor(d))
        msg(m, "%s must be an integer number", name);
    else if (d < (double)min)
        msg(m, "%s must not be less than %lld", name, (long long)min);
    else if (d > MONEY_AMOUNT_MAX)
        msg(m, "%s must not be greater than %d", name, MONEY_AMOUNT_MAX);
}

/* The rule class, in its property order: description, type, value, allocation, conditions. */
static void rule_check(struct json_object *rule, struct sbuf *m)
{
    const enum condition_dto conditions_dto = COND_CREATE;
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
    else
        whole_check(m, v, "value", 0);
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
                admin_condition_check(k, m, conditions_dto);
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

void admin_condition_read(struct req *r, struct json_object *k, struct discount_condition_in *out)
{
    memset(out, 0, sizeof(*out));
    out->id = json_get_str_opt(k, "id");
    out->operator_ = json_get_str_opt(k, "operator");
    for (const char *const *l = cond_lists; *l && !out->type; l++) {
        struct json_object *ids = json_get(k, *l);
        size_t n =
            ids && json_object_is_type(ids, json_type_array) ? json_object_array_length(ids) : 0;
        const char **v;
        if (!n)
            continue;
        v = arena_alloc(&r->c.arena, sizeof(*v) * n);
        for (size_t j = 0; j < n; j++)
            v[j] = json_object_get_string(json_object_array_get_idx(ids, j));
        out->type = *l;
        out->ids = v;
        out->nids = (int)n;
    }
}

/* The conditions array of a rule, read (n = 0 when absent). */
static const struct discount_condition_in *conditions_read(struct req *r, struct json_object *conds,
                                                           int *n)
{
    size_t nk =
        conds && json_object_is_type(conds, json_type_array) ? json_object_array_length(conds) : 0;
    struct discount_condition_in *kk = arena_calloc(&r->c.arena, sizeof(*kk) * (nk ? nk : 1));
    for (size_t i = 0; i < nk; i++)
        admin_condition_read(r, json_object_array_get_idx(conds, i), &kk[i]);
    *n = (int)nk;
    return kk;
}

/* AdminPostDiscountsReq into in; 400 invalid_data with every message. */
static int body_read(struct req *r, struct discount_in *in)
{
    static const char *const names[] = {
        "code",           "rule",        "is_dynamic", "is_disabled", "starts_at", "ends_at",
        "valid_duration", "usage_limit", "regions",    "metadata",    NULL};
    struct json_object *b = r->json, *rule = json_get(b, "rule"), *regions = json_get(b, "regions"),
                       *v;
    struct sbuf m = SBUF_INIT;
    int64_t starts = 0, ends = 0;
    int has_starts = v_date(b, "starts_at", &starts) == 0,
        has_ends = v_date(b, "ends_at", &ends) == 0;
    const char **regs;

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
        else
            whole_check(&m, v, "usage_limit", 1);
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
    in->conditions = conditions_read(r, json_get(rule, "conditions"), &in->nconditions);
    return 0;
}

struct json_object *admin_discount_json(struct req *r, const char *id, int with_query)
{
    struct listq lq;
    struct listf f = {.id = id, .limit = 1};
    struct gquery q;
    struct json_object *row;
    int rc;
    if (with_query) {
        if (listq_parse(r, &discount_spec, &lq) < 0)
            return NULL;
    } else {
        memset(&lq, 0, sizeof(lq));
        lq.relations = discount_relations;
    }
    if (gq_list(&r->c, &q, &ent_discount, gsel_build(&r->c, &ent_discount, lq.fields, lq.relations),
                &f) < 0)
        return NULL;
    /* The entity shows deleted discounts to the orders that used them; the admin does not. */
    gq_where_null(&r->c, &q, "deleted_at");
    if ((rc = gq_run_row(&r->c, &q, &row)) == 1)
        err_set(&r->c, ERR_NOT_FOUND, "Discount with id %s was not found", id);
    return rc ? NULL : row;
}

int admin_discount_send(struct req *r, const char *id, int with_query)
{
    struct json_object *d = admin_discount_json(r, id, with_query);
    return d ? resp_keyed(r, 200, "discount", d) : -1;
}

/* POST /admin/discounts */
int admin_discounts_create(struct req *r)
{
    struct discount_in in;
    const char *id;
    if (validate(r, r->qs, find_params, 1) < 0 || body_read(r, &in) < 0 ||
        discount_create(&r->c, &in, &id) < 0)
        return -1;
    return admin_discount_send(r, id, 1);
}

/* GET /admin/discounts/:id */
int admin_discounts_get(struct req *r)
{
    if (validate(r, r->qs, find_params, 1) < 0)
        return -1;
    return admin_discount_send(r, req_param(r, "id"), 1);
}

/* GET /admin/discounts/code/:code: the live discount with the code, upper-cased and trimmed. */
int admin_discounts_get_by_code(struct req *r)
{
    const char *code = req_param(r, "code");
    struct listq lq;
    struct listf f = {.limit = 1};
    struct gquery q;
    int rc;
    if (validate(r, r->qs, find_params, 1) < 0 || listq_parse(r, &discount_spec, &lq) < 0 ||
        gq_list(&r->c, &q, &ent_discount, gsel_build(&r->c, &ent_discount, lq.fields, lq.relations),
                &f) < 0)
        return -1;
    gq_where_null(&r->c, &q, "deleted_at");
    gq_where_eq(&r->c, &q, "code", discount_code_norm(&r->c, code));
    if ((rc = page_row(r, "discount", &q)) == 1)
        return err_set(&r->c, ERR_NOT_FOUND, "Discounts with code %s was not found", code);
    return rc;
}

/* GET /admin/discounts: 20 a page, newest first; q on the code, is_dynamic, is_disabled, rule[type]
 * and rule[allocation], dates. */
int admin_discounts_list(struct req *r)
{
    static const struct vparam params[] = {
        {"rule", V_ANY, 0},
        {"q", V_STRING, 0},
        {"is_dynamic", V_ANY, 0},
        {"is_disabled", V_ANY, 0},
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {"order", V_STRING, 0},
        {"offset", V_NUMBER, 0},
        {"limit", V_NUMBER, 0},
        {"expand", V_STRING, 0},
        {"fields", V_STRING, 0},
        {NULL, 0, 0},
    };
    static const struct vparam rule_params[] = {
        {"type", V_ANY, 0}, {"allocation", V_ANY, 0}, {NULL, 0, 0}};
    static const char *const types[] = {"fixed", "percentage", "free_shipping", NULL};
    static const char *const allocations[] = {"total", "item", NULL};
    static const struct listq_spec spec = {
        .default_limit = 20, .is_list = 1, .default_relations = discount_relations};
    static const char *const flags[] = {"is_dynamic", "is_disabled", NULL};
    struct ctx *c = &r->c;
    struct sbuf m = SBUF_INIT;
    struct json_object *rule = json_get(r->qs, "rule");
    struct listq lq;
    struct listf f;
    struct gquery q;
    const char *s;

    validate_msgs(r->qs, params, 1, &m);
    if (rule && json_object_is_type(rule, json_type_object)) {
        validate_msgs(rule, rule_params, 1, &m);
        validate_enum(rule, "type", types, NULL, V_OPTIONAL, &m);
        validate_enum(rule, "allocation", allocations, NULL, V_OPTIONAL, &m);
    } else if (rule) {
        msg(&m, "%s", "nested property rule must be either object or array");
    }
    if (validate_done(r, &m) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    if (gq_list(c, &q, &ent_discount, gsel_build(c, &ent_discount, lq.fields, lq.relations), &f) <
        0)
        return -1;
    gq_where_null(c, &q, "deleted_at");
    if ((s = v_str(r->qs, "q")) && *s)
        gq_where_contains(c, &q, "code", s);
    /* optionalBooleanMapper: "true"/"false"; anything else filters nothing. */
    for (const char *const *k = flags; *k; k++)
        if ((s = v_str(r->qs, *k)) && (!strcmp(s, "true") || !strcmp(s, "false")))
            gq_where_eq_int(c, &q, *k, !strcmp(s, "true"));
    if (rule && (s = json_get_str_opt(rule, "type")))
        gq_where_linked(c, &q, "rule_id", "discount_rule", "id", "type", &s, 1);
    if (rule && (s = json_get_str_opt(rule, "allocation")))
        gq_where_linked(c, &q, "rule_id", "discount_rule", "id", "allocation", &s, 1);
    return page_list(r, "discounts", &q, 1);
}

/* AdminUpdateDiscountRule: id (IsString, IsNotEmpty), description, value, allocation and
 * conditions (AdminUpsertCondition each). */
static void update_rule_check(struct json_object *rule, struct sbuf *m)
{
    static const char *const names[] = {"id",         "description", "value",
                                        "allocation", "conditions",  NULL};
    struct json_object *v = json_get(rule, "id"), *conds = json_get(rule, "conditions");
    const char *alloc;
    unknown_props(rule, names, m);
    if (!v || !json_object_is_type(v, json_type_string) || !*json_object_get_string(v)) {
        if (!v || json_object_is_type(v, json_type_null) ||
            (json_object_is_type(v, json_type_string) && !*json_object_get_string(v)))
            msg(m, "%s", "id should not be empty");
        if (!v || !json_object_is_type(v, json_type_string))
            msg(m, "%s", "id must be a string");
    }
    if ((v = json_get(rule, "description")) && !json_object_is_type(v, json_type_string))
        msg(m, "%s", "description must be a string");
    if ((v = json_get(rule, "value")) &&
        !(json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double)))
        msg(m, "%s", "value must be a number conforming to the specified constraints");
    else if (v)
        whole_check(m, v, "value", 0);
    if (json_get(rule, "allocation") && (!(alloc = json_get_str_opt(rule, "allocation")) ||
                                         (strcmp(alloc, "total") && strcmp(alloc, "item"))))
        msg(m, "%s", "Invalid allocation type, must be one of \"total\" or \"item\"");
    if (conds && !json_object_is_type(conds, json_type_array))
        msg(m, "%s", "conditions must be an array");
    else if (conds)
        for (size_t i = 0; i < json_object_array_length(conds); i++) {
            struct json_object *k = json_object_array_get_idx(conds, i);
            if (!json_object_is_type(k, json_type_object))
                msg(m, "%s",
                    "each value in nested property conditions must be either object or "
                    "array");
            else
                admin_condition_check(k, m, COND_UPSERT);
        }
}

/* AdminPostDiscountsDiscountReq into u. */
static int update_body_read(struct req *r, struct discount_update *u)
{
    static const char *const names[] = {
        "code",           "rule",        "is_disabled", "starts_at", "ends_at",
        "valid_duration", "usage_limit", "regions",     "metadata",  NULL};
    struct json_object *b = r->json, *rule = json_get(b, "rule"), *v;
    struct sbuf m = SBUF_INIT;
    int64_t starts = 0, ends = 0;
    int has_starts = v_date(b, "starts_at", &starts) == 0,
        has_ends = v_date(b, "ends_at", &ends) == 0;

    unknown_props(b, names, &m);
    if ((v = json_get(b, "code")) && !json_object_is_type(v, json_type_string))
        msg(&m, "%s", "code must be a string");
    if (rule && !json_object_is_type(rule, json_type_object))
        msg(&m, "%s", "nested property rule must be either object or array");
    else if (rule)
        update_rule_check(rule, &m);
    if ((v = json_get(b, "is_disabled")) && !json_object_is_type(v, json_type_boolean))
        msg(&m, "%s", "is_disabled must be a boolean value");
    if (json_get(b, "starts_at") && !has_starts)
        msg(&m, "%s", "starts_at must be a Date instance");
    if (json_get(b, "ends_at")) {
        if (!has_ends)
            msg(&m, "%s", "ends_at must be a Date instance");
        if (has_starts && !(has_ends && ends > starts))
            msg(&m, "%s", "\"ends_at\" must be greater than \"starts_at\"");
    }
    if ((v = json_get(b, "valid_duration")) &&
        (!json_object_is_type(v, json_type_string) || !iso_duration(json_object_get_string(v))))
        msg(&m, "%s", "\"valid_duration\" must be a valid ISO 8601 duration");
    if ((v = json_get(b, "usage_limit"))) {
        int isnum =
            json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double);
        if (!isnum || !(json_object_get_double(v) > 0))
            msg(&m, "%s", "usage_limit must be a positive number");
        if (!isnum)
            msg(&m, "%s", "usage_limit must be a number conforming to the specified constraints");
        else if (json_object_get_double(v) > 0)
            whole_check(&m, v, "usage_limit", 1);
    }
    if ((v = json_get(b, "regions"))) {
        int strings = 1;
        if (json_object_is_type(v, json_type_array)) {
            for (size_t i = 0; i < json_object_array_length(v); i++)
                strings &= json_object_is_type(json_object_array_get_idx(v, i), json_type_string);
        } else {
            strings = json_object_is_type(v, json_type_string);
        }
        if (!strings)
            msg(&m, "%s", "each value in regions must be a string");
        if (!json_object_is_type(v, json_type_array))
            msg(&m, "%s", "regions must be an array");
    }
    if ((v = json_get(b, "metadata")) && !json_object_is_type(v, json_type_object))
        msg(&m, "%s", "metadata must be an object");
    if (validate_done(r, &m) < 0)
        return -1;

    memset(u, 0, sizeof(*u));
    u->code = v_str(b, "code");
    u->is_disabled = (v = json_get(b, "is_disabled")) ? json_object_get_boolean(v) : -1;
    u->has_starts = has_starts;
    u->starts_at = has_starts ? iso_of(r, starts) : NULL;
    /* null clears ends_at, valid_duration and usage_limit (IsOptional lets it through). */
    u->has_ends = json_object_object_get_ex(b, "ends_at", &v);
    u->ends_at = has_ends ? iso_of(r, ends) : NULL;
    u->has_duration = json_object_object_get_ex(b, "valid_duration", &v);
    u->valid_duration = v_str(b, "valid_duration");
    if ((u->has_usage_limit = json_object_object_get_ex(b, "usage_limit", &v))) {
        u->usage_limit_null = !v;
        u->usage_limit = v ? (int64_t)json_object_get_double(v) : 0;
    }
    u->metadata = json_get(b, "metadata");
    if ((u->has_rule = rule != NULL)) {
        u->description = json_get_str_opt(rule, "description");
        u->allocation = json_get_str_opt(rule, "allocation");
        if ((u->has_value = (v = json_get(rule, "value")) != NULL))
            u->value = (int64_t)llround(json_object_get_double(v));
        u->conditions = conditions_read(r, json_get(rule, "conditions"), &u->nconditions);
    }
    u->nregions = -1;
    if ((v = json_get(b, "regions"))) {
        const char **regs =
            arena_alloc(&r->c.arena, sizeof(*regs) * (json_object_array_length(v) + 1));
        u->nregions = (int)json_object_array_length(v);
        for (int i = 0; i < u->nregions; i++)
            regs[i] = json_object_get_string(json_object_array_get_idx(v, (size_t)i));
        u->regions = regs;
    }
    return 0;
}

/* POST /admin/discounts/:id */
int admin_discounts_update(struct req *r)
{
    struct discount_update u;
    const char *id = req_param(r, "id");
    if (validate(r, r->qs, find_params, 1) < 0 || update_body_read(r, &u) < 0 ||
        discount_update(&r->c, id, &u) < 0)
        return -1;
    return admin_discount_send(r, id, 1);
}

/* DELETE /admin/discounts/:id */
int admin_discounts_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (discount_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "discount");
}

/* POST /admin/discounts/:id/regions/:region_id */
int admin_discounts_add_region(struct req *r)
{
    const char *id = req_param(r, "id");
    if (discount_region(&r->c, id, req_param(r, "region_id"), 1) < 0)
        return -1;
    return admin_discount_send(r, id, 0);
}

/* DELETE /admin/discounts/:id/regions/:region_id */
int admin_discounts_remove_region(struct req *r)
{
    const char *id = req_param(r, "id");
    if (discount_region(&r->c, id, req_param(r, "region_id"), 0) < 0)
        return -1;
    return admin_discount_send(r, id, 0);
}

/* POST /admin/discounts/:id/dynamic-codes (AdminPostDiscountsDiscountDynamicCodesReq): answers
 * the new code's discount. */
int admin_discounts_create_dynamic_code(struct req *r)
{
    static const struct vparam params[] = {
        /* @IsString() @IsNotEmpty(): the lower decorator's message comes first */
        {"code", V_NOT_EMPTY, V_CHECKED},
        {"code", V_STRING, V_CHECKED},
        {"usage_limit", V_NUMBER, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct json_object *meta;
    const char *id;
    if (validate(r, r->json, params, 0) < 0 ||
        discount_dynamic_code_create(
            &r->c, req_param(r, "id"), v_str(r->json, "code"),
            (meta = json_get(r->json, "metadata")) ? json_text(meta, NULL) : NULL, &id) < 0)
        return -1;
    return admin_discount_send(r, id, 0);
}

/* DELETE /admin/discounts/:id/dynamic-codes/:code: answers the parent discount. */
int admin_discounts_delete_dynamic_code(struct req *r)
{
    const char *id = req_param(r, "id");
    if (discount_dynamic_code_delete(&r->c, id, req_param(r, "code")) < 0)
        return -1;
    return admin_discount_send(r, id, 0);
}
