/* fcgi.h: the transports. The only door to libfcgi (fcgi.c includes <fcgiapp.h>); also reads one
 * plain CGI request from the environment and stdin. */
#ifndef HTTP_FCGI_H
#define HTTP_FCGI_H
#include <signal.h>
#include <stddef.h>

struct req;
struct fcgi;

/* 1 when fd 0 is a listening socket handed over by a spawner (spawn-fcgi, mod_fcgid, systemd). */
int fcgi_fd0_is_socket(void);
/* Opens a listening socket: "unix:/path" (mode applied) or "host:port"/":port". -1 on error. */
int fcgi_listen(const char *spec, int mode, int backlog, char *err, size_t errlen);

/* A FastCGI request slot on listen_fd, for one worker. */
struct fcgi *fcgi_new(int listen_fd);
void fcgi_free(struct fcgi *f);
/* Waits for the next request, sets *inflight as soon as one is accepted, and reads it into r
 * (req_read); 0, or -1 when accept fails. */
int fcgi_accept(struct fcgi *f, struct req *r, volatile sig_atomic_t *inflight);
/* Sends what r wrote and ends the request, closing without libfcgi's lingering wait
 * (STYLE.md §13: the body has been read to its end, so nothing is left unread). */
void fcgi_finish(struct fcgi *f);
/* 1 while f holds an accepted connection (from the moment libfcgi's accept returns, before the
 * request is read, until fcgi_finish); reads one int: safe in a signal handler. */
int fcgi_connected(const struct fcgi *f);

/* Reads one CGI request from environ/stdin into r (req_read), its answer to go to stdout. 0 or
 * -1. */
int cgi_read(struct req *r);

#endif
