/*
 * The seccomp policies of tests/seccomp_policies.rs, built with libseccomp as a careful user
 * would write them, so that each means what the Rust policy means.
 *
 *     gcc -O2 -o libseccomp_policies libseccomp_policies.c -lseccomp
 *     ./libseccomp_policies OUTDIR
 *
 * writes, for every policy and ARCH in x86_64, ia32 and x86_64+ia32:
 *
 *   OUTDIR/POLICY-ARCH.bpf          libseccomp's default program (SCMP_FLTATR_CTL_OPTIMIZE 1)
 *   OUTDIR/bintree/POLICY-ARCH.bpf  the same with SCMP_FLTATR_CTL_OPTIMIZE 2 (a binary tree
 *                                   of syscall numbers)
 *
 * and OUTDIR/args32_naive-x86_64.bpf (see args32_naive). Each file is what seccomp_export_bpf
 * writes: the struct sock_filter array, 8 bytes an instruction, in the host's byte order.
 *
 * What libseccomp (2.5) makes a careful user do, and the Rust builder does not:
 *
 * - Argument comparisons are unsigned and 64 bits on a 64-bit arch, SCMP_A*_32 included: that
 *   macro only casts the datum to 32 bits (seccomp.h: `(uint32_t)(z)`); the upper half of the
 *   register is still compared (libseccomp#383). The kernel reads only the low half of an
 *   x86-64 register holding an int, so a careful user masks it out: SCMP_CMP_MASKED_EQ with
 *   0xffffffff (what snapd does). On ia32 every word is 32 bits and libseccomp compares only
 *   those.
 * - Each argument can be compared once per rule (seccomp_rule_add(3)), and there is no signed
 *   order: a range such as "an i32 below -10" or "an i64 above 2^32" is one
 *   SCMP_CMP_MASKED_EQ rule per aligned power-of-two block of its unsigned values
 *   (range_rules); a sign test is a mask of the sign bit.
 * - A 64-bit argument on ia32 is two words (the low one first): a careful user compares the
 *   words it is decided by.
 * - The action for another arch defaults to SCMP_ACT_KILL (the thread); the Rust filters kill
 *   the process, so SCMP_FLTATR_ACT_BADARCH is set to SCMP_ACT_KILL_PROCESS.
 * - A call one arch lacks: adding it to a multi-arch filter adds a rule for libseccomp's
 *   pseudo number on the arch that lacks it, so each arch is built in its own context (with
 *   only the calls it has) and the contexts are merged (seccomp_merge).
 */
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The arch a context is built for; `wide`: its arguments are 64-bit registers. */
struct target {
	uint32_t arch;
	int wide;
};

static const struct target X86_64 = { SCMP_ARCH_X86_64, 1 };
static const struct target IA32 = { SCMP_ARCH_X86, 0 };

static void die(const char *what, const char *name, int rc)
{
	fprintf(stderr, "libseccomp_policies: %s %s: %s\n", what, name, strerror(rc < 0 ? -rc : rc));
	exit(1);
}

/*
 * `action` for calls of `name` whose arguments meet every comparison, on the target's arch. A
 * call the arch does not have is skipped: the Rust rule does not apply there either.
 */
static void rule(scmp_filter_ctx ctx, const struct target *t, uint32_t action, const char *name,
		 unsigned int n, const struct scmp_arg_cmp *cmp)
{
	if (seccomp_syscall_resolve_name_arch(t->arch, name) == __NR_SCMP_ERROR)
		return;
	/* libseccomp takes the native number (or its pseudo number) and translates it. */
	int nr = seccomp_syscall_resolve_name(name);
	int rc = seccomp_rule_add_array(ctx, action, nr, n, cmp);
	if (rc != 0)
		die("seccomp_rule_add", name, rc);
}

static void rule1(scmp_filter_ctx ctx, const struct target *t, uint32_t action, const char *name,
		  struct scmp_arg_cmp cmp)
{
	rule(ctx, t, action, name, 1, &cmp);
}

/* `arg == v` for a 32-bit argument (int, unsigned int): on x86-64 the low half only. */
static struct scmp_arg_cmp eq32(const struct target *t, unsigned int arg, uint32_t v)
{
	if (t->wide)
		return SCMP_CMP64(arg, SCMP_CMP_MASKED_EQ, 0xffffffff, v);
	return SCMP_CMP32(arg, SCMP_CMP_EQ, v);
}

/*
 * `lo <= w <= hi` for the unsigned value of the low `bits` bits of argument word `arg` (32: the
 * low half only, whatever the upper half of an x86-64 register holds; 64: the whole register):
 * one SCMP_CMP_MASKED_EQ rule per aligned power-of-two block of [lo, hi].
 */
static void range_rules(scmp_filter_ctx ctx, const struct target *t, uint32_t action,
			const char *name, unsigned int arg, unsigned int bits, uint64_t lo, uint64_t hi)
{
	typedef unsigned __int128 u128;
	uint64_t width = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
	u128 at = lo, end = (u128)hi + 1, limit = (u128)1 << bits;
	while (at < end) {
		u128 size = 1;
		while (size * 2 <= limit && at % (size * 2) == 0 && at + size * 2 <= end)
			size *= 2;
		uint64_t mask = ~(uint64_t)(size - 1) & width;
		rule1(ctx, t, action, name, SCMP_CMP64(arg, SCMP_CMP_MASKED_EQ, mask, (uint64_t)at));
		at += size;
	}
}

/* `arg >= v` for a 32-bit unsigned argument. */
static void ge32(scmp_filter_ctx ctx, const struct target *t, uint32_t action, const char *name,
		 unsigned int arg, uint32_t v)
{
	if (t->wide)
		range_rules(ctx, t, action, name, arg, 32, v, UINT32_MAX);
	else
		rule1(ctx, t, action, name, SCMP_CMP32(arg, SCMP_CMP_GE, v));
}

/* ---------------------------------------------------------------------------------------- */
/* The policies, in the order and with the calls of tests/seccomp_policies.rs.               */

/* An allow-list of the calls a small program makes; anything else kills the process. */
static const char *const allow_list_calls[] = {
	"read", "write", "close", "fstat", "lseek", "mprotect", "munmap", "brk",
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "ioctl", "pread64", "pwrite64",
	"readv", "writev", "access", "pipe2", "sched_yield", "madvise", "dup", "dup2", "dup3",
	"clock_nanosleep", "getpid", "gettid", "exit", "exit_group", "futex", "clock_gettime",
	"openat", "getrandom", "set_tid_address", "fcntl", "getuid", "getppid", "prlimit64",
	"uname", "ppoll", "set_robust_list", "rseq", "statx", "arch_prctl", "set_thread_area",
	/* x86-64 only */
	"mmap", "newfstatat",
	/* ia32 only */
	"mmap2", "fstat64", "fstatat64", "_llseek", "sigreturn", "fcntl64",
	NULL,
};

static void allow_list(scmp_filter_ctx ctx, const struct target *t)
{
	for (const char *const *name = allow_list_calls; *name; name++) {
		/* ia32's `mmap` is old_mmap (one pointer to a struct): the Rust `mmap` is x86-64's. */
		if (!t->wide && strcmp(*name, "mmap") == 0)
			continue;
		rule(ctx, t, SCMP_ACT_ALLOW, *name, 0, NULL);
	}
}

/* A deny-list: what a container runtime refuses (EPERM), and calls it makes fail as if the
 * kernel had none (ENOSYS) so that the C library falls back; anything else is allowed. */
static const char *const deny_eperm[] = {
	"ptrace", "mount", "umount2", "umount", "reboot", "kexec_load", "init_module",
	"finit_module", "delete_module", "swapon", "swapoff", "pivot_root", "chroot", "acct",
	"settimeofday", "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key",
	"request_key", "unshare", "setns", "open_by_handle_at", "process_vm_readv", NULL,
};
static const char *const deny_enosys[] = { "clone3", "io_uring_setup", NULL };

static void deny_list(scmp_filter_ctx ctx, const struct target *t)
{
	for (const char *const *name = deny_eperm; *name; name++)
		rule(ctx, t, SCMP_ACT_ERRNO(EPERM), *name, 0, NULL);
	for (const char *const *name = deny_enosys; *name; name++)
		rule(ctx, t, SCMP_ACT_ERRNO(ENOSYS), *name, 0, NULL);
}

/* Conditions on 32-bit (and 16-bit) arguments. */
static void args32(scmp_filter_ctx ctx, const struct target *t)
{
	/* close(unsigned int fd): fd == 1000 */
	rule1(ctx, t, SCMP_ACT_ERRNO(EBADF), "close", eq32(t, 0, 1000));
	/* kill(pid_t pid, int sig): sig == SIGKILL */
	rule1(ctx, t, SCMP_ACT_ERRNO(EPERM), "kill", eq32(t, 1, 9));
	/* fchmod(unsigned int fd, umode_t mode): the set-user-ID bit. umode_t is 16 bits; the
	 * mask looks at no other bit, so what the rest of the register holds does not matter. */
	rule1(ctx, t, SCMP_ACT_ERRNO(EPERM), "fchmod", SCMP_A1_32(SCMP_CMP_MASKED_EQ, 04000, 04000));
	/* ioctl(unsigned int fd, unsigned int cmd, unsigned long arg): cmd == TIOCSTI */
	rule1(ctx, t, SCMP_ACT_ERRNO(EPERM), "ioctl", eq32(t, 1, 0x5412));
	/* fcntl(unsigned int fd, unsigned int cmd, unsigned long arg): the Linux-specific commands
	 * (cmd >= F_LINUX_SPECIFIC_BASE: leases, notify, pipe sizes, seals) */
	ge32(ctx, t, SCMP_ACT_ERRNO(EINVAL), "fcntl", 1, 1024);
}

/*
 * args32 as the seccomp_rule_add(3) man page suggests writing it (SCMP_A*_32 for 32-bit
 * arguments), x86-64 only: libseccomp compares the whole register, so a 32-bit argument whose
 * register's upper half is not zero never equals (and is always >=) a 32-bit datum
 * (libseccomp#383). tests/libseccomp.rs asserts exactly that difference; it is not one of
 * the compared policies.
 */
static void args32_naive(scmp_filter_ctx ctx, const struct target *t)
{
	rule1(ctx, t, SCMP_ACT_ERRNO(EBADF), "close", SCMP_A0_32(SCMP_CMP_EQ, 1000));
	rule1(ctx, t, SCMP_ACT_ERRNO(EPERM), "kill", SCMP_A1_32(SCMP_CMP_EQ, 9));
	rule1(ctx, t, SCMP_ACT_ERRNO(EPERM), "fchmod", SCMP_A1_32(SCMP_CMP_MASKED_EQ, 04000, 04000));
	rule1(ctx, t, SCMP_ACT_ERRNO(EPERM), "ioctl", SCMP_A1_32(SCMP_CMP_EQ, 0x5412));
	rule1(ctx, t, SCMP_ACT_ERRNO(EINVAL), "fcntl", SCMP_A1_32(SCMP_CMP_GE, 1024));
}

/* Conditions on 64-bit arguments (loff_t: signed). */
static void args64(scmp_filter_ctx ctx, const struct target *t)
{
	/*
	 * pread64(unsigned int fd, char *buf, size_t count, loff_t pos): pos > 0xffffffff, that
	 * is pos in [2^32, 2^63 - 1] (SCMP_CMP_GT is unsigned: to it a negative pos is above too).
	 * x86-64: pos is args[3]. ia32: pos is args[3] (low) and args[4] (high), and it is above
	 * 0xffffffff iff the high word, as an s32, is at least 1.
	 */
	if (t->wide)
		range_rules(ctx, t, SCMP_ACT_ERRNO(EACCES), "pread64", 3, 64, UINT64_C(1) << 32, INT64_MAX);
	else
		range_rules(ctx, t, SCMP_ACT_ERRNO(EACCES), "pread64", 4, 32, 1, INT32_MAX);
	/*
	 * fallocate(int fd, int mode, loff_t offset, loff_t len): len >= 2^40. x86-64: len is
	 * args[3]. ia32: offset is args[2]/args[3], len args[4] (low) and args[5] (high): len >=
	 * 2^40 iff the high word, as an s32, is at least 2^8.
	 */
	if (t->wide)
		range_rules(ctx, t, SCMP_ACT_ERRNO(EFBIG), "fallocate", 3, 64, UINT64_C(1) << 40, INT64_MAX);
	else
		range_rules(ctx, t, SCMP_ACT_ERRNO(EFBIG), "fallocate", 5, 32, 1 << 8, INT32_MAX);
}

/* Signed comparisons. */
static void signed_args(scmp_filter_ctx ctx, const struct target *t)
{
	/* kill(pid_t pid, int sig): pid < 0 (a process group): the sign bit of the low half. */
	rule1(ctx, t, SCMP_ACT_ERRNO(EPERM), "kill", SCMP_A0_32(SCMP_CMP_MASKED_EQ, 0x80000000, 0x80000000));
	/* setpriority(int which, int who, int niceval): niceval < -10, that is the low half in
	 * [0x80000000, 0xfffffff5] unsigned. */
	range_rules(ctx, t, SCMP_ACT_ERRNO(EACCES), "setpriority", 2, 32, 0x80000000, (uint32_t)-11);
	/* lseek(unsigned int fd, off_t offset, unsigned int whence): offset < 0. off_t is long:
	 * 64 bits on x86-64, 32 on ia32 (compat_off_t). */
	if (t->wide)
		rule1(ctx, t, SCMP_ACT_ERRNO(EINVAL), "lseek",
		      SCMP_A1_64(SCMP_CMP_MASKED_EQ, UINT64_C(1) << 63, UINT64_C(1) << 63));
	else
		rule1(ctx, t, SCMP_ACT_ERRNO(EINVAL), "lseek",
		      SCMP_A1_32(SCMP_CMP_MASKED_EQ, 0x80000000, 0x80000000));
	/* fallocate(int fd, int mode, loff_t offset, loff_t len): offset < 0: bit 63 of args[2] on
	 * x86-64, bit 31 of the high word args[3] on ia32. */
	if (t->wide)
		rule1(ctx, t, SCMP_ACT_ERRNO(EINVAL), "fallocate",
		      SCMP_A2_64(SCMP_CMP_MASKED_EQ, UINT64_C(1) << 63, UINT64_C(1) << 63));
	else
		rule1(ctx, t, SCMP_ACT_ERRNO(EINVAL), "fallocate",
		      SCMP_A3_32(SCMP_CMP_MASKED_EQ, 0x80000000, 0x80000000));
}

/* Flags in unsigned long arguments (systemd's MemoryDenyWriteExecute; no user namespaces). */
static void masked_long(scmp_filter_ctx ctx, const struct target *t)
{
	const uint64_t write_exec = 0x2 | 0x4; /* PROT_WRITE | PROT_EXEC */
	const uint64_t newuser = 0x10000000;    /* CLONE_NEWUSER */
	/* mmap(addr, len, unsigned long prot, ...): x86-64's mmap, ia32's mmap2 (ia32's mmap is
	 * old_mmap, whose arguments are in memory seccomp cannot read). */
	rule1(ctx, t, SCMP_ACT_ERRNO(EPERM), t->wide ? "mmap" : "mmap2",
	      SCMP_A2_64(SCMP_CMP_MASKED_EQ, write_exec, write_exec));
	/* mprotect(unsigned long start, size_t len, unsigned long prot): PROT_EXEC */
	rule1(ctx, t, SCMP_ACT_ERRNO(EPERM), "mprotect", SCMP_A2_64(SCMP_CMP_MASKED_EQ, 0x4, 0x4));
	/* clone(unsigned long flags, ...), unshare(unsigned long flags): CLONE_NEWUSER */
	rule1(ctx, t, SCMP_ACT_ERRNO(EPERM), "clone", SCMP_A0_64(SCMP_CMP_MASKED_EQ, newuser, newuser));
	rule1(ctx, t, SCMP_ACT_ERRNO(EPERM), "unshare", SCMP_A0_64(SCMP_CMP_MASKED_EQ, newuser, newuser));
}

/* ---------------------------------------------------------------------------------------- */

struct policy {
	const char *name;
	uint32_t default_action;
	void (*build)(scmp_filter_ctx, const struct target *);
};

static const struct policy policies[] = {
	{ "allow_list", SCMP_ACT_KILL_PROCESS, allow_list },
	{ "deny_list", SCMP_ACT_ALLOW, deny_list },
	{ "args32", SCMP_ACT_ALLOW, args32 },
	{ "args64", SCMP_ACT_ALLOW, args64 },
	{ "signed", SCMP_ACT_ALLOW, signed_args },
	{ "masked_long", SCMP_ACT_ALLOW, masked_long },
};

static scmp_filter_ctx context(const struct policy *p, const struct target *t)
{
	scmp_filter_ctx ctx = seccomp_init(p->default_action);
	if (ctx == NULL)
		die("seccomp_init", p->name, ENOMEM);
	int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (rc != 0)
		die("SCMP_FLTATR_ACT_BADARCH", p->name, rc);
	if (seccomp_arch_native() != t->arch) {
		if ((rc = seccomp_arch_add(ctx, t->arch)) != 0)
			die("seccomp_arch_add", p->name, rc);
		if ((rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE)) != 0)
			die("seccomp_arch_remove", p->name, rc);
	}
	p->build(ctx, t);
	return ctx;
}

static void export(scmp_filter_ctx ctx, const char *dir, const char *policy, const char *arch)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s-%s.bpf", dir, policy, arch);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("open", path, errno);
	int rc = seccomp_export_bpf(ctx, fd);
	if (rc != 0)
		die("seccomp_export_bpf", path, rc);
	close(fd);
}

/* Writes the default program, then the binary-tree one. */
static void export_both(scmp_filter_ctx ctx, const char *dir, const char *tree_dir,
			const char *policy, const char *arch)
{
	export(ctx, dir, policy, arch);
	int rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (rc != 0)
		die("SCMP_FLTATR_CTL_OPTIMIZE", policy, rc);
	export(ctx, tree_dir, policy, arch);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
		return 2;
	}
	const char *dir = argv[1];
	char tree_dir[4096];
	snprintf(tree_dir, sizeof tree_dir, "%s/bintree", dir);
	mkdir(dir, 0755);
	mkdir(tree_dir, 0755);

	for (size_t i = 0; i < sizeof policies / sizeof policies[0]; i++) {
		const struct policy *p = &policies[i];
		scmp_filter_ctx ctx = context(p, &X86_64);
		export_both(ctx, dir, tree_dir, p->name, "x86_64");
		seccomp_release(ctx);

		ctx = context(p, &IA32);
		export_both(ctx, dir, tree_dir, p->name, "ia32");
		seccomp_release(ctx);

		ctx = context(p, &X86_64);
		scmp_filter_ctx ia32 = context(p, &IA32);
		int rc = seccomp_merge(ctx, ia32); /* takes ia32 over */
		if (rc != 0)
			die("seccomp_merge", p->name, rc);
		export_both(ctx, dir, tree_dir, p->name, "x86_64+ia32");
		seccomp_release(ctx);
	}

	const struct policy naive = { "args32_naive", SCMP_ACT_ALLOW, args32_naive };
	scmp_filter_ctx ctx = context(&naive, &X86_64);
	export(ctx, dir, naive.name, "x86_64");
	seccomp_release(ctx);
	return 0;
}
