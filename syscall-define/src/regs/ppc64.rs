//! 64-bit PowerPC (`arch/powerpc/include/uapi/asm/ptrace.h`, `__powerpc64__`): the kernel's `pt_regs` starts with this `user_pt_regs`.

use super::*;

/// `struct pt_regs` as user space sees it (the start of the kernel's). Arguments are
/// `gpr[3..=8]`, the number `gpr[0]`, and an `sc` error sets CR0.SO in `ccr`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// `r0..r31`.
    pub gpr: [u64; 32],
    /// Next instruction.
    pub nip: u64,
    /// Machine state.
    pub msr: u64,
    /// r3 at entry, for restarting system calls (r3 is also the result).
    pub orig_gpr3: u64,
    /// Count register.
    pub ctr: u64,
    /// Link register.
    pub link: u64,
    /// Fixed-point exception register.
    pub xer: u64,
    /// Condition register.
    pub ccr: u64,
    /// Soft-enabled interrupt state.
    pub softe: u64,
    /// Why the kernel was entered.
    pub trap: u64,
    /// Fault address.
    pub dar: u64,
    /// Fault status.
    pub dsisr: u64,
    /// Result of a system call.
    pub result: u64,
}

arg_registers!(PtRegs, Ppc64, u64: [gpr[3] gpr[4] gpr[5] gpr[6] gpr[7] gpr[8]]);
arg_registers!(PtRegs, Ppc64le, u64: [gpr[3] gpr[4] gpr[5] gpr[6] gpr[7] gpr[8]]);
// ppc32 on ppc64 (compat): the low 32 bits (`regs->gpr[3] & 0x00000000ffffffffULL`).
arg_registers!(PtRegs, Ppc32, u64: [gpr[3] gpr[4] gpr[5] gpr[6] gpr[7] gpr[8]]);

impl ExportRegs for Ppc64 {
    type Regs = PtRegs;
}
impl ExportRegs for Ppc64le {
    type Regs = PtRegs;
}
#[cfg(not(target_arch = "powerpc"))]
impl ExportRegs for Ppc32 {
    type Regs = PtRegs;
}

/// CR0.SO in `ccr`: an `sc` system call's error (`syscall_exit_prepare()`).
pub const CR0_SO: u64 = 0x1000_0000;
result_registers!(PtRegs, Ppc64: result [gpr[3]], second [gpr[4]], bit [ccr] CR0_SO);
result_registers!(PtRegs, Ppc64le: result [gpr[3]], second [gpr[4]], bit [ccr] CR0_SO);
result_registers!(PtRegs, Ppc32: result [gpr[3]], second [gpr[4]], bit [ccr] CR0_SO);
