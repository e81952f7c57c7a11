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

/* arch/loongarch/include/asm/ptrace.h */
struct pt_regs_loongarch64 {
	u64 regs[32], orig_a0, csr_era, csr_badvaddr, csr_crmd, csr_prmd, csr_euen, csr_ecfg,
	    csr_estat;
};

/* arch/mips/include/asm/ptrace.h, CONFIG_64BIT: also what an o32 process's registers are saved
 * in (arguments 5..8 loaded from the user stack into regs[8..11]). */
struct pt_regs_mips64 {
	u64 regs[32], cp0_status, hi, lo, cp0_badvaddr, cp0_cause, cp0_epc;
};

/* arch/powerpc/include/uapi/asm/ptrace.h, __powerpc64__: also ppc32 compat's. */
struct pt_regs_ppc64 {
	u64 gpr[32], nip, msr, orig_gpr3, ctr, link, xer, ccr, softe, trap, dar, dsisr, result;
};

/* arch/s390/include/asm/ptrace.h: also 31-bit compat's. */
struct pt_regs_s390x {
	u64 args[1], psw_mask, psw_addr, gprs[16], orig_gpr2;
	u32 int_code, int_parm;
	u64 int_parm_long, flags, cr1, last_break;
};

/* arch/sparc/include/uapi/asm/ptrace.h, __arch64__: also sparc32 compat's. */
struct pt_regs_sparc64 {
	u64 u_regs[16], tstate, tpc, tnpc;
	u32 y, magic;
};

/* arch/parisc/include/uapi/asm/ptrace.h on parisc64: also a 32-bit process's. */
struct pt_regs_parisc64 {
	u64 gr[32], fr[32], sr[8], iasq[2], iaoq[2], cr27, pad0, orig_r28, ksp, kpc, sar, iir, isr,
	    ior, ipsw;
};

/* arch/m68k/include/uapi/asm/ptrace.h: m68k aligns long to 2 bytes. */
struct __attribute__((packed, aligned(2))) pt_regs_m68k {
	u32 d1, d2, d3, d4, d5, a0, a1, a2, d0, orig_d0, stkadj;
	unsigned short sr;
	u32 pc;
	unsigned short format_vector;
};

_Static_assert(sizeof(struct pt_regs_x86_64) == 21 * 8, "x86-64 pt_regs");
_Static_assert(sizeof(struct pt_regs_loongarch64) == 40 * 8, "loongarch64 pt_regs");
_Static_assert(sizeof(struct pt_regs_mips64) == 38 * 8, "mips64 pt_regs");
_Static_assert(sizeof(struct pt_regs_ppc64) == 44 * 8, "ppc64 pt_regs");
_Static_assert(sizeof(struct pt_regs_s390x) == 25 * 8, "s390x pt_regs");
_Static_assert(sizeof(struct pt_regs_sparc64) == 20 * 8, "sparc64 pt_regs");
_Static_assert(sizeof(struct pt_regs_parisc64) == 86 * 8, "parisc64 pt_regs");
_Static_assert(sizeof(struct pt_regs_m68k) == 52, "m68k pt_regs");
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

/* Every ABI of the table with the register file its stubs are measured on (the one an x86-64
 * kernel would save: a 32-bit ABI's 64-bit host's), as X(stub prefix, register file): the stubs
 * are <prefix><name>, in stubs.c (the first five) and stubs_more.c. */
#define SDB_ABIS(X)                                                                              \
	X(__x64_sys_, struct pt_regs_x86_64)                                                     \
	X(__x32_sys_, struct pt_regs_x86_64)                                              \
	X(__ia32_sys_, struct pt_regs_x86_64)                                                    \
	X(__arm64_sys_, struct pt_regs_arm64)                                                    \
	X(__arm_sys_, struct pt_regs_arm64)                                                      \
	X(__riscv_sys_, struct pt_regs_riscv)                                                    \
	X(__riscv32_sys_, struct pt_regs_riscv)                                                  \
	X(__loongarch64_sys_, struct pt_regs_loongarch64)                                        \
	X(__mips_o32_sys_, struct pt_regs_mips64)                                                \
	X(__mipsel_o32_sys_, struct pt_regs_mips64)                                              \
	X(__mips_n32_sys_, struct pt_regs_mips64)                                                \
	X(__mips_n64_sys_, struct pt_regs_mips64)                                                \
	X(__mipsel_n64_sys_, struct pt_regs_mips64)                                              \
	X(__ppc32_sys_, struct pt_regs_ppc64)                                                    \
	X(__ppc64_sys_, struct pt_regs_ppc64)                                                    \
	X(__ppc64le_sys_, struct pt_regs_ppc64)                                                  \
	X(__s390x_sys_, struct pt_regs_s390x)                                                    \
	X(__s390_sys_, struct pt_regs_s390x)                                                     \
	X(__sparc64_sys_, struct pt_regs_sparc64)                                                \
	X(__sparc32_sys_, struct pt_regs_sparc64)                                                \
	X(__parisc_sys_, struct pt_regs_parisc64)                                                \
	X(__m68k_sys_, struct pt_regs_m68k)

#define SDB_DECLARE_ONE(prefix, regs_t, name) long prefix##name(const regs_t *);
#define SDB_DECLARE_ABI(prefix, regs_t)                                                          \
	SDB_DECLARE_ONE(prefix, regs_t, getpid) SDB_DECLARE_ONE(prefix, regs_t, close)           \
	SDB_DECLARE_ONE(prefix, regs_t, kill) SDB_DECLARE_ONE(prefix, regs_t, read)              \
	SDB_DECLARE_ONE(prefix, regs_t, openat) SDB_DECLARE_ONE(prefix, regs_t, pread64)         \
	SDB_DECLARE_ONE(prefix, regs_t, pwrite64) SDB_DECLARE_ONE(prefix, regs_t, ftruncate64)   \
	SDB_DECLARE_ONE(prefix, regs_t, readahead) SDB_DECLARE_ONE(prefix, regs_t, fallocate)    \
	SDB_DECLARE_ONE(prefix, regs_t, sync_file_range2)                                        \
	SDB_DECLARE_ONE(prefix, regs_t, fanotify_mark) SDB_DECLARE_ONE(prefix, regs_t, lseek)    \
	SDB_DECLARE_ONE(prefix, regs_t, llseek) SDB_DECLARE_ONE(prefix, regs_t, mmap)            \
	SDB_DECLARE_ONE(prefix, regs_t, preadv2)
SDB_ABIS(SDB_DECLARE_ABI)

#endif
