/* payment_collections.c: the /store/payment-collections routes (store.md §10). No route checks
 * authentication or ownership; collections are made by the admin's order-edit flow. */
#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/payment_collection.h"
#include "domain/payment_collection.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

enum paycol_view {
    VIEW_FULL, /* the session routes: every column, region (+ providers), sessions */
    VIEW_AUTH, /* batch authorize: every column, sessions, payments */
};

static int send_collection(struct req *r, const char *id, enum paycol_view view)
{
    struct ctx *c = &r->c;
    struct gsel *sel = gsel_cols(c, &ent_payment_collection);
    struct json_object *pc;
    if (view == VIEW_FULL) {
        gsel_add_rel(c, sel, "region.payment_providers");
        gsel_add_rel(c, sel, "payment_sessions");
    } else {
        gsel_add_rel(c, sel, "payment_sessions");
        gsel_add_rel(c, sel, "payments");
    }
    if (!(pc = db_paycol_json(c, id, sel)))
        return -1;
    return resp_keyed(r, 200, "payment_collection", pc);
}

static int send_session(struct req *r, const char *sid)
{
    struct json_object *s = db_paycol_session_json(&r->c, sid);
    if (!s)
        return -1;
    return resp_keyed(r, 200, "payment_session", s);
}

/* GET /store/payment-collections/:id */
int store_payment_collections_get(struct req *r)
{
    static const char *const default_fields[] = {
        "id", "type", "status", "description", "amount", "currency_code", "metadata", NULL};
    static const char *const default_relations[] = {"region", "payment_sessions", NULL};
    static const struct listq_spec spec = {0, 0, NULL, NULL, default_fields, default_relations};
    static const struct vparam params[] = {
        {"expand", V_STRING, 0}, {"fields", V_STRING, 0}, {NULL, 0, 0}};
    struct listq lq;
    struct json_object *pc;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    if (!(pc = db_paycol_json(&r->c, req_param(r, "id"),
                              gsel_build(&r->c, &ent_payment_collection, lq.fields, lq.relations))))
        return -1;
    return resp_keyed(r, 200, "payment_collection", pc);
}

/* POST /store/payment-collections/:id/sessions */
int store_payment_collections_session(struct req *r)
{
    static const struct vparam params[] = {{"provider_id", V_STRING, V_CHECKED}, {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 ||
        paycol_session_set(&r->c, id, v_str(r->json, "provider_id")) < 0)
        return -1;
    return send_collection(r, id, VIEW_FULL);
}

/* POST /store/payment-collections/:id/sessions/batch */
int store_payment_collections_sessions(struct req *r)
{
    static const struct vparam params[] = {{"sessions", V_ARRAY, V_CHECKED}, {NULL, 0, 0}};
    static const struct vparam entry_params[] = {{"provider_id", V_STRING, V_CHECKED},
                                                 {"amount", V_POSITIVE_INT, V_CHECKED},
                                                 {"session_id", V_STRING, V_OPTIONAL},
                                                 {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    struct json_object *arr = json_get(r->json, "sessions");
    struct sbuf msgs = SBUF_INIT;
    struct paycol_entry *e;
    size_t n = arr && json_object_is_type(arr, json_type_array) ? json_object_array_length(arr) : 0;
    validate_msgs(r->json, params, 0, &msgs);
    for (size_t i = 0; i < n; i++) {
        struct json_object *o = json_object_array_get_idx(arr, i);
        if (!o || !json_object_is_type(o, json_type_object))
            sbuf_addf(&msgs, "%snested property sessions must be either object or array",
                      msgs.len ? ", " : "");
        else
            validate_msgs(o, entry_params, 0, &msgs);
    }
    if (validate_done(r, &msgs) < 0)
        return -1;
    e = arena_alloc(&r->c.arena, sizeof(*e) * (n ? n : 1));
    for (size_t i = 0; i < n; i++) {
        struct json_object *o = json_object_array_get_idx(arr, i);
        e[i].provider_id = json_get_str_opt(o, "provider_id");
        e[i].session_id = json_get_str_opt(o, "session_id");
        e[i].amount = (int64_t)json_object_get_double(json_get(o, "amount"));
    }
    if (paycol_sessions_set(&r->c, id, e, (int)n) < 0)
        return -1;
    return send_collection(r, id, VIEW_FULL);
}

/* POST /store/payment-collections/:id/sessions/batch/authorize */
int store_payment_collections_authorize(struct req *r)
{
    static const struct vparam params[] = {{"session_ids", V_STRARRAY, V_CHECKED}, {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    const char **ids;
    int n;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    ids = v_strs(r, r->json, "session_ids", &n);
    if (paycol_authorize(&r->c, id, ids, n) < 0)
        return -1;
    return send_collection(r, id, VIEW_AUTH);
}

/* POST /store/payment-collections/:id/sessions/:session_id */
int store_payment_collections_refresh(struct req *r)
{
    const char *sid;
    if (paycol_session_refresh(&r->c, req_param(r, "id"), req_param(r, "session_id"), &sid) < 0)
        return -1;
    return send_session(r, sid);
}

/* POST /store/payment-collections/:id/sessions/:session_id/authorize */
int store_payment_collections_session_authorize(struct req *r)
{
    const char *sid = req_param(r, "session_id");
    if (paycol_session_authorize(&r->c, req_param(r, "id"), sid) < 0)
        return -1;
    return send_session(r, sid);
}
