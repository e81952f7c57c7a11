//! LoongArch64 (`arch/loongarch/include/asm/ptrace.h`).

use super::*;

/// `struct pt_regs` of LoongArch64: `regs[4..=11]` are a0..a7; the entry code copies a0 to
/// `orig_a0` and presets a0 = -ENOSYS.
#[repr(C, align(8))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// `r0..r31`.
    pub regs: [u64; 32],
    /// arg0 as user space passed it.
    pub orig_a0: u64,
    /// Exception return address.
    pub csr_era: u64,
    /// Bad virtual address.
    pub csr_badvaddr: u64,
    /// Current mode.
    pub csr_crmd: u64,
    /// Previous mode.
    pub csr_prmd: u64,
    /// Extended unit enable.
    pub csr_euen: u64,
    /// Exception configuration.
    pub csr_ecfg: u64,
    /// Exception status.
    pub csr_estat: u64,
}

arg_registers!(PtRegs, Loongarch64, u64: [orig_a0 regs[5] regs[6] regs[7] regs[8] regs[9]]);

impl ExportRegs for Loongarch64 {
    type Regs = PtRegs;
}

result_registers!(PtRegs, Loongarch64: result [regs[4]], second [regs[5]], none);
