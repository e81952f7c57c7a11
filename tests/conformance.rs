//! ABI conformance against real register captures (`fixtures/`, see `fixtures/README.md`): every
//! case of every capture file, on every register file of its ABI.
//!
//! The captures come from the table: each ABI's `captures` (17 files for 16 ABIs). The register
//! files come from `syscall_define::for_each_register_file!`: an ABI's native one and its 64-bit
//! host's where Linux runs it as compat (ia32 on x86_64, arm on arm64, o32 on mips64, ppc32 on
//! ppc64, parisc on parisc64), each filled from the capture by `syscall_define_tests::capture`.
//!
//! The system calls are defined below once each, with `#[syscall_define(abi(all))]`, exactly as
//! the kernel declares them (C types mapped to Rust types; a 64-bit value is ONE `i64`/`u64`,
//! placed by the allocator, even where an entry point spells it as u32 halves). Which definition
//! a case runs is decided by the kernel declaration of its system call on its ABI
//! (`syscall_define_tests::declaration`): the one whose argument names and types are that
//! declaration's. For each case and each register file:
//!
//! - the ABI's entry path (`HasStub::stub`, what its generated stub `__<abi>_sys_NAME` runs, as
//!   the expansion goldens show; `source_abis.rs` and `ui/pass/every_abi.rs` call named stubs)
//!   runs the body, which records its typed arguments, and returns the body's value;
//! - the safe decoder `NAME::decode::<Abi, _>` gives the same typed tuple;
//! - that tuple equals what the C program passed (`passed_args`), through the rules of
//!   `syscall_define_tests::expected_kernel_args` (O_LARGEFILE, mmap2's pgoff, `_llseek`'s halves,
//!   preadv's `pos_l`/`pos_h`, socketcall and old_mmap blocks, …), converted to each argument's
//!   Rust type with Rust's casts (`FromValue`);
//! - the descriptor's layout names exactly the registers the capture tool attributes to each
//!   argument (`analysis.decoded[].regs`), in the same half order, and skips exactly its padding
//!   registers; `Descriptor::decode_words` on the captured words gives the same values;
//! - garbage in every argument register the layout does not use (padding included) changes
//!   nothing, garbage in the upper halves of a 32-bit process's 64-bit registers changes nothing,
//!   and flipping a bit of any register the layout uses changes the decoded tuple.

use std::any::Any;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt::Debug;
use std::panic::{AssertUnwindSafe, catch_unwind};

use syscall_define::__private::Body;
use syscall_define::abi::{Abi, Layout, Placement};
use syscall_define::regs::*;
use syscall_define::{ArgTuple, Descriptor, HasStub, Syscall, UserPtr, syscall_define};
use syscall_define_tests::capture::FromCapture;
use syscall_define_tests::{Case, Fixture, capture_register, declaration, expected_kernel_args};

// ---------------------------------------------------------------------------------------------
// Recording what a body received
// ---------------------------------------------------------------------------------------------

thread_local! {
    /// The last body that ran on this thread: its syscall name and its typed argument tuple.
    static LAST_CALL: RefCell<Option<(&'static str, Box<dyn Any>)>> = const { RefCell::new(None) };
}

/// What every body returns: distinct per system call (FNV-1a of the name), never an errno.
fn distinctive_return(name: &str) -> isize {
    let hash = name.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    0x1000 + (hash & 0x3fff_ffff) as isize
}

/// Records the body's typed arguments and returns its distinctive value.
fn record<T: Any>(name: &'static str, args: T) -> isize {
    LAST_CALL.with(|last| *last.borrow_mut() = Some((name, Box::new(args))));
    distinctive_return(name)
}

fn take_recorded() -> Option<(&'static str, Box<dyn Any>)> {
    LAST_CALL.with(|last| last.borrow_mut().take())
}

// ---------------------------------------------------------------------------------------------
// The system calls, as the kernel declares them (Linux 6.1; `kernel.args`, or the entry point
// where `declaration` says so). Opaque pointee types stand for the kernel's structs.
// ---------------------------------------------------------------------------------------------

/// `struct iovec`.
pub struct Iovec;
/// `struct sockaddr`.
pub struct Sockaddr;
/// `struct __kernel_timespec`.
pub struct KernelTimespec;
/// `struct mmap_arg_struct`.
pub struct MmapArgStruct;

/// Defines each system call with `abi(all)` and a body that records its arguments, and lists
/// them for `run_case`.
macro_rules! conformance_syscalls {
    ($(
        $(#[$meta:meta])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?);
    )*) => {
        $(
            $(#[$meta])*
            fn $name($($arg: $ty),*) -> isize {
                record(stringify!($name), ($($arg,)*))
            }
        )*

        /// Every definition's name, to check that each is used by some case.
        const DEFINITIONS: &[&str] = &[$(stringify!($name)),*];

        /// Runs `case` on register file `R` of ABI `A` with the definition that declares its
        /// system call; returns that definition's name.
        fn run_case<A: AbiTag, R>(fixture: &Fixture, case: &Case) -> &'static str
        where
            R: ArgRegisters<A> + FromCapture + Clone + Default,
            $($name: HasStub<A>,)*
        {
            let (decl, _) = declaration(fixture, case);
            // Of the definitions with this declaration (`read` and `write` have the same), the
            // one named after the system call or its entry point.
            let names = syscall_names(case);
            $(
                if declares::<$name>(&decl) && names.iter().any(|n| n == stringify!($name)) {
                    check_case::<$name, A, R>(fixture, case);
                    return stringify!($name);
                }
            )*
            $(
                if declares::<$name>(&decl) {
                    check_case::<$name, A, R>(fixture, case);
                    return stringify!($name);
                }
            )*
            panic!("no definition declares {} {decl:?}", case.syscall.name)
        }
    };
}

conformance_syscalls! {
    /// `sys_read(unsigned int fd, char __user *buf, size_t count)`.
    #[syscall_define(abi(all))]
    fn read(fd: u32, buf: UserPtr<u8>, count: usize);
    /// `sys_write(unsigned int fd, const char __user *buf, size_t count)`.
    #[syscall_define(abi(all))]
    fn write(fd: u32, buf: UserPtr<u8>, count: usize);
    /// `sys_openat(int dfd, const char __user *filename, int flags, umode_t mode)`.
    #[syscall_define(abi(all))]
    fn openat(dfd: i32, filename: UserPtr<u8>, flags: i32, mode: u16);
    /// `sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)`.
    #[syscall_define(abi(all))]
    fn ioctl(fd: u32, cmd: u32, arg: usize);
    /// `compat_sys_ioctl(unsigned int fd, unsigned int cmd, compat_ulong_t arg)` (mips n32).
    #[syscall_define(abi(all))]
    fn compat_ioctl(fd: u32, cmd: u32, arg: u32);
    /// `sys_mprotect(unsigned long start, size_t len, unsigned long prot)`.
    #[syscall_define(abi(all))]
    fn mprotect(start: usize, len: usize, prot: usize);
    /// `sys_madvise(unsigned long start, size_t len_in, int behavior)`.
    #[syscall_define(abi(all))]
    fn madvise(start: usize, len_in: usize, behavior: i32);
    /// `sys_futex(u32 __user *uaddr, int op, u32 val, const struct __kernel_timespec __user
    /// *utime, u32 __user *uaddr2, u32 val3)` (and the 32-bit ABIs' `sys_futex_time32`).
    #[syscall_define(abi(all))]
    fn futex(
        uaddr: UserPtr<u32>,
        op: i32,
        val: u32,
        utime: UserPtr<KernelTimespec>,
        uaddr2: UserPtr<u32>,
        val3: u32,
    );
    /// `sys_sendto(int fd, void __user *buff, size_t len, unsigned int flags,
    /// struct sockaddr __user *addr, int addr_len)`.
    #[syscall_define(abi(all))]
    fn sendto(
        fd: i32,
        buff: UserPtr<u8>,
        len: usize,
        flags: u32,
        addr: UserPtr<Sockaddr>,
        addr_len: i32,
    );
    /// `sys_socketcall(int call, unsigned long __user *args)` (i386, s390x and m68k glibc send
    /// `sendto` through it).
    #[syscall_define(abi(all))]
    fn socketcall(call: i32, args: UserPtr<usize>);
    /// `sys_close(unsigned int fd)`.
    #[syscall_define(abi(all))]
    fn close(fd: u32);
    /// `sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)`.
    #[syscall_define(abi(all))]
    fn dup3(oldfd: u32, newfd: u32, flags: i32);
    /// `sys_fchown(unsigned int fd, uid_t user, gid_t group)` (also `fchown32`).
    #[syscall_define(abi(all))]
    fn fchown(fd: u32, user: u32, group: u32);
    /// `sys_fchownat(int dfd, const char __user *filename, uid_t user, gid_t group, int flag)`.
    #[syscall_define(abi(all))]
    fn fchownat(dfd: i32, filename: UserPtr<u8>, user: u32, group: u32, flag: i32);
    /// `sys_lseek(unsigned int fd, off_t offset, unsigned int whence)`.
    #[syscall_define(abi(all))]
    fn lseek(fd: u32, offset: isize, whence: u32);
    /// `sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
    /// loff_t __user *result, unsigned int whence)`: the kernel declares the two halves itself.
    #[syscall_define(abi(all))]
    fn llseek(fd: u32, offset_high: usize, offset_low: usize, result: *mut i64, whence: u32);
    /// `sys_mmap(unsigned long addr, len, prot, flags, fd, off)` (x86_64, aarch64, sparc64).
    #[syscall_define(abi(all))]
    fn mmap(addr: usize, len: usize, prot: usize, flags: usize, fd: usize, off: usize);
    /// `sys_mmap(…, off_t offset)` (ppc64, riscv64, and mips64's `sys_mips_mmap`).
    #[syscall_define(abi(all))]
    fn mmap_offset(addr: usize, len: usize, prot: usize, flags: usize, fd: usize, offset: isize);
    /// `sys_mmap2` / `sys_mmap_pgoff(unsigned long addr, len, prot, flags, fd, pgoff)`.
    #[syscall_define(abi(all))]
    fn mmap_pgoff(addr: usize, len: usize, prot: usize, flags: usize, fd: usize, pgoff: usize);
    /// s390's `sys_old_mmap(struct mmap_arg_struct __user *arg)`.
    #[syscall_define(abi(all))]
    fn old_mmap(arg: UserPtr<MmapArgStruct>);
    /// `sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)`.
    #[syscall_define(abi(all))]
    fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64);
    /// `sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos)`.
    #[syscall_define(abi(all))]
    fn pwrite64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64);
    /// `sys_preadv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
    /// unsigned long pos_l, unsigned long pos_h)`: two `unsigned long` halves.
    #[syscall_define(abi(all))]
    fn preadv(fd: usize, vec: UserPtr<Iovec>, vlen: usize, pos_l: usize, pos_h: usize);
    /// `sys_pwritev`, declared like `sys_preadv`.
    #[syscall_define(abi(all))]
    fn pwritev(fd: usize, vec: UserPtr<Iovec>, vlen: usize, pos_l: usize, pos_h: usize);
    /// `sys_preadv2(…, unsigned long pos_l, unsigned long pos_h, rwf_t flags)`.
    #[syscall_define(abi(all))]
    fn preadv2(fd: usize, vec: UserPtr<Iovec>, vlen: usize, pos_l: usize, pos_h: usize, flags: i32);
    /// `compat_sys_preadv(compat_ulong_t fd, const struct iovec __user *vec, compat_ulong_t
    /// vlen, u32 pos_low, u32 pos_high)` (mips n32).
    #[syscall_define(abi(all))]
    fn compat_preadv(fd: u32, vec: UserPtr<Iovec>, vlen: u32, pos_low: u32, pos_high: u32);
    /// `compat_sys_pwritev`, declared like `compat_sys_preadv`.
    #[syscall_define(abi(all))]
    fn compat_pwritev(fd: u32, vec: UserPtr<Iovec>, vlen: u32, pos_low: u32, pos_high: u32);
    /// `compat_sys_preadv2(…, u32 pos_low, u32 pos_high, rwf_t flags)`.
    #[syscall_define(abi(all))]
    fn compat_preadv2(fd: u32, vec: UserPtr<Iovec>, vlen: u32, pos_low: u32, pos_high: u32, flags: i32);
    /// `sys_fallocate(int fd, int mode, loff_t offset, loff_t len)`.
    #[syscall_define(abi(all))]
    fn fallocate(fd: i32, mode: i32, offset: i64, len: i64);
    /// `sys_fadvise64(int fd, loff_t offset, size_t len, int advice)`.
    #[syscall_define(abi(all))]
    fn fadvise64(fd: i32, offset: i64, len: usize, advice: i32);
    /// `sys_fadvise64_64(int fd, loff_t offset, loff_t len, int advice)`: seven words on arm and
    /// ppc32 in this order, so those take the order of their own entries (`arm_fadvise64_64`,
    /// `sys_ppc_fadvise64_64`: advice second), as the ppc32 capture shows.
    #[syscall_define(abi(all), arm(order = (fd, advice, offset, len)), ppc32(order = (fd, advice, offset, len)))]
    fn fadvise64_64(fd: i32, offset: i64, len: i64, advice: i32);
    /// `sys_arm_fadvise64_64(int fd, int advice, loff_t offset, loff_t len)`.
    #[syscall_define(abi(all))]
    fn arm_fadvise64_64(fd: i32, advice: i32, offset: i64, len: i64);
    /// `sys_sync_file_range(int fd, loff_t offset, loff_t nbytes, unsigned int flags)`; arm and
    /// ppc32 take `sync_file_range2`'s order.
    #[syscall_define(abi(all), arm(order = (fd, flags, offset, nbytes)), ppc32(order = (fd, flags, offset, nbytes)))]
    fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32);
    /// `sys_sync_file_range2(int fd, unsigned int flags, loff_t offset, loff_t nbytes)` (arm's
    /// `arm_sync_file_range`).
    #[syscall_define(abi(all))]
    fn sync_file_range2(fd: i32, flags: u32, offset: i64, nbytes: i64);
    /// `sys_ftruncate(unsigned int fd, off_t length)`.
    #[syscall_define(abi(all))]
    fn ftruncate(fd: u32, length: isize);
    /// `sys_ftruncate64(unsigned int fd, loff_t length)`.
    #[syscall_define(abi(all))]
    fn ftruncate64(fd: u32, length: i64);
    /// `sys_truncate(const char __user *path, long length)`.
    #[syscall_define(abi(all))]
    fn truncate(path: UserPtr<u8>, length: isize);
    /// `sys_truncate64(const char __user *path, loff_t length)`.
    #[syscall_define(abi(all))]
    fn truncate64(path: UserPtr<u8>, length: i64);
    /// `sys_copy_file_range(int fd_in, loff_t __user *off_in, int fd_out,
    /// loff_t __user *off_out, size_t len, unsigned int flags)`.
    #[syscall_define(abi(all))]
    fn copy_file_range(fd_in: i32, off_in: UserPtr<i64>, fd_out: i32, off_out: UserPtr<i64>, len: usize, flags: u32);
    /// `sys_splice(…)`, declared like `copy_file_range`, with raw pointers.
    #[syscall_define(abi(all))]
    fn splice(fd_in: i32, off_in: *mut i64, fd_out: i32, off_out: *mut i64, len: usize, flags: u32);
    /// `sys_sendfile(int out_fd, int in_fd, off_t __user *offset, size_t count)`.
    #[syscall_define(abi(all))]
    fn sendfile(out_fd: i32, in_fd: i32, offset: *mut isize, count: usize);
    /// `sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count)`.
    #[syscall_define(abi(all))]
    fn sendfile64(out_fd: i32, in_fd: i32, offset: *mut i64, count: usize);
    /// `sys_lookup_dcookie(u64 cookie64, char __user *buf, size_t len)`.
    #[syscall_define(abi(all))]
    fn lookup_dcookie(cookie64: u64, buf: UserPtr<u8>, len: usize);
}

// ---------------------------------------------------------------------------------------------
// Which definition declares a system call
// ---------------------------------------------------------------------------------------------

/// The Rust type a kernel C type is declared as here; `None` for a pointer (any pointer type).
fn rust_type(ctype: &str) -> Option<&'static str> {
    if ctype.contains('*') {
        return None;
    }
    Some(match ctype {
        "unsigned int" | "u32" | "__u32" | "uid_t" | "gid_t" | "compat_ulong_t"
        | "compat_size_t" => "u32",
        "int" | "rwf_t" => "i32",
        "umode_t" => "u16",
        "unsigned long" | "size_t" => "usize",
        "long" | "off_t" => "isize",
        "loff_t" => "i64",
        "u64" | "__u64" => "u64",
        other => panic!("no Rust type for C type `{other}`"),
    })
}

/// The names a definition of `case`'s system call may have: the table's name, and the entry
/// point's without `sys_` (`sys_sendfile64` for x86_64's `sendfile`, `compat_sys_preadv` →
/// `compat_preadv`).
fn syscall_names(case: &Case) -> Vec<String> {
    let entry = case.sc["kernel"]["entry_point"]["symbol"]
        .as_str()
        .unwrap_or_default();
    vec![
        case.syscall.name.clone(),
        entry.trim_start_matches("sys_").to_string(),
        entry.replacen("compat_sys_", "compat_", 1),
    ]
}

/// Whether `S` is declared exactly as `decl`: the same names in order, each with its type.
fn declares<S: Syscall>(decl: &[(String, String)]) -> bool {
    S::ARGS.len() == decl.len()
        && S::ARGS.iter().zip(decl).all(|(arg, (name, ctype))| {
            arg.name == name
                && match rust_type(ctype) {
                    Some(ty) => arg.ty == ty,
                    None => arg.ty.starts_with("UserPtr<") || arg.ty.starts_with('*'),
                }
        })
}

// ---------------------------------------------------------------------------------------------
// Expected values, converted to the declared Rust types with Rust's casts
// ---------------------------------------------------------------------------------------------

/// A Rust argument type, built from the C value the oracle gives (before conversion) as C
/// converts it to the declared type on an ABI whose kernel `long` has `word_bits`.
trait FromValue {
    fn from_value(value: u64, word_bits: u32) -> Self;
}

fn low_word(value: u64, word_bits: u32) -> u64 {
    if word_bits >= 64 {
        value
    } else {
        value & ((1u64 << word_bits) - 1)
    }
}

impl FromValue for u16 {
    fn from_value(value: u64, _: u32) -> Self {
        value as u16
    }
}
impl FromValue for u32 {
    fn from_value(value: u64, _: u32) -> Self {
        value as u32
    }
}
impl FromValue for i32 {
    fn from_value(value: u64, _: u32) -> Self {
        value as i32
    }
}
impl FromValue for u64 {
    fn from_value(value: u64, _: u32) -> Self {
        value
    }
}
impl FromValue for i64 {
    fn from_value(value: u64, _: u32) -> Self {
        value as i64
    }
}
impl FromValue for usize {
    fn from_value(value: u64, word_bits: u32) -> Self {
        low_word(value, word_bits) as usize
    }
}
impl FromValue for isize {
    fn from_value(value: u64, word_bits: u32) -> Self {
        let shift = 64 - word_bits;
        (((value << shift) as i64) >> shift) as isize
    }
}
impl<T> FromValue for UserPtr<T> {
    fn from_value(value: u64, word_bits: u32) -> Self {
        UserPtr::new(low_word(value, word_bits) as usize)
    }
}
impl<T> FromValue for *mut T {
    fn from_value(value: u64, word_bits: u32) -> Self {
        std::ptr::with_exposed_provenance_mut(low_word(value, word_bits) as usize)
    }
}

/// A whole argument tuple from the oracle's values, by the declared argument names.
trait Expected: Sized {
    fn expected(names: &[&str], oracle: &[(&str, u64)], word_bits: u32) -> Self;
}

macro_rules! expected_tuple {
    ($(($($t:ident $i:tt),*))*) => {$(
        impl<$($t: FromValue),*> Expected for ($($t,)*) {
            #[allow(unused_variables, clippy::unused_unit)]
            fn expected(names: &[&str], oracle: &[(&str, u64)], word_bits: u32) -> Self {
                let value = |i: usize| {
                    oracle
                        .iter()
                        .find(|(n, _)| *n == names[i])
                        .unwrap_or_else(|| panic!("the oracle has no argument `{}`", names[i]))
                        .1
                };
                ($($t::from_value(value($i), word_bits),)*)
            }
        }
    )*};
}

expected_tuple! {
    ()
    (T0 0)
    (T0 0, T1 1)
    (T0 0, T1 1, T2 2)
    (T0 0, T1 1, T2 2, T3 3)
    (T0 0, T1 1, T2 2, T3 3, T4 4)
    (T0 0, T1 1, T2 2, T3 3, T4 4, T5 5)
}

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

const GARBAGE: u64 = 0xdead_beef_a5a5_5a5a;
/// Upper halves put in the 64-bit register files of 32-bit processes (the capture saw zeros).
const UPPER_HALVES: [u32; 2] = [0, 0xbad0_c0de];

/// The capture-named registers of one placement, in slot order.
fn placement_regs(abi: &Abi, place: Placement) -> Vec<String> {
    let (first, second) = abi.slot_name(place);
    let mut regs = vec![capture_register(abi.name, first)];
    if let Some(second) = second {
        regs.push(capture_register(abi.name, second));
    }
    if let Placement::Pair { lo, hi } = place
        && hi < lo
    {
        regs.reverse();
    }
    regs
}

/// The descriptor's layout on `abi` names the registers the capture tool attributes to each
/// argument, in the same half order, and skips exactly the registers it calls padding.
fn check_layout_against_capture(case: &Case, abi: &Abi, descriptor: &Descriptor) -> Layout {
    let layout = descriptor
        .layout(abi)
        .unwrap_or_else(|| panic!("{} has no layout on {}", descriptor.name, abi.name));
    let decoded = case.sc["analysis"]["decoded"]
        .as_array()
        .unwrap_or_else(|| panic!("case {}: no analysis.decoded", case.id));
    assert_eq!(
        decoded.len(),
        layout.len(),
        "the capture decodes another number of arguments"
    );
    let mut capture_pads = Vec::new();
    for (i, arg) in descriptor.args.iter().enumerate() {
        // By name: where an entry reorders (ppc32 `fadvise64_64`), the capture lists the
        // arguments in register order.
        let captured = decoded
            .iter()
            .find(|d| d["name"] == arg.name)
            .unwrap_or_else(|| panic!("the capture does not decode `{}`", arg.name));
        let want: Vec<String> = captured["regs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect();
        let place = layout.arg(i);
        assert_eq!(
            placement_regs(abi, place),
            want,
            "`{}` (capture: `{}`) is read from the wrong registers",
            arg.name,
            captured["name"]
        );
        if let Placement::Pair { lo, hi } = place {
            let order = if lo < hi {
                "low word first"
            } else {
                "high word first"
            };
            assert_eq!(captured["pair_order"], order, "`{}`", arg.name);
        }
    }
    for captured in decoded {
        if let Some(pad) = captured["padding_reg_skipped"].as_str() {
            capture_pads.push(pad.to_string());
        }
    }
    capture_pads.sort();
    let mut layout_pads: Vec<String> = (0..abi.max_words())
        .filter(|&slot| layout.is_pad(slot))
        .map(|slot| capture_register(abi.name, abi.arg_slots[slot]))
        .collect();
    layout_pads.sort();
    assert_eq!(layout_pads, capture_pads, "padding registers");
    layout
}

/// Runs the stub and the decoder on `regs`, and checks them against each other and `expected`.
fn check_regs<S, A, R>(what: &str, regs: &R, expected: &S::Args)
where
    S: HasStub<A> + Body,
    S::Args: PartialEq + Debug + 'static,
    A: AbiTag,
    R: ArgRegisters<A>,
{
    take_recorded();
    // SAFETY: the stubs' contract is "only arch entry code calls this"; here the register file is
    // a plain value and the body only records its arguments.
    let returned = unsafe { S::stub(regs) };
    let (ran, recorded) = take_recorded().unwrap_or_else(|| panic!("{what}: the body did not run"));
    assert_eq!(ran, S::NAME, "{what}: the wrong body ran");
    assert_eq!(
        returned,
        distinctive_return(S::NAME),
        "{what}: the stub must return the body's value"
    );
    let recorded = *recorded
        .downcast::<S::Args>()
        .unwrap_or_else(|_| panic!("{what}: the body recorded another tuple type"));
    let decoded =
        S::decode::<A, R>(regs).unwrap_or_else(|e| panic!("{what}: decode failed: {e:?}"));
    assert_eq!(recorded, decoded, "{what}: stub and decoder disagree");
    assert_eq!(
        &decoded, expected,
        "{what}: decoded arguments vs passed_args"
    );
}

/// All checks of one register file.
fn check_register_file<S, A, R>(what: &str, layout: &Layout, regs: &R, expected: &S::Args)
where
    S: HasStub<A> + Body,
    S::Args: PartialEq + Debug + 'static,
    A: AbiTag,
    R: ArgRegisters<A> + Clone,
{
    assert_eq!(
        S::layout::<A>(),
        *layout,
        "{what}: Syscall::layout vs the descriptor"
    );
    check_regs::<S, A, R>(what, regs, expected);

    // Garbage in every argument register the layout does not use (padding included) changes
    // nothing.
    let mut garbled = regs.clone();
    for slot in (0..A::ABI.max_words()).filter(|&slot| !layout.uses(slot)) {
        garbled.set_arg_word(slot, GARBAGE ^ slot as u64);
    }
    check_regs::<S, A, R>(
        &format!("{what}, garbage in unused registers"),
        &garbled,
        expected,
    );

    // And the registers it does use matter: flipping bit 0 of any of them (bit 0 of a pair's high
    // register is bit 32 of the value) changes the decoded tuple.
    for slot in (0..A::ABI.max_words()).filter(|&slot| layout.uses(slot)) {
        let mut flipped = regs.clone();
        flipped.set_arg_word(slot, regs.arg_word(slot) ^ 1);
        let decoded = S::decode::<A, R>(&flipped).expect("decode");
        assert_ne!(
            &decoded,
            expected,
            "{what}: slot {slot} ({}) is used by the layout but does not reach any argument",
            A::ABI.arg_slots[slot]
        );
    }
}

/// Every check of `case` with definition `S` on register file `R` of ABI `A`.
fn check_case<S, A, R>(fixture: &Fixture, case: &Case)
where
    S: HasStub<A> + Body,
    S::Args: Expected + PartialEq + Debug + 'static,
    A: AbiTag,
    R: ArgRegisters<A> + FromCapture + Clone + Default,
{
    let abi = A::ABI;
    let names: Vec<&str> = S::ARGS.iter().map(|a| a.name).collect();
    let oracle = expected_kernel_args(fixture, case);
    let expected = S::Args::expected(&names, &oracle, fixture.kernel_word_bits());

    let layout = check_layout_against_capture(case, abi, S::DESCRIPTOR);
    let values = S::DESCRIPTOR
        .decode_words(abi, &case.arg_words())
        .unwrap_or_else(|| panic!("decode_words on {} failed", abi.name));
    assert_eq!(
        values,
        expected.encode_values(),
        "Descriptor::decode_words vs the expected values"
    );

    // A 32-bit process's registers in a 64-bit register file: with garbage in the upper halves.
    let wide_file = abi.register_bits == 32 && holds_64_bit_registers::<A, R>();
    let uppers: &[u32] = if wide_file { &UPPER_HALVES } else { &[0] };
    for &upper in uppers {
        let regs = R::from_capture(&fixture.abi, case, upper);
        let what = format!(
            "{} via {} on {} (upper halves {upper:#x})",
            abi.name,
            S::NAME,
            std::any::type_name::<R>()
        );
        check_register_file::<S, A, R>(&what, &layout, &regs, &expected);
    }
}

/// Whether `R`'s argument slots are 64 bits wide (a word written there keeps its upper half).
fn holds_64_bit_registers<A: AbiTag, R: ArgRegisters<A> + Default>() -> bool {
    let mut regs = R::default();
    regs.set_arg_word(0, 1 << 40);
    regs.arg_word(0) == 1 << 40
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

/// Cases that cannot be checked, with the reason: `(fixture, case id, reason)`. Empty: every
/// case of every capture is checked.
const NOT_CHECKED: &[(&str, u64, &str)] = &[];

#[test]
fn every_case_of_every_capture_on_every_register_file_of_its_abi() {
    let mut failures = Vec::new();
    let mut used = BTreeSet::new();
    let mut runs = Vec::new();
    macro_rules! each_register_file {
        ($($tag:ident => $regs:ty,)*) => {$(
            for name in <$tag as AbiTag>::ABI.captures {
                let fixture = Fixture::load(name);
                assert_eq!(fixture.cases.len(), 33, "{name}: number of cases");
                let mut checked = 0;
                for case in &fixture.cases {
                    if NOT_CHECKED.iter().any(|(f, id, _)| f == name && *id == case.id) {
                        continue;
                    }
                    match catch_unwind(AssertUnwindSafe(|| run_case::<$tag, $regs>(&fixture, case))) {
                        Ok(definition) => {
                            used.insert(definition);
                            checked += 1;
                        }
                        Err(panic) => failures.push(format!(
                            "{name} case {} ({}, {}) on {}: {}",
                            case.id,
                            case.label,
                            case.syscall.name,
                            stringify!($regs),
                            syscall_define_tests::panic_message(&*panic)
                        )),
                    }
                }
                runs.push((name.to_string(), stringify!($regs), checked));
            }
        )*};
    }
    syscall_define::for_each_register_file!(each_register_file);
    assert!(
        failures.is_empty(),
        "{} failing runs:\n{}",
        failures.len(),
        failures.join("\n")
    );
    for (name, regs, checked) in &runs {
        assert_eq!(*checked, 33, "{name} on {regs}: every case must be checked");
    }
    // 17 captures; those of 32-bit ABIs with a 64-bit compat host run twice.
    let captures: usize = syscall_define::abi::ALL
        .iter()
        .map(|abi| abi.captures.len())
        .sum();
    assert_eq!(captures, 17);
    assert!(runs.len() > captures, "compat register files were not run");
    let unused: Vec<&&str> = DEFINITIONS.iter().filter(|d| !used.contains(*d)).collect();
    assert!(unused.is_empty(), "definitions no case uses: {unused:?}");
}

/// Every body returns a different value, so a stub that ran the wrong body would be caught.
#[test]
fn distinctive_returns_are_distinct() {
    let mut values: Vec<isize> = DEFINITIONS.iter().map(|n| distinctive_return(n)).collect();
    values.sort_unstable();
    values.dedup();
    assert_eq!(values.len(), DEFINITIONS.len());
}

/// The examples the README spells out, as plain assertions.
#[test]
fn pread64_pos_is_esi_edi_on_ia32_r4_r5_after_pad_r3_on_arm_and_high_first_on_mips() {
    use syscall_define::abi::{ARM, IA32, MIPS_O32, PARISC, X86_64};
    let layout = |abi| pread64::DESCRIPTOR.layout(abi).unwrap();
    assert_eq!(IA32.slot_name(layout(&IA32).arg(3)), ("si", Some("di")));
    assert_eq!(ARM.slot_name(layout(&ARM).arg(3)), ("r4", Some("r5")));
    assert!(layout(&ARM).is_pad(3) && !layout(&ARM).uses(3));
    assert_eq!(X86_64.slot_name(layout(&X86_64).arg(3)), ("r10", None));
    // Big-endian: the high half in the lower slot.
    assert_eq!(
        MIPS_O32.slot_name(layout(&MIPS_O32).arg(3)),
        ("sp+20", Some("sp+16"))
    );
    assert_eq!(
        PARISC.slot_name(layout(&PARISC).arg(3)),
        ("r22", Some("r23"))
    );
}
