/* The C side of the benchmark: Linux-style system-call tables over the hand-written stubs of
 * stubs.c, a dispatcher per ABI with Linux's array_index_nospec, and a driver that the Rust bench
 * runs (under callgrind, to count instructions per dispatched call, and plainly, to check that
 * every C stub returns what the generated one does). Built with `gcc -O2`.
 *
 *   cbench check                 prints "prefix name round result" for every stub of every ABI
 *                                (SDB_ABIS), on 4 register files
 *   cbench measure K abi:nr...   for each group: sdb_mark(), then K calls of sdb_measure_c_<abi> */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define NR_syscalls 450
#define ENOSYS 38

/* The numbers the tables use: x86-64's where it has the call (_llseek: i386's). The cost of a
 * dispatch does not depend on them. Keep in sync with perf/stubs.rs. */
#define SDB_NUMBERS(E, abi)                                                                      \
	E(abi, getpid, 39) E(abi, close, 3) E(abi, kill, 62) E(abi, read, 0) E(abi, openat, 257) \
	E(abi, pread64, 17) E(abi, pwrite64, 18) E(abi, ftruncate64, 77)                        \
	E(abi, readahead, 187) E(abi, fallocate, 285) E(abi, sync_file_range2, 277)             \
	E(abi, fanotify_mark, 301) E(abi, lseek, 8) E(abi, llseek, 140) E(abi, mmap, 9)          \
	E(abi, preadv2, 327)

/* arch/x86/include/asm/barrier.h */
static inline unsigned long array_index_mask_nospec(unsigned long index, unsigned long size)
{
	unsigned long mask;

	asm volatile("cmp %1,%2; sbb %0,%0;" : "=r"(mask) : "g"(size), "r"(index) : "cc");
	return mask;
}

#define ENTRY(abi, name, nr) [nr] = __##abi##_sys_##name,

/* Per ABI: sys_ni_syscall, the table (arch/x86/entry/syscall_64.c style) and the dispatcher
 * (do_syscall_x64 style: unsigned bounds check, clamp, indirect call). */
#define TABLE(abi, regs_t)                                                                       \
	static long __##abi##_sys_ni_syscall(const regs_t *regs)                                 \
	{                                                                                        \
		(void)regs;                                                                      \
		return -ENOSYS;                                                                  \
	}                                                                                        \
	typedef long (*abi##_sys_call_ptr_t)(const regs_t *);                                    \
	const abi##_sys_call_ptr_t abi##_sys_call_table[NR_syscalls] = {                         \
		[0 ... NR_syscalls - 1] = &__##abi##_sys_ni_syscall,                             \
		SDB_NUMBERS(ENTRY, abi)};                                                        \
	__attribute__((noinline)) long sdb_measure_c_##abi(long nr, regs_t *regs)                \
	{                                                                                        \
		unsigned long unr = nr;                                                          \
		if (__builtin_expect(unr < NR_syscalls, 1)) {                                    \
			unr &= array_index_mask_nospec(unr, NR_syscalls);                        \
			return abi##_sys_call_table[unr](regs);                                  \
		}                                                                                \
		return __##abi##_sys_ni_syscall(regs);                                           \
	}

TABLE(x64, struct pt_regs_x86_64)
TABLE(ia32, struct pt_regs_x86_64)
TABLE(arm64, struct pt_regs_arm64)
TABLE(arm, struct pt_regs_arm64)
TABLE(riscv, struct pt_regs_riscv)

/* callgrind dumps its counters on entry (--dump-before=sdb_mark). */
__attribute__((noinline, noipa)) void sdb_mark(void) { __asm__ volatile("" ::: "memory"); }

static u64 splitmix64(u64 *state)
{
	u64 z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Every 64-bit word of the register file from splitmix64, seeded by ABI and round: the same
 * bytes as perf/main.rs's `fill`. */
static void fill(void *regs, size_t size, int abi, int round)
{
	u64 words[128], state = (u64)(abi + 1) * 1000003u + (u64)round;
	for (size_t i = 0; i < size / 8; i++)
		words[i] = splitmix64(&state);
	memcpy(regs, words, size);
}

static const char *const abis[] = {"x64", "ia32", "arm64", "arm", "riscv"};

static int abi_index(const char *name)
{
	for (int i = 0; i < 5; i++)
		if (!strcmp(abis[i], name))
			return i;
	fprintf(stderr, "cbench: unknown ABI %s\n", name);
	exit(2);
}

/* FNV-1a of a string: the seed of a register file in `check`, as perf/main.rs's `key_seed`. */
static u64 key_seed(const char *key)
{
	u64 h = 0xcbf29ce484222325ULL;
	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 0x100000001b3ULL;
	return h;
}

/* Every byte of the register file from splitmix64 seeded by the ABI's stub prefix and the round:
 * the same bytes as perf/main.rs's `fill_keyed`. */
static void fill_keyed(void *regs, size_t size, const char *key, int round)
{
	u64 words[128], state = key_seed(key) + (u64)round;
	for (size_t i = 0; i < (size + 7) / 8; i++)
		words[i] = splitmix64(&state);
	memcpy(regs, words, size);
}

/* Every stub of every ABI on 4 register files: "prefix name round result". */
static int check(void)
{
	for (int round = 0; round < 4; round++) {
#define PRINT(prefix, regs, name)                                                                \
	printf("%s %s %d %llx\n", #prefix, #name, round, (u64)prefix##name(&regs));
#define CHECK_ABI(prefix, regs_t)                                                                \
	{                                                                                        \
		regs_t regs;                                                                     \
		fill_keyed(&regs, sizeof regs, #prefix, round);                                  \
		PRINT(prefix, regs, getpid) PRINT(prefix, regs, close) PRINT(prefix, regs, kill)  \
		PRINT(prefix, regs, read) PRINT(prefix, regs, openat) PRINT(prefix, regs, pread64) \
		PRINT(prefix, regs, pwrite64) PRINT(prefix, regs, ftruncate64)                    \
		PRINT(prefix, regs, readahead) PRINT(prefix, regs, fallocate)                     \
		PRINT(prefix, regs, sync_file_range2) PRINT(prefix, regs, fanotify_mark)          \
		PRINT(prefix, regs, lseek) PRINT(prefix, regs, llseek) PRINT(prefix, regs, mmap)  \
		PRINT(prefix, regs, preadv2)                                                     \
	}
		SDB_ABIS(CHECK_ABI)
	}
	return 0;
}

static int measure(int argc, char **argv)
{
	long k = atol(argv[2]);
	static struct pt_regs_x86_64 x;
	static struct pt_regs_arm64 a;
	static struct pt_regs_riscv v;
	volatile long sink = 0;

	for (int g = 3; g < argc; g++) {
		char abi[16];
		long nr;
		if (sscanf(argv[g], "%15[^:]:%ld", abi, &nr) != 2)
			return 2;
		int i = abi_index(abi);
		switch (i) {
		case 0: case 1: fill(&x, sizeof x, i, 0); break;
		case 2: case 3: fill(&a, sizeof a, i, 0); break;
		default: fill(&v, sizeof v, i, 0); break;
		}
		sdb_mark();
		for (long n = 0; n < k; n++) {
			switch (i) {
			case 0: sink = sdb_measure_c_x64(nr, &x); break;
			case 1: sink = sdb_measure_c_ia32(nr, &x); break;
			case 2: sink = sdb_measure_c_arm64(nr, &a); break;
			case 3: sink = sdb_measure_c_arm(nr, &a); break;
			default: sink = sdb_measure_c_riscv(nr, &v); break;
			}
		}
	}
	sdb_mark();
	(void)sink;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "check"))
		return check();
	if (argc >= 3 && !strcmp(argv[1], "measure"))
		return measure(argc, argv);
	fprintf(stderr, "usage: cbench check | cbench measure K abi:nr...\n");
	return 2;
}
