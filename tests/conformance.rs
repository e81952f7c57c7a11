//! ABI conformance against real register captures (`fixtures/`, see `fixtures/README.md`).
//!
//! Every case of `x86_64.json`, `i386.json` and `arm-eabi.json` is replayed through a system call
//! defined with `#[syscall_define]` exactly as the ABI's table declares its entry point (C types
//! mapped to Rust types; a 64-bit value is ONE `i64`/`u64`, placed by the allocator, even where
//! Linux's ia32 entry spells `poslo, poshi`). For each case and each register file of the ABI:
//!
//! - the generated entry stub runs the body, which records its typed arguments, and returns the
//!   body's value;
//! - the safe decoder `NAME::decode::<Abi, _>` gives the same typed tuple;
//! - that tuple equals what the C program passed (`passed_args`), through the rules of
//!   `syscall_define_tests::expected_kernel_args` (O_LARGEFILE, mmap2's pgoff, `_llseek`'s halves,
//!   preadv's `pos_l`/`pos_h`, …) and the conversion to the declared Rust type written here;
//! - the descriptor's layout names exactly the registers the capture tool attributes to each
//!   argument (`analysis.decoded[].regs`) and skips exactly its padding registers;
//! - garbage in every argument register the layout does not use changes nothing, and flipping a
//!   bit of any register it uses changes the decoded tuple.

use std::any::Any;
use std::cell::RefCell;
use std::fmt::Debug;
use std::panic::{AssertUnwindSafe, catch_unwind};

use serde_json::Value;
use syscall_define::abi::{self, Abi, Layout, Placement};
use syscall_define::regs::{AbiTag, ArgRegisters, Arm, Ia32, X86_64, arm, arm64, i386, x86_64};
use syscall_define::{Descriptor, Syscall, UserPtr, syscall_define};
use syscall_define_tests::{Case, Fixture, expected_kernel_args};

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
// The system calls, as each ABI's table declares its entry point (Linux 6.1; `kernel.entry_point`
// in the fixtures). Opaque pointee types stand for the kernel's structs.
// ---------------------------------------------------------------------------------------------

/// `struct iovec`.
pub struct Iovec;
/// `struct sockaddr`.
pub struct Sockaddr;
/// `struct __kernel_timespec`.
pub struct KernelTimespec;
/// `struct old_timespec32`.
pub struct OldTimespec32;

// --- one declaration on all three ABIs --------------------------------------------------------

/// `sys_read(unsigned int fd, char __user *buf, size_t count)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn read(fd: u32, buf: UserPtr<u8>, count: usize) -> isize {
    record("read", (fd, buf, count))
}

/// `sys_write(unsigned int fd, const char __user *buf, size_t count)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn write(fd: u32, buf: UserPtr<u8>, count: usize) -> isize {
    record("write", (fd, buf, count))
}

/// `sys_openat(int dfd, const char __user *filename, int flags, umode_t mode)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn openat(dfd: i32, filename: UserPtr<u8>, flags: i32, mode: u16) -> isize {
    record("openat", (dfd, filename, flags, mode))
}

/// `sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn ioctl(fd: u32, cmd: u32, arg: usize) -> isize {
    record("ioctl", (fd, cmd, arg))
}

/// `sys_mprotect(unsigned long start, size_t len, unsigned long prot)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn mprotect(start: usize, len: usize, prot: usize) -> isize {
    record("mprotect", (start, len, prot))
}

/// `sys_madvise(unsigned long start, size_t len_in, int behavior)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn madvise(start: usize, len_in: usize, behavior: i32) -> isize {
    record("madvise", (start, len_in, behavior))
}

/// `sys_close(unsigned int fd)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn close(fd: u32) -> isize {
    record("close", (fd,))
}

/// `sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn dup3(oldfd: u32, newfd: u32, flags: i32) -> isize {
    record("dup3", (oldfd, newfd, flags))
}

/// `sys_fchown(unsigned int fd, uid_t user, gid_t group)` (the 32-bit tables call it for
/// `fchown32`).
#[syscall_define(abi(x86_64, ia32, arm))]
fn fchown(fd: u32, user: u32, group: u32) -> isize {
    record("fchown", (fd, user, group))
}

/// `sys_fchownat(int dfd, const char __user *filename, uid_t user, gid_t group, int flag)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn fchownat(dfd: i32, filename: UserPtr<u8>, user: u32, group: u32, flag: i32) -> isize {
    record("fchownat", (dfd, filename, user, group, flag))
}

/// `sys_preadv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
/// unsigned long pos_l, unsigned long pos_h)`: two `unsigned long` halves, not one 64-bit value.
#[syscall_define(abi(x86_64, ia32, arm))]
fn preadv(fd: usize, vec: UserPtr<Iovec>, vlen: usize, pos_l: usize, pos_h: usize) -> isize {
    record("preadv", (fd, vec, vlen, pos_l, pos_h))
}

/// `sys_pwritev`, declared like `sys_preadv`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn pwritev(fd: usize, vec: UserPtr<Iovec>, vlen: usize, pos_l: usize, pos_h: usize) -> isize {
    record("pwritev", (fd, vec, vlen, pos_l, pos_h))
}

/// `sys_preadv2(…, unsigned long pos_l, unsigned long pos_h, rwf_t flags)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn preadv2(
    fd: usize,
    vec: UserPtr<Iovec>,
    vlen: usize,
    pos_l: usize,
    pos_h: usize,
    flags: i32,
) -> isize {
    record("preadv2", (fd, vec, vlen, pos_l, pos_h, flags))
}

/// `sys_fallocate(int fd, int mode, loff_t offset, loff_t len)`; ia32's
/// `sys_ia32_fallocate(int fd, int mode, unsigned int offset_lo, offset_hi, len_lo, len_hi)` is
/// the same declaration with each `loff_t` spelled as its halves.
#[syscall_define(abi(x86_64, ia32, arm))]
fn fallocate(fd: i32, mode: i32, offset: i64, len: i64) -> isize {
    record("fallocate", (fd, mode, offset, len))
}

/// `sys_copy_file_range(int fd_in, loff_t __user *off_in, int fd_out, loff_t __user *off_out,
/// size_t len, unsigned int flags)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn copy_file_range(
    fd_in: i32,
    off_in: UserPtr<i64>,
    fd_out: i32,
    off_out: UserPtr<i64>,
    len: usize,
    flags: u32,
) -> isize {
    record(
        "copy_file_range",
        (fd_in, off_in, fd_out, off_out, len, flags),
    )
}

/// `sys_splice(int fd_in, loff_t __user *off_in, int fd_out, loff_t __user *off_out, size_t len,
/// unsigned int flags)`, with raw pointers.
#[syscall_define(abi(x86_64, ia32, arm))]
fn splice(
    fd_in: i32,
    off_in: *mut i64,
    fd_out: i32,
    off_out: *mut i64,
    len: usize,
    flags: u32,
) -> isize {
    record("splice", (fd_in, off_in, fd_out, off_out, len, flags))
}

/// `sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count)` (x86_64's
/// `sendfile` is this entry too).
#[syscall_define(abi(x86_64, ia32, arm))]
fn sendfile64(out_fd: i32, in_fd: i32, offset: *mut i64, count: usize) -> isize {
    record("sendfile64", (out_fd, in_fd, offset, count))
}

/// `sys_lookup_dcookie(u64 cookie64, char __user *buf, size_t len)`.
#[syscall_define(abi(x86_64, ia32, arm))]
fn lookup_dcookie(cookie64: u64, buf: UserPtr<u8>, len: usize) -> isize {
    record("lookup_dcookie", (cookie64, buf, len))
}

// --- x86_64 and arm (i386 sends these elsewhere) ----------------------------------------------

/// `sys_sendto(int fd, void __user *buff, size_t len, unsigned int flags,
/// struct sockaddr __user *addr, int addr_len)` (i386 glibc uses socketcall instead).
#[syscall_define(abi(x86_64, arm))]
fn sendto(
    fd: i32,
    buff: UserPtr<u8>,
    len: usize,
    flags: u32,
    addr: UserPtr<Sockaddr>,
    addr_len: i32,
) -> isize {
    record("sendto", (fd, buff, len, flags, addr, addr_len))
}

/// `sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)`.
#[syscall_define(abi(x86_64, arm))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> isize {
    record("pread64", (fd, buf, count, pos))
}

/// `sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos)`.
#[syscall_define(abi(x86_64, arm))]
fn pwrite64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> isize {
    record("pwrite64", (fd, buf, count, pos))
}

// --- x86_64 only --------------------------------------------------------------------------------

/// `sys_futex(u32 __user *uaddr, int op, u32 val, const struct __kernel_timespec __user *utime,
/// u32 __user *uaddr2, u32 val3)`.
#[syscall_define(abi(x86_64))]
fn futex(
    uaddr: UserPtr<u32>,
    op: i32,
    val: u32,
    utime: UserPtr<KernelTimespec>,
    uaddr2: UserPtr<u32>,
    val3: u32,
) -> isize {
    record("futex", (uaddr, op, val, utime, uaddr2, val3))
}

/// `sys_lseek(unsigned int fd, off_t offset, unsigned int whence)`.
#[syscall_define(abi(x86_64))]
fn lseek(fd: u32, offset: isize, whence: u32) -> isize {
    record("lseek", (fd, offset, whence))
}

/// x86_64 `sys_mmap(unsigned long addr, len, prot, flags, fd, off)`.
#[syscall_define(abi(x86_64))]
fn mmap(addr: usize, len: usize, prot: usize, flags: usize, fd: usize, off: usize) -> isize {
    record("mmap", (addr, len, prot, flags, fd, off))
}

/// `sys_fadvise64(int fd, loff_t offset, size_t len, int advice)`.
#[syscall_define(abi(x86_64))]
fn fadvise64(fd: i32, offset: i64, len: usize, advice: i32) -> isize {
    record("fadvise64", (fd, offset, len, advice))
}

/// `sys_sync_file_range(int fd, loff_t offset, loff_t nbytes, unsigned int flags)`.
#[syscall_define(abi(x86_64))]
fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> isize {
    record("sync_file_range", (fd, offset, nbytes, flags))
}

/// `sys_ftruncate(unsigned int fd, off_t length)`.
#[syscall_define(abi(x86_64))]
fn ftruncate(fd: u32, length: isize) -> isize {
    record("ftruncate", (fd, length))
}

/// `sys_truncate(const char __user *path, long length)`.
#[syscall_define(abi(x86_64))]
fn truncate(path: UserPtr<u8>, length: isize) -> isize {
    record("truncate", (path, length))
}

// --- ia32 and arm -------------------------------------------------------------------------------

/// `sys_futex_time32(u32 __user *uaddr, int op, u32 val,
/// const struct old_timespec32 __user *utime, u32 __user *uaddr2, u32 val3)`.
#[syscall_define(abi(ia32, arm))]
fn futex_time32(
    uaddr: UserPtr<u32>,
    op: i32,
    val: u32,
    utime: UserPtr<OldTimespec32>,
    uaddr2: UserPtr<u32>,
    val3: u32,
) -> isize {
    record("futex_time32", (uaddr, op, val, utime, uaddr2, val3))
}

/// `sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
/// loff_t __user *result, unsigned int whence)` (`_llseek`): the kernel itself declares the two
/// halves as two `unsigned long`s.
#[syscall_define(abi(ia32, arm))]
fn llseek(fd: u32, offset_high: usize, offset_low: usize, result: *mut i64, whence: u32) -> isize {
    record("llseek", (fd, offset_high, offset_low, result, whence))
}

/// `sys_mmap2` / ia32's `sys_mmap_pgoff(unsigned long addr, len, prot, flags, fd, pgoff)`.
#[syscall_define(abi(ia32, arm))]
fn mmap2(addr: usize, len: usize, prot: usize, flags: usize, fd: usize, pgoff: usize) -> isize {
    record("mmap2", (addr, len, prot, flags, fd, pgoff))
}

/// `sys_ftruncate64(unsigned int fd, loff_t length)`; ia32's
/// `sys_ia32_ftruncate64(unsigned int fd, unsigned long offset_low, unsigned long offset_high)`
/// is the same declaration with the `loff_t` spelled as its halves.
#[syscall_define(abi(ia32, arm))]
fn ftruncate64(fd: u32, length: i64) -> isize {
    record("ftruncate64", (fd, length))
}

/// `sys_truncate64(const char __user *path, loff_t length)` (ia32: `sys_ia32_truncate64` with
/// halves).
#[syscall_define(abi(ia32, arm))]
fn truncate64(path: UserPtr<u8>, length: i64) -> isize {
    record("truncate64", (path, length))
}

// --- ia32 only ----------------------------------------------------------------------------------

/// `sys_socketcall(int call, unsigned long __user *args)` (an ia32 `unsigned long` is 32 bits).
#[syscall_define(abi(ia32))]
fn socketcall(call: i32, args: UserPtr<u32>) -> isize {
    record("socketcall", (call, args))
}

/// `sys_ia32_pread64(unsigned int fd, char __user *ubuf, u32 count, u32 poslo, u32 poshi)`:
/// `count` is a `u32` here, and `poslo, poshi` are one 64-bit `pos`.
#[syscall_define(abi(ia32))]
fn ia32_pread64(fd: u32, ubuf: UserPtr<u8>, count: u32, pos: i64) -> isize {
    record("ia32_pread64", (fd, ubuf, count, pos))
}

/// `sys_ia32_pwrite64(unsigned int fd, const char __user *ubuf, u32 count, u32 poslo, u32 poshi)`.
#[syscall_define(abi(ia32))]
fn ia32_pwrite64(fd: u32, ubuf: UserPtr<u8>, count: u32, pos: i64) -> isize {
    record("ia32_pwrite64", (fd, ubuf, count, pos))
}

/// `sys_ia32_fadvise64_64(int fd, __u32 offset_low, __u32 offset_high, __u32 len_low,
/// __u32 len_high, int advice)`: the generic `sys_fadvise64_64(int fd, loff_t offset,
/// loff_t len, int advice)`.
#[syscall_define(abi(ia32))]
fn fadvise64_64(fd: i32, offset: i64, len: i64, advice: i32) -> isize {
    record("fadvise64_64", (fd, offset, len, advice))
}

/// `sys_ia32_sync_file_range(int fd, unsigned int off_low, off_hi, n_low, n_hi, int flags)`:
/// unlike the generic declaration, `flags` is an `int`.
#[syscall_define(abi(ia32))]
fn ia32_sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: i32) -> isize {
    record("ia32_sync_file_range", (fd, offset, nbytes, flags))
}

// --- arm only -----------------------------------------------------------------------------------

/// `sys_arm_fadvise64_64(int fd, int advice, loff_t offset, loff_t len)`: advice moved second so
/// that no register is skipped.
#[syscall_define(abi(arm))]
fn arm_fadvise64_64(fd: i32, advice: i32, offset: i64, len: i64) -> isize {
    record("arm_fadvise64_64", (fd, advice, offset, len))
}

/// `sys_sync_file_range2(int fd, unsigned int flags, loff_t offset, loff_t nbytes)` (arm's
/// `arm_sync_file_range`).
#[syscall_define(abi(arm))]
fn sync_file_range2(fd: i32, flags: u32, offset: i64, nbytes: i64) -> isize {
    record("sync_file_range2", (fd, flags, offset, nbytes))
}

// ---------------------------------------------------------------------------------------------
// Expected values, converted to the declared Rust types
// ---------------------------------------------------------------------------------------------

/// The oracle's values for one case (`expected_kernel_args`: passed_args plus the README's
/// rules), converted to Rust types as C converts them to the kernel's declared types on an ABI
/// with `word_bits`-bit `long`s and pointers.
struct Expect {
    case: u64,
    word_bits: u32,
    values: Vec<(&'static str, u64)>,
}

impl Expect {
    fn new(fixture: &Fixture, case: &Case) -> Expect {
        Expect {
            case: case.id,
            word_bits: fixture.word_size_bytes * 8,
            values: expected_kernel_args(fixture, case),
        }
    }

    fn raw(&self, name: &str) -> u64 {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| {
                panic!(
                    "case {}: the oracle has no kernel argument `{name}`",
                    self.case
                )
            })
            .1
    }

    /// `unsigned long` / `size_t`: the low `word_bits` bits.
    fn word(&self, name: &str) -> u64 {
        let v = self.raw(name);
        if self.word_bits >= 64 {
            v
        } else {
            v & ((1u64 << self.word_bits) - 1)
        }
    }

    fn u16(&self, name: &str) -> u16 {
        self.raw(name) as u16
    }
    fn u32(&self, name: &str) -> u32 {
        self.raw(name) as u32
    }
    fn i32(&self, name: &str) -> i32 {
        self.raw(name) as i32
    }
    fn u64(&self, name: &str) -> u64 {
        self.raw(name)
    }
    fn i64(&self, name: &str) -> i64 {
        self.raw(name) as i64
    }
    fn usize(&self, name: &str) -> usize {
        self.word(name) as usize
    }
    /// `long` / `off_t`: the low `word_bits` bits, sign-extended.
    fn isize(&self, name: &str) -> isize {
        let shift = 64 - self.word_bits;
        (((self.raw(name) << shift) as i64) >> shift) as isize
    }
    fn ptr<T>(&self, name: &str) -> UserPtr<T> {
        UserPtr::new(self.word(name) as usize)
    }
    fn raw_mut<T>(&self, name: &str) -> *mut T {
        std::ptr::with_exposed_provenance_mut(self.word(name) as usize)
    }
}

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

const GARBAGE: u64 = 0xdead_beef_a5a5_5a5a;
/// Upper halves put in the 64-bit register files of 32-bit processes (the capture saw zeros).
const UPPER_HALVES: [u32; 2] = [0, 0xbad0_c0de];

/// How the capture names the register of `abi`'s argument slot `slot_name`.
fn capture_name(abi: &Abi, slot_name: &str) -> String {
    match abi.name {
        // x86_64::PtRegs `di si dx r10 r8 r9` ↔ `rdi rsi rdx r10 r8 r9`.
        "x86_64" if !slot_name.starts_with('r') => format!("r{slot_name}"),
        // ia32 `bx cx dx si di bp` ↔ `ebx ecx edx esi edi ebp`.
        "ia32" => format!("e{slot_name}"),
        _ => slot_name.to_string(),
    }
}

/// The capture-named registers of one placement, in slot order.
fn placement_regs(abi: &Abi, place: Placement) -> Vec<String> {
    let (first, second) = abi.slot_name(place);
    let mut regs = vec![capture_name(abi, first)];
    if let Some(second) = second {
        regs.push(capture_name(abi, second));
    }
    if let Placement::Pair { lo, hi } = place
        && hi < lo
    {
        regs.reverse();
    }
    regs
}

fn capture_decoded(case: &Case) -> &Vec<Value> {
    case.sc["analysis"]["decoded"]
        .as_array()
        .unwrap_or_else(|| panic!("case {}: no analysis.decoded", case.id))
}

/// The descriptor's layout on `abi` names the registers the capture tool attributes to each
/// argument, in the same half order, and skips exactly the registers it calls padding.
fn check_layout_against_capture(case: &Case, abi: &Abi, descriptor: &Descriptor) -> Layout {
    let layout = descriptor
        .layout(abi)
        .unwrap_or_else(|| panic!("{} has no layout on {}", descriptor.name, abi.name));
    let decoded = capture_decoded(case);
    assert_eq!(
        decoded.len(),
        layout.len(),
        "case {} on {}: the capture decodes {} arguments, `{}` declares {}",
        case.id,
        abi.name,
        decoded.len(),
        descriptor.name,
        layout.len()
    );
    let mut capture_pads = Vec::new();
    for (i, (arg, captured)) in descriptor.args.iter().zip(decoded).enumerate() {
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
            "case {} on {}: `{}` (capture: `{}`) is read from the wrong registers",
            case.id,
            abi.name,
            arg.name,
            captured["name"]
        );
        if let Placement::Pair { lo, hi } = place {
            let order = if lo < hi {
                "low word first"
            } else {
                "high word first"
            };
            assert_eq!(
                captured["pair_order"], order,
                "case {}: `{}`",
                case.id, arg.name
            );
        }
        if let Some(pad) = captured["padding_reg_skipped"].as_str() {
            capture_pads.push(pad.to_string());
        }
    }
    let layout_pads: Vec<String> = (0..abi.max_words())
        .filter(|&slot| layout.is_pad(slot))
        .map(|slot| capture_name(abi, abi.arg_slots[slot]))
        .collect();
    assert_eq!(
        layout_pads, capture_pads,
        "case {} on {}: padding registers",
        case.id, abi.name
    );
    layout
}

/// Runs the stub and the decoder on `regs`, and checks them against each other and `expected`.
fn check_regs<S, A, R>(what: &str, regs: &R, stub: unsafe fn(&R) -> isize, expected: &S::Args)
where
    S: Syscall,
    S::Args: PartialEq + Debug + 'static,
    A: AbiTag,
    R: ArgRegisters<A>,
{
    take_recorded();
    // SAFETY: the stubs' contract is "only arch entry code calls this"; here the register file is
    // a plain value and the body only records its arguments.
    let returned = unsafe { stub(regs) };
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

/// All checks of one case on one register file of ABI `A`.
fn check_register_file<S, A, R>(
    what: &str,
    layout: &Layout,
    regs: &R,
    stub: unsafe fn(&R) -> isize,
    expected: &S::Args,
) where
    S: Syscall,
    S::Args: PartialEq + Debug + 'static,
    A: AbiTag,
    R: ArgRegisters<A> + Clone,
{
    assert_eq!(
        S::layout::<A>(),
        *layout,
        "{what}: Syscall::layout vs the descriptor"
    );
    check_regs::<S, A, R>(what, regs, stub, expected);

    // Garbage in every argument register the layout does not use (padding included) changes
    // nothing.
    let mut garbled = regs.clone();
    for slot in (0..A::ABI.max_words()).filter(|&slot| !layout.uses(slot)) {
        garbled.set_arg_word(slot, GARBAGE ^ slot as u64);
    }
    check_regs::<S, A, R>(
        &format!("{what}, garbage in unused registers"),
        &garbled,
        stub,
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

/// The descriptor's untyped decoding of the captured words agrees with the typed tuple.
fn check_descriptor_words<S>(case: &Case, abi: &Abi, descriptor: &Descriptor, expected: &S::Args)
where
    S: Syscall,
{
    use syscall_define::ArgTuple;
    let values = descriptor
        .decode_words(abi, &case.arg_words())
        .unwrap_or_else(|| panic!("case {}: decode_words on {} failed", case.id, abi.name));
    assert_eq!(
        values,
        expected.encode_values(),
        "case {} on {}: Descriptor::decode_words vs the expected values",
        case.id,
        abi.name
    );
}

fn on_x86_64<S>(
    case: &Case,
    descriptor: &Descriptor,
    stub: unsafe fn(&x86_64::PtRegs) -> isize,
    expected: S::Args,
) where
    S: Syscall,
    S::Args: PartialEq + Debug + 'static,
{
    let layout = check_layout_against_capture(case, &abi::X86_64, descriptor);
    check_descriptor_words::<S>(case, &abi::X86_64, descriptor, &expected);
    let what = format!("x86_64 case {} ({}) via {}", case.id, case.label, S::NAME);
    check_register_file::<S, X86_64, _>(&what, &layout, &case.x86_64_regs(), stub, &expected);
}

fn on_ia32<S>(
    case: &Case,
    descriptor: &Descriptor,
    native: unsafe fn(&i386::PtRegs) -> isize,
    compat: unsafe fn(&x86_64::PtRegs) -> isize,
    expected: S::Args,
) where
    S: Syscall,
    S::Args: PartialEq + Debug + 'static,
{
    on_32bit::<S, Ia32, _, _>(
        case,
        descriptor,
        ("i386", "i386::PtRegs", "x86_64::PtRegs of an ia32 process"),
        (native, case.i386_regs()),
        (compat, |upper| case.ia32_on_x86_64_regs(upper)),
        expected,
    );
}

fn on_arm<S>(
    case: &Case,
    descriptor: &Descriptor,
    native: unsafe fn(&arm::PtRegs) -> isize,
    compat: unsafe fn(&arm64::PtRegs) -> isize,
    expected: S::Args,
) where
    S: Syscall,
    S::Args: PartialEq + Debug + 'static,
{
    on_32bit::<S, Arm, _, _>(
        case,
        descriptor,
        ("arm", "arm::PtRegs", "arm64::PtRegs of an AArch32 process"),
        (native, case.arm_regs()),
        (compat, |upper| case.arm_on_arm64_regs(upper)),
        expected,
    );
}

/// A 32-bit ABI's case: on its native register file, and on its 64-bit host's with each of
/// `UPPER_HALVES` in every register's upper half.
fn on_32bit<S, A, N, C>(
    case: &Case,
    descriptor: &Descriptor,
    (abi_name, native_name, compat_name): (&str, &str, &str),
    (native, native_regs): (unsafe fn(&N) -> isize, N),
    (compat, compat_regs): (unsafe fn(&C) -> isize, impl Fn(u32) -> C),
    expected: S::Args,
) where
    S: Syscall,
    S::Args: PartialEq + Debug + 'static,
    A: AbiTag,
    N: ArgRegisters<A> + Clone,
    C: ArgRegisters<A> + Clone,
{
    let layout = check_layout_against_capture(case, A::ABI, descriptor);
    check_descriptor_words::<S>(case, A::ABI, descriptor, &expected);
    let what = format!(
        "{abi_name} case {} ({}) via {}",
        case.id,
        case.label,
        S::NAME
    );
    check_register_file::<S, A, _>(
        &format!("{what}, {native_name}"),
        &layout,
        &native_regs,
        native,
        &expected,
    );
    for upper in UPPER_HALVES {
        check_register_file::<S, A, _>(
            &format!("{what}, {compat_name} (upper halves {upper:#x})"),
            &layout,
            &compat_regs(upper),
            compat,
            &expected,
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Per ABI: which definition each case's syscall is, and the expected tuple
// ---------------------------------------------------------------------------------------------

/// The table name each case's syscall must have, so a definition is never applied to another
/// syscall.
fn assert_table_name(case: &Case, want: &str) {
    assert_eq!(
        case.syscall.name, want,
        "case {}: the ABI's table calls another syscall",
        case.id
    );
}

fn x86_64_case(fixture: &Fixture, c: &Case) {
    let e = Expect::new(fixture, c);
    match c.id {
        1 => {
            assert_table_name(c, "read");
            on_x86_64::<read>(
                c,
                read::DESCRIPTOR,
                __x64_sys_read,
                (e.u32("fd"), e.ptr("buf"), e.usize("count")),
            )
        }
        2 => {
            assert_table_name(c, "write");
            on_x86_64::<write>(
                c,
                write::DESCRIPTOR,
                __x64_sys_write,
                (e.u32("fd"), e.ptr("buf"), e.usize("count")),
            )
        }
        3..=5 => {
            assert_table_name(c, "openat");
            on_x86_64::<openat>(
                c,
                openat::DESCRIPTOR,
                __x64_sys_openat,
                (
                    e.i32("dfd"),
                    e.ptr("filename"),
                    e.i32("flags"),
                    e.u16("mode"),
                ),
            )
        }
        6 | 7 => {
            assert_table_name(c, "ioctl");
            on_x86_64::<ioctl>(
                c,
                ioctl::DESCRIPTOR,
                __x64_sys_ioctl,
                (e.u32("fd"), e.u32("cmd"), e.usize("arg")),
            )
        }
        8 => {
            assert_table_name(c, "mprotect");
            on_x86_64::<mprotect>(
                c,
                mprotect::DESCRIPTOR,
                __x64_sys_mprotect,
                (e.usize("start"), e.usize("len"), e.usize("prot")),
            )
        }
        9 => {
            assert_table_name(c, "madvise");
            on_x86_64::<madvise>(
                c,
                madvise::DESCRIPTOR,
                __x64_sys_madvise,
                (e.usize("start"), e.usize("len_in"), e.i32("behavior")),
            )
        }
        10 => {
            assert_table_name(c, "futex");
            on_x86_64::<futex>(
                c,
                futex::DESCRIPTOR,
                __x64_sys_futex,
                (
                    e.ptr("uaddr"),
                    e.i32("op"),
                    e.u32("val"),
                    e.ptr("utime"),
                    e.ptr("uaddr2"),
                    e.u32("val3"),
                ),
            )
        }
        11 => {
            assert_table_name(c, "sendto");
            on_x86_64::<sendto>(
                c,
                sendto::DESCRIPTOR,
                __x64_sys_sendto,
                (
                    e.i32("fd"),
                    e.ptr("buff"),
                    e.usize("len"),
                    e.u32("flags"),
                    e.ptr("addr"),
                    e.i32("addr_len"),
                ),
            )
        }
        12 => {
            assert_table_name(c, "close");
            on_x86_64::<close>(c, close::DESCRIPTOR, __x64_sys_close, (e.u32("fd"),))
        }
        13 => {
            assert_table_name(c, "dup3");
            on_x86_64::<dup3>(
                c,
                dup3::DESCRIPTOR,
                __x64_sys_dup3,
                (e.u32("oldfd"), e.u32("newfd"), e.i32("flags")),
            )
        }
        14 => {
            assert_table_name(c, "fchown");
            on_x86_64::<fchown>(
                c,
                fchown::DESCRIPTOR,
                __x64_sys_fchown,
                (e.u32("fd"), e.u32("user"), e.u32("group")),
            )
        }
        15 => {
            assert_table_name(c, "fchownat");
            on_x86_64::<fchownat>(
                c,
                fchownat::DESCRIPTOR,
                __x64_sys_fchownat,
                (
                    e.i32("dfd"),
                    e.ptr("filename"),
                    e.u32("user"),
                    e.u32("group"),
                    e.i32("flag"),
                ),
            )
        }
        16 | 37 => {
            assert_table_name(c, "lseek");
            on_x86_64::<lseek>(
                c,
                lseek::DESCRIPTOR,
                __x64_sys_lseek,
                (e.u32("fd"), e.isize("offset"), e.u32("whence")),
            )
        }
        17 | 18 => {
            assert_table_name(c, "mmap");
            on_x86_64::<mmap>(
                c,
                mmap::DESCRIPTOR,
                __x64_sys_mmap,
                (
                    e.usize("addr"),
                    e.usize("len"),
                    e.usize("prot"),
                    e.usize("flags"),
                    e.usize("fd"),
                    e.usize("off"),
                ),
            )
        }
        19 => {
            assert_table_name(c, "pread64");
            on_x86_64::<pread64>(
                c,
                pread64::DESCRIPTOR,
                __x64_sys_pread64,
                (e.u32("fd"), e.ptr("buf"), e.usize("count"), e.i64("pos")),
            )
        }
        21 => {
            assert_table_name(c, "pwrite64");
            on_x86_64::<pwrite64>(
                c,
                pwrite64::DESCRIPTOR,
                __x64_sys_pwrite64,
                (e.u32("fd"), e.ptr("buf"), e.usize("count"), e.i64("pos")),
            )
        }
        23 => {
            assert_table_name(c, "preadv");
            on_x86_64::<preadv>(c, preadv::DESCRIPTOR, __x64_sys_preadv, preadv_args(&e))
        }
        24 => {
            assert_table_name(c, "pwritev");
            on_x86_64::<pwritev>(c, pwritev::DESCRIPTOR, __x64_sys_pwritev, preadv_args(&e))
        }
        25 => {
            assert_table_name(c, "preadv2");
            on_x86_64::<preadv2>(c, preadv2::DESCRIPTOR, __x64_sys_preadv2, preadv2_args(&e))
        }
        27 => {
            assert_table_name(c, "fallocate");
            on_x86_64::<fallocate>(
                c,
                fallocate::DESCRIPTOR,
                __x64_sys_fallocate,
                (e.i32("fd"), e.i32("mode"), e.i64("offset"), e.i64("len")),
            )
        }
        29 => {
            assert_table_name(c, "fadvise64");
            on_x86_64::<fadvise64>(
                c,
                fadvise64::DESCRIPTOR,
                __x64_sys_fadvise64,
                (
                    e.i32("fd"),
                    e.i64("offset"),
                    e.usize("len"),
                    e.i32("advice"),
                ),
            )
        }
        31 => {
            assert_table_name(c, "sync_file_range");
            on_x86_64::<sync_file_range>(
                c,
                sync_file_range::DESCRIPTOR,
                __x64_sys_sync_file_range,
                (
                    e.i32("fd"),
                    e.i64("offset"),
                    e.i64("nbytes"),
                    e.u32("flags"),
                ),
            )
        }
        32 => {
            assert_table_name(c, "ftruncate");
            on_x86_64::<ftruncate>(
                c,
                ftruncate::DESCRIPTOR,
                __x64_sys_ftruncate,
                (e.u32("fd"), e.isize("length")),
            )
        }
        34 => {
            assert_table_name(c, "truncate");
            on_x86_64::<truncate>(
                c,
                truncate::DESCRIPTOR,
                __x64_sys_truncate,
                (e.ptr("path"), e.isize("length")),
            )
        }
        41 => {
            assert_table_name(c, "copy_file_range");
            on_x86_64::<copy_file_range>(
                c,
                copy_file_range::DESCRIPTOR,
                __x64_sys_copy_file_range,
                copy_file_range_args(&e),
            )
        }
        42 => {
            assert_table_name(c, "splice");
            on_x86_64::<splice>(c, splice::DESCRIPTOR, __x64_sys_splice, splice_args(&e))
        }
        43 => {
            // x86_64's table: `40 common sendfile sys_sendfile64`.
            assert_table_name(c, "sendfile");
            on_x86_64::<sendfile64>(
                c,
                sendfile64::DESCRIPTOR,
                __x64_sys_sendfile64,
                sendfile64_args(&e),
            )
        }
        44 => {
            assert_table_name(c, "lookup_dcookie");
            on_x86_64::<lookup_dcookie>(
                c,
                lookup_dcookie::DESCRIPTOR,
                __x64_sys_lookup_dcookie,
                (e.u64("cookie64"), e.ptr("buf"), e.usize("len")),
            )
        }
        id => panic!("x86_64 case {id} ({}): no definition", c.label),
    }
}

fn i386_case(fixture: &Fixture, c: &Case) {
    let e = Expect::new(fixture, c);
    match c.id {
        1 => {
            assert_table_name(c, "read");
            on_ia32::<read>(
                c,
                read::DESCRIPTOR,
                __ia32_sys_read,
                __ia32_sys_read,
                (e.u32("fd"), e.ptr("buf"), e.usize("count")),
            )
        }
        2 => {
            assert_table_name(c, "write");
            on_ia32::<write>(
                c,
                write::DESCRIPTOR,
                __ia32_sys_write,
                __ia32_sys_write,
                (e.u32("fd"), e.ptr("buf"), e.usize("count")),
            )
        }
        3..=5 => {
            assert_table_name(c, "openat");
            on_ia32::<openat>(
                c,
                openat::DESCRIPTOR,
                __ia32_sys_openat,
                __ia32_sys_openat,
                (
                    e.i32("dfd"),
                    e.ptr("filename"),
                    e.i32("flags"),
                    e.u16("mode"),
                ),
            )
        }
        6 | 7 => {
            assert_table_name(c, "ioctl");
            on_ia32::<ioctl>(
                c,
                ioctl::DESCRIPTOR,
                __ia32_sys_ioctl,
                __ia32_sys_ioctl,
                (e.u32("fd"), e.u32("cmd"), e.usize("arg")),
            )
        }
        8 => {
            assert_table_name(c, "mprotect");
            on_ia32::<mprotect>(
                c,
                mprotect::DESCRIPTOR,
                __ia32_sys_mprotect,
                __ia32_sys_mprotect,
                (e.usize("start"), e.usize("len"), e.usize("prot")),
            )
        }
        9 => {
            assert_table_name(c, "madvise");
            on_ia32::<madvise>(
                c,
                madvise::DESCRIPTOR,
                __ia32_sys_madvise,
                __ia32_sys_madvise,
                (e.usize("start"), e.usize("len_in"), e.i32("behavior")),
            )
        }
        10 => {
            assert_table_name(c, "futex");
            on_ia32::<futex_time32>(
                c,
                futex_time32::DESCRIPTOR,
                __ia32_sys_futex_time32,
                __ia32_sys_futex_time32,
                futex_time32_args(&e),
            )
        }
        11 => {
            // README: i386 glibc sends `sendto` through socketcall(11, args); the oracle checks
            // that the recorded block at `args` holds the six passed arguments.
            assert_table_name(c, "socketcall");
            on_ia32::<socketcall>(
                c,
                socketcall::DESCRIPTOR,
                __ia32_sys_socketcall,
                __ia32_sys_socketcall,
                (e.i32("call"), e.ptr("args")),
            )
        }
        12 => {
            assert_table_name(c, "close");
            on_ia32::<close>(
                c,
                close::DESCRIPTOR,
                __ia32_sys_close,
                __ia32_sys_close,
                (e.u32("fd"),),
            )
        }
        13 => {
            assert_table_name(c, "dup3");
            on_ia32::<dup3>(
                c,
                dup3::DESCRIPTOR,
                __ia32_sys_dup3,
                __ia32_sys_dup3,
                (e.u32("oldfd"), e.u32("newfd"), e.i32("flags")),
            )
        }
        14 => {
            assert_table_name(c, "fchown32");
            on_ia32::<fchown>(
                c,
                fchown::DESCRIPTOR,
                __ia32_sys_fchown,
                __ia32_sys_fchown,
                (e.u32("fd"), e.u32("user"), e.u32("group")),
            )
        }
        15 => {
            assert_table_name(c, "fchownat");
            on_ia32::<fchownat>(
                c,
                fchownat::DESCRIPTOR,
                __ia32_sys_fchownat,
                __ia32_sys_fchownat,
                (
                    e.i32("dfd"),
                    e.ptr("filename"),
                    e.u32("user"),
                    e.u32("group"),
                    e.i32("flag"),
                ),
            )
        }
        16 | 37 => {
            assert_table_name(c, "_llseek");
            on_ia32::<llseek>(
                c,
                llseek::DESCRIPTOR,
                __ia32_sys_llseek,
                __ia32_sys_llseek,
                llseek_args(&e),
            )
        }
        17 | 18 => {
            assert_table_name(c, "mmap2");
            on_ia32::<mmap2>(
                c,
                mmap2::DESCRIPTOR,
                __ia32_sys_mmap2,
                __ia32_sys_mmap2,
                mmap2_args(&e),
            )
        }
        19 => {
            assert_table_name(c, "pread64");
            on_ia32::<ia32_pread64>(
                c,
                ia32_pread64::DESCRIPTOR,
                __ia32_sys_ia32_pread64,
                __ia32_sys_ia32_pread64,
                (e.u32("fd"), e.ptr("buf"), e.u32("count"), e.i64("pos")),
            )
        }
        21 => {
            assert_table_name(c, "pwrite64");
            on_ia32::<ia32_pwrite64>(
                c,
                ia32_pwrite64::DESCRIPTOR,
                __ia32_sys_ia32_pwrite64,
                __ia32_sys_ia32_pwrite64,
                (e.u32("fd"), e.ptr("buf"), e.u32("count"), e.i64("pos")),
            )
        }
        23 => {
            assert_table_name(c, "preadv");
            on_ia32::<preadv>(
                c,
                preadv::DESCRIPTOR,
                __ia32_sys_preadv,
                __ia32_sys_preadv,
                preadv_args(&e),
            )
        }
        24 => {
            assert_table_name(c, "pwritev");
            on_ia32::<pwritev>(
                c,
                pwritev::DESCRIPTOR,
                __ia32_sys_pwritev,
                __ia32_sys_pwritev,
                preadv_args(&e),
            )
        }
        25 => {
            assert_table_name(c, "preadv2");
            on_ia32::<preadv2>(
                c,
                preadv2::DESCRIPTOR,
                __ia32_sys_preadv2,
                __ia32_sys_preadv2,
                preadv2_args(&e),
            )
        }
        27 => {
            assert_table_name(c, "fallocate");
            on_ia32::<fallocate>(
                c,
                fallocate::DESCRIPTOR,
                __ia32_sys_fallocate,
                __ia32_sys_fallocate,
                (e.i32("fd"), e.i32("mode"), e.i64("offset"), e.i64("len")),
            )
        }
        29 => {
            assert_table_name(c, "fadvise64_64");
            on_ia32::<fadvise64_64>(
                c,
                fadvise64_64::DESCRIPTOR,
                __ia32_sys_fadvise64_64,
                __ia32_sys_fadvise64_64,
                (e.i32("fd"), e.i64("offset"), e.i64("len"), e.i32("advice")),
            )
        }
        31 => {
            assert_table_name(c, "sync_file_range");
            on_ia32::<ia32_sync_file_range>(
                c,
                ia32_sync_file_range::DESCRIPTOR,
                __ia32_sys_ia32_sync_file_range,
                __ia32_sys_ia32_sync_file_range,
                (
                    e.i32("fd"),
                    e.i64("offset"),
                    e.i64("nbytes"),
                    e.i32("flags"),
                ),
            )
        }
        32 => {
            assert_table_name(c, "ftruncate64");
            on_ia32::<ftruncate64>(
                c,
                ftruncate64::DESCRIPTOR,
                __ia32_sys_ftruncate64,
                __ia32_sys_ftruncate64,
                (e.u32("fd"), e.i64("length")),
            )
        }
        34 => {
            assert_table_name(c, "truncate64");
            on_ia32::<truncate64>(
                c,
                truncate64::DESCRIPTOR,
                __ia32_sys_truncate64,
                __ia32_sys_truncate64,
                (e.ptr("path"), e.i64("length")),
            )
        }
        41 => {
            assert_table_name(c, "copy_file_range");
            on_ia32::<copy_file_range>(
                c,
                copy_file_range::DESCRIPTOR,
                __ia32_sys_copy_file_range,
                __ia32_sys_copy_file_range,
                copy_file_range_args(&e),
            )
        }
        42 => {
            assert_table_name(c, "splice");
            on_ia32::<splice>(
                c,
                splice::DESCRIPTOR,
                __ia32_sys_splice,
                __ia32_sys_splice,
                splice_args(&e),
            )
        }
        43 => {
            assert_table_name(c, "sendfile64");
            on_ia32::<sendfile64>(
                c,
                sendfile64::DESCRIPTOR,
                __ia32_sys_sendfile64,
                __ia32_sys_sendfile64,
                sendfile64_args(&e),
            )
        }
        44 => {
            assert_table_name(c, "lookup_dcookie");
            on_ia32::<lookup_dcookie>(
                c,
                lookup_dcookie::DESCRIPTOR,
                __ia32_sys_lookup_dcookie,
                __ia32_sys_lookup_dcookie,
                (e.u64("cookie64"), e.ptr("buf"), e.usize("len")),
            )
        }
        id => panic!("i386 case {id} ({}): no definition", c.label),
    }
}

fn arm_case(fixture: &Fixture, c: &Case) {
    let e = Expect::new(fixture, c);
    match c.id {
        1 => {
            assert_table_name(c, "read");
            on_arm::<read>(
                c,
                read::DESCRIPTOR,
                __arm_sys_read,
                __arm_sys_read,
                (e.u32("fd"), e.ptr("buf"), e.usize("count")),
            )
        }
        2 => {
            assert_table_name(c, "write");
            on_arm::<write>(
                c,
                write::DESCRIPTOR,
                __arm_sys_write,
                __arm_sys_write,
                (e.u32("fd"), e.ptr("buf"), e.usize("count")),
            )
        }
        3..=5 => {
            assert_table_name(c, "openat");
            on_arm::<openat>(
                c,
                openat::DESCRIPTOR,
                __arm_sys_openat,
                __arm_sys_openat,
                (
                    e.i32("dfd"),
                    e.ptr("filename"),
                    e.i32("flags"),
                    e.u16("mode"),
                ),
            )
        }
        6 | 7 => {
            assert_table_name(c, "ioctl");
            on_arm::<ioctl>(
                c,
                ioctl::DESCRIPTOR,
                __arm_sys_ioctl,
                __arm_sys_ioctl,
                (e.u32("fd"), e.u32("cmd"), e.usize("arg")),
            )
        }
        8 => {
            assert_table_name(c, "mprotect");
            on_arm::<mprotect>(
                c,
                mprotect::DESCRIPTOR,
                __arm_sys_mprotect,
                __arm_sys_mprotect,
                (e.usize("start"), e.usize("len"), e.usize("prot")),
            )
        }
        9 => {
            assert_table_name(c, "madvise");
            on_arm::<madvise>(
                c,
                madvise::DESCRIPTOR,
                __arm_sys_madvise,
                __arm_sys_madvise,
                (e.usize("start"), e.usize("len_in"), e.i32("behavior")),
            )
        }
        10 => {
            assert_table_name(c, "futex");
            on_arm::<futex_time32>(
                c,
                futex_time32::DESCRIPTOR,
                __arm_sys_futex_time32,
                __arm_sys_futex_time32,
                futex_time32_args(&e),
            )
        }
        11 => {
            assert_table_name(c, "sendto");
            on_arm::<sendto>(
                c,
                sendto::DESCRIPTOR,
                __arm_sys_sendto,
                __arm_sys_sendto,
                (
                    e.i32("fd"),
                    e.ptr("buff"),
                    e.usize("len"),
                    e.u32("flags"),
                    e.ptr("addr"),
                    e.i32("addr_len"),
                ),
            )
        }
        12 => {
            assert_table_name(c, "close");
            on_arm::<close>(
                c,
                close::DESCRIPTOR,
                __arm_sys_close,
                __arm_sys_close,
                (e.u32("fd"),),
            )
        }
        13 => {
            assert_table_name(c, "dup3");
            on_arm::<dup3>(
                c,
                dup3::DESCRIPTOR,
                __arm_sys_dup3,
                __arm_sys_dup3,
                (e.u32("oldfd"), e.u32("newfd"), e.i32("flags")),
            )
        }
        14 => {
            assert_table_name(c, "fchown32");
            on_arm::<fchown>(
                c,
                fchown::DESCRIPTOR,
                __arm_sys_fchown,
                __arm_sys_fchown,
                (e.u32("fd"), e.u32("user"), e.u32("group")),
            )
        }
        15 => {
            assert_table_name(c, "fchownat");
            on_arm::<fchownat>(
                c,
                fchownat::DESCRIPTOR,
                __arm_sys_fchownat,
                __arm_sys_fchownat,
                (
                    e.i32("dfd"),
                    e.ptr("filename"),
                    e.u32("user"),
                    e.u32("group"),
                    e.i32("flag"),
                ),
            )
        }
        16 | 37 => {
            assert_table_name(c, "_llseek");
            on_arm::<llseek>(
                c,
                llseek::DESCRIPTOR,
                __arm_sys_llseek,
                __arm_sys_llseek,
                llseek_args(&e),
            )
        }
        17 | 18 => {
            assert_table_name(c, "mmap2");
            on_arm::<mmap2>(
                c,
                mmap2::DESCRIPTOR,
                __arm_sys_mmap2,
                __arm_sys_mmap2,
                mmap2_args(&e),
            )
        }
        19 => {
            assert_table_name(c, "pread64");
            on_arm::<pread64>(
                c,
                pread64::DESCRIPTOR,
                __arm_sys_pread64,
                __arm_sys_pread64,
                (e.u32("fd"), e.ptr("buf"), e.usize("count"), e.i64("pos")),
            )
        }
        21 => {
            assert_table_name(c, "pwrite64");
            on_arm::<pwrite64>(
                c,
                pwrite64::DESCRIPTOR,
                __arm_sys_pwrite64,
                __arm_sys_pwrite64,
                (e.u32("fd"), e.ptr("buf"), e.usize("count"), e.i64("pos")),
            )
        }
        23 => {
            assert_table_name(c, "preadv");
            on_arm::<preadv>(
                c,
                preadv::DESCRIPTOR,
                __arm_sys_preadv,
                __arm_sys_preadv,
                preadv_args(&e),
            )
        }
        24 => {
            assert_table_name(c, "pwritev");
            on_arm::<pwritev>(
                c,
                pwritev::DESCRIPTOR,
                __arm_sys_pwritev,
                __arm_sys_pwritev,
                preadv_args(&e),
            )
        }
        25 => {
            assert_table_name(c, "preadv2");
            on_arm::<preadv2>(
                c,
                preadv2::DESCRIPTOR,
                __arm_sys_preadv2,
                __arm_sys_preadv2,
                preadv2_args(&e),
            )
        }
        27 => {
            assert_table_name(c, "fallocate");
            on_arm::<fallocate>(
                c,
                fallocate::DESCRIPTOR,
                __arm_sys_fallocate,
                __arm_sys_fallocate,
                (e.i32("fd"), e.i32("mode"), e.i64("offset"), e.i64("len")),
            )
        }
        29 => {
            assert_table_name(c, "arm_fadvise64_64");
            on_arm::<arm_fadvise64_64>(
                c,
                arm_fadvise64_64::DESCRIPTOR,
                __arm_sys_arm_fadvise64_64,
                __arm_sys_arm_fadvise64_64,
                (e.i32("fd"), e.i32("advice"), e.i64("offset"), e.i64("len")),
            )
        }
        31 => {
            assert_table_name(c, "arm_sync_file_range");
            on_arm::<sync_file_range2>(
                c,
                sync_file_range2::DESCRIPTOR,
                __arm_sys_sync_file_range2,
                __arm_sys_sync_file_range2,
                (
                    e.i32("fd"),
                    e.u32("flags"),
                    e.i64("offset"),
                    e.i64("nbytes"),
                ),
            )
        }
        32 => {
            assert_table_name(c, "ftruncate64");
            on_arm::<ftruncate64>(
                c,
                ftruncate64::DESCRIPTOR,
                __arm_sys_ftruncate64,
                __arm_sys_ftruncate64,
                (e.u32("fd"), e.i64("length")),
            )
        }
        34 => {
            assert_table_name(c, "truncate64");
            on_arm::<truncate64>(
                c,
                truncate64::DESCRIPTOR,
                __arm_sys_truncate64,
                __arm_sys_truncate64,
                (e.ptr("path"), e.i64("length")),
            )
        }
        41 => {
            assert_table_name(c, "copy_file_range");
            on_arm::<copy_file_range>(
                c,
                copy_file_range::DESCRIPTOR,
                __arm_sys_copy_file_range,
                __arm_sys_copy_file_range,
                copy_file_range_args(&e),
            )
        }
        42 => {
            assert_table_name(c, "splice");
            on_arm::<splice>(
                c,
                splice::DESCRIPTOR,
                __arm_sys_splice,
                __arm_sys_splice,
                splice_args(&e),
            )
        }
        43 => {
            assert_table_name(c, "sendfile64");
            on_arm::<sendfile64>(
                c,
                sendfile64::DESCRIPTOR,
                __arm_sys_sendfile64,
                __arm_sys_sendfile64,
                sendfile64_args(&e),
            )
        }
        44 => {
            assert_table_name(c, "lookup_dcookie");
            on_arm::<lookup_dcookie>(
                c,
                lookup_dcookie::DESCRIPTOR,
                __arm_sys_lookup_dcookie,
                __arm_sys_lookup_dcookie,
                (e.u64("cookie64"), e.ptr("buf"), e.usize("len")),
            )
        }
        id => panic!("arm case {id} ({}): no definition", c.label),
    }
}

// Tuples shared by several ABIs.

type PreadvArgs = (usize, UserPtr<Iovec>, usize, usize, usize);

fn preadv_args(e: &Expect) -> PreadvArgs {
    (
        e.usize("fd"),
        e.ptr("vec"),
        e.usize("vlen"),
        e.usize("pos_l"),
        e.usize("pos_h"),
    )
}

fn preadv2_args(e: &Expect) -> (usize, UserPtr<Iovec>, usize, usize, usize, i32) {
    let (fd, vec, vlen, pos_l, pos_h) = preadv_args(e);
    (fd, vec, vlen, pos_l, pos_h, e.i32("flags"))
}

type FutexTime32Args = (
    UserPtr<u32>,
    i32,
    u32,
    UserPtr<OldTimespec32>,
    UserPtr<u32>,
    u32,
);

fn futex_time32_args(e: &Expect) -> FutexTime32Args {
    (
        e.ptr("uaddr"),
        e.i32("op"),
        e.u32("val"),
        e.ptr("utime"),
        e.ptr("uaddr2"),
        e.u32("val3"),
    )
}

fn llseek_args(e: &Expect) -> (u32, usize, usize, *mut i64, u32) {
    (
        e.u32("fd"),
        e.usize("offset_high"),
        e.usize("offset_low"),
        e.raw_mut("result"),
        e.u32("whence"),
    )
}

fn mmap2_args(e: &Expect) -> (usize, usize, usize, usize, usize, usize) {
    (
        e.usize("addr"),
        e.usize("len"),
        e.usize("prot"),
        e.usize("flags"),
        e.usize("fd"),
        e.usize("pgoff"),
    )
}

type CopyFileRangeArgs = (i32, UserPtr<i64>, i32, UserPtr<i64>, usize, u32);

fn copy_file_range_args(e: &Expect) -> CopyFileRangeArgs {
    (
        e.i32("fd_in"),
        e.ptr("off_in"),
        e.i32("fd_out"),
        e.ptr("off_out"),
        e.usize("len"),
        e.u32("flags"),
    )
}

fn splice_args(e: &Expect) -> (i32, *mut i64, i32, *mut i64, usize, u32) {
    (
        e.i32("fd_in"),
        e.raw_mut("off_in"),
        e.i32("fd_out"),
        e.raw_mut("off_out"),
        e.usize("len"),
        e.u32("flags"),
    )
}

fn sendfile64_args(e: &Expect) -> (i32, i32, *mut i64, usize) {
    (
        e.i32("out_fd"),
        e.i32("in_fd"),
        e.raw_mut("offset"),
        e.usize("count"),
    )
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

/// Cases that cannot be checked, with the reason: `(fixture, case id, reason)`. Empty: every
/// case of the three fixtures is checked.
const NOT_CHECKED: &[(&str, u64, &str)] = &[];

/// Runs `check` on every case of `fixture_name`, collecting every failing case before failing.
fn every_case(fixture_name: &str, expected_cases: usize, check: fn(&Fixture, &Case)) {
    let fixture = Fixture::load(fixture_name);
    assert_eq!(
        fixture.cases.len(),
        expected_cases,
        "{fixture_name}: number of cases"
    );
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in &fixture.cases {
        if NOT_CHECKED
            .iter()
            .any(|(f, id, _)| *f == fixture_name && *id == case.id)
        {
            continue;
        }
        match catch_unwind(AssertUnwindSafe(|| check(&fixture, case))) {
            Ok(()) => checked += 1,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("case {} ({}): {message}", case.id, case.label));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{fixture_name}: {} of {} cases fail:\n{}",
        failures.len(),
        fixture.cases.len(),
        failures.join("\n")
    );
    let skipped = NOT_CHECKED
        .iter()
        .filter(|(f, _, _)| *f == fixture_name)
        .count();
    assert_eq!(checked + skipped, fixture.cases.len());
    assert_eq!(skipped, 0, "{fixture_name}: every case must be checked");
}

#[test]
fn every_x86_64_case() {
    every_case("x86_64", 33, x86_64_case);
}

#[test]
fn every_i386_case_on_i386_and_x86_64_register_files() {
    every_case("i386", 33, i386_case);
}

#[test]
fn every_arm_case_on_arm_and_arm64_register_files() {
    every_case("arm-eabi", 33, arm_case);
}

/// The examples the brief spells out, as plain assertions.
#[test]
fn pread64_pos_is_esi_edi_on_ia32_and_r4_r5_after_pad_r3_on_arm() {
    let ia32 = ia32_pread64::DESCRIPTOR.layout(&abi::IA32).unwrap();
    assert_eq!(abi::IA32.slot_name(ia32.arg(3)), ("si", Some("di")));
    let arm = pread64::DESCRIPTOR.layout(&abi::ARM).unwrap();
    assert_eq!(abi::ARM.slot_name(arm.arg(3)), ("r4", Some("r5")));
    assert!(arm.is_pad(3) && !arm.uses(3));
    let x64 = pread64::DESCRIPTOR.layout(&abi::X86_64).unwrap();
    assert_eq!(abi::X86_64.slot_name(x64.arg(3)), ("r10", None));
    // Not emitted for ia32: the ia32 entry is `ia32_pread64`.
    assert_eq!(pread64::DESCRIPTOR.layout(&abi::IA32), None);
}

/// Every body returns a different value, so a stub that ran the wrong body would be caught.
#[test]
fn distinctive_returns_are_distinct() {
    let names = [
        "read",
        "write",
        "openat",
        "ioctl",
        "mprotect",
        "madvise",
        "close",
        "dup3",
        "fchown",
        "fchownat",
        "preadv",
        "pwritev",
        "preadv2",
        "fallocate",
        "copy_file_range",
        "splice",
        "sendfile64",
        "lookup_dcookie",
        "sendto",
        "pread64",
        "pwrite64",
        "futex",
        "lseek",
        "mmap",
        "fadvise64",
        "sync_file_range",
        "ftruncate",
        "truncate",
        "futex_time32",
        "llseek",
        "mmap2",
        "ftruncate64",
        "truncate64",
        "socketcall",
        "ia32_pread64",
        "ia32_pwrite64",
        "fadvise64_64",
        "ia32_sync_file_range",
        "arm_fadvise64_64",
        "sync_file_range2",
    ];
    let mut values: Vec<isize> = names.iter().map(|n| distinctive_return(n)).collect();
    values.sort_unstable();
    values.dedup();
    assert_eq!(values.len(), names.len());
}
