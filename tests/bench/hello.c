/* hello.c: the benchmark's FastCGI anchor, the least a libfcgi worker can do per request
 * (read the request, write a fixed body), with the same Detach-before-Finish close as
 * medusa-fcgi's workers. Usage: hello SOCKET WORKERS */
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/types.h>
#include <unistd.h>

static void serve(int fd)
{
    FCGX_Request r;
    FCGX_InitRequest(&r, fd, 0);
    while (FCGX_Accept_r(&r) >= 0) {
        char buf[4096];
        while (FCGX_GetStr(buf, sizeof buf, r.in) > 0)
            ;
        FCGX_PutS("Status: 200 OK\r\nContent-Type: application/json\r\n\r\n{\"hello\":\"world\"}",
                  r.out);
        FCGX_Detach(&r);
        FCGX_Finish_r(&r);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: hello SOCKET WORKERS\n");
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
            serve(fd);
            _exit(0);
        }
    sigwait(&set, &sig); /* the workers go with the parent */
    for (int i = 0; i < n; i++)
        kill(kids[i], SIGTERM);
    while (wait(NULL) > 0)
        ;
    unlink(argv[1]);
    return 0;
}
