//! s390x (`arch/s390/include/asm/ptrace.h`, Linux 6.1).

use super::*;

/// `struct pt_regs` of s390x. `__do_syscall` saves r2 in `orig_gpr2` before writing the number
/// and then the result to r2, so a system call's first argument is `orig_gpr2`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtRegs {
    /// `args[0]` (unused by system calls).
    pub args: [u64; 1],
    /// PSW mask (the condition code lives here).
    pub psw_mask: u64,
    /// PSW address.
    pub psw_addr: u64,
    /// `r0..r15`.
    pub gprs: [u64; 16],
    /// r2 at entry: the first argument.
    pub orig_gpr2: u64,
    /// Interruption code: for `svc NR`, the number in its low 16 bits.
    pub int_code: u32,
    /// Interruption parameter.
    pub int_parm: u32,
    /// Long interruption parameter.
    pub int_parm_long: u64,
    /// `PIF_*` flags.
    pub flags: u64,
    /// Control register 1.
    pub cr1: u64,
    /// Last breaking-event address.
    pub last_break: u64,
}

arg_registers!(PtRegs, S390x, u64: [orig_gpr2 gprs[3] gprs[4] gprs[5] gprs[6] gprs[7]]);
// A 31-bit process (compat): the low 32 bits; pointers are masked to 31 bits when decoded.
arg_registers!(PtRegs, S390, u64: [orig_gpr2 gprs[3] gprs[4] gprs[5] gprs[6] gprs[7]]);

impl ExportRegs for S390x {
    type Regs = PtRegs;
}
impl ExportRegs for S390 {
    type Regs = PtRegs;
}

result_registers!(PtRegs, S390x: result [gprs[2]], second [gprs[3]], none);
result_registers!(PtRegs, S390: result [gprs[2]], second [gprs[3]], none);
