/* migrations.h: the sql/ files, compiled in by build-aux/sql2c.sh so an installed binary can
 * migrate without the source tree. */
#ifndef DB_MIGRATIONS_H
#define DB_MIGRATIONS_H

struct migration {
    int version;
    const char *name;
    const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
