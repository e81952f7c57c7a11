//! RISC-V 32 (`arch/riscv/include/asm/ptrace.h`, `CONFIG_32BIT`: the same fields, 32 bits each).

use super::*;

/// `struct pt_regs` of a 32-bit RISC-V kernel.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct PtRegs {
    pub epc: u32,
    pub ra: u32,
    pub sp: u32,
    pub gp: u32,
    pub tp: u32,
    pub t0: u32,
    pub t1: u32,
    pub t2: u32,
    pub s0: u32,
    pub s1: u32,
    /// The return value; at syscall entry the kernel has moved arg0 to `orig_a0`.
    pub a0: u32,
    pub a1: u32,
    pub a2: u32,
    pub a3: u32,
    pub a4: u32,
    pub a5: u32,
    pub a6: u32,
    /// The system-call number.
    pub a7: u32,
    pub s2: u32,
    pub s3: u32,
    pub s4: u32,
    pub s5: u32,
    pub s6: u32,
    pub s7: u32,
    pub s8: u32,
    pub s9: u32,
    pub s10: u32,
    pub s11: u32,
    pub t3: u32,
    pub t4: u32,
    pub t5: u32,
    pub t6: u32,
    pub status: u32,
    pub badaddr: u32,
    pub cause: u32,
    /// arg0 as user space passed it.
    pub orig_a0: u32,
}

arg_registers!(PtRegs, Riscv32, u32: [orig_a0 a1 a2 a3 a4 a5]);

#[cfg(target_arch = "riscv32")]
impl ExportRegs for Riscv32 {
    type Regs = PtRegs;
}

result_registers!(PtRegs, Riscv32: result [a0], second [a1], none);
