//! Return and error conventions (ABI.md §7) against the captures, both directions, on every
//! register file of every captured ABI:
//!
//! - **read**: the registers right after the call (`registers_after`, qemu-user's emulation of
//!   each kernel's return path; x86: the real kernel's `kernel_return`) decode with
//!   `get_return` to the error the C library reported (`libc_result.errno`; where the capture
//!   explains a difference, its decoded errno);
//! - **write**: `set_return` of that `-errno`, applied to the registers at the call's entry,
//!   gives the result register and error indication the capture saw after the call.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use std::cell::Cell;
use syscall_define::regs::*;

use syscall_define::{
    Errno, HasStub, ResultRegisters, Success, get_return, set_error, set_return, set_success,
    syscall_define,
};

thread_local! {
    /// The error `fail` returns.
    static FAIL_WITH: Cell<Errno> = const { Cell::new(Errno::EPERM) };
}

/// A system call on every ABI that fails with `FAIL_WITH`: served on a capture's entry
/// registers, it must leave what the kernel (or qemu) left.
#[syscall_define(abi(all))]
fn fail() -> Result<usize, Errno> {
    Err(FAIL_WITH.with(Cell::get))
}
use syscall_define_tests::capture::FromCapture;
use syscall_define_tests::{Case, Fixture};

/// Upper halves put in a 32-bit process's 64-bit registers.
const UPPER_HALVES: [u32; 2] = [0, 0xbad0_c0de];

/// The errno number the call under test failed with, in the ABI's own numbering (mips, sparc
/// and parisc number errors differently from the generic table: ENOSYS is 89 on mips, 90 on
/// sparc): the capture's decoding of the registers, which must name the error the C library
/// reported (`libc_result.errno`), except where the capture explains a difference (qemu 7.2's
/// ENOSYS for preadv2, which glibc turns into ENOTSUP). x86: the real kernel's `rval`.
fn expected_errno(case: &Case) -> (i32, Errno) {
    let ret = &case.sc["analysis"]["return"];
    let decoded = ret["decoded"]["errno"].as_i64().expect("a decoded errno") as i32;
    assert_eq!(
        ret["decoded"]["is_error"], true,
        "case {}: every case fails",
        case.id
    );
    let name = ret["decoded"]["errno_name"].as_str().unwrap_or_default();
    match ret["check"].as_str() {
        Some("match") | None => {
            let libc = case.json["libc_result"]["errno"]
                .as_str()
                .unwrap_or_default();
            // posix_fadvise returns its error instead of setting errno.
            let ret_value = case.json["libc_result"]["ret"].as_str().unwrap_or_default();
            assert!(
                libc == name || ret_value == decoded.to_string(),
                "case {}: libc saw {libc} / {ret_value}, the registers say {name}",
                case.id
            );
        }
        Some("explained_difference") => {}
        Some(other) => panic!("case {}: return check {other}", case.id),
    }
    (decoded, errno_named(name))
}

/// The `Errno` (generic numbering) with this name.
fn errno_named(name: &str) -> Errno {
    (1..4096)
        .map(Errno::new)
        .find(|e| e.name() == Some(name))
        .unwrap_or_else(|| panic!("no errno named {name}"))
}

/// The result word as the ABI's `long` sees it: a 32-bit ABI's low half.
fn result_of<A: AbiTag>(word: u64) -> u64 {
    if A::ABI.word_bits == 32 {
        word & 0xffff_ffff
    } else {
        word
    }
}

fn check_case<A, R>(fixture: &Fixture, case: &Case, upper: u32)
where
    A: AbiTag,
    R: ResultRegisters<A> + ArgRegisters<A> + FromCapture,
    fail: HasStub<A>,
{
    let (errno, named) = expected_errno(case);
    // The registers at entry of the run whose exit state was recorded.
    let entry_case = case.entry_of_after_run();
    let entry = || R::from_capture(&fixture.abi, &entry_case, upper);
    match (case.after(), case.syscall.kernel_return) {
        (Some(after), _) => {
            let observed = R::from_capture(&fixture.abi, &after, upper);
            // Read: the ABI's number, as the error it names.
            assert_eq!(get_return::<A, R>(&observed), Err(named), "read");
            // Write.
            let mut regs = entry();
            set_return::<A, R>(&mut regs, -(errno as isize));
            assert_eq!(
                result_of::<A>(regs.result_word()),
                result_of::<A>(observed.result_word()),
                "write: the result register"
            );
            assert_eq!(
                regs.error_indicated(),
                observed.error_indicated(),
                "write: the indication"
            );
            assert_eq!(
                regs.second_word(),
                observed.second_word(),
                "write: the second result is kept"
            );
            // Writing the error by name gives the ABI's number.
            let mut by_name = entry();
            set_error::<A, R>(&mut by_name, named);
            assert_eq!(
                by_name.result_word(),
                regs.result_word(),
                "set_error numbers by the ABI"
            );
        }
        (None, Some((rval, is_error))) => {
            // The real kernel's result (x86): PTRACE_GET_SYSCALL_INFO's rval is the `long` it
            // returned, sign-extended for a 32-bit process.
            assert!(is_error);
            assert_eq!(rval, -i64::from(errno));
            let mut regs = entry();
            set_return::<A, R>(&mut regs, rval as isize);
            assert_eq!(get_return::<A, R>(&regs), Err(named), "read back");
            assert_eq!(
                result_of::<A>(regs.result_word()),
                result_of::<A>(rval as u64),
                "write: the result register"
            );
        }
        (None, None) => panic!("case {}: no return state captured", case.id),
    }
    // A success of the same size is a value, whatever the convention, and a forced success of a
    // value that looks like an error clears the flag or condition.
    let mut regs = entry();
    set_return::<A, R>(&mut regs, errno as isize);
    assert_eq!(
        get_return::<A, R>(&regs),
        Ok(errno as isize),
        "a positive value"
    );
    assert!(!regs.error_indicated());
    set_success::<A, R>(&mut regs, -(errno as isize));
    assert!(
        !regs.error_indicated(),
        "a forced success clears the indication"
    );
}

#[test]
fn every_capture_decodes_and_encodes_its_errors_on_every_register_file() {
    let mut failures = Vec::new();
    let mut runs: BTreeMap<String, usize> = BTreeMap::new();
    macro_rules! each_register_file {
        ($($tag:ident => $regs:ty,)*) => {$(
            for name in <$tag as AbiTag>::ABI.captures {
                let fixture = Fixture::load(name);
                let wide = <$tag as AbiTag>::ABI.register_bits == 32
                    && size_of::<$regs>() >= 8 * 16;
                let uppers: &[u32] = if wide { &UPPER_HALVES } else { &[0] };
                for case in &fixture.cases {
                    for &upper in uppers {
                        let run = catch_unwind(AssertUnwindSafe(|| {
                            check_case::<$tag, $regs>(&fixture, case, upper)
                        }));
                        match run {
                            Ok(()) => *runs.entry(format!("{name} on {}", stringify!($regs))).or_default() += 1,
                            Err(panic) => failures.push(format!(
                                "{name} case {} ({}) on {} (upper {upper:#x}): {}",
                                case.id,
                                case.syscall.name,
                                stringify!($regs),
                                syscall_define_tests::panic_message(&*panic)
                            )),
                        }
                    }
                }
            }
        )*};
    }
    syscall_define::for_each_register_file!(each_register_file);
    assert!(
        failures.is_empty(),
        "{} failing:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        runs.len() > 17,
        "every capture on every register file of its ABI: {runs:?}"
    );
    for (run, n) in &runs {
        assert!(*n >= 33, "{run}: {n} cases");
    }
}

/// The conventions' sources, one example each (ABI.md §7): mips writes `a3 = 1` (an old kernel
/// bug wrote -1), sparc64 sets both carries, the flip ranges are 1133 (mips) and 516 (sparc).
#[test]
fn conventions_follow_the_kernel_sources() {
    let mut mips = mips64::PtRegs::default();
    set_return::<MipsN64, _>(&mut mips, -1133);
    assert_eq!((mips.regs[2], mips.regs[7]), (1133, 1));
    set_return::<MipsN64, _>(&mut mips, -1134);
    assert_eq!(mips.regs[7], 0, "outside EMAXERRNO: a value");
    assert_eq!(get_return::<MipsN64, _>(&mips), Ok(-1134));

    let mut sparc = sparc64::PtRegs::default();
    set_return::<Sparc64, _>(&mut sparc, -516);
    assert_eq!(sparc.tstate & sparc64::TSTATE_CARRY, sparc64::TSTATE_CARRY);
    set_return::<Sparc64, _>(&mut sparc, -517);
    assert_eq!(sparc.tstate & sparc64::TSTATE_CARRY, 0);
    // qemu sets only xcc.C; either carry is an error (`syscall_has_error()`).
    sparc.tstate = 1 << 36;
    sparc.u_regs[8] = 9;
    assert_eq!(get_return::<Sparc64, _>(&sparc), Err(Errno::EBADF));

    let mut ppc = ppc64::PtRegs {
        ccr: 0x2000_0000,
        ..Default::default()
    };
    set_return::<Ppc64, _>(&mut ppc, -4095);
    assert_eq!(
        (ppc.gpr[3], ppc.ccr),
        (4095, 0x3000_0000),
        "only CR0.SO changes"
    );

    // The ABIs no capture covers, by their sources: sparc32's PSR_C, s390 compat's and
    // riscv32's 32-bit results, loongarch64's a0.
    let mut sparc32 = sparc32::PtRegs::default();
    set_return::<Sparc32, _>(&mut sparc32, -90); // ENOSYS on sparc
    assert_eq!(
        (sparc32.u_regs[8], sparc32.psr),
        (90, sparc32::PSR_C as u32)
    );
    assert_eq!(get_return::<Sparc32, _>(&sparc32), Err(Errno::ENOSYS));
    let mut s390 = s390x::PtRegs::default();
    set_return::<S390, _>(&mut s390, -9);
    assert_eq!(s390.gprs[2], 0xffff_fff7);
    assert_eq!(get_return::<S390, _>(&s390), Err(Errno::EBADF));
    let mut rv = riscv64::PtRegs::default();
    set_return::<Riscv32, _>(&mut rv, -9);
    assert_eq!(rv.a0, 0xffff_fff7);
    let mut la = loongarch64::PtRegs::default();
    set_return::<Loongarch64, _>(&mut la, -9);
    assert_eq!(la.regs[4], (-9i64) as u64);

    let mut x86 = x86_64::PtRegs::default();
    set_return::<Ia32, _>(&mut x86, -9);
    assert_eq!(x86.ax, 0xffff_fff7, "a 32-bit process's result is 32 bits");
    assert_eq!(get_return::<Ia32, _>(&x86), Err(Errno::EBADF));
    set_return::<X86_64, _>(&mut x86, -4096);
    assert_eq!(
        get_return::<X86_64, _>(&x86),
        Ok(-4096),
        "below -4095: a value"
    );
}

/// The errno tables (`abi::linux::errno`): every generic number is the `syscalls` crate's number
/// for that name, and the ABI numbers of the captured errors are what the captures show
/// (`decoded.errno` for each `errno_name`, checked above through `get_return`).
#[test]
fn errno_tables_agree_with_the_generic_numbering() {
    for abi in syscall_define::abi::ALL {
        for &(name, generic, number) in abi.errno {
            assert_eq!(
                Errno::new(i32::from(generic)).name(),
                Some(name),
                "{}",
                abi.name
            );
            assert_eq!(abi.errno_to_abi(generic), number);
            assert_eq!(abi.errno_from_abi(number), generic);
        }
    }
    use syscall_define::abi::{MIPS_O32, PARISC, SPARC64, X86_64};
    let enosys = Errno::ENOSYS.into_raw() as u16;
    assert_eq!(
        [
            X86_64.errno_to_abi(enosys),
            MIPS_O32.errno_to_abi(enosys),
            SPARC64.errno_to_abi(enosys),
            PARISC.errno_to_abi(enosys)
        ],
        [38, 89, 90, 251]
    );
}

#[syscall_define(abi(all))]
fn unimplemented_call(fd: u32) -> Result<usize, Errno> {
    let _ = fd;
    Err(Errno::ENOSYS)
}

/// A body's `Err(Errno::ENOSYS)` leaves each stub in its ABI's numbering, and the exit path and
/// a tracer agree on it.
#[test]
fn stubs_return_errors_in_their_abis_numbering() {
    let x86 = x86_64::PtRegs::default();
    let mips = mips64::PtRegs::default();
    let sparc = sparc64::PtRegs::default();
    let hppa = parisc::PtRegs::default();
    // SAFETY (all): the stubs read plain register files built here.
    unsafe {
        assert_eq!(__x64_sys_unimplemented_call(&x86), -38);
        assert_eq!(__mips_n64_sys_unimplemented_call(&mips), -89);
        assert_eq!(__mips_o32_sys_unimplemented_call(&mips), -89);
        assert_eq!(__sparc64_sys_unimplemented_call(&sparc), -90);
        assert_eq!(__parisc_sys_unimplemented_call(&hppa), -251);
    }
    let mut mips = mips64::PtRegs::default();
    // SAFETY: as above.
    let ret = unsafe { __mips_n64_sys_unimplemented_call(&mips) };
    set_return::<MipsN64, _>(&mut mips, ret);
    assert_eq!((mips.regs[2], mips.regs[7]), (89, 1));
    assert_eq!(get_return::<MipsN64, _>(&mips), Err(Errno::ENOSYS));
}

/// PTRACE_PEEKDATA's shape: a word that may look like an error.
#[syscall_define(abi(all))]
fn peek(addr: usize) -> Result<Success<isize>, Errno> {
    if addr == 0 {
        Err(Errno::EIO)
    } else {
        Ok(Success(-(addr as isize)))
    }
}

/// A body's `Success` clears the flag or condition where the ABI has one; an error still is one.
#[test]
fn a_forced_success_reads_as_a_value_where_the_abi_can_tell() {
    let mut mips = mips64::PtRegs::default();
    mips.regs[4] = 9;
    // SAFETY (all): the entry path, on register files built here.
    unsafe { <peek as HasStub<MipsN64>>::serve(&mut mips) };
    assert_eq!((mips.regs[2], mips.regs[7]), ((-9i64) as u64, 0));
    assert_eq!(get_return::<MipsN64, _>(&mips), Ok(-9));
    mips.regs[4] = 0;
    unsafe { <peek as HasStub<MipsN64>>::serve(&mut mips) };
    assert_eq!(get_return::<MipsN64, _>(&mips), Err(Errno::EIO));

    let mut sparc = sparc64::PtRegs::default();
    sparc.u_regs[8] = 5;
    sparc.tstate = sparc64::TSTATE_CARRY;
    unsafe { <peek as HasStub<Sparc64>>::serve(&mut sparc) };
    assert_eq!(get_return::<Sparc64, _>(&sparc), Ok(-5));

    // x86: the value is written as it is; user space cannot tell it from an error (as Linux).
    let mut x86 = x86_64::PtRegs {
        di: 5,
        ..Default::default()
    };
    unsafe { <peek as HasStub<X86_64>>::serve(&mut x86) };
    assert_eq!(x86.ax, (-5i64) as u64);
}
