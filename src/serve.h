/* serve.h: the prefork supervisor (nginx master's role). */
#ifndef SERVE_H
#define SERVE_H

struct conf;

/* Listens (or takes fd 0 from a spawner), starts the workers, respawns the dead, stops gracefully
 * on SIGTERM/SIGINT, replaces the workers with a fresh config on SIGHUP. Returns an exit status.
 * conf_path is re-read on SIGHUP. */
int serve_run(struct conf *cf, const char *conf_path);

#endif
