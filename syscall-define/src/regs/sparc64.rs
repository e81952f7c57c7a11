//! sparc64 (`arch/sparc/include/uapi/asm/ptrace.h`, `__arch64__`).

use super::*;

/// `struct pt_regs` of sparc64. `u_regs` are `%g0..%g7` then `%i0..%i7` of the trap window,
/// which are the user's `%o0..%o7`: the arguments are `u_regs[UREG_I0..=UREG_I5]` (8..=13), the
/// number `u_regs[UREG_G1]`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// `%g0..%g7`, then the user's `%o0..%o7`.
    pub u_regs: [u64; 16],
    /// Trap state (`TSTATE_XCARRY`, `TSTATE_ICARRY` flag errors).
    pub tstate: u64,
    /// Trap PC.
    pub tpc: u64,
    /// Trap next PC.
    pub tnpc: u64,
    /// `%y`.
    pub y: u32,
    /// `PT_REGS_MAGIC` plus the trap type.
    pub magic: u32,
}

impl PtRegs {
    /// Index of the user's `%o0` in [`u_regs`](PtRegs::u_regs).
    pub const UREG_I0: usize = 8;
    /// Index of `%g1`, the number register.
    pub const UREG_G1: usize = 1;
}

arg_registers!(PtRegs, Sparc64, u64: [u_regs[8] u_regs[9] u_regs[10] u_regs[11] u_regs[12] u_regs[13]]);
// A 32-bit process on sparc64: the low 32 bits (the entry zero-extends them, `srl`).
arg_registers!(PtRegs, Sparc32, u64: [u_regs[8] u_regs[9] u_regs[10] u_regs[11] u_regs[12] u_regs[13]]);

impl ExportRegs for Sparc64 {
    type Regs = PtRegs;
}
#[cfg(not(target_arch = "sparc"))]
impl ExportRegs for Sparc32 {
    type Regs = PtRegs;
}

/// `TSTATE_XCARRY | TSTATE_ICARRY`: `ret_sys_call` sets both for an error, and
/// `syscall_has_error()` accepts either.
pub const TSTATE_CARRY: u64 = (1 << 36) | (1 << 32);
result_registers!(PtRegs, Sparc64: result [u_regs[8]], second [u_regs[9]], bit [tstate] TSTATE_CARRY);
result_registers!(PtRegs, Sparc32: result [u_regs[8]], second [u_regs[9]], bit [tstate] TSTATE_CARRY);
