/* Signal cases for tests/follow.rs, by argv[1]: each run under the tracer must end as it ends
 * untraced, and print the signal lines strace prints.
 *
 *   pipe    write "y\n" to stdout until that kills it (SIGPIPE) or fails (EPIPE, if SIGPIPE is
 *           ignored: exit 1 with a message, as yes(1) does)
 *   stop    say "stopping PID", stop itself with SIGSTOP, say "continued" once continued, exit 0
 *   segv    store through a null pointer
 *   loop    say "looping PID", then call getppid and sleep 10 ms, forever (for -p)
 *   sleep   sleep 1000 s (for interrupting the tracer)
 *   restart a SIGALRM handler (without SA_RESTART) and a timer every 20 ms, which interrupts a
 *           read of an empty pipe, a 10 s nanosleep and a pause: their exits show the kernel's
 *           restart codes (ERESTARTSYS, ERESTART_RESTARTBLOCK, ERESTARTNOHAND), and each
 *           returns EINTR */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void on_alarm(int sig)
{
    (void)sig;
}

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
    if (!strcmp(argv[1], "restart")) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_alarm;
        sigaction(SIGALRM, &action, NULL);
        int fds[2];
        if (pipe(fds))
            return 1;
        /* Every 20 ms: a tick that comes between two calls interrupts nothing, the next one
         * interrupts the call that blocks. */
        struct itimerval every = {{0, 20 * 1000}, {0, 20 * 1000}};
        setitimer(ITIMER_REAL, &every, NULL);
        char c;
        int interrupted = 0;
        interrupted += read(fds[0], &c, 1) < 0 && errno == EINTR;
        struct timespec ten_s = {10, 0};
        interrupted += nanosleep(&ten_s, NULL) < 0 && errno == EINTR;
        interrupted += pause() < 0 && errno == EINTR;
        struct itimerval off = {{0, 0}, {0, 0}};
        setitimer(ITIMER_REAL, &off, NULL);
        return interrupted == 3 ? 0 : 1;
    }
    if (!strcmp(argv[1], "sleep")) {
        struct timespec long_time = {1000, 0};
        nanosleep(&long_time, NULL);
        return 0;
    }
    return 2;
}
