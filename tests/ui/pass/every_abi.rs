//! `abi(all)`: one definition, a stub for every ABI of the table, on any host. A tracer decodes
//! a 32-bit MIPS process's `pread64` (o32: pos in the stack words sp+16/sp+20, high half first,
//! after the pad a3) and an m68k one's (d4:d5, no pad), and runs their stubs.
use syscall_define::regs::{m68k, mips, M68k, MipsO32};
use syscall_define::{syscall_define, Syscall, UserPtr};

#[syscall_define(abi(all))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> isize {
    let _ = (fd, buf);
    if pos == 0x1122_3344_5566_7788 { count as isize } else { -22 }
}

fn main() {
    assert_eq!(
        pread64::DESCRIPTOR.abis().count(),
        syscall_define::abi::ALL.len()
    );
    let mut regs = mips::PtRegs::default();
    regs.regs[4..8].copy_from_slice(&[3, 0x1000, 64, 0]);
    regs.args[4..6].copy_from_slice(&[0x1122_3344, 0x5566_7788]);
    let (_, _, count, pos) = pread64::decode::<MipsO32, _>(&regs).unwrap();
    assert_eq!((count, pos), (64, 0x1122_3344_5566_7788));
    // SAFETY: the entry path, on a register file built here.
    assert_eq!(unsafe { __mips_o32_sys_pread64(&regs) }, 64);

    let regs = m68k::PtRegs { d1: 3, d3: 64, d4: 0x1122_3344, d5: 0x5566_7788, ..Default::default() };
    assert_eq!(pread64::decode::<M68k, _>(&regs).unwrap().3, 0x1122_3344_5566_7788);
    // SAFETY: as above.
    assert_eq!(unsafe { __m68k_sys_pread64(&regs) }, 64);
}
