/* Signal cases for tests/follow.rs, by argv[1]: each run under the tracer must end as it ends
 * untraced, and print the signal lines strace prints.
 *
 *   pipe    write "y\n" to stdout until that kills it (SIGPIPE) or fails (EPIPE, if SIGPIPE is
 *           ignored: exit 1 with a message, as yes(1) does)
 *   stop    say "stopping PID", stop itself with SIGSTOP, say "continued" once continued, exit 0
 *   segv    store through a null pointer
 *   loop    say "looping PID", then call getppid and sleep 10 ms, forever (for -p)
 *   sleep   sleep 1000 s (for interrupting the tracer) */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!strcmp(argv[1], "pipe")) {
        for (;;) {
            if (write(1, "y\n", 2) < 0) {
                fprintf(stderr, "signals: write: %s\n", strerror(errno));
                return 1;
            }
        }
    }
    if (!strcmp(argv[1], "stop")) {
        printf("stopping %d\n", getpid());
        fflush(stdout);
        raise(SIGSTOP);
        printf("continued\n");
        return 0;
    }
    if (!strcmp(argv[1], "segv")) {
        *(volatile int *)0 = 1;
        return 0;
    }
    if (!strcmp(argv[1], "loop")) {
        printf("looping %d\n", getpid());
        fflush(stdout);
        struct timespec ten_ms = {0, 10 * 1000 * 1000};
        for (;;) {
            syscall(SYS_getppid);
            nanosleep(&ten_ms, NULL);
        }
    }
    if (!strcmp(argv[1], "sleep")) {
        struct timespec long_time = {1000, 0};
        nanosleep(&long_time, NULL);
        return 0;
    }
    return 2;
}
