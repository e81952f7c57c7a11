/* The register files, laid out exactly like syscall-define's `#[repr(C)]` ones (which are laid out
 * like Linux's `struct pt_regs`), and the sinks of sinks.s. */
#ifndef SDB_BENCH_H
#define SDB_BENCH_H

#include <stddef.h>

typedef unsigned long long u64;
typedef unsigned int u32;

/* arch/x86/include/asm/ptrace.h (x86-64): also what a 32-bit process's registers are saved in. */
struct pt_regs_x86_64 {
	u64 r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di, orig_ax, ip, cs, flags,
	    sp, ss;
};

/* arch/arm64/include/asm/ptrace.h: also what an AArch32 process's registers are saved in. */
struct pt_regs_arm64 {
	u64 regs[31];
	u64 sp, pc, pstate, orig_x0;
	int syscallno;
	u32 unused2;
	u64 sdei_ttbr1, pmr_save, stackframe[2], lockdep_hardirqs, exit_rcu;
};

/* arch/riscv/include/asm/ptrace.h */
struct pt_regs_riscv {
	u64 epc, ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4, a5, a6, a7, s2, s3, s4, s5,
	    s6, s7, s8, s9, s10, s11, t3, t4, t5, t6, status, badaddr, cause, orig_a0;
};

_Static_assert(sizeof(struct pt_regs_x86_64) == 21 * 8, "x86-64 pt_regs");
_Static_assert(sizeof(struct pt_regs_arm64) == 42 * 8, "arm64 pt_regs");
_Static_assert(sizeof(struct pt_regs_riscv) == 36 * 8, "riscv pt_regs");
_Static_assert(offsetof(struct pt_regs_riscv, orig_a0) == 35 * 8, "riscv orig_a0");

long sd_sink0(void);
long sd_sink1(u64);
long sd_sink2(u64, u64);
long sd_sink3(u64, u64, u64);
long sd_sink4(u64, u64, u64, u64);
long sd_sink5(u64, u64, u64, u64, u64);
long sd_sink6(u64, u64, u64, u64, u64, u64);

/* One list of the benchmarked system calls: X(name). The stubs are __<abi>_sys_<name>. */
#define SDB_SYSCALLS(X)                                                                          \
	X(getpid) X(close) X(kill) X(read) X(openat) X(pread64) X(pwrite64) X(ftruncate64)     \
	X(readahead) X(fallocate) X(sync_file_range2) X(fanotify_mark) X(lseek) X(llseek)      \
	X(mmap) X(preadv2)

#define SDB_DECLARE(name)                                                                        \
	long __x64_sys_##name(const struct pt_regs_x86_64 *);                                    \
	long __ia32_sys_##name(const struct pt_regs_x86_64 *);                                   \
	long __arm64_sys_##name(const struct pt_regs_arm64 *);                                   \
	long __arm_sys_##name(const struct pt_regs_arm64 *);                                     \
	long __riscv_sys_##name(const struct pt_regs_riscv *);
SDB_SYSCALLS(SDB_DECLARE)
#undef SDB_DECLARE

#endif
