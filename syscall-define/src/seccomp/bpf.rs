//! Classic BPF as seccomp runs it: the instruction (`struct sock_filter`), the data it reads
//! (`struct seccomp_data`), an interpreter with the kernel's checks, and a disassembler.

use core::fmt;

/// One classic BPF instruction: Linux's `struct sock_filter` (`include/uapi/linux/filter.h`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SockFilter {
    /// Operation: class, size, mode / operation, source.
    pub code: u16,
    /// Jump offset if the condition is true.
    pub jt: u8,
    /// Jump offset if the condition is false.
    pub jf: u8,
    /// The operand.
    pub k: u32,
}

impl SockFilter {
    /// An instruction that is no jump.
    pub const fn stmt(code: u16, k: u32) -> Self {
        SockFilter {
            code,
            jt: 0,
            jf: 0,
            k,
        }
    }

    /// A conditional jump.
    pub const fn jump(code: u16, k: u32, jt: u8, jf: u8) -> Self {
        SockFilter { code, jt, jf, k }
    }
}

/// What a seccomp filter reads: Linux's `struct seccomp_data` (`include/uapi/linux/seccomp.h`),
/// in the kernel's byte order.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SeccompData {
    /// The system-call number, as the ABI's entry code received it (x32's carries its bit).
    pub nr: i32,
    /// The ABI's `AUDIT_ARCH_*` value.
    pub arch: u32,
    /// Where the call was made.
    pub instruction_pointer: u64,
    /// The six argument registers, whole: a 32-bit ABI's are zero-extended by its kernel.
    pub args: [u64; 6],
}

impl SeccompData {
    /// The size the kernel checks loads against.
    pub const SIZE: u32 = core::mem::size_of::<SeccompData>() as u32;

    /// The 32-bit word at byte offset `offset`, as `BPF_LD|BPF_W|BPF_ABS` reads it on a kernel
    /// of byte order `big_endian`. `None` for an offset the kernel's checker rejects.
    pub fn word(&self, offset: u32, big_endian: bool) -> Option<u32> {
        if !offset.is_multiple_of(4) || offset >= Self::SIZE {
            return None;
        }
        let field = |value: u64, at: u32| {
            // The low half comes first in memory on a little-endian kernel.
            let low_first = at.is_multiple_of(8) != big_endian;
            if low_first {
                value as u32
            } else {
                (value >> 32) as u32
            }
        };
        Some(match offset {
            0 => self.nr as u32,
            4 => self.arch,
            8 | 12 => field(self.instruction_pointer, offset - 8),
            _ => {
                let at = offset - 16;
                field(self.args[(at / 8) as usize], at)
            }
        })
    }
}

// The instruction classes and fields (`include/uapi/linux/bpf_common.h`).
/// `BPF_LD`.
pub const LD: u16 = 0x00;
/// `BPF_LDX`.
pub const LDX: u16 = 0x01;
/// `BPF_ST`.
pub const ST: u16 = 0x02;
/// `BPF_STX`.
pub const STX: u16 = 0x03;
/// `BPF_ALU`.
pub const ALU: u16 = 0x04;
/// `BPF_JMP`.
pub const JMP: u16 = 0x05;
/// `BPF_RET`.
pub const RET: u16 = 0x06;
/// `BPF_MISC`.
pub const MISC: u16 = 0x07;
/// `BPF_W`: a 32-bit load.
pub const W: u16 = 0x00;
/// `BPF_ABS`: a load from a constant offset.
pub const ABS: u16 = 0x20;
/// `BPF_IMM`.
pub const IMM: u16 = 0x00;
/// `BPF_MEM`: scratch memory.
pub const MEM: u16 = 0x60;
/// `BPF_LEN`.
pub const LEN: u16 = 0x80;
/// `BPF_K`: the operand is `k`.
pub const K: u16 = 0x00;
/// `BPF_X`: the operand is the X register.
pub const X: u16 = 0x08;
/// `BPF_A` (for `BPF_RET`).
pub const A: u16 = 0x10;
/// `BPF_ADD`.
pub const ADD: u16 = 0x00;
/// `BPF_SUB`.
pub const SUB: u16 = 0x10;
/// `BPF_MUL`.
pub const MUL: u16 = 0x20;
/// `BPF_DIV`.
pub const DIV: u16 = 0x30;
/// `BPF_OR`.
pub const OR: u16 = 0x40;
/// `BPF_AND`.
pub const AND: u16 = 0x50;
/// `BPF_LSH`.
pub const LSH: u16 = 0x60;
/// `BPF_RSH`.
pub const RSH: u16 = 0x70;
/// `BPF_NEG`.
pub const NEG: u16 = 0x80;
/// `BPF_MOD`.
pub const MOD: u16 = 0x90;
/// `BPF_XOR`.
pub const XOR: u16 = 0xa0;
/// `BPF_JA`: an unconditional jump by `k`.
pub const JA: u16 = 0x00;
/// `BPF_JEQ`.
pub const JEQ: u16 = 0x10;
/// `BPF_JGT` (unsigned).
pub const JGT: u16 = 0x20;
/// `BPF_JGE` (unsigned).
pub const JGE: u16 = 0x30;
/// `BPF_JSET`: jump if `A & k` is not 0.
pub const JSET: u16 = 0x40;
/// `BPF_TAX`.
pub const TAX: u16 = 0x00;
/// `BPF_TXA`.
pub const TXA: u16 = 0x80;

/// Linux's `BPF_MAXINSNS`: the longest program the kernel accepts.
pub const MAX_INSNS: usize = 4096;

/// Why [`run`] refused a program: what the kernel's `seccomp_check_filter` (or the classic BPF
/// checker) would refuse it for, or a program that runs off its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunError {
    /// The program is empty or longer than [`MAX_INSNS`].
    Length,
    /// Instruction `at` is one seccomp does not allow.
    Opcode {
        /// Its index.
        at: usize,
    },
    /// Instruction `at` loads outside `struct seccomp_data`, or not at a multiple of 4.
    Load {
        /// Its index.
        at: usize,
    },
    /// Instruction `at` jumps past the end, or execution ran off the end after it.
    Jump {
        /// Its index.
        at: usize,
    },
    /// Instruction `at` divides by a constant 0, or uses scratch memory past `M[15]`.
    Operand {
        /// Its index.
        at: usize,
    },
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Length => write!(f, "the program is empty or longer than {MAX_INSNS}"),
            RunError::Opcode { at } => write!(f, "instruction {at}: not allowed in seccomp"),
            RunError::Load { at } => write!(f, "instruction {at}: loads outside seccomp_data"),
            RunError::Jump { at } => write!(f, "instruction {at}: jumps past the end"),
            RunError::Operand { at } => write!(f, "instruction {at}: invalid operand"),
        }
    }
}

/// Runs `program` on `data` as the kernel does, on a kernel of byte order `big_endian`: the
/// action value it returns (`SECCOMP_RET_*` | data), and how many instructions ran.
///
/// This is the reference the tests and benches hold generated programs (and libseccomp's) to;
/// an emulator can use it to apply a guest's filter.
pub fn run(
    program: &[SockFilter],
    data: &SeccompData,
    big_endian: bool,
) -> Result<(u32, usize), RunError> {
    if program.is_empty() || program.len() > MAX_INSNS {
        return Err(RunError::Length);
    }
    let (mut a, mut x, mut mem) = (0u32, 0u32, [0u32; 16]);
    let mut pc = 0usize;
    let mut steps = 0usize;
    loop {
        let Some(insn) = program.get(pc) else {
            return Err(RunError::Jump {
                at: pc.saturating_sub(1),
            });
        };
        steps += 1;
        let at = pc;
        pc += 1;
        let operand = |x: u32| if insn.code & X != 0 { x } else { insn.k };
        match insn.code & 0x07 {
            LD | LDX => {
                let value = match insn.code & 0xe0 {
                    ABS if insn.code & 0x18 == W => {
                        data.word(insn.k, big_endian).ok_or(RunError::Load { at })?
                    }
                    IMM => insn.k,
                    MEM => *mem.get(insn.k as usize).ok_or(RunError::Operand { at })?,
                    LEN => SeccompData::SIZE,
                    _ => return Err(RunError::Opcode { at }),
                };
                if insn.code & 0x07 == LD {
                    a = value;
                } else {
                    x = value;
                }
            }
            ST | STX => {
                let slot = mem
                    .get_mut(insn.k as usize)
                    .ok_or(RunError::Operand { at })?;
                *slot = if insn.code & 0x07 == ST { a } else { x };
            }
            ALU => {
                let b = operand(x);
                a = match insn.code & 0xf0 {
                    ADD => a.wrapping_add(b),
                    SUB => a.wrapping_sub(b),
                    MUL => a.wrapping_mul(b),
                    DIV | MOD if b == 0 => return Err(RunError::Operand { at }),
                    DIV => a / b,
                    MOD => a % b,
                    OR => a | b,
                    AND => a & b,
                    XOR => a ^ b,
                    LSH => a.checked_shl(b).unwrap_or(0),
                    RSH => a.checked_shr(b).unwrap_or(0),
                    NEG => a.wrapping_neg(),
                    _ => return Err(RunError::Opcode { at }),
                };
            }
            JMP => {
                let offset = if insn.code & 0xf0 == JA {
                    insn.k as usize
                } else {
                    let b = operand(x);
                    let taken = match insn.code & 0xf0 {
                        JEQ => a == b,
                        JGT => a > b,
                        JGE => a >= b,
                        JSET => a & b != 0,
                        _ => return Err(RunError::Opcode { at }),
                    };
                    usize::from(if taken { insn.jt } else { insn.jf })
                };
                pc = pc.checked_add(offset).ok_or(RunError::Jump { at })?;
                if pc >= program.len() {
                    return Err(RunError::Jump { at });
                }
            }
            RET => {
                let value = match insn.code & 0x18 {
                    K => insn.k,
                    A => a,
                    _ => return Err(RunError::Opcode { at }),
                };
                return Ok((value, steps));
            }
            _ => {
                // MISC
                match insn.code & 0xf8 {
                    TAX => x = a,
                    TXA => a = x,
                    _ => return Err(RunError::Opcode { at }),
                }
            }
        }
    }
}

/// A program, one instruction a line, as `bpf_dbg` and libseccomp's `scmp_bpf_disasm` print it:
/// `0003: jeq #0xc000003e  jt 4  jf 9`, with jump targets as absolute lines.
pub struct Disassembly<'a>(pub &'a [SockFilter]);

impl fmt::Display for Disassembly<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (line, insn) in self.0.iter().enumerate() {
            write!(f, "{line:04}: ")?;
            let src = |f: &mut fmt::Formatter<'_>| {
                if insn.code & X != 0 {
                    f.write_str("x")
                } else {
                    write!(f, "#{:#x}", insn.k)
                }
            };
            match insn.code & 0x07 {
                LD | LDX => {
                    let name = if insn.code & 0x07 == LD { "ld" } else { "ldx" };
                    match insn.code & 0xe0 {
                        ABS => write!(f, "{name}  [{}]", insn.k)?,
                        IMM => write!(f, "{name}  #{:#x}", insn.k)?,
                        MEM => write!(f, "{name}  M[{}]", insn.k)?,
                        LEN => write!(f, "{name}  #len")?,
                        _ => write!(f, "?  {:#06x}", insn.code)?,
                    }
                }
                ST => write!(f, "st   M[{}]", insn.k)?,
                STX => write!(f, "stx  M[{}]", insn.k)?,
                ALU => {
                    let name = match insn.code & 0xf0 {
                        ADD => "add",
                        SUB => "sub",
                        MUL => "mul",
                        DIV => "div",
                        MOD => "mod",
                        OR => "or",
                        AND => "and",
                        XOR => "xor",
                        LSH => "lsh",
                        RSH => "rsh",
                        NEG => "neg",
                        _ => "?",
                    };
                    write!(f, "{name:<4} ")?;
                    if insn.code & 0xf0 != NEG {
                        src(f)?;
                    }
                }
                JMP if insn.code & 0xf0 == JA => {
                    write!(f, "ja   {}", line + 1 + insn.k as usize)?;
                }
                JMP => {
                    let name = match insn.code & 0xf0 {
                        JEQ => "jeq",
                        JGT => "jgt",
                        JGE => "jge",
                        JSET => "jset",
                        _ => "?",
                    };
                    write!(f, "{name:<4} ")?;
                    src(f)?;
                    write!(
                        f,
                        "  jt {}  jf {}",
                        line + 1 + usize::from(insn.jt),
                        line + 1 + usize::from(insn.jf)
                    )?;
                }
                RET if insn.code & 0x18 == A => f.write_str("ret  a")?,
                RET => write!(f, "ret  #{:#x}{}", insn.k, super::Action::describe(insn.k))?,
                _ => match insn.code & 0xf8 {
                    TAX => f.write_str("tax")?,
                    TXA => f.write_str("txa")?,
                    _ => write!(f, "?  {:#06x}", insn.code)?,
                },
            }
            f.write_str("\n")?;
        }
        Ok(())
    }
}
