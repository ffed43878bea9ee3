/* batch_job.h: Medusa's batch jobs (BatchJobService, the batch-job subscriber and its
 * strategies): CSV imports and exports the dashboard starts, confirms, cancels and polls, worked
 * off the request path by the job runner (src/jobs.c). A job type is one row of the strategy
 * table in batch_job.c: product-import and product-export here; order-export plugs in the same
 * way. Statuses, as Medusa: created -> pre_processed -> confirmed -> processing -> completed,
 * or canceled / failed; a job that is not a dry run is confirmed as soon as it is pre-processed. */
#ifndef DOMAIN_BATCH_JOB_H
#define DOMAIN_BATCH_JOB_H
#include <stdint.h>

#include "core/ctx.h"
#include "core/sbuf.h"
#include "db/batch_job.h"

struct json_object;

/* What a strategy works with in the runner. Its chunks commit on their own: c->arena may be
 * reset between them (job_chunk_done), so what must last the whole run goes in keep. */
struct job_run {
    struct ctx *c;
    struct arena *keep;
    const struct batch_job *job;
    struct json_object *context; /* the job's context, parsed (in keep) */
    volatile const int *stop;    /* set when the runner is asked to stop (SIGTERM) */
};

struct batch_job_type {
    const char *type;
    /* POST /admin/batch-jobs: checks the context and may replace it with its own (Medusa's
     * prepareBatchJobForProcessing); *out receives the context to store (JSON text, arena).
     * 0 or -1 with Medusa's error. */
    int (*prepare)(struct ctx *c, struct json_object *context, const char **out);
    /* Pre-processing: reads and checks the job's input and merges what the dry run shows into
     * the result (counts, stat_descriptors). Runs inside no transaction; may only read the
     * database besides job_merge_result. 0, or -1 with a message (the job fails with it). */
    int (*preprocess)(struct job_run *run);
    /* Processing: does the work in short transactions of its own, reporting progress with
     * job_progress and stopping early when job_should_stop says so. 0 done, 1 stopped early,
     * -1 failed. */
    int (*process)(struct job_run *run);
};

/* The strategy of type, or NULL. */
const struct batch_job_type *batch_job_type_find(const char *type);

/* The Admin API's actions. user_id: the caller; a job belongs to its creator (Medusa's
 * canAccessBatchJob). All record Medusa's errors. */
int batch_job_create(struct ctx *c, const char *type, struct json_object *context, int dry_run,
                     const char *user_id, const char **id);
int batch_job_check_access(struct ctx *c, const char *id, const char *user_id,
                           struct batch_job *job);
int batch_job_confirm(struct ctx *c, const char *id, const char *user_id);
int batch_job_cancel(struct ctx *c, const char *id, const char *user_id);

/* For the runner and the strategies: fn(arg) in a write transaction of its own (db_tx: COMMIT
 * when fn returns >= 0, ROLLBACK when < 0), after resetting the reads still open (their old
 * snapshot would make the write lock unobtainable: SQLITE_BUSY at once, whatever
 * busy_timeout). The runner works outside any request, so it owns its transactions
 * (tests/lint/tx-owners.txt). Returns what fn returned. */
int job_tx(struct ctx *c, int (*fn)(void *arg), void *arg);
/* For strategies: merges the JSON object text patch into the result, in a transaction of its
 * own. 0 or -1. */
int job_merge_result(struct job_run *run, const char *patch);
/* Progress: advancement_count, count and progress (a fraction) into the result, plus a
 * heartbeat. 0 or -1. */
int job_progress(struct job_run *run, int64_t done, int64_t count);
/* 1 when the runner must stop or the job was canceled meanwhile; 0 otherwise. */
int job_should_stop(struct job_run *run);

/* An export's writing, shared by the export strategies: a protected CSV file (named
 * "<name>-<now>.csv") whose key and size go into the result; the header first, then page after
 * page (each its own short read, the arena reset between pages, progress reported), until a page
 * shorter than page_size; a cancel (or the runner stopping) deletes the file and forgets it. */
struct job_export {
    const char *name;
    int64_t total;
    int page_size;
    void (*header)(void *arg, struct sbuf *out);
    /* Appends the next page's lines to out (state across pages in run->keep): its row count,
     * or -1 on error. */
    int (*page)(void *arg, struct sbuf *out);
    void *arg;
};
/* 0 done, 1 stopped early, -1 failed (as process()). */
int job_export_run(struct job_run *run, const struct job_export *x);

/* The runner's work on one job (src/jobs.c calls these): pre-processing or processing as the
 * job's status asks, with Medusa's status changes and events; a failure marks the job failed
 * with the message in result.errors. 0, or -1 if the database itself failed. */
int batch_job_work(struct job_run *run);
/* Marks a job left processing by a runner that stopped as failed. 0 or -1. */
int batch_job_orphaned(struct ctx *c, const char *id);

#endif
