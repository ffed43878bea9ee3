/* events.h: the event outbox seen from outside the request path (db/event.h; store.md §1.12):
 * the `events` verb, and the dispatcher process the supervisor runs when event_hook is set. */
#ifndef EVENTS_H
#define EVENTS_H

struct conf;

/* `medusa-fcgi events [list|consume] [--all] [--after ID] [--limit N]`: action is "list" (or
 * NULL) or "consume"; after and limit are the option texts or NULL. Returns the exit status. */
int events_cmd(const struct conf *cf, const char *action, int all, const char *after,
               const char *limit);
/* The supervisor's event dispatcher: runs cf->event_hook for each new event, oldest first, about
 * once a second, until SIGTERM. Returns the process exit status. */
int events_dispatch_run(const struct conf *cf);

#endif
