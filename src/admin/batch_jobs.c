/* batch_jobs.c: /admin/batch-jobs (Medusa 1.20's admin batch routes; rules in
 * domain/batch_job.c): create, list (the dashboard polls it), read, confirm, cancel. Every route
 * sees only the caller's own jobs, as Medusa's canAccessBatchJob and its list's created_by
 * filter. The work itself is done by the job runner (`medusa-fcgi jobs`, started by serve). */
#include <string.h>

#include "core/json.h"
#include "db/batch_job.h"
#include "domain/batch_job.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "front/page.h"
#include "front/validate.h"

static int send_job(struct req *r, int status, const char *id)
{
    struct ctx *c = &r->c;
    struct listf f = {.id = id, .limit = 1};
    struct gquery q;
    struct json_object *row;
    int rc;
    if (gq_list(c, &q, &ent_batch_job, gsel_cols(c, &ent_batch_job), &f) < 0 ||
        (rc = gq_run_row(c, &q, &row)) < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_NOT_FOUND, "Batch job with id %s was not found", id);
    return resp_keyed(r, status, "batch_job", row);
}

/* POST /admin/batch-jobs (AdminPostBatchesReq) */
int admin_batch_jobs_create(struct req *r)
{
    static const struct vparam params[] = {
        {"type", V_STRING, V_CHECKED},
        {"context", V_OBJECT, V_CHECKED},
        {"dry_run", V_BOOL, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct json_object *dry;
    const char *id;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    dry = json_get(r->json, "dry_run");
    if (batch_job_create(&r->c, v_str(r->json, "type"), json_get(r->json, "context"),
                         dry && json_object_get_boolean(dry), r->c.user_id, &id) < 0)
        return -1;
    return send_job(r, 201, id);
}

/* The timestamps Medusa's list filters take as a date range or as "null" (IS NULL). */
static const char *const stamp_filters[] = {"confirmed_at", "pre_processed_at", "completed_at",
                                            "failed_at",    "canceled_at",      NULL};

/* GET /admin/batch-jobs (AdminGetBatchParams): 10 a page, newest first. */
int admin_batch_jobs_list(struct req *r)
{
    static const struct vparam params[] = {
        {"limit", V_NUMBER, V_OPTIONAL},
        {"offset", V_NUMBER, V_OPTIONAL},
        {"expand", V_STRING, V_OPTIONAL},
        {"fields", V_STRING, V_OPTIONAL},
        {"order", V_STRING, V_OPTIONAL},
        {"id", V_STR_OR_ARRAY, V_OPTIONAL},
        {"type", V_STRARRAY, V_OPTIONAL},
        {"confirmed_at", V_ANY, V_OPTIONAL},
        {"pre_processed_at", V_ANY, V_OPTIONAL},
        {"completed_at", V_ANY, V_OPTIONAL},
        {"failed_at", V_ANY, V_OPTIONAL},
        {"canceled_at", V_ANY, V_OPTIONAL},
        {"created_at", V_DATEFILTER, V_OPTIONAL},
        {"updated_at", V_DATEFILTER, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct listq_spec spec = {.default_limit = 10, .is_list = 1};
    struct ctx *c = &r->c;
    struct listq lq;
    struct listf f;
    struct gquery q;
    const char **v;
    int n;
    if (validate(r, r->qs, params, 1) < 0)
        return -1;
    /* A stamp filter is "null" or a date range. */
    for (int i = 0; stamp_filters[i]; i++) {
        struct json_object *val = json_get(r->qs, stamp_filters[i]), *only;
        struct vparam one[] = {{stamp_filters[i], V_DATEFILTER, V_OPTIONAL}, {NULL, 0, 0}};
        if (!val || (json_object_is_type(val, json_type_string) &&
                     !strcmp(json_object_get_string(val), "null")))
            continue;
        /* checked alone: the other parameters were checked above */
        only = json_own(&c->arena, json_object_new_object());
        json_object_object_add(only, stamp_filters[i], json_share(val));
        if (validate(r, only, one, 1) < 0)
            return -1;
    }
    if (listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    if (gq_list(c, &q, &ent_batch_job, gsel_build(c, &ent_batch_job, lq.fields, lq.relations), &f) <
        0)
        return -1;
    gq_where_eq(c, &q, "created_by", c->user_id);
    if ((v = v_strs(r, r->qs, "id", &n)) && n)
        gq_where_in(c, &q, "id", v, n);
    if ((v = v_strs(r, r->qs, "type", &n)) && n)
        gq_where_in(c, &q, "type", v, n);
    for (int i = 0; stamp_filters[i]; i++) {
        struct json_object *val = json_get(r->qs, stamp_filters[i]);
        struct datefilter df;
        if (!val)
            continue;
        if (json_object_is_type(val, json_type_string)) {
            gq_where_null(c, &q, stamp_filters[i]);
        } else {
            v_datefilter(r->qs, stamp_filters[i], &df);
            gq_where_dates(c, &q, stamp_filters[i], &df);
        }
    }
    return page_list(r, "batch_jobs", &q, 1);
}

/* GET /admin/batch-jobs/:id */
int admin_batch_jobs_get(struct req *r)
{
    struct batch_job j;
    const char *id = req_param(r, "id");
    if (batch_job_check_access(&r->c, id, r->c.user_id, &j) < 0)
        return -1;
    return send_job(r, 200, id);
}

/* POST /admin/batch-jobs/:id/confirm */
int admin_batch_jobs_confirm(struct req *r)
{
    const char *id = req_param(r, "id");
    if (batch_job_confirm(&r->c, id, r->c.user_id) < 0)
        return -1;
    return send_job(r, 200, id);
}

/* POST /admin/batch-jobs/:id/cancel */
int admin_batch_jobs_cancel(struct req *r)
{
    const char *id = req_param(r, "id");
    if (batch_job_cancel(&r->c, id, r->c.user_id) < 0)
        return -1;
    return send_job(r, 200, id);
}
