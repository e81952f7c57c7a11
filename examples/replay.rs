//! A toy kernel that serves real, captured system calls through the entry stubs
//! `#[syscall_define]` generates.
//!
//! The register files come from `tests/fixtures/`: what glibc put in the registers for the same
//! C calls on x86-64, i386 and 32-bit ARM (see that folder's README). Each is dispatched by its
//! syscall number (from the `syscalls` crate's tables) to the stub of its ABI, exactly as arch
//! entry code would, and the decoded call is printed from the descriptor's metadata, with the
//! registers each argument came from.
//!
//! Run: `cargo run --example replay` (add `-- i386` to see one ABI).

use std::path::PathBuf;

use serde_json::Value;
use syscall_define::abi::{self, Abi, Placement};
use syscall_define::regs::{Arm, Ia32, X86_64, arm, x86_64};
use syscall_define::{Descriptor, Errno, UserPtr, syscall_define};

// ---- the toy kernel: no file is open but stdin/stdout/stderr, and no path exists ----

fn fd(fd: i64) -> Result<(), Errno> {
    if (0..=2).contains(&fd) {
        Ok(())
    } else {
        Err(Errno::EBADF)
    }
}

#[syscall_define(abi(x86_64, ia32, arm))]
fn read(fd: u32, buf: UserPtr<u8>, count: usize) -> Result<usize, Errno> {
    self::fd(fd.into())?;
    let _ = (buf, count);
    Ok(0)
}

#[syscall_define(abi(x86_64, ia32, arm))]
fn write(fd: u32, buf: UserPtr<u8>, count: usize) -> Result<usize, Errno> {
    self::fd(fd.into())?;
    let _ = buf;
    Ok(count)
}

#[syscall_define(abi(x86_64, ia32, arm))]
fn close(fd: u32) -> Result<(), Errno> {
    self::fd(fd.into())
}

#[syscall_define(abi(x86_64, ia32, arm))]
fn openat(dfd: i32, filename: UserPtr<u8>, flags: i32, mode: u16) -> Result<i32, Errno> {
    let _ = (dfd, filename, flags, mode);
    Err(Errno::ENOENT)
}

#[syscall_define(abi(x86_64, ia32, arm))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
    self::fd(fd.into())?;
    if pos < 0 {
        return Err(Errno::EINVAL);
    }
    let _ = (buf, count);
    Ok(0)
}

#[syscall_define(abi(x86_64, ia32, arm))]
fn pwrite64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
    pread64_rules(fd, pos)?;
    let _ = buf;
    Ok(count)
}

fn pread64_rules(fd: u32, pos: i64) -> Result<(), Errno> {
    self::fd(fd.into())?;
    if pos < 0 { Err(Errno::EINVAL) } else { Ok(()) }
}

#[syscall_define(abi(x86_64, ia32, arm))]
fn fallocate(fd: i32, mode: i32, offset: i64, len: i64) -> Result<(), Errno> {
    let _ = (mode, offset, len);
    self::fd(fd.into())
}

/// x86-64 and i386 order: fd, offset, nbytes, flags.
#[syscall_define(abi(x86_64, ia32))]
fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> Result<(), Errno> {
    let _ = (offset, nbytes, flags);
    self::fd(fd.into())
}

/// arm's order (`arm_sync_file_range`): flags moved up so the pairs need no padding.
#[syscall_define(abi(arm))]
fn sync_file_range2(fd: i32, flags: u32, offset: i64, nbytes: i64) -> Result<(), Errno> {
    let _ = (offset, nbytes, flags);
    self::fd(fd.into())
}

#[syscall_define(abi(x86_64))]
fn fadvise64(fd: i32, offset: i64, len: usize, advice: i32) -> Result<(), Errno> {
    let _ = (offset, len, advice);
    self::fd(fd.into())
}

#[syscall_define(abi(ia32))]
fn fadvise64_64(fd: i32, offset: i64, len: i64, advice: i32) -> Result<(), Errno> {
    let _ = (offset, len, advice);
    self::fd(fd.into())
}

#[syscall_define(abi(arm))]
fn arm_fadvise64_64(fd: i32, advice: i32, offset: i64, len: i64) -> Result<(), Errno> {
    let _ = (offset, len, advice);
    self::fd(fd.into())
}

#[syscall_define(abi(x86_64))]
fn ftruncate(fd: u32, length: isize) -> Result<(), Errno> {
    let _ = length;
    self::fd(fd.into())
}

#[syscall_define(abi(ia32, arm))]
fn ftruncate64(fd: u32, length: i64) -> Result<(), Errno> {
    let _ = length;
    self::fd(fd.into())
}

#[syscall_define(abi(x86_64))]
fn lseek(fd: u32, offset: isize, whence: u32) -> Result<isize, Errno> {
    let _ = whence;
    self::fd(fd.into())?;
    Ok(offset)
}

#[syscall_define(abi(ia32, arm))]
fn _llseek(
    fd: u32,
    offset_high: usize,
    offset_low: usize,
    result: UserPtr<i64>,
    whence: u32,
) -> Result<(), Errno> {
    let _ = (offset_high, offset_low, result, whence);
    self::fd(fd.into())
}

#[syscall_define(abi(x86_64))]
fn mmap(
    addr: usize,
    len: usize,
    prot: usize,
    flags: usize,
    fd: usize,
    off: usize,
) -> Result<usize, Errno> {
    let _ = (len, prot, flags, off);
    self::fd(fd as i64)?;
    Ok(addr)
}

#[syscall_define(abi(ia32, arm))]
fn mmap2(
    addr: usize,
    len: usize,
    prot: usize,
    flags: usize,
    fd: usize,
    pgoff: usize,
) -> Result<usize, Errno> {
    let _ = (len, prot, flags, pgoff);
    self::fd(fd as u32 as i32 as i64)?;
    Ok(addr)
}

// ---- the entry code: one dispatcher per ABI, keyed by the syscall number tables ----

/// What the x86-64 entry code does with `regs->orig_ax`.
fn dispatch_x86_64(regs: &x86_64::PtRegs) -> Option<(&'static Descriptor, isize)> {
    use syscalls::x86_64::Sysno;
    // SAFETY: this is the entry path; the stubs only read `regs`.
    unsafe {
        Some(match Sysno::new(regs.orig_ax as usize)? {
            Sysno::read => (read::DESCRIPTOR, __x64_sys_read(regs)),
            Sysno::write => (write::DESCRIPTOR, __x64_sys_write(regs)),
            Sysno::close => (close::DESCRIPTOR, __x64_sys_close(regs)),
            Sysno::openat => (openat::DESCRIPTOR, __x64_sys_openat(regs)),
            Sysno::pread64 => (pread64::DESCRIPTOR, __x64_sys_pread64(regs)),
            Sysno::pwrite64 => (pwrite64::DESCRIPTOR, __x64_sys_pwrite64(regs)),
            Sysno::fallocate => (fallocate::DESCRIPTOR, __x64_sys_fallocate(regs)),
            Sysno::sync_file_range => {
                (sync_file_range::DESCRIPTOR, __x64_sys_sync_file_range(regs))
            }
            Sysno::fadvise64 => (fadvise64::DESCRIPTOR, __x64_sys_fadvise64(regs)),
            Sysno::ftruncate => (ftruncate::DESCRIPTOR, __x64_sys_ftruncate(regs)),
            Sysno::lseek => (lseek::DESCRIPTOR, __x64_sys_lseek(regs)),
            Sysno::mmap => (mmap::DESCRIPTOR, __x64_sys_mmap(regs)),
            _ => return None,
        })
    }
}

/// A 32-bit process on the same x86-64 kernel: same `pt_regs`, the ia32 stubs.
fn dispatch_ia32(regs: &x86_64::PtRegs) -> Option<(&'static Descriptor, isize)> {
    use syscalls::x86::Sysno;
    // SAFETY: this is the entry path; the stubs only read `regs`.
    unsafe {
        Some(match Sysno::new(regs.orig_ax as u32 as usize)? {
            Sysno::read => (read::DESCRIPTOR, __ia32_sys_read(regs)),
            Sysno::write => (write::DESCRIPTOR, __ia32_sys_write(regs)),
            Sysno::close => (close::DESCRIPTOR, __ia32_sys_close(regs)),
            Sysno::openat => (openat::DESCRIPTOR, __ia32_sys_openat(regs)),
            Sysno::pread64 => (pread64::DESCRIPTOR, __ia32_sys_pread64(regs)),
            Sysno::pwrite64 => (pwrite64::DESCRIPTOR, __ia32_sys_pwrite64(regs)),
            Sysno::fallocate => (fallocate::DESCRIPTOR, __ia32_sys_fallocate(regs)),
            Sysno::sync_file_range => (
                sync_file_range::DESCRIPTOR,
                __ia32_sys_sync_file_range(regs),
            ),
            Sysno::fadvise64_64 => (fadvise64_64::DESCRIPTOR, __ia32_sys_fadvise64_64(regs)),
            Sysno::ftruncate64 => (ftruncate64::DESCRIPTOR, __ia32_sys_ftruncate64(regs)),
            Sysno::_llseek => (_llseek::DESCRIPTOR, __ia32_sys__llseek(regs)),
            Sysno::mmap2 => (mmap2::DESCRIPTOR, __ia32_sys_mmap2(regs)),
            _ => return None,
        })
    }
}

/// A 32-bit ARM kernel: number in r7.
fn dispatch_arm(regs: &arm::PtRegs) -> Option<(&'static Descriptor, isize)> {
    use syscalls::arm::Sysno;
    // SAFETY: this is the entry path; the stubs only read `regs`.
    unsafe {
        Some(match Sysno::new(regs.uregs[arm::PtRegs::R7] as usize)? {
            Sysno::read => (read::DESCRIPTOR, __arm_sys_read(regs)),
            Sysno::write => (write::DESCRIPTOR, __arm_sys_write(regs)),
            Sysno::close => (close::DESCRIPTOR, __arm_sys_close(regs)),
            Sysno::openat => (openat::DESCRIPTOR, __arm_sys_openat(regs)),
            Sysno::pread64 => (pread64::DESCRIPTOR, __arm_sys_pread64(regs)),
            Sysno::pwrite64 => (pwrite64::DESCRIPTOR, __arm_sys_pwrite64(regs)),
            Sysno::fallocate => (fallocate::DESCRIPTOR, __arm_sys_fallocate(regs)),
            Sysno::arm_sync_file_range => (
                sync_file_range2::DESCRIPTOR,
                __arm_sys_sync_file_range2(regs),
            ),
            Sysno::arm_fadvise64_64 => (
                arm_fadvise64_64::DESCRIPTOR,
                __arm_sys_arm_fadvise64_64(regs),
            ),
            Sysno::ftruncate64 => (ftruncate64::DESCRIPTOR, __arm_sys_ftruncate64(regs)),
            Sysno::_llseek => (_llseek::DESCRIPTOR, __arm_sys__llseek(regs)),
            Sysno::mmap2 => (mmap2::DESCRIPTOR, __arm_sys_mmap2(regs)),
            _ => return None,
        })
    }
}

// ---- replaying the captures ----

fn hex(v: &Value) -> u64 {
    let s = v.as_str().unwrap_or("0x0");
    u64::from_str_radix(s.trim_start_matches("0x"), 16).unwrap_or(0)
}

/// `[rdi rsi rdx r10]`, `[ebx ecx edx _ esi:edi]`: where each argument came from, `_` for a pad.
fn registers(descriptor: &Descriptor, abi: &Abi) -> String {
    let Some(layout) = descriptor.layout(abi) else {
        return String::new();
    };
    let mut parts = Vec::new();
    let mut slot = 0;
    for place in layout.args() {
        let first = match *place {
            Placement::One(s) => s,
            Placement::Pair { lo, hi } | Placement::LoHi { lo, hi } => lo.min(hi),
        } as usize;
        while slot < first {
            parts.push("_".to_string());
            slot += 1;
        }
        let (lo, hi) = abi.slot_name(*place);
        match (place, hi) {
            (Placement::Pair { lo: l, hi: h }, Some(hi)) if h < l => {
                parts.push(format!("{hi}:{lo}"))
            }
            (_, Some(hi)) => parts.push(format!("{lo}:{hi}")),
            (_, None) => parts.push(lo.to_string()),
        }
        slot = first + if hi.is_some() { 2 } else { 1 };
    }
    format!("[{}]", parts.join(" "))
}

fn result(ret: isize) -> String {
    if (-4095..0).contains(&ret) {
        let e = Errno::new(-ret as i32);
        format!("-1 {}", e.name().unwrap_or("?"))
    } else {
        format!("{ret:#x}")
    }
}

fn main() {
    let only = std::env::args().nth(1);
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let (mut served, mut unknown) = (0, 0);
    for file in ["x86_64", "i386", "arm-eabi"] {
        if only.as_deref().is_some_and(|o| o != file) {
            continue;
        }
        let path = fixtures.join(format!("{file}.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json: Value = serde_json::from_str(&text).expect("fixture JSON");
        println!(
            "== {file}: captured with {}",
            json["capture"].as_str().unwrap_or("?")
        );
        for case in json["cases"].as_array().into_iter().flatten() {
            let sc = &case["syscalls"][0];
            let r = |name: &str| hex(&sc["all_registers"][name]);
            let (abi, outcome, words): (&Abi, _, Vec<u64>) = match file {
                "x86_64" => {
                    let regs = x86_64::PtRegs {
                        di: r("rdi"),
                        si: r("rsi"),
                        dx: r("rdx"),
                        r10: r("r10"),
                        r8: r("r8"),
                        r9: r("r9"),
                        orig_ax: r("orig_rax"),
                        ax: r("rax"),
                        ..Default::default()
                    };
                    let words = syscall_define::regs::arg_words::<X86_64, _>(&regs).to_vec();
                    (&abi::X86_64, dispatch_x86_64(&regs), words)
                }
                "i386" => {
                    let regs = x86_64::PtRegs {
                        bx: r("ebx"),
                        cx: r("ecx"),
                        dx: r("edx"),
                        si: r("esi"),
                        di: r("edi"),
                        bp: r("ebp"),
                        orig_ax: r("orig_eax"),
                        ax: r("eax"),
                        ..Default::default()
                    };
                    let words = syscall_define::regs::arg_words::<Ia32, _>(&regs).to_vec();
                    (&abi::IA32, dispatch_ia32(&regs), words)
                }
                _ => {
                    let mut regs = arm::PtRegs::default();
                    for n in 0..=12 {
                        regs.uregs[n] = r(&format!("r{n}")) as u32;
                    }
                    let words = syscall_define::regs::arg_words::<Arm, _>(&regs).to_vec();
                    (&abi::ARM, dispatch_arm(&regs), words)
                }
            };
            match outcome {
                Some((descriptor, ret)) => {
                    served += 1;
                    let values = descriptor
                        .decode_words(abi, &words)
                        .expect("emitted for this ABI");
                    println!(
                        "{:<8} {} = {:<10} {}",
                        abi.name,
                        descriptor.display_call(&values[..descriptor.args.len()]),
                        result(ret),
                        registers(descriptor, abi)
                    );
                }
                None => {
                    unknown += 1;
                    let shown: Vec<String> = words[..abi.max_words()]
                        .iter()
                        .map(|w| format!("{w:#x}"))
                        .collect();
                    println!(
                        "{:<8} {}({}) = -1 ENOSYS   (not in this toy kernel's table)",
                        abi.name,
                        sc["name"].as_str().unwrap_or("?"),
                        shown.join(", ")
                    );
                }
            }
        }
    }
    println!(
        "served {served} captured system calls through generated stubs; {unknown} fell through to ENOSYS"
    );
}
