/* ia32 socketcall for tests/follow.rs (built -m32): glibc's socket() (socketcall, or the direct
 * call), socketcall(SYS_SOCKET) and socketcall(SYS_BIND) by hand, a sub-call number out of range
 * and an unreadable argument block. Shown as strace shows them: as the sub-call, decoded from the
 * block, except the last two, which stay socketcall. Between the markers 0x7e00 and 0x7e01. */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MARK_BEGIN 0x7e00
#define MARK_END 0x7e01

int main(void)
{
    syscall(MARK_BEGIN, 1, 0x600dcafe);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    unsigned long dgram[3] = {AF_UNIX, SOCK_DGRAM, 0};
    syscall(SYS_socketcall, 1 /* SYS_SOCKET */, dgram);
    unsigned long bind_args[3] = {(unsigned long)fd, 0, 0};
    syscall(SYS_socketcall, 2 /* SYS_BIND */, bind_args);
    syscall(SYS_socketcall, 99, bind_args);
    syscall(SYS_socketcall, 1, (void *)8);
    syscall(MARK_END);
    return 0;
}
