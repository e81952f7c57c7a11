//! Every system call of the kernel, each defined once with `#[syscall_define]`, and the two
//! tables the entries dispatch through (x86-64 for `syscall`, ia32 for `int $0x80`), with entry
//! and exit work: a deny list and a trace, both set from the kernel command line.
//!
//! The calls with 64-bit and other distinctive arguments print what they received as
//! `SYS name key=0x…`, in the same words the test programs print what they passed (`CALL …`):
//! ia32's `_llseek`, `mmap2`, `fadvise64_64` and `ftruncate64` print as the x86-64 call they
//! mean, with the value joined or scaled.

use core::ptr::addr_of_mut;

use syscall_define::regs::x86_64::PtRegs;
use syscall_define::regs::{AbiTag, Ia32, X86_64};
use syscall_define::uapi::{DirFd, Mode, OpenFlags, Signal, Whence};
use syscall_define::{
    Descriptor, EntryAction, Errno, SyscallHooks, UserCStr, UserPtr, syscall_define, syscall_table,
};
use syscalls::{x86::Sysno as Nr32, x86_64::Sysno as Nr64};

use crate::arch;
use crate::fs;
use crate::kprintln;
use crate::process::{self, Open, current, user_bytes, user_str};

// ---- files ----

fn fd_entry(fd: u32) -> Result<Open, Errno> {
    current()
        .fds
        .get(fd as usize)
        .copied()
        .flatten()
        .ok_or(Errno::EBADF)
}

fn file_of(fd: u32) -> Result<(usize, u64), Errno> {
    match fd_entry(fd)? {
        Open::File { index, pos, .. } => Ok((index, pos)),
        Open::Console => Err(Errno::ESPIPE),
        Open::Dir { .. } => Err(Errno::EISDIR),
    }
}

fn set_pos(fd: u32, new: u64) {
    if let Some(Some(Open::File { pos, .. })) = current().fds.get_mut(fd as usize) {
        *pos = new;
    }
}

/// Whether `fd` is an open file (not the console): the calls on it print what they received.
fn is_file(fd: i64) -> bool {
    u32::try_from(fd).is_ok_and(|fd| matches!(fd_entry(fd), Ok(Open::File { .. })))
}

#[syscall_define(abi(x86_64, ia32))]
fn read(fd: u32, buf: UserPtr<u8>, count: usize) -> Result<usize, Errno> {
    let out = user_bytes(buf.addr() as u64, count)?;
    match fd_entry(fd)? {
        Open::Console => Ok(0),
        Open::Dir { .. } => Err(Errno::EISDIR),
        Open::File { index, pos, .. } => {
            let n = fs::read_at(index, pos, out);
            set_pos(fd, pos + n as u64);
            Ok(n)
        }
    }
}

#[syscall_define(abi(x86_64, ia32))]
fn write(fd: u32, buf: UserPtr<u8>, count: usize) -> Result<usize, Errno> {
    write_bytes(fd, buf, count)
}

/// What `write` does, for `writev` too (a definition's body has no name outside its expansion).
fn write_bytes(fd: u32, buf: UserPtr<u8>, count: usize) -> Result<usize, Errno> {
    let bytes = user_bytes(buf.addr() as u64, count)?;
    match fd_entry(fd)? {
        Open::Console => {
            crate::serial::write(bytes);
            Ok(count)
        }
        Open::Dir { .. } => Err(Errno::EISDIR),
        Open::File { index, pos, append } => {
            let at = if append {
                fs::file(index).size as u64
            } else {
                pos
            };
            let n = fs::write_at(index, at, bytes)?;
            set_pos(fd, at + n as u64);
            Ok(n)
        }
    }
}

/// `writev`: the iovec is two words of the caller's size.
#[syscall_define(abi(x86_64, ia32))]
fn writev(fd: u32, vec: UserPtr<u8>, vlen: usize) -> Result<usize, Errno> {
    let word = if current().is_64 { 8 } else { 4 };
    let mut total = 0;
    for i in 0..vlen.min(1024) {
        let entry = user_bytes((vec.addr() + i * 2 * word) as u64, 2 * word)?;
        let read_word = |at: usize| {
            let mut w = [0u8; 8];
            w[..word].copy_from_slice(&entry[at..at + word]);
            u64::from_le_bytes(w) as usize
        };
        let (base, len) = (read_word(0), read_word(word));
        total += write_bytes(fd, UserPtr::new(base), len)?;
    }
    Ok(total)
}

const O_ACCMODE: i32 = 3;
const O_TRUNC: i32 = 0o1000;
const O_APPEND: i32 = 0o2000;
const AT_FDCWD: i32 = -100;

/// What `path` names: a file or a directory of the file table.
fn lookup_path(path: &str) -> Result<Open, Errno> {
    match fs::lookup(path) {
        Some(index) => Ok(Open::File {
            index,
            pos: 0,
            append: false,
        }),
        None => {
            let (index, len) = fs::lookup_dir(path).ok_or(Errno::ENOENT)?;
            Ok(Open::Dir { index, len, pos: 0 })
        }
    }
}

fn open_path(path: &str, flags: OpenFlags) -> Result<i32, Errno> {
    let flags = flags.0;
    let mut open = lookup_path(path)?;
    if let Open::File { index, append, .. } = &mut open {
        if flags & O_TRUNC != 0 && flags & O_ACCMODE != 0 {
            fs::truncate(*index, 0)?;
        }
        *append = flags & O_APPEND != 0;
    }
    let process = current();
    let fd = process
        .fds
        .iter()
        .position(Option::is_none)
        .ok_or(Errno::EMFILE)?;
    process.fds[fd] = Some(open);
    Ok(fd as i32)
}

/// `struct linux_dirent64` records, as many as fit.
#[syscall_define(abi(x86_64, ia32))]
fn getdents64(fd: u32, dirent: UserPtr<u8>, count: u32) -> Result<usize, Errno> {
    let Open::Dir { index, len, pos } = fd_entry(fd)? else {
        return Err(Errno::ENOTDIR);
    };
    let out = user_bytes(dirent.addr() as u64, count as usize)?;
    let mut used = 0;
    let mut n = pos;
    while let Some((name, is_dir)) = fs::dir_entry(index, len, n) {
        let reclen = (19 + name.len() + 1 + 7) & !7;
        if used + reclen > out.len() {
            break;
        }
        let record = &mut out[used..used + reclen];
        record.fill(0);
        record[0..8].copy_from_slice(&(n as u64 + 1).to_le_bytes()); // d_ino
        record[8..16].copy_from_slice(&(n as u64 + 1).to_le_bytes()); // d_off
        record[16..18].copy_from_slice(&(reclen as u16).to_le_bytes());
        record[18] = if is_dir { 4 } else { 8 }; // DT_DIR, DT_REG
        record[19..19 + name.len()].copy_from_slice(name.as_bytes());
        used += reclen;
        n += 1;
    }
    if let Some(Some(Open::Dir { pos, .. })) = current().fds.get_mut(fd as usize) {
        *pos = n;
    }
    Ok(used)
}

/// x86-64's `struct stat` (144 bytes) for what `path`/`fd` names.
fn fill_stat(open: Open, out: &mut [u8]) {
    out.fill(0);
    let (mode, size, ino): (u32, u64, u64) = match open {
        Open::Console => (0o20_620, 0, 1),
        Open::File { index, .. } => (0o100_755, fs::file(index).size as u64, 100 + index as u64),
        Open::Dir { index, len, .. } => (0o40_755, 4096, 1000 + index as u64 * 64 + len as u64),
    };
    out[8..16].copy_from_slice(&ino.to_le_bytes());
    out[16..24].copy_from_slice(&1u64.to_le_bytes()); // st_nlink
    out[24..28].copy_from_slice(&mode.to_le_bytes());
    out[48..56].copy_from_slice(&size.to_le_bytes());
    out[56..64].copy_from_slice(&4096u64.to_le_bytes()); // st_blksize
    out[64..72].copy_from_slice(&size.div_ceil(512).to_le_bytes()); // st_blocks
}

const AT_EMPTY_PATH: i32 = 0x1000;

/// What a stat call names: `dfd` itself for an empty path with `AT_EMPTY_PATH`, else the path.
fn stat_target(dfd: DirFd, filename: UserCStr, flags: i32) -> Result<Open, Errno> {
    let path = user_str(filename.addr() as u64)?;
    if path.is_empty() && flags & AT_EMPTY_PATH != 0 {
        fd_entry(dfd.0 as u32)
    } else {
        lookup_path(path)
    }
}

#[syscall_define(abi(x86_64))]
fn newfstatat(
    dfd: DirFd,
    filename: UserCStr,
    statbuf: UserPtr<u8>,
    flag: i32,
) -> Result<(), Errno> {
    fill_stat(
        stat_target(dfd, filename, flag)?,
        user_bytes(statbuf.addr() as u64, 144)?,
    );
    Ok(())
}

/// `statx` (both ABIs: `struct statx` is the same for every ABI, which is why 32-bit glibc
/// tries it first).
#[syscall_define(abi(x86_64, ia32))]
fn statx(
    dfd: DirFd,
    filename: UserCStr,
    flags: u32,
    mask: u32,
    buffer: UserPtr<u8>,
) -> Result<(), Errno> {
    let _ = mask;
    let open = stat_target(dfd, filename, flags as i32)?;
    let mut stat = [0u8; 144];
    fill_stat(open, &mut stat);
    let out = user_bytes(buffer.addr() as u64, 256)?;
    out.fill(0);
    let field = |at: usize, len: usize| &stat[at..at + len];
    out[0..4].copy_from_slice(&0x7ffu32.to_le_bytes()); // STATX_BASIC_STATS
    out[4..8].copy_from_slice(&4096u32.to_le_bytes()); // stx_blksize
    out[16..20].copy_from_slice(&1u32.to_le_bytes()); // stx_nlink
    out[28..30].copy_from_slice(field(24, 2)); // stx_mode
    out[32..40].copy_from_slice(field(8, 8)); // stx_ino
    out[40..48].copy_from_slice(field(48, 8)); // stx_size
    out[48..56].copy_from_slice(field(64, 8)); // stx_blocks
    Ok(())
}

#[syscall_define(abi(x86_64))]
fn fstat(fd: u32, statbuf: UserPtr<u8>) -> Result<(), Errno> {
    fill_stat(fd_entry(fd)?, user_bytes(statbuf.addr() as u64, 144)?);
    Ok(())
}

#[syscall_define(abi(x86_64, ia32))]
fn open(filename: UserCStr, flags: OpenFlags, mode: Mode) -> Result<i32, Errno> {
    let _ = mode;
    open_path(user_str(filename.addr() as u64)?, flags)
}

#[syscall_define(abi(x86_64, ia32))]
fn openat(dfd: DirFd, filename: UserCStr, flags: OpenFlags, mode: Mode) -> Result<i32, Errno> {
    let _ = mode;
    let path = user_str(filename.addr() as u64)?;
    if dfd.0 != AT_FDCWD && !path.starts_with('/') {
        return Err(Errno::ENOTDIR);
    }
    open_path(path, flags)
}

#[syscall_define(abi(x86_64, ia32))]
fn close(fd: u32) -> Result<(), Errno> {
    fd_entry(fd)?;
    current().fds[fd as usize] = None;
    Ok(())
}

fn seek(fd: u32, offset: i64, whence: Whence) -> Result<u64, Errno> {
    let (index, pos) = file_of(fd)?;
    let base = match whence.0 {
        0 => 0,
        1 => pos as i64,
        2 => fs::file(index).size as i64,
        _ => return Err(Errno::EINVAL),
    };
    let new = base
        .checked_add(offset)
        .filter(|n| *n >= 0)
        .ok_or(Errno::EINVAL)?;
    set_pos(fd, new as u64);
    Ok(new as u64)
}

#[syscall_define(abi(x86_64, ia32))]
fn lseek(fd: u32, offset: isize, whence: Whence) -> Result<isize, Errno> {
    if is_file(fd.into()) {
        kprintln!(
            "SYS lseek fd=0x{fd:x} offset=0x{:x} whence=0x{:x}",
            offset as i64,
            whence.0
        );
    }
    seek(fd, offset as i64, whence).map(|n| n as isize)
}

/// ia32 `_llseek`: the offset in two words, the result through a pointer.
#[syscall_define(abi(ia32))]
fn _llseek(
    fd: u32,
    offset_high: usize,
    offset_low: usize,
    result: UserPtr<i64>,
    whence: Whence,
) -> Result<(), Errno> {
    let offset = ((offset_high as u64) << 32 | offset_low as u64) as i64;
    if is_file(fd.into()) {
        kprintln!(
            "SYS lseek fd=0x{fd:x} offset=0x{:x} whence=0x{:x}",
            offset,
            whence.0
        );
    }
    let new = seek(fd, offset, whence)?;
    user_bytes(result.addr() as u64, 8)?.copy_from_slice(&new.to_le_bytes());
    Ok(())
}

#[syscall_define(abi(x86_64, ia32))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
    kprintln!("SYS pread64 fd=0x{fd:x} count=0x{count:x} pos=0x{pos:x}");
    let (index, _) = file_of(fd)?;
    if pos < 0 {
        return Err(Errno::EINVAL);
    }
    Ok(fs::read_at(
        index,
        pos as u64,
        user_bytes(buf.addr() as u64, count)?,
    ))
}

#[syscall_define(abi(x86_64, ia32))]
fn pwrite64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
    kprintln!("SYS pwrite64 fd=0x{fd:x} count=0x{count:x} pos=0x{pos:x}");
    let (index, _) = file_of(fd)?;
    if pos < 0 {
        return Err(Errno::EINVAL);
    }
    fs::write_at(index, pos as u64, user_bytes(buf.addr() as u64, count)?)
}

#[syscall_define(abi(x86_64, ia32))]
fn ftruncate(fd: u32, length: isize) -> Result<(), Errno> {
    kprintln!("SYS ftruncate fd=0x{fd:x} length=0x{:x}", length as i64);
    fs::truncate(
        file_of(fd)?.0,
        u64::try_from(length).map_err(|_| Errno::EINVAL)?,
    )
}

#[syscall_define(abi(ia32))]
fn ftruncate64(fd: u32, length: i64) -> Result<(), Errno> {
    kprintln!("SYS ftruncate fd=0x{fd:x} length=0x{length:x}");
    fs::truncate(
        file_of(fd)?.0,
        u64::try_from(length).map_err(|_| Errno::EINVAL)?,
    )
}

#[syscall_define(abi(x86_64, ia32))]
fn fallocate(fd: i32, mode: i32, offset: i64, len: i64) -> Result<(), Errno> {
    kprintln!("SYS fallocate fd=0x{fd:x} mode=0x{mode:x} offset=0x{offset:x} len=0x{len:x}");
    let index = file_of(fd as u32)?.0;
    let end = offset
        .checked_add(len)
        .filter(|e| *e >= 0)
        .ok_or(Errno::EINVAL)? as u64;
    if end > fs::file(index).size as u64 {
        fs::truncate(index, end)?;
    }
    Ok(())
}

#[syscall_define(abi(x86_64, ia32))]
fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> Result<(), Errno> {
    kprintln!(
        "SYS sync_file_range fd=0x{fd:x} offset=0x{offset:x} nbytes=0x{nbytes:x} flags=0x{flags:x}"
    );
    file_of(fd as u32).map(|_| ())
}

#[syscall_define(abi(x86_64))]
fn fadvise64(fd: i32, offset: i64, len: usize, advice: i32) -> Result<(), Errno> {
    kprintln!("SYS fadvise fd=0x{fd:x} offset=0x{offset:x} len=0x{len:x} advice=0x{advice:x}");
    file_of(fd as u32).map(|_| ())
}

#[syscall_define(abi(ia32))]
fn fadvise64_64(fd: i32, offset: i64, len: i64, advice: i32) -> Result<(), Errno> {
    kprintln!("SYS fadvise fd=0x{fd:x} offset=0x{offset:x} len=0x{len:x} advice=0x{advice:x}");
    file_of(fd as u32).map(|_| ())
}

#[syscall_define(abi(x86_64, ia32))]
fn ioctl(fd: u32, cmd: u32, arg: usize) -> Result<i32, Errno> {
    let _ = (cmd, arg);
    fd_entry(fd)?;
    Err(Errno::ENOTTY)
}

// ---- memory ----

#[syscall_define(abi(x86_64, ia32))]
fn brk(brk: usize) -> usize {
    let process = current();
    let wanted = brk as u64;
    if wanted >= process.brk_start && wanted < 0x1000_0000 {
        if wanted > process.brk
            && let Ok(fresh) = user_bytes(process.brk, (wanted - process.brk) as usize)
        {
            fresh.fill(0);
        }
        process.brk = wanted;
    }
    process.brk as usize
}

fn map_anonymous(len: usize, fd: i64, offset: u64) -> Result<usize, Errno> {
    let process = current();
    let len = (len as u64 + 4095) & !4095;
    let address = process.mmap_next;
    if len == 0 || address + len > process::MMAP_END {
        return Err(Errno::ENOMEM);
    }
    user_bytes(address, len as usize)?.fill(0);
    process.mmap_next += len;
    // A private file mapping: the file's bytes, copied.
    if is_file(fd) {
        let (index, _) = file_of(fd as u32)?;
        fs::read_at(index, offset, user_bytes(address, len as usize)?);
    }
    Ok(address as usize)
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
    let fd = fd as i32 as i64;
    if is_file(fd) {
        kprintln!(
            "SYS mmap len=0x{len:x} prot=0x{prot:x} flags=0x{flags:x} fd=0x{fd:x} offset=0x{off:x}"
        );
    }
    let _ = addr;
    map_anonymous(len, fd, off as u64)
}

/// ia32 `mmap2`: the offset in pages.
#[syscall_define(abi(ia32))]
fn mmap2(
    addr: usize,
    len: usize,
    prot: usize,
    flags: usize,
    fd: usize,
    pgoff: usize,
) -> Result<usize, Errno> {
    let fd = fd as i32 as i64;
    let offset = pgoff as u64 * 4096;
    if is_file(fd) {
        kprintln!(
            "SYS mmap len=0x{len:x} prot=0x{prot:x} flags=0x{flags:x} fd=0x{fd:x} offset=0x{offset:x}"
        );
    }
    let _ = addr;
    map_anonymous(len, fd, offset)
}

#[syscall_define(abi(x86_64, ia32))]
fn munmap(addr: usize, len: usize) -> Result<(), Errno> {
    let _ = (addr, len);
    Ok(())
}

#[syscall_define(abi(x86_64, ia32))]
fn mprotect(start: usize, len: usize, prot: usize) -> Result<(), Errno> {
    let _ = (start, len, prot);
    Ok(())
}

// ---- threads, TLS, identity ----

const ARCH_SET_FS: i32 = 0x1002;

#[syscall_define(abi(x86_64))]
fn arch_prctl(option: i32, arg2: usize) -> Result<(), Errno> {
    match option {
        ARCH_SET_FS => {
            arch::set_fs_base(arg2 as u64);
            Ok(())
        }
        _ => Err(Errno::EINVAL),
    }
}

/// `struct user_desc` (`asm/ldt.h`).
#[repr(C)]
pub struct UserDesc {
    entry_number: u32,
    base_addr: u32,
    limit: u32,
    flags: u32,
}

/// ia32 TLS: a GDT slot (12..=14) for `%gs`, as Linux's `set_thread_area`.
#[syscall_define(abi(ia32))]
fn set_thread_area(u_info: UserPtr<UserDesc>) -> Result<(), Errno> {
    let bytes = user_bytes(u_info.addr() as u64, 16)?;
    let field = |i: usize| {
        u32::from_le_bytes([
            bytes[4 * i],
            bytes[4 * i + 1],
            bytes[4 * i + 2],
            bytes[4 * i + 3],
        ])
    };
    let (mut entry, base, limit, flags) = (field(0), field(1), field(2), field(3));
    let tls = &mut current().tls;
    if entry == u32::MAX {
        let free = tls.iter().position(|d| *d == 0).ok_or(Errno::ESRCH)?;
        entry = (arch::GDT_ENTRY_TLS_MIN + free) as u32;
        bytes[..4].copy_from_slice(&entry.to_le_bytes());
    }
    let slot = (entry as usize)
        .checked_sub(arch::GDT_ENTRY_TLS_MIN)
        .filter(|s| *s < arch::GDT_ENTRY_TLS_ENTRIES)
        .ok_or(Errno::EINVAL)?;
    // flags: seg_32bit (bit 0), contents (1-2), read_exec_only (3), limit_in_pages (4),
    // seg_not_present (5), useable (6).
    let (base, limit) = (u64::from(base), u64::from(limit));
    let granularity = u64::from(flags >> 4 & 1);
    let descriptor = (limit & 0xffff)
        | (base & 0xff_ffff) << 16
        | (0xf2 << 40) // present, DPL 3, data, writable
        | ((limit >> 16) & 0xf) << 48
        | u64::from(flags & 1) << 54
        | granularity << 55
        | ((base >> 24) & 0xff) << 56;
    tls[slot] = descriptor;
    arch::set_gdt_entry(arch::GDT_ENTRY_TLS_MIN + slot, descriptor);
    Ok(())
}

#[syscall_define(abi(x86_64, ia32))]
fn set_tid_address(tidptr: UserPtr<i32>) -> i32 {
    let _ = tidptr;
    current().pid
}

#[syscall_define(abi(x86_64, ia32))]
fn set_robust_list(head: UserPtr<u8>, len: usize) -> Result<(), Errno> {
    let _ = (head, len);
    Ok(())
}

#[syscall_define(abi(x86_64, ia32))]
fn getpid() -> i32 {
    current().pid
}

#[syscall_define(abi(x86_64, ia32))]
fn gettid() -> i32 {
    current().pid
}

/// Also reached from the `syscall` entry's assembly by its exported name, as a C or assembly
/// table would reach it (`__x64_sys_getppid`).
#[syscall_define(abi(x86_64, ia32), export)]
fn getppid() -> i32 {
    1
}

macro_rules! root {
    ($($name:ident: $abi:ident),*) => {$(
        #[syscall_define(abi($abi))]
        fn $name() -> i32 {
            0
        }
    )*};
}
root!(getuid: x86_64, geteuid: x86_64, getgid: x86_64, getegid: x86_64);
root!(getuid32: ia32, geteuid32: ia32, getgid32: ia32, getegid32: ia32);

#[syscall_define(abi(x86_64, ia32))]
fn kill(pid: i32, sig: Signal) -> Result<(), Errno> {
    if pid != current().pid && pid != 0 {
        return Err(Errno::ESRCH);
    }
    let _ = sig;
    Ok(())
}

/// `struct new_utsname`.
#[repr(C)]
pub struct NewUtsname {
    fields: [[u8; 65]; 6],
}

#[syscall_define(abi(x86_64, ia32))]
fn uname(name: UserPtr<NewUtsname>) -> Result<(), Errno> {
    let out = user_bytes(name.addr() as u64, 6 * 65)?;
    out.fill(0);
    let machine = if current().is_64 { "x86_64" } else { "i686" };
    for (i, field) in [
        "Linux",
        "syscall-define",
        "6.1.0-syscall-define",
        "#1 x86-kernel",
        machine,
        "(none)",
    ]
    .iter()
    .enumerate()
    {
        out[i * 65..i * 65 + field.len()].copy_from_slice(field.as_bytes());
    }
    Ok(())
}

#[syscall_define(abi(x86_64, ia32))]
fn getrandom(buf: UserPtr<u8>, count: usize, flags: u32) -> Result<usize, Errno> {
    let _ = flags;
    static mut STATE: u64 = 0x9e37_79b9_7f4a_7c15;
    for byte in user_bytes(buf.addr() as u64, count)? {
        // SAFETY: single CPU, no interrupts.
        unsafe {
            let s = &mut *addr_of_mut!(STATE);
            *s ^= *s << 13;
            *s ^= *s >> 7;
            *s ^= *s << 17;
            *byte = *s as u8;
        }
    }
    Ok(count)
}

#[syscall_define(abi(x86_64, ia32))]
fn exit(error_code: i32) -> ! {
    arch::exit_process(u64::from(error_code as u32 & 0xff))
}

#[syscall_define(abi(x86_64, ia32))]
fn exit_group(error_code: i32) -> ! {
    arch::exit_process(u64::from(error_code as u32 & 0xff))
}

/// `execve`: a full-register system call. The new program replaces the register file, in
/// either mode (a 64-bit program may start a 32-bit one: the return is then by `iretq` into
/// compat mode).
#[syscall_define(abi(x86_64, ia32), ptregs)]
fn execve(
    regs: &mut PtRegs,
    filename: UserCStr,
    argv: UserPtr<usize>,
    envp: UserPtr<usize>,
) -> isize {
    let _ = envp;
    let word = if current().is_64 { 8 } else { 4 };
    let result = (|| -> Result<(), Errno> {
        let path = user_str(filename.addr() as u64)?;
        let mut args: [&str; 16] = [""; 16];
        let mut n = 0;
        args[0] = path;
        n += 1;
        // argv[0] is the name the program is run as; the path is what is loaded.
        for i in 1..16 {
            let slot = user_bytes((argv.addr() + i * word) as u64, word)?;
            let mut w = [0u8; 8];
            w[..word].copy_from_slice(slot);
            let pointer = u64::from_le_bytes(w);
            if pointer == 0 {
                break;
            }
            args[n] = user_str(pointer)?;
            n += 1;
        }
        kprintln!("x86-kernel: execve {path}");
        process::exec(&args[..n], regs)
    })();
    match result {
        Ok(()) => 0,
        Err(e) => -(e.into_raw() as isize),
    }
}

// ---- the tables ----

syscall_table! {
    pub static X64: SyscallTable<X86_64, PtRegs, 512> = {
        Nr64::read as usize => read,
        Nr64::write as usize => write,
        Nr64::writev as usize => writev,
        Nr64::open as usize => open,
        Nr64::openat as usize => openat,
        Nr64::close as usize => close,
        Nr64::getdents64 as usize => getdents64,
        Nr64::newfstatat as usize => newfstatat,
        Nr64::fstat as usize => fstat,
        Nr64::statx as usize => statx,
        Nr64::lseek as usize => lseek,
        Nr64::pread64 as usize => pread64,
        Nr64::pwrite64 as usize => pwrite64,
        Nr64::ftruncate as usize => ftruncate,
        Nr64::fallocate as usize => fallocate,
        Nr64::sync_file_range as usize => sync_file_range,
        Nr64::fadvise64 as usize => fadvise64,
        Nr64::ioctl as usize => ioctl,
        Nr64::brk as usize => brk,
        Nr64::mmap as usize => mmap,
        Nr64::munmap as usize => munmap,
        Nr64::mprotect as usize => mprotect,
        Nr64::arch_prctl as usize => arch_prctl,
        Nr64::set_tid_address as usize => set_tid_address,
        Nr64::set_robust_list as usize => set_robust_list,
        Nr64::getpid as usize => getpid,
        Nr64::gettid as usize => gettid,
        Nr64::getppid as usize => getppid,
        Nr64::getuid as usize => getuid,
        Nr64::geteuid as usize => geteuid,
        Nr64::getgid as usize => getgid,
        Nr64::getegid as usize => getegid,
        Nr64::kill as usize => kill,
        Nr64::uname as usize => uname,
        Nr64::getrandom as usize => getrandom,
        Nr64::exit as usize => exit,
        Nr64::exit_group as usize => exit_group,
        Nr64::execve as usize => execve,
    };
}

syscall_table! {
    pub static IA32: SyscallTable<Ia32, PtRegs, 512> = {
        Nr32::read as usize => read,
        Nr32::write as usize => write,
        Nr32::writev as usize => writev,
        Nr32::open as usize => open,
        Nr32::openat as usize => openat,
        Nr32::close as usize => close,
        Nr32::getdents64 as usize => getdents64,
        Nr32::statx as usize => statx,
        Nr32::lseek as usize => lseek,
        Nr32::_llseek as usize => _llseek,
        Nr32::pread64 as usize => pread64,
        Nr32::pwrite64 as usize => pwrite64,
        Nr32::ftruncate as usize => ftruncate,
        Nr32::ftruncate64 as usize => ftruncate64,
        Nr32::fallocate as usize => fallocate,
        Nr32::sync_file_range as usize => sync_file_range,
        Nr32::fadvise64_64 as usize => fadvise64_64,
        Nr32::ioctl as usize => ioctl,
        Nr32::brk as usize => brk,
        Nr32::mmap2 as usize => mmap2,
        Nr32::munmap as usize => munmap,
        Nr32::mprotect as usize => mprotect,
        Nr32::set_thread_area as usize => set_thread_area,
        Nr32::set_tid_address as usize => set_tid_address,
        Nr32::set_robust_list as usize => set_robust_list,
        Nr32::getpid as usize => getpid,
        Nr32::gettid as usize => gettid,
        Nr32::getppid as usize => getppid,
        Nr32::getuid32 as usize => getuid32,
        Nr32::geteuid32 as usize => geteuid32,
        Nr32::getgid32 as usize => getgid32,
        Nr32::getegid32 as usize => getegid32,
        Nr32::kill as usize => kill,
        Nr32::uname as usize => uname,
        Nr32::getrandom as usize => getrandom,
        Nr32::exit as usize => exit,
        Nr32::exit_group as usize => exit_group,
        Nr32::execve as usize => execve,
    };
}

// ---- entry and exit work ----

/// The deny list (`deny=NAME,…` on the command line: those calls fail with `EPERM`, as a
/// seccomp filter's `SECCOMP_RET_ERRNO` would) and the trace (`trace`).
struct Hooks {
    deny: [&'static str; 8],
    denied: usize,
    trace: bool,
}

static mut HOOKS: Hooks = Hooks {
    deny: [""; 8],
    denied: 0,
    trace: false,
};

fn hooks() -> &'static mut Hooks {
    // SAFETY: single CPU, no interrupts.
    unsafe { &mut *addr_of_mut!(HOOKS) }
}

/// Whether any entry work is on (a deny list or the trace): the `syscall` entry's fast path is
/// taken only without.
#[unsafe(no_mangle)]
static mut syscall_work: u8 = 0;

fn work_on() {
    // SAFETY: single CPU; set at boot, before any user code.
    unsafe { syscall_work = 1 };
}

pub fn deny(names: &'static str) {
    work_on();
    for name in names.split(',') {
        let h = hooks();
        if h.denied < h.deny.len() {
            h.deny[h.denied] = name;
            h.denied += 1;
        }
    }
}

pub fn set_trace(on: bool) {
    if on {
        work_on();
    }
    hooks().trace = on;
}

impl<A: AbiTag> SyscallHooks<A, PtRegs> for Hooks
where
    PtRegs: syscall_define::regs::ArgRegisters<A>,
{
    fn on_entry(
        &mut self,
        nr: isize,
        descriptor: Option<&'static Descriptor>,
        regs: &PtRegs,
    ) -> EntryAction {
        if self.trace {
            match descriptor.and_then(|d| Some((d, d.decode_regs::<A, _>(regs)?))) {
                Some((d, values)) => kprintln!(
                    "[trace {}] {}",
                    A::ABI.name,
                    d.display_call(&values[..d.args.len()])
                ),
                None => kprintln!("[trace {}] syscall {nr} (not implemented)", A::ABI.name),
            }
        }
        match descriptor {
            Some(d) if self.deny[..self.denied].contains(&d.name) => {
                EntryAction::Deny(Errno::EPERM)
            }
            _ => EntryAction::Allow,
        }
    }

    fn on_exit(
        &mut self,
        _nr: isize,
        descriptor: Option<&'static Descriptor>,
        _regs: &PtRegs,
        ret: isize,
    ) -> isize {
        if self.trace {
            match descriptor {
                Some(d) => kprintln!("[trace {}] {} = {ret}", A::ABI.name, d.name),
                None => kprintln!("[trace {}] syscall {_nr} = {ret}", A::ABI.name),
            }
        }
        ret
    }
}

/// From the `syscall` entry: runs the call, and says whether the return must be by `iretq`
/// (Linux's conditions for `sysretq`: the frame is the one `syscall` made).
#[unsafe(no_mangle)]
extern "C" fn do_syscall_64(regs: &mut PtRegs) -> bool {
    let nr = regs.orig_ax as isize;
    // SAFETY: the arch entry path, on the registers the entry saved.
    let ret = unsafe { X64.dispatch_with(nr, regs, hooks()) };
    regs.ax = ret as u64;
    !(regs.cs == arch::USER_CS
        && regs.ss == arch::USER_DS
        && regs.cx == regs.ip
        && regs.r11 == regs.flags
        && regs.ip < 0x0000_8000_0000_0000
        && regs.flags & (0x100 | 0x1_0000) == 0)
}

/// From the `int $0x80` entry: an ia32 call (the number is 32 bits, as is every argument).
#[unsafe(no_mangle)]
extern "C" fn do_int80_compat(regs: &mut PtRegs) {
    let nr = regs.orig_ax as u32 as isize;
    // SAFETY: the arch entry path.
    let ret = unsafe { IA32.dispatch_with(nr, regs, hooks()) };
    regs.ax = ret as u64;
}
