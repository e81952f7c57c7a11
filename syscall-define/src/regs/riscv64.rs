//! RISC-V 64 (`arch/riscv/include/asm/ptrace.h`).

use super::*;

/// `struct pt_regs` of RISC-V.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct PtRegs {
    pub epc: u64,
    pub ra: u64,
    pub sp: u64,
    pub gp: u64,
    pub tp: u64,
    pub t0: u64,
    pub t1: u64,
    pub t2: u64,
    pub s0: u64,
    pub s1: u64,
    /// The return value; at syscall entry the kernel has moved arg0 to `orig_a0`.
    pub a0: u64,
    pub a1: u64,
    pub a2: u64,
    pub a3: u64,
    pub a4: u64,
    pub a5: u64,
    pub a6: u64,
    /// The system-call number.
    pub a7: u64,
    pub s2: u64,
    pub s3: u64,
    pub s4: u64,
    pub s5: u64,
    pub s6: u64,
    pub s7: u64,
    pub s8: u64,
    pub s9: u64,
    pub s10: u64,
    pub s11: u64,
    pub t3: u64,
    pub t4: u64,
    pub t5: u64,
    pub t6: u64,
    pub status: u64,
    pub badaddr: u64,
    pub cause: u64,
    /// arg0 as user space passed it.
    pub orig_a0: u64,
}

arg_registers!(PtRegs, Riscv64, u64: [orig_a0 a1 a2 a3 a4 a5]);
// An rv32 process on an rv64 kernel (compat): the same registers, low 32 bits.
arg_registers!(PtRegs, Riscv32, u64: [orig_a0 a1 a2 a3 a4 a5]);

impl ExportRegs for Riscv64 {
    type Regs = PtRegs;
}
#[cfg(not(target_arch = "riscv32"))]
impl ExportRegs for Riscv32 {
    type Regs = PtRegs;
}

result_registers!(PtRegs, Riscv64: result [a0], second [a1], none);
result_registers!(PtRegs, Riscv32: result [a0], second [a1], none);
