/* worker.c: the request loop of a worker process. Owns the worker-lifetime state (db handle,
 * statement cache, compiled CORS lists); every request's memory goes back at req_clear(). */
#include "worker.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/conf.h"
#include "core/log.h"
#include "db/db.h"
#include "http/cache.h"
#include "http/cors.h"
#include "http/fcgi.h"
#include "http/req.h"
#include "net/https.h"
#include "request.h"

static volatile sig_atomic_t stopping, busy;
static int term_listen_fd = -1;
static struct fcgi *term_fcgi;

/* A connection waits in the listen queue (async-signal-safe). */
static int queued(int fd)
{
    struct pollfd p;
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    return fd >= 0 && poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

/* SIGTERM (and the SIGALRM it may arm): idle in accept, leave now; busy, finish the request,
 * then leave. Busy also covers a connection accepted but not yet read, and one waiting in the
 * listen queue: mod_fcgid connects to a worker, then sends SIGTERM at a graceful restart, and a
 * worker that left then would reset that request. A queued connection is taken within moments
 * on a worker's own socket; on a pool's shared one another worker may take it, so the check
 * is made again a second later. */
static void on_term(int sig)
{
    (void)sig;
    stopping = 1;
    if (busy || (term_fcgi && fcgi_connected(term_fcgi)))
        return;
    if (queued(term_listen_fd)) {
        alarm(1);
        return;
    }
    _exit(0);
}

static int setup(const struct conf *cf, struct req *r, struct db **db)
{
    char err[512];
    if (!(*db = db_open(cf->database, cf->busy_timeout, err, sizeof(err)))) {
        log_error("%s", err);
        return -1;
    }
    if (db_schema_version(*db) != db_schema_latest()) {
        char shown[1024];
        log_error("database '%s' is at schema %d, this binary needs %d: run 'medusa-fcgi migrate'",
                  conf_database_shown(cf->database, shown, sizeof(shown)), db_schema_version(*db),
                  db_schema_latest());
        db_close(*db);
        return -1;
    }
    /* The Stripe provider is installed while it is configured (Medusa registers its providers
     * at boot). */
    if (db_payment_provider_register(*db, "stripe", cf->stripe_api_key && *cf->stripe_api_key, 0,
                                     err, sizeof(err)) < 0)
        log_warn("payment provider 'stripe' not registered: %s", err);
    if (cors_init(cf, err, sizeof(err)) < 0) {
        log_error("%s", err);
        db_close(*db);
        return -1;
    }
    req_init(r);
    r->c.conf = cf;
    r->c.db = *db;
    r->body_limit = req_body_limit;
    return 0;
}

int worker_run(int listen_fd, const struct conf *cf)
{
    struct sigaction sa;
    struct req r;
    struct db *db;
    struct fcgi *f;
    sigset_t none;
    int one_more;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_term;
    /* SA_RESTART: an idle worker leaves from the handler itself; a busy one must not see its
     * reads and writes fail with EINTR (libfcgi does not retry them). */
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sa.sa_flags = 0;
    sigaction(SIGPIPE, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* Known before any SIGTERM can arrive: mod_fcgid may connect to a worker still starting and
     * stop it at once (a graceful restart); the handler must see that queued connection. */
    term_listen_fd = listen_fd;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    if (setup(cf, &r, &db) < 0)
        return 1;
    if (!(f = fcgi_new(listen_fd))) {
        log_error("cannot set up libfcgi");
        return 1;
    }
    term_fcgi = f;
    r.cache = cf->cache_ttl_ms > 0 ? cache_new(cf->cache_bytes) : NULL;
    /* A SIGTERM that came while starting up: the connection already queued is served first. */
    one_more = stopping && queued(listen_fd);
    while (!stopping || one_more) {
        one_more = 0;
        busy = 0;
        if (fcgi_accept(f, &r, &busy) < 0) {
            if (stopping)
                break;
            log_warn("accept failed; retrying");
            usleep(10000);
            continue;
        }
        req_handle(&r);
        fcgi_finish(f);
        db_checkpoint_due(r.c.db);
        req_clear(&r);
    }
    term_fcgi = NULL;
    fcgi_free(f);
    cache_free(r.cache);
    https_free(r.c.https);
    req_release(&r);
    cors_release();
    db_close(db);
    return 0;
}

int worker_cgi(const struct conf *cf)
{
    struct req r;
    struct db *db;
    if (setup(cf, &r, &db) < 0) {
        fputs(
            "Status: 500 Internal Server Error\r\nContent-Type: application/json; charset=utf-8\r\n"
            "\r\n{\"code\":\"unknown_error\",\"type\":\"unknown_error\","
            "\"message\":\"An unknown error occurred.\"}",
            stdout);
        return 1;
    }
    if (cgi_read(&r) == 0) {
        req_handle(&r);
        fflush(stdout);
        db_checkpoint_due(r.c.db);
    }
    https_free(r.c.https);
    req_release(&r);
    cors_release();
    db_close(db);
    return 0;
}
