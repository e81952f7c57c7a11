//! Arch entry code reaches the stubs, with `unsafe`, through a syscall table.
use syscall_define::regs::x86_64::PtRegs;
use syscall_define::{Errno, UserPtr, syscall_define};

#[syscall_define(abi(x86_64, ia32))]
fn getpid() -> isize {
    42
}

#[syscall_define(abi(x86_64, ia32))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
    if fd != 3 {
        return Err(Errno::EBADF);
    }
    let _ = (buf, pos);
    Ok(count.min(100))
}

/// The target's default ABIs (x86-64: `x86_64` and `ia32`).
#[syscall_define]
fn sched_yield() {}

type Entry = unsafe fn(&PtRegs) -> isize;

/// The x86-64 syscall table, as `arch/x86/entry/syscall_64.c` builds it.
static SYS_CALL_TABLE: [Entry; 3] = [
    __x64_sys_getpid::<PtRegs>,
    __x64_sys_pread64::<PtRegs>,
    sys_ni_syscall,
];

unsafe fn sys_ni_syscall(_: &PtRegs) -> isize {
    -(Errno::ENOSYS.into_raw() as isize)
}

/// `do_syscall_64`: the number is in `orig_ax`, the result goes to `ax`.
///
/// # Safety
/// Only the syscall entry path calls this.
unsafe fn do_syscall_64(regs: &mut PtRegs) {
    let entry = SYS_CALL_TABLE
        .get(regs.orig_ax as usize)
        .copied()
        .unwrap_or(sys_ni_syscall);
    regs.ax = unsafe { entry(regs) } as u64;
}

fn main() {
    let mut regs = PtRegs {
        orig_ax: 0,
        ..Default::default()
    };
    unsafe { do_syscall_64(&mut regs) };
    assert_eq!(regs.ax, 42);

    let mut regs = PtRegs {
        orig_ax: 1,
        di: 3,
        si: 0x1000,
        dx: 4096,
        ..Default::default()
    };
    unsafe { do_syscall_64(&mut regs) };
    assert_eq!(regs.ax, 100);

    let mut regs = PtRegs {
        orig_ax: 1,
        di: 4,
        ..Default::default()
    };
    unsafe { do_syscall_64(&mut regs) };
    assert_eq!(regs.ax as i64, -(Errno::EBADF.into_raw() as i64));

    // A 32-bit process: the ia32 stub reads bx, not di.
    let regs = PtRegs {
        bx: 3,
        cx: 0x1000,
        dx: 10,
        ..Default::default()
    };
    assert_eq!(unsafe { __ia32_sys_pread64(&regs) }, 10);

    #[cfg(target_arch = "x86_64")]
    assert_eq!(unsafe { __x64_sys_sched_yield(&regs) }, 0);
    assert_eq!(sched_yield::DESCRIPTOR.name, "sched_yield");
}
