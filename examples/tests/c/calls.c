/* System calls with 64-bit and other distinctive arguments, for tests/live.rs.
 *
 * Built twice by the test: 64-bit (`gcc -no-pie`) and 32-bit (`gcc -m32 -static`), both
 * position-dependent, so every address passed below (globals, string literals) is the same in
 * every run: the tracer's run and strace's run of the same binary see the same words.
 *
 * The calls are bracketed by two unassigned system calls (0x7e00 and 0x7e01, which return
 * ENOSYS): the test compares only what lies between them. `_llseek`'s result pointer is on the
 * stack: the test runs both tracers with address-space randomization off. No call is meant to succeed: the
 * fds (1000, 1001, 0x7fffffff) are not open and the paths lie under a directory that does not
 * exist, so nothing is read, written or created. */
#define _GNU_SOURCE
#define _LARGEFILE64_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define MARK_BEGIN 0x7e00
#define MARK_END 0x7e01
#define V64_A 0x1122334455667788LL /* both halves non-zero */
#define V64_B 0x0000000180000004LL /* low half has bit 31 set, high half 1 */

static char buf[4096];
static struct iovec iov[2];

int main(void)
{
    iov[0].iov_base = buf + 8;
    iov[0].iov_len = 16;
    iov[1].iov_base = buf + 64;
    iov[1].iov_len = 32;

    syscall(MARK_BEGIN, 1, 0x600dcafe);
    pread64(1000, buf + 1, 0x123, V64_A);
    pwrite64(1001, buf + 2, 0x321, V64_B);
    pread64(0x7fffffff, buf + 3, 7, -2);
    fallocate64(1000, 1, V64_A, V64_B);
    ftruncate64(1000, V64_A);                    /* x86-64: ftruncate; i386: ftruncate64 */
    truncate64("/nonexistent-dir/t", V64_B);     /* x86-64: truncate; i386: truncate64 */
    lseek64(1000, V64_B, SEEK_CUR);              /* x86-64: lseek; i386: _llseek */
    syscall(SYS_lseek, 1000, (long)-2, SEEK_END); /* lseek on both */
    mmap64((void *)0x12345000, 0x2000, PROT_READ, MAP_PRIVATE, 1000,
           0x180003000LL);                       /* x86-64: mmap; i386: mmap2 (pgoff 0x180003) */
    posix_fadvise64(1000, V64_A, V64_B, POSIX_FADV_DONTNEED); /* i386: fadvise64_64 */
    posix_fadvise(1001, -2, 0x7ffff, POSIX_FADV_SEQUENTIAL);  /* i386: fadvise64 */
    sync_file_range(1000, V64_A, V64_B, SYNC_FILE_RANGE_WRITE);
    openat(AT_FDCWD, "/nonexistent-dir/file", O_RDONLY | O_CREAT | O_CLOEXEC, 0640);
    openat(-2, "relative", O_WRONLY);
    preadv64v2(1000, iov, 2, V64_A, RWF_HIPRI);
    pwritev64v2(1001, iov, 2, V64_B, RWF_DSYNC);
    preadv64(1000, iov, 2, -2);
    syscall(MARK_END, 1, 0x600dcafe);
    printf("done\n");
    return 0;
}
