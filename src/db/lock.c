/* lock.c: named locks across every process that serves the database (db.h, db_lock): the event
 * consumer and the batch-job runner each run once, on one machine or many. SQLite: a lock file
 * beside the database (flock); PostgreSQL: a session advisory lock on the connection, which
 * the server drops if the holder's host dies. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/log.h"
#include "db/db.h"
#include "db/internal.h"

/* PostgreSQL: the lock's key is the name's hash (hashtext), as text in the statement. */
static int pg_lock(struct ctx *c, const char *name, int wait)
{
    const char *got = db_one_text(c,
                                  wait ? "SELECT CASE WHEN pg_advisory_lock(hashtext(?1)) IS NULL "
                                         "THEN 1 ELSE 1 END"
                                       : "SELECT CASE WHEN pg_try_advisory_lock(hashtext(?1)) THEN "
                                         "1 ELSE 0 END",
                                  "s", name);
    return got ? (*got == '1') : -1;
}

int db_lock(struct db *db, const char *database, const char *name, int wait, int *fd)
{
    if (db_kind == DB_PG) {
        struct ctx c;
        int rc;
        memset(&c, 0, sizeof(c));
        arena_init(&c.arena);
        c.db = db;
        rc = pg_lock(&c, name, wait);
        db_request_end(db);
        arena_release(&c.arena);
        return rc;
    }
    if (*fd < 0) {
        char path[4096];
        snprintf(path, sizeof(path), "%s.%s.lock", database, name);
        if ((*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
            log_error("cannot open '%s': %s", path, strerror(errno));
            return -1;
        }
    }
    while (flock(*fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) < 0) {
        if (errno == EWOULDBLOCK)
            return 0;
        if (errno != EINTR)
            return -1;
        if (!wait)
            return 0;
    }
    return 1;
}

void db_unlock(struct db *db, const char *name, int fd)
{
    if (db_kind == DB_PG) {
        struct ctx c;
        memset(&c, 0, sizeof(c));
        arena_init(&c.arena);
        c.db = db;
        db_one_text(&c, "SELECT CASE WHEN pg_advisory_unlock(hashtext(?1)) THEN 1 ELSE 0 END", "s",
                    name);
        db_request_end(db);
        arena_release(&c.arena);
        return;
    }
    if (fd >= 0)
        flock(fd, LOCK_UN);
}
