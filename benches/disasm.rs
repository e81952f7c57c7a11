//! Reading x86-64 machine code back: `nm` for where each symbol is, `objdump` (AT&T syntax) for
//! its instructions, and per function the instructions up to its return or tail jump and the
//! loads from the register file (the memory operands based on the register that holds the
//! `pt_regs` pointer, followed through register-to-register copies).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

/// The functions of one executable.
pub struct Binary {
    /// Symbol name -> (address, size).
    pub symbols: HashMap<String, (u64, u64)>,
    /// Address -> instruction text (`mov    0x70(%rdi),%rcx`).
    insns: BTreeMap<u64, String>,
}

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

impl Binary {
    /// Reads the symbols of `path` and disassembles the range that holds every symbol whose name
    /// `wanted` accepts.
    pub fn load(path: &Path, wanted: impl Fn(&str) -> bool) -> Binary {
        let mut symbols = HashMap::new();
        for line in run(Command::new("nm").args(["-S", "--defined-only"]).arg(path)).lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if let [addr, size, kind, name] = fields[..]
                && matches!(kind, "T" | "t")
                && let (Ok(addr), Ok(size)) =
                    (u64::from_str_radix(addr, 16), u64::from_str_radix(size, 16))
            {
                symbols.insert(name.to_string(), (addr, size));
            }
        }
        let ranges: Vec<(u64, u64)> = symbols
            .iter()
            .filter(|(name, _)| wanted(name))
            .map(|(_, &range)| range)
            .collect();
        let start = ranges.iter().map(|r| r.0).min().expect("no wanted symbol");
        let stop = ranges.iter().map(|r| r.0 + r.1).max().unwrap();
        let text = run(Command::new("objdump")
            .args(["-d", "-w", "--no-show-raw-insn"])
            .arg(format!("--start-address={start:#x}"))
            .arg(format!("--stop-address={stop:#x}"))
            .arg(path));
        let mut insns = BTreeMap::new();
        for line in text.lines() {
            let Some((addr, insn)) = line.trim_start().split_once(":\t") else {
                continue;
            };
            if let Ok(addr) = u64::from_str_radix(addr, 16) {
                insns.insert(addr, insn.trim().to_string());
            }
        }
        Binary { symbols, insns }
    }

    /// The function `name`: its instructions up to the first return or jump out of it.
    pub fn function(&self, name: &str) -> Option<Function> {
        let &(start, size) = self.symbols.get(name)?;
        let mut insns = Vec::new();
        let mut branches = 0;
        for (_, text) in self.insns.range(start..start + size.max(1)) {
            let mnemonic = text.split_whitespace().next().unwrap_or("");
            insns.push(text.clone());
            if mnemonic.starts_with("ret") {
                break;
            }
            if mnemonic.starts_with("jmp") {
                match jump_target(text) {
                    Some(target) if (start..start + size).contains(&target) => {}
                    _ => break, // a tail call, or an indirect jump
                }
            } else if mnemonic.starts_with('j') {
                branches += 1;
            }
        }
        Some(Function {
            name: name.to_string(),
            insns,
            branches,
        })
    }

    /// Every instruction of the function `name`, in address order (all its paths).
    pub fn listing(&self, name: &str) -> Vec<String> {
        let Some(&(start, size)) = self.symbols.get(name) else {
            return Vec::new();
        };
        self.insns
            .range(start..start + size)
            .map(|(_, text)| text.clone())
            .collect()
    }

    /// The names of the symbols at `name`'s address (identical functions merged by the linker or
    /// LLVM share one).
    pub fn aliases(&self, name: &str) -> Vec<String> {
        let Some(&(addr, _)) = self.symbols.get(name) else {
            return Vec::new();
        };
        let mut names: Vec<String> = self
            .symbols
            .iter()
            .filter(|(n, r)| r.0 == addr && n.as_str() != name)
            .map(|(n, _)| n.clone())
            .collect();
        names.sort();
        names
    }
}

fn jump_target(text: &str) -> Option<u64> {
    let operand = text.split_whitespace().nth(1)?;
    u64::from_str_radix(operand, 16).ok()
}

/// A function's instructions up to its return or tail jump.
pub struct Function {
    /// Its symbol.
    pub name: String,
    /// The instructions, the final `ret` or `jmp` included.
    pub insns: Vec<String>,
    /// Conditional jumps among them.
    pub branches: usize,
}

/// The 64-bit register a register operand names (`%edi` -> `rdi`).
pub fn canonical(reg: &str) -> String {
    let r = reg.trim_start_matches('%');
    let legacy = [
        ("rax", ["eax", "ax", "al"]),
        ("rbx", ["ebx", "bx", "bl"]),
        ("rcx", ["ecx", "cx", "cl"]),
        ("rdx", ["edx", "dx", "dl"]),
        ("rsi", ["esi", "si", "sil"]),
        ("rdi", ["edi", "di", "dil"]),
        ("rbp", ["ebp", "bp", "bpl"]),
        ("rsp", ["esp", "sp", "spl"]),
    ];
    for (full, parts) in legacy {
        if r == full || parts.contains(&r) {
            return full.to_string();
        }
    }
    // r8..r15 and their r8d / r8w / r8b forms.
    r.trim_end_matches(['d', 'w', 'b']).to_string()
}

/// The operands of an AT&T instruction, split on the commas outside parentheses.
fn operands(text: &str) -> Vec<String> {
    let text = text.split(" #").next().unwrap_or(text); // objdump's `# 1234 <sym>` comments
    let mut parts = text.splitn(2, char::is_whitespace);
    let _mnemonic = parts.next();
    let rest = parts.next().unwrap_or("").trim();
    let rest = rest.split(" <").next().unwrap_or(rest);
    let mut out = Vec::new();
    let (mut depth, mut current) = (0, String::new());
    for c in rest.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.into_iter().map(|s| s.trim().to_string()).collect()
}

/// A memory operand `disp(%base,...)`: its base register and displacement.
fn memory(operand: &str) -> Option<(String, i64)> {
    let open = operand.find('(')?;
    let disp = operand[..open].trim_start_matches('*');
    let base = operand[open + 1..].split([',', ')']).next()?;
    if base.is_empty() {
        return None;
    }
    let disp = if disp.is_empty() {
        0
    } else if let Some(hex) = disp.strip_prefix("-0x") {
        -i64::from_str_radix(hex, 16).ok()?
    } else if let Some(hex) = disp.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()?
    } else {
        disp.parse().ok()?
    };
    Some((canonical(base), disp))
}

/// What a function reads from the structure its first argument (`%rdi`) points to.
pub struct Loads {
    /// Memory operands read through the pointer.
    pub count: usize,
    /// The byte offsets they read.
    pub words: BTreeSet<usize>,
    /// Memory operands written through the pointer.
    pub stores: usize,
}

/// The loads `function` makes through its first argument.
pub fn loads(function: &Function) -> Loads {
    let mut aliases: BTreeSet<String> = BTreeSet::from(["rdi".to_string()]);
    let mut result = Loads {
        count: 0,
        words: BTreeSet::new(),
        stores: 0,
    };
    for text in &function.insns {
        let mnemonic = text.split_whitespace().next().unwrap_or("");
        let ops = operands(text);
        if mnemonic != "lea" && !mnemonic.starts_with("nop") {
            for (i, op) in ops.iter().enumerate() {
                if let Some((base, disp)) = memory(op)
                    && aliases.contains(&base)
                {
                    if i + 1 == ops.len() && ops.len() > 1 {
                        result.stores += 1;
                    } else {
                        result.count += 1;
                        result.words.insert(disp as usize);
                    }
                }
            }
        }
        if mnemonic.starts_with("call") {
            aliases.retain(|r| ["rbx", "rbp", "r12", "r13", "r14", "r15"].contains(&r.as_str()));
            continue;
        }
        // The destination (last operand) of a two-operand instruction is written, except by
        // compare and test.
        if ops.len() >= 2
            && !mnemonic.starts_with("cmp")
            && !mnemonic.starts_with("test")
            && let Some(dest) = ops.last()
            && dest.starts_with('%')
        {
            let dest = canonical(dest);
            let copy = mnemonic == "mov" || mnemonic == "movq";
            if copy
                && ops[0].starts_with('%')
                && aliases.contains(&canonical(&ops[0]))
                && ops[0].starts_with("%r")
            {
                aliases.insert(dest);
            } else {
                aliases.remove(&dest);
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn function(insns: &[&str]) -> Function {
        Function {
            name: "f".into(),
            insns: insns.iter().map(|s| s.to_string()).collect(),
            branches: 0,
        }
    }

    #[test]
    fn loads_follow_copies_of_the_pointer_until_it_is_overwritten() {
        let f = function(&[
            "mov    %rdi,%rax",
            "mov    0x70(%rdi),%rcx",
            "mov    0x28(%rax),%edi",
            "movslq (%rax),%rdx",
            "lea    0x8(%rax),%rsi",
            "mov    0x10(%rdi),%r8",
            "jmp    1234 <sd_sink4>",
        ]);
        let l = loads(&f);
        assert_eq!(l.count, 3);
        assert_eq!(l.words, BTreeSet::from([0, 40, 112]));
        assert_eq!(l.stores, 0);
    }

    #[test]
    fn registers_and_operands() {
        assert_eq!(canonical("%r10d"), "r10");
        assert_eq!(canonical("%esi"), "rsi");
        assert_eq!(
            operands("mov    0x70(%rdi,%rax,8),%rcx"),
            ["0x70(%rdi,%rax,8)", "%rcx"]
        );
        assert_eq!(memory("-0x8(%rsp)"), Some(("rsp".into(), -8)));
        assert_eq!(memory("*(%rdx,%rax,8)"), Some(("rdx".into(), 0)));
    }
}
