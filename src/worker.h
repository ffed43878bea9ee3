/* worker.h: one FastCGI worker process: accept → req_handle() → finish → reset (STYLE.md §2). */
#ifndef WORKER_H
#define WORKER_H

struct conf;

/* Serves listen_fd until SIGTERM (a request in flight finishes first). Returns an exit status. */
int worker_run(int listen_fd, const struct conf *cf);
/* Serves one CGI request from the environment. Returns an exit status. */
int worker_cgi(const struct conf *cf);

#endif
