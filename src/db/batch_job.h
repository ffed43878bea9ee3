/* batch_job.h: SQL of Medusa's batch jobs (sql/0018_batch_jobs.sql): the rows the Admin API
 * creates, reads, confirms and cancels, and the questions the job runner asks. The status is
 * derived from the timestamps as Medusa's BatchJob.loadStatus() does. domain/batch_job.c holds
 * the rules. */
#ifndef DB_BATCH_JOB_H
#define DB_BATCH_JOB_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/graph.h"

/* The batch job as Medusa serialises it (status included; relation created_by_user). */
extern const struct gent ent_batch_job;

struct batch_job {
    const char *id, *type, *created_by, *status;
    const char *context, *result; /* JSON texts (context never NULL; result may be) */
    int dry_run;
    int64_t runner_pid;
};

/* The timestamp columns a status change sets (each once). */
enum batch_stamp {
    BJ_PRE_PROCESSED,
    BJ_CONFIRMED,
    BJ_PROCESSING,
    BJ_COMPLETED,
    BJ_CANCELED,
    BJ_FAILED,
};

/* Inserts a job (status created); its id, or NULL. */
const char *db_batch_job_insert(struct ctx *c, const char *type, const char *created_by,
                                const char *context, int dry_run);
/* A live job into j (arena strings): 0, 1 if there is none, -1. */
int db_batch_job_load(struct ctx *c, const char *id, struct batch_job *j);
/* Sets the column of stamp to now (and updated_at). 0 or -1. */
int db_batch_job_stamp(struct ctx *c, const char *id, enum batch_stamp stamp);
/* Merges a JSON object text into the job's result / context (RFC 7396 merge patch: keys of
 * patch replace, null removes; Medusa merges one level, which the jobs' patches never exceed).
 * 0 or -1. */
int db_batch_job_merge_result(struct ctx *c, const char *id, const char *patch);
int db_batch_job_merge_context(struct ctx *c, const char *id, const char *patch);
/* Appends message to result.errors (an array of strings, as Medusa's setFailed keeps them).
 * 0 or -1. */
int db_batch_job_add_error(struct ctx *c, const char *id, const char *message);

/* The runner's next piece of work, oldest job first: a job still "created" (pre-processing)
 * or "confirmed" (processing); its row in j. 0 found, 1 nothing to do, -1. */
int db_batch_job_next(struct ctx *c, struct batch_job *j);
/* Marks the job as worked on by pid (heartbeat now). 0 or -1. */
int db_batch_job_claim(struct ctx *c, const char *id, int64_t pid);
/* Heartbeat of a running job. 0 or -1. */
int db_batch_job_heartbeat(struct ctx *c, const char *id);
/* Jobs left "processing" (by a runner that stopped: only one runner works at a time), their ids
 * as an arena array; the count or -1. */
int db_batch_job_orphans(struct ctx *c, const char ***ids);

#endif
