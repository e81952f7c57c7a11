//! A newtype that implements `SyscallArg` says what it is (here: one word, a C `int`), and may
//! reject a value: the stub then returns `-errno` and the body does not run.
use std::sync::atomic::{AtomicUsize, Ordering};

use syscall_define::abi::{ArgKind, IA32, Placement, X86_64};
use syscall_define::regs::{i386, x86_64};
use syscall_define::{Errno, SyscallArg, syscall_define};

/// A file descriptor: an `int` that must not be negative.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Fd(i32);

impl SyscallArg for Fd {
    const KIND: ArgKind = ArgKind::Int {
        bits: 32,
        signed: true,
    };
    fn decode(value: u64) -> Result<Self, Errno> {
        let fd = value as i32;
        if fd < 0 {
            Err(Errno::EBADF)
        } else {
            Ok(Fd(fd))
        }
    }
    fn encode(&self) -> u64 {
        self.0 as i64 as u64
    }
}

static BODY_RUNS: AtomicUsize = AtomicUsize::new(0);

#[syscall_define(abi(x86_64, ia32))]
fn dup3(oldfd: Fd, newfd: Fd, flags: u32) -> Result<i32, Errno> {
    BODY_RUNS.fetch_add(1, Ordering::SeqCst);
    if flags != 0 {
        return Err(Errno::EINVAL);
    }
    let _ = oldfd;
    Ok(newfd.0)
}

fn main() {
    // One word on every ABI, like `i32`.
    assert_eq!(dup3::DESCRIPTOR.layout(&X86_64).unwrap().arg(1), Placement::One(1));
    assert_eq!(dup3::DESCRIPTOR.layout(&IA32).unwrap().arg(2), Placement::One(2));

    // Accepted: the body runs.
    let regs = x86_64::PtRegs {
        di: 3,
        si: 10,
        dx: 0,
        ..Default::default()
    };
    assert_eq!(unsafe { __x64_sys_dup3(&regs) }, 10);
    assert_eq!(BODY_RUNS.load(Ordering::SeqCst), 1);

    // Rejected: -EBADF, and the body does not run.
    let regs = x86_64::PtRegs {
        di: 3,
        si: (-1i64) as u64,
        ..Default::default()
    };
    assert_eq!(
        unsafe { __x64_sys_dup3(&regs) },
        -(Errno::EBADF.into_raw() as isize)
    );
    let regs = i386::PtRegs {
        bx: 0xffff_fff0,
        cx: 4,
        ..Default::default()
    };
    assert_eq!(
        unsafe { __ia32_sys_dup3(&regs) },
        -(Errno::EBADF.into_raw() as isize)
    );
    assert_eq!(BODY_RUNS.load(Ordering::SeqCst), 1);
}
