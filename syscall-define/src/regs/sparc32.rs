//! sparc32 (`arch/sparc/include/uapi/asm/ptrace.h`, without `__arch64__`).

use super::*;

/// `struct pt_regs` of a 32-bit SPARC kernel; `u_regs` as on sparc64 (arguments at 8..=13).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// Processor state (`PSR_C` flags an error).
    pub psr: u32,
    /// PC.
    pub pc: u32,
    /// Next PC.
    pub npc: u32,
    /// `%y`.
    pub y: u32,
    /// `%g0..%g7`, then the user's `%o0..%o7`.
    pub u_regs: [u32; 16],
}

arg_registers!(PtRegs, Sparc32, u32: [u_regs[8] u_regs[9] u_regs[10] u_regs[11] u_regs[12] u_regs[13]]);

#[cfg(target_arch = "sparc")]
impl ExportRegs for Sparc32 {
    type Regs = PtRegs;
}

/// `PSR_C`, the carry: a 32-bit kernel's error flag.
pub const PSR_C: u64 = 0x0010_0000;
result_registers!(PtRegs, Sparc32: result [u_regs[8]], second [u_regs[9]], bit [psr] PSR_C);
