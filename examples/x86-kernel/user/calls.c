/* A static Linux program for the example kernel, built unmodified with gcc and glibc
 * (`-static`, 64-bit and `-m32`). It makes calls with 64-bit and other distinctive arguments and
 * prints what it passed (`CALL name key=0x…`, on stderr so the lines interleave with the
 * kernel's), while the kernel's bodies print what they received (`SYS …`): the test compares the
 * two. Then a few results (`RESULT …`), and, in the 64-bit build, an execve of the 32-bit build:
 * the register file is replaced and the return goes to compat mode. */
#define _GNU_SOURCE
#define _LARGEFILE64_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <signal.h>
#include <unistd.h>

#define V64_A 0x1122334455667788LL /* both halves non-zero */
#define V64_B 0x0000000180000004LL /* low half has bit 31 set, high half 1 */

int main(int argc, char **argv)
{
    static char buf[64];
    int fd = open("/data", O_RDWR);
    if (fd < 0) {
        dprintf(2, "RESULT open failed errno=%d\n", errno);
        return 1;
    }

    dprintf(2, "CALL pread64 fd=0x%x count=0x%x pos=0x%llx\n", fd, 16, (unsigned long long)V64_B);
    pread64(fd, buf, 16, V64_B);
    dprintf(2, "CALL pwrite64 fd=0x%x count=0x%x pos=0x%llx\n", fd, 8, (unsigned long long)V64_A);
    pwrite64(fd, buf, 8, V64_A);
    dprintf(2, "CALL ftruncate fd=0x%x length=0x%llx\n", fd, (unsigned long long)V64_B);
    ftruncate64(fd, V64_B); /* beyond the file table's room: EFBIG, after the body printed it */
    dprintf(2, "CALL fadvise fd=0x%x offset=0x%llx len=0x%llx advice=0x%x\n", fd,
            (unsigned long long)V64_B, 0x200000002ULL, POSIX_FADV_SEQUENTIAL);
    posix_fadvise64(fd, V64_B, 0x200000002LL, POSIX_FADV_SEQUENTIAL);
    dprintf(2, "CALL lseek fd=0x%x offset=0x%llx whence=0x%x\n", fd, (unsigned long long)V64_B, SEEK_SET);
    long long at = lseek64(fd, V64_B, SEEK_SET);
    dprintf(2, "CALL mmap len=0x%x prot=0x%x flags=0x%x fd=0x%x offset=0x%llx\n", 4096, PROT_READ,
            MAP_PRIVATE, fd, 0x123456000ULL);
    void *map = mmap64(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0x123456000LL);
    dprintf(2, "CALL fallocate fd=0x%x mode=0x%x offset=0x%llx len=0x%llx\n", fd, 1,
            (unsigned long long)V64_B, 0x7fffULL);
    fallocate64(fd, FALLOC_FL_KEEP_SIZE, V64_B, 0x7fff);
    dprintf(2, "CALL sync_file_range fd=0x%x offset=0x%llx nbytes=0x%llx flags=0x%x\n", fd,
            (unsigned long long)V64_A, (unsigned long long)V64_B, SYNC_FILE_RANGE_WRITE);
    sync_file_range(fd, V64_A, V64_B, SYNC_FILE_RANGE_WRITE);

    dprintf(2, "RESULT lseek 0x%llx\n", at);
    struct stat st;
    int stat_ret = fstat(fd, &st);
    dprintf(2, "RESULT fstat %d size=%lld regular=%d\n", stat_ret, (long long)st.st_size, S_ISREG(st.st_mode));
    dprintf(2, "RESULT mmap %s\n", map == MAP_FAILED ? "failed" : "mapped");
    /* Reads what the file holds (the initrd's /data). */
    ssize_t n = pread64(fd, buf, 5, 0);
    dprintf(2, "RESULT pread64 %zd %.5s\n", n, buf);
    errno = 0;
    int killed = kill(getpid(), 0);
    dprintf(2, "RESULT kill %d errno=%d\n", killed, errno);
    dprintf(2, "RESULT getppid %d\n", getppid());
    struct utsname u;
    uname(&u);
    dprintf(2, "RESULT uname %s %s %s\n", u.sysname, u.release, u.machine);
    char *heap = malloc(1 << 20);
    memset(heap, 0x5a, 1 << 20);
    dprintf(2, "RESULT malloc %s\n", heap[12345] == 0x5a ? "ok" : "bad");
    printf("%s: done (%d-bit)\n", argv[0], (int)(sizeof(long) * 8));
    fflush(stdout);
    if (argc > 1) {
        /* Replace this program (64-bit) with the one named (32-bit): execve's register file. */
        char *args[] = {argv[1], NULL};
        execv(argv[1], args);
        dprintf(2, "RESULT execve failed errno=%d\n", errno);
        return 1;
    }
    return 0;
}
