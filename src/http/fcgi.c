/* fcgi.c: libfcgi and CGI transports feeding req_read(); src/request.c runs what they read.
 * Nothing here knows a route, a business rule or the database. */
#include "http/fcgi.h"

#include <errno.h>
#include <fcgiapp.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/arena.h"
#include "http/req.h"

struct fcgi {
    FCGX_Request fr;
    int accepted;
};

int fcgi_fd0_is_socket(void)
{
    struct sockaddr_storage sa;
    socklen_t len = sizeof(sa);
    /* getpeername fails with ENOTCONN on a listening socket, as libfcgi's own test does. */
    return getpeername(0, (struct sockaddr *)&sa, &len) < 0 && errno == ENOTCONN;
}

int fcgi_listen(const char *spec, int mode, int backlog, char *err, size_t errlen)
{
    int fd;
    if (!strncmp(spec, "unix:", 5)) {
        const char *path = spec + 5;
        if (strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
            snprintf(err, errlen, "socket path too long: %s", path);
            return -1;
        }
        unlink(path);
        fd = FCGX_OpenSocket(path, backlog);
        if (fd >= 0 && chmod(path, (mode_t)mode) < 0) {
            snprintf(err, errlen, "cannot chmod %s: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
    } else {
        /* libfcgi takes "host:port" or ":port". */
        fd = FCGX_OpenSocket(spec, backlog);
    }
    if (fd < 0)
        snprintf(err, errlen, "cannot listen on %s: %s", spec, errno ? strerror(errno) : "failed");
    return fd;
}

struct fcgi *fcgi_new(int listen_fd)
{
    struct fcgi *f;
    if (FCGX_Init() != 0)
        return NULL;
    f = xmalloc(sizeof(*f));
    memset(f, 0, sizeof(*f));
    FCGX_InitRequest(&f->fr, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
    return f;
}

void fcgi_free(struct fcgi *f)
{
    if (!f)
        return;
    if (f->accepted)
        fcgi_finish(f);
    FCGX_Free(&f->fr, 1);
    free(f);
}

static const char *fcgi_var(const char *name, void *ud)
{
    FCGX_Request *fr = ud;
    return FCGX_GetParam(name, fr->envp);
}

static long fcgi_body(char *buf, size_t len, void *ud)
{
    FCGX_Request *fr = ud;
    return FCGX_GetStr(buf, (int)(len > 65536 ? 65536 : len), fr->in);
}

/* Writes all of iov[0..n) to fd. */
static int writev_all(int fd, struct iovec *v, int n)
{
    while (n > 0) {
        ssize_t w = writev(fd, v, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        while (n > 0 && (size_t)w >= v->iov_len) {
            w -= (ssize_t)v->iov_len;
            v++;
            n--;
        }
        if (n > 0) {
            v->iov_base = (char *)v->iov_base + w;
            v->iov_len -= (size_t)w;
        }
    }
    return 0;
}

/* An answer goes out in two writes whatever its size: all but its last few KB as FCGI_STDOUT
 * records of up to 32 KB in one writev, then the tail through libfcgi, whose finish sends it with
 * the end-of-stream and END_REQUEST records. libfcgi alone flushes its 8 KB buffer each time it
 * fills: a 70 KB product page was nine writes, each waking the web server. */
enum { REC_MAX = 32768, TAIL_MAX = 4096, IOV_MAX_RECS = 32 };
static int fcgi_write(void *io, const char *data, size_t len)
{
    FCGX_Request *fr = io;
    while (len > TAIL_MAX && fr->ipcFd >= 0) {
        unsigned char hdr[IOV_MAX_RECS][8];
        struct iovec iov[2 * IOV_MAX_RECS];
        int n = 0;
        if (FCGX_FFlush(fr->out) < 0)
            return -1;
        while (len > TAIL_MAX && n < IOV_MAX_RECS) {
            size_t k = len - TAIL_MAX > REC_MAX ? REC_MAX : len - TAIL_MAX;
            unsigned char *h = hdr[n];
            h[0] = 1; /* FCGI_VERSION_1 */
            h[1] = 6; /* FCGI_STDOUT */
            h[2] = (unsigned char)(fr->requestId >> 8);
            h[3] = (unsigned char)fr->requestId;
            h[4] = (unsigned char)(k >> 8);
            h[5] = (unsigned char)k;
            h[6] = h[7] = 0; /* no padding */
            iov[2 * n].iov_base = h;
            iov[2 * n].iov_len = 8;
            iov[2 * n + 1].iov_base = (void *)(uintptr_t)data; /* writev only reads it */
            iov[2 * n + 1].iov_len = k;
            data += k;
            len -= k;
            n++;
        }
        if (writev_all(fr->ipcFd, iov, 2 * n) < 0)
            return -1;
    }
    return FCGX_PutStr(data, (int)len, fr->out) == (int)len ? 0 : -1;
}

int fcgi_accept(struct fcgi *f, struct req *r, volatile sig_atomic_t *inflight)
{
    if (FCGX_Accept_r(&f->fr) < 0)
        return -1;
    *inflight = 1; /* from here a SIGTERM waits for this request */
    f->accepted = 1;
    r->out.write = fcgi_write;
    r->out.io = &f->fr;
    return req_read(r, fcgi_var, fcgi_body, &f->fr);
}

void fcgi_finish(struct fcgi *f)
{
    if (!f->accepted)
        return;
    /* req_read() consumed stdin to its end: detaching makes libfcgi close without lingering. */
    FCGX_Detach(&f->fr);
    FCGX_Finish_r(&f->fr);
    f->accepted = 0;
}

int fcgi_connected(const struct fcgi *f)
{
    return ((const volatile FCGX_Request *)&f->fr)->ipcFd >= 0;
}

static const char *cgi_var(const char *name, void *ud)
{
    (void)ud;
    return getenv(name);
}

struct cgi_in {
    long left;
};

static long cgi_body(char *buf, size_t len, void *ud)
{
    struct cgi_in *in = ud;
    size_t n;
    if (in->left <= 0)
        return 0;
    if ((long)len > in->left)
        len = (size_t)in->left;
    n = fread(buf, 1, len, stdin);
    in->left -= (long)n;
    return n ? (long)n : 0;
}

static int cgi_write(void *io, const char *data, size_t len)
{
    (void)io;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

int cgi_read(struct req *r)
{
    const char *cl = getenv("CONTENT_LENGTH");
    struct cgi_in in = {cl ? strtol(cl, NULL, 10) : 0};
    r->out.write = cgi_write;
    r->out.io = NULL;
    return req_read(r, cgi_var, cgi_body, &in);
}
