//! m68k (`arch/m68k/include/uapi/asm/ptrace.h`, not ColdFire).

use super::*;

/// `struct pt_regs` of m68k, as the entry code pushes it: the system call's arguments `d1..d5,
/// a0` first (they are the C arguments of the table's function), the number in `orig_d0`. m68k
/// aligns `long` to 2 bytes, so the struct is packed to 2 (52 bytes).
#[repr(C, packed(2))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct PtRegs {
    pub d1: u32,
    pub d2: u32,
    pub d3: u32,
    pub d4: u32,
    pub d5: u32,
    pub a0: u32,
    pub a1: u32,
    pub a2: u32,
    /// The result.
    pub d0: u32,
    /// The system-call number.
    pub orig_d0: u32,
    /// Stack adjustment.
    pub stkadj: u32,
    /// Status register.
    pub sr: u16,
    /// PC.
    pub pc: u32,
    /// Frame format (4 bits) and vector offset (12 bits).
    pub format_vector: u16,
}

arg_registers!(PtRegs, M68k, u32: [d1 d2 d3 d4 d5 a0]);

impl ExportRegs for M68k {
    type Regs = PtRegs;
}

result_registers!(PtRegs, M68k: result [d0], second [], none);
