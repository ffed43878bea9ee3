/* oneread.c: the benchmark's second anchor, the least a real handler does: one SQLite point read
 * (a product row by id) and one json-c serialisation, behind libfcgi, with the same
 * Detach-before-Finish close as medusa-fcgi. Usage: oneread SOCKET WORKERS DATABASE */
#include <fcgiapp.h>
#include <json-c/json.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void serve(int fd, const char *path)
{
    FCGX_Request r;
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(db,
                           "SELECT id, title, subtitle, description, handle, status, thumbnail, "
                           "created_at, updated_at FROM product WHERE id = ?1",
                           -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        _exit(1);
    FCGX_InitRequest(&r, fd, 0);
    while (FCGX_Accept_r(&r) >= 0) {
        char buf[4096];
        const char *q = FCGX_GetParam("QUERY_STRING", r.envp);
        const char *id = q && !strncmp(q, "id=", 3) ? q + 3 : "";
        struct json_object *o = json_object_new_object();
        while (FCGX_GetStr(buf, sizeof buf, r.in) > 0)
            ;
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            for (int i = 0; i < sqlite3_column_count(st); i++) {
                const char *v = (const char *)sqlite3_column_text(st, i);
                json_object_object_add(o, sqlite3_column_name(st, i),
                                       v ? json_object_new_string(v) : NULL);
            }
        sqlite3_reset(st);
        FCGX_FPrintF(r.out,
                     "Status: 200 OK\r\nContent-Type: application/json\r\n\r\n{\"product\":%s}",
                     json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
        json_object_put(o);
        FCGX_Detach(&r);
        FCGX_Finish_r(&r);
    }
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: oneread SOCKET WORKERS DATABASE\n");
        return 2;
    }
    FCGX_Init();
    unlink(argv[1]);
    int fd = FCGX_OpenSocket(argv[1], 128);
    if (fd < 0)
        return 1;
    chmod(argv[1], 0666);
    int n = (int)strtol(argv[2], NULL, 10);
    if (n < 1 || n > 64)
        n = 2;
    pid_t kids[64];
    sigset_t set;
    int sig;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int i = 0; i < n; i++)
        if ((kids[i] = fork()) == 0) {
            sigprocmask(SIG_UNBLOCK, &set, NULL);
            serve(fd, argv[3]);
            _exit(0);
        }
    sigwait(&set, &sig);
    for (int i = 0; i < n; i++)
        kill(kids[i], SIGTERM);
    while (wait(NULL) > 0)
        ;
    unlink(argv[1]);
    return 0;
}
