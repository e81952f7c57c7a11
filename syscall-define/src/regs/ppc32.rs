//! 32-bit PowerPC (`arch/powerpc/include/uapi/asm/ptrace.h`, without `__powerpc64__`).

use super::*;

/// `struct pt_regs` as user space sees it (the start of the kernel's). Arguments are
/// `gpr[3..=8]`, the number `gpr[0]`, and an `sc` error sets CR0.SO in `ccr`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// `r0..r31`.
    pub gpr: [u32; 32],
    /// Next instruction.
    pub nip: u32,
    /// Machine state.
    pub msr: u32,
    /// r3 at entry, for restarting system calls (r3 is also the result).
    pub orig_gpr3: u32,
    /// Count register.
    pub ctr: u32,
    /// Link register.
    pub link: u32,
    /// Fixed-point exception register.
    pub xer: u32,
    /// Condition register.
    pub ccr: u32,
    /// 601 only, unused.
    pub mq: u32,
    /// Why the kernel was entered.
    pub trap: u32,
    /// Fault address.
    pub dar: u32,
    /// Fault status.
    pub dsisr: u32,
    /// Result of a system call.
    pub result: u32,
}

arg_registers!(PtRegs, Ppc32, u32: [gpr[3] gpr[4] gpr[5] gpr[6] gpr[7] gpr[8]]);

#[cfg(target_arch = "powerpc")]
impl ExportRegs for Ppc32 {
    type Regs = PtRegs;
}

/// CR0.SO in `ccr`: an `sc` system call's error (`syscall_exit_prepare()`).
pub const CR0_SO: u64 = 0x1000_0000;
result_registers!(PtRegs, Ppc32: result [gpr[3]], second [gpr[4]], bit [ccr] CR0_SO);
