/* conf.h: configuration from a `key = value` file, overridden by environment variables (Medusa's
 * names where Medusa has one). Read-only once a worker starts. */
#ifndef CORE_CONF_H
#define CORE_CONF_H
#include <stddef.h>

#define CONF_DEFAULT_PATH    SYSCONFDIR "/medusa-fcgi/medusa-fcgi.conf"
#define CONF_DEFAULT_SECRET  "supersecret"
#define CONF_STRIPE_API_BASE "https://api.stripe.com"

struct conf {
    char *path;      /* file read, or NULL */
    char *database;  /* SQLite file, or a PostgreSQL URI / "pg:" conninfo */
    char *listen;    /* "unix:/path" or "host:port" */
    int workers;     /* 0 = number of cores */
    int socket_mode; /* unix socket permissions */
    char *jwt_secret;
    char *cookie_secret;
    char *store_cors; /* comma-separated origins or /regex/ */
    char *admin_cors;
    int development;    /* environment = development */
    int log_level;      /* enum log_level */
    size_t max_body;    /* request body cap, bytes */
    int busy_timeout;   /* ms */
    int cache_ttl_ms;   /* catalog answer cache lifetime; 0 = no cache */
    size_t cache_bytes; /* per worker */
    char *event_hook;   /* command run per event, or NULL */
    char *upload_dir;   /* where POST /admin/uploads stores files (the web server serves it) */
    char *upload_url;  /* the URL of upload_dir; a path ("/uploads") is taken on the API's origin */
    size_t max_upload; /* request body cap of the upload routes, bytes */
    int job_runner;    /* serve runs the batch-job runner (CSV imports and exports) */
    /* Stripe, as medusa-payment-stripe's options; the provider is on when the key is set. */
    char *stripe_api_key;        /* sk_... or rk_..., or NULL */
    char *stripe_webhook_secret; /* whsec_..., or NULL */
    int stripe_capture;          /* capture_method automatic (1) or manual (0) */
    int stripe_automatic_payment_methods;
    char *stripe_payment_description; /* PaymentIntent description, or NULL */
    char *stripe_api_base;            /* https://api.stripe.com, no trailing slash */
    int stripe_timeout_ms;            /* per attempt */
    int stripe_max_retries;
};

/* The config file to read when neither -c nor MEDUSA_CONFIG names one: medusa-fcgi.conf in the
 * binary's own directory if it exists (shared hosting: the config beside the CGI program), else
 * CONF_DEFAULT_PATH. Writes into buf (len bytes) and returns it. */
const char *conf_default_path(char *buf, size_t len);
/* Fills defaults. */
void conf_init(struct conf *cf);
void conf_release(struct conf *cf);
/* Reads path (a missing file is an error only when must_exist); then applies the environment. A
 * relative `database` in the file is taken relative to the file's directory.
 * On error writes a message into err and returns -1. */
int conf_load(struct conf *cf, const char *path, int must_exist, char *err, size_t errlen);
/* Sets one key from text; -1 with a message for an unknown key or a bad value. */
int conf_set(struct conf *cf, const char *key, const char *value, char *err, size_t errlen);
/* Refuses default or empty secrets outside development mode. */
int conf_check_secrets(const struct conf *cf, char *err, size_t errlen);
/* Prints the effective configuration (secrets masked). */
void conf_print(const struct conf *cf, void *file);
/* The database setting as logs and `config` show it: a URI's password (user:PASS@) and any
 * password=VALUE (a conninfo's, or a URI query's) replaced by "(set)". Written into buf. */
const char *conf_database_shown(const char *database, char *buf, size_t len);

#endif
