/* batch_job.c: SQL of batch jobs (batch_job.h). */
#include "db/batch_job.h"

#include <string.h>

#include "db/entities.h"
#include "db/internal.h"

/* BatchJob.loadStatus(): the latest stage reached wins, failed over everything. */
#define STATUS_SQL(A)                                                                              \
    "CASE WHEN " A ".failed_at IS NOT NULL THEN 'failed' WHEN " A ".canceled_at IS NOT NULL "      \
    "THEN 'canceled' WHEN " A ".completed_at IS NOT NULL THEN 'completed' WHEN " A                 \
    ".processing_at IS NOT NULL THEN 'processing' WHEN " A ".confirmed_at IS NOT NULL THEN "       \
    "'confirmed' WHEN " A ".pre_processed_at IS NOT NULL THEN 'pre_processed' ELSE 'created' END"

static const struct gcol batch_job_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {"deleted_at", G_TEXT, NULL, 0},
    {"type", G_TEXT, NULL, 0},
    {"created_by", G_TEXT, NULL, 0},
    {"context", G_JSON, NULL, 0},
    {"result", G_JSON, NULL, 0},
    {"dry_run", G_BOOL, NULL, 0},
    {"pre_processed_at", G_TEXT, NULL, 0},
    {"processing_at", G_TEXT, NULL, 0},
    {"confirmed_at", G_TEXT, NULL, 0},
    {"completed_at", G_TEXT, NULL, 0},
    {"canceled_at", G_TEXT, NULL, 0},
    {"failed_at", G_TEXT, NULL, 0},
    {"status", G_TEXT, "SELECT " STATUS_SQL("%c"), 0},
    {NULL, 0, NULL, 0},
};
static const struct grel batch_job_rels[] = {
    {"created_by_user", &ent_user, 0, "%c.id = %p.created_by", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_batch_job = {"batch_job", batch_job_cols, batch_job_rels,
                                   "%c.deleted_at IS NULL"};

#define JOB_COLS                                                                                   \
    "id, type, created_by, " STATUS_SQL("batch_job") ", coalesce(context, '{}'), result, dry_run," \
                                                     " coalesce(runner_pid, 0)"

static void read_job(struct ctx *c, struct db_stmt *st, struct batch_job *j)
{
    j->id = db_col_dup(c, st, 0);
    j->type = db_col_dup(c, st, 1);
    j->created_by = db_col_dup(c, st, 2);
    j->status = db_col_dup(c, st, 3);
    j->context = db_col_dup(c, st, 4);
    j->result = db_col_dup(c, st, 5);
    j->dry_run = db_col_int(st, 6) != 0;
    j->runner_pid = db_col_int64(st, 7);
}

const char *db_batch_job_insert(struct ctx *c, const char *type, const char *created_by,
                                const char *context, int dry_run)
{
    const char *id = db_new_id(c, "batch");
    return db_execf(c,
                    "INSERT INTO batch_job (id, type, created_by, context, dry_run, created_at,"
                    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, " DB_NOW ", " DB_NOW ")",
                    "ssssb", id, type, created_by, context, dry_run) < 0
               ? NULL
               : id;
}

int db_batch_job_load(struct ctx *c, const char *id, struct batch_job *j)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT " JOB_COLS " FROM batch_job WHERE id = ?1 AND deleted_at IS"
                " NULL",
                "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0)
        read_job(c, st, j);
    return rc;
}

int db_batch_job_stamp(struct ctx *c, const char *id, enum batch_stamp stamp)
{
    /* Constant statements, one per column (STYLE.md §6: nothing spliced). */
    static const char *const sql[] = {
        "UPDATE batch_job SET pre_processed_at = " DB_NOW ", updated_at = " DB_NOW " WHERE id = ?1",
        "UPDATE batch_job SET confirmed_at = " DB_NOW ", updated_at = " DB_NOW " WHERE id = ?1",
        "UPDATE batch_job SET processing_at = " DB_NOW ", updated_at = " DB_NOW " WHERE id = ?1",
        "UPDATE batch_job SET completed_at = " DB_NOW ", updated_at = " DB_NOW " WHERE id = ?1",
        "UPDATE batch_job SET canceled_at = " DB_NOW ", updated_at = " DB_NOW " WHERE id = ?1",
        "UPDATE batch_job SET failed_at = " DB_NOW ", updated_at = " DB_NOW " WHERE id = ?1",
    };
    return db_execf(c, sql[stamp], "s", id);
}

int db_batch_job_merge_result(struct ctx *c, const char *id, const char *patch)
{
    return db_execf(c,
                    "UPDATE batch_job SET result = json_patch(coalesce(result, '{}'), ?2),"
                    " updated_at = " DB_NOW " WHERE id = ?1",
                    "ss", id, patch);
}

int db_batch_job_merge_context(struct ctx *c, const char *id, const char *patch)
{
    return db_execf(c,
                    "UPDATE batch_job SET context = json_patch(coalesce(context, '{}'), ?2),"
                    " updated_at = " DB_NOW " WHERE id = ?1",
                    "ss", id, patch);
}

int db_batch_job_add_error(struct ctx *c, const char *id, const char *message)
{
    return db_execf(c,
                    "UPDATE batch_job SET result = json_set(coalesce(result, '{}'), '$.errors',"
                    " json_insert(coalesce(json_extract(result, '$.errors'), '[]'), '$[#]', ?2)),"
                    " updated_at = " DB_NOW " WHERE id = ?1",
                    "ss", id, message);
}

int db_batch_job_next(struct ctx *c, struct batch_job *j)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT " JOB_COLS " FROM batch_job WHERE completed_at IS NULL AND"
                                 " canceled_at IS NULL AND failed_at IS NULL AND deleted_at IS NULL"
                                 " AND processing_at IS NULL AND (pre_processed_at IS NULL OR"
                                 " confirmed_at IS NOT NULL) ORDER BY created_at, id LIMIT 1",
                                 "");
    int rc = db_one_row(c, st);
    if (rc == 0)
        read_job(c, st, j);
    return rc;
}

int db_batch_job_claim(struct ctx *c, const char *id, int64_t pid)
{
    return db_execf(c,
                    "UPDATE batch_job SET runner_pid = ?2, heartbeat_at = " DB_NOW " WHERE id = ?1",
                    "si", id, pid);
}

int db_batch_job_heartbeat(struct ctx *c, const char *id)
{
    return db_execf(c, "UPDATE batch_job SET heartbeat_at = " DB_NOW " WHERE id = ?1", "s", id);
}

int db_batch_job_orphans(struct ctx *c, const char ***ids)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id FROM batch_job WHERE processing_at IS NOT NULL AND"
                                 " completed_at IS NULL AND canceled_at IS NULL AND failed_at IS"
                                 " NULL AND deleted_at IS NULL ORDER BY created_at",
                                 "");
    const char **v = NULL;
    int n = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, n, sizeof(*v));
        v[n++] = db_col_dup(c, st, 0);
    }
    *ids = v;
    return rc < 0 ? -1 : n;
}
