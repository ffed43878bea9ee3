/* batch_job.c: the batch jobs' rules (batch_job.h) as Medusa 1.20's BatchJobService and
 * batch-job subscriber: who may see a job, which status allows confirming or canceling, the
 * events of each change (batch.created, batch.pre_processed, batch.confirmed,
 * batch.processing, batch.completed, batch.canceled, batch.failed, with {"id"}), and the table
 * strategies of batch_job_types.c. */
#include "domain/batch_job.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/json.h"
#include "core/log.h"
#include "db/db.h"
#include "db/event.h"
#include "domain/upload.h"

/* The strategies' table is batch_job_types.c (they include this module's header). */

static int event(struct ctx *c, const char *name, const char *id)
{
    return db_event_add(c, name, arena_printf(&c->arena, "{\"id\":\"%s\"}", id));
}

int batch_job_create(struct ctx *c, const char *type, struct json_object *context, int dry_run,
                     const char *user_id, const char **id)
{
    const struct batch_job_type *t = batch_job_type_find(type);
    const char *ctx_text;
    if (!t)
        return err_set(c, ERR_NOT_FOUND, "Unable to find a BatchJob strategy with the type %s",
                       type);
    if (t->prepare(c, context, &ctx_text) < 0)
        return -1;
    if (!(*id = db_batch_job_insert(c, type, user_id, ctx_text, dry_run)))
        return -1;
    return event(c, "batch.created", *id);
}

int batch_job_check_access(struct ctx *c, const char *id, const char *user_id,
                           struct batch_job *job)
{
    int rc = db_batch_job_load(c, id, job);
    if (rc < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_NOT_FOUND, "Batch job with id %s was not found", id);
    if (!job->created_by || !user_id || strcmp(job->created_by, user_id))
        return err_set(c, ERR_NOT_ALLOWED,
                       "Cannot access a batch job that does not belong to the logged in user");
    return 0;
}

int batch_job_confirm(struct ctx *c, const char *id, const char *user_id)
{
    struct batch_job j;
    if (batch_job_check_access(c, id, user_id, &j) < 0)
        return -1;
    if (strcmp(j.status, "pre_processed"))
        return err_set(c, ERR_NOT_ALLOWED,
                       "Cannot confirm processing for a batch job that is not pre processed");
    if (db_batch_job_stamp(c, id, BJ_CONFIRMED) < 0)
        return -1;
    return event(c, "batch.confirmed", id);
}

int batch_job_cancel(struct ctx *c, const char *id, const char *user_id)
{
    struct batch_job j;
    if (batch_job_check_access(c, id, user_id, &j) < 0)
        return -1;
    if (!strcmp(j.status, "completed"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot cancel completed batch job");
    if (db_batch_job_stamp(c, id, BJ_CANCELED) < 0)
        return -1;
    return event(c, "batch.canceled", id);
}

/* ---- the runner's side ---------------------------------------------------------------------- */

int job_tx(struct ctx *c, int (*fn)(void *arg), void *arg)
{
    db_request_end(c->db);
    return db_tx(c, fn, arg);
}

/* A write of the runner on one job: the job, the result patch, the error, the status wanted. */
struct job_write {
    struct job_run *run;
    const char *patch;
    int heartbeat;
    const char *error;
    const char *want;
    const enum batch_stamp *stamps;
    const char *const *events;
    int n;
};

static int merge_tx(void *arg)
{
    struct job_write *w = arg;
    struct ctx *c = w->run->c;
    if (db_batch_job_merge_result(c, w->run->job->id, w->patch) < 0)
        return -1;
    return w->heartbeat ? db_batch_job_heartbeat(c, w->run->job->id) : 0;
}

int job_merge_result(struct job_run *run, const char *patch)
{
    struct job_write w = {.run = run, .patch = patch};
    return job_tx(run->c, merge_tx, &w) < 0 ? -1 : 0;
}

int job_progress(struct job_run *run, int64_t done, int64_t count)
{
    struct ctx *c = run->c;
    struct job_write w = {.run = run, .heartbeat = 1};
    w.patch =
        arena_printf(&c->arena, "{\"advancement_count\":%lld,\"count\":%lld,\"progress\":%.17g}",
                     (long long)done, (long long)count, count > 0 ? (double)done / count : 1.0);
    return job_tx(c, merge_tx, &w) < 0 ? -1 : 0;
}

int job_should_stop(struct job_run *run)
{
    struct batch_job now;
    if (*run->stop)
        return 1;
    if (db_batch_job_load(run->c, run->job->id, &now) != 0) {
        db_request_end(run->c->db);
        err_clear(run->c);
        return 1;
    }
    db_request_end(run->c->db);
    return strcmp(now.status, "processing") != 0;
}

/* A failed job: its error into result.errors, status failed, batch.failed. */
static int fail_tx(void *arg)
{
    struct job_write *w = arg;
    struct ctx *c = w->run->c;
    const char *id = w->run->job->id;
    if (db_batch_job_add_error(c, id, w->error) < 0 || db_batch_job_stamp(c, id, BJ_FAILED) < 0)
        return -1;
    return event(c, "batch.failed", id);
}

/* The job failed: the first recorded error's message goes into result.errors. */
static int fail(struct job_run *run)
{
    struct ctx *c = run->c;
    struct job_write w = {.run = run};
    w.error = arena_strdup(
        &c->arena, c->err.type != ERR_NONE && c->err.msg[0] ? c->err.msg : "The batch job failed");
    err_clear(c);
    log_warn("batch job %s (%s) failed: %s", run->job->id, run->job->type, w.error);
    return job_tx(c, fail_tx, &w) < 0 ? -1 : 0;
}

static int advance_tx(void *arg)
{
    struct job_write *w = arg;
    struct ctx *c = w->run->c;
    const char *id = w->run->job->id;
    struct batch_job now;
    if (db_batch_job_load(c, id, &now) != 0)
        return -1;
    if (strcmp(now.status, w->want))
        return 1;
    for (int i = 0; i < w->n; i++)
        if (db_batch_job_stamp(c, id, w->stamps[i]) < 0 || event(c, w->events[i], id) < 0)
            return -1;
    return db_batch_job_claim(c, id, (int64_t)getpid());
}

/* In one transaction: the job must still be in status want (an admin may have canceled it
 * meanwhile), then the stamps and their events. 1 when the job had moved on (nothing done). */
static int advance(struct job_run *run, const char *want, const enum batch_stamp *stamps,
                   const char *const *events, int n)
{
    struct job_write w = {.run = run, .want = want, .stamps = stamps, .events = events, .n = n};
    return job_tx(run->c, advance_tx, &w);
}

int batch_job_work(struct job_run *run)
{
    const struct batch_job *j = run->job;
    const struct batch_job_type *t = batch_job_type_find(j->type);
    struct ctx *c = run->c;
    int rc;
    if (!t) {
        err_set(c, ERR_NOT_FOUND, "Unable to find a BatchJob strategy with the type %s", j->type);
        return fail(run);
    }
    if (!strcmp(j->status, "created")) {
        static const enum batch_stamp pre[] = {BJ_PRE_PROCESSED, BJ_CONFIRMED};
        static const char *const pre_ev[] = {"batch.pre_processed", "batch.confirmed"};
        if (t->preprocess(run) < 0)
            return fail(run);
        /* A dry run waits for the admin's confirm; any other job goes on at once. */
        rc = advance(run, "created", pre, pre_ev, j->dry_run ? 1 : 2);
        return rc < 0 ? fail(run) : 0;
    }
    if (!strcmp(j->status, "confirmed")) {
        static const enum batch_stamp start[] = {BJ_PROCESSING}, done[] = {BJ_COMPLETED};
        static const char *const start_ev[] = {"batch.processing"};
        static const char *const done_ev[] = {"batch.completed"};
        if ((rc = advance(run, "confirmed", start, start_ev, 1)) != 0)
            return rc < 0 ? fail(run) : 0;
        if ((rc = t->process(run)) < 0)
            return fail(run);
        if (rc == 1 && *run->stop) {
            err_set(c, ERR_UNEXPECTED_STATE,
                    "The job runner was stopped while this job was processing; the work done "
                    "before it stopped was kept");
            return fail(run);
        }
        /* rc 1 otherwise: canceled meanwhile, and advance() finds it so. */
        rc = advance(run, "processing", done, done_ev, 1);
        return rc < 0 ? fail(run) : 0;
    }
    return 0;
}

int batch_job_orphaned(struct ctx *c, const char *id)
{
    struct batch_job job = {.id = id};
    struct job_run run = {.c = c, .job = &job};
    struct job_write w = {.run = &run,
                          .error = "The job runner stopped while this job was processing; the "
                                   "work done before it stopped was kept"};
    return job_tx(c, fail_tx, &w) < 0 ? -1 : 0;
}

int job_export_run(struct job_run *run, const struct job_export *x)
{
    struct ctx *c = run->c;
    struct sbuf out = SBUF_INIT;
    const char *key;
    int64_t done = 0, size = 0;
    int rc = -1;
    FILE *f = upload_create(
        c, arena_printf(&c->arena, "%s-%lld.csv", x->name, (long long)c->now_ms), &key);
    if (!f)
        goto out;
    key = arena_strdup(run->keep, key);
    x->header(x->arg, &out);
    if (job_merge_result(run, arena_printf(&c->arena, "{\"file_key\":\"%s\",\"file_size\":%zu}",
                                           key, out.len)) < 0)
        goto close;
    for (;;) {
        int n = x->page(x->arg, &out);
        if (n < 0)
            goto close;
        if (out.len && fwrite(out.buf, 1, out.len, f) != out.len) {
            err_set(c, ERR_UNKNOWN, "cannot write the export file");
            goto close;
        }
        size += (int64_t)out.len;
        done += n;
        sbuf_reset(&out);
        db_request_end(c->db);
        arena_reset(&c->arena);
        if (job_merge_result(
                run, arena_printf(&c->arena, "{\"file_size\":%lld}", (long long)size)) < 0 ||
            job_progress(run, done, x->total) < 0)
            goto close;
        if (n < x->page_size)
            break;
        if (job_should_stop(run)) {
            /* Canceled (or the runner stops): the file goes, and the result forgets it. */
            fclose(f);
            f = NULL;
            upload_delete(c, key);
            err_clear(c);
            job_merge_result(run, "{\"file_key\":null,\"file_size\":null}");
            rc = 1;
            goto out;
        }
    }
    if (fflush(f) != 0 || fsync(fileno(f)) < 0) {
        err_set(c, ERR_UNKNOWN, "cannot write the export file");
        goto close;
    }
    rc = 0;
close:
    if (f && fclose(f) != 0 && rc == 0)
        rc = err_set(c, ERR_UNKNOWN, "cannot write the export file");
out:
    sbuf_release(&out);
    return rc;
}
