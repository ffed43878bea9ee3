/* fuzz_seed.c: libFuzzer target for db/seed.c: any bytes as a seed file must load or be refused
 * with a message, never crash or leak. The database is an in-memory one migrated once per
 * process; each run writes the input to one memfd (read back through /proc/self/fd) and loads it
 * inside a savepoint that is rolled back, so every run starts from the same empty schema. */
#define _GNU_SOURCE
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct db *db;
static int fd = -1;
static char path[64];

static void setup(void)
{
    char err[512];
    if (!(db = db_open(":memory:", 1000, err, sizeof(err))) ||
        db_migrate(db, NULL, err, sizeof(err)) < 0) {
        fprintf(stderr, "fuzz_seed: %s\n", err);
        abort();
    }
    if ((fd = memfd_create("seed", 0)) < 0) {
        perror("memfd_create");
        abort();
    }
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    if (!db)
        setup();
    if (size > 1 << 20)
        return 0;
    if (ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    if (db_exec_script(db, "SAVEPOINT fuzz", err, sizeof(err)) < 0)
        abort();
    (void)db_seed_file(db, path, NULL, err, sizeof(err));
    if (db_exec_script(db, "ROLLBACK TO fuzz; RELEASE fuzz", err, sizeof(err)) < 0)
        abort();
    return 0;
}
