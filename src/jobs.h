/* jobs.h: the batch-job runner (domain/batch_job.h), outside the request path: `medusa-fcgi
 * jobs` in the foreground, and the child the supervisor runs (job_runner = on). One runner works
 * at a time (a lock file beside the database), on one job at a time, oldest first. */
#ifndef JOBS_H
#define JOBS_H

struct conf;

/* Runs jobs until SIGTERM; with once, until none is left to do (for cron on CGI hosting, and
 * tests). Returns the process exit status. */
int jobs_run(const struct conf *cf, int once);

#endif
