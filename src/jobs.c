/* jobs.c: the batch-job runner (jobs.h). It polls the batch_job table twice a second (a read of
 * one index when idle), takes the oldest job that needs pre-processing or processing and hands
 * it to domain/batch_job.c, whose strategies work in short transactions: the shop's requests
 * keep being answered while a large import runs. On start it fails the jobs a previous runner
 * left half-done (the lock guarantees none is running). SIGTERM lets the current chunk finish. */
#include "jobs.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/ctx.h"
#include "core/json.h"
#include "core/log.h"
#include "core/timefmt.h"
#include "db/batch_job.h"
#include "db/db.h"
#include "domain/batch_job.h"

#define IDLE_US 500000

static volatile int stopping;

static void on_term(int sig)
{
    (void)sig;
    stopping = 1;
}

/* The runner lock (db_lock): 1 held, 0 another runner holds it, -1 error. */
static int lock_runner(const struct conf *cf, struct db *db, int *fd, int wait)
{
    return db_lock(db, cf->database, "jobs", wait, fd);
}

/* One job: 0 done (or nothing to do: *idle set), -1 on a database failure. */
static int work_one(struct ctx *c, int *idle)
{
    struct arena keep;
    struct batch_job job;
    struct job_run run;
    int rc;
    c->now_ms = timefmt_now_ms();
    rc = db_batch_job_next(c, &job);
    db_request_end(c->db);
    *idle = rc == 1;
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    arena_init(&keep);
    memset(&run, 0, sizeof(run));
    run.c = c;
    run.keep = &keep;
    /* The job's own strings outlive the chunks' resets of c->arena. */
    job.id = arena_strdup(&keep, job.id);
    job.type = arena_strdup(&keep, job.type);
    job.status = arena_strdup(&keep, job.status);
    job.context = arena_strdup(&keep, job.context);
    job.created_by = job.created_by ? arena_strdup(&keep, job.created_by) : NULL;
    job.result = job.result ? arena_strdup(&keep, job.result) : NULL;
    run.job = &job;
    run.stop = &stopping;
    run.context = json_own(&keep, json_tokener_parse(job.context));
    if (!run.context || !json_object_is_type(run.context, json_type_object))
        run.context = json_own(&keep, json_object_new_object());
    log_info("batch job %s (%s): %s", job.id, job.type,
             !strcmp(job.status, "created") ? "pre-processing" : "processing");
    rc = batch_job_work(&run);
    db_request_end(c->db);
    arena_release(&keep);
    arena_reset(&c->arena);
    err_clear(c);
    db_checkpoint_due(c->db);
    return rc;
}

int jobs_run(const struct conf *cf, int once)
{
    struct sigaction sa;
    sigset_t none;
    struct ctx c;
    char err[512];
    const char **orphans;
    int fd = -1, held = 0, n, rc = 0;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGPIPE, &sa, NULL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    memset(&c, 0, sizeof(c));
    arena_init(&c.arena);
    c.conf = cf;
    if (!(c.db = db_open(cf->database, cf->busy_timeout, err, sizeof(err)))) {
        log_error("%s", err);
        arena_release(&c.arena);
        return 1;
    }
    if (db_schema_version(c.db) != db_schema_latest()) {
        char shown[1024];
        log_error("database '%s' is not migrated; run 'medusa-fcgi migrate'",
                  conf_database_shown(cf->database, shown, sizeof(shown)));
        rc = 1;
        goto out;
    }
    /* Another runner (serve's, or a cron `jobs --once`) is at work: wait for it. */
    while (!stopping && (held = lock_runner(cf, c.db, &fd, 0)) == 0) {
        if (once) {
            held = lock_runner(cf, c.db, &fd, 1);
            break;
        }
        sleep(1);
    }
    if (held < 0) {
        rc = 1;
        goto out;
    }
    if (stopping)
        goto out;
    c.now_ms = timefmt_now_ms();
    if ((n = db_batch_job_orphans(&c, &orphans)) < 0) {
        rc = 1;
        goto out;
    }
    for (int i = 0; i < n; i++) {
        log_warn("batch job %s was left processing by a runner that stopped: failed", orphans[i]);
        if (batch_job_orphaned(&c, orphans[i]) < 0)
            err_clear(&c);
    }
    db_request_end(c.db);
    arena_reset(&c.arena);
    if (!once)
        log_info("job runner: working on batch jobs");
    while (!stopping) {
        int idle = 0;
        if (work_one(&c, &idle) < 0) {
            /* The database failed (locked past busy_timeout, disk full): try again later. */
            log_warn("job runner: %s; retrying", c.err.msg[0] ? c.err.msg : "database error");
            err_clear(&c);
            arena_reset(&c.arena);
            if (once) {
                rc = 1;
                break;
            }
            sleep(2);
            continue;
        }
        if (idle) {
            if (once)
                break;
            usleep(IDLE_US);
        }
    }
out:
    if (fd >= 0)
        close(fd);
    db_close(c.db);
    arena_release(&c.arena);
    return rc;
}
