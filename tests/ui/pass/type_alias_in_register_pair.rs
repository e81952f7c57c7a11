//! A type alias of `i64` is placed by what it is: a register pair on ia32 and arm, with no
//! error, exactly like `i64`.
use syscall_define::abi::{ARM, IA32, Placement};
use syscall_define::regs::{Arm, Ia32, arm, x86_64};
use syscall_define::{Errno, Syscall, UserPtr, syscall_define};

#[allow(non_camel_case_types)]
type loff_t = i64;

#[syscall_define(abi(x86_64, ia32, aarch64, arm))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: loff_t) -> Result<usize, Errno> {
    let _ = (fd, buf, count);
    Ok((pos >> 32) as usize)
}

fn main() {
    let pos: loff_t = 0x1122_3344_5566_7788;

    // ia32 (a 32-bit process on an x86-64 kernel): `pos` is si (low) / di (high); the upper
    // halves of the 64-bit registers are garbage a 32-bit process cannot control.
    let regs = x86_64::PtRegs {
        bx: 3,
        cx: 0x0804_a000,
        dx: 64,
        si: 0xdead_beef_5566_7788,
        di: 0xdead_beef_1122_3344,
        ..Default::default()
    };
    let (fd, buf, count, decoded) = pread64::decode::<Ia32, _>(&regs).unwrap();
    assert_eq!((fd, buf.addr(), count, decoded), (3, 0x0804_a000, 64, pos));
    assert_eq!(unsafe { __ia32_sys_pread64(&regs) }, 0x1122_3344);
    let layout = pread64::DESCRIPTOR.layout(&IA32).unwrap();
    assert_eq!(layout.arg(3), Placement::Pair { lo: 3, hi: 4 });

    // arm EABI: the pair starts at an even register, so r3 is skipped and `pos` is r4 / r5.
    let mut regs = arm::PtRegs::default();
    regs.uregs[..6].copy_from_slice(&[3, 0x0001_0000, 64, 0xffff_ffff, 0x5566_7788, 0x1122_3344]);
    let (fd, buf, count, decoded) = pread64::decode::<Arm, _>(&regs).unwrap();
    assert_eq!((fd, buf.addr(), count, decoded), (3, 0x0001_0000, 64, pos));
    assert_eq!(unsafe { __arm_sys_pread64(&regs) }, 0x1122_3344);
    let layout = pread64::DESCRIPTOR.layout(&ARM).unwrap();
    assert_eq!(layout.arg(3), Placement::Pair { lo: 4, hi: 5 });
    assert!(layout.is_pad(3));
}
