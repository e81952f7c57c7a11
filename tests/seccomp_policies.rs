//! Seccomp policies that real sandboxes use, defined once for `tests/libseccomp.rs` and the
//! benches' `seccomp` group (both include this file with `#[path]`), with what both need around
//! them: the probe calls the programs are run on, and building and loading the same policies
//! made by libseccomp (`tests/c/libseccomp_policies.c`, which must stay in step with this file:
//! the same policies, calls and conditions).
//!
//! Every policy comes for x86-64 alone, ia32 alone, and both in one filter. The system calls
//! are declared with Linux's types and names, so `seccomp::linux_number` numbers them and the
//! rules compare what the kernel's function receives.

#![allow(dead_code)] // each includer uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;

use syscall_define::abi::{self, Abi, ArgKind, Placement};

#[path = "seccomp_values.rs"]
mod seccomp_values;
pub use seccomp_values::bits_and_sign;
use seccomp_values::fits;
use syscall_define::seccomp::{self, Action, Cmp, Cond, Filter, Program, Rule, SeccompData, arg};
use syscall_define::{Descriptor, Errno, UserPtr, syscall_define};

/// Declares system calls for the given ABIs, with bodies that do nothing: only their
/// descriptors (names, argument types, layouts) matter here.
macro_rules! syscalls {
    ($( [$($abi:ident),+] $name:ident($($arg:ident: $ty:ty),* $(,)?); )*) => {$(
        #[syscall_define(abi($($abi),+))]
        fn $name($($arg: $ty),*) -> isize {
            $(let _ = $arg;)*
            0
        }
    )*};
}

// Linux's types (`include/linux/syscalls.h`): `unsigned int` is u32, `int` and `pid_t` i32,
// `long`/`off_t` isize, `unsigned long`/`size_t` usize, `umode_t` u16, `loff_t` i64.
syscalls! {
    [x86_64, ia32] read(fd: u32, buf: UserPtr<u8>, count: usize);
    [x86_64, ia32] write(fd: u32, buf: UserPtr<u8>, count: usize);
    [x86_64, ia32] close(fd: u32);
    [x86_64, ia32] fstat(fd: u32, statbuf: UserPtr<u8>);
    [x86_64, ia32] lseek(fd: u32, offset: isize, whence: u32);
    [x86_64, ia32] mprotect(start: usize, len: usize, prot: usize);
    [x86_64, ia32] munmap(addr: usize, len: usize);
    [x86_64, ia32] brk(brk: usize);
    [x86_64, ia32] rt_sigaction(sig: i32, act: UserPtr<u8>, oact: UserPtr<u8>, sigsetsize: usize);
    [x86_64, ia32] rt_sigprocmask(how: i32, set: UserPtr<u8>, oset: UserPtr<u8>, sigsetsize: usize);
    [x86_64, ia32] rt_sigreturn();
    [x86_64, ia32] ioctl(fd: u32, cmd: u32, arg: usize);
    [x86_64, ia32] pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64);
    [x86_64, ia32] pwrite64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64);
    [x86_64, ia32] readv(fd: usize, vec: UserPtr<u8>, vlen: usize);
    [x86_64, ia32] writev(fd: usize, vec: UserPtr<u8>, vlen: usize);
    [x86_64, ia32] access(filename: UserPtr<u8>, mode: i32);
    [x86_64, ia32] pipe2(fildes: UserPtr<i32>, flags: i32);
    [x86_64, ia32] sched_yield();
    [x86_64, ia32] madvise(start: usize, len: usize, behavior: i32);
    [x86_64, ia32] dup(fildes: u32);
    [x86_64, ia32] dup2(oldfd: u32, newfd: u32);
    [x86_64, ia32] dup3(oldfd: u32, newfd: u32, flags: i32);
    [x86_64, ia32] clock_nanosleep(which: i32, flags: i32, rqtp: UserPtr<u8>, rmtp: UserPtr<u8>);
    [x86_64, ia32] getpid();
    [x86_64, ia32] gettid();
    [x86_64, ia32] exit(error_code: i32);
    [x86_64, ia32] exit_group(error_code: i32);
    [x86_64, ia32] futex(uaddr: UserPtr<u32>, op: i32, val: u32, utime: UserPtr<u8>, uaddr2: UserPtr<u32>, val3: u32);
    [x86_64, ia32] clock_gettime(which_clock: i32, tp: UserPtr<u8>);
    [x86_64, ia32] openat(dfd: i32, filename: UserPtr<u8>, flags: i32, mode: u16);
    [x86_64, ia32] getrandom(buf: UserPtr<u8>, count: usize, flags: u32);
    [x86_64, ia32] set_tid_address(tidptr: UserPtr<i32>);
    [x86_64, ia32] fcntl(fd: u32, cmd: u32, arg: usize);
    [x86_64, ia32] getuid();
    [x86_64, ia32] getppid();
    [x86_64, ia32] prlimit64(pid: i32, resource: u32, new_rlim: UserPtr<u8>, old_rlim: UserPtr<u8>);
    [x86_64, ia32] uname(name: UserPtr<u8>);
    [x86_64, ia32] ppoll(ufds: UserPtr<u8>, nfds: u32, tsp: UserPtr<u8>, sigmask: UserPtr<u8>, sigsetsize: usize);
    [x86_64, ia32] set_robust_list(head: UserPtr<u8>, len: usize);
    [x86_64, ia32] rseq(rseq: UserPtr<u8>, rseq_len: u32, flags: i32, sig: u32);
    [x86_64, ia32] statx(dfd: i32, filename: UserPtr<u8>, flags: u32, mask: u32, buffer: UserPtr<u8>);
    [x86_64, ia32] arch_prctl(option: i32, arg2: usize);
    [x86_64, ia32] set_thread_area(u_info: UserPtr<u8>);
    // x86-64's mmap; ia32's `mmap` (90) is old_mmap, whose one argument points to the six.
    [x86_64] mmap(addr: usize, len: usize, prot: usize, flags: usize, fd: usize, off: usize);
    [x86_64] newfstatat(dfd: i32, filename: UserPtr<u8>, statbuf: UserPtr<u8>, flag: i32);
    [ia32] mmap2(addr: usize, len: usize, prot: usize, flags: usize, fd: usize, pgoff: usize);
    [ia32] fstat64(fd: usize, statbuf: UserPtr<u8>);
    [ia32] fstatat64(dfd: i32, filename: UserPtr<u8>, statbuf: UserPtr<u8>, flag: i32);
    [ia32] _llseek(fd: u32, offset_high: usize, offset_low: usize, result: UserPtr<i64>, whence: u32);
    [ia32] sigreturn();
    [ia32] fcntl64(fd: u32, cmd: u32, arg: usize);

    [x86_64, ia32] ptrace(request: isize, pid: isize, addr: usize, data: usize);
    [x86_64, ia32] mount(dev_name: UserPtr<u8>, dir_name: UserPtr<u8>, kind: UserPtr<u8>, flags: usize, data: UserPtr<u8>);
    [x86_64, ia32] umount2(name: UserPtr<u8>, flags: i32);
    [ia32] umount(name: UserPtr<u8>);
    [x86_64, ia32] reboot(magic1: i32, magic2: i32, cmd: u32, arg: UserPtr<u8>);
    [x86_64, ia32] kexec_load(entry: usize, nr_segments: usize, segments: UserPtr<u8>, flags: usize);
    [x86_64, ia32] init_module(umod: UserPtr<u8>, len: usize, uargs: UserPtr<u8>);
    [x86_64, ia32] finit_module(fd: i32, uargs: UserPtr<u8>, flags: i32);
    [x86_64, ia32] delete_module(name_user: UserPtr<u8>, flags: u32);
    [x86_64, ia32] swapon(specialfile: UserPtr<u8>, swap_flags: i32);
    [x86_64, ia32] swapoff(specialfile: UserPtr<u8>);
    [x86_64, ia32] pivot_root(new_root: UserPtr<u8>, put_old: UserPtr<u8>);
    [x86_64, ia32] chroot(filename: UserPtr<u8>);
    [x86_64, ia32] acct(name: UserPtr<u8>);
    [x86_64, ia32] settimeofday(tv: UserPtr<u8>, tz: UserPtr<u8>);
    [x86_64, ia32] bpf(cmd: i32, uattr: UserPtr<u8>, size: u32);
    [x86_64, ia32] perf_event_open(attr: UserPtr<u8>, pid: i32, cpu: i32, group_fd: i32, flags: usize);
    [x86_64, ia32] userfaultfd(flags: i32);
    [x86_64, ia32] keyctl(option: i32, arg2: usize, arg3: usize, arg4: usize, arg5: usize);
    [x86_64, ia32] add_key(kind: UserPtr<u8>, description: UserPtr<u8>, payload: UserPtr<u8>, plen: usize, ringid: i32);
    [x86_64, ia32] request_key(kind: UserPtr<u8>, description: UserPtr<u8>, callout_info: UserPtr<u8>, destringid: i32);
    [x86_64, ia32] unshare(unshare_flags: usize);
    [x86_64, ia32] setns(fd: i32, flags: i32);
    [x86_64, ia32] open_by_handle_at(mountdirfd: i32, handle: UserPtr<u8>, flags: i32);
    [x86_64, ia32] process_vm_readv(pid: i32, lvec: UserPtr<u8>, liovcnt: usize, rvec: UserPtr<u8>, riovcnt: usize, flags: usize);
    [x86_64, ia32] clone3(uargs: UserPtr<u8>, size: usize);
    [x86_64, ia32] io_uring_setup(entries: u32, params: UserPtr<u8>);

    [x86_64, ia32] kill(pid: i32, sig: i32);
    [x86_64, ia32] fchmod(fd: u32, mode: u16);
    [x86_64, ia32] setpriority(which: i32, who: i32, niceval: i32);
    [x86_64, ia32] fallocate(fd: i32, mode: i32, offset: i64, len: i64);
    // x86-64's order; ia32's (CONFIG_CLONE_BACKWARDS) swaps the last two. Only `flags` is
    // compared.
    [x86_64, ia32] clone(flags: usize, newsp: usize, parent_tid: UserPtr<i32>, child_tid: UserPtr<i32>, tls: usize);
}

const fn allow(syscall: &'static Descriptor) -> Rule<'static> {
    Rule::new(syscall, Action::Allow)
}

const fn errno(syscall: &'static Descriptor, e: Errno) -> Rule<'static> {
    Rule::new(syscall, Action::Errno(e))
}

/// (a) An allow-list of the calls a small program makes; anything else kills the process. Pure
/// number dispatch.
const ALLOW_LIST: &[Rule<'static>] = &[
    allow(read::DESCRIPTOR),
    allow(write::DESCRIPTOR),
    allow(close::DESCRIPTOR),
    allow(fstat::DESCRIPTOR),
    allow(lseek::DESCRIPTOR),
    allow(mprotect::DESCRIPTOR),
    allow(munmap::DESCRIPTOR),
    allow(brk::DESCRIPTOR),
    allow(rt_sigaction::DESCRIPTOR),
    allow(rt_sigprocmask::DESCRIPTOR),
    allow(rt_sigreturn::DESCRIPTOR),
    allow(ioctl::DESCRIPTOR),
    allow(pread64::DESCRIPTOR),
    allow(pwrite64::DESCRIPTOR),
    allow(readv::DESCRIPTOR),
    allow(writev::DESCRIPTOR),
    allow(access::DESCRIPTOR),
    allow(pipe2::DESCRIPTOR),
    allow(sched_yield::DESCRIPTOR),
    allow(madvise::DESCRIPTOR),
    allow(dup::DESCRIPTOR),
    allow(dup2::DESCRIPTOR),
    allow(dup3::DESCRIPTOR),
    allow(clock_nanosleep::DESCRIPTOR),
    allow(getpid::DESCRIPTOR),
    allow(gettid::DESCRIPTOR),
    allow(exit::DESCRIPTOR),
    allow(exit_group::DESCRIPTOR),
    allow(futex::DESCRIPTOR),
    allow(clock_gettime::DESCRIPTOR),
    allow(openat::DESCRIPTOR),
    allow(getrandom::DESCRIPTOR),
    allow(set_tid_address::DESCRIPTOR),
    allow(fcntl::DESCRIPTOR),
    allow(getuid::DESCRIPTOR),
    allow(getppid::DESCRIPTOR),
    allow(prlimit64::DESCRIPTOR),
    allow(uname::DESCRIPTOR),
    allow(ppoll::DESCRIPTOR),
    allow(set_robust_list::DESCRIPTOR),
    allow(rseq::DESCRIPTOR),
    allow(statx::DESCRIPTOR),
    allow(arch_prctl::DESCRIPTOR),
    allow(set_thread_area::DESCRIPTOR),
    allow(mmap::DESCRIPTOR),
    allow(newfstatat::DESCRIPTOR),
    allow(mmap2::DESCRIPTOR),
    allow(fstat64::DESCRIPTOR),
    allow(fstatat64::DESCRIPTOR),
    allow(_llseek::DESCRIPTOR),
    allow(sigreturn::DESCRIPTOR),
    allow(fcntl64::DESCRIPTOR),
];

/// (b) A deny-list: what a container runtime refuses (EPERM), and calls made to fail as if the
/// kernel had none (ENOSYS, so that the C library falls back); anything else is allowed.
const DENY_LIST: &[Rule<'static>] = &[
    errno(ptrace::DESCRIPTOR, Errno::EPERM),
    errno(mount::DESCRIPTOR, Errno::EPERM),
    errno(umount2::DESCRIPTOR, Errno::EPERM),
    errno(umount::DESCRIPTOR, Errno::EPERM),
    errno(reboot::DESCRIPTOR, Errno::EPERM),
    errno(kexec_load::DESCRIPTOR, Errno::EPERM),
    errno(init_module::DESCRIPTOR, Errno::EPERM),
    errno(finit_module::DESCRIPTOR, Errno::EPERM),
    errno(delete_module::DESCRIPTOR, Errno::EPERM),
    errno(swapon::DESCRIPTOR, Errno::EPERM),
    errno(swapoff::DESCRIPTOR, Errno::EPERM),
    errno(pivot_root::DESCRIPTOR, Errno::EPERM),
    errno(chroot::DESCRIPTOR, Errno::EPERM),
    errno(acct::DESCRIPTOR, Errno::EPERM),
    errno(settimeofday::DESCRIPTOR, Errno::EPERM),
    errno(bpf::DESCRIPTOR, Errno::EPERM),
    errno(perf_event_open::DESCRIPTOR, Errno::EPERM),
    errno(userfaultfd::DESCRIPTOR, Errno::EPERM),
    errno(keyctl::DESCRIPTOR, Errno::EPERM),
    errno(add_key::DESCRIPTOR, Errno::EPERM),
    errno(request_key::DESCRIPTOR, Errno::EPERM),
    errno(unshare::DESCRIPTOR, Errno::EPERM),
    errno(setns::DESCRIPTOR, Errno::EPERM),
    errno(open_by_handle_at::DESCRIPTOR, Errno::EPERM),
    errno(process_vm_readv::DESCRIPTOR, Errno::EPERM),
    errno(clone3::DESCRIPTOR, Errno::ENOSYS),
    errno(io_uring_setup::DESCRIPTOR, Errno::ENOSYS),
];

/// `TIOCSTI`: push a byte into a terminal's input (a sandbox escape through a shared tty).
const TIOCSTI: i128 = 0x5412;
/// `F_LINUX_SPECIFIC_BASE`: the fcntl commands from here on are Linux's own (leases, notify,
/// pipe sizes, seals).
const F_LINUX_SPECIFIC_BASE: i128 = 1024;

/// (c) Conditions on 32-bit (and 16-bit) arguments: equality, a mask, an unsigned order.
const ARGS32: &[Rule<'static>] = &[
    errno(close::DESCRIPTOR, Errno::EBADF).when(&[arg(0).eq(1000)]),
    errno(kill::DESCRIPTOR, Errno::EPERM).when(&[arg(1).eq(9)]),
    // The set-user-ID bit.
    errno(fchmod::DESCRIPTOR, Errno::EPERM).when(&[arg(1).masked_eq(0o4000, 0o4000)]),
    errno(ioctl::DESCRIPTOR, Errno::EPERM).when(&[arg(1).eq(TIOCSTI)]),
    errno(fcntl::DESCRIPTOR, Errno::EINVAL).when(&[arg(1).ge(F_LINUX_SPECIFIC_BASE)]),
];

/// (d) Conditions on 64-bit arguments (`loff_t`, signed): two words each on ia32.
const ARGS64: &[Rule<'static>] = &[
    errno(pread64::DESCRIPTOR, Errno::EACCES).when(&[arg(3).gt(0xffff_ffff)]),
    errno(fallocate::DESCRIPTOR, Errno::EFBIG).when(&[arg(3).ge(1 << 40)]),
];

/// (e) Signed comparisons: below zero on an `int`, a `long` and a `loff_t`, and below a
/// negative bound.
const SIGNED: &[Rule<'static>] = &[
    // A process group.
    errno(kill::DESCRIPTOR, Errno::EPERM).when(&[arg(0).lt(0)]),
    // No raising one's priority by more than 10.
    errno(setpriority::DESCRIPTOR, Errno::EACCES).when(&[arg(2).lt(-10)]),
    errno(lseek::DESCRIPTOR, Errno::EINVAL).when(&[arg(1).lt(0)]),
    errno(fallocate::DESCRIPTOR, Errno::EINVAL).when(&[arg(2).lt(0)]),
];

const PROT_WRITE_EXEC: u64 = 0x2 | 0x4;
const CLONE_NEWUSER: u64 = 0x1000_0000;

/// (f) Flags in `unsigned long` arguments: systemd's MemoryDenyWriteExecute (no mapping both
/// writable and executable, no making memory executable) and no user namespaces.
const MASKED_LONG: &[Rule<'static>] = &[
    errno(mmap::DESCRIPTOR, Errno::EPERM)
        .when(&[arg(2).masked_eq(PROT_WRITE_EXEC, PROT_WRITE_EXEC as i128)]),
    errno(mmap2::DESCRIPTOR, Errno::EPERM)
        .when(&[arg(2).masked_eq(PROT_WRITE_EXEC, PROT_WRITE_EXEC as i128)]),
    errno(mprotect::DESCRIPTOR, Errno::EPERM).when(&[arg(2).masked_eq(0x4, 0x4)]),
    errno(clone::DESCRIPTOR, Errno::EPERM)
        .when(&[arg(0).masked_eq(CLONE_NEWUSER, CLONE_NEWUSER as i128)]),
    errno(unshare::DESCRIPTOR, Errno::EPERM)
        .when(&[arg(0).masked_eq(CLONE_NEWUSER, CLONE_NEWUSER as i128)]),
];

/// The policies: name (the C program's), default action, rules.
const BASES: [(&str, Action, &[Rule<'static>]); 6] = [
    ("allow_list", Action::KillProcess, ALLOW_LIST),
    ("deny_list", Action::Allow, DENY_LIST),
    ("args32", Action::Allow, ARGS32),
    ("args64", Action::Allow, ARGS64),
    ("signed", Action::Allow, SIGNED),
    ("masked_long", Action::Allow, MASKED_LONG),
];

/// The ABI sets every policy is built for, named as the C program names its files.
pub const ARCHES: [(&str, &[&Abi]); 3] = [
    ("x86_64", &[&abi::X86_64]),
    ("ia32", &[&abi::IA32]),
    ("x86_64+ia32", &[&abi::X86_64, &abi::IA32]),
];

/// The most instructions a policy's program takes.
pub const CAPACITY: usize = 1024;

/// One policy for one set of ABIs.
pub struct Policy {
    /// The policy's name: the C program's.
    pub name: &'static str,
    /// The ABI set's name: the C program's.
    pub arch: &'static str,
    /// The ABIs the filter serves.
    pub abis: &'static [&'static Abi],
    /// The action for a call no rule matches.
    pub default: Action,
    /// The rules that apply on at least one of `abis` (`mmap2` is not in an x86-64 filter).
    pub rules: Vec<Rule<'static>>,
}

impl Policy {
    /// The file libseccomp's program for this policy is in, under the C program's output
    /// directory.
    pub fn file(&self) -> String {
        format!("{}-{}.bpf", self.name, self.arch)
    }

    /// The filter.
    pub fn filter(&self) -> Filter<'_> {
        Filter::new(self.abis, self.default).rules(&self.rules)
    }

    /// The compiled filter.
    pub fn compile(&self) -> Program<CAPACITY> {
        self.filter()
            .compile()
            .unwrap_or_else(|e| panic!("{}-{}: {e}", self.name, self.arch))
    }
}

/// Whether `rule` applies on `abi`: its call was emitted for it and Linux numbers it there.
pub fn applies(rule: &Rule<'_>, abi: &Abi) -> bool {
    rule.syscall.layout(abi).is_some() && seccomp::linux_number(abi, rule.syscall.name).is_some()
}

/// Every policy for every ABI set.
pub fn all() -> Vec<Policy> {
    let mut out = Vec::new();
    for (name, default, rules) in BASES {
        for (arch, abis) in ARCHES {
            out.push(Policy {
                name,
                arch,
                abis,
                default,
                rules: rules
                    .iter()
                    .filter(|r| abis.iter().any(|abi| applies(r, abi)))
                    .copied()
                    .collect(),
            });
        }
    }
    out
}

/// The x86-64 `args32` policy: what `args32_naive-x86_64.bpf` (written with `SCMP_A*_32`, the
/// way libseccomp's man page suggests) is meant to mean.
pub fn args32_x86_64() -> Policy {
    all()
        .into_iter()
        .find(|p| p.name == "args32" && p.arch == "x86_64")
        .expect("args32 is a policy")
}

// ---------------------------------------------------------------------------------------------
// Probes.

/// The highest number the probes' number sweep reaches (past the last x86-64 and i386 call).
pub const SWEEP_TO: u32 = 520;

/// The values an argument condition is probed with: its value and its neighbours, what a mask
/// keeps and flips, and the edges of every width, each only if the argument's type holds it on
/// `abi`.
fn boundaries(conds: &[Cond], kind: ArgKind, abi: &Abi) -> Vec<i128> {
    let (bits, signed) = bits_and_sign(kind, abi);
    let type_mask: u64 = if bits == 64 {
        u64::MAX
    } else {
        (1 << bits) - 1
    };
    let mut values: Vec<i128> = vec![
        0,
        1,
        -1,
        0x7fff,
        0x8000,
        0xffff,
        0x1_0000,
        0x7fff_ffff,
        0x8000_0000,
        -0x8000_0000,
        -0x8000_0001,
        0xffff_ffff,
        0x1_0000_0000,
        0x1_0000_0001,
        i64::MAX.into(),
        i64::MIN.into(),
        u64::MAX.into(),
    ];
    for cond in conds {
        let v = cond.value;
        values.extend([v - 1, v, v + 1]);
        if let Cmp::MaskedEq(mask) = cond.cmp {
            let kept = (v as u64) & mask & type_mask;
            let lowest = mask & mask.wrapping_neg();
            let others = !mask & type_mask;
            for x in [
                kept,
                kept | others,
                kept ^ lowest,
                kept ^ (mask & type_mask),
            ] {
                // As the type reads the bits.
                values.push(if signed {
                    decode_signed(x, bits)
                } else {
                    x.into()
                });
            }
        }
    }
    values.retain(|&v| fits(v, bits, signed));
    values.sort_unstable();
    values.dedup();
    values
}

fn decode_signed(x: u64, bits: u32) -> i128 {
    let shift = 64 - bits;
    (((x << shift) as i64) >> shift).into()
}

/// How a probe fills the bits of a register that its argument's type does not use (x86-64's
/// 32-bit and narrower arguments: the kernel reads only the type's bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upper {
    /// Zero, as `Layout::pack` leaves them.
    Clean,
    /// Copies of bit 31 of the register: an `int` passed through `syscall(2)`'s `long`s.
    SignExtended,
    /// Garbage, and garbage in every word no argument uses.
    Garbage,
}

const GARBAGE: u64 = 0xdead_beef_cafe_f00d;

/// Fills the unused bits of the registers of `syscall`'s narrow arguments on x86-64.
fn dirty(abi: &Abi, syscall: &Descriptor, words: &mut [u64; 6], upper: Upper) {
    if abi.register_bits != 64 || upper == Upper::Clean {
        return;
    }
    let layout = syscall.layout(abi).expect("emitted for the ABI");
    for (slot, word) in words.iter_mut().enumerate() {
        let reader = layout
            .args()
            .iter()
            .zip(syscall.args)
            .find(|(p, _)| p.reads(slot));
        let used = match reader {
            Some((Placement::One(_), meta)) => bits_and_sign(meta.kind, abi).0,
            Some(_) => 64,
            None => 0,
        };
        if used >= 64 {
            continue;
        }
        let keep = if used == 0 { 0 } else { (1u64 << used) - 1 };
        let fill = match upper {
            Upper::Clean => 0,
            Upper::SignExtended if used == 32 && *word & 0x8000_0000 != 0 => !keep,
            Upper::SignExtended => 0,
            Upper::Garbage => GARBAGE & !keep,
        };
        *word = (*word & keep) | fill;
    }
}

fn data(abi: &Abi, nr: u32, args: [u64; 6], ip: u64) -> SeccompData {
    SeccompData {
        nr: nr as i32,
        arch: abi.audit_arch,
        instruction_pointer: ip,
        args,
    }
}

/// The calls every program of `policy` is run on, systematically:
///
/// - on x86-64 and on ia32 (served or not), every number up to [`SWEEP_TO`], some beyond, and
///   -1 (a call a tracer skipped);
/// - on x86-64, each number the policy names there and a few others with the x32 bit
///   (`0x4000_0000 | nr`);
/// - on aarch64 (a foreign arch), the numbers the policy names on any of the three;
/// - for every rule with conditions, on each of the policy's ABIs: its call with every
///   combination of the boundary values of its conditioned arguments (packed as user space
///   passes them), and on x86-64 each again with the unused bits of narrow arguments' registers
///   sign-extended and with garbage.
pub fn probes(policy: &Policy) -> Vec<SeccompData> {
    let mut out = Vec::new();
    let x86 = [&abi::X86_64, &abi::IA32];
    let named = |abi: &Abi| -> Vec<u32> {
        policy
            .rules
            .iter()
            .filter(|r| applies(r, abi))
            .filter_map(|r| seccomp::linux_number(abi, r.syscall.name))
            .collect()
    };
    for abi in x86 {
        let specials = [
            1000,
            0x3fff_ffff,
            0x7fff_ffff,
            0x8000_0000,
            0xffff_fffe,
            u32::MAX,
        ];
        for nr in (0..=SWEEP_TO).chain(specials) {
            out.push(data(abi, nr, [0; 6], 0x40_1000));
        }
    }
    let mut x32: Vec<u32> = named(&abi::X86_64);
    x32.extend([0, 1, SWEEP_TO, 0x3fff_ffff]);
    for nr in x32 {
        out.push(data(&abi::X86_64, 0x4000_0000 | nr, [0; 6], 0x40_1000));
    }
    // aarch64's read is 63.
    let mut foreign: Vec<u32> = vec![0, 63];
    foreign.extend(named(&abi::AARCH64));
    for abi in x86 {
        foreign.extend(named(abi));
    }
    for nr in foreign {
        out.push(data(&abi::AARCH64, nr, [0; 6], 0x40_1000));
    }

    for &abi in policy.abis {
        let mut done: Vec<&str> = Vec::new();
        for rule in policy.rules.iter().filter(|r| applies(r, abi)) {
            let syscall = rule.syscall;
            if rule.when.is_empty() || done.contains(&syscall.name) {
                continue;
            }
            done.push(syscall.name);
            let conds: Vec<Cond> = policy
                .rules
                .iter()
                .filter(|r| r.syscall.name == syscall.name)
                .flat_map(|r| r.when.iter().copied())
                .collect();
            let mut conditioned: Vec<usize> = conds.iter().map(|c| c.arg).collect();
            conditioned.sort_unstable();
            conditioned.dedup();
            let kinds: Vec<ArgKind> = syscall.args.iter().map(|a| a.kind).collect();
            let candidates: Vec<Vec<i128>> = conditioned
                .iter()
                .map(|&i| {
                    let on_arg: Vec<Cond> = conds.iter().filter(|c| c.arg == i).copied().collect();
                    boundaries(&on_arg, kinds[i], abi)
                })
                .collect();
            let nr = seccomp::linux_number(abi, syscall.name).expect("applies") | abi.nr_bit as u32;
            let layout = syscall.layout(abi).expect("applies");
            // Every combination of the candidates (an odometer over them).
            let mut at = vec![0usize; conditioned.len()];
            loop {
                let mut values = [3u64; 6];
                for (k, &i) in conditioned.iter().enumerate() {
                    values[i] = candidates[k][at[k]] as u64;
                }
                let packed = layout.pack(abi, &kinds, &values[..kinds.len()]);
                for upper in [Upper::Clean, Upper::SignExtended, Upper::Garbage] {
                    if abi.register_bits != 64 && upper != Upper::Clean {
                        continue;
                    }
                    let mut words = [0u64; 6];
                    words.copy_from_slice(&packed[..6]);
                    dirty(abi, syscall, &mut words, upper);
                    out.push(data(abi, nr, words, 0x7f12_3456_7000));
                }
                let mut k = 0;
                while k < at.len() {
                    at[k] += 1;
                    if at[k] < candidates[k].len() {
                        break;
                    }
                    at[k] = 0;
                    k += 1;
                }
                if k == at.len() {
                    break;
                }
            }
        }
    }
    out.sort_by_key(|d| (d.arch, d.nr, d.args));
    out.dedup();
    out
}

// ---------------------------------------------------------------------------------------------
// libseccomp's programs.

/// The libseccomp programs of every policy: the default (`dir/POLICY-ARCH.bpf`) and the
/// binary-tree one (`dir/bintree/POLICY-ARCH.bpf`).
pub struct Libseccomp {
    /// Where the C program wrote them.
    pub dir: PathBuf,
}

impl Libseccomp {
    /// Builds `tests/c/libseccomp_policies.c` (at `source`) with gcc and runs it into `out`.
    /// Panics, saying what to install, if libseccomp's header or library is missing.
    pub fn build(source: &Path, out: &Path) -> Libseccomp {
        std::fs::create_dir_all(out).expect("create the output directory");
        let probe = out.join("has_libseccomp.c");
        std::fs::write(
            &probe,
            "#include <seccomp.h>\nint main(void) { return seccomp_api_get() < 0; }\n",
        )
        .expect("write the probe");
        let has = Command::new("gcc")
            .arg(&probe)
            .arg("-o")
            .arg(out.join("has_libseccomp"))
            .arg("-lseccomp")
            .output()
            .unwrap_or_else(|e| panic!("cannot run gcc: {e}"));
        assert!(
            has.status.success(),
            "libseccomp's header or library is missing (`#include <seccomp.h>` with -lseccomp \
             does not build): apt-get install libseccomp-dev\n{}",
            String::from_utf8_lossy(&has.stderr)
        );
        let exe = out.join("libseccomp_policies");
        run(Command::new("gcc")
            .args(["-O2", "-Wall", "-Wextra", "-o"])
            .arg(&exe)
            .arg(source)
            .arg("-lseccomp"));
        let dir = out.join("bpf");
        let _ = std::fs::remove_dir_all(&dir);
        run(Command::new(&exe).arg(&dir));
        Libseccomp { dir }
    }

    /// libseccomp's default program for `policy`.
    pub fn program(&self, policy: &Policy) -> Vec<seccomp::SockFilter> {
        load_bpf(&self.dir.join(policy.file()))
    }

    /// libseccomp's binary-tree program (`SCMP_FLTATR_CTL_OPTIMIZE` 2) for `policy`.
    pub fn tree(&self, policy: &Policy) -> Vec<seccomp::SockFilter> {
        load_bpf(&self.dir.join("bintree").join(policy.file()))
    }

    /// `args32_naive-x86_64.bpf`: [`args32_x86_64`] written with `SCMP_A*_32`.
    pub fn naive(&self) -> Vec<seccomp::SockFilter> {
        load_bpf(&self.dir.join("args32_naive-x86_64.bpf"))
    }
}

fn run(cmd: &mut Command) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A file of `struct sock_filter`s as `seccomp_export_bpf` writes them on a little-endian host:
/// `u16 code, u8 jt, u8 jf, u32 k`.
pub fn load_bpf(path: &Path) -> Vec<seccomp::SockFilter> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes.len().is_multiple_of(8),
        "{}: {} bytes is not whole instructions",
        path.display(),
        bytes.len()
    );
    bytes
        .chunks_exact(8)
        .map(|i| seccomp::SockFilter {
            code: u16::from_le_bytes([i[0], i[1]]),
            jt: i[2],
            jf: i[3],
            k: u32::from_le_bytes([i[4], i[5], i[6], i[7]]),
        })
        .collect()
}
