/* replay.c: runs a libFuzzer target's inputs without libFuzzer, so `make check` replays each
 * corpus (tests/fuzz/corpus/NAME) and every crash kept in tests/fuzz/regress/NAME as a plain
 * regression test [sqlite fuzzcheck.c, lwan fuzz/regression]. Linked with fuzz_NAME.c as
 * tests/fuzz/replay_NAME; without arguments it takes NAME from its own file name and runs
 * $MEDUSA_SRCDIR/tests/fuzz/corpus/NAME and .../regress/NAME. Arguments: files or directories
 * (their files in name order). Prints TAP: one line per directory or file. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long n;
    if (!f)
        return -1;
    if (fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0) {
        fclose(f);
        return -1;
    }
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t)n);
    free(buf);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of dir in name order; returns how many ran, -1 if dir cannot be read. */
static int run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int ran = 0;
    if (!d)
        return -1;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **nn = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*names));
            if (!nn)
                abort();
            names = nn;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len)))
            abort();
        snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), by_name);
    for (size_t i = 0; i < n; i++) {
        if (run_file(names[i]) == 0)
            ran++;
        free(names[i]);
    }
    free(names);
    return ran;
}

int main(int argc, char **argv)
{
    int fail = 0;
    char corpus[1024], regress[1024];
    char *dflt[] = {argv[0], corpus, regress};
    if (argc == 1) {
        const char *src = getenv("MEDUSA_SRCDIR"), *base = strrchr(argv[0], '/');
        base = base ? base + 1 : argv[0];
        if (!strncmp(base, "lt-", 3))
            base += 3;
        if (!strncmp(base, "replay_", 7))
            base += 7;
        snprintf(corpus, sizeof(corpus), "%s/tests/fuzz/corpus/%s", src ? src : ".", base);
        snprintf(regress, sizeof(regress), "%s/tests/fuzz/regress/%s", src ? src : ".", base);
        argc = 3;
        argv = dflt;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        int ran;
        if (stat(argv[i], &st) < 0) {
            printf("ok %d - %s # SKIP absent\n", i, argv[i]);
            continue;
        }
        ran = S_ISDIR(st.st_mode) ? run_dir(argv[i]) : run_file(argv[i]) == 0 ? 1 : -1;
        if (ran < 0) {
            printf("not ok %d - %s: cannot read\n", i, argv[i]);
            fail = 1;
        } else {
            printf("ok %d - %s: %d inputs\n", i, argv[i], ran);
        }
    }
    printf("1..%d\n", argc - 1);
    return fail;
}
