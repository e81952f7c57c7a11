//! Shared helpers for the test suites: the real register captures in `fixtures/` (copied
//! unchanged from `shared/abi-fixtures`; see `fixtures/README.md`), loaded into plain structs and
//! into the facade's register files.
#![allow(missing_docs)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use syscall_define::regs::{arm, arm64, i386, x86_64};

/// One fixture file: every case captured on one ABI.
pub struct Fixture {
    pub abi: String,
    pub word_size_bytes: u32,
    pub cases: Vec<Case>,
}

/// One C call and the system call it made.
pub struct Case {
    pub id: u64,
    pub label: String,
    pub via: String,
    /// What the C program passed, as it printed it.
    pub passed: Vec<PassedArg>,
    pub syscall: Observed,
    /// The whole case, for anything not modelled here.
    pub json: Value,
}

/// One argument the C program passed.
pub struct PassedArg {
    pub name: String,
    pub ctype: String,
    /// `signed`, `unsigned` or `pointer`.
    pub kind: String,
    /// Size in bytes on this ABI.
    pub size: u32,
    /// The exact bit pattern at that size.
    pub bits: u64,
}

/// The system call observed between the case's markers.
pub struct Observed {
    pub nr: u64,
    pub name: String,
    /// The ABI's argument words in order (register name, value); mips o32 ends with the stack
    /// words `sp+16..sp+28`.
    pub arg_registers: Vec<(String, u64)>,
    /// The whole register file at the syscall instruction.
    pub all_registers: BTreeMap<String, u64>,
    /// The kernel's declaration of the entry point the ABI's table calls: (type, name).
    pub entry_point_args: Vec<(String, String)>,
}

pub fn hex(v: &Value) -> u64 {
    let s = v.as_str().unwrap_or_else(|| panic!("expected a hex string, got {v}"));
    u64::from_str_radix(s.trim_start_matches("0x"), 16).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

impl Fixture {
    /// Loads `fixtures/NAME.json` (`x86_64`, `i386`, `arm-eabi`, `mips-o32`, `ppc32`).
    pub fn load(name: &str) -> Fixture {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(format!("{name}.json"));
        let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json: Value = serde_json::from_str(&raw).unwrap();
        let cases = json["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|case| {
                let passed = case["passed_args"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| PassedArg {
                        name: text(&a["name"]),
                        ctype: text(&a["ctype"]),
                        kind: text(&a["kind"]),
                        size: a["size"].as_u64().unwrap() as u32,
                        bits: hex(&a["bits"]),
                    })
                    .collect();
                let sc = &case["syscalls"][0];
                let syscall = Observed {
                    nr: sc["nr"].as_u64().unwrap(),
                    name: text(&sc["name"]),
                    arg_registers: sc["arg_registers"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| (text(&r["reg"]), hex(&r["value"])))
                        .collect(),
                    all_registers: sc["all_registers"]
                        .as_object()
                        .unwrap()
                        .iter()
                        .map(|(k, v)| (k.clone(), hex(v)))
                        .collect(),
                    entry_point_args: sc["kernel"]["entry_point"]["args"]
                        .as_array()
                        .map(|args| {
                            args.iter().map(|a| (text(&a["type"]), text(&a["name"]))).collect()
                        })
                        .unwrap_or_default(),
                };
                Case {
                    id: case["id"].as_u64().unwrap(),
                    label: text(&case["label"]),
                    via: text(&case["via"]),
                    passed,
                    syscall,
                    json: case.clone(),
                }
            })
            .collect();
        Fixture {
            abi: text(&json["abi"]),
            word_size_bytes: json["word_size_bytes"].as_u64().unwrap() as u32,
            cases,
        }
    }

    /// The case with this id.
    pub fn case(&self, id: u64) -> &Case {
        self.cases.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("{}: no case {id}", self.abi))
    }
}

impl Case {
    /// The passed argument named `name`.
    pub fn passed(&self, name: &str) -> &PassedArg {
        self.passed
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("case {} ({}): no passed argument `{name}`", self.id, self.label))
    }

    /// The passed arguments the C library forwarded to the kernel: `raw syscall()` cases drop
    /// their leading `number`.
    pub fn forwarded(&self) -> &[PassedArg] {
        match self.passed.first() {
            Some(first) if self.via == "raw syscall()" && first.name == "number" => &self.passed[1..],
            _ => &self.passed,
        }
    }

    fn reg(&self, name: &str) -> u64 {
        *self
            .syscall
            .all_registers
            .get(name)
            .unwrap_or_else(|| panic!("case {}: no register {name}", self.id))
    }

    /// x86-64 captures: the `pt_regs` the kernel saw.
    pub fn x86_64_regs(&self) -> x86_64::PtRegs {
        x86_64::PtRegs {
            di: self.reg("rdi"),
            si: self.reg("rsi"),
            dx: self.reg("rdx"),
            r10: self.reg("r10"),
            r8: self.reg("r8"),
            r9: self.reg("r9"),
            ax: self.reg("rax"),
            cx: self.reg("rcx"),
            r11: self.reg("r11"),
            orig_ax: self.reg("orig_rax"),
            ip: self.reg("rip"),
            sp: self.reg("rsp"),
            flags: self.reg("eflags"),
            ..Default::default()
        }
    }

    /// i386 captures, as a 32-bit kernel's `pt_regs`.
    pub fn i386_regs(&self) -> i386::PtRegs {
        let r = |n: &str| self.reg(n) as u32;
        i386::PtRegs {
            bx: r("ebx"),
            cx: r("ecx"),
            dx: r("edx"),
            si: r("esi"),
            di: r("edi"),
            bp: r("ebp"),
            ax: r("eax"),
            orig_ax: r("orig_eax"),
            ip: r("eip"),
            sp: r("esp"),
            flags: r("eflags"),
            ..Default::default()
        }
    }

    /// i386 captures, as the x86-64 `pt_regs` of a 32-bit process on a 64-bit kernel (IA32
    /// emulation). `upper` is put in the upper half of every register: the capture saw zeros
    /// there, and decoding must not depend on it.
    pub fn ia32_on_x86_64_regs(&self, upper: u32) -> x86_64::PtRegs {
        let r = |n: &str| (u64::from(upper) << 32) | (self.reg(n) & 0xffff_ffff);
        x86_64::PtRegs {
            bx: r("ebx"),
            cx: r("ecx"),
            dx: r("edx"),
            si: r("esi"),
            di: r("edi"),
            bp: r("ebp"),
            ax: r("eax"),
            orig_ax: r("orig_eax"),
            ip: r("eip"),
            sp: r("esp"),
            flags: r("eflags"),
            ..Default::default()
        }
    }

    /// arm EABI captures, as a 32-bit ARM kernel's `pt_regs`.
    pub fn arm_regs(&self) -> arm::PtRegs {
        let mut regs = arm::PtRegs::default();
        for n in 0..=12 {
            regs.uregs[n] = self.reg(&format!("r{n}")) as u32;
        }
        regs.uregs[13] = self.reg("sp") as u32;
        regs.uregs[14] = self.reg("lr") as u32;
        regs.uregs[15] = self.reg("pc") as u32;
        regs.uregs[16] = self.reg("cpsr") as u32;
        regs.uregs[arm::PtRegs::ORIG_R0] = self.reg("r0") as u32;
        regs
    }

    /// arm EABI captures, as the arm64 `pt_regs` of an AArch32 process (`rN` is `regs[N]`), with
    /// `upper` in the upper half of every register.
    pub fn arm_on_arm64_regs(&self, upper: u32) -> arm64::PtRegs {
        let mut regs = arm64::PtRegs::default();
        for n in 0..=12 {
            regs.regs[n] = (u64::from(upper) << 32) | self.reg(&format!("r{n}"));
        }
        regs.regs[13] = (u64::from(upper) << 32) | self.reg("sp");
        regs.regs[14] = (u64::from(upper) << 32) | self.reg("lr");
        regs.pc = self.reg("pc");
        regs.orig_x0 = regs.regs[0];
        regs.syscallno = self.reg("r7") as i32;
        regs
    }

    /// The argument words in ABI slot order, as captured.
    pub fn arg_words(&self) -> Vec<u64> {
        self.syscall.arg_registers.iter().map(|(_, v)| *v).collect()
    }
}

impl PassedArg {
    /// The value sign- or zero-extended from its size to 64 bits, as a C compiler converts it to
    /// a wider type of the same signedness.
    pub fn value(&self) -> u64 {
        let bits = self.size * 8;
        if bits >= 64 || self.kind != "signed" {
            self.bits
        } else {
            let shift = 64 - bits;
            (((self.bits << shift) as i64) >> shift) as u64
        }
    }
}
