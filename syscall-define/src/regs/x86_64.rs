//! x86-64 (`arch/x86/include/asm/ptrace.h`).

use super::*;

/// `struct pt_regs` of x86-64: what the entry code saves, in the kernel's order.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct PtRegs {
    pub r15: u64,
    pub r14: u64,
    pub r13: u64,
    pub r12: u64,
    pub bp: u64,
    pub bx: u64,
    pub r11: u64,
    pub r10: u64,
    pub r9: u64,
    pub r8: u64,
    pub ax: u64,
    pub cx: u64,
    pub dx: u64,
    pub si: u64,
    pub di: u64,
    /// The system-call number on entry.
    pub orig_ax: u64,
    pub ip: u64,
    pub cs: u64,
    pub flags: u64,
    pub sp: u64,
    pub ss: u64,
}

arg_registers!(PtRegs, X86_64, u64: [di si dx r10 r8 r9]);
// A 32-bit process on a 64-bit kernel: the i386 registers, in the same pt_regs.
arg_registers!(PtRegs, Ia32, u64: [bx cx dx si di bp]);
// x32: the x86-64 registers, whole (its common system calls are the 64-bit kernel's).
arg_registers!(PtRegs, X32, u64: [di si dx r10 r8 r9]);

impl ExportRegs for X86_64 {
    type Regs = PtRegs;
}
impl ExportRegs for X32 {
    type Regs = PtRegs;
}
#[cfg(not(target_arch = "x86"))]
impl ExportRegs for Ia32 {
    type Regs = PtRegs;
}

result_registers!(PtRegs, X86_64: result [ax], second [dx], none);
result_registers!(PtRegs, X32: result [ax], second [dx], none);
result_registers!(PtRegs, Ia32: result [ax], second [dx], none);
