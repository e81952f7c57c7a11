//! Compat definitions (`#[syscall_define(compat)]`, Linux's `COMPAT_SYSCALL_DEFINE`) beside
//! native ones, on real captures: a 64-bit kernel runs these 32-bit processes' calls through
//! its `compat_sys_*` entries (`kernel.compat_entry_point` in the i386, mips o32 and ppc32
//! captures; mips n32's own table), whose compat types (`compat_ulong_t`, `u32 pos_low`) the
//! compat definitions declare. Each case runs on the 64-bit host's register file, with garbage in
//! the upper halves, through the compat stub.

use syscall_define::regs::*;
use syscall_define::{HasStub, Syscall, UserPtr, syscall_define};
use syscall_define_tests::capture::FromCapture;
use syscall_define_tests::{Case, Fixture, expected_kernel_args};

/// `struct iovec`.
pub struct Iovec;

// The native definitions, as the 64-bit kernel declares them.

/// `sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)`.
#[syscall_define(abi(all))]
fn ioctl(fd: u32, cmd: u32, arg: usize) -> isize {
    let _ = (fd, cmd, arg);
    1
}

/// `sys_preadv(unsigned long fd, …, unsigned long pos_l, unsigned long pos_h)`.
#[syscall_define(abi(all))]
fn preadv(fd: usize, vec: UserPtr<Iovec>, vlen: usize, pos_l: usize, pos_h: usize) -> isize {
    let _ = (fd, vec, vlen, pos_l, pos_h);
    1
}

// Beside them, the compat definitions of the same calls (types `compat_ioctl`, …; stubs
// `__ia32_compat_sys_ioctl`, `__mips_o32_compat_sys_ioctl`, …), on every compat ABI.

/// `compat_sys_ioctl(unsigned int fd, unsigned int cmd, compat_ulong_t arg)`.
#[syscall_define(compat, abi(all))]
fn ioctl(fd: u32, cmd: u32, arg: u32) -> isize {
    (fd ^ cmd ^ arg) as isize & 0xfff
}

/// `compat_sys_preadv(compat_ulong_t fd, const struct iovec __user *vec, compat_ulong_t vlen,
/// u32 pos_low, u32 pos_high)`.
#[syscall_define(compat, abi(all))]
fn preadv(fd: u32, vec: UserPtr<Iovec>, vlen: u32, pos_low: u32, pos_high: u32) -> isize {
    let _ = vec;
    (fd ^ vlen ^ pos_low ^ pos_high) as isize & 0xfff
}

/// `compat_sys_pwritev`, declared like `compat_sys_preadv`.
#[syscall_define(compat, abi(all))]
fn pwritev(fd: u32, vec: UserPtr<Iovec>, vlen: u32, pos_low: u32, pos_high: u32) -> isize {
    let _ = vec;
    (fd ^ vlen ^ pos_low ^ pos_high) as isize & 0xfff
}

/// `compat_sys_preadv2(…, u32 pos_low, u32 pos_high, rwf_t flags)`.
#[syscall_define(compat, abi(all))]
fn preadv2(
    fd: u32,
    vec: UserPtr<Iovec>,
    vlen: u32,
    pos_low: u32,
    pos_high: u32,
    flags: i32,
) -> isize {
    let _ = vec;
    (fd ^ vlen ^ pos_low ^ pos_high ^ flags as u32) as isize & 0xfff
}

/// The capture's compat entry for `case`: the entry a 64-bit kernel's table calls.
fn compat_entry(fixture: &Fixture, case: &Case) -> Option<String> {
    let kernel = &case.sc["kernel"];
    let entry = if fixture.abi == "mips64-n32" {
        &kernel["entry_point"]
    } else {
        &kernel["compat_entry_point"]
    };
    entry["symbol"].as_str().map(str::to_string)
}

/// The oracle's value of `name`, under the compat declaration's names (`pos_low` is the
/// generic `pos_l`).
fn value(oracle: &[(&str, u64)], name: &str) -> u64 {
    let generic = match name {
        "pos_low" if !oracle.iter().any(|(n, _)| *n == "pos_low") => "pos_l",
        "pos_high" if !oracle.iter().any(|(n, _)| *n == "pos_high") => "pos_h",
        other => other,
    };
    oracle
        .iter()
        .find(|(n, _)| *n == generic)
        .unwrap_or_else(|| panic!("no oracle value for {name}"))
        .1
}

fn check<S, A, R>(fixture: &Fixture, case: &Case, expected: S::Args)
where
    S: HasStub<A> + syscall_define::__private::Body,
    S::Args: PartialEq + std::fmt::Debug,
    A: AbiTag,
    R: ArgRegisters<A> + FromCapture,
{
    for upper in [0, 0xbad0_c0de] {
        let regs = R::from_capture(&fixture.abi, case, upper);
        let what = format!(
            "{} case {} on {}",
            fixture.abi,
            case.id,
            std::any::type_name::<R>()
        );
        assert_eq!(S::decode::<A, R>(&regs).as_ref(), Ok(&expected), "{what}");
        // SAFETY: the stub reads a plain register file built here.
        let ret = unsafe { S::stub(&regs) };
        assert!(
            (0..0x1000).contains(&ret),
            "{what}: the compat body ran ({ret})"
        );
    }
}

fn run<A, R>(fixture: &Fixture) -> usize
where
    A: AbiTag,
    R: ArgRegisters<A> + FromCapture,
    compat_ioctl: HasStub<A>,
    compat_preadv: HasStub<A>,
    compat_pwritev: HasStub<A>,
    compat_preadv2: HasStub<A>,
{
    let mut checked = 0;
    for case in &fixture.cases {
        let Some(entry) = compat_entry(fixture, case) else {
            continue;
        };
        let oracle = expected_kernel_args(fixture, case);
        let v = |name| value(&oracle, name);
        let ptr = |name| UserPtr::new(v(name) as u32 as usize);
        match entry.as_str() {
            "compat_sys_ioctl" => check::<compat_ioctl, A, R>(
                fixture,
                case,
                (v("fd") as u32, v("cmd") as u32, v("arg") as u32),
            ),
            "compat_sys_preadv" | "compat_sys_pwritev" => {
                let args = (
                    v("fd") as u32,
                    ptr("vec"),
                    v("vlen") as u32,
                    v("pos_low") as u32,
                    v("pos_high") as u32,
                );
                if entry == "compat_sys_preadv" {
                    check::<compat_preadv, A, R>(fixture, case, args);
                } else {
                    check::<compat_pwritev, A, R>(fixture, case, args);
                }
            }
            "compat_sys_preadv2" => check::<compat_preadv2, A, R>(
                fixture,
                case,
                (
                    v("fd") as u32,
                    ptr("vec"),
                    v("vlen") as u32,
                    v("pos_low") as u32,
                    v("pos_high") as u32,
                    v("flags") as i32,
                ),
            ),
            _ => continue,
        }
        checked += 1;
    }
    checked
}

#[test]
fn compat_definitions_decode_the_captures_compat_entries_on_the_64_bit_host() {
    // ioctl twice, preadv, pwritev, preadv2.
    assert_eq!(run::<Ia32, x86_64::PtRegs>(&Fixture::load("i386")), 5);
    assert_eq!(
        run::<MipsO32, mips64::PtRegs>(&Fixture::load("mips-o32")),
        5
    );
    assert_eq!(run::<Ppc32, ppc64::PtRegs>(&Fixture::load("ppc32")), 5);
    assert_eq!(
        run::<MipsN32, mips64::PtRegs>(&Fixture::load("mips64-n32")),
        5
    );
}

#[test]
fn a_compat_definition_sits_beside_the_native_one() {
    // Two types, one system call.
    assert_eq!(<ioctl as Syscall>::NAME, "ioctl");
    assert_eq!(<compat_ioctl as Syscall>::NAME, "ioctl");
    assert_eq!(compat_preadv::DESCRIPTOR.args[3].name, "pos_low");
    // Linux's compat names, on the compat ABIs only: no `__x64_compat_sys_*` exists.
    let regs = x86_64::PtRegs {
        bx: 3,
        cx: 7,
        dx: 0xbad0_0000_0000_0001,
        ..Default::default()
    };
    // SAFETY (both): the stubs read a plain register file.
    assert_eq!(unsafe { __ia32_compat_sys_ioctl(&regs) }, 3 ^ 7 ^ 1);
    assert_eq!(
        unsafe { __ia32_sys_ioctl(&regs) },
        1,
        "the native definition's stub"
    );
    let regs = arm64::PtRegs::default();
    // SAFETY: as above.
    assert_eq!(unsafe { __arm64_compat_sys_ioctl(&regs) }, 0);
    let abis: Vec<&str> = compat_ioctl::DESCRIPTOR
        .abis()
        .map(|(abi, _)| abi.name)
        .collect();
    let compat: Vec<&str> = syscall_define::abi::ALL
        .iter()
        .filter(|abi| !abi.compat_prefix.is_empty())
        .map(|abi| abi.name)
        .collect();
    assert_eq!(abis, compat);
}
