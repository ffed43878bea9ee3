/* https.c: one libcurl easy handle per worker, reused for every call so the connection to the
 * payment API stays open (keep-alive); attempts, retries and pauses as Stripe's own libraries
 * make them. The only includer of <curl/curl.h>. Never runs inside a database transaction: the
 * Stripe client checks that before calling (pay/stripe.c). */
#include "net/https.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <json-c/json.h>
#include <sodium.h>

#include "config.h"
#include "core/arena.h"
#include "core/sbuf.h"

struct https {
    CURL *curl;
    struct sbuf body;    /* the answer being received (kept across calls) */
    size_t max_response; /* cap of the call in progress */
    int too_big;
    struct https_response *res; /* the answer whose headers are being read */
};

struct https *https_new(void)
{
    static int global_done;
    struct https *h;
    if (!global_done) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            return NULL;
        global_done = 1;
    }
    h = xmalloc(sizeof(*h));
    memset(h, 0, sizeof(*h));
    sbuf_init(&h->body);
    if (!(h->curl = curl_easy_init())) {
        free(h);
        return NULL;
    }
    return h;
}

void https_free(struct https *h)
{
    if (!h)
        return;
    curl_easy_cleanup(h->curl);
    sbuf_release(&h->body);
    free(h);
}

static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
    struct https *h = ud;
    size_t len = size * n;
    if (h->body.len + len > h->max_response) {
        h->too_big = 1;
        return 0; /* libcurl aborts the transfer with CURLE_WRITE_ERROR */
    }
    sbuf_add(&h->body, data, len);
    return len;
}

/* Copies the value of header line `line` (of len bytes) into out if its name is `name`. */
static int header_value(const char *line, size_t len, const char *name, char *out, size_t outlen)
{
    size_t nlen = strlen(name), i, end;
    if (len <= nlen || line[nlen] != ':' || strncasecmp(line, name, nlen))
        return 0;
    for (i = nlen + 1; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
        ;
    for (end = len; end > i && (line[end - 1] == '\r' || line[end - 1] == '\n' ||
                                line[end - 1] == ' ' || line[end - 1] == '\t');
         end--)
        ;
    snprintf(out, outlen, "%.*s", (int)(end - i), line + i);
    return 1;
}

static size_t on_header(char *data, size_t size, size_t n, void *ud)
{
    struct https *h = ud;
    struct https_response *res = h->res;
    size_t len = size * n;
    char v[64], *end;
    if (header_value(data, len, "Stripe-Should-Retry", v, sizeof(v)))
        res->should_retry = !strcmp(v, "true") ? 1 : !strcmp(v, "false") ? 0 : -1;
    else if (header_value(data, len, "Retry-After", v, sizeof(v))) {
        errno = 0;
        long s = strtol(v, &end, 10);
        res->retry_after = (!errno && end != v && !*end && s >= 0) ? s : -1;
    } else
        header_value(data, len, "Request-Id", res->request_id, sizeof(res->request_id));
    return len;
}

static long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    /* A signal (SIGTERM to a busy worker) interrupts the pause; finish it: the request must end. */
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

static enum https_neterr classify(CURLcode rc, int too_big)
{
    switch (rc) {
    case CURLE_OK:
        return HTTPS_NET_OK;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        return HTTPS_NET_CONNECT;
    case CURLE_OPERATION_TIMEDOUT:
        return HTTPS_NET_TIMEOUT;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return HTTPS_NET_RESET;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return HTTPS_NET_TLS;
    case CURLE_WRITE_ERROR:
        return too_big ? HTTPS_NET_TOOBIG : HTTPS_NET_OTHER;
    default:
        return HTTPS_NET_OTHER;
    }
}

/* One exchange; fills status or neterr, headers and h->body. */
static void attempt(struct https *h, const struct https_request *rq, long timeout_ms,
                    struct https_response *res)
{
    struct curl_slist *hdrs = NULL;
    char errbuf[CURL_ERROR_SIZE] = "";
    CURL *cu = h->curl;
    CURLcode rc;
    long code = 0;

    /* Reset drops the options, not the connection cache: keep-alive survives. */
    curl_easy_reset(cu);
    sbuf_reset(&h->body);
    h->too_big = 0;
    h->max_response = rq->max_response;
    h->res = res;
    res->status = 0;
    res->neterr = HTTPS_NET_OK;
    res->errmsg[0] = '\0';
    res->should_retry = -1;
    res->retry_after = -1;
    res->request_id[0] = '\0';

    for (const char *const *p = rq->headers; p && *p; p++)
        hdrs = curl_slist_append(hdrs, *p);
    /* No "Expect: 100-continue" round trip before a body. */
    hdrs = curl_slist_append(hdrs, "Expect:");
    curl_easy_setopt(cu, CURLOPT_URL, rq->url);
    curl_easy_setopt(cu, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(cu, CURLOPT_USERAGENT, "medusa-fcgi/" PACKAGE_VERSION);
    curl_easy_setopt(cu, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(cu, CURLOPT_CONNECTTIMEOUT_MS, rq->connect_timeout_ms);
    curl_easy_setopt(cu, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(cu, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(cu, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(cu, CURLOPT_PROTOCOLS_STR, "https,http");
#else
    curl_easy_setopt(cu, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTPS | CURLPROTO_HTTP));
#endif
    curl_easy_setopt(cu, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(cu, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(cu, CURLOPT_WRITEDATA, h);
    curl_easy_setopt(cu, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(cu, CURLOPT_HEADERDATA, h);
    if (!strcmp(rq->method, "POST")) {
        curl_easy_setopt(cu, CURLOPT_POST, 1L);
        curl_easy_setopt(cu, CURLOPT_POSTFIELDS, rq->body ? rq->body : "");
        curl_easy_setopt(cu, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)(rq->body ? rq->body_len : 0));
    } else if (!strcmp(rq->method, "GET")) {
        curl_easy_setopt(cu, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(cu, CURLOPT_CUSTOMREQUEST, rq->method);
    }

    rc = curl_easy_perform(cu);
    res->neterr = classify(rc, h->too_big);
    if (res->neterr == HTTPS_NET_OK) {
        curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, &code);
        res->status = (int)code;
    }
    /* The handle must not keep pointers to this frame, the header list or the caller's body. */
    curl_easy_reset(cu);
    curl_slist_free_all(hdrs);
    if (res->neterr != HTTPS_NET_OK) {
        snprintf(res->errmsg, sizeof(res->errmsg), "%s",
                 h->too_big ? "answer larger than the cap"
                 : *errbuf  ? errbuf
                            : curl_easy_strerror(rc));
    }
    h->res = NULL;
}

int https_send(struct https *h, struct arena *a, const struct https_request *rq,
               struct https_response *res)
{
    long start = mono_ms(), elapsed, left, timeout, pause;
    int retries = 0;

    for (;;) {
        timeout = rq->timeout_ms;
        if (rq->deadline_ms > 0) {
            left = rq->deadline_ms - (mono_ms() - start);
            if (left < timeout)
                timeout = left > 1 ? left : 1;
        }
        attempt(h, rq, timeout, res);
        res->attempts = retries + 1;
        /* The policy reads the error body (429 lock_timeout): the handle's buffer until copied. */
        res->body = h->body.buf ? h->body.buf : (char *)(uintptr_t) "";
        res->body_len = h->body.len;
        if (!https_should_retry(res, retries, rq->max_retries))
            break;
        pause = https_backoff_ms(retries + 1, res->retry_after,
                                 (double)randombytes_uniform(1000000) / 1e6);
        elapsed = mono_ms() - start;
        /* No attempt that could not get its answer before the deadline. */
        if (rq->deadline_ms > 0 && elapsed + pause + 100 >= rq->deadline_ms)
            break;
        sleep_ms(pause);
        retries++;
    }
    res->elapsed_ms = mono_ms() - start;
    res->body = arena_strndup(a, h->body.buf ? h->body.buf : "", h->body.len);
    res->body_len = h->body.len;
    return res->status ? 0 : -1;
}

/* Stripe's error code in an error answer's body ({"error":{"code":...}}), compared to code. */
static int error_code_is(const struct https_response *res, const char *code)
{
    struct json_object *o, *e, *c;
    int same = 0;
    if (!res->body || !res->body_len)
        return 0;
    if (!(o = json_tokener_parse(res->body)))
        return 0;
    if (json_object_object_get_ex(o, "error", &e) && json_object_object_get_ex(e, "code", &c) &&
        json_object_is_type(c, json_type_string))
        same = !strcmp(json_object_get_string(c), code);
    json_object_put(o);
    return same;
}

int https_should_retry(const struct https_response *res, int retries, int max_retries)
{
    /* stripe-node: a connection closed under us (ECONNRESET, EPIPE) is retried once, whatever
     * max_retries says. */
    if (res->neterr == HTTPS_NET_RESET && retries == 0)
        return 1;
    if (retries >= max_retries)
        return 0;
    switch (res->neterr) {
    case HTTPS_NET_OK:
        break;
    case HTTPS_NET_CONNECT:
    case HTTPS_NET_TIMEOUT:
    case HTTPS_NET_RESET:
        return 1;
    default:
        return 0;
    }
    if (res->should_retry == 0)
        return 0;
    if (res->should_retry == 1)
        return 1;
    if (res->status == 409)
        return 1;
    if (res->status == 429 && error_code_is(res, "lock_timeout"))
        return 1;
    return res->status >= 500;
}

long https_backoff_ms(int retry, long retry_after, double jitter)
{
    double ms = HTTPS_RETRY_INITIAL_MS;
    for (int i = 1; i < retry && ms < HTTPS_RETRY_MAX_MS; i++)
        ms *= 2;
    if (ms > HTTPS_RETRY_MAX_MS)
        ms = HTTPS_RETRY_MAX_MS;
    ms *= 0.5 * (1 + jitter);
    if (ms < HTTPS_RETRY_INITIAL_MS)
        ms = HTTPS_RETRY_INITIAL_MS;
    if (retry_after >= 0 && retry_after <= HTTPS_RETRY_AFTER_MAX && ms < retry_after * 1000.0)
        ms = retry_after * 1000.0;
    return (long)ms;
}
