/* Prints what uname() and getpid() say, for tests/live.rs's sandbox test. On i386 it also makes
 * the two older uname calls (olduname, oldolduname) that only the 32-bit table has. */
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(void)
{
    struct utsname u;
    if (uname(&u) != 0) {
        perror("uname");
        return 1;
    }
    printf("sysname=%s nodename=%s release=%s machine=%s\n", u.sysname, u.nodename, u.release,
           u.machine);
    printf("pid=%d\n", (int)getpid());
#ifdef __i386__
    struct { char field[5][65]; } old;
    struct { char field[5][9]; } oldold;
    if (syscall(SYS_olduname, &old) == 0)
        printf("olduname.sysname=%s\n", old.field[0]);
    if (syscall(SYS_oldolduname, &oldold) == 0)
        printf("oldolduname.sysname=%s\n", oldold.field[0]);
#endif
    return 0;
}
