//! Seccomp-BPF filters built from the descriptors: the arch check, the x32 bit, every argument
//! compared on its declared type at the places the ABI's layout says.
//!
//! A filter is a default action and per-syscall [`Rule`]s, each with conditions on typed
//! arguments. [`Filter::compile`] turns it into classic BPF over `struct seccomp_data` for one or
//! more ABIs, into a fixed-size array (no allocation):
//!
//! - the `arch` field is checked against each ABI's `AUDIT_ARCH_*` first; any other arch gets the
//!   filter's [`bad_arch`](Filter::bad_arch) action (default: kill the process);
//! - each ABI's rules use that ABI's numbers, from the `syscalls` crate ([`linux_number`]);
//! - on x86-64 a number with the x32 bit (`0x4000_0000`) never reaches the x86-64 rules: it gets
//!   the `bad_arch` action unless [`X32`](crate::abi::X32) is one of the filter's ABIs (x86-64
//!   and x32 share one `AUDIT_ARCH`; a filter that forgets the bit is a known bypass);
//! - an argument is compared as the value the body would receive: a 32-bit type on its low 32
//!   bits only (what the upper half of its register holds does not matter, as to the kernel), an
//!   8- or 16-bit type on its own bits, a signed type with signed order; on a 32-bit ABI a 64-bit
//!   argument is two words, in the slots and half order of its layout (ia32 `pread64`'s `pos` is
//!   `args[3]` low and `args[4]` high; arm's skips `args[3]`), compared as one 64-bit value;
//! - errno actions are numbered per ABI (mips' `ENOSYS` is 89).
//!
//! ```
//! use syscall_define::abi::{IA32, X86_64};
//! use syscall_define::seccomp::{arg, Action, Filter, Program, Rule, SeccompData};
//! use syscall_define::{syscall_define, Errno, UserPtr};
//!
//! #[syscall_define(abi(x86_64, ia32))]
//! fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
//!     let _ = (fd, buf, count, pos);
//!     Err(Errno::ENOSYS)
//! }
//!
//! // Reads beyond 4 GiB fail with EACCES; everything else is allowed.
//! const FILTER: Filter = Filter::new(&[&X86_64, &IA32], Action::Allow).rules(&[
//!     Rule::new(pread64::DESCRIPTOR, Action::Errno(Errno::EACCES))
//!         .when(&[arg(3).ge(0x1_0000_0000)]),
//! ]);
//! let program: Program<64> = FILTER.compile().unwrap();
//!
//! // ia32 pread64 (180) at offset 0x1_0000_0004: `pos` is args[3] (low) and args[4] (high).
//! let call = SeccompData { nr: 180, arch: IA32.audit_arch, args: [3, 0, 4096, 4, 1, 0], ..Default::default() };
//! assert_eq!(program.run(&call), Action::Errno(Errno::EACCES).value(&IA32));
//! let below = SeccompData { args: [3, 0, 4096, 0xffff_ffff, 0, 0], ..call };
//! assert_eq!(program.run(&below), Action::Allow.value(&IA32));
//! // x86-64's pread64 is 17, and `pos` is args[3] whole.
//! let call = SeccompData { nr: 17, arch: X86_64.audit_arch, args: [3, 0, 4096, 0x1_0000_0004, 0, 0], ..Default::default() };
//! assert_eq!(program.run(&call), Action::Errno(Errno::EACCES).value(&X86_64));
//! println!("{program}"); // the program, one instruction a line
//! ```
//!
//! Installing it is `prctl(PR_SET_NO_NEW_PRIVS, 1)` and then
//! `seccomp(SECCOMP_SET_MODE_FILTER, 0, &program.fprog())`.

pub mod bpf;
mod compile;

use core::fmt;

pub use bpf::{Disassembly, MAX_INSNS, RunError, SeccompData, SockFilter, run};

use crate::abi::{self, Abi, AbiId};
use crate::{Descriptor, Errno};

/// What the filter does with a call: Linux's `SECCOMP_RET_*` (`include/uapi/linux/seccomp.h`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Kill the whole process, as by SIGSYS (`SECCOMP_RET_KILL_PROCESS`).
    KillProcess,
    /// Kill the calling thread (`SECCOMP_RET_KILL_THREAD`).
    KillThread,
    /// Send SIGSYS, with this value in `si_errno` (`SECCOMP_RET_TRAP`).
    Trap(u16),
    /// Fail the call with this error, numbered as the calling ABI numbers it
    /// (`SECCOMP_RET_ERRNO`).
    Errno(Errno),
    /// Notify a supervisor through the listener fd (`SECCOMP_RET_USER_NOTIF`).
    UserNotif,
    /// Notify a ptrace tracer, with this value as the event message (`SECCOMP_RET_TRACE`).
    Trace(u16),
    /// Allow the call and log it (`SECCOMP_RET_LOG`).
    Log,
    /// Allow the call (`SECCOMP_RET_ALLOW`).
    Allow,
}

impl Action {
    /// The value the filter returns for this action on `abi`: the action in the top 16 bits,
    /// its data (an errno in `abi`'s numbering) in the low 16.
    pub fn value(self, abi: &Abi) -> u32 {
        match self {
            Action::KillProcess => 0x8000_0000,
            Action::KillThread => 0,
            Action::Trap(data) => 0x0003_0000 | u32::from(data),
            Action::Errno(e) => 0x0005_0000 | u32::from(abi.errno_to_abi(e.into_raw() as u16)),
            Action::UserNotif => 0x7fc0_0000,
            Action::Trace(data) => 0x7ff0_0000 | u32::from(data),
            Action::Log => 0x7ffc_0000,
            Action::Allow => 0x7fff_0000,
        }
    }

    /// A comment naming the action of a filter's return value `value`, for the disassembly.
    pub(crate) fn describe(value: u32) -> impl fmt::Display {
        struct Describe(u32);
        impl fmt::Display for Describe {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let data = self.0 & 0xffff;
                match self.0 & 0xffff_0000 {
                    0x8000_0000 => f.write_str("  ; kill process"),
                    0 => f.write_str("  ; kill thread"),
                    0x0003_0000 => write!(f, "  ; trap {data}"),
                    0x0005_0000 => write!(f, "  ; errno {data}"),
                    0x7fc0_0000 => f.write_str("  ; user notif"),
                    0x7ff0_0000 => write!(f, "  ; trace {data}"),
                    0x7ffc_0000 => f.write_str("  ; log"),
                    0x7fff_0000 => f.write_str("  ; allow"),
                    _ => Ok(()),
                }
            }
        }
        Describe(value)
    }
}

/// How a [`Cond`] compares an argument with its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cmp {
    /// `arg == value`.
    Eq,
    /// `arg != value`.
    Ne,
    /// `arg < value`, in the argument type's order (signed for a signed type).
    Lt,
    /// `arg <= value`.
    Le,
    /// `arg > value`.
    Gt,
    /// `arg >= value`.
    Ge,
    /// `arg & mask == value & mask`, on the argument type's bits.
    MaskedEq(u64),
}

/// One condition of a rule: argument `arg` (its index in the definition) compared with `value`.
///
/// `value` is a value of the argument's type: `-1` for an `i32` or `i64`, up to `u64::MAX` for
/// a `u64`. A value the type cannot hold is an error when the filter is compiled; a `long`,
/// `unsigned long` or pointer compared with a value beyond 32 bits is decided on a 32-bit ABI
/// without looking (it cannot hold it there either).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cond {
    /// The argument's index in the definition (0 for the first).
    pub arg: usize,
    /// The comparison.
    pub cmp: Cmp,
    /// The value compared with.
    pub value: i128,
}

/// Argument `index` of a rule's system call, to build a [`Cond`]: `arg(3).ge(0x1_0000_0000)`.
pub const fn arg(index: usize) -> ArgRef {
    ArgRef(index)
}

/// An argument of a rule's system call; see [`arg`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ArgRef(pub usize);

impl ArgRef {
    const fn cond(self, cmp: Cmp, value: i128) -> Cond {
        Cond {
            arg: self.0,
            cmp,
            value,
        }
    }
    /// `arg == value`.
    pub const fn eq(self, value: i128) -> Cond {
        self.cond(Cmp::Eq, value)
    }
    /// `arg != value`.
    pub const fn ne(self, value: i128) -> Cond {
        self.cond(Cmp::Ne, value)
    }
    /// `arg < value`.
    pub const fn lt(self, value: i128) -> Cond {
        self.cond(Cmp::Lt, value)
    }
    /// `arg <= value`.
    pub const fn le(self, value: i128) -> Cond {
        self.cond(Cmp::Le, value)
    }
    /// `arg > value`.
    pub const fn gt(self, value: i128) -> Cond {
        self.cond(Cmp::Gt, value)
    }
    /// `arg >= value`.
    pub const fn ge(self, value: i128) -> Cond {
        self.cond(Cmp::Ge, value)
    }
    /// `arg & mask == value & mask`.
    pub const fn masked_eq(self, mask: u64, value: i128) -> Cond {
        self.cond(Cmp::MaskedEq(mask), value)
    }
}

/// A rule: calls of `syscall` whose arguments meet every condition get `action`.
///
/// Rules are tried in order; the first whose conditions all hold decides. A rule applies on each
/// of the filter's ABIs the syscall was emitted for (its descriptor has a layout there) and that
/// has a number for it.
#[derive(Clone, Copy, Debug)]
pub struct Rule<'a> {
    /// The system call.
    pub syscall: &'a Descriptor,
    /// The conditions, all of which must hold (none: every call).
    pub when: &'a [Cond],
    /// What the filter does with a matching call.
    pub action: Action,
}

impl<'a> Rule<'a> {
    /// Every call of `syscall` gets `action`.
    pub const fn new(syscall: &'a Descriptor, action: Action) -> Self {
        Rule {
            syscall,
            when: &[],
            action,
        }
    }

    /// Only calls whose arguments meet every condition of `when`.
    pub const fn when(self, when: &'a [Cond]) -> Self {
        Rule { when, ..self }
    }
}

/// A seccomp filter: the ABIs it serves, its rules and its default action.
#[derive(Clone, Copy, Debug)]
pub struct Filter<'a> {
    abis: &'a [&'a Abi],
    rules: &'a [Rule<'a>],
    default: Action,
    bad_arch: Action,
    numbers: fn(&Abi, &str) -> Option<u32>,
}

impl<'a> Filter<'a> {
    /// A filter for calls made with `abis` (one kernel: they must share a byte order), where a
    /// call no rule matches gets `default`.
    pub const fn new(abis: &'a [&'a Abi], default: Action) -> Self {
        Filter {
            abis,
            rules: &[],
            default,
            bad_arch: Action::KillProcess,
            numbers: linux_number,
        }
    }

    /// The rules, tried in order.
    pub const fn rules(self, rules: &'a [Rule<'a>]) -> Self {
        Filter { rules, ..self }
    }

    /// The action for a call made with an ABI the filter does not serve (another `arch`, or an
    /// x32 number on x86-64 when x32 is not served). Default: [`Action::KillProcess`].
    pub const fn bad_arch(self, action: Action) -> Self {
        Filter {
            bad_arch: action,
            ..self
        }
    }

    /// Where the system-call numbers come from (default: [`linux_number`]): `numbers(abi, name)`
    /// is the number of the call `name` on `abi`, without the ABI's [`nr_bit`](Abi::nr_bit).
    pub const fn numbers(self, numbers: fn(&Abi, &str) -> Option<u32>) -> Self {
        Filter { numbers, ..self }
    }

    /// Compiles the filter into a program of at most `N` instructions (and at most
    /// [`MAX_INSNS`], the kernel's limit). Building uses about `40 * N` bytes of stack
    /// (160 KiB for the kernel's limit, 4096).
    pub fn compile<const N: usize>(&self) -> Result<Program<N>, Error> {
        compile::compile(self)
    }
}

/// A compiled filter: at most `N` instructions, for kernels of one byte order.
#[derive(Clone, Copy)]
pub struct Program<const N: usize> {
    insns: [SockFilter; N],
    len: usize,
    big_endian: bool,
}

impl<const N: usize> Program<N> {
    /// The instructions.
    pub fn instructions(&self) -> &[SockFilter] {
        &self.insns[..self.len]
    }

    /// Whether the program is for a big-endian kernel (where each `args[i]`'s high half comes
    /// first).
    pub fn big_endian(&self) -> bool {
        self.big_endian
    }

    /// The `struct sock_fprog` that `seccomp(SECCOMP_SET_MODE_FILTER, …)` takes. It borrows the
    /// program.
    pub fn fprog(&self) -> SockFprog<'_> {
        SockFprog {
            len: self.len as u16,
            filter: self.insns.as_ptr(),
            _program: core::marker::PhantomData,
        }
    }

    /// Runs the program on `data` with [`run`]: the value it returns.
    pub fn run(&self, data: &SeccompData) -> u32 {
        // A compiled program always passes the checks `run` makes.
        match run(self.instructions(), data, self.big_endian) {
            Ok((value, _)) => value,
            Err(e) => panic!("a compiled seccomp program failed to run: {e}"),
        }
    }
}

impl<const N: usize> fmt::Display for Program<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Disassembly(self.instructions()).fmt(f)
    }
}

impl<const N: usize> fmt::Debug for Program<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.instructions()).finish()
    }
}

/// Linux's `struct sock_fprog`, pointing at a [`Program`]'s instructions.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct SockFprog<'a> {
    /// The number of instructions.
    pub len: u16,
    /// The first instruction.
    pub filter: *const SockFilter,
    _program: core::marker::PhantomData<&'a SockFilter>,
}

/// Why a filter did not compile. `rule` and `cond` are indices into [`Filter::rules`] and the
/// rule's conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// The filter names no ABI.
    NoAbi,
    /// The filter's ABIs have different byte orders: no kernel serves them all.
    MixedByteOrder,
    /// A rule applies on none of the filter's ABIs: its syscall was not emitted for any of them,
    /// or none of them numbers it.
    NoAbiForRule {
        /// The rule.
        rule: usize,
        /// Its system call.
        syscall: &'static str,
    },
    /// The rules' system calls are defined for this ABI, but the number source numbers none of
    /// them there (x32, mips n32, s390, parisc and m68k have no table in the `syscalls` crate):
    /// give [`Filter::numbers`] a function that knows them, or leave the ABI out.
    NoNumbers {
        /// The ABI.
        abi: &'static str,
    },
    /// A condition names an argument the system call does not have.
    NoSuchArgument {
        /// The rule.
        rule: usize,
        /// The condition.
        cond: usize,
        /// Its system call.
        syscall: &'static str,
    },
    /// A condition's value (or mask) is not a value of the argument's type.
    ValueOutOfRange {
        /// The rule.
        rule: usize,
        /// The condition.
        cond: usize,
        /// The argument's name.
        arg: &'static str,
        /// The argument's type, as written.
        ty: &'static str,
    },
    /// A condition's argument lives in a word `struct seccomp_data` does not carry (past
    /// `args[5]`: mips o32's 7th and 8th stack words).
    NotInSeccompData {
        /// The rule.
        rule: usize,
        /// The condition.
        cond: usize,
        /// The ABI.
        abi: &'static str,
    },
    /// The program needs more instructions than the capacity (or than [`MAX_INSNS`]).
    TooLong {
        /// The capacity.
        capacity: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::NoAbi => f.write_str("the filter names no ABI"),
            Error::MixedByteOrder => f.write_str(
                "the filter's ABIs have different byte orders, so no one kernel serves them all",
            ),
            Error::NoAbiForRule { rule, syscall } => write!(
                f,
                "rule {rule} (`{syscall}`) applies on none of the filter's ABIs: it was not emitted for them, or they do not number it"
            ),
            Error::NoNumbers { abi } => write!(
                f,
                "no system-call numbers for {abi}: give Filter::numbers a function that knows them, or leave {abi} out"
            ),
            Error::NoSuchArgument {
                rule,
                cond,
                syscall,
            } => write!(
                f,
                "rule {rule} (`{syscall}`), condition {cond}: `{syscall}` has no such argument"
            ),
            Error::ValueOutOfRange {
                rule,
                cond,
                arg,
                ty,
            } => write!(
                f,
                "rule {rule}, condition {cond}: the value is not a value of `{arg}`'s type `{ty}`"
            ),
            Error::NotInSeccompData { rule, cond, abi } => write!(
                f,
                "rule {rule}, condition {cond}: on {abi} the argument is past the six words seccomp sees"
            ),
            Error::TooLong { capacity } => {
                write!(f, "the program needs more than {capacity} instructions")
            }
        }
    }
}

/// The number of system call `name` on `abi`, from the `syscalls` crate's table for its
/// architecture (Linux's own tables), without the ABI's [`nr_bit`](Abi::nr_bit). `None` where
/// the crate has no table for the ABI (x32, mips n32, s390 31-bit, parisc, m68k: give
/// [`Filter::numbers`] a function of your own) or the ABI has no such call.
pub fn linux_number(abi: &Abi, name: &str) -> Option<u32> {
    use core::str::FromStr;
    macro_rules! lookup {
        ($arch:ident) => {
            syscalls::$arch::Sysno::from_str(name)
                .ok()
                .map(|nr| nr.id() as u32)
        };
    }
    match abi.id {
        AbiId::X86_64 => lookup!(x86_64),
        AbiId::Ia32 => lookup!(x86),
        AbiId::Aarch64 => lookup!(aarch64),
        AbiId::Arm => lookup!(arm),
        AbiId::Riscv64 => lookup!(riscv64),
        AbiId::Riscv32 => lookup!(riscv32),
        AbiId::Loongarch64 => lookup!(loongarch64),
        AbiId::MipsO32 | AbiId::MipselO32 => lookup!(mips),
        AbiId::MipsN64 | AbiId::MipselN64 => lookup!(mips64),
        AbiId::Ppc32 => lookup!(powerpc),
        AbiId::Ppc64 | AbiId::Ppc64le => lookup!(powerpc64),
        AbiId::S390x => lookup!(s390x),
        AbiId::Sparc32 => lookup!(sparc),
        AbiId::Sparc64 => lookup!(sparc64),
        _ => None,
    }
}

/// The ABIs that share `abi`'s `AUDIT_ARCH` and are told apart by the number's bit (x86-64 and
/// x32): the one without the bit, and the one with it.
fn shared_arch(abi: &Abi) -> Option<(&'static Abi, &'static Abi)> {
    let mut plain = None;
    let mut with_bit = None;
    for other in abi::ALL.iter().copied() {
        if other.audit_arch == abi.audit_arch {
            if other.nr_bit == 0 {
                plain = Some(other);
            } else {
                with_bit = Some(other);
            }
        }
    }
    Some((plain?, with_bit?))
}
