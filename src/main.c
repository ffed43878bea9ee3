/* main.c: the command line. Verbs only; each one is a few lines over the modules below
 * (STYLE.md §1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "config.h"
#include "core/conf.h"
#include "core/log.h"
#include "core/sbuf.h"
#include "db/db.h"
#include "events.h"
#include "jobs.h"
#include "http/fcgi.h"
#include "http/router.h"
#include "serve.h"
#include "stripe_check.h"
#include "worker.h"

static const char usage[] =
    "usage: medusa-fcgi [-c FILE] VERB [options]\n"
    "\n"
    "A Medusa v1-compatible Store API (and the Admin API a shop needs behind it) served "
    "as\nFastCGI (or CGI) on SQLite or PostgreSQL.\n"
    "\n"
    "Verbs:\n"
    "  serve [--listen ADDR] [--workers N] [--db PATH]\n"
    "                     run the prefork worker pool in the foreground. ADDR is unix:/path.sock\n"
    "                     or host:port. SIGTERM stops gracefully (requests in flight finish),\n"
    "                     SIGHUP re-reads the config and replaces the workers. With a listening\n"
    "                     socket on fd 0 (spawn-fcgi, mod_fcgid) it serves that socket.\n"
    "  cgi                answer one CGI request from the environment and stdin\n"
    "  migrate [--db PATH]\n"
    "                     apply the built-in sql/ migrations (idempotent)\n"
    "  seed FILE [--db PATH]\n"
    "                     load a Medusa v1 seed file (all or nothing; see README)\n"
    "  backup FILE [--db PATH]\n"
    "                     write a consistent copy of the database to FILE while the shop serves\n"
    "                     (SQLite's online backup API; one self-contained file, mode 0600).\n"
    "                     On PostgreSQL use pg_dump\n"
    "  check [--db PATH]  integrity check, foreign keys and schema version against this binary\n"
    "                     (PostgreSQL: constraints never validated, invalid indexes, schema\n"
    "                     version); exit 0 when all is well, 1 when not\n"
    "  sql [STATEMENT...] [--db PATH]\n"
    "                     run SQL (the arguments, else standard input) in SQLite's dialect on\n"
    "                     either database; rows printed as sqlite3 prints them (a|b, NULL empty)\n"
    "  transfer --to URI [--db PATH]\n"
    "                     copy every row of the SQLite database into the PostgreSQL database at\n"
    "                     URI (postgres://...), in one transaction: all or nothing. The target\n"
    "                     is migrated first when empty; refused when its schema version differs\n"
    "                     or it holds rows beyond the migrations' own. Stop writes first; then\n"
    "                     point the database setting at URI. One line per table, then a total\n"
    "  events [list] [--all] [--after ID] [--limit N] [--db PATH]\n"
    "                     print the outbox's pending events (all with --all), oldest first, one\n"
    "                     JSON object a line: id, name, data, created_at, consumed_at\n"
    "  events consume [--limit N] [--db PATH]\n"
    "                     deliver pending events, oldest first, then mark them consumed: run the\n"
    "                     event_hook for each (no shell: its words, then the event name and the\n"
    "                     JSON payload as arguments; MEDUSA_EVENT_ID and MEDUSA_EVENT_NAME set),\n"
    "                     stopping at the first failure (exit 1); without a hook, print each.\n"
    "                     serve runs the hook itself for new events when event_hook is set\n"
    "  jobs [--once] [--db PATH]\n"
    "                     run the batch jobs (the Admin API's CSV imports and exports) in the\n"
    "                     foreground until SIGTERM; with --once until none is left. serve runs\n"
    "                     this runner itself unless job_runner = off\n"
    "  stripe-check [--round-trip] [--calls N]\n"
    "                     check the Stripe settings: the key (GET /v1/balance) and the webhook\n"
    "                     secret; --round-trip (test-mode keys only) also runs every call the\n"
    "                     provider makes (customer, intent, update, cancel, a pm_card_visa intent\n"
    "                     captured and refunded); --calls N times N calls (mean, p50, p99)\n"
    "  routes             print the routing table\n"
    "  config             print the effective configuration (secrets masked)\n"
    "  version            print the version\n"
    "\n"
    "Without a verb: a CGI request when GATEWAY_INTERFACE is set, one FastCGI worker when fd 0\n"
    "is a listening socket (spawn-fcgi, mod_fcgid), this help otherwise.\n"
    "\n"
    "Options:\n"
    "  -c, --config FILE  config file (default $MEDUSA_CONFIG, else medusa-fcgi.conf in the\n"
    "                     binary's directory if there is one, else " CONF_DEFAULT_PATH ")\n"
    "  --db PATH          the database instead of the config's: a SQLite file, or a PostgreSQL\n"
    "                     postgres:// URI (or pg: and a libpq connection string)\n"
    "  -h, --help         this help\n"
    "\n"
    "Environment (overrides the file): MEDUSA_DATABASE, MEDUSA_LISTEN, MEDUSA_WORKERS, "
    "JWT_SECRET,\n"
    "COOKIE_SECRET, STORE_CORS, ADMIN_CORS, MEDUSA_ENV (or NODE_ENV), MEDUSA_LOG_LEVEL,\n"
    "MEDUSA_EVENT_HOOK, MEDUSA_UPLOAD_DIR, MEDUSA_UPLOAD_URL, MEDUSA_JOB_RUNNER, STRIPE_API_KEY,\n"
    "STRIPE_WEBHOOK_SECRET, STRIPE_CAPTURE, STRIPE_AUTOMATIC_PAYMENT_METHODS,\n"
    "STRIPE_PAYMENT_DESCRIPTION, STRIPE_API_BASE, STRIPE_TIMEOUT_MS, STRIPE_MAX_RETRIES.\n";

static int open_db(const struct conf *cf, struct db **db)
{
    char err[512];
    if (!(*db = db_open(cf->database, cf->busy_timeout, err, sizeof(err)))) {
        fprintf(stderr, "medusa-fcgi: %s\n", err);
        return -1;
    }
    return 0;
}

static int cmd_migrate(const struct conf *cf)
{
    char err[1024];
    struct db *db;
    if (open_db(cf, &db) < 0)
        return 1;
    if (db_migrate(db, stderr, err, sizeof(err)) < 0) {
        fprintf(stderr, "medusa-fcgi: %s\n", err);
        db_close(db);
        return 1;
    }
    db_close(db);
    return 0;
}

/* The statements of the arguments, or of standard input without any. */
static int cmd_sql(const struct conf *cf, int argc, char **argv)
{
    char err[1024];
    struct db *db;
    struct sbuf sql = SBUF_INIT;
    int rc = 0;
    if (argc > 0) {
        for (int i = 0; i < argc; i++) {
            sbuf_adds(&sql, argv[i]);
            sbuf_adds(&sql, ";\n");
        }
    } else {
        char buf[8192];
        size_t n;
        while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
            sbuf_add(&sql, buf, n);
        sbuf_adds(&sql, "");
    }
    if (open_db(cf, &db) < 0) {
        sbuf_release(&sql);
        return 1;
    }
    if (db_sql_print(db, sql.buf, stdout, err, sizeof(err)) < 0) {
        fprintf(stderr, "medusa-fcgi: sql: %s\n", err);
        rc = 1;
    }
    db_close(db);
    sbuf_release(&sql);
    return rc;
}

static int cmd_seed(const struct conf *cf, const char *file)
{
    char err[1024];
    struct db *db;
    if (open_db(cf, &db) < 0)
        return 1;
    if (db_schema_version(db) != db_schema_latest()) {
        fprintf(stderr, "medusa-fcgi: the database is not migrated; run 'medusa-fcgi migrate'\n");
        db_close(db);
        return 1;
    }
    if (db_seed_file(db, file, stderr, err, sizeof(err)) < 0) {
        fprintf(stderr, "medusa-fcgi: seed: %s\n", err);
        db_close(db);
        return 1;
    }
    /* With Stripe configured the seeded regions take cards too (issue 16). */
    if (cf->stripe_api_key && *cf->stripe_api_key &&
        db_payment_provider_register(db, "stripe", 1, 1, err, sizeof(err)) < 0) {
        fprintf(stderr, "medusa-fcgi: seed: %s\n", err);
        db_close(db);
        return 1;
    }
    db_close(db);
    return 0;
}

static int cmd_backup(const struct conf *cf, const char *file)
{
    char err[1024];
    struct db *db;
    /* db_open would create a missing database: a backup of nothing is an error. */
    if (!db_target_is_pg(cf->database) && access(cf->database, F_OK) < 0) {
        fprintf(stderr, "medusa-fcgi: no database at '%s'\n", cf->database);
        return 1;
    }
    if (open_db(cf, &db) < 0)
        return 1;
    if (db_backup(db, file, stderr, err, sizeof(err)) < 0) {
        fprintf(stderr, "medusa-fcgi: %s\n", err);
        db_close(db);
        return 1;
    }
    db_close(db);
    return 0;
}

static int cmd_check(const struct conf *cf)
{
    char err[1024];
    int rc = db_check(cf->database, stdout, err, sizeof(err));
    if (rc < 0)
        fprintf(stderr, "medusa-fcgi: %s\n", err);
    return rc ? 1 : 0;
}

static int cmd_transfer(const struct conf *cf, const char *to)
{
    char err[1024];
    if (!to) {
        fputs("medusa-fcgi: transfer needs --to URI\n", stderr);
        return 2;
    }
    if (db_transfer(cf->database, to, stdout, stderr, err, sizeof(err)) < 0) {
        fprintf(stderr, "medusa-fcgi: transfer: %s\n", err);
        return 1;
    }
    return 0;
}

static int cmd_routes(void)
{
    static const char *const flag_names[] = {"body", "write", "customer", "admin"};
    for (int i = 0; i < routes_count; i++) {
        printf("%-7s %-58s %s", routes[i].method, routes[i].pattern, routes[i].name);
        for (int b = 0; b < 4; b++)
            if (routes[i].flags & (1u << b))
                printf(" %s", flag_names[b]);
        putchar('\n');
    }
    return 0;
}

static int need_secrets(const struct conf *cf)
{
    char err[512];
    if (conf_check_secrets(cf, err, sizeof(err)) < 0) {
        fprintf(stderr, "medusa-fcgi: %s\n", err);
        return -1;
    }
    return 0;
}

/* A worker a spawner started (mod_fcgid, spawn-fcgi) keeps only its socket and stdio: mod_fcgid
 * leaves its process manager's pipes open in the programs it starts, and a worker holding their
 * ends kept Apache's requests waiting for an answer from a process manager that a graceful
 * restart had ended (their reads never saw the end of the pipe). */
static void close_inherited(void)
{
    long max = sysconf(_SC_OPEN_MAX);
    int fd;
    if (max < 0 || max > 65536)
        max = 65536;
    for (fd = 3; fd < max; fd++)
        close(fd);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, NULL, 'c'},
        {"listen", required_argument, NULL, 'l'},
        {"workers", required_argument, NULL, 'w'},
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {"all", no_argument, NULL, 'a'},
        {"after", required_argument, NULL, 'A'},
        {"limit", required_argument, NULL, 'n'},
        {"round-trip", no_argument, NULL, 'R'},
        {"calls", required_argument, NULL, 'N'},
        {"once", no_argument, NULL, 'o'},
        {"to", required_argument, NULL, 'T'},
        {NULL, 0, NULL, 0},
    };
    const char *conf_path = getenv("MEDUSA_CONFIG");
    const char *listen = NULL, *workers = NULL, *dbpath = NULL, *verb = NULL;
    const char *after = NULL, *limit = NULL, *calls = NULL, *to = NULL;
    int explicit_conf = conf_path != NULL, opt, rc, all = 0, round_trip = 0, once = 0;
    char err[512], default_conf[4096];
    struct conf cf;

    /* Options may stand before or after the verb: "-c FILE serve --workers 4". */
    for (int pass = 0; pass < 2; pass++) {
        while ((opt = getopt_long(argc, argv, pass ? "c:h" : "+c:h", opts, NULL)) != -1) {
            switch (opt) {
            case 'c':
                conf_path = optarg;
                explicit_conf = 1;
                break;
            case 'l':
                listen = optarg;
                break;
            case 'w':
                workers = optarg;
                break;
            case 'd':
                dbpath = optarg;
                break;
            case 'a':
                all = 1;
                break;
            case 'A':
                after = optarg;
                break;
            case 'n':
                limit = optarg;
                break;
            case 'o':
                once = 1;
                break;
            case 'R':
                round_trip = 1;
                break;
            case 'N':
                calls = optarg;
                break;
            case 'T':
                to = optarg;
                break;
            case 'h':
                fputs(usage, stdout);
                return 0;
            default:
                fputs(usage, stderr);
                return 2;
            }
        }
        if (pass == 0) {
            /* The verb becomes argv[0] of the second pass. */
            verb = optind < argc ? argv[optind] : NULL;
            if (!verb)
                break;
            argc -= optind;
            argv += optind;
            optind = 0; /* glibc: 0 re-initialises the scan, permutation included */
        } else {
            argc -= optind;
            argv += optind;
        }
    }

    if (!verb && getenv("GATEWAY_INTERFACE"))
        verb = "cgi";
    if (!verb && fcgi_fd0_is_socket()) {
        verb = "worker";
        close_inherited();
    }
    if (sodium_init() < 0) {
        fputs("medusa-fcgi: libsodium failed to initialise\n", stderr);
        return 1;
    }
    if (!verb) {
        fputs(usage, stderr);
        return 2;
    }
    if (!strcmp(verb, "version")) {
        printf("medusa-fcgi %s\n", PACKAGE_VERSION);
        return 0;
    }
    if (!strcmp(verb, "routes"))
        return cmd_routes();

    conf_init(&cf);
    if (!conf_path)
        conf_path = conf_default_path(default_conf, sizeof(default_conf));
    if (conf_load(&cf, conf_path, explicit_conf, err, sizeof(err)) < 0 ||
        (listen && conf_set(&cf, "listen", listen, err, sizeof(err)) < 0) ||
        (workers && conf_set(&cf, "workers", workers, err, sizeof(err)) < 0) ||
        (dbpath && conf_set(&cf, "database", dbpath, err, sizeof(err)) < 0)) {
        fprintf(stderr, "medusa-fcgi: %s\n", err);
        conf_release(&cf);
        return 1;
    }

    if (!strcmp(verb, "serve")) {
        /* SIGHUP re-reads the file and the environment: the command line's choices must
         * survive it, or a reload would change the pool size or open another database. */
        if (workers)
            setenv("MEDUSA_WORKERS", workers, 1);
        if (dbpath)
            setenv("MEDUSA_DATABASE", dbpath, 1);
        rc = need_secrets(&cf) < 0 ? 1 : serve_run(&cf, conf_path);
    } else if (!strcmp(verb, "worker")) {
        rc = need_secrets(&cf) < 0 ? 1 : worker_run(0, &cf);
    } else if (!strcmp(verb, "cgi")) {
        rc = need_secrets(&cf) < 0 ? 1 : worker_cgi(&cf);
    } else if (!strcmp(verb, "migrate")) {
        rc = cmd_migrate(&cf);
    } else if (!strcmp(verb, "seed")) {
        if (argc < 1) {
            fputs("medusa-fcgi: seed needs a FILE\n", stderr);
            rc = 2;
        } else {
            rc = cmd_seed(&cf, argv[0]);
        }
    } else if (!strcmp(verb, "backup")) {
        if (argc < 1) {
            fputs("medusa-fcgi: backup needs a FILE\n", stderr);
            rc = 2;
        } else {
            rc = cmd_backup(&cf, argv[0]);
        }
    } else if (!strcmp(verb, "check")) {
        rc = cmd_check(&cf);
    } else if (!strcmp(verb, "sql")) {
        rc = cmd_sql(&cf, argc, argv);
    } else if (!strcmp(verb, "transfer")) {
        rc = cmd_transfer(&cf, to);
    } else if (!strcmp(verb, "events")) {
        rc = events_cmd(&cf, argc > 0 ? argv[0] : NULL, all, after, limit);
    } else if (!strcmp(verb, "jobs")) {
        rc = jobs_run(&cf, once);
    } else if (!strcmp(verb, "stripe-check")) {
        rc = stripe_check_cmd(&cf, round_trip, calls);
    } else if (!strcmp(verb, "config")) {
        conf_print(&cf, stdout);
        rc = 0;
    } else {
        fprintf(stderr, "medusa-fcgi: unknown verb '%s'\n\n%s", verb, usage);
        rc = 2;
    }
    conf_release(&cf);
    return rc;
}
