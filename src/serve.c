/* serve.c: supervisor. Signals are taken synchronously with sigtimedwait() so there is no handler
 * state to get wrong; workers get a clean signal mask. A worker that dies is replaced; one that
 * keeps dying at start-up is replaced at most once a second. With event_hook set, one more child,
 * the event dispatcher (events.c), runs the hook for each new event of the outbox; with
 * job_runner on (the default), another, the batch-job runner (jobs.c), works the Admin API's
 * CSV imports and exports. A reload leaves the runner at its job. */
#include "serve.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/log.h"
#include "events.h"
#include "http/fcgi.h"
#include "jobs.h"
#include "worker.h"

#define STOP_TIMEOUT_S 30

struct slot {
    pid_t pid;
    int generation;
    time_t started;
};

struct pool {
    struct slot *v;
    int n, cap;
    int generation;
    int want;
    int listen_fd;
    pid_t dispatcher; /* the event dispatcher, or 0 */
    time_t dispatcher_started;
    pid_t runner; /* the batch-job runner, or 0 */
    time_t runner_started;
};

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static pid_t spawn(struct pool *p, const struct conf *cf)
{
    pid_t pid = fork();
    if (pid < 0) {
        log_error("fork failed: %s", strerror(errno));
        return -1;
    }
    if (pid == 0)
        _exit(worker_run(p->listen_fd, cf));
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 8;
        p->v = xrealloc(p->v, sizeof(*p->v) * (size_t)p->cap);
    }
    p->v[p->n].pid = pid;
    p->v[p->n].generation = p->generation;
    p->v[p->n].started = time(NULL);
    p->n++;
    return pid;
}

/* Starts the event dispatcher when a hook is configured and none runs; a dispatcher that keeps
 * dying is restarted at most every 10 s. */
static void dispatcher_ensure(struct pool *p, const struct conf *cf)
{
    pid_t pid;
    if (!cf->event_hook || p->dispatcher || time(NULL) - p->dispatcher_started < 10)
        return;
    if ((pid = fork()) < 0) {
        log_error("fork failed: %s", strerror(errno));
        return;
    }
    if (pid == 0) {
        if (p->listen_fd > 0)
            close(p->listen_fd);
        _exit(events_dispatch_run(cf));
    }
    p->dispatcher = pid;
    p->dispatcher_started = time(NULL);
}

/* Starts the batch-job runner when job_runner is on and none runs; restarted at most every
 * 10 s when it keeps dying. */
static void runner_ensure(struct pool *p, const struct conf *cf)
{
    pid_t pid;
    if (!cf->job_runner || p->runner || time(NULL) - p->runner_started < 10)
        return;
    if ((pid = fork()) < 0) {
        log_error("fork failed: %s", strerror(errno));
        return;
    }
    if (pid == 0) {
        if (p->listen_fd > 0)
            close(p->listen_fd);
#ifdef __linux__
        /* Named apart from the workers (ps, pgrep -x medusa-fcgi counts workers only). */
        prctl(PR_SET_NAME, "medusa-jobs", 0, 0, 0);
#endif
        _exit(jobs_run(cf, 0));
    }
    p->runner = pid;
    p->runner_started = time(NULL);
}

static int live_current(const struct pool *p)
{
    int k = 0;
    for (int i = 0; i < p->n; i++)
        k += p->v[i].generation == p->generation;
    return k;
}

/* Reaps exited workers; returns how many of the current generation died young (< 1 s). */
static int reap(struct pool *p)
{
    int status, young = 0;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (pid == p->dispatcher) {
            if (WIFSIGNALED(status) || WEXITSTATUS(status))
                log_warn("event dispatcher %d ended (status %d)", (int)pid, status);
            p->dispatcher = 0;
            continue;
        }
        if (pid == p->runner) {
            if (WIFSIGNALED(status) || WEXITSTATUS(status))
                log_warn("job runner %d ended (status %d)", (int)pid, status);
            p->runner = 0;
            continue;
        }
        for (int i = 0; i < p->n; i++) {
            if (p->v[i].pid != pid)
                continue;
            if (p->v[i].generation == p->generation) {
                if (WIFSIGNALED(status))
                    log_warn("worker %d killed by signal %d; respawning", (int)pid,
                             WTERMSIG(status));
                else if (WEXITSTATUS(status))
                    log_warn("worker %d exited with %d; respawning", (int)pid, WEXITSTATUS(status));
                young += time(NULL) - p->v[i].started < 1;
            }
            p->v[i] = p->v[--p->n];
            break;
        }
    }
    return young;
}

static void signal_all(struct pool *p, int sig, int only_old)
{
    for (int i = 0; i < p->n; i++)
        if (!only_old || p->v[i].generation != p->generation)
            kill(p->v[i].pid, sig);
}

static void stop_all(struct pool *p)
{
    struct timespec ts = {1, 0};
    sigset_t set;
    time_t deadline = time(NULL) + STOP_TIMEOUT_S;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    signal_all(p, SIGTERM, 0);
    if (p->dispatcher)
        kill(p->dispatcher, SIGTERM);
    if (p->runner)
        kill(p->runner, SIGTERM);
    while ((p->n > 0 || p->dispatcher || p->runner) && time(NULL) < deadline) {
        reap(p);
        if (p->n || p->dispatcher || p->runner)
            sigtimedwait(&set, NULL, &ts);
    }
    if (p->dispatcher)
        kill(p->dispatcher, SIGKILL);
    if (p->runner)
        kill(p->runner, SIGKILL);
    if (p->n) {
        log_warn("%d workers still busy after %d s; killing them", p->n, STOP_TIMEOUT_S);
        signal_all(p, SIGKILL, 0);
        while (waitpid(-1, NULL, 0) > 0)
            ;
    }
}

int serve_run(struct conf *cf, const char *conf_path)
{
    struct pool p;
    sigset_t set;
    char err[512];
    int inherited = fcgi_fd0_is_socket();
    struct timespec tick = {1, 0};

    memset(&p, 0, sizeof(p));
    if (inherited) {
        p.listen_fd = 0;
        log_info("serving the inherited socket on fd 0");
    } else if ((p.listen_fd = fcgi_listen(cf->listen, cf->socket_mode, 1024, err, sizeof(err))) <
               0) {
        log_error("%s", err);
        return 1;
    }
    p.want = cf->workers > 0 ? cf->workers : cores();

    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    for (int i = 0; i < p.want; i++)
        spawn(&p, cf);
    p.dispatcher_started = 0;
    dispatcher_ensure(&p, cf);
    runner_ensure(&p, cf);
    log_info("serving %s with %d workers", inherited ? "fd 0" : cf->listen, p.want);

    for (;;) {
        int sig = sigtimedwait(&set, NULL, &tick);
        if (sig == SIGTERM || sig == SIGINT) {
            log_info("stopping: letting %d workers finish their requests", p.n);
            stop_all(&p);
            break;
        }
        if (sig == SIGHUP) {
            struct conf fresh;
            conf_init(&fresh);
            if (conf_load(&fresh, conf_path, 0, err, sizeof(err)) < 0 ||
                conf_check_secrets(&fresh, err, sizeof(err)) < 0) {
                log_error("reload refused, keeping the running config: %s", err);
                conf_release(&fresh);
            } else {
                /* The listen address is kept: a new socket would strand nginx's upstream. */
                free(fresh.listen);
                fresh.listen = xstrdup(cf->listen);
                conf_release(cf);
                *cf = fresh;
                p.generation++;
                p.want = cf->workers > 0 ? cf->workers : cores();
                for (int i = 0; i < p.want; i++)
                    spawn(&p, cf);
                signal_all(&p, SIGTERM, 1);
                /* The dispatcher restarts with the new hook (or stops without one). */
                if (p.dispatcher)
                    kill(p.dispatcher, SIGTERM);
                p.dispatcher_started = 0;
                log_info("reloaded: %d new workers, old ones finish their requests", p.want);
            }
        }
        if (reap(&p) > 0)
            sleep(1); /* crash loop: do not spin */
        while (live_current(&p) < p.want)
            if (spawn(&p, cf) < 0) {
                sleep(1);
                break;
            }
        dispatcher_ensure(&p, cf);
        runner_ensure(&p, cf);
    }
    if (!inherited && !strncmp(cf->listen, "unix:", 5))
        unlink(cf->listen + 5);
    free(p.v);
    log_info("stopped");
    return 0;
}
