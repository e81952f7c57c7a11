//! arm64 (`arch/arm64/include/asm/ptrace.h`, Linux 6.1).

use super::*;

/// `struct pt_regs` of arm64. AArch32 (compat) register `rN` is `regs[N]`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// `x0..x30`.
    pub regs: [u64; 31],
    /// User stack pointer.
    pub sp: u64,
    /// Program counter.
    pub pc: u64,
    /// Processor state.
    pub pstate: u64,
    /// `x0` at entry: x0 is also the return register.
    pub orig_x0: u64,
    /// The system-call number (`regs[8]` native, `regs[7]` compat), or -1.
    pub syscallno: i32,
    /// Unused padding (`unused2`).
    pub unused2: u32,
    /// SDEI bookkeeping.
    pub sdei_ttbr1: u64,
    /// GIC priority mask, when priority masking is in use.
    pub pmr_save: u64,
    /// Frame record for unwinding.
    pub stackframe: [u64; 2],
    /// Lockdep state for some EL1 exceptions.
    pub lockdep_hardirqs: u64,
    /// RCU state for some EL1 exceptions.
    pub exit_rcu: u64,
}

arg_registers!(PtRegs, Aarch64, u64: [regs[0] regs[1] regs[2] regs[3] regs[4] regs[5]]);
// An AArch32 process on a 64-bit kernel.
arg_registers!(PtRegs, Arm, u64: [regs[0] regs[1] regs[2] regs[3] regs[4] regs[5]]);

impl ExportRegs for Aarch64 {
    type Regs = PtRegs;
}
#[cfg(not(target_arch = "arm"))]
impl ExportRegs for Arm {
    type Regs = PtRegs;
}

result_registers!(PtRegs, Aarch64: result [regs[0]], second [regs[1]], none);
result_registers!(PtRegs, Arm: result [regs[0]], second [regs[1]], none);
