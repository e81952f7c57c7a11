//! The one process: its mode, memory (program break, anonymous mappings), open files, and how
//! a program is started (`exec`: load, stack with argv and auxv, the register file).

use core::ptr::addr_of_mut;

use syscall_define::Errno;
use syscall_define::regs::x86_64::PtRegs;

use crate::{arch, elf, fs};

/// User memory: identity-mapped RAM from 2 MiB (the kernel's page is supervisor-only) to
/// 768 MiB (the file arena follows).
pub const USER_BASE: u64 = 0x20_0000;
pub const USER_END: u64 = 0x3000_0000;
/// Anonymous mappings are taken upwards from here; the stack grows down from `STACK_TOP`.
const MMAP_BASE: u64 = 0x1000_0000;
const STACK_TOP: u64 = 0x2ff0_0000;
pub const MMAP_END: u64 = 0x2000_0000;

pub const MAX_FDS: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
    Console,
    File {
        index: usize,
        pos: u64,
        append: bool,
    },
    /// A directory: the names under the first `len` bytes of file `index`'s name (which end
    /// with `/`), `pos` entries read so far.
    Dir {
        index: usize,
        len: usize,
        pos: usize,
    },
}

pub struct Process {
    pub is_64: bool,
    pub pid: i32,
    pub brk_start: u64,
    pub brk: u64,
    pub mmap_next: u64,
    pub fds: [Option<Open>; MAX_FDS],
    pub tls: [u64; arch::GDT_ENTRY_TLS_ENTRIES],
}

static mut PROCESS: Process = Process {
    is_64: true,
    pid: 1,
    brk_start: 0,
    brk: 0,
    mmap_next: MMAP_BASE,
    fds: [None; MAX_FDS],
    tls: [0; arch::GDT_ENTRY_TLS_ENTRIES],
};

/// The calling process.
pub fn current() -> &'static mut Process {
    // SAFETY: one CPU, no interrupts, and no body holds two of these at once.
    unsafe { &mut *addr_of_mut!(PROCESS) }
}

/// `len` bytes of user memory at `address`, or `EFAULT`.
pub fn user_bytes(address: u64, len: usize) -> Result<&'static mut [u8], Errno> {
    let end = address.checked_add(len as u64).ok_or(Errno::EFAULT)?;
    if address < USER_BASE || end > USER_END {
        return Err(Errno::EFAULT);
    }
    // SAFETY: identity-mapped RAM in the user range.
    Ok(unsafe { core::slice::from_raw_parts_mut(address as *mut u8, len) })
}

/// The NUL-terminated string at `address` (at most 4096 bytes).
pub fn user_str(address: u64) -> Result<&'static str, Errno> {
    for len in 0..4096 {
        if user_bytes(address + len, 1)?[0] == 0 {
            let bytes = user_bytes(address, len as usize)?;
            return core::str::from_utf8(bytes).map_err(|_| Errno::EINVAL);
        }
    }
    Err(Errno::ENAMETOOLONG)
}

/// Starts `argv[0]` with `argv` and runs it to its end: the exit status.
pub fn run(argv: &[&str]) -> u64 {
    let mut regs = PtRegs::default();
    if let Err(e) = exec(argv, &mut regs) {
        crate::kprintln!("x86-kernel: cannot start {}: {e}", argv[0]);
        return 127;
    }
    let process = current();
    process.fds = [None; MAX_FDS];
    for fd in 0..3 {
        process.fds[fd] = Some(Open::Console);
    }
    process.pid += 1;
    arch::run_user(&regs)
}

/// How long the strings `exec` copies may be, in all.
const ARG_SPACE: usize = 4096;

/// Replaces the program: loads `argv[0]` from the file table and sets `regs` as the kernel's
/// `start_thread` does. The strings are copied first: they may live in the old image.
pub fn exec(argv: &[&str], regs: &mut PtRegs) -> Result<(), Errno> {
    let mut space = [0u8; ARG_SPACE];
    let mut lens = [0usize; 32];
    let mut used = 0;
    if argv.len() > lens.len() {
        return Err(Errno::E2BIG);
    }
    for (i, arg) in argv.iter().enumerate() {
        let bytes = arg.as_bytes();
        if used + bytes.len() + 1 > ARG_SPACE {
            return Err(Errno::E2BIG);
        }
        space[used..used + bytes.len()].copy_from_slice(bytes);
        used += bytes.len() + 1;
        lens[i] = bytes.len();
    }
    let index = fs::lookup(argv.first().ok_or(Errno::EFAULT)?).ok_or(Errno::ENOENT)?;
    let image = elf::load(fs::contents(index))?;

    let process = current();
    process.is_64 = image.is_64;
    process.brk_start = (image.end + 4095) & !4095;
    process.brk = process.brk_start;
    process.mmap_next = MMAP_BASE;
    process.tls = [0; arch::GDT_ENTRY_TLS_ENTRIES];
    arch::set_fs_base(0);

    // The stack, from the top: strings, 16 random bytes, the platform name, then (aligned) argc,
    // argv, envp, auxv in the program's word size.
    let word = if image.is_64 { 8u64 } else { 4 };
    let mut top = STACK_TOP;
    let stack = user_bytes(STACK_TOP - 0x10_0000, 0x10_0000)?;
    stack.fill(0);
    let mut put = |bytes: &[u8]| -> u64 {
        top -= bytes.len() as u64;
        user_bytes(top, bytes.len())
            .expect("in the stack")
            .copy_from_slice(bytes);
        top
    };
    let mut pointers = [0u64; 32];
    let mut at = 0;
    for (i, len) in lens[..argv.len()].iter().enumerate() {
        // Each string with its NUL, as copied above.
        pointers[i] = put(&space[at..at + len + 1]);
        at += len + 1;
    }
    let platform = put(if image.is_64 { b"x86_64\0" } else { b"i686\0" });
    let random = put(&[
        0x5a, 0x1e, 0x9c, 0x03, 0x77, 0x41, 0xd2, 0x8b, 0x10, 0xee, 0x36, 0x92, 0x4f, 0xa5, 0x68,
        0xc1,
    ]);
    let execfn = pointers[0];
    let auxv: [(u64, u64); 15] = [
        (3, image.phdr),  // AT_PHDR
        (4, image.phent), // AT_PHENT
        (5, image.phnum), // AT_PHNUM
        (6, 4096),        // AT_PAGESZ
        (7, 0),           // AT_BASE
        (8, 0),           // AT_FLAGS
        (9, image.entry), // AT_ENTRY
        (11, 0),          // AT_UID
        (12, 0),          // AT_EUID
        (13, 0),          // AT_GID
        (14, 0),          // AT_EGID
        (17, 100),        // AT_CLKTCK
        (23, 0),          // AT_SECURE
        (25, random),     // AT_RANDOM
        (15, platform),   // AT_PLATFORM
    ];
    let words = 1 + argv.len() + 1 + 1 + 2 * (auxv.len() + 2);
    let start = (top - words as u64 * word) & !15;
    let mut sp = start;
    let mut push = |value: u64| {
        let bytes = value.to_le_bytes();
        user_bytes(sp, word as usize)
            .expect("in the stack")
            .copy_from_slice(&bytes[..word as usize]);
        sp += word;
    };
    push(argv.len() as u64);
    for p in &pointers[..argv.len()] {
        push(*p);
    }
    push(0); // argv's end
    push(0); // an empty environment
    for (key, value) in auxv.iter().chain(&[(31, execfn), (0, 0)]) {
        push(*key);
        push(*value);
    }

    *regs = PtRegs::default();
    regs.ip = image.entry;
    regs.sp = start;
    regs.flags = 0x202;
    if image.is_64 {
        regs.cs = arch::USER_CS;
    } else {
        regs.cs = arch::USER32_CS;
    }
    regs.ss = arch::USER_DS;
    Ok(())
}
