//! 32-bit ARM (`arch/arm/include/uapi/asm/ptrace.h`).

use super::*;

/// `struct pt_regs` of 32-bit ARM: `uregs[0..=12]` are r0..r12, then sp, lr, pc, cpsr and
/// `ORIG_r0`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// `r0..r15`, `cpsr` (16) and `ORIG_r0` (17).
    pub uregs: [u32; 18],
}

impl PtRegs {
    /// Index of `ORIG_r0` in [`uregs`](PtRegs::uregs).
    pub const ORIG_R0: usize = 17;
    /// Index of r7, the system-call number register of EABI.
    pub const R7: usize = 7;
}

arg_registers!(PtRegs, Arm, u32: [uregs[0] uregs[1] uregs[2] uregs[3] uregs[4] uregs[5]]);

#[cfg(target_arch = "arm")]
impl ExportRegs for Arm {
    type Regs = PtRegs;
}

result_registers!(PtRegs, Arm: result [uregs[0]], second [uregs[1]], none);
