//! A bootable x86-64 kernel whose every system call is a `#[syscall_define]` function.
//!
//! QEMU starts it at its PVH entry (`boot.rs`); it sets up long mode, a GDT with Linux's
//! selectors, a TSS, an IDT, and the two system-call entries (`arch.rs`): `syscall` for 64-bit
//! processes and `int $0x80` for 32-bit (compat) ones. Both save the user registers as Linux's
//! `struct pt_regs` and hand them to the generated tables (`sys.rs`) through `dispatch_with`,
//! with entry and exit work: a deny list and a trace. It then runs the programs the initrd's
//! `/init` lists — unmodified static Linux binaries (glibc, busybox), loaded by `elf.rs` — one
//! after another, with their output on the serial port, and ends QEMU through `isa-debug-exit`:
//! code 0x10 (QEMU exits with 33) if every program exited with 0.
//!
//! Build alone: `cd examples/x86-kernel && cargo build --release`; the test
//! (`examples/tests/x86_kernel.rs`) builds the user programs and the initrd and boots it.
#![no_std]
#![no_main]

mod arch;
mod boot;
mod elf;
mod fs;
mod process;
mod serial;
mod sys;

use core::panic::PanicInfo;

/// `hvm_start_info` (Xen's `arch-x86/hvm/start_info.h`), as QEMU fills it.
#[repr(C)]
struct StartInfo {
    magic: u32,
    version: u32,
    flags: u32,
    nr_modules: u32,
    modlist_paddr: u64,
    cmdline_paddr: u64,
    rsdp_paddr: u64,
}

#[repr(C)]
struct ModlistEntry {
    paddr: u64,
    size: u64,
    cmdline_paddr: u64,
    reserved: u64,
}

/// A NUL-terminated string at a physical (= virtual) address.
///
/// # Safety
/// `address` must point at a NUL-terminated string that stays in place.
unsafe fn c_str(address: u64) -> &'static str {
    if address == 0 {
        return "";
    }
    let start = address as *const u8;
    let mut len = 0;
    // SAFETY: the caller's promise.
    // Volatile, so the loop is not turned into a call to `strlen` (there is no libc).
    while unsafe { core::ptr::read_volatile(start.add(len)) } != 0 {
        len += 1;
    }
    // SAFETY: as above; the boot loader's strings are ASCII.
    core::str::from_utf8(unsafe { core::slice::from_raw_parts(start, len) }).unwrap_or("")
}

/// Ends QEMU with `isa-debug-exit` (QEMU's status: `code << 1 | 1`).
fn qemu_exit(code: u8) -> ! {
    // SAFETY: port 0xf4 is QEMU's debug-exit device.
    unsafe {
        core::arch::asm!("out 0xf4, eax", in("eax") u32::from(code), options(nostack, nomem))
    };
    loop {
        // SAFETY: halting with interrupts off: only reached without the device.
        unsafe { core::arch::asm!("cli; hlt", options(nostack, nomem)) };
    }
}

#[unsafe(no_mangle)]
extern "C" fn kernel_main(start_info: u32) -> ! {
    serial::init();
    arch::init();
    // SAFETY: QEMU's PVH boot passes the start info's physical address, identity-mapped.
    let info = unsafe { &*(start_info as u64 as *const StartInfo) };
    if info.magic != 0x336e_c578 {
        kprintln!("x86-kernel: no PVH start info");
        qemu_exit(0x11);
    }
    // SAFETY: QEMU's strings and module list, identity-mapped, never freed.
    let cmdline = unsafe { c_str(info.cmdline_paddr) };
    kprintln!("x86-kernel: booted (cmdline \"{cmdline}\")");
    let initrd = if info.nr_modules > 0 {
        // SAFETY: as above.
        let module = unsafe { &*(info.modlist_paddr as *const ModlistEntry) };
        // SAFETY: QEMU loaded the module there; the kernel never writes it.
        unsafe { core::slice::from_raw_parts(module.paddr as *const u8, module.size as usize) }
    } else {
        &[]
    };
    for option in cmdline.split_whitespace() {
        match option.split_once('=') {
            Some(("deny", names)) => sys::deny(names),
            None if option == "trace" => sys::set_trace(true),
            _ => {}
        }
    }
    if let Err(e) = fs::mount(initrd) {
        kprintln!("x86-kernel: initrd: {e}");
        qemu_exit(0x11);
    }
    let Some(init) = fs::lookup("/init") else {
        kprintln!("x86-kernel: the initrd has no /init");
        qemu_exit(0x11);
    };
    let mut failures = 0;
    for line in core::str::from_utf8(fs::contents(init))
        .unwrap_or("")
        .lines()
    {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut argv: [&str; 16] = [""; 16];
        let mut argc = 0;
        for word in line.split_whitespace().take(16) {
            argv[argc] = word;
            argc += 1;
        }
        kprintln!("x86-kernel: run {line}");
        let status = process::run(&argv[..argc]);
        kprintln!("x86-kernel: exit {status} ({line})");
        if status != 0 {
            failures += 1;
        }
    }
    if failures == 0 {
        kprintln!("x86-kernel: all programs exited with 0");
        qemu_exit(0x10)
    }
    kprintln!("x86-kernel: {failures} programs failed");
    qemu_exit(0x11)
}

/// A CPU exception: the vector, the error code and the CPU's frame.
#[unsafe(no_mangle)]
extern "C" fn do_exception(frame: &[u64; 7]) -> ! {
    let cr2: u64;
    // SAFETY: reading CR2 has no side effect.
    unsafe { core::arch::asm!("mov {}, cr2", out(reg) cr2, options(nostack, nomem)) };
    kprintln!(
        "x86-kernel: exception {} (error {:#x}) at {:#x} cs {:#x} sp {:#x} cr2 {:#x}",
        frame[0],
        frame[1],
        frame[2],
        frame[3],
        frame[5],
        cr2
    );
    if frame[3] & 3 == 3 {
        // A user program's fault ends the program (as SIGSEGV would), not the kernel.
        arch::exit_process(128 + 11);
    }
    qemu_exit(0x12)
}

#[panic_handler]
fn panic(info: &PanicInfo<'_>) -> ! {
    kprintln!("x86-kernel: panic: {info}");
    qemu_exit(0x13)
}

/// `core` refers to it; with `panic = "abort"` nothing unwinds.
#[unsafe(no_mangle)]
extern "C" fn rust_eh_personality() {}

// What `core` calls for copies and comparisons (there is no libc): string instructions.

/// # Safety
/// As C's `memcpy`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller's promise.
    unsafe {
        core::arch::asm!("rep movsb", inout("rcx") n => _, inout("rdi") dest => _, inout("rsi") src => _, options(nostack, preserves_flags));
    }
    dest
}

/// # Safety
/// As C's `memmove`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    if (dest as usize) <= (src as usize) || (dest as usize) >= (src as usize + n) {
        // SAFETY: forwards is safe when dest is below src or past its end.
        return unsafe { memcpy(dest, src, n) };
    }
    // SAFETY: backwards, from the last byte (DF set and cleared around it).
    unsafe {
        core::arch::asm!("std", "rep movsb", "cld", inout("rcx") n => _, inout("rdi") dest.add(n - 1) => _, inout("rsi") src.add(n - 1) => _, options(nostack));
    }
    dest
}

/// # Safety
/// As C's `memset`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memset(dest: *mut u8, c: i32, n: usize) -> *mut u8 {
    // SAFETY: the caller's promise.
    unsafe {
        core::arch::asm!("rep stosb", inout("rcx") n => _, inout("rdi") dest => _, in("al") c as u8, options(nostack, preserves_flags));
    }
    dest
}

/// # Safety
/// As C's `memcmp`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    for i in 0..n {
        // SAFETY: the caller's promise.
        let (x, y) = unsafe {
            (
                core::ptr::read_volatile(a.add(i)),
                core::ptr::read_volatile(b.add(i)),
            )
        };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
    }
    0
}

/// # Safety
/// As C's `bcmp`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: forwarded.
    unsafe { memcmp(a, b, n) }
}
