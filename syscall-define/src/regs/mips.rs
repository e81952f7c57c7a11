//! 32-bit MIPS (`arch/mips/include/asm/ptrace.h`, `CONFIG_32BIT`, without the SmartMIPS and
//! Octeon extras).

use super::*;

/// `struct pt_regs` of a 32-bit MIPS kernel. `args[4..=7]` is the argument save area at its
/// start (`pad0` before Linux's 2025 rename): `scall32-o32.S` copies the o32 arguments 5..8
/// there from the user stack (sp+16..sp+28), where C functions find their stack arguments.
#[repr(C, align(8))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// The argument save area; `args[4..=7]` hold o32 arguments 5..8.
    pub args: [u32; 8],
    /// `$0..$31`: v0 = `regs[2]`, a0..a3 = `regs[4..=7]`, sp = `regs[29]`.
    pub regs: [u32; 32],
    /// CP0 status.
    pub cp0_status: u32,
    /// `hi`.
    pub hi: u32,
    /// `lo`.
    pub lo: u32,
    /// CP0 bad virtual address.
    pub cp0_badvaddr: u32,
    /// CP0 cause.
    pub cp0_cause: u32,
    /// CP0 exception PC.
    pub cp0_epc: u32,
}

arg_registers!(PtRegs, MipsO32, u32: [regs[4] regs[5] regs[6] regs[7] args[4] args[5] args[6] args[7]]);
arg_registers!(PtRegs, MipselO32, u32: [regs[4] regs[5] regs[6] regs[7] args[4] args[5] args[6] args[7]]);

#[cfg(target_arch = "mips")]
impl ExportRegs for MipsO32 {
    type Regs = PtRegs;
}
#[cfg(target_arch = "mips")]
impl ExportRegs for MipselO32 {
    type Regs = PtRegs;
}

// v0, v1, and a3 as the error flag (`scall32-o32.S`: `sw t0, PT_R7(sp)`).
result_registers!(PtRegs, MipsO32: result [regs[2]], second [regs[3]], flag [regs[7]]);
result_registers!(PtRegs, MipselO32: result [regs[2]], second [regs[3]], flag [regs[7]]);
