/* The benchmarked system calls' entry stubs for the ABIs after the first five, written by hand
 * the way Linux writes them (SC_*_REGS_TO_ARGS: one register expression per argument slot, and
 * the compat functions that join a 64-bit value from two registers), from three templates: one
 * register per argument (64-bit registers), 32-bit words with pairs in consecutive slots, and
 * 32-bit words with pairs at even slots (a pad skipped). The bodies are stubs.c's, included. Built
 * with `gcc -O2`. */
#include "bench.h"

/* stubs.c's bodies (static inline), without its stubs. */
#define SDB_BODIES_ONLY
#include "stubs.c"

/* 64-bit registers, the kernel's own functions on whole registers (as x86-64). */
#define ONE_REGISTER(P, T, A0, A1, A2, A3, A4, A5)                                               \
	long P##getpid(const T *r) { (void)r; return __do_sys_getpid(); }                        \
	long P##close(const T *r) { return __do_sys_close((unsigned int)A0); }                   \
	long P##kill(const T *r) { return __do_sys_kill((int)A0, (int)A1); }                     \
	long P##read(const T *r) { return __do_sys_read((unsigned int)A0, (char *)A1, A2); }     \
	long P##openat(const T *r)                                                               \
	{                                                                                        \
		return __do_sys_openat((int)A0, (const char *)A1, (int)A2, (umode_t)A3);         \
	}                                                                                        \
	long P##pread64(const T *r)                                                              \
	{                                                                                        \
		return __do_sys_pread64((unsigned int)A0, (char *)A1, A2, (loff_t)A3);           \
	}                                                                                        \
	long P##pwrite64(const T *r)                                                             \
	{                                                                                        \
		return __do_sys_pwrite64((unsigned int)A0, (const char *)A1, A2, (loff_t)A3);    \
	}                                                                                        \
	long P##ftruncate64(const T *r)                                                          \
	{                                                                                        \
		return __do_sys_ftruncate64((unsigned int)A0, (loff_t)A1);                       \
	}                                                                                        \
	long P##readahead(const T *r) { return __do_sys_readahead((int)A0, (loff_t)A1, A2); }    \
	long P##fallocate(const T *r)                                                            \
	{                                                                                        \
		return __do_sys_fallocate((int)A0, (int)A1, (loff_t)A2, (loff_t)A3);             \
	}                                                                                        \
	long P##sync_file_range2(const T *r)                                                     \
	{                                                                                        \
		return __do_sys_sync_file_range2((int)A0, (unsigned int)A1, (loff_t)A2,          \
						 (loff_t)A3);                                    \
	}                                                                                        \
	long P##fanotify_mark(const T *r)                                                        \
	{                                                                                        \
		return __do_sys_fanotify_mark((int)A0, (unsigned int)A1, A2, (int)A3,            \
					      (const char *)A4);                                 \
	}                                                                                        \
	long P##lseek(const T *r)                                                                \
	{                                                                                        \
		return __do_sys_lseek((unsigned int)A0, (long)A1, (unsigned int)A2);             \
	}                                                                                        \
	long P##llseek(const T *r)                                                               \
	{                                                                                        \
		return __do_sys_llseek((unsigned int)A0, A1, A2, (loff_t *)A3, (unsigned int)A4); \
	}                                                                                        \
	long P##mmap(const T *r) { return __do_sys_mmap(A0, A1, A2, A3, A4, A5); }               \
	long P##preadv2(const T *r)                                                              \
	{                                                                                        \
		return __do_sys_preadv2(A0, (const void *)A1, A2, A3, A4, (rwf_t)A5);            \
	}

/* 32-bit words (the low halves of 64-bit registers on a compat host): `long` sign-extended,
 * everything else zero-extended (compat_long_t, compat_ulong_t, compat_ptr), pointers through
 * PTR (s390 compat masks them to 31 bits). A 64-bit value comes from two slots joined by J, in
 * the ABI's half order; PREAD, TRUNC, AHEAD and COUNT are pread64's `pos`, ftruncate64's `length`
 * and readahead's `offset` and `count`, which differ between the two pair rules. */
#define WORDS32(P, T, A0, A1, A2, A3, A4, A5, J, PTR, PREAD, TRUNC, AHEAD, COUNT)                \
	long P##getpid(const T *r) { (void)r; return __do_sys_getpid(); }                        \
	long P##close(const T *r) { return __do_sys_close(LO(A0)); }                             \
	long P##kill(const T *r) { return __do_sys_kill((int)A0, (int)A1); }                     \
	long P##read(const T *r) { return __do_sys_read(LO(A0), (char *)PTR(A1), LO(A2)); }      \
	long P##openat(const T *r)                                                               \
	{                                                                                        \
		return __do_sys_openat((int)A0, (const char *)PTR(A1), (int)A2, (umode_t)A3);    \
	}                                                                                        \
	long P##pread64(const T *r)                                                              \
	{                                                                                        \
		return __do_sys_pread64(LO(A0), (char *)PTR(A1), LO(A2), (loff_t)PREAD);         \
	}                                                                                        \
	long P##pwrite64(const T *r)                                                             \
	{                                                                                        \
		return __do_sys_pwrite64(LO(A0), (const char *)PTR(A1), LO(A2), (loff_t)PREAD);  \
	}                                                                                        \
	long P##ftruncate64(const T *r) { return __do_sys_ftruncate64(LO(A0), (loff_t)TRUNC); }  \
	long P##readahead(const T *r) { return __do_sys_readahead((int)A0, AHEAD, COUNT); }      \
	long P##fallocate(const T *r)                                                            \
	{                                                                                        \
		return __do_sys_fallocate((int)A0, (int)A1, (loff_t)J(A2, A3), (loff_t)J(A4, A5)); \
	}                                                                                        \
	long P##sync_file_range2(const T *r)                                                     \
	{                                                                                        \
		return __do_sys_sync_file_range2((int)A0, LO(A1), (loff_t)J(A2, A3),             \
						 (loff_t)J(A4, A5));                             \
	}                                                                                        \
	long P##fanotify_mark(const T *r)                                                        \
	{                                                                                        \
		return __do_sys_fanotify_mark((int)A0, LO(A1), J(A2, A3), (int)A4,               \
					      (const char *)PTR(A5));                            \
	}                                                                                        \
	long P##lseek(const T *r) { return __do_sys_lseek(LO(A0), (int)A1, LO(A2)); }            \
	long P##llseek(const T *r)                                                               \
	{                                                                                        \
		return __do_sys_llseek(LO(A0), LO(A1), LO(A2), (loff_t *)PTR(A3), LO(A4));       \
	}                                                                                        \
	long P##mmap(const T *r)                                                                 \
	{                                                                                        \
		return __do_sys_mmap(LO(A0), LO(A1), LO(A2), LO(A3), LO(A4), LO(A5));            \
	}                                                                                        \
	long P##preadv2(const T *r)                                                              \
	{                                                                                        \
		return __do_sys_preadv2(LO(A0), (const void *)PTR(A1), LO(A2), LO(A3), LO(A4),   \
					(rwf_t)A5);                                              \
	}

/* Pairs in consecutive slots (i386, riscv32, s390, sparc32, parisc, m68k). */
#define CONSECUTIVE(P, T, A0, A1, A2, A3, A4, A5, J, PTR)                                        \
	WORDS32(P, T, A0, A1, A2, A3, A4, A5, J, PTR, J(A3, A4), J(A1, A2), (loff_t)J(A1, A2),   \
		LO(A3))
/* Pairs at even slots, an odd slot skipped as padding (arm, mips o32, ppc32). */
#define EVEN_ALIGNED(P, T, A0, A1, A2, A3, A4, A5, J, PTR)                                       \
	WORDS32(P, T, A0, A1, A2, A3, A4, A5, J, PTR, J(A4, A5), J(A2, A3), (loff_t)J(A2, A3),   \
		LO(A4))

#define LOW_FIRST(a, b) PAIR(a, b)
#define HIGH_FIRST(a, b) PAIR(b, a)
#define UPTR(x) ((unsigned long)LO(x))
#define UPTR31(x) ((unsigned long)(LO(x) & 0x7fffffff)) /* s390 compat_ptr */

ONE_REGISTER(__x32_sys_, struct pt_regs_x86_64, r->di, r->si, r->dx, r->r10, r->r8, r->r9)
CONSECUTIVE(__riscv32_sys_, struct pt_regs_riscv, r->orig_a0, r->a1, r->a2, r->a3, r->a4, r->a5,
	    LOW_FIRST, UPTR)
ONE_REGISTER(__loongarch64_sys_, struct pt_regs_loongarch64, r->orig_a0, r->regs[5], r->regs[6],
	     r->regs[7], r->regs[8], r->regs[9])
EVEN_ALIGNED(__mips_o32_sys_, struct pt_regs_mips64, r->regs[4], r->regs[5], r->regs[6],
	     r->regs[7], r->regs[8], r->regs[9], HIGH_FIRST, UPTR)
EVEN_ALIGNED(__mipsel_o32_sys_, struct pt_regs_mips64, r->regs[4], r->regs[5], r->regs[6],
	     r->regs[7], r->regs[8], r->regs[9], LOW_FIRST, UPTR)
ONE_REGISTER(__mips_n32_sys_, struct pt_regs_mips64, r->regs[4], r->regs[5], r->regs[6],
	     r->regs[7], r->regs[8], r->regs[9])
ONE_REGISTER(__mips_n64_sys_, struct pt_regs_mips64, r->regs[4], r->regs[5], r->regs[6],
	     r->regs[7], r->regs[8], r->regs[9])
ONE_REGISTER(__mipsel_n64_sys_, struct pt_regs_mips64, r->regs[4], r->regs[5], r->regs[6],
	     r->regs[7], r->regs[8], r->regs[9])
EVEN_ALIGNED(__ppc32_sys_, struct pt_regs_ppc64, r->gpr[3], r->gpr[4], r->gpr[5], r->gpr[6],
	     r->gpr[7], r->gpr[8], HIGH_FIRST, UPTR)
ONE_REGISTER(__ppc64_sys_, struct pt_regs_ppc64, r->gpr[3], r->gpr[4], r->gpr[5], r->gpr[6],
	     r->gpr[7], r->gpr[8])
ONE_REGISTER(__ppc64le_sys_, struct pt_regs_ppc64, r->gpr[3], r->gpr[4], r->gpr[5], r->gpr[6],
	     r->gpr[7], r->gpr[8])
ONE_REGISTER(__s390x_sys_, struct pt_regs_s390x, r->orig_gpr2, r->gprs[3], r->gprs[4], r->gprs[5],
	     r->gprs[6], r->gprs[7])
CONSECUTIVE(__s390_sys_, struct pt_regs_s390x, r->orig_gpr2, r->gprs[3], r->gprs[4], r->gprs[5],
	    r->gprs[6], r->gprs[7], HIGH_FIRST, UPTR31)
ONE_REGISTER(__sparc64_sys_, struct pt_regs_sparc64, r->u_regs[8], r->u_regs[9], r->u_regs[10],
	     r->u_regs[11], r->u_regs[12], r->u_regs[13])
CONSECUTIVE(__sparc32_sys_, struct pt_regs_sparc64, r->u_regs[8], r->u_regs[9], r->u_regs[10],
	    r->u_regs[11], r->u_regs[12], r->u_regs[13], HIGH_FIRST, UPTR)
CONSECUTIVE(__parisc_sys_, struct pt_regs_parisc64, r->gr[26], r->gr[25], r->gr[24], r->gr[23],
	    r->gr[22], r->gr[21], HIGH_FIRST, UPTR)
CONSECUTIVE(__m68k_sys_, struct pt_regs_m68k, r->d1, r->d2, r->d3, r->d4, r->d5, r->a0,
	    HIGH_FIRST, UPTR)
