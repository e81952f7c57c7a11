//! 32-bit PA-RISC (`arch/parisc/include/uapi/asm/ptrace.h`, `unsigned long` = 32 bits).

use super::*;

/// `struct pt_regs` of PA-RISC: arguments in `gr[26]` down to `gr[21]`, the number in
/// `gr[20]`, the result in `gr[28]`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// General registers (the PSW is in `gr[0]`).
    pub gr: [u32; 32],
    /// Floating-point registers.
    pub fr: [u64; 32],
    /// Space registers.
    pub sr: [u32; 8],
    /// Instruction address space queue.
    pub iasq: [u32; 2],
    /// Instruction address offset queue.
    pub iaoq: [u32; 2],
    /// Control register 27.
    pub cr27: u32,
    /// Unused.
    pub pad0: u32,
    /// r28 at entry, for restarting system calls.
    pub orig_r28: u32,
    /// Kernel stack pointer.
    pub ksp: u32,
    /// Kernel PC.
    pub kpc: u32,
    /// Shift amount register (CR11).
    pub sar: u32,
    /// Interruption instruction register (CR19).
    pub iir: u32,
    /// Interruption space register (CR20).
    pub isr: u32,
    /// Interruption offset register (CR21).
    pub ior: u32,
    /// Interruption PSW (CR22).
    pub ipsw: u32,
}

arg_registers!(PtRegs, Parisc, u32: [gr[26] gr[25] gr[24] gr[23] gr[22] gr[21]]);

#[cfg(not(target_pointer_width = "64"))]
impl ExportRegs for Parisc {
    type Regs = PtRegs;
}

result_registers!(PtRegs, Parisc: result [gr[28]], second [], none);
