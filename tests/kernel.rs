//! Kernel integration (issue 5) against the real captures: per-ABI register order, tables and
//! dispatch, hooks, constant-time argument access, full-register syscalls, exported symbols.

use std::cell::RefCell;

use syscall_define::abi::{self, Placement};
use syscall_define::regs::{Arm, Ia32, X86_64, arm64, x86_64};
use syscall_define::{Errno, Syscall, syscall_define};
use syscall_define_tests::Fixture;

thread_local! {
    static SEEN: RefCell<Vec<(&'static str, Vec<i64>)>> = const { RefCell::new(Vec::new()) };
}

fn seen(name: &'static str, args: &[i64]) {
    SEEN.with(|s| s.borrow_mut().push((name, args.to_vec())));
}

fn take_seen() -> Vec<(&'static str, Vec<i64>)> {
    SEEN.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

// ---- per-ABI register order: one body, arm's sync_file_range2 / arm_fadvise64_64 layout ----

/// The generic declaration; on arm the table calls `sync_file_range2(fd, flags, offset, nbytes)`,
/// which is this body with arm's register order.
#[syscall_define(abi(x86_64, ia32, arm), arm(order = (fd, flags, offset, nbytes)))]
fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> Result<(), Errno> {
    seen(
        "sync_file_range",
        &[fd.into(), offset, nbytes, flags.into()],
    );
    Err(Errno::EBADF)
}

/// `fadvise64_64(fd, offset, len, advice)`; arm's table calls `arm_fadvise64_64(fd, advice,
/// offset, len)`. On x86-64 the same registers serve `fadvise64` (`len` is one register either way).
#[syscall_define(abi(x86_64, ia32, arm), arm(order = (fd, advice, offset, len)))]
fn fadvise64_64(fd: i32, offset: i64, len: i64, advice: i32) -> Result<(), Errno> {
    seen("fadvise64_64", &[fd.into(), offset, len, advice.into()]);
    Err(Errno::EBADF)
}

/// What the C program passed, in the generic declaration's order.
fn passed(fixture: &str, id: u64, names: [&str; 4]) -> Vec<i64> {
    let f = Fixture::load(fixture);
    let case = f.case(id);
    names
        .iter()
        .map(|n| case.passed(n).value() as i64)
        .collect()
}

#[test]
fn arm_order_matches_the_arm_sync_file_range_and_arm_fadvise64_64_captures() {
    // The layouts: natural on x86_64 and ia32, arm's order on arm.
    let l = sync_file_range::DESCRIPTOR.layout(&abi::ARM).unwrap();
    assert_eq!(
        l.args(),
        [
            Placement::One(0),
            Placement::Pair { lo: 2, hi: 3 },
            Placement::Pair { lo: 4, hi: 5 },
            Placement::One(1)
        ]
    );
    assert_eq!(l.pad_mask(), 0, "arm's order needs no padding");
    let l = sync_file_range::DESCRIPTOR.layout(&abi::IA32).unwrap();
    assert_eq!(
        l.arg(3),
        Placement::One(5),
        "ia32 keeps the declared order: flags in ebp"
    );

    // case 31: sync_file_range(fd, offset, nbytes, flags); case 29: posix_fadvise64.
    let sfr = ["fd", "offset", "nbytes", "flags"];
    let fad = ["fd", "offset", "len", "advice"];
    for (fixture, id, names, name) in [
        ("x86_64", 31, sfr, "sync_file_range"),
        ("i386", 31, sfr, "sync_file_range"),
        ("arm-eabi", 31, sfr, "sync_file_range"),
        ("x86_64", 29, fad, "fadvise64_64"),
        ("i386", 29, fad, "fadvise64_64"),
        ("arm-eabi", 29, fad, "fadvise64_64"),
    ] {
        let want = passed(fixture, id, names);
        let f = Fixture::load(fixture);
        let case = f.case(id);
        // SAFETY: the tests stand in for the entry path.
        let ret = unsafe {
            match (fixture, name) {
                ("x86_64", "sync_file_range") => __x64_sys_sync_file_range(&case.x86_64_regs()),
                ("i386", "sync_file_range") => __ia32_sys_sync_file_range(&case.i386_regs()),
                ("arm-eabi", "sync_file_range") => __arm_sys_sync_file_range(&case.arm_regs()),
                ("x86_64", _) => __x64_sys_fadvise64_64(&case.x86_64_regs()),
                ("i386", _) => __ia32_sys_fadvise64_64(&case.ia32_on_x86_64_regs(0xffff_ffff)),
                _ => __arm_sys_fadvise64_64(&case.arm_on_arm64_regs(0x1234_5678)),
            }
        };
        assert_eq!(ret, -9, "{fixture} case {id}");
        assert_eq!(
            take_seen(),
            vec![(name, want)],
            "{fixture} case {id}: {name}"
        );
    }
    // The typed decoder agrees on arm's native register file.
    let f = Fixture::load("arm-eabi");
    let (fd, offset, nbytes, flags) =
        sync_file_range::decode::<Arm, _>(&f.case(31).arm_regs()).unwrap();
    assert_eq!(
        vec![i64::from(fd), offset, nbytes, i64::from(flags)],
        passed("arm-eabi", 31, sfr)
    );
}

// ---- tables, dispatch, hooks, argument n, full-register syscalls, exported symbols ----

mod kernel {
    use super::*;
    use syscall_define::table::{Entry, array_index_nospec};
    use syscall_define::{Descriptor, EntryAction, NoHooks, SyscallHooks, UserPtr, syscall_table};
    use syscalls::{x86::Sysno as X86, x86_64::Sysno as X64};

    #[syscall_define(abi(x86_64, ia32))]
    fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
        seen(
            "pread64",
            &[fd.into(), buf.addr() as i64, count as i64, pos],
        );
        Err(Errno::EBADF)
    }

    #[syscall_define(abi(x86_64, ia32))]
    fn close(fd: u32) -> Result<(), Errno> {
        seen("close", &[fd.into()]);
        Err(Errno::EBADF)
    }

    /// A full-register system call, as `rt_sigreturn` is: it restores the registers from a
    /// frame (here: from the arguments it was given) and returns what is now in `ax`.
    #[syscall_define(abi(x86_64, ia32), ptregs)]
    fn rt_sigreturn(regs: &mut x86_64::PtRegs) -> isize {
        regs.ip = 0x4000_1000;
        regs.ax = 0x1234;
        regs.ax as isize
    }

    syscall_table! {
        static X64_TABLE: SyscallTable<X86_64, x86_64::PtRegs, 512> = {
            X64::pread64 as usize => pread64,
            X64::close as usize => close,
            X64::rt_sigreturn as usize => rt_sigreturn,
        };
    }

    syscall_table! {
        static IA32_TABLE: SyscallTable<Ia32, x86_64::PtRegs, 512> = {
            X86::pread64 as usize => pread64,
            X86::close as usize => close,
            X86::rt_sigreturn as usize => rt_sigreturn,
        };
    }

    #[test]
    fn captured_calls_dispatch_through_x86_64_and_ia32_tables() {
        for (fixture, id, nr_field) in [
            ("x86_64", 19, "orig_rax"),
            ("i386", 19, "orig_eax"),
            ("x86_64", 12, "orig_rax"),
            ("i386", 12, "orig_eax"),
        ] {
            let f = Fixture::load(fixture);
            let case = f.case(id);
            let nr = case.syscall.all_registers[nr_field] as isize;
            // SAFETY: the test stands in for the entry path.
            let (ret, descriptor) = unsafe {
                if fixture == "x86_64" {
                    let ret = X64_TABLE.dispatch(nr, &mut case.x86_64_regs());
                    (ret, X64_TABLE.descriptor(nr as usize))
                } else {
                    let ret = IA32_TABLE.dispatch(nr, &mut case.ia32_on_x86_64_regs(0xffff_ffff));
                    (ret, IA32_TABLE.descriptor(nr as usize))
                }
            };
            assert_eq!(ret, -9, "{fixture} case {id}: -EBADF from the body");
            let (name, args) = take_seen().pop().expect("the body ran");
            assert_eq!(Some(name), descriptor.map(|d| d.name));
            let passed: Vec<i64> = case.forwarded().iter().map(|a| a.value() as i64).collect();
            assert_eq!(args, passed, "{fixture} case {id}");
        }
    }

    #[test]
    fn unknown_negative_and_huge_numbers_return_enosys() {
        let mut regs = x86_64::PtRegs::default();
        for nr in [
            -1,
            -4096,
            511,
            512,
            100_000,
            isize::MAX,
            isize::MIN,
            X64::getpid as isize,
        ] {
            // SAFETY: the test stands in for the entry path.
            assert_eq!(unsafe { X64_TABLE.dispatch(nr, &mut regs) }, -38, "nr {nr}");
        }
        assert!(take_seen().is_empty(), "no body ran");
        assert_eq!(X64_TABLE.len(), 512);
        assert!(X64_TABLE.descriptor(X64::getpid as usize).is_none());
        assert_eq!(array_index_nospec(600, 512), 0);
        assert_eq!(array_index_nospec(17, 512), 17);
    }

    #[test]
    fn a_full_register_syscall_rewrites_the_registers_and_its_entry_says_so() {
        let mut regs = x86_64::PtRegs {
            ip: 0x1000,
            ..Default::default()
        };
        // SAFETY: the test stands in for the entry path.
        let ret = unsafe { X64_TABLE.dispatch(X64::rt_sigreturn as isize, &mut regs) };
        assert_eq!((ret, regs.ip, regs.ax), (0x1234, 0x4000_1000, 0x1234));
        let entry = X64_TABLE.entry(X64::rt_sigreturn as usize).unwrap();
        assert!(
            entry.rewrites_registers(),
            "the exit path must restore every register"
        );
        assert!(
            !X64_TABLE
                .entry(X64::pread64 as usize)
                .unwrap()
                .rewrites_registers()
        );
        assert_eq!(entry.descriptor().unwrap().name, "rt_sigreturn");
        assert!(rt_sigreturn::DESCRIPTOR.args.is_empty());
        let ia32 = IA32_TABLE.entry(X86::rt_sigreturn as usize).unwrap();
        assert!(ia32.rewrites_registers());
        // The stub itself, as entry code calls it.
        let mut regs = x86_64::PtRegs::default();
        // SAFETY: as above.
        assert_eq!(unsafe { __ia32_sys_rt_sigreturn(&mut regs) }, 0x1234);
        let _: Entry<x86_64::PtRegs> = Entry::NOT_IMPLEMENTED;
    }

    /// A seccomp-like filter and an audit log: deny `close`, serve nothing, record everything
    /// with argument 3 read in constant time.
    #[derive(Default)]
    struct Audit {
        log: Vec<String>,
    }

    impl SyscallHooks<Ia32, x86_64::PtRegs> for Audit {
        fn on_entry(
            &mut self,
            nr: isize,
            d: Option<&'static Descriptor>,
            regs: &x86_64::PtRegs,
        ) -> EntryAction {
            let name = d.map_or("?", |d| d.name);
            let arg3 = d.and_then(|d| d.arg::<Ia32, _>(3, regs));
            self.log.push(format!("enter {nr} {name} arg3={arg3:x?}"));
            match name {
                "close" => EntryAction::Deny(Errno::EPERM),
                "?" => EntryAction::Skip(7),
                _ => EntryAction::Allow,
            }
        }
        fn on_exit(
            &mut self,
            nr: isize,
            _: Option<&'static Descriptor>,
            _: &x86_64::PtRegs,
            ret: isize,
        ) -> isize {
            self.log.push(format!("exit {nr} = {ret}"));
            ret
        }
    }

    #[test]
    fn hooks_see_every_call_and_can_deny_or_skip() {
        let f = Fixture::load("i386");
        let mut audit = Audit::default();
        let mut pread = f.case(19).ia32_on_x86_64_regs(0xffff_ffff);
        let mut close_regs = f.case(12).ia32_on_x86_64_regs(0);
        let mut other = x86_64::PtRegs::default();
        // SAFETY: the test stands in for the entry path.
        let rets = unsafe {
            [
                IA32_TABLE.dispatch_with(X86::pread64 as isize, &mut pread, &mut audit),
                IA32_TABLE.dispatch_with(X86::close as isize, &mut close_regs, &mut audit),
                IA32_TABLE.dispatch_with(X86::getpid as isize, &mut other, &mut audit),
            ]
        };
        assert_eq!(rets, [-9, -1, 7]);
        // `pos` is argument 3: the pair esi (low) / edi (high), not register 3.
        assert_eq!(
            audit.log,
            [
                "enter 180 pread64 arg3=Some(1122334455667788)",
                "exit 180 = -9",
                "enter 6 close arg3=None",
                "exit 6 = -1",
                "enter 20 ? arg3=None",
                "exit 20 = 7",
            ]
        );
        assert_eq!(
            take_seen().len(),
            1,
            "only pread64's body ran: close was denied"
        );
        // No hooks: the same as plain dispatch.
        let mut regs = f.case(19).ia32_on_x86_64_regs(0);
        // SAFETY: as above.
        assert_eq!(
            unsafe { IA32_TABLE.dispatch_with(X86::pread64 as isize, &mut regs, &mut NoHooks) },
            -9
        );
        take_seen();
    }

    #[test]
    fn argument_n_is_read_from_the_layout_on_every_abi() {
        let arm = Fixture::load("arm-eabi");
        let regs = arm.case(19).arm_regs();
        // pread64's pos is argument 3 but registers r4/r5 on arm (r3 is a pad).
        assert_eq!(
            sync_file_range_descriptor_arg(),
            Some(0x1122_3344_5566_7788)
        );
        let d = arm_pread64::DESCRIPTOR;
        assert_eq!(d.arg::<Arm, _>(3, &regs), Some(0x1122_3344_5566_7788));
        assert_eq!(d.arg::<Arm, _>(0, &regs), Some(1000));
        assert_eq!(d.arg::<Arm, _>(4, &regs), None);
        assert_eq!(
            d.arg::<X86_64, _>(3, &x86_64::PtRegs::default()),
            None,
            "not emitted for x86_64"
        );
    }

    #[syscall_define(abi(arm))]
    fn arm_pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> isize {
        let _ = (fd, buf, count, pos);
        0
    }

    /// arm's sync_file_range2 order, argument 1 (`offset`) read from r2/r3 of the real capture.
    fn sync_file_range_descriptor_arg() -> Option<u64> {
        let arm = Fixture::load("arm-eabi");
        sync_file_range::DESCRIPTOR.arg::<Arm, _>(1, &arm.case(31).arm_regs())
    }
}

// ---- exported, C-linkable stubs ----

mod exported {
    use super::*;

    #[syscall_define(abi(x86_64, ia32, arm), export)]
    pub fn sd_export_probe(fd: u32, pos: i64) -> isize {
        (pos as isize).wrapping_add(fd as isize)
    }

    #[syscall_define(abi(x86_64), ptregs, export)]
    pub fn sd_export_full(regs: &mut x86_64::PtRegs) -> isize {
        regs.ax = 5;
        5
    }

    // A C-style declaration by symbol name: this links only if the symbols exist with exactly
    // these names (Linux's `long __x64_sys_NAME(const struct pt_regs *regs)`).
    unsafe extern "C" {
        #[link_name = "__x64_sys_sd_export_probe"]
        fn c_x64(regs: *const x86_64::PtRegs) -> isize;
        #[link_name = "__ia32_sys_sd_export_probe"]
        fn c_ia32(regs: *const x86_64::PtRegs) -> isize;
        #[link_name = "__arm_sys_sd_export_probe"]
        fn c_arm(regs: *const arm64::PtRegs) -> isize;
        #[link_name = "__x64_sys_sd_export_full"]
        fn c_x64_full(regs: *mut x86_64::PtRegs) -> isize;
    }

    #[test]
    fn exported_stubs_link_by_their_linux_names_and_decode() {
        let x = x86_64::PtRegs {
            di: 3,
            si: 100,
            ..Default::default()
        };
        let i = x86_64::PtRegs {
            bx: 3,
            cx: 100,
            dx: 1,
            ..Default::default()
        };
        let mut a = arm64::PtRegs::default();
        (a.regs[0], a.regs[2], a.regs[3]) = (3, 100, 1);
        let mut full = x86_64::PtRegs::default();
        // SAFETY: the test stands in for C entry code.
        unsafe {
            assert_eq!(c_x64(&x), 103);
            assert_eq!(c_ia32(&i), 103 + (1 << 32));
            assert_eq!(c_arm(&a), 103 + (1 << 32), "arm: pos in r2/r3, r1 skipped");
            assert_eq!((c_x64_full(&mut full), full.ax), (5, 5));
        }
    }

    #[test]
    fn the_built_binary_has_the_symbols() {
        let exe = std::env::current_exe().unwrap();
        let out = std::process::Command::new("nm")
            .arg(&exe)
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "nm (binutils) is needed to read the symbols of {}: {e}",
                    exe.display()
                )
            });
        let symbols = String::from_utf8_lossy(&out.stdout);
        for name in [
            "__x64_sys_sd_export_probe",
            "__ia32_sys_sd_export_probe",
            "__arm_sys_sd_export_probe",
            "__x64_sys_sd_export_full",
        ] {
            assert!(
                symbols.lines().any(|l| l.ends_with(&format!(" T {name}"))),
                "{name} is not a global text symbol of {}",
                exe.display()
            );
        }
    }
}
