/* conf.c: config file and environment (issue #2 §3). Secrets are never printed. */
#include "core/conf.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/log.h"

const char *conf_default_path(char *buf, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    char *slash;
    if (n > 0) {
        exe[n] = '\0';
        if ((slash = strrchr(exe, '/')) &&
            (size_t)snprintf(buf, len, "%.*s/medusa-fcgi.conf", (int)(slash - exe), exe) < len &&
            access(buf, F_OK) == 0)
            return buf;
    }
    snprintf(buf, len, "%s", CONF_DEFAULT_PATH);
    return buf;
}

static void set_str(char **slot, const char *v)
{
    free(*slot);
    *slot = v ? xstrdup(v) : NULL;
}

void conf_init(struct conf *cf)
{
    memset(cf, 0, sizeof(*cf));
    set_str(&cf->database, LOCALSTATEDIR "/lib/medusa-fcgi/medusa.db");
    set_str(&cf->listen, "unix:/run/medusa-fcgi/medusa-fcgi.sock");
    set_str(&cf->jwt_secret, CONF_DEFAULT_SECRET);
    set_str(&cf->cookie_secret, CONF_DEFAULT_SECRET);
    set_str(&cf->store_cors, "");
    set_str(&cf->admin_cors, "");
    cf->socket_mode = 0660;
    cf->log_level = LOG_INFO;
    cf->max_body = 102400;
    cf->busy_timeout = 5000;
    cf->cache_ttl_ms = 5000;
    cf->cache_bytes = 16 * 1024 * 1024;
    set_str(&cf->upload_dir, LOCALSTATEDIR "/lib/medusa-fcgi/uploads");
    set_str(&cf->upload_url, "/uploads");
    cf->max_upload = 10 * 1024 * 1024;
    cf->job_runner = 1;
    set_str(&cf->stripe_api_base, CONF_STRIPE_API_BASE);
    cf->stripe_timeout_ms = 15000;
    cf->stripe_max_retries = 2;
}

void conf_release(struct conf *cf)
{
    free(cf->path);
    free(cf->database);
    free(cf->listen);
    free(cf->jwt_secret);
    free(cf->cookie_secret);
    free(cf->store_cors);
    free(cf->admin_cors);
    free(cf->event_hook);
    free(cf->upload_dir);
    free(cf->upload_url);
    free(cf->stripe_api_key);
    free(cf->stripe_webhook_secret);
    free(cf->stripe_payment_description);
    free(cf->stripe_api_base);
    memset(cf, 0, sizeof(*cf));
}

static int parse_long(const char *v, long min, long max, int base, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, base);
    if (errno || end == v || *end || n < min || n > max)
        return -1;
    *out = n;
    return 0;
}

static int parse_bool(const char *v)
{
    if (!strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "yes") || !strcasecmp(v, "on"))
        return 1;
    if (!strcasecmp(v, "false") || !strcmp(v, "0") || !strcasecmp(v, "no") || !strcasecmp(v, "off"))
        return 0;
    return -1;
}

/* The key goes out in every Stripe call: only over TLS, except to a test double on loopback. */
static int api_base_ok(const char *v)
{
    static const char *const local[] = {"http://127.0.0.1", "http://localhost", "http://[::1]"};
    if (!strncmp(v, "https://", 8) && v[8])
        return 1;
    for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
        size_t n = strlen(local[i]);
        if (!strncmp(v, local[i], n) && (!v[n] || v[n] == ':' || v[n] == '/'))
            return 1;
    }
    return 0;
}

int conf_set(struct conf *cf, const char *key, const char *v, char *err, size_t errlen)
{
    long n;
    if (!strcmp(key, "database")) {
        set_str(&cf->database, v);
    } else if (!strcmp(key, "listen")) {
        set_str(&cf->listen, v);
    } else if (!strcmp(key, "workers")) {
        if (parse_long(v, 0, 1024, 10, &n) < 0)
            goto bad;
        cf->workers = (int)n;
    } else if (!strcmp(key, "socket_mode")) {
        if (parse_long(v, 0, 0777, 8, &n) < 0)
            goto bad;
        cf->socket_mode = (int)n;
    } else if (!strcmp(key, "jwt_secret")) {
        set_str(&cf->jwt_secret, v);
    } else if (!strcmp(key, "cookie_secret")) {
        set_str(&cf->cookie_secret, v);
    } else if (!strcmp(key, "store_cors")) {
        set_str(&cf->store_cors, v);
    } else if (!strcmp(key, "admin_cors")) {
        set_str(&cf->admin_cors, v);
    } else if (!strcmp(key, "environment")) {
        if (strcmp(v, "development") && strcmp(v, "production") && strcmp(v, "staging") &&
            strcmp(v, "test"))
            goto bad;
        cf->development = !strcmp(v, "development") || !strcmp(v, "test");
    } else if (!strcmp(key, "log_level")) {
        if ((cf->log_level = log_level_parse(v)) < 0)
            goto bad;
    } else if (!strcmp(key, "max_body")) {
        if (parse_long(v, 1024, 64L * 1024 * 1024, 10, &n) < 0)
            goto bad;
        cf->max_body = (size_t)n;
    } else if (!strcmp(key, "busy_timeout")) {
        if (parse_long(v, 0, 600000, 10, &n) < 0)
            goto bad;
        cf->busy_timeout = (int)n;
    } else if (!strcmp(key, "cache_ttl_ms")) {
        if (parse_long(v, 0, 3600000, 10, &n) < 0)
            goto bad;
        cf->cache_ttl_ms = (int)n;
    } else if (!strcmp(key, "cache_bytes")) {
        if (parse_long(v, 0, 1L << 32, 10, &n) < 0)
            goto bad;
        cf->cache_bytes = (size_t)n;
    } else if (!strcmp(key, "event_hook")) {
        set_str(&cf->event_hook, *v ? v : NULL);
    } else if (!strcmp(key, "upload_dir")) {
        if (!*v)
            goto bad;
        set_str(&cf->upload_dir, v);
    } else if (!strcmp(key, "upload_url")) {
        /* A path on the API's origin, or an absolute http(s) URL; no trailing slash kept. */
        size_t len = strlen(v);
        if (!len || (*v != '/' && strncmp(v, "http://", 7) && strncmp(v, "https://", 8)))
            goto bad;
        set_str(&cf->upload_url, v);
        while (len > 1 && cf->upload_url[len - 1] == '/')
            cf->upload_url[--len] = '\0';
    } else if (!strcmp(key, "max_upload")) {
        if (parse_long(v, 1024, 1024L * 1024 * 1024, 10, &n) < 0)
            goto bad;
        cf->max_upload = (size_t)n;
    } else if (!strcmp(key, "job_runner")) {
        if (strcmp(v, "0") && strcmp(v, "1") && strcmp(v, "on") && strcmp(v, "off"))
            goto bad;
        cf->job_runner = !strcmp(v, "1") || !strcmp(v, "on");
    } else if (!strcmp(key, "stripe_api_key")) {
        if (!strncmp(v, "pk_", 3)) {
            snprintf(err, errlen,
                     "stripe_api_key is a publishable key (pk_...); the server needs the secret "
                     "key (sk_...) or a restricted key (rk_...)");
            return -1;
        }
        set_str(&cf->stripe_api_key, *v ? v : NULL);
    } else if (!strcmp(key, "stripe_webhook_secret")) {
        set_str(&cf->stripe_webhook_secret, *v ? v : NULL);
    } else if (!strcmp(key, "stripe_capture")) {
        if ((cf->stripe_capture = parse_bool(v)) < 0)
            goto bad;
    } else if (!strcmp(key, "stripe_automatic_payment_methods")) {
        if ((cf->stripe_automatic_payment_methods = parse_bool(v)) < 0)
            goto bad;
    } else if (!strcmp(key, "stripe_payment_description")) {
        set_str(&cf->stripe_payment_description, *v ? v : NULL);
    } else if (!strcmp(key, "stripe_api_base")) {
        size_t len = strlen(v);
        if (!api_base_ok(v)) {
            snprintf(err, errlen,
                     "stripe_api_base must be an https:// URL (http:// only on 127.0.0.1, "
                     "localhost or [::1], for a test double)");
            return -1;
        }
        while (len > 0 && v[len - 1] == '/')
            len--;
        free(cf->stripe_api_base);
        cf->stripe_api_base = xstrdup(v);
        cf->stripe_api_base[len] = '\0';
    } else if (!strcmp(key, "stripe_timeout_ms")) {
        if (parse_long(v, 100, 55000, 10, &n) < 0)
            goto bad;
        cf->stripe_timeout_ms = (int)n;
    } else if (!strcmp(key, "stripe_max_retries")) {
        if (parse_long(v, 0, 5, 10, &n) < 0)
            goto bad;
        cf->stripe_max_retries = (int)n;
    } else {
        snprintf(err, errlen, "unknown key '%s'", key);
        return -1;
    }
    return 0;
bad:
    snprintf(err, errlen, "bad value '%s' for '%s'", v, key);
    return -1;
}

static char *trim(char *s)
{
    char *e;
    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static int load_file(struct conf *cf, const char *path, int must_exist, char *err, size_t errlen)
{
    char line[4096], msg[512];
    int lineno = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        if (!must_exist && errno == ENOENT)
            return 0;
        snprintf(err, errlen, "cannot open config '%s': %s", path, strerror(errno));
        return -1;
    }
    set_str(&cf->path, path);
    while (fgets(line, sizeof(line), f)) {
        char *s = trim(line), *eq;
        lineno++;
        if (!*s || *s == '#')
            continue;
        if (!(eq = strchr(s, '='))) {
            snprintf(err, errlen, "%s:%d: expected 'key = value'", path, lineno);
            fclose(f);
            return -1;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1), *rel = NULL;
        const char *slash = strrchr(path, '/');
        /* "database = ../data/medusa.db" beside the binary works wherever the account's home is (a
         * PostgreSQL URI is not a path). */
        if (!strcmp(key, "database") && *value && *value != '/' && !strstr(value, "://") &&
            strncmp(value, "pg:", 3) && slash) {
            size_t dirlen = (size_t)(slash - path) + 1, vlen = strlen(value);
            rel = xmalloc(dirlen + vlen + 1);
            memcpy(rel, path, dirlen);
            memcpy(rel + dirlen, value, vlen + 1);
            value = rel;
        }
        int rc = conf_set(cf, key, value, msg, sizeof(msg));
        free(rel);
        if (rc < 0) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, msg);
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    return 0;
}

static const struct {
    const char *env, *key;
} env_map[] = {
    {"MEDUSA_DATABASE", "database"},
    {"MEDUSA_LISTEN", "listen"},
    {"MEDUSA_WORKERS", "workers"},
    {"JWT_SECRET", "jwt_secret"},
    {"COOKIE_SECRET", "cookie_secret"},
    {"STORE_CORS", "store_cors"},
    {"ADMIN_CORS", "admin_cors"},
    {"NODE_ENV", "environment"},
    {"MEDUSA_ENV", "environment"},
    {"MEDUSA_LOG_LEVEL", "log_level"},
    {"MEDUSA_EVENT_HOOK", "event_hook"},
    {"MEDUSA_CACHE_TTL_MS", "cache_ttl_ms"},
    {"STRIPE_API_KEY", "stripe_api_key"},
    {"STRIPE_WEBHOOK_SECRET", "stripe_webhook_secret"},
    {"STRIPE_CAPTURE", "stripe_capture"},
    {"STRIPE_AUTOMATIC_PAYMENT_METHODS", "stripe_automatic_payment_methods"},
    {"STRIPE_PAYMENT_DESCRIPTION", "stripe_payment_description"},
    {"STRIPE_API_BASE", "stripe_api_base"},
    {"STRIPE_TIMEOUT_MS", "stripe_timeout_ms"},
    {"STRIPE_MAX_RETRIES", "stripe_max_retries"},
    {"MEDUSA_UPLOAD_DIR", "upload_dir"},
    {"MEDUSA_UPLOAD_URL", "upload_url"},
    {"MEDUSA_JOB_RUNNER", "job_runner"},
};

int conf_load(struct conf *cf, const char *path, int must_exist, char *err, size_t errlen)
{
    char msg[512];
    if (path && load_file(cf, path, must_exist, err, errlen) < 0)
        return -1;
    for (size_t i = 0; i < sizeof(env_map) / sizeof(env_map[0]); i++) {
        const char *v = getenv(env_map[i].env);
        if (!v)
            continue;
        if (conf_set(cf, env_map[i].key, v, msg, sizeof(msg)) < 0) {
            snprintf(err, errlen, "environment %s: %s", env_map[i].env, msg);
            return -1;
        }
    }
    log_set_level((enum log_level)cf->log_level);
    return 0;
}

int conf_check_secrets(const struct conf *cf, char *err, size_t errlen)
{
    if (cf->development)
        return 0;
    if (!*cf->jwt_secret || !strcmp(cf->jwt_secret, CONF_DEFAULT_SECRET)) {
        snprintf(
            err, errlen,
            "jwt_secret is unset or the default; set jwt_secret (or JWT_SECRET) to a long random "
            "string, or set environment = development");
        return -1;
    }
    if (!*cf->cookie_secret || !strcmp(cf->cookie_secret, CONF_DEFAULT_SECRET)) {
        snprintf(
            err, errlen,
            "cookie_secret is unset or the default; set cookie_secret (or COOKIE_SECRET) to a long "
            "random string, or set environment = development");
        return -1;
    }
    return 0;
}

/* The key's kind and last four characters, as Stripe's dashboard shows it; never the rest. */
static void conf_print_stripe_key(const char *key, FILE *f)
{
    const char *kind = "";
    size_t n = key ? strlen(key) : 0;
    if (!key) {
        fputs("stripe_api_key =\n", f);
        return;
    }
    if (!strncmp(key, "sk_test_", 8) || !strncmp(key, "rk_test_", 8))
        kind = ", test mode";
    else if (!strncmp(key, "sk_live_", 8) || !strncmp(key, "rk_live_", 8))
        kind = ", live mode";
    if (n >= 16)
        fprintf(f, "stripe_api_key = (set: %.8s...%s%s)\n", key, key + n - 4, kind);
    else
        fprintf(f, "stripe_api_key = (set%s)\n", kind);
}

/* Appends n bytes of p to buf (len bytes, *o used), as many as fit with the final NUL. */
static void put(char *buf, size_t len, size_t *o, const char *p, size_t n)
{
    if (n > len - 1 - *o)
        n = len - 1 - *o;
    memcpy(buf + *o, p, n);
    *o += n;
}

const char *conf_database_shown(const char *db, char *buf, size_t len)
{
    const char *scheme = strstr(db, "://"), *at = scheme ? strchr(scheme + 3, '@') : NULL;
    const char *colon = scheme ? strchr(scheme + 3, ':') : NULL, *s = db;
    size_t o = 0;
    if (!len)
        return "";
    if (at && colon && colon < at) {
        put(buf, len, &o, db, (size_t)(colon + 1 - db));
        put(buf, len, &o, "(set)", 5);
        s = at;
    }
    for (const char *pw; (pw = strstr(s, "password="));) {
        put(buf, len, &o, s, (size_t)(pw + 9 - s));
        put(buf, len, &o, "(set)", 5);
        s = pw + 9;
        if (*s == '\'') { /* a conninfo's quoted value, up to its closing quote */
            for (s++; *s && *s != '\''; s++)
                if (*s == '\\' && s[1])
                    s++;
            s += *s != '\0';
        } else {
            s += strcspn(s, "& ");
        }
    }
    put(buf, len, &o, s, strlen(s));
    buf[o] = '\0';
    return buf;
}

void conf_print(const struct conf *cf, void *file)
{
    FILE *f = file;
    static const char *const lv[] = {"error", "warn", "info", "debug"};
    fprintf(f, "# from %s\n", cf->path ? cf->path : "(defaults and environment)");
    char shown[1024];
    fprintf(f, "database = %s\n", conf_database_shown(cf->database, shown, sizeof(shown)));
    fprintf(f, "listen = %s\nworkers = %d\nsocket_mode = %03o\n", cf->listen, cf->workers,
            (unsigned)cf->socket_mode);
    fprintf(f, "jwt_secret = %s\ncookie_secret = %s\n",
            strcmp(cf->jwt_secret, CONF_DEFAULT_SECRET) ? "(set)" : CONF_DEFAULT_SECRET,
            strcmp(cf->cookie_secret, CONF_DEFAULT_SECRET) ? "(set)" : CONF_DEFAULT_SECRET);
    fprintf(f, "store_cors = %s\nadmin_cors = %s\nenvironment = %s\nlog_level = %s\n",
            cf->store_cors, cf->admin_cors, cf->development ? "development" : "production",
            lv[cf->log_level]);
    fprintf(f, "cache_ttl_ms = %d\ncache_bytes = %zu\n", cf->cache_ttl_ms, cf->cache_bytes);
    fprintf(f, "max_body = %zu\nbusy_timeout = %d\nevent_hook = %s\n", cf->max_body,
            cf->busy_timeout, cf->event_hook ? cf->event_hook : "");
    fprintf(f, "upload_dir = %s\nupload_url = %s\nmax_upload = %zu\njob_runner = %d\n",
            cf->upload_dir, cf->upload_url, cf->max_upload, cf->job_runner);
    conf_print_stripe_key(cf->stripe_api_key, f);
    fprintf(f, "stripe_webhook_secret = %s\n", cf->stripe_webhook_secret ? "(set)" : "");
    fprintf(f, "stripe_capture = %s\nstripe_automatic_payment_methods = %s\n",
            cf->stripe_capture ? "true" : "false",
            cf->stripe_automatic_payment_methods ? "true" : "false");
    fprintf(f, "stripe_payment_description = %s\nstripe_api_base = %s\n",
            cf->stripe_payment_description ? cf->stripe_payment_description : "",
            cf->stripe_api_base);
    fprintf(f, "stripe_timeout_ms = %d\nstripe_max_retries = %d\n", cf->stripe_timeout_ms,
            cf->stripe_max_retries);
}
