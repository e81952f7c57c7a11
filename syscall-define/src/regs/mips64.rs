//! 64-bit MIPS (`arch/mips/include/asm/ptrace.h`, `CONFIG_64BIT`, without the SmartMIPS and
//! Octeon extras).

use super::*;

/// `struct pt_regs` of a 64-bit MIPS kernel: n64 and n32 pass a0..a5 in `regs[4..=9]`; for an
/// o32 process `scall64-o32.S` loads arguments 5..8 from the user stack into `regs[8..=11]`
/// ("to adapt to the native n64 calling convention").
#[repr(C, align(8))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// `$0..$31`: v0 = `regs[2]`, a0..a7 = `regs[4..=11]`, sp = `regs[29]`.
    pub regs: [u64; 32],
    /// CP0 status.
    pub cp0_status: u64,
    /// `hi`.
    pub hi: u64,
    /// `lo`.
    pub lo: u64,
    /// CP0 bad virtual address.
    pub cp0_badvaddr: u64,
    /// CP0 cause.
    pub cp0_cause: u64,
    /// CP0 exception PC.
    pub cp0_epc: u64,
}

arg_registers!(PtRegs, MipsN64, u64: [regs[4] regs[5] regs[6] regs[7] regs[8] regs[9]]);
arg_registers!(PtRegs, MipsN32, u64: [regs[4] regs[5] regs[6] regs[7] regs[8] regs[9]]);
arg_registers!(PtRegs, MipselN64, u64: [regs[4] regs[5] regs[6] regs[7] regs[8] regs[9]]);
// o32 on a 64-bit kernel: the low 32 bits of a0..a7.
arg_registers!(PtRegs, MipsO32, u64: [regs[4] regs[5] regs[6] regs[7] regs[8] regs[9] regs[10] regs[11]]);
arg_registers!(PtRegs, MipselO32, u64: [regs[4] regs[5] regs[6] regs[7] regs[8] regs[9] regs[10] regs[11]]);

impl ExportRegs for MipsN64 {
    type Regs = PtRegs;
}
impl ExportRegs for MipsN32 {
    type Regs = PtRegs;
}
impl ExportRegs for MipselN64 {
    type Regs = PtRegs;
}
#[cfg(not(target_arch = "mips"))]
impl ExportRegs for MipsO32 {
    type Regs = PtRegs;
}
#[cfg(not(target_arch = "mips"))]
impl ExportRegs for MipselO32 {
    type Regs = PtRegs;
}

// v0, v1, and a3 as the error flag (`scall64-*.S`).
result_registers!(PtRegs, MipsN64: result [regs[2]], second [regs[3]], flag [regs[7]]);
result_registers!(PtRegs, MipselN64: result [regs[2]], second [regs[3]], flag [regs[7]]);
result_registers!(PtRegs, MipsN32: result [regs[2]], second [regs[3]], flag [regs[7]]);
result_registers!(PtRegs, MipsO32: result [regs[2]], second [regs[3]], flag [regs[7]]);
result_registers!(PtRegs, MipselO32: result [regs[2]], second [regs[3]], flag [regs[7]]);
