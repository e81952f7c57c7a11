//! Register files built from a capture: every register the fixture recorded, put where that
//! kernel's `pt_regs` keeps it, and what the entry code itself changes before a stub runs (the
//! first argument's saved copy, the result register preset to -ENOSYS, mips o32's stack words
//! copied in). `upper` goes into the upper half of every register of a 64-bit register file
//! that holds a 32-bit process: the capture saw zeros there, and decoding must not depend on it.

use syscall_define::regs::{
    arm, arm64, i386, loongarch64, m68k, mips, mips64, parisc, parisc64, ppc32, ppc64, riscv32,
    riscv64, s390x, sparc32, sparc64, x86_64,
};

use crate::Case;

/// -ENOSYS, which riscv and s390 write over the first argument's register at entry.
const ENOSYS: u64 = (-38i64) as u64;

/// A register file that can be filled from a fixture's capture.
pub trait FromCapture: Sized {
    /// The register file the kernel saved for `case` of `fixture`, with `upper` in the upper
    /// half of each register if the capture is of a 32-bit process on this 64-bit file.
    fn from_capture(fixture: &str, case: &Case, upper: u32) -> Self;
}

/// `value` with `upper` in its upper half when a 32-bit capture lands in a 64-bit register.
fn widen(case: &Case, name: &str, upper: u32) -> u64 {
    (u64::from(upper) << 32) | (case.reg(name) & 0xffff_ffff)
}

/// The capture's argument word `slot` (mips o32's stack words included).
fn arg_word(case: &Case, slot: usize) -> u64 {
    case.syscall.arg_registers[slot].1
}

impl FromCapture for x86_64::PtRegs {
    fn from_capture(fixture: &str, case: &Case, upper: u32) -> Self {
        match fixture {
            "x86_64" => case.x86_64_regs(),
            "i386" => case.ia32_on_x86_64_regs(upper),
            other => panic!("x86_64::PtRegs from {other}"),
        }
    }
}

impl FromCapture for i386::PtRegs {
    fn from_capture(_: &str, case: &Case, _: u32) -> Self {
        case.i386_regs()
    }
}

impl FromCapture for arm::PtRegs {
    fn from_capture(_: &str, case: &Case, _: u32) -> Self {
        case.arm_regs()
    }
}

impl FromCapture for arm64::PtRegs {
    fn from_capture(fixture: &str, case: &Case, upper: u32) -> Self {
        if fixture != "aarch64" {
            return case.arm_on_arm64_regs(upper);
        }
        let mut regs = arm64::PtRegs::default();
        for n in 0..31 {
            regs.regs[n] = case.reg(&format!("x{n}"));
        }
        regs.sp = case.reg("sp");
        regs.pc = case.reg("pc");
        regs.pstate = case.reg("cpsr");
        // el0_svc_common: `regs->orig_x0 = regs->regs[0]; regs->syscallno = scno;`.
        regs.orig_x0 = regs.regs[0];
        regs.syscallno = case.reg("x8") as i32;
        regs
    }
}

/// RISC-V's integer registers in `pt_regs` order after `epc`.
const RISCV: [&str; 31] = [
    "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0", "a1", "a2", "a3", "a4", "a5", "a6",
    "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
];

impl FromCapture for riscv64::PtRegs {
    fn from_capture(_: &str, case: &Case, _: u32) -> Self {
        let r = |n: &str| case.reg(n);
        let mut regs = riscv64::PtRegs {
            epc: r("pc"),
            ra: r("ra"),
            sp: r("sp"),
            gp: r("gp"),
            tp: r("tp"),
            t0: r("t0"),
            t1: r("t1"),
            t2: r("t2"),
            s0: r("fp"),
            s1: r("s1"),
            a0: r("a0"),
            a1: r("a1"),
            a2: r("a2"),
            a3: r("a3"),
            a4: r("a4"),
            a5: r("a5"),
            a6: r("a6"),
            a7: r("a7"),
            s2: r("s2"),
            s3: r("s3"),
            s4: r("s4"),
            s5: r("s5"),
            s6: r("s6"),
            s7: r("s7"),
            s8: r("s8"),
            s9: r("s9"),
            s10: r("s10"),
            s11: r("s11"),
            t3: r("t3"),
            t4: r("t4"),
            t5: r("t5"),
            t6: r("t6"),
            ..Default::default()
        };
        assert_eq!(RISCV.len(), 31);
        // do_trap_ecall_u: `regs->orig_a0 = regs->a0; regs->a0 = -ENOSYS;` (at the exit, a0
        // is the result).
        if !case.at_exit {
            regs.orig_a0 = regs.a0;
            regs.a0 = ENOSYS;
        }
        regs
    }
}

impl FromCapture for riscv32::PtRegs {
    fn from_capture(fixture: &str, _: &Case, _: u32) -> Self {
        panic!("no riscv32 capture ({fixture})")
    }
}

impl FromCapture for loongarch64::PtRegs {
    fn from_capture(fixture: &str, _: &Case, _: u32) -> Self {
        panic!("no loongarch64 capture ({fixture})")
    }
}

impl FromCapture for sparc32::PtRegs {
    fn from_capture(fixture: &str, _: &Case, _: u32) -> Self {
        panic!("no sparc32 capture ({fixture})")
    }
}

/// MIPS register names, `$0..$31`, as the o32 and n64/n32 captures name them.
fn mips_names(fixture: &str) -> [&'static str; 32] {
    let o32 = [
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4", "t5", "t6",
        "t7", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1", "gp", "sp",
        "s8", "ra",
    ];
    let n64 = [
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "t0", "t1", "t2",
        "t3", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1", "gp", "sp",
        "s8", "ra",
    ];
    if fixture.starts_with("mips64") {
        n64
    } else {
        o32
    }
}

/// A MIPS register of the capture, or 0 for k0/k1, which user space does not see.
fn mips_reg(case: &Case, name: &str) -> u64 {
    case.syscall.all_registers.get(name).copied().unwrap_or(0)
}

impl FromCapture for mips::PtRegs {
    fn from_capture(fixture: &str, case: &Case, _: u32) -> Self {
        let mut regs = mips::PtRegs::default();
        for (n, name) in mips_names(fixture).iter().enumerate() {
            regs.regs[n] = mips_reg(case, name) as u32;
        }
        regs.cp0_epc = case.reg("pc") as u32;
        // scall32-o32.S copies arguments 5..8 from sp+16..sp+28 to the save area.
        for n in 4..8 {
            regs.args[n] = arg_word(case, n) as u32;
        }
        regs
    }
}

impl FromCapture for mips64::PtRegs {
    fn from_capture(fixture: &str, case: &Case, upper: u32) -> Self {
        let mut regs = mips64::PtRegs::default();
        let o32 = !fixture.starts_with("mips64");
        for (n, name) in mips_names(fixture).iter().enumerate() {
            regs.regs[n] = if o32 {
                (u64::from(upper) << 32) | (mips_reg(case, name) & 0xffff_ffff)
            } else {
                mips_reg(case, name)
            };
        }
        regs.cp0_epc = case.reg("pc");
        if o32 {
            // scall64-o32.S loads arguments 5..8 from the user stack into a4..a7.
            for n in 4..8 {
                regs.regs[4 + n] = (u64::from(upper) << 32) | arg_word(case, n);
            }
        }
        regs
    }
}

impl FromCapture for ppc32::PtRegs {
    fn from_capture(_: &str, case: &Case, _: u32) -> Self {
        let mut regs = ppc32::PtRegs::default();
        for n in 0..32 {
            regs.gpr[n] = case.reg(&format!("r{n}")) as u32;
        }
        regs.nip = case.reg("pc") as u32;
        regs.msr = case.reg("msr") as u32;
        regs.orig_gpr3 = regs.gpr[3];
        regs.ctr = case.reg("ctr") as u32;
        regs.link = case.reg("lr") as u32;
        regs.xer = case.reg("xer") as u32;
        regs.ccr = case.reg("cr") as u32;
        regs
    }
}

impl FromCapture for ppc64::PtRegs {
    fn from_capture(fixture: &str, case: &Case, upper: u32) -> Self {
        let r = |name: &str| {
            if fixture == "ppc32" {
                widen(case, name, upper)
            } else {
                case.reg(name)
            }
        };
        let mut regs = ppc64::PtRegs::default();
        for n in 0..32 {
            regs.gpr[n] = r(&format!("r{n}"));
        }
        regs.nip = r("pc");
        regs.msr = case.reg("msr");
        regs.orig_gpr3 = regs.gpr[3];
        regs.ctr = r("ctr");
        regs.link = r("lr");
        regs.xer = r("xer");
        regs.ccr = case.reg("cr");
        regs
    }
}

impl FromCapture for s390x::PtRegs {
    fn from_capture(_: &str, case: &Case, _: u32) -> Self {
        let mut regs = s390x::PtRegs {
            psw_mask: case.reg("pswm"),
            psw_addr: case.reg("pswa"),
            ..Default::default()
        };
        for n in 0..16 {
            regs.gprs[n] = case.reg(&format!("r{n}"));
        }
        // __do_syscall: `regs->orig_gpr2 = regs->gprs[2]`, then r2 holds the number, then
        // -ENOSYS.
        if !case.at_exit {
            regs.orig_gpr2 = regs.gprs[2];
            regs.gprs[2] = ENOSYS;
        }
        regs.int_code = case.syscall.nr as u32 & 0xffff;
        regs
    }
}

impl FromCapture for sparc64::PtRegs {
    fn from_capture(_: &str, case: &Case, _: u32) -> Self {
        let mut regs = sparc64::PtRegs::default();
        for n in 0..8 {
            regs.u_regs[n] = case.reg(&format!("g{n}"));
        }
        // The trap window's %i registers are the user's %o registers (%o6 is `sp`).
        for (n, name) in ["o0", "o1", "o2", "o3", "o4", "o5", "sp", "o7"]
            .iter()
            .enumerate()
        {
            regs.u_regs[8 + n] = case.reg(name);
        }
        regs.tstate = case.reg("state");
        regs.tpc = case.reg("pc");
        regs.tnpc = case.reg("npc");
        regs.y = case.reg("y") as u32;
        regs
    }
}

/// PA-RISC's general registers as the hppa capture names them (`gr[0]` is the PSW, not
/// captured).
fn parisc_names() -> [&'static str; 31] {
    [
        "r1", "rp", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "r13", "r14",
        "r15", "r16", "r17", "r18", "r19", "r20", "r21", "r22", "r23", "r24", "r25", "r26", "dp",
        "ret0", "ret1", "sp", "r31",
    ]
}

impl FromCapture for parisc::PtRegs {
    fn from_capture(_: &str, case: &Case, _: u32) -> Self {
        let mut regs = parisc::PtRegs::default();
        for (n, name) in parisc_names().iter().enumerate() {
            regs.gr[n + 1] = case.reg(name) as u32;
        }
        regs.sar = case.reg("sar") as u32;
        regs.iaoq = [case.reg("pcoqh") as u32, case.reg("pcoqt") as u32];
        regs
    }
}

impl FromCapture for parisc64::PtRegs {
    fn from_capture(_: &str, case: &Case, upper: u32) -> Self {
        let mut regs = parisc64::PtRegs::default();
        for (n, name) in parisc_names().iter().enumerate() {
            regs.gr[n + 1] = widen(case, name, upper);
        }
        regs.sar = case.reg("sar");
        regs.iaoq = [case.reg("pcoqh"), case.reg("pcoqt")];
        regs
    }
}

impl FromCapture for m68k::PtRegs {
    fn from_capture(_: &str, case: &Case, _: u32) -> Self {
        let r = |n: &str| case.reg(n) as u32;
        m68k::PtRegs {
            d1: r("d1"),
            d2: r("d2"),
            d3: r("d3"),
            d4: r("d4"),
            d5: r("d5"),
            a0: r("a0"),
            a1: r("a1"),
            a2: r("a2"),
            // The entry code saves d0, the number, in both; the result goes into d0 at the exit.
            d0: r("d0"),
            orig_d0: r("d0"),
            stkadj: 0,
            sr: case.reg("ps") as u16,
            pc: r("pc"),
            format_vector: 0,
        }
    }
}
