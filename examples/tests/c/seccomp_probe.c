/* Calls at the boundaries of the seccomp policy in tests/live.rs, for the filter that policy
 * compiles to. Built 64-bit and 32-bit (`-m32 -static`); prints one line per probe:
 * `NAME RET ERRNO`, or `NAME trap DATA ARCH` when the call raised SIGSYS (SECCOMP_RET_TRAP:
 * si_errno carries the rule's data, si_arch the calling ABI's AUDIT_ARCH).
 *
 * Every probe's outcome differs with and without the filter, and with a filter that reads the
 * wrong word, the wrong half or the register's upper half: see the policy. */
#define _GNU_SOURCE
#define _LARGEFILE64_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t trapped;
static volatile int trap_data;
static volatile unsigned trap_arch;

static void on_sigsys(int sig, siginfo_t *info, void *context)
{
    (void)sig;
    (void)context;
    trapped = 1;
    trap_data = info->si_errno;
    trap_arch = info->si_arch;
}

static void report(const char *name, long ret)
{
    int saved = errno;
    if (trapped) {
        printf("%s trap %d %x\n", name, trap_data, trap_arch);
    } else {
        printf("%s %ld %d\n", name, ret, ret < 0 ? saved : 0);
    }
    trapped = 0;
    errno = 0;
}

#define PROBE(name, call)                                                                          \
    do {                                                                                           \
        errno = 0;                                                                                 \
        long ret_ = (long)(call);                                                                  \
        report(name, ret_);                                                                        \
    } while (0)

#if defined(__x86_64__)
/* An ia32 system call from 64-bit code: `int $0x80`, the compat entry (AUDIT_ARCH_I386). */
static long int80(long nr, long a, long b)
{
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b) : "memory");
    if (ret < 0 && ret > -4096) {
        errno = (int)-ret;
        return -1;
    }
    return ret;
}
#endif

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigsys;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSYS, &sa, NULL);
    setvbuf(stdout, NULL, _IONBF, 0);

    FILE *file = tmpfile();
    int fd = fileno(file);
    char buf[16];

    /* pos > 0xffffffff = EACCES; pos < 0 = ERANGE. A file read past its end returns 0. */
    PROBE("pread_below_4g", pread64(fd, buf, 1, 0xffffffffLL));
    PROBE("pread_4g", pread64(fd, buf, 1, 0x100000000LL));
    PROBE("pread_above_4g", pread64(fd, buf, 1, 0x500000001LL));
    PROBE("pread_zero", pread64(fd, buf, 1, 0));
    PROBE("pread_minus_1", pread64(fd, buf, 1, -1LL));
    PROBE("pread_min", pread64(fd, buf, 1, (long long)INT64_MIN));

    /* close(fd == 1000) = EPERM: any other fd reaches the kernel (EBADF). */
    PROBE("close_1000", close(1000));
    PROBE("close_1001", close(1001));
    /* kill(sig < 0) = ERANGE (the kernel's own answer is EINVAL). */
    PROBE("kill_sig_minus_5", kill(getpid(), -5));
    PROBE("kill_sig_0", kill(getpid(), 0));

    /* getppid = trap(7). */
    PROBE("getppid", getppid());

#if defined(__x86_64__)
    /* `unsigned int fd` and `int sig` are the low 32 bits of their registers: garbage above. */
    PROBE("close_1000_garbage", syscall(SYS_close, 0xdeadbeef000003e8UL));
    PROBE("close_1001_garbage", syscall(SYS_close, 0x00000001000003e9UL));
    PROBE("kill_minus_5_garbage", syscall(SYS_kill, (long)getpid(), 0x00000001fffffffbUL));
    PROBE("kill_0_garbage", syscall(SYS_kill, (long)getpid(), 0xffffffff00000000UL));
    /* An x32 number (bit 30): the bad-arch action, errno(18). */
    PROBE("x32_getpid", syscall(0x40000000L | SYS_getpid));
    /* ia32 calls from 64-bit code: ia32's numbers. 64 is ia32 getppid (trapped), 20 its
     * getpid (allowed), 110 x86-64's getppid number (ia32 iopl: reaches the kernel). */
    PROBE("int80_getppid", int80(64, 0, 0));
    PROBE("int80_getpid_is_pid", int80(20, 0, 0) == getpid());
    PROBE("int80_110", int80(110, 0, 0));
    /* ia32 close (6) with fd 1000 from 64-bit code. */
    PROBE("int80_close_1000", int80(6, 1000, 0));
#endif
    return 0;
}
