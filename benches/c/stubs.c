/* The benchmarked system calls' entry stubs, written by hand the way Linux writes them
 * (ARCH_HAS_SYSCALL_WRAPPER: SC_X86_64_REGS_TO_ARGS, SC_IA32_REGS_TO_ARGS, the arm64 compat
 * wrappers, and the ia32/arm compat functions that join a 64-bit value from two registers), for
 * the same register files and with the same bodies as perf/stubs.rs. Built with `gcc -O2`.
 *
 * Each body is `static inline`, as Linux's __do_sys_*: it is inlined into every stub, and calls
 * the sink (sinks.s) with each argument converted to 64 bits by C's rules, which are the same as
 * Rust's `as u64`. */
#include "bench.h"

typedef long long loff_t;
typedef unsigned short umode_t;
typedef int rwf_t;

#define U(x) ((u64)(x))
#define LO(reg) ((u32)(reg))                        /* a 32-bit ABI's word: its low 32 bits */
#define PAIR(lo, hi) ((u64)(u32)(hi) << 32 | (u32)(lo)) /* a 64-bit value over two words */

/* The bodies. */
static inline long __do_sys_getpid(void) { return sd_sink0(); }
static inline long __do_sys_close(unsigned int fd) { return sd_sink1(U(fd)); }
static inline long __do_sys_kill(int pid, int sig) { return sd_sink2(U(pid), U(sig)); }
static inline long __do_sys_read(unsigned int fd, char *buf, size_t count)
{
	return sd_sink3(U(fd), U(buf), U(count));
}
static inline long __do_sys_openat(int dfd, const char *filename, int flags, umode_t mode)
{
	return sd_sink4(U(dfd), U(filename), U(flags), U(mode));
}
static inline long __do_sys_pread64(unsigned int fd, char *buf, size_t count, loff_t pos)
{
	return sd_sink4(U(fd), U(buf), U(count), U(pos));
}
static inline long __do_sys_pwrite64(unsigned int fd, const char *buf, size_t count, loff_t pos)
{
	return sd_sink4(U(fd), U(buf), U(count), U(pos));
}
static inline long __do_sys_ftruncate64(unsigned int fd, loff_t length)
{
	return sd_sink2(U(fd), U(length));
}
static inline long __do_sys_readahead(int fd, loff_t offset, size_t count)
{
	return sd_sink3(U(fd), U(offset), U(count));
}
static inline long __do_sys_fallocate(int fd, int mode, loff_t offset, loff_t len)
{
	return sd_sink4(U(fd), U(mode), U(offset), U(len));
}
static inline long __do_sys_sync_file_range2(int fd, unsigned int flags, loff_t offset,
					     loff_t nbytes)
{
	return sd_sink4(U(fd), U(flags), U(offset), U(nbytes));
}
static inline long __do_sys_fanotify_mark(int fanotify_fd, unsigned int flags, u64 mask, int dfd,
					  const char *pathname)
{
	return sd_sink5(U(fanotify_fd), U(flags), U(mask), U(dfd), U(pathname));
}
static inline long __do_sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	return sd_sink3(U(fd), U(offset), U(whence));
}
static inline long __do_sys_llseek(unsigned int fd, unsigned long offset_high,
				   unsigned long offset_low, loff_t *result, unsigned int whence)
{
	return sd_sink5(U(fd), U(offset_high), U(offset_low), U(result), U(whence));
}
static inline long __do_sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
				 unsigned long flags, unsigned long fd, unsigned long off)
{
	return sd_sink6(U(addr), U(len), U(prot), U(flags), U(fd), U(off));
}
static inline long __do_sys_preadv2(unsigned long fd, const void *vec, unsigned long vlen,
				    unsigned long pos_l, unsigned long pos_h, rwf_t flags)
{
	return sd_sink6(U(fd), U(vec), U(vlen), U(pos_l), U(pos_h), U(flags));
}

#ifndef SDB_BODIES_ONLY
/* x86-64: di si dx r10 r8 r9, one register per argument. */
#define R const struct pt_regs_x86_64 *r
long __x64_sys_getpid(R) { (void)r; return __do_sys_getpid(); }
long __x64_sys_close(R) { return __do_sys_close((unsigned int)r->di); }
long __x64_sys_kill(R) { return __do_sys_kill((int)r->di, (int)r->si); }
long __x64_sys_read(R) { return __do_sys_read((unsigned int)r->di, (char *)r->si, r->dx); }
long __x64_sys_openat(R)
{
	return __do_sys_openat((int)r->di, (const char *)r->si, (int)r->dx, (umode_t)r->r10);
}
long __x64_sys_pread64(R)
{
	return __do_sys_pread64((unsigned int)r->di, (char *)r->si, r->dx, (loff_t)r->r10);
}
long __x64_sys_pwrite64(R)
{
	return __do_sys_pwrite64((unsigned int)r->di, (const char *)r->si, r->dx, (loff_t)r->r10);
}
long __x64_sys_ftruncate64(R) { return __do_sys_ftruncate64((unsigned int)r->di, (loff_t)r->si); }
long __x64_sys_readahead(R) { return __do_sys_readahead((int)r->di, (loff_t)r->si, r->dx); }
long __x64_sys_fallocate(R)
{
	return __do_sys_fallocate((int)r->di, (int)r->si, (loff_t)r->dx, (loff_t)r->r10);
}
long __x64_sys_sync_file_range2(R)
{
	return __do_sys_sync_file_range2((int)r->di, (unsigned int)r->si, (loff_t)r->dx,
					 (loff_t)r->r10);
}
long __x64_sys_fanotify_mark(R)
{
	return __do_sys_fanotify_mark((int)r->di, (unsigned int)r->si, r->dx, (int)r->r10,
				      (const char *)r->r8);
}
long __x64_sys_lseek(R) { return __do_sys_lseek((unsigned int)r->di, (long)r->si, (unsigned int)r->dx); }
long __x64_sys_llseek(R)
{
	return __do_sys_llseek((unsigned int)r->di, r->si, r->dx, (loff_t *)r->r10,
			       (unsigned int)r->r8);
}
long __x64_sys_mmap(R) { return __do_sys_mmap(r->di, r->si, r->dx, r->r10, r->r8, r->r9); }
long __x64_sys_preadv2(R)
{
	return __do_sys_preadv2(r->di, (const void *)r->si, r->dx, r->r10, r->r8, (rwf_t)r->r9);
}

/* ia32 on x86-64: bx cx dx si di bp, low 32 bits; a 64-bit value in two consecutive registers,
 * low first (Linux's ia32_pread64(.., poslo, poshi) etc.). `long` is sign-extended, `unsigned
 * long`, size_t and pointers zero-extended (compat_long_t, compat_ulong_t, compat_ptr). */
long __ia32_sys_getpid(R) { (void)r; return __do_sys_getpid(); }
long __ia32_sys_close(R) { return __do_sys_close(LO(r->bx)); }
long __ia32_sys_kill(R) { return __do_sys_kill((int)r->bx, (int)r->cx); }
long __ia32_sys_read(R)
{
	return __do_sys_read(LO(r->bx), (char *)(unsigned long)LO(r->cx), LO(r->dx));
}
long __ia32_sys_openat(R)
{
	return __do_sys_openat((int)r->bx, (const char *)(unsigned long)LO(r->cx), (int)r->dx,
			       (umode_t)r->si);
}
long __ia32_sys_pread64(R)
{
	return __do_sys_pread64(LO(r->bx), (char *)(unsigned long)LO(r->cx), LO(r->dx),
				(loff_t)PAIR(r->si, r->di));
}
long __ia32_sys_pwrite64(R)
{
	return __do_sys_pwrite64(LO(r->bx), (const char *)(unsigned long)LO(r->cx), LO(r->dx),
				 (loff_t)PAIR(r->si, r->di));
}
long __ia32_sys_ftruncate64(R)
{
	return __do_sys_ftruncate64(LO(r->bx), (loff_t)PAIR(r->cx, r->dx));
}
long __ia32_sys_readahead(R)
{
	return __do_sys_readahead((int)r->bx, (loff_t)PAIR(r->cx, r->dx), LO(r->si));
}
long __ia32_sys_fallocate(R)
{
	return __do_sys_fallocate((int)r->bx, (int)r->cx, (loff_t)PAIR(r->dx, r->si),
				  (loff_t)PAIR(r->di, r->bp));
}
long __ia32_sys_sync_file_range2(R)
{
	return __do_sys_sync_file_range2((int)r->bx, LO(r->cx), (loff_t)PAIR(r->dx, r->si),
					 (loff_t)PAIR(r->di, r->bp));
}
long __ia32_sys_fanotify_mark(R)
{
	return __do_sys_fanotify_mark((int)r->bx, LO(r->cx), PAIR(r->dx, r->si), (int)r->di,
				      (const char *)(unsigned long)LO(r->bp));
}
long __ia32_sys_lseek(R) { return __do_sys_lseek(LO(r->bx), (int)r->cx, LO(r->dx)); }
long __ia32_sys_llseek(R)
{
	return __do_sys_llseek(LO(r->bx), LO(r->cx), LO(r->dx), (loff_t *)(unsigned long)LO(r->si),
			       LO(r->di));
}
long __ia32_sys_mmap(R)
{
	return __do_sys_mmap(LO(r->bx), LO(r->cx), LO(r->dx), LO(r->si), LO(r->di), LO(r->bp));
}
long __ia32_sys_preadv2(R)
{
	return __do_sys_preadv2(LO(r->bx), (const void *)(unsigned long)LO(r->cx), LO(r->dx),
				LO(r->si), LO(r->di), (rwf_t)r->bp);
}
#undef R

/* arm64: x0..x5, one register per argument. */
#define R const struct pt_regs_arm64 *r
#define X(n) (r->regs[n])
long __arm64_sys_getpid(R) { (void)r; return __do_sys_getpid(); }
long __arm64_sys_close(R) { return __do_sys_close((unsigned int)X(0)); }
long __arm64_sys_kill(R) { return __do_sys_kill((int)X(0), (int)X(1)); }
long __arm64_sys_read(R) { return __do_sys_read((unsigned int)X(0), (char *)X(1), X(2)); }
long __arm64_sys_openat(R)
{
	return __do_sys_openat((int)X(0), (const char *)X(1), (int)X(2), (umode_t)X(3));
}
long __arm64_sys_pread64(R)
{
	return __do_sys_pread64((unsigned int)X(0), (char *)X(1), X(2), (loff_t)X(3));
}
long __arm64_sys_pwrite64(R)
{
	return __do_sys_pwrite64((unsigned int)X(0), (const char *)X(1), X(2), (loff_t)X(3));
}
long __arm64_sys_ftruncate64(R) { return __do_sys_ftruncate64((unsigned int)X(0), (loff_t)X(1)); }
long __arm64_sys_readahead(R) { return __do_sys_readahead((int)X(0), (loff_t)X(1), X(2)); }
long __arm64_sys_fallocate(R)
{
	return __do_sys_fallocate((int)X(0), (int)X(1), (loff_t)X(2), (loff_t)X(3));
}
long __arm64_sys_sync_file_range2(R)
{
	return __do_sys_sync_file_range2((int)X(0), (unsigned int)X(1), (loff_t)X(2), (loff_t)X(3));
}
long __arm64_sys_fanotify_mark(R)
{
	return __do_sys_fanotify_mark((int)X(0), (unsigned int)X(1), X(2), (int)X(3),
				      (const char *)X(4));
}
long __arm64_sys_lseek(R) { return __do_sys_lseek((unsigned int)X(0), (long)X(1), (unsigned int)X(2)); }
long __arm64_sys_llseek(R)
{
	return __do_sys_llseek((unsigned int)X(0), X(1), X(2), (loff_t *)X(3), (unsigned int)X(4));
}
long __arm64_sys_mmap(R) { return __do_sys_mmap(X(0), X(1), X(2), X(3), X(4), X(5)); }
long __arm64_sys_preadv2(R)
{
	return __do_sys_preadv2(X(0), (const void *)X(1), X(2), X(3), X(4), (rwf_t)X(5));
}

/* arm (EABI) on arm64: r0..r5 (= x0..x5), low 32 bits; a 64-bit value in an even/odd pair, low
 * first, an odd register skipped to get there (the arm64 compat wrappers' arg_u64(lo, hi)). */
long __arm_sys_getpid(R) { (void)r; return __do_sys_getpid(); }
long __arm_sys_close(R) { return __do_sys_close(LO(X(0))); }
long __arm_sys_kill(R) { return __do_sys_kill((int)X(0), (int)X(1)); }
long __arm_sys_read(R)
{
	return __do_sys_read(LO(X(0)), (char *)(unsigned long)LO(X(1)), LO(X(2)));
}
long __arm_sys_openat(R)
{
	return __do_sys_openat((int)X(0), (const char *)(unsigned long)LO(X(1)), (int)X(2),
			       (umode_t)X(3));
}
long __arm_sys_pread64(R) /* r3 is padding */
{
	return __do_sys_pread64(LO(X(0)), (char *)(unsigned long)LO(X(1)), LO(X(2)),
				(loff_t)PAIR(X(4), X(5)));
}
long __arm_sys_pwrite64(R) /* r3 is padding */
{
	return __do_sys_pwrite64(LO(X(0)), (const char *)(unsigned long)LO(X(1)), LO(X(2)),
				 (loff_t)PAIR(X(4), X(5)));
}
long __arm_sys_ftruncate64(R) /* r1 is padding */
{
	return __do_sys_ftruncate64(LO(X(0)), (loff_t)PAIR(X(2), X(3)));
}
long __arm_sys_readahead(R) /* r1 is padding */
{
	return __do_sys_readahead((int)X(0), (loff_t)PAIR(X(2), X(3)), LO(X(4)));
}
long __arm_sys_fallocate(R)
{
	return __do_sys_fallocate((int)X(0), (int)X(1), (loff_t)PAIR(X(2), X(3)),
				  (loff_t)PAIR(X(4), X(5)));
}
long __arm_sys_sync_file_range2(R)
{
	return __do_sys_sync_file_range2((int)X(0), LO(X(1)), (loff_t)PAIR(X(2), X(3)),
					 (loff_t)PAIR(X(4), X(5)));
}
long __arm_sys_fanotify_mark(R)
{
	return __do_sys_fanotify_mark((int)X(0), LO(X(1)), PAIR(X(2), X(3)), (int)X(4),
				      (const char *)(unsigned long)LO(X(5)));
}
long __arm_sys_lseek(R) { return __do_sys_lseek(LO(X(0)), (int)X(1), LO(X(2))); }
long __arm_sys_llseek(R)
{
	return __do_sys_llseek(LO(X(0)), LO(X(1)), LO(X(2)), (loff_t *)(unsigned long)LO(X(3)),
			       LO(X(4)));
}
long __arm_sys_mmap(R)
{
	return __do_sys_mmap(LO(X(0)), LO(X(1)), LO(X(2)), LO(X(3)), LO(X(4)), LO(X(5)));
}
long __arm_sys_preadv2(R)
{
	return __do_sys_preadv2(LO(X(0)), (const void *)(unsigned long)LO(X(1)), LO(X(2)),
				LO(X(3)), LO(X(4)), (rwf_t)X(5));
}
#undef X
#undef R

/* riscv64: orig_a0 a1..a5 (the entry code keeps a0 for the return value). */
#define R const struct pt_regs_riscv *r
long __riscv_sys_getpid(R) { (void)r; return __do_sys_getpid(); }
long __riscv_sys_close(R) { return __do_sys_close((unsigned int)r->orig_a0); }
long __riscv_sys_kill(R) { return __do_sys_kill((int)r->orig_a0, (int)r->a1); }
long __riscv_sys_read(R) { return __do_sys_read((unsigned int)r->orig_a0, (char *)r->a1, r->a2); }
long __riscv_sys_openat(R)
{
	return __do_sys_openat((int)r->orig_a0, (const char *)r->a1, (int)r->a2, (umode_t)r->a3);
}
long __riscv_sys_pread64(R)
{
	return __do_sys_pread64((unsigned int)r->orig_a0, (char *)r->a1, r->a2, (loff_t)r->a3);
}
long __riscv_sys_pwrite64(R)
{
	return __do_sys_pwrite64((unsigned int)r->orig_a0, (const char *)r->a1, r->a2,
				 (loff_t)r->a3);
}
long __riscv_sys_ftruncate64(R)
{
	return __do_sys_ftruncate64((unsigned int)r->orig_a0, (loff_t)r->a1);
}
long __riscv_sys_readahead(R) { return __do_sys_readahead((int)r->orig_a0, (loff_t)r->a1, r->a2); }
long __riscv_sys_fallocate(R)
{
	return __do_sys_fallocate((int)r->orig_a0, (int)r->a1, (loff_t)r->a2, (loff_t)r->a3);
}
long __riscv_sys_sync_file_range2(R)
{
	return __do_sys_sync_file_range2((int)r->orig_a0, (unsigned int)r->a1, (loff_t)r->a2,
					 (loff_t)r->a3);
}
long __riscv_sys_fanotify_mark(R)
{
	return __do_sys_fanotify_mark((int)r->orig_a0, (unsigned int)r->a1, r->a2, (int)r->a3,
				      (const char *)r->a4);
}
long __riscv_sys_lseek(R)
{
	return __do_sys_lseek((unsigned int)r->orig_a0, (long)r->a1, (unsigned int)r->a2);
}
long __riscv_sys_llseek(R)
{
	return __do_sys_llseek((unsigned int)r->orig_a0, r->a1, r->a2, (loff_t *)r->a3,
			       (unsigned int)r->a4);
}
long __riscv_sys_mmap(R) { return __do_sys_mmap(r->orig_a0, r->a1, r->a2, r->a3, r->a4, r->a5); }
long __riscv_sys_preadv2(R)
{
	return __do_sys_preadv2(r->orig_a0, (const void *)r->a1, r->a2, r->a3, r->a4, (rwf_t)r->a5);
}
#undef R
#endif /* SDB_BODIES_ONLY */
