/* seed.h: loads a Medusa v1 seed file (what `medusa seed` does, plus the extension keys that
 * sql/SEED-FORMAT.md describes) into a migrated database. */
#ifndef DB_SEED_H
#define DB_SEED_H
#include "db/driver.h"
#include <stddef.h>
#include <stdio.h>

/* Loads the JSON seed file at path into db, all or nothing: one savepoint, rolled back on any
 * error so that no table changes. Ids in the file only link entries; every row gets a fresh
 * "prefix_ULID" id. Writes one "seed: regions 2, products 7, ..." line to progress (may be NULL).
 * Returns 0, or -1 with a message in err naming the JSON path and the problem, e.g.
 * "$.products[2].variants[0].prices[1].amount: expected an integer". Expects the schema of
 * sql/0001_init.sql and PRAGMA foreign_keys=ON. */
int seed_load(struct db *db, const char *path, FILE *progress, char *err, size_t errlen);

#endif
