//! i386 (`arch/x86/include/asm/ptrace.h`, `CONFIG_X86_32`).

use super::*;

/// `struct pt_regs` of a 32-bit x86 kernel (also the layout of i386 `user_regs_struct`).
/// The segment fields hold the selector in their low 16 bits.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct PtRegs {
    pub bx: u32,
    pub cx: u32,
    pub dx: u32,
    pub si: u32,
    pub di: u32,
    pub bp: u32,
    pub ax: u32,
    pub ds: u32,
    pub es: u32,
    pub fs: u32,
    pub gs: u32,
    /// The system-call number on entry.
    pub orig_ax: u32,
    pub ip: u32,
    pub cs: u32,
    pub flags: u32,
    pub sp: u32,
    pub ss: u32,
}

arg_registers!(PtRegs, Ia32, u32: [bx cx dx si di bp]);

#[cfg(target_arch = "x86")]
impl ExportRegs for Ia32 {
    type Regs = PtRegs;
}

result_registers!(PtRegs, Ia32: result [ax], second [dx], none);
