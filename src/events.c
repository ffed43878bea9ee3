/* events.c: the outbox's consumers (events.h). An event is consumed only after it was delivered
 * (printed, or the hook exited 0), so delivery is at least once; a lock file next to the database
 * keeps two consumers from delivering the same event at the same time. The hook is run without a
 * shell: event_hook split on blanks, then the event name and its JSON payload as two more
 * arguments; MEDUSA_EVENT_ID and MEDUSA_EVENT_NAME are set, stdin is /dev/null. */
#include "events.h"

#include <errno.h>
#include <json-c/json.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/ctx.h"
#include "core/log.h"
#include "core/sbuf.h"
#include "core/json.h"
#include "core/timefmt.h"
#include "db/db.h"
#include "db/event.h"
#include "db/timeline.h"
#include "domain/timeline.h"

#define HOOK_TIMEOUT_S 30
#define MAX_HOOK_ARGS  32
#define HOOK_OUT_MAX   65536 /* what the hook prints on stdout that is kept */

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
    (void)sig;
    stopping = 1;
}

struct consumer {
    struct ctx c;
    int lock_fd;
};

static int open_consumer(const struct conf *cf, struct consumer *k)
{
    char err[512];
    memset(k, 0, sizeof(*k));
    k->lock_fd = -1;
    arena_init(&k->c.arena);
    k->c.conf = cf;
    if (!(k->c.db = db_open(cf->database, cf->busy_timeout, err, sizeof(err)))) {
        log_error("%s", err);
        return -1;
    }
    if (db_schema_version(k->c.db) != db_schema_latest()) {
        char shown[1024];
        log_error("database '%s' is not migrated; run 'medusa-fcgi migrate'",
                  conf_database_shown(cf->database, shown, sizeof(shown)));
        return -1;
    }
    return 0;
}

static void close_consumer(struct consumer *k)
{
    if (k->lock_fd >= 0)
        close(k->lock_fd);
    db_close(k->c.db);
    arena_release(&k->c.arena);
}

/* The consumer lock (db_lock): blocking for the command, a try for the dispatcher. 1 held, 0
 * busy. */
static int lock(const struct conf *cf, struct consumer *k, int wait)
{
    return db_lock(k->c.db, cf->database, "events", wait, &k->lock_fd);
}

static void unlock(struct consumer *k)
{
    db_unlock(k->c.db, "events", k->lock_fd);
}

/* The event as one JSON line. */
static void event_line(struct sbuf *sb, const struct event_row *e)
{
    sbuf_reset(sb);
    sbuf_addf(sb, "{\"id\":%lld,\"name\":", (long long)e->id);
    sbuf_add_json_str(sb, e->name);
    sbuf_adds(sb, ",\"data\":");
    sbuf_adds(sb, e->data);
    sbuf_adds(sb, ",\"created_at\":");
    sbuf_add_json_str(sb, e->created_at);
    sbuf_adds(sb, ",\"consumed_at\":");
    if (e->consumed_at)
        sbuf_add_json_str(sb, e->consumed_at);
    else
        sbuf_adds(sb, "null");
    sbuf_adds(sb, "}\n");
}

static int print_one(void *ud, const struct event_row *e)
{
    struct sbuf *sb = ud;
    event_line(sb, e);
    return fwrite(sb->buf, 1, sb->len, stdout) == sb->len ? 0 : 1;
}

/* The pending event being delivered, copied out of the statement. */
struct delivery {
    const char *hook; /* NULL: print */
    struct sbuf line;
    int64_t id;
    char *name, *data;
    int have;
    struct sbuf out;       /* what the hook printed on stdout (its notification, if any) */
    const char *resend;    /* MEDUSA_RESEND_OF for a notification resent, or NULL */
    const char *resend_to; /* MEDUSA_NOTIFICATION_TO */
};

/* Runs the hook for d's event; 0 when it exited 0. What it prints on stdout is kept in d->out
 * (a notification provider's answer: {"to": ..., "data": {...}}). */
static int run_hook(struct delivery *d)
{
    char *words = xstrdup(d->hook), *argv[MAX_HOOK_ARGS + 3], *save = NULL, idbuf[32];
    int argc = 0, status, fds[2];
    pid_t pid;
    time_t deadline = time(NULL) + HOOK_TIMEOUT_S;
    for (char *w = strtok_r(words, " \t", &save); w && argc < MAX_HOOK_ARGS;
         w = strtok_r(NULL, " \t", &save))
        argv[argc++] = w;
    argv[argc++] = d->name;
    argv[argc++] = d->data;
    argv[argc] = NULL;
    snprintf(idbuf, sizeof(idbuf), "%lld", (long long)d->id);
    sbuf_reset(&d->out);
    fflush(stdout);
    if (pipe(fds) < 0 || fcntl(fds[0], F_SETFD, FD_CLOEXEC) < 0 ||
        fcntl(fds[1], F_SETFD, FD_CLOEXEC) < 0) {
        log_error("event hook: pipe failed: %s", strerror(errno));
        free(words);
        return -1;
    }
    if ((pid = fork()) < 0) {
        log_error("event hook: fork failed: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        free(words);
        return -1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (null >= 0)
            dup2(null, 0);
        dup2(fds[1], 1);
        setenv("MEDUSA_EVENT_ID", idbuf, 1);
        setenv("MEDUSA_EVENT_NAME", d->name, 1);
        if (d->resend) {
            setenv("MEDUSA_RESEND_OF", d->resend, 1);
            setenv("MEDUSA_NOTIFICATION_TO", d->resend_to ? d->resend_to : "", 1);
        }
        execvp(argv[0], argv);
        log_error("event hook: cannot run '%s': %s", argv[0], strerror(errno));
        _exit(127);
    }
    free(words);
    close(fds[1]);
    for (int open_ = 1;;) {
        pid_t w;
        if (open_) {
            struct pollfd p = {fds[0], POLLIN, 0};
            if (poll(&p, 1, 10) > 0) {
                char buf[4096];
                ssize_t n = read(fds[0], buf, sizeof(buf));
                if (n > 0 && d->out.len + (size_t)n <= HOOK_OUT_MAX)
                    sbuf_add(&d->out, buf, (size_t)n);
                else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
                    open_ = 0;
            }
        } else {
            usleep(10000);
        }
        w = waitpid(pid, &status, WNOHANG);
        if (w == pid && !open_)
            break;
        if (w == pid) {
            /* Exited: what is left in the pipe is read without waiting. */
            char buf[4096];
            ssize_t n;
            fcntl(fds[0], F_SETFL, O_NONBLOCK);
            while ((n = read(fds[0], buf, sizeof(buf))) > 0)
                if (d->out.len + (size_t)n <= HOOK_OUT_MAX)
                    sbuf_add(&d->out, buf, (size_t)n);
            break;
        }
        if (w < 0 && errno != EINTR) {
            close(fds[0]);
            return -1;
        }
        if (time(NULL) >= deadline) {
            log_warn("event hook: event %lld ('%s') still running after %d s; killed",
                     (long long)d->id, d->name, HOOK_TIMEOUT_S);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            close(fds[0]);
            return -1;
        }
    }
    close(fds[0]);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    log_warn("event hook: event %lld ('%s') failed (%s %d); it stays pending", (long long)d->id,
             d->name, WIFEXITED(status) ? "exit" : "signal",
             WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    return -1;
}

static void delivery_clear(struct delivery *d)
{
    free(d->name);
    free(d->data);
    d->name = d->data = NULL;
    d->have = 0;
}

static int take_one(void *ud, const struct event_row *e)
{
    struct delivery *d = ud;
    delivery_clear(d);
    d->id = e->id;
    d->name = xstrdup(e->name);
    d->data = xstrdup(e->data);
    d->have = 1;
    event_line(&d->line, e);
    return 0;
}

/* A resend (outbox event notification.resend {id: the resend's notification}) runs the hook for
 * the original event again, with that notification's data, MEDUSA_RESEND_OF (the notification
 * resent) and MEDUSA_NOTIFICATION_TO (where to). 0 to run the hook, 1 when there is nothing to
 * resend (the event is consumed), -1 on error. */
static int resend_setup(struct consumer *k, struct delivery *d)
{
    struct notification_row n;
    struct json_object *payload;
    const char *id;
    int rc;
    d->resend = d->resend_to = NULL;
    if (strcmp(d->name, "notification.resend"))
        return 0;
    payload = json_own(&k->c.arena, json_tokener_parse(d->data));
    if (!(id = json_get_str_opt(payload, "id")))
        return 1;
    if ((rc = db_notification_get(&k->c, id, &n)) != 0)
        return rc;
    db_request_end(k->c.db);
    free(d->name);
    free(d->data);
    d->name = xstrdup(n.event_name ? n.event_name : "notification.resend");
    d->data = xstrdup(n.data ? n.data : "{}");
    d->resend = n.parent_id;
    d->resend_to = n.to;
    return 0;
}

/* After a delivery, in one transaction: the notification the hook answered (none for a resend:
 * its row exists), and the event consumed. */
struct settle {
    struct consumer *k;
    struct delivery *d;
    int64_t id;
};

static int settle_tx(void *arg)
{
    struct settle *st = arg;
    struct delivery *d = st->d;
    if (d->hook && !d->resend && d->out.len &&
        notification_record(&st->k->c, d->name, d->data, d->out.buf) < 0)
        return -1;
    return db_event_consume(&st->k->c, st->id);
}

/* Delivers pending events, oldest first, at most limit (< 0: all). The number delivered, or -1
 * when a delivery failed (that event and the later ones stay pending). */
static int consume(struct consumer *k, struct delivery *d, int64_t limit)
{
    int64_t after = 0;
    int n = 0, rc = 0;
    while (!stopping && (limit < 0 || n < limit)) {
        d->have = 0;
        rc = db_events_each(&k->c, 0, after, 1, take_one, d);
        db_request_end(k->c.db);
        if (rc < 0 || !d->have)
            break;
        after = d->id;
        if (d->hook) {
            if ((rc = resend_setup(k, d)) < 0 || (rc == 0 && run_hook(d) < 0)) {
                rc = -1;
                break;
            }
        } else if (fwrite(d->line.buf, 1, d->line.len, stdout) != d->line.len ||
                   fflush(stdout) != 0) {
            rc = -1;
            break;
        }
        struct settle st = {k, d, after};
        rc = db_tx(&k->c, settle_tx, &st);
        db_request_end(k->c.db);
        db_checkpoint_due(k->c.db);
        arena_reset(&k->c.arena);
        if (rc < 0)
            break;
        n += rc;
    }
    delivery_clear(d);
    return rc < 0 ? -1 : n;
}

static int number(const char *s, int64_t *out)
{
    char *end;
    errno = 0;
    *out = strtoll(s, &end, 10);
    if (errno || !*s || *end || *out < 0) {
        fprintf(stderr, "medusa-fcgi: events: bad number '%s'\n", s);
        return -1;
    }
    return 0;
}

int events_cmd(const struct conf *cf, const char *action, int all, const char *after,
               const char *limit)
{
    int64_t after_id = 0, max = -1;
    struct consumer k;
    int rc;
    if (!action)
        action = "list";
    if (strcmp(action, "list") && strcmp(action, "consume")) {
        fprintf(stderr, "medusa-fcgi: events: unknown action '%s' (list or consume)\n", action);
        return 2;
    }
    if ((after && number(after, &after_id) < 0) || (limit && number(limit, &max) < 0))
        return 2;
    if (open_consumer(cf, &k) < 0) {
        close_consumer(&k);
        return 1;
    }
    if (!strcmp(action, "list")) {
        struct sbuf sb = SBUF_INIT;
        rc = db_events_each(&k.c, all, after_id, max, print_one, &sb) != 0;
        sbuf_release(&sb);
    } else {
        struct delivery d = {cf->event_hook, SBUF_INIT, 0, NULL, NULL, 0, SBUF_INIT, NULL, NULL};
        rc = lock(cf, &k, 1) < 0 || consume(&k, &d, max) < 0;
        sbuf_release(&d.line);
        sbuf_release(&d.out);
    }
    close_consumer(&k);
    return rc;
}

int events_dispatch_run(const struct conf *cf)
{
    struct consumer k;
    struct sigaction sa;
    sigset_t none;
    struct delivery d = {cf->event_hook, SBUF_INIT, 0, NULL, NULL, 0, SBUF_INIT, NULL, NULL};
    int failures = 0;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGPIPE, &sa, NULL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (!cf->event_hook || open_consumer(cf, &k) < 0)
        return 1;
    log_info("event dispatcher: running '%s' for each event", cf->event_hook);
    while (!stopping) {
        int rc = lock(cf, &k, 0);
        if (rc > 0) {
            rc = consume(&k, &d, -1);
            unlock(&k);
        }
        /* A failing hook is retried with a growing pause (at most a minute). */
        failures = rc < 0 ? failures + 1 : 0;
        for (int s = 0; s < (failures ? (failures < 6 ? 1 << failures : 60) : 1) && !stopping; s++)
            sleep(1);
    }
    sbuf_release(&d.line);
    sbuf_release(&d.out);
    close_consumer(&k);
    return 0;
}
