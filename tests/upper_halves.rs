//! A 32-bit process on a 64-bit kernel (DESIGN.md §8): its registers live in the 64-bit
//! `pt_regs`, and whatever their upper halves hold must never change a decoded value.
//!
//! With the real i386 and arm EABI captures (`fixtures/`), each syscall below is decoded, and its
//! entry stub run, from
//! - the 64-bit host register file with random garbage in every register's upper half
//!   (`ia32_on_x86_64_regs(upper)` / `arm_on_arm64_regs(upper)`),
//! - the same with zero upper halves (what the capture saw),
//! - the 32-bit kernel's own register file (`i386_regs()` / `arm_regs()`),
//!
//! and all three must equal the values the C program passed (`passed_args`). A 32-bit `long`
//! whose value is negative must come out negative (sign-extended), an `unsigned long` or a
//! pointer zero-extended.

use std::any::Any;
use std::cell::RefCell;
use std::fmt::Debug;
use std::sync::LazyLock;

use proptest::prelude::*;
use syscall_define::regs::{AbiTag, ArgRegisters, Arm, Ia32, arm, arm64, i386, x86_64};
use syscall_define::{ArgTuple, Syscall, UserPtr, syscall_define};
use syscall_define_tests::{Case, Fixture};

static I386: LazyLock<Fixture> = LazyLock::new(|| Fixture::load("i386"));
static ARM_EABI: LazyLock<Fixture> = LazyLock::new(|| Fixture::load("arm-eabi"));

thread_local! {
    /// The arguments the last body ran with.
    static SEEN: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

/// Records the body's arguments and returns a checksum of them, so that the stub's return
/// value depends on every argument.
fn seen<T: ArgTuple + Any>(args: T) -> isize {
    let values = args.encode_values();
    SEEN.with(|seen| *seen.borrow_mut() = Some(Box::new(args)));
    values
        .iter()
        .enumerate()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, (i, v)| {
            (h ^ v.rotate_left(11 * i as u32)).wrapping_mul(0x0100_0000_01b3)
        }) as isize
}

fn take_seen<T: Any>() -> Option<T> {
    let seen = SEEN.with(|seen| seen.borrow_mut().take())?;
    Some(
        *seen
            .downcast::<T>()
            .expect("the body recorded another syscall's arguments"),
    )
}

type Loff = i64;

#[syscall_define(abi(ia32, arm))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> isize {
    seen((fd, buf, count, pos))
}

#[syscall_define(abi(ia32, arm))]
fn pwrite64(fd: u32, buf: *const u8, count: usize, pos: Loff) -> isize {
    seen((fd, buf, count, pos))
}

#[syscall_define(abi(ia32, arm))]
fn fallocate(fd: i32, mode: i32, offset: Loff, len: Loff) -> isize {
    seen((fd, mode, offset, len))
}

/// The kernel declares `offset_high` `unsigned long`; it is a `long` (`isize`) here to watch a
/// negative 32-bit `long` being sign-extended next to an `unsigned long` being zero-extended.
#[syscall_define(abi(ia32, arm))]
fn llseek(
    fd: u32,
    offset_high: isize,
    offset_low: usize,
    result: UserPtr<i64>,
    whence: u32,
) -> isize {
    seen((fd, offset_high, offset_low, result, whence))
}

#[syscall_define(abi(ia32, arm))]
fn mmap2(addr: UserPtr<u8>, len: usize, prot: u32, flags: u32, fd: usize, pgoff: usize) -> isize {
    seen((addr, len, prot, flags, fd, pgoff))
}

#[syscall_define(abi(ia32, arm))]
fn openat(dfd: i32, filename: UserPtr<u8>, flags: i32, mode: u16) -> isize {
    seen((dfd, filename, flags, mode))
}

#[syscall_define(abi(ia32, arm))]
fn ioctl(fd: u32, cmd: usize, arg: *mut u8) -> isize {
    seen((fd, cmd, arg))
}

#[syscall_define(abi(ia32, arm))]
fn futex(
    uaddr: *mut u32,
    op: i32,
    val: u32,
    utime: UserPtr<u8>,
    uaddr2: *mut u32,
    val3: u32,
) -> isize {
    seen((uaddr, op, val, utime, uaddr2, val3))
}

// What the C program passed, as each syscall's typed arguments.

fn value(case: &Case, name: &str) -> u64 {
    case.passed(name).value()
}

fn user<T>(case: &Case, name: &str) -> UserPtr<T> {
    UserPtr::new(value(case, name) as usize)
}

fn ptr<T>(case: &Case, name: &str) -> *mut T {
    std::ptr::without_provenance_mut(value(case, name) as usize)
}

fn pread64_args(c: &Case) -> <pread64 as Syscall>::Args {
    let pos = value(c, "offset") as i64;
    (
        value(c, "fd") as u32,
        user(c, "buf"),
        value(c, "count") as usize,
        pos,
    )
}

fn pwrite64_args(c: &Case) -> <pwrite64 as Syscall>::Args {
    let pos = value(c, "offset") as i64;
    (
        value(c, "fd") as u32,
        ptr(c, "buf"),
        value(c, "count") as usize,
        pos,
    )
}

fn fallocate_args(c: &Case) -> <fallocate as Syscall>::Args {
    let (offset, len) = (value(c, "offset") as i64, value(c, "len") as i64);
    (value(c, "fd") as i32, value(c, "mode") as i32, offset, len)
}

fn llseek_args(c: &Case) -> <llseek as Syscall>::Args {
    // glibc splits the (sign-extended) 64-bit offset; `result` is glibc's own variable, not
    // among the passed arguments: take the captured register (slot 3 on both ABIs).
    let offset = value(c, "offset") as i64;
    let result = UserPtr::new(c.arg_words()[3] as u32 as usize);
    let high = (offset >> 32) as i32 as isize;
    let low = offset as u32 as usize;
    (
        value(c, "fd") as u32,
        high,
        low,
        result,
        value(c, "whence") as u32,
    )
}

fn mmap2_args(c: &Case) -> <mmap2 as Syscall>::Args {
    let pgoff = (value(c, "offset") >> 12) as usize;
    let (prot, flags) = (value(c, "prot") as u32, value(c, "flags") as u32);
    (
        user(c, "addr"),
        value(c, "length") as usize,
        prot,
        flags,
        value(c, "fd") as usize,
        pgoff,
    )
}

fn openat_args(c: &Case) -> <openat as Syscall>::Args {
    // Without O_CREAT the program passes no mode; glibc puts 0 in its register.
    let mode = c
        .passed
        .iter()
        .find(|a| a.name == "mode")
        .map_or(0, |a| a.value() as u16);
    (
        value(c, "dirfd") as i32,
        user(c, "pathname"),
        value(c, "flags") as i32,
        mode,
    )
}

fn ioctl_args(c: &Case) -> <ioctl as Syscall>::Args {
    (
        value(c, "fd") as u32,
        value(c, "request") as usize,
        ptr(c, "argp"),
    )
}

fn futex_args(c: &Case) -> <futex as Syscall>::Args {
    let (op, val, val3) = (
        value(c, "futex_op") as i32,
        value(c, "val") as u32,
        value(c, "val3") as u32,
    );
    (
        ptr(c, "uaddr"),
        op,
        val,
        user(c, "timeout"),
        ptr(c, "uaddr2"),
        val3,
    )
}

/// Decodes and runs `S` from the 64-bit register file of a 32-bit process with `upper` in the
/// upper halves, from the same with zeros there, and from the 32-bit kernel's register file,
/// and checks all three against `want`.
struct Check<S: Syscall, R64, R32> {
    on_64bit: fn(&Case, u32) -> R64,
    stub_64bit: unsafe fn(&R64) -> isize,
    native: fn(&Case) -> R32,
    stub_native: unsafe fn(&R32) -> isize,
    args: fn(&Case) -> S::Args,
}

impl<S, R64, R32> Check<S, R64, R32>
where
    S: Syscall,
    S::Args: ArgTuple + Debug + PartialEq + Clone + 'static,
{
    fn run<A: AbiTag>(&self, fixture: &Fixture, ids: &[u64], upper: u32)
    where
        R64: ArgRegisters<A>,
        R32: ArgRegisters<A>,
    {
        for &id in ids {
            let case = fixture.case(id);
            let ctx = format!(
                "{} from {} case {id} ({}), upper halves {upper:#x}",
                S::NAME,
                fixture.abi,
                case.label
            );
            let table_name = case.syscall.name.trim_start_matches('_');
            assert!(
                table_name.starts_with(S::NAME),
                "{ctx}: the case is `{table_name}`"
            );
            let want = (self.args)(case);
            let want_ret = seen(want.clone());
            let _ = take_seen::<S::Args>();

            let garbage = (self.on_64bit)(case, upper);
            let clean = (self.on_64bit)(case, 0);
            let native = (self.native)(case);
            assert_eq!(
                S::decode::<A, R64>(&garbage),
                Ok(want.clone()),
                "{ctx}: decode"
            );
            assert_eq!(
                S::decode::<A, R64>(&clean),
                Ok(want.clone()),
                "{ctx}: decode, zero upper halves"
            );
            assert_eq!(
                S::decode::<A, R32>(&native),
                Ok(want.clone()),
                "{ctx}: decode, 32-bit pt_regs"
            );

            // SAFETY (all three): the stubs only read the register files; the test is the arch
            // entry code here.
            let runs = [
                (
                    "upper halves",
                    unsafe { (self.stub_64bit)(&garbage) },
                    take_seen::<S::Args>(),
                ),
                (
                    "zero upper halves",
                    unsafe { (self.stub_64bit)(&clean) },
                    take_seen::<S::Args>(),
                ),
                (
                    "32-bit pt_regs",
                    unsafe { (self.stub_native)(&native) },
                    take_seen::<S::Args>(),
                ),
            ];
            for (what, ret, body_args) in runs {
                assert_eq!(
                    body_args.as_ref(),
                    Some(&want),
                    "{ctx}: the body's arguments, {what}"
                );
                assert_eq!(ret, want_ret, "{ctx}: stub return, {what}");
            }
        }
    }
}

/// ia32: the x86-64 `pt_regs` of a 32-bit process, and a 32-bit kernel's.
fn ia32<S: Syscall>(
    stub_64bit: unsafe fn(&x86_64::PtRegs) -> isize,
    stub_native: unsafe fn(&i386::PtRegs) -> isize,
    args: fn(&Case) -> S::Args,
) -> Check<S, x86_64::PtRegs, i386::PtRegs> {
    Check {
        on_64bit: Case::ia32_on_x86_64_regs,
        stub_64bit,
        native: Case::i386_regs,
        stub_native,
        args,
    }
}

/// arm EABI: the arm64 `pt_regs` of an AArch32 process, and a 32-bit ARM kernel's.
fn arm<S: Syscall>(
    stub_64bit: unsafe fn(&arm64::PtRegs) -> isize,
    stub_native: unsafe fn(&arm::PtRegs) -> isize,
    args: fn(&Case) -> S::Args,
) -> Check<S, arm64::PtRegs, arm::PtRegs> {
    Check {
        on_64bit: Case::arm_on_arm64_regs,
        stub_64bit,
        native: Case::arm_regs,
        stub_native,
        args,
    }
}

/// Every syscall above, on every case of both captures that calls it.
fn check_all(upper: u32) {
    macro_rules! both {
        ($name:ident, $ia32_stub:ident, $arm_stub:ident, $args:expr, $ids:expr) => {
            ia32::<$name>(
                $ia32_stub::<x86_64::PtRegs>,
                $ia32_stub::<i386::PtRegs>,
                $args,
            )
            .run::<Ia32>(&I386, $ids, upper);
            arm::<$name>($arm_stub::<arm64::PtRegs>, $arm_stub::<arm::PtRegs>, $args)
                .run::<Arm>(&ARM_EABI, $ids, upper);
        };
    }
    both!(
        pread64,
        __ia32_sys_pread64,
        __arm_sys_pread64,
        pread64_args,
        &[19]
    );
    both!(
        pwrite64,
        __ia32_sys_pwrite64,
        __arm_sys_pwrite64,
        pwrite64_args,
        &[21]
    );
    both!(
        fallocate,
        __ia32_sys_fallocate,
        __arm_sys_fallocate,
        fallocate_args,
        &[27]
    );
    both!(
        llseek,
        __ia32_sys_llseek,
        __arm_sys_llseek,
        llseek_args,
        &[16, 37]
    );
    both!(
        mmap2,
        __ia32_sys_mmap2,
        __arm_sys_mmap2,
        mmap2_args,
        &[17, 18]
    );
    both!(
        openat,
        __ia32_sys_openat,
        __arm_sys_openat,
        openat_args,
        &[3, 4]
    );
    both!(
        ioctl,
        __ia32_sys_ioctl,
        __arm_sys_ioctl,
        ioctl_args,
        &[6, 7]
    );
    both!(futex, __ia32_sys_futex, __arm_sys_futex, futex_args, &[10]);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_upper_halves_change_no_decoded_value(upper in any::<u32>()) {
        check_all(upper);
    }
}

#[test]
fn extreme_upper_halves_change_no_decoded_value() {
    for upper in [0, 1, 0x8000_0000, 0xffff_ffff, 0xdead_beef] {
        check_all(upper);
    }
}

/// `S`'s arguments decoded from case `id` of the i386 and the arm EABI capture, each in a 64-bit
/// register file with all ones in every upper half.
fn with_ones<S: Syscall>(id: u64) -> [(&'static str, S::Args); 2] {
    let ones = 0xffff_ffff;
    [
        (
            "ia32",
            S::decode::<Ia32, _>(&I386.case(id).ia32_on_x86_64_regs(ones)).unwrap(),
        ),
        (
            "arm",
            S::decode::<Arm, _>(&ARM_EABI.case(id).arm_on_arm64_regs(ones)).unwrap(),
        ),
    ]
}

/// The values themselves, with all ones in the upper halves: a `long` (`isize`) or `int` whose
/// 32-bit value is negative is negative, an `unsigned long` (`usize`) or pointer is below 4 GiB,
/// and a 64-bit pair is joined from the two low halves only.
#[test]
fn signed_values_are_sign_extended_and_unsigned_ones_zero_extended() {
    // lseek(fd, (off_t)-2, SEEK_END) through _llseek: offset_high = 0xffffffff.
    for (abi, (_, high, low, result, _)) in with_ones::<llseek>(16) {
        assert_eq!(high, -1, "{abi}: a negative 32-bit long is sign-extended");
        assert_eq!(low, 0xffff_fffe, "{abi}: an unsigned long is zero-extended");
        assert!(
            result.addr() <= 0xffff_ffff,
            "{abi}: a pointer is zero-extended: {result:?}"
        );
    }
    for (abi, (_, cmd, arg)) in with_ones::<ioctl>(6) {
        assert_eq!(
            cmd, 0x8004_5430,
            "{abi}: an unsigned long with bit 31 set stays positive"
        );
        assert!(arg.addr() <= 0xffff_ffff, "{abi}: {arg:?}");
    }
    for (abi, (dfd, ..)) in with_ones::<openat>(3) {
        assert_eq!(dfd, -100, "{abi}: AT_FDCWD");
    }
    for (abi, (_, op, val, ..)) in with_ones::<futex>(10) {
        assert_eq!((op, val), (0x80, 0xffff_fffe), "{abi}");
    }
    for (abi, (.., pos)) in with_ones::<pwrite64>(21) {
        assert_eq!(
            pos, -2,
            "{abi}: a negative 64-bit offset joined from two halves"
        );
    }
    for (abi, (.., offset, len)) in with_ones::<fallocate>(27) {
        assert_eq!(
            (offset, len),
            (0x1122_3344_5566_7788, 0x1_8000_0004),
            "{abi}"
        );
    }
    for (abi, (.., pgoff)) in with_ones::<mmap2>(18) {
        assert_eq!(
            pgoff, 0x12_3456,
            "{abi}: mmap2 takes the offset in 4 KiB pages"
        );
    }
}
