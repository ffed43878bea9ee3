/* migrations.h: the sql/ and sql/pg/ files, compiled in by build-aux/sql2c.sh so an installed
 * binary can migrate without the source tree. */
#ifndef DB_MIGRATIONS_H
#define DB_MIGRATIONS_H

struct migration {
    int version;
    const char *name;
    const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;
/* sql/pg/: the same migrations for PostgreSQL, what is applied before them (the functions SQLite
 * has and PostgreSQL lacks) and after them (the change stamp), on every migrate. */
extern const struct migration pg_migrations[];
extern const int pg_migrations_count;
extern const char pg_before_sql[];
extern const char pg_after_sql[];

#endif
