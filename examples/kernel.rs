//! A kernel's syscall path, put together: x86-64 and ia32 tables built at compile time, entry
//! and exit hooks (a seccomp-like filter and a tracer), a full-register system call, and the real
//! captured register files of `tests/fixtures/` dispatched through it all.
//!
//! Run: `cargo run --example kernel`.

use std::path::PathBuf;

use serde_json::Value;
use syscall_define::regs::{Ia32, X86_64, x86_64::PtRegs};
use syscall_define::{
    Descriptor, EntryAction, Errno, SyscallHooks, UserPtr, syscall_define, syscall_table,
};
use syscalls::{x86::Sysno as Nr32, x86_64::Sysno as Nr64};

// ---- the system calls: one definition each, stubs for both ABIs ----

#[syscall_define(abi(x86_64, ia32))]
fn read(fd: u32, buf: UserPtr<u8>, count: usize) -> Result<usize, Errno> {
    let _ = buf;
    if fd == 0 {
        Ok(count.min(16))
    } else {
        Err(Errno::EBADF)
    }
}

#[syscall_define(abi(x86_64, ia32))]
fn write(fd: u32, buf: UserPtr<u8>, count: usize) -> Result<usize, Errno> {
    let _ = buf;
    if fd == 1 || fd == 2 {
        Ok(count)
    } else {
        Err(Errno::EBADF)
    }
}

#[syscall_define(abi(x86_64, ia32))]
fn close(fd: u32) -> Result<(), Errno> {
    if fd <= 2 { Ok(()) } else { Err(Errno::EBADF) }
}

/// ia32 passes `pos` in esi (low) and edi (high); x86-64 in r10. One body.
#[syscall_define(abi(x86_64, ia32))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
    let _ = (buf, count);
    if pos < 0 {
        return Err(Errno::EINVAL);
    }
    if fd == 0 { Ok(0) } else { Err(Errno::EBADF) }
}

#[syscall_define(abi(x86_64, ia32))]
fn fallocate(fd: i32, mode: i32, offset: i64, len: i64) -> Result<(), Errno> {
    let _ = (mode, offset, len);
    if fd == 0 { Ok(()) } else { Err(Errno::EBADF) }
}

#[syscall_define(abi(x86_64, ia32))]
fn getpid() -> i32 {
    1
}

/// A full-register system call: it restores the user's registers from a signal frame (here:
/// a fixed one) and returns the restored `ax`, so the exit path must restore every register.
#[syscall_define(abi(x86_64, ia32), ptregs)]
fn rt_sigreturn(regs: &mut PtRegs) -> isize {
    regs.ip = 0x0040_1000;
    regs.sp = 0x7fff_0000;
    regs.ax = 0;
    regs.ax as isize
}

// ---- the tables: numbers from the `syscalls` crate, everything else -ENOSYS ----

syscall_table! {
    static X64: SyscallTable<X86_64, PtRegs, 512> = {
        Nr64::read as usize => read,
        Nr64::write as usize => write,
        Nr64::close as usize => close,
        Nr64::pread64 as usize => pread64,
        Nr64::fallocate as usize => fallocate,
        Nr64::getpid as usize => getpid,
        Nr64::rt_sigreturn as usize => rt_sigreturn,
    };
}

syscall_table! {
    static IA32: SyscallTable<Ia32, PtRegs, 512> = {
        Nr32::read as usize => read,
        Nr32::write as usize => write,
        Nr32::close as usize => close,
        Nr32::pread64 as usize => pread64,
        Nr32::fallocate as usize => fallocate,
        Nr32::getpid as usize => getpid,
        Nr32::rt_sigreturn as usize => rt_sigreturn,
    };
}

// ---- entry/exit work: a seccomp-like filter and a tracer, in one hook ----

struct Policy {
    abi: &'static str,
    denied: &'static [&'static str],
}

impl<A: syscall_define::regs::AbiTag> SyscallHooks<A, PtRegs> for Policy
where
    PtRegs: syscall_define::regs::ArgRegisters<A>,
{
    fn on_entry(
        &mut self,
        nr: isize,
        d: Option<&'static Descriptor>,
        regs: &PtRegs,
    ) -> EntryAction {
        let Some(d) = d else {
            print!("{:<7} syscall {nr} (not in the table)", self.abi);
            return EntryAction::Allow; // the table answers -ENOSYS
        };
        let values = d.decode_regs::<A, _>(regs).unwrap_or_default();
        print!(
            "{:<7} {}",
            self.abi,
            d.display_call(&values[..d.args.len()])
        );
        if self.denied.contains(&d.name) {
            print!("  [denied by policy]");
            return EntryAction::Deny(Errno::EPERM);
        }
        EntryAction::Allow
    }

    fn on_exit(
        &mut self,
        _nr: isize,
        _d: Option<&'static Descriptor>,
        _regs: &PtRegs,
        ret: isize,
    ) -> isize {
        match ret {
            -4095..=-1 => println!(" = -1 {}", Errno::new(-ret as i32).name().unwrap_or("?")),
            _ => println!(" = {ret}"),
        }
        ret
    }
}

/// What the x86-64 entry code does with a stop: pick the table by the process's ABI, dispatch,
/// store the result, and take the slow exit if the registers changed.
fn syscall_entry(compat: bool, regs: &mut PtRegs, policy: &mut Policy) {
    let nr = regs.orig_ax as i64 as isize;
    // SAFETY: this is the entry path.
    let ret = unsafe {
        if compat {
            IA32.dispatch_with(nr as i32 as isize, regs, policy)
        } else {
            X64.dispatch_with(nr, regs, policy)
        }
    };
    // The exit path: the result into `ax` by the ABI's convention (a 32-bit process's as 32 bits).
    if compat {
        syscall_define::set_return::<Ia32, _>(regs, ret);
    } else {
        syscall_define::set_return::<X86_64, _>(regs, ret);
    }
    let rewrote = if compat {
        IA32.entry(nr as usize)
    } else {
        X64.entry(nr as usize)
    }
    .is_some_and(|e| e.rewrites_registers());
    if rewrote {
        println!(
            "        (full-register syscall: slow exit, restore every register; ip={:#x})",
            regs.ip
        );
    }
}

fn hex(v: &Value) -> u64 {
    u64::from_str_radix(v.as_str().unwrap_or("0x0").trim_start_matches("0x"), 16).unwrap_or(0)
}

fn main() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut policy = Policy {
        abi: "",
        denied: &["fallocate"],
    };
    for (file, compat) in [("x86_64", false), ("i386", true)] {
        policy.abi = if compat { "ia32" } else { "x86_64" };
        let text = std::fs::read_to_string(fixtures.join(format!("{file}.json"))).expect("fixture");
        let json: Value = serde_json::from_str(&text).expect("fixture JSON");
        println!(
            "== {file}: captured register files through the {} table",
            policy.abi
        );
        for case in json["cases"].as_array().into_iter().flatten() {
            let r = &case["syscalls"][0]["all_registers"];
            let g = |x64: &str, x86: &str| hex(&r[if compat { x86 } else { x64 }]);
            let mut regs = PtRegs {
                di: g("rdi", "edi"),
                si: g("rsi", "esi"),
                dx: g("rdx", "edx"),
                r10: g("r10", "-"),
                r8: g("r8", "-"),
                r9: g("r9", "-"),
                bx: g("-", "ebx"),
                cx: g("-", "ecx"),
                bp: g("-", "ebp"),
                orig_ax: g("orig_rax", "orig_eax"),
                ..Default::default()
            };
            syscall_entry(compat, &mut regs, &mut policy);
        }
    }
    println!("== a signal return (full-register syscall)");
    policy.abi = "x86_64";
    let mut regs = PtRegs {
        orig_ax: Nr64::rt_sigreturn as u64,
        ip: 0x1234,
        ..Default::default()
    };
    syscall_entry(false, &mut regs, &mut policy);
}
