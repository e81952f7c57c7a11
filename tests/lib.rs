//! Shared helpers for the test suites: the real register captures in `fixtures/` (copied
//! unchanged from `shared/abi-fixtures`; see `fixtures/README.md`), loaded into plain structs and
//! into the facade's register files.
#![allow(missing_docs)]

pub mod capture;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use syscall_define::regs::{arm, arm64, i386, x86_64};

/// One fixture file: every case captured on one ABI.
pub struct Fixture {
    pub abi: String,
    /// User space's C `long` and pointer size.
    pub word_size_bytes: u32,
    /// The register size, where it differs (mips n32: 8).
    pub register_size_bytes: Option<u32>,
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
    /// The system call under test (`syscalls[]` without m68k's incidental `get_thread_area`s).
    pub sc: Value,
    /// Whether `syscall.all_registers` are the registers after the call (see [`Case::after`]).
    pub at_exit: bool,
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
    /// qemu ABIs: the registers right after the syscall instruction (`registers_after`).
    pub registers_after: Option<BTreeMap<String, u64>>,
    /// x86: the real kernel's result at the exit stop (`kernel_return`: rval, is_error).
    pub kernel_return: Option<(i64, bool)>,
}

/// The message of a caught panic (`catch_unwind`'s payload): a test that runs every case
/// collects the failures and reports them together.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

pub fn hex(v: &Value) -> u64 {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("expected a hex string, got {v}"));
    u64::from_str_radix(s.trim_start_matches("0x"), 16).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

impl Fixture {
    /// Loads `fixtures/NAME.json` (`x86_64`, `i386`, `arm-eabi`, `mips-o32`, `ppc32`).
    pub fn load(name: &str) -> Fixture {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(format!("{name}.json"));
        let raw =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
                // m68k: "every case also holds 1-4 of those (marked `incidental`)".
                let sc = case["syscalls"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|sc| sc.get("incidental").is_none())
                    .unwrap_or_else(|| panic!("case {}: only incidental syscalls", case["id"]));
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
                            args.iter()
                                .map(|a| (text(&a["type"]), text(&a["name"])))
                                .collect()
                        })
                        .unwrap_or_default(),
                    registers_after: sc["registers_after"]
                        .as_object()
                        .map(|regs| regs.iter().map(|(k, v)| (k.clone(), hex(v))).collect()),
                    kernel_return: sc["kernel_return"].as_object().map(|r| {
                        (
                            r["rval"].as_i64().unwrap(),
                            r["is_error"].as_u64().unwrap() != 0,
                        )
                    }),
                };
                Case {
                    id: case["id"].as_u64().unwrap(),
                    label: text(&case["label"]),
                    via: text(&case["via"]),
                    passed,
                    syscall,
                    json: case.clone(),
                    sc: sc.clone(),
                    at_exit: false,
                }
            })
            .collect();
        Fixture {
            abi: text(&json["abi"]),
            word_size_bytes: json["word_size_bytes"].as_u64().unwrap() as u32,
            register_size_bytes: json["register_size_bytes"].as_u64().map(|b| b as u32),
            cases,
        }
    }

    /// The width of the kernel's `long` for this ABI's system calls: the register size where the
    /// fixture gives one (mips n32: "Decoding uses the kernel's sizes (`kernel_word` 8)"), else
    /// user space's word.
    pub fn kernel_word_bits(&self) -> u32 {
        self.register_size_bytes.unwrap_or(self.word_size_bytes) * 8
    }

    /// The case with this id.
    pub fn case(&self, id: u64) -> &Case {
        self.cases
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{}: no case {id}", self.abi))
    }
}

impl Case {
    /// The passed argument named `name`.
    pub fn passed(&self, name: &str) -> &PassedArg {
        self.passed
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| {
                panic!(
                    "case {} ({}): no passed argument `{name}`",
                    self.id, self.label
                )
            })
    }

    /// The passed arguments the C library forwarded to the kernel: `raw syscall()` cases drop
    /// their leading `number`.
    pub fn forwarded(&self) -> &[PassedArg] {
        match self.passed.first() {
            Some(first) if self.via == "raw syscall()" && first.name == "number" => {
                &self.passed[1..]
            }
            _ => &self.passed,
        }
    }

    pub fn reg(&self, name: &str) -> u64 {
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

    /// The same case with the registers recorded right after the system call in place of those
    /// at its entry (qemu ABIs; `None` where the capture has none).
    pub fn after(&self) -> Option<Case> {
        let after = self.syscall.registers_after.clone()?;
        Some(Case {
            id: self.id,
            label: self.label.clone(),
            via: self.via.clone(),
            passed: Vec::new(),
            syscall: Observed {
                nr: self.syscall.nr,
                name: self.syscall.name.clone(),
                arg_registers: self.syscall.arg_registers.clone(),
                all_registers: after,
                entry_point_args: Vec::new(),
                registers_after: None,
                kernel_return: None,
            },
            json: Value::Null,
            sc: self.sc.clone(),
            at_exit: true,
        })
    }

    /// The registers at entry of the run that recorded `registers_after`: the capture's, with
    /// the values that differed in that second run (`after_run_entry_differences`: the mips
    /// stack-protector canary in v1 and sp+28, fixtures README "A second run").
    pub fn entry_of_after_run(&self) -> Case {
        let mut all_registers = self.syscall.all_registers.clone();
        let mut arg_registers = self.syscall.arg_registers.clone();
        if let Some(differences) = self.sc["after_run_entry_differences"].as_object() {
            for (reg, values) in differences {
                let value = hex(&values["after_run"]);
                if let Some(r) = all_registers.get_mut(reg) {
                    *r = value;
                }
                for (name, word) in &mut arg_registers {
                    if name == reg {
                        *word = value;
                    }
                }
            }
        }
        Case {
            id: self.id,
            label: self.label.clone(),
            via: self.via.clone(),
            passed: Vec::new(),
            syscall: Observed {
                nr: self.syscall.nr,
                name: self.syscall.name.clone(),
                arg_registers,
                all_registers,
                entry_point_args: Vec::new(),
                registers_after: self.syscall.registers_after.clone(),
                kernel_return: self.syscall.kernel_return,
            },
            json: self.json.clone(),
            sc: self.sc.clone(),
            at_exit: false,
        }
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
// ---------------------------------------------------------------------------------------------
// The oracle shared by `conformance.rs` and `allocator_fixtures.rs`: what each kernel argument
// must hold, computed from what the C program passed (`passed_args`), never from the registers.
// Every rule that is not "the passed value, converted to the kernel's declared type" is written
// out below, citing `fixtures/README.md`.
// ---------------------------------------------------------------------------------------------

/// `O_LARGEFILE` as glibc's `openat64` adds it to the flags on each fixture's ABI.
///
/// README, "All 32-bit ABIs": "`openat64` adds `O_LARGEFILE` to the flags: 0x8000 (i386),
/// 0x20000 (arm, armel, m68k), 0x2000 (mips, mipsel, and n32), 0x10000 (ppc), 0x800 (hppa)".
/// The 64-bit ABIs: none (x86_64 case 5 passes 0x30000 and rdx holds 0x30000; a 64-bit kernel
/// forces large files itself).
pub fn o_largefile(fixture_abi: &str) -> u64 {
    match fixture_abi {
        "x86_64" | "aarch64" | "riscv64" | "s390x" | "ppc64" | "ppc64le" | "mips64-n64"
        | "sparc64" => 0,
        "i386" => 0x8000,
        "arm-eabi" | "armel-eabi" | "m68k" => 0x2_0000,
        "mips-o32" | "mipsel-o32" | "mips64-n32" => 0x2000,
        "ppc32" => 0x1_0000,
        "hppa" => 0x800,
        other => panic!("no O_LARGEFILE known for fixture ABI `{other}`"),
    }
}

/// The register that holds the stack pointer at the syscall instruction, by fixture ABI.
pub fn stack_pointer_register(fixture_abi: &str) -> &'static str {
    match fixture_abi {
        "x86_64" => "rsp",
        "i386" => "esp",
        "ppc32" | "ppc64" | "ppc64le" => "r1",
        "s390x" => "r15",
        _ => "sp",
    }
}

/// The kernel's declaration of `case`'s system call, in declaration order, as `(name, C type)`,
/// and the register order when the ABI's entry point reorders the generic declaration.
pub fn declaration(fixture: &Fixture, case: &Case) -> (Vec<(String, String)>, Option<Vec<u8>>) {
    let kernel = &case.sc["kernel"];
    let args = |v: &Value| -> Vec<(String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|a| (text(&a["name"]), text(&a["type"])))
            .collect()
    };
    let entry = &kernel["entry_point"];
    let entry_names: Vec<String> = args(&entry["args"]).into_iter().map(|(n, _)| n).collect();
    match (fixture.abi.as_str(), case.id) {
        // README (mips o32): "`posix_fadvise[64]` → 4254 … The kernel table names 4254
        // `fadvise64`, but its entry is `sys_fadvise64_64` (both lengths are 64-bit)". The
        // generic `kernel.args` is `sys_fadvise64`'s (`size_t len`); the entry point's
        // declaration (`loff_t len`) is the one the registers follow.
        ("mips-o32" | "mipsel-o32", 29) => {
            assert_eq!(entry["symbol"], "sys_fadvise64_64");
            (args(&entry["args"]), None)
        }
        // README (ppc32): "`posix_fadvise64` → **fadvise64_64 (254)**: fd r3, **advice r4**,
        // offset r5:r6, len r7:r8. The entry is `sys_ppc_fadvise64_64(fd, advice, offset_high,
        // offset_low, len_high, len_low)`". The generic declaration is (fd, offset, len, advice):
        // allocate it in the entry point's register order (fd, advice, offset, len).
        ("ppc32", 29) => {
            assert_eq!(entry["symbol"], "sys_ppc_fadvise64_64");
            assert_eq!(
                &entry_names[..2],
                ["fd", "advice"],
                "the entry puts advice second"
            );
            let generic = args(&kernel["args"]);
            let names: Vec<&str> = generic.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, ["fd", "offset", "len", "advice"]);
            (generic, Some(vec![0, 3, 1, 2]))
        }
        // README (mips64 n64): "mmap 5009 = `sys_mips_mmap` (byte offset in a5)": the generic
        // `kernel.args` is asm-generic's `sys_mmap(…, pgoff)`; the entry's is `off_t offset`.
        ("mips64-n64" | "mips64-n32", 17 | 18) => {
            assert_eq!(entry["symbol"], "sys_mips_mmap");
            (args(&entry["args"]), None)
        }
        // mips n32 runs on a 64-bit kernel, so where its table calls a `compat_sys_*` entry that
        // entry's compat types are what the registers mean (`compat_ulong_t arg`, `u32
        // pos_low`): README "preadv/pwritev(2) → `compat_sys_preadv(..., u32 pos_low, u32
        // pos_high)`".
        ("mips64-n32", _) if text(&entry["symbol"]).starts_with("compat_sys_") => {
            (args(&entry["args"]), None)
        }
        // Everywhere else `kernel.args` is the kernel's declaration in register order: the
        // generic `SYSCALL_DEFINE` where the entry point only spells each 64-bit value as u32
        // halves (i386 `sys_ia32_*`, ppc `sys_ppc_*`, hppa `parisc_*`: one 64-bit argument here,
        // padding left to the allocator), and the entry point itself where it reorders (arm
        // `arm_fadvise64_64`, `sync_file_range2` on arm and ppc).
        _ => (args(&kernel["args"]), None),
    }
}

/// The register name a fixture gives ABI `abi`'s argument slot `slot_name` (the fixtures name
/// registers as user space does; the model names them as the kernel reads them).
pub fn capture_register(abi_name: &str, slot_name: &str) -> String {
    match (abi_name, slot_name) {
        // x86_64::PtRegs `di si dx r10 r8 r9` ↔ `rdi rsi rdx r10 r8 r9`.
        ("x86_64", s) if !s.starts_with('r') => format!("r{s}"),
        // ia32 `bx cx dx si di bp` ↔ `ebx ecx edx esi edi ebp`.
        ("ia32", s) => format!("e{s}"),
        // arm64 `regs[N]` ↔ `xN`.
        ("aarch64", s) if s.starts_with("regs[") => {
            format!("x{}", s.trim_start_matches("regs[").trim_end_matches(']'))
        }
        // The kernel's saved copy of the first argument register.
        (_, "orig_a0") => "a0".to_string(),
        (_, "orig_gpr2") => "r2".to_string(),
        (_, s) => s.to_string(),
    }
}

/// The value each kernel argument of `case` must hold, keyed by the argument names of the
/// kernel's declaration (`syscalls[0].kernel.args`), as the C value *before* conversion to the
/// declared type (a caller's `int` -1 is `u64::MAX` here; converting it to `unsigned int` is the
/// test's job, done by the declared type).
///
/// Two kernel arguments are pointers glibc chose, not values the program passed; their expected
/// values come from the capture, each with a property checked here:
/// - i386 `socketcall`'s `args` (README: "`sendto` → socketcall(11, args) … ecx points to a
///   6-word block on the stack; the block is recorded"): the recorded `socketcall_block_addr`,
///   after checking that the recorded block's six words are the six passed arguments.
/// - `_llseek`'s `result` (a pointer to glibc's local `loff_t`): the capture tool's decoded
///   value, after checking that it lies in the caller's stack, `[sp, sp + 4 KiB)`.
pub fn expected_kernel_args(fixture: &Fixture, case: &Case) -> Vec<(&'static str, u64)> {
    let abi = fixture.abi.as_str();
    let word_bits = fixture.kernel_word_bits();
    let word_mask = if word_bits >= 64 {
        u64::MAX
    } else {
        (1u64 << word_bits) - 1
    };
    let p = |name: &str| case.passed(name).value();
    let sc = &case.sc;
    let table_name = sc["name"].as_str().unwrap_or_default();
    // A memory block of argument words the capture recorded (`key`) holds the values glibc was
    // passed under `names`; the argument is then the block's recorded address (`key_addr`).
    let block_address = |key: &str, names: &[&str], what: &str| -> u64 {
        let block: Vec<u64> = sc[key]
            .as_array()
            .unwrap_or_else(|| panic!("case {}: no {key} recorded", case.id))
            .iter()
            .map(hex)
            .collect();
        let passed: Vec<u64> = names.iter().map(|name| p(name) & word_mask).collect();
        assert_eq!(block, passed, "case {} ({abi}): {what}", case.id);
        hex(&sc[format!("{key}_addr").as_str()])
    };
    match case.id {
        1 | 2 => vec![("fd", p("fd")), ("buf", p("buf")), ("count", p("count"))],
        3 => vec![
            ("dfd", p("dirfd")),
            ("filename", p("pathname")),
            ("flags", p("flags")),
            ("mode", p("mode")),
        ],
        // README: "openat without O_CREAT: glibc passes mode **0**" ("Without O_CREAT the mode
        // register is 0" on the 32-bit ABIs).
        4 => vec![
            ("dfd", p("dirfd")),
            ("filename", p("pathname")),
            ("flags", p("flags")),
            ("mode", 0),
        ],
        // README: "`openat64` adds `O_LARGEFILE` to the flags" (see `o_largefile`); no mode.
        5 => vec![
            ("dfd", p("dirfd")),
            ("filename", p("pathname")),
            ("flags", p("flags") | o_largefile(abi)),
            ("mode", 0),
        ],
        // README (x86_64): "An ioctl request sign-extended by the caller keeps its upper bits
        // (`rsi=0xffffffff80045430`); the kernel's `unsigned int cmd` drops them."
        6 | 7 => vec![
            ("fd", p("fd")),
            ("cmd", p("request") & 0xffff_ffff),
            ("arg", p("argp")),
        ],
        8 => vec![("start", p("addr")), ("len", p("len")), ("prot", p("prot"))],
        9 => vec![
            ("start", p("addr")),
            ("len_in", p("length")),
            ("behavior", p("advice")),
        ],
        // A raw syscall(): the leading `number` is syscall()'s, not the kernel's.
        10 => vec![
            ("uaddr", p("uaddr")),
            ("op", p("futex_op")),
            ("val", p("val")),
            ("utime", p("timeout")),
            ("uaddr2", p("uaddr2")),
            ("val3", p("val3")),
        ],
        // README (i386): "`sendto` → **socketcall(11, args)** (102) … ecx points to a 6-word
        // block on the stack; the block is recorded, and it matches." 11 is SYS_SENDTO.
        11 if table_name == "socketcall" => {
            let args = block_address(
                "socketcall_block",
                &["sockfd", "buf", "len", "flags", "dest_addr", "addrlen"],
                "the socketcall block must hold the six sendto arguments",
            );
            vec![("call", 11), ("args", args)]
        }
        11 => vec![
            ("fd", p("sockfd")),
            ("buff", p("buf")),
            ("len", p("len")),
            ("flags", p("flags")),
            ("addr", p("dest_addr")),
            ("addr_len", p("addrlen")),
        ],
        12 => vec![("fd", p("fd"))],
        13 => vec![
            ("oldfd", p("oldfd")),
            ("newfd", p("newfd")),
            ("flags", p("flags")),
        ],
        14 => vec![("fd", p("fd")), ("user", p("owner")), ("group", p("group"))],
        15 => vec![
            ("dfd", p("dirfd")),
            ("filename", p("pathname")),
            ("user", p("owner")),
            ("group", p("group")),
            ("flag", p("flags")),
        ],
        // README: "`lseek` and `lseek64` → `_llseek` (140); ecx = offset_high, edx = offset_low"
        // and "`_llseek` always takes the explicit (high, low) pair": the halves of the offset,
        // sign-extended to 64 bits first (an `off_t` -2 has high half 0xffffffff). ppc64 and
        // sparc64 use `_llseek` too, "with o1 = offset >> 32 and o2 = the whole offset".
        16 | 37 if table_name == "_llseek" => {
            let offset = p("offset");
            vec![
                ("fd", p("fd")),
                ("offset_high", offset >> 32),
                ("offset_low", offset & word_mask),
                ("result", glibc_stack_pointer_arg(fixture, case, "result")),
                ("whence", p("whence")),
            ]
        }
        16 | 37 => vec![
            ("fd", p("fd")),
            ("offset", p("offset")),
            ("whence", p("whence")),
        ],
        // README (s390x): "`mmap`/`mmap64` → **mmap 90 = sys_old_mmap**: r2 → `struct
        // mmap_arg_struct` {addr, len, prot, flags, fd, offset} (offset in bytes)": the block
        // holds the six passed values, and the argument is its recorded address.
        17 | 18 if table_name == "mmap" && sc["mmap_arg_block"].is_array() => {
            let arg = block_address(
                "mmap_arg_block",
                &["addr", "length", "prot", "flags", "fd", "offset"],
                "the old_mmap block",
            );
            vec![("arg", arg)]
        }
        // A 64-bit kernel's mmap takes the byte offset (its last argument is `off` or `offset`).
        17 | 18 if table_name == "mmap" => {
            let last = declaration(fixture, case).0[5].0.clone();
            let last: &'static str = Box::leak(last.into_boxed_str());
            vec![
                ("addr", p("addr")),
                ("len", p("length")),
                ("prot", p("prot")),
                ("flags", p("flags")),
                ("fd", p("fd")),
                (last, p("offset")),
            ]
        }
        // README: "`mmap`/`mmap64` → mmap2 with pgoff = offset >> 12".
        17 | 18 => vec![
            ("addr", p("addr")),
            ("len", p("length")),
            ("prot", p("prot")),
            ("flags", p("flags")),
            ("fd", p("fd")),
            ("pgoff", ((p("offset") as i64) >> 12) as u64),
        ],
        19 | 21 => vec![
            ("fd", p("fd")),
            ("buf", p("buf")),
            ("count", p("count")),
            ("pos", p("offset")),
        ],
        23..=25 => {
            // README (x86_64): "`pos_l` = the whole 64-bit offset in r10, and `pos_h` = **0**";
            // "All 64-bit ABIs except x86_64": "`pos_h` = offset >> 32"; 32-bit ABIs: "`pos_l`
            // r3, `pos_h` r4 … two `unsigned long` args": the low and the high half of the
            // offset, as on mips n32 ("glibc passes the two 32-bit halves"), whose entry names
            // them `pos_low`, `pos_high`.
            let offset = p("offset");
            let (pos_l, pos_h) = match (fixture.word_size_bytes, abi) {
                (8, "x86_64") => (offset, 0),
                (8, _) => (offset, offset >> 32),
                _ => (offset & 0xffff_ffff, offset >> 32),
            };
            let (l, h) = if abi == "mips64-n32" {
                ("pos_low", "pos_high")
            } else {
                ("pos_l", "pos_h")
            };
            let mut args = vec![
                ("fd", p("fd")),
                ("vec", p("iov")),
                ("vlen", p("iovcnt")),
                (l, pos_l),
                (h, pos_h),
            ];
            if case.id == 25 {
                args.push(("flags", p("flags")));
            }
            args
        }
        27 => vec![
            ("fd", p("fd")),
            ("mode", p("mode")),
            ("offset", p("offset")),
            ("len", p("len")),
        ],
        29 => vec![
            ("fd", p("fd")),
            ("offset", p("offset")),
            ("len", p("len")),
            ("advice", p("advice")),
        ],
        31 => vec![
            ("fd", p("fd")),
            ("offset", p("offset")),
            ("nbytes", p("nbytes")),
            ("flags", p("flags")),
        ],
        32 => vec![("fd", p("fd")), ("length", p("length"))],
        34 => vec![("path", p("path")), ("length", p("length"))],
        41 | 42 => vec![
            ("fd_in", p("fd_in")),
            ("off_in", p("off_in")),
            ("fd_out", p("fd_out")),
            ("off_out", p("off_out")),
            ("len", p("len")),
            ("flags", p("flags")),
        ],
        43 => vec![
            ("out_fd", p("out_fd")),
            ("in_fd", p("in_fd")),
            ("offset", p("offset")),
            ("count", p("count")),
        ],
        44 => vec![
            ("cookie64", p("cookie64")),
            ("buf", p("buf")),
            ("len", p("len")),
        ],
        id => panic!("{abi}: no oracle for case {id} ({})", case.label),
    }
}

/// A pointer argument glibc chose on its own stack (`_llseek`'s `result`): the capture tool's
/// decoded value, checked to lie within 4 KiB of the register file's stack pointer at the
/// syscall, above it (below on PA-RISC, whose stack grows upward).
pub fn glibc_stack_pointer_arg(fixture: &Fixture, case: &Case, name: &str) -> u64 {
    let decoded = case.sc["analysis"]["decoded"]
        .as_array()
        .and_then(|args| args.iter().find(|a| a["name"] == name))
        .unwrap_or_else(|| panic!("case {}: the capture decodes no `{name}`", case.id));
    let value = hex(&decoded["value"]);
    let sp = case.reg(stack_pointer_register(&fixture.abi));
    let frame = if fixture.abi == "hppa" {
        sp - 0x1000..sp
    } else {
        sp..sp + 0x1000
    };
    assert!(
        frame.contains(&value),
        "case {} ({}): `{name}` = {value:#x} is not in the caller's stack frame (sp = {sp:#x})",
        case.id,
        fixture.abi
    );
    value
}
