/* Counts the instructions of a system-call round trip (from the user's `syscall` or `int $0x80`
 * to the first user instruction after it) under QEMU with `-icount shift=0`, where the TSC
 * advances by exactly one per instruction executed. Each loop is timed at N and 2N iterations:
 * the difference divided by N is one iteration, and the loop's own user instructions (mov, dec,
 * jnz: 3) are taken off. Built static, 64-bit; run as init by the example kernel and by Linux. */
#include <stdio.h>
#include <unistd.h>

static inline unsigned long long tsc(void)
{
    unsigned lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((unsigned long long)hi << 32) | lo;
}

static unsigned long long syscall_loop(long n)
{
    unsigned long long t0 = tsc();
    __asm__ volatile("1: mov $39, %%eax\n\t"  /* x86-64 getpid */
                     "syscall\n\t"
                     "dec %0\n\t"
                     "jnz 1b"
                     : "+r"(n)
                     :
                     : "rax", "rcx", "r11", "memory");
    return tsc() - t0;
}

static unsigned long long getppid_loop(long n)
{
    unsigned long long t0 = tsc();
    __asm__ volatile("1: mov $110, %%eax\n\t"  /* x86-64 getppid */
                     "syscall\n\t"
                     "dec %0\n\t"
                     "jnz 1b"
                     : "+r"(n)
                     :
                     : "rax", "rcx", "r11", "memory");
    return tsc() - t0;
}

static unsigned long long int80_loop(long n)
{
    unsigned long long t0 = tsc();
    __asm__ volatile("1: mov $20, %%eax\n\t"  /* ia32 getpid */
                     "int $0x80\n\t"
                     "dec %0\n\t"
                     "jnz 1b"
                     : "+r"(n)
                     :
                     : "rax", "memory");
    return tsc() - t0;
}

/* The method's own check: one `nop` per iteration must count as exactly 1. */
static unsigned long long nop_loop(long n)
{
    unsigned long long t0 = tsc();
    __asm__ volatile("1: mov $39, %%eax\n\t"
                     "nop\n\t"
                     "dec %0\n\t"
                     "jnz 1b"
                     : "+r"(n)
                     :
                     : "rax", "memory");
    return tsc() - t0;
}

static long per_call(unsigned long long (*loop)(long))
{
    const long n = 1000;
    loop(n); /* warm */
    unsigned long long once = loop(n), twice = loop(2 * n);
    return (long)((twice - once) / n) - 3;
}

int main(void)
{
    long nop = per_call(nop_loop), sys = per_call(syscall_loop), int80 = per_call(int80_loop);
    long ppid = per_call(getppid_loop);
    printf("ROUNDTRIP nop %ld\nROUNDTRIP syscall getpid %ld\nROUNDTRIP int80 getpid %ld\n"
           "ROUNDTRIP syscall getppid %ld\n",
           nop, sys, int80, ppid);
    fflush(stdout);
    return 0;
}
