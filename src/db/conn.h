/* conn.h: the worker's connection (struct db), shared by db.c and the two drivers. Never included
 * outside src/db/. */
#ifndef DB_CONN_H
#define DB_CONN_H
#include <stdint.h>

#include "db/drvtypes.h"

#define DB_CACHE_SLOTS 512 /* power of two */

struct db {
    enum db_kind kind;
    void *drv; /* the driver's connection: struct sq_conn (sqlite.c) or struct pg_conn (pg.c) */
    struct cached {
        char *sql; /* owned copy */
        uint64_t hash;
        size_t len;
        struct db_stmt *st;
    } cache[DB_CACHE_SLOTS];
    int ncached;
    struct db_stmt **used; /* statements to reset at request end */
    int nused, capused;
    struct db_stmt **temp; /* uncached statements to finalize at request end */
    int ntemp, captemp;
    int in_tx;
    uint64_t commits; /* this connection's commits, for db_change_stamp() */
    /* MEDUSA_SQL_COUNT=1: statements run in this request, logged at its end (a debug aid; off,
     * nothing is counted); 2: each statement's time too. */
    int count_sql;
    int64_t nsql;
    /* Remembered counts (gq_count), valid while the database is unchanged. */
    struct memo {
        char *key;
        uint64_t stamp;
        int64_t value;
    } memo[64];
};

#endif
