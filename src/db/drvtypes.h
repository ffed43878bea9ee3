/* drvtypes.h: the types the driver interface (driver.h) and both drivers share. Never included
 * outside src/db/. */
#ifndef DB_DRVTYPES_H
#define DB_DRVTYPES_H

struct db;
/* A prepared statement of either driver (a sqlite3_stmt or a struct pg_stmt). */
struct db_stmt;

enum db_kind { DB_SQLITE, DB_PG };
extern enum db_kind db_kind;

/* Step results; anything else is a failure, described by drv_errclass/drv_errmsg. */
enum { DB_ROW = 100, DB_DONE = 101 };
/* Column types (db_col_type). */
enum { DB_INTEGER = 1, DB_FLOAT = 2, DB_TEXT = 3, DB_BLOB = 4, DB_NULL = 5 };

/* What the last failure on a connection was, for Medusa's error (db_fail). */
enum db_errclass {
    DBE_BUSY,        /* a lock wait timed out: 409 */
    DBE_RETRY,       /* serialization failure or deadlock: the transaction may be run again */
    DBE_UNIQUE,      /* unique or primary key */
    DBE_FOREIGN_KEY, /* a referenced row does not exist (or a referencing one does) */
    DBE_NOT_NULL,    /* drv_errcol names "table.column" when the driver knows it */
    DBE_CONSTRAINT,  /* CHECK and the rest */
    DBE_OTHER,       /* I/O, disk full, connection lost, a programmer error */
};

#endif
