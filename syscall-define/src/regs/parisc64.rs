//! 64-bit PA-RISC (`arch/parisc/include/uapi/asm/ptrace.h`, `unsigned long` = 64 bits): a 32-bit process's registers are the low halves.

use super::*;

/// `struct pt_regs` of PA-RISC: arguments in `gr[26]` down to `gr[21]`, the number in
/// `gr[20]`, the result in `gr[28]`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// General registers (the PSW is in `gr[0]`).
    pub gr: [u64; 32],
    /// Floating-point registers.
    pub fr: [u64; 32],
    /// Space registers.
    pub sr: [u64; 8],
    /// Instruction address space queue.
    pub iasq: [u64; 2],
    /// Instruction address offset queue.
    pub iaoq: [u64; 2],
    /// Control register 27.
    pub cr27: u64,
    /// Unused.
    pub pad0: u64,
    /// r28 at entry, for restarting system calls.
    pub orig_r28: u64,
    /// Kernel stack pointer.
    pub ksp: u64,
    /// Kernel PC.
    pub kpc: u64,
    /// Shift amount register (CR11).
    pub sar: u64,
    /// Interruption instruction register (CR19).
    pub iir: u64,
    /// Interruption space register (CR20).
    pub isr: u64,
    /// Interruption offset register (CR21).
    pub ior: u64,
    /// Interruption PSW (CR22).
    pub ipsw: u64,
}

arg_registers!(PtRegs, Parisc, u64: [gr[26] gr[25] gr[24] gr[23] gr[22] gr[21]]);

#[cfg(target_pointer_width = "64")]
impl ExportRegs for Parisc {
    type Regs = PtRegs;
}

result_registers!(PtRegs, Parisc: result [gr[28]], second [], none);
