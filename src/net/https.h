/* https.h: outgoing HTTP(S) requests to a payment API (Stripe), with Stripe's client conventions:
 * connect and total timeouts, retries with exponential backoff and jitter on network errors, 409,
 * 429 lock_timeout and 5xx (never another 4xx), the Stripe-Should-Retry header honoured, the same
 * request (so the same Idempotency-Key) on every attempt, a cap on the response body. One
 * handle per worker keeps the connection to the API alive between requests. The only user of
 * libcurl (tests/lint/layers.sh). */
#ifndef NET_HTTPS_H
#define NET_HTTPS_H
#include <stddef.h>

struct arena;
struct https; /* opaque: a libcurl easy handle and its buffers, for a worker's life */

/* Why no HTTP answer came back. */
enum https_neterr {
    HTTPS_NET_OK = 0,  /* an HTTP answer arrived (whatever its status) */
    HTTPS_NET_CONNECT, /* name resolution or TCP connect failed */
    HTTPS_NET_TIMEOUT, /* connect or total timeout */
    HTTPS_NET_RESET,   /* the connection broke while sending or receiving */
    HTTPS_NET_TLS,     /* TLS handshake or certificate verification failed (never retried) */
    HTTPS_NET_TOOBIG,  /* the answer exceeded max_response (never retried) */
    HTTPS_NET_OTHER,   /* anything else libcurl reports (bad URL, ...; never retried) */
};

struct https_request {
    const char *method; /* "GET", "POST" or "DELETE" */
    const char *url;    /* http:// only for tests against a local double */
    const char *body;   /* form-encoded body (POST) or NULL */
    size_t body_len;
    const char *const *headers; /* "Name: value" lines, NULL-terminated, or NULL */
    long connect_timeout_ms;    /* per attempt */
    long timeout_ms;            /* per attempt, whole exchange */
    long deadline_ms;           /* all attempts and pauses together; 0 = no overall limit */
    int max_retries;            /* retries after the first attempt (see https_should_retry) */
    size_t max_response;        /* body cap in bytes */
};

struct https_response {
    int status; /* HTTP status; 0 when no answer (see neterr) */
    enum https_neterr neterr;
    char errmsg[256]; /* libcurl's words when neterr != OK, for the log */
    char *body;       /* NUL-terminated, in the caller's arena ("" when none) */
    size_t body_len;
    int should_retry;    /* Stripe-Should-Retry: -1 absent, 0 false, 1 true */
    long retry_after;    /* Retry-After in seconds, -1 absent */
    char request_id[64]; /* Request-Id, "" when absent */
    int attempts;        /* attempts made (1 + retries) */
    long elapsed_ms;     /* all attempts and pauses */
};

/* A handle for the worker's life (libcurl initialised on first use). NULL on failure. */
struct https *https_new(void);
/* Closes the kept connections and frees the handle. NULL is fine. */
void https_free(struct https *h);

/* Runs rq, retrying as https_should_retry() says with pauses from https_backoff_ms(), within
 * deadline_ms. Fills res (body in arena a). Returns 0 when an HTTP answer came back (any status:
 * the caller reads it), -1 when none did (res->neterr, res->errmsg). */
int https_send(struct https *h, struct arena *a, const struct https_request *rq,
               struct https_response *res);

/* Pure: whether to retry after res, `retries` retries having been made already, as Stripe's
 * libraries decide (stripe-node RequestSender._shouldRetry, stripe-ruby/go for 429):
 * a connection that broke on the first attempt is retried even with max_retries 0; otherwise
 * never past max_retries; connect failures, timeouts and broken connections are retried, TLS
 * failures, an oversized answer and bad URLs are not; Stripe-Should-Retry decides when present;
 * then 409, 429 with error code lock_timeout, and any 5xx are retried; nothing else is. */
int https_should_retry(const struct https_response *res, int retries, int max_retries);

#define HTTPS_RETRY_INITIAL_MS 500  /* Stripe's INITIAL_NETWORK_RETRY_DELAY_SEC */
#define HTTPS_RETRY_MAX_MS     2000 /* Stripe's MAX_NETWORK_RETRY_DELAY_SEC */
#define HTTPS_RETRY_AFTER_MAX  60   /* Stripe's MAX_RETRY_AFTER_WAIT, seconds */

/* Pure: the pause before retry number `retry` (1 for the first retry), in ms, as stripe-python
 * and stripe-ruby compute it: min(initial * 2^(retry-1), max), scaled by (1 + jitter) / 2 with
 * jitter in [0, 1), never below initial, and at least retry_after seconds when the API asked for
 * a wait of at most HTTPS_RETRY_AFTER_MAX seconds (retry_after < 0: none asked). */
long https_backoff_ms(int retry, long retry_after, double jitter);

#endif
