/* A process family for tests/follow.rs: traced with `strace -f` and with the example tracer,
 * each process's calls must come out the same.
 *
 * Between the markers (0x7e00, 0x7e01: unassigned numbers) the program forks two children joined
 * by a pipe (the first writes a message, the second reads it and acknowledges), starts a thread,
 * and vforks a child that exits at once. Every ordering that matters is forced, so each process's
 * own sequence of calls and signals is the same in every run: SIGCHLD is blocked while a child
 * runs and unblocked once the child is reaped, so its delivery comes at the unblocking
 * rt_sigprocmask, one per child; the children exit only when the parent tells them to. The only
 * calls left to chance are futexes (whether pthread_join has to wait for the thread), which the
 * test leaves out. Exit statuses 3, 4 and 6 tell the children apart. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MARK_BEGIN 0x7e00
#define MARK_END 0x7e01

static int message[2], ack[2], go_a[2], go_b[2];

static void *worker(void *arg)
{
    (void)arg;
    syscall(SYS_gettid);
    write(ack[1], "t", 1);
    return NULL;
}

static void block_sigchld(int how)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigprocmask(how, &set, NULL);
}

int main(void)
{
    char c;
    int status;
    if (pipe(message) || pipe(ack) || pipe(go_a) || pipe(go_b))
        return 1;
    block_sigchld(SIG_BLOCK);
    syscall(MARK_BEGIN, 1, 0x600dcafe);

    pid_t a = fork();
    if (a == 0) {
        static const char text[] = "hello from the first child\n";
        write(message[1], text, sizeof text - 1);
        read(go_a[0], &c, 1);
        _exit(3);
    }
    pid_t b = fork();
    if (b == 0) {
        char buf[64];
        ssize_t n = read(message[0], buf, sizeof buf);
        write(ack[1], "b", 1);
        read(go_b[0], &c, 1);
        _exit(n == 27 ? 4 : 5);
    }
    /* The second child has the message: let the first one go, then the second. */
    read(ack[0], &c, 1);
    write(go_a[1], "a", 1);
    waitpid(a, &status, 0);
    block_sigchld(SIG_UNBLOCK);
    block_sigchld(SIG_BLOCK);
    write(go_b[1], "b", 1);
    waitpid(b, &status, 0);
    block_sigchld(SIG_UNBLOCK);
    block_sigchld(SIG_BLOCK);

    pthread_t thread;
    if (pthread_create(&thread, NULL, worker, NULL))
        return 1;
    read(ack[0], &c, 1);
    pthread_join(thread, NULL);

    pid_t v = vfork();
    if (v == 0)
        _exit(6);
    waitpid(v, &status, 0);
    block_sigchld(SIG_UNBLOCK);

    syscall(MARK_END);
    return 0;
}
