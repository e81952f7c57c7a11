//! The system calls the tracer knows, each defined once with `#[syscall_define]` with the types
//! of its Linux 6.1 declaration (`SYSCALL_DEFINEx`, or the entry point of the ABI's table where
//! that differs), for x86-64 and ia32.
//!
//! The tracer decodes every call with the generated [`Descriptor`](syscall_define::Descriptor)s;
//! the sandbox runs the bodies of the few calls it serves ([`uname`], [`olduname`],
//! [`oldolduname`], [`getpid`]) through the generated entry stubs. Every other body is never run:
//! the host kernel executes those calls, and the body says so by returning `ENOSYS`, which is
//! what a kernel without the call returns.
//!
//! Where Linux declares a call differently per ABI, there is one definition per ABI:
//! x86-64's `mmap`, `lseek`-family and `fadvise64` next to ia32's `mmap2`, `_llseek`,
//! `fadvise64_64`, `ftruncate64`, `fstatat64`, `socketcall`, …; ia32 definitions whose names
//! x86-64 also uses (its old `mmap`, its `clone` argument order) are in [`ia32`].
//!
//! 64-bit values (`loff_t`) are one `i64` argument: the allocator places them in a register pair
//! on ia32, so `pread64`, `fallocate`, `sync_file_range`, `fadvise64_64`, `ftruncate64` and
//! `truncate64` need no hand-split halves. `preadv`-family offsets are one `LoHi` argument: the
//! kernel declares two `unsigned long`s, low then high, unpaired on every ABI.

#![allow(clippy::too_many_arguments)]

use core::ffi::{c_char, c_void};

use syscall_define::uapi::{
    Addr, ClockId, DirFd, Fd, FdLong, Hex, MapFlags, Mode, OpenFlags, Prot, Signal, Whence,
};
use syscall_define::{Errno, LoHi, UserBuf, UserBufMut, UserCStr, UserPtr, syscall_define};

use crate::sandbox::{self, IDENTITY};
use crate::uapi::*;

/// The body of a call the sandbox does not serve: the host kernel executes it.
macro_rules! unserved {
    ($($arg:ident),*) => {{
        let _ = ($($arg,)*);
        Err(Errno::ENOSYS)
    }};
}

// ---- served by the sandbox ----

/// `uname(2)` (`newuname`, both ABIs): the sandbox's `struct new_utsname`.
#[syscall_define(abi(x86_64, ia32))]
pub fn uname(name: UserPtr<NewUtsname>) -> Result<(), Errno> {
    sandbox::copy_to_user(name, &IDENTITY.new_utsname())
}

/// ia32 `olduname` (Linux's `sys_uname`): the sandbox's `struct old_utsname`.
#[syscall_define(abi(ia32))]
pub fn olduname(name: UserPtr<OldUtsname>) -> Result<(), Errno> {
    sandbox::copy_to_user(name, &IDENTITY.old_utsname())
}

/// ia32 `oldolduname` (Linux's `sys_olduname`): the sandbox's `struct oldold_utsname`.
#[syscall_define(abi(ia32))]
pub fn oldolduname(name: UserPtr<OldoldUtsname>) -> Result<(), Errno> {
    sandbox::copy_to_user(name, &IDENTITY.oldold_utsname())
}

/// `getpid(2)`: the sandbox's pid.
#[syscall_define(abi(x86_64, ia32))]
pub fn getpid() -> Result<i32, Errno> {
    Ok(IDENTITY.pid)
}

// ---- files: both ABIs ----

/// `read(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn read(fd: Fd, buf: UserBufMut, count: usize) -> Result<usize, Errno> {
    unserved!(fd, buf, count)
}

/// `write(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn write(fd: Fd, buf: UserBuf, count: usize) -> Result<usize, Errno> {
    unserved!(fd, buf, count)
}

/// `open(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn open(filename: UserCStr, flags: OpenFlags, mode: Mode) -> Result<i32, Errno> {
    unserved!(filename, flags, mode)
}

/// `openat(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn openat(dfd: DirFd, filename: UserCStr, flags: OpenFlags, mode: Mode) -> Result<i32, Errno> {
    unserved!(dfd, filename, flags, mode)
}

/// `close(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn close(fd: Fd) -> Result<(), Errno> {
    unserved!(fd)
}

/// `pread64(2)`: `pos` is a register pair on ia32.
#[syscall_define(abi(x86_64, ia32))]
pub fn pread64(fd: Fd, buf: UserBufMut, count: usize, pos: i64) -> Result<usize, Errno> {
    unserved!(fd, buf, count, pos)
}

/// `pwrite64(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn pwrite64(fd: Fd, buf: UserBuf, count: usize, pos: i64) -> Result<usize, Errno> {
    unserved!(fd, buf, count, pos)
}

/// `readv(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn readv(fd: FdLong, vec: UserPtr<Iovec>, vlen: usize) -> Result<usize, Errno> {
    unserved!(fd, vec, vlen)
}

/// `writev(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn writev(fd: FdLong, vec: UserPtr<Iovec>, vlen: usize) -> Result<usize, Errno> {
    unserved!(fd, vec, vlen)
}

/// `preadv(2)`: the offset as two `unsigned long`s, low then high (glibc's `LO_HI_LONG`), on
/// every ABI: one `LoHi` argument.
#[syscall_define(abi(x86_64, ia32))]
pub fn preadv(fd: FdLong, vec: UserPtr<Iovec>, vlen: usize, pos: LoHi) -> Result<usize, Errno> {
    unserved!(fd, vec, vlen, pos)
}

/// `pwritev(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn pwritev(fd: FdLong, vec: UserPtr<Iovec>, vlen: usize, pos: LoHi) -> Result<usize, Errno> {
    unserved!(fd, vec, vlen, pos)
}

/// `preadv2(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn preadv2(
    fd: FdLong,
    vec: UserPtr<Iovec>,
    vlen: usize,
    pos: LoHi,
    flags: Hex<i32>,
) -> Result<usize, Errno> {
    unserved!(fd, vec, vlen, pos, flags)
}

/// `pwritev2(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn pwritev2(
    fd: FdLong,
    vec: UserPtr<Iovec>,
    vlen: usize,
    pos: LoHi,
    flags: Hex<i32>,
) -> Result<usize, Errno> {
    unserved!(fd, vec, vlen, pos, flags)
}

/// `fallocate(2)`: two register pairs on ia32 (edx:esi, edi:ebp).
#[syscall_define(abi(x86_64, ia32))]
pub fn fallocate(fd: Fd, mode: i32, offset: i64, len: i64) -> Result<(), Errno> {
    unserved!(fd, mode, offset, len)
}

/// `sync_file_range(2)`, x86 order (fd, offset, nbytes, flags): no padding on ia32.
#[syscall_define(abi(x86_64, ia32))]
pub fn sync_file_range(fd: Fd, offset: i64, nbytes: i64, flags: Hex<u32>) -> Result<(), Errno> {
    unserved!(fd, offset, nbytes, flags)
}

/// `fadvise64`: x86-64's `posix_fadvise`; ia32 has it too (`ia32_fadvise64`, offset in a pair).
#[syscall_define(abi(x86_64, ia32))]
pub fn fadvise64(fd: Fd, offset: i64, len: usize, advice: i32) -> Result<(), Errno> {
    unserved!(fd, offset, len, advice)
}

/// `lseek(2)`: `off_t` is a `long`.
#[syscall_define(abi(x86_64, ia32))]
pub fn lseek(fd: Fd, offset: isize, whence: Whence) -> Result<isize, Errno> {
    unserved!(fd, offset, whence)
}

/// `ftruncate(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn ftruncate(fd: Fd, length: isize) -> Result<(), Errno> {
    unserved!(fd, length)
}

/// `truncate(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn truncate(path: UserCStr, length: isize) -> Result<(), Errno> {
    unserved!(path, length)
}

/// `stat(2)` (ia32: `compat_sys_newstat`).
#[syscall_define(abi(x86_64, ia32))]
pub fn stat(filename: UserCStr, statbuf: UserPtr<Stat>) -> Result<(), Errno> {
    unserved!(filename, statbuf)
}

/// `lstat(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn lstat(filename: UserCStr, statbuf: UserPtr<Stat>) -> Result<(), Errno> {
    unserved!(filename, statbuf)
}

/// `fstat(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn fstat(fd: Fd, statbuf: UserPtr<Stat>) -> Result<(), Errno> {
    unserved!(fd, statbuf)
}

/// `statx(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn statx(
    dfd: DirFd,
    filename: UserCStr,
    flags: Hex<u32>,
    mask: Hex<u32>,
    buffer: UserPtr<Statx>,
) -> Result<(), Errno> {
    unserved!(dfd, filename, flags, mask, buffer)
}

/// `statfs(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn statfs(pathname: UserCStr, buf: UserPtr<Statfs>) -> Result<(), Errno> {
    unserved!(pathname, buf)
}

/// `fstatfs(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn fstatfs(fd: Fd, buf: UserPtr<Statfs>) -> Result<(), Errno> {
    unserved!(fd, buf)
}

/// `access(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn access(filename: UserCStr, mode: i32) -> Result<(), Errno> {
    unserved!(filename, mode)
}

/// `faccessat(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn faccessat(dfd: DirFd, filename: UserCStr, mode: i32) -> Result<(), Errno> {
    unserved!(dfd, filename, mode)
}

/// `faccessat2(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn faccessat2(dfd: DirFd, filename: UserCStr, mode: i32, flags: Hex<i32>) -> Result<(), Errno> {
    unserved!(dfd, filename, mode, flags)
}

/// `getdents64(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn getdents64(fd: Fd, dirent: UserPtr<LinuxDirent64>, count: u32) -> Result<usize, Errno> {
    unserved!(fd, dirent, count)
}

/// `getdents(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn getdents(fd: Fd, dirent: UserPtr<LinuxDirent>, count: u32) -> Result<usize, Errno> {
    unserved!(fd, dirent, count)
}

/// `ioctl(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn ioctl(fd: Fd, cmd: Hex<u32>, arg: usize) -> Result<isize, Errno> {
    unserved!(fd, cmd, arg)
}

/// `fcntl(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn fcntl(fd: Fd, cmd: Hex<u32>, arg: usize) -> Result<isize, Errno> {
    unserved!(fd, cmd, arg)
}

/// `dup(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn dup(fildes: Fd) -> Result<i32, Errno> {
    unserved!(fildes)
}

/// `dup2(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn dup2(oldfd: Fd, newfd: Fd) -> Result<i32, Errno> {
    unserved!(oldfd, newfd)
}

/// `dup3(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn dup3(oldfd: Fd, newfd: Fd, flags: Hex<i32>) -> Result<i32, Errno> {
    unserved!(oldfd, newfd, flags)
}

/// `pipe(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn pipe(fildes: UserPtr<i32>) -> Result<(), Errno> {
    unserved!(fildes)
}

/// `pipe2(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn pipe2(fildes: UserPtr<i32>, flags: Hex<i32>) -> Result<(), Errno> {
    unserved!(fildes, flags)
}

/// `readlink(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn readlink(path: UserCStr, buf: UserBufMut, bufsiz: i32) -> Result<usize, Errno> {
    unserved!(path, buf, bufsiz)
}

/// `readlinkat(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn readlinkat(
    dfd: DirFd,
    pathname: UserCStr,
    buf: UserBufMut,
    bufsiz: i32,
) -> Result<usize, Errno> {
    unserved!(dfd, pathname, buf, bufsiz)
}

/// `getxattr(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn getxattr(
    pathname: UserCStr,
    name: UserCStr,
    value: UserPtr<c_void>,
    size: usize,
) -> Result<usize, Errno> {
    unserved!(pathname, name, value, size)
}

/// `lgetxattr(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn lgetxattr(
    pathname: UserCStr,
    name: UserCStr,
    value: UserPtr<c_void>,
    size: usize,
) -> Result<usize, Errno> {
    unserved!(pathname, name, value, size)
}

/// `fchown(2)` (ia32's 32-bit-uid `fchown32` has the same arguments).
#[syscall_define(abi(x86_64, ia32))]
pub fn fchown(fd: Fd, user: u32, group: u32) -> Result<(), Errno> {
    unserved!(fd, user, group)
}

/// `fchownat(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn fchownat(
    dfd: DirFd,
    filename: UserCStr,
    user: u32,
    group: u32,
    flag: Hex<i32>,
) -> Result<(), Errno> {
    unserved!(dfd, filename, user, group, flag)
}

/// `getcwd(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn getcwd(buf: UserBufMut, size: usize) -> Result<usize, Errno> {
    unserved!(buf, size)
}

/// `chdir(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn chdir(filename: UserCStr) -> Result<(), Errno> {
    unserved!(filename)
}

/// `fchdir(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn fchdir(fd: Fd) -> Result<(), Errno> {
    unserved!(fd)
}

/// `unlink(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn unlink(pathname: UserCStr) -> Result<(), Errno> {
    unserved!(pathname)
}

/// `unlinkat(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn unlinkat(dfd: DirFd, pathname: UserCStr, flag: Hex<i32>) -> Result<(), Errno> {
    unserved!(dfd, pathname, flag)
}

/// `mkdir(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn mkdir(pathname: UserCStr, mode: Mode) -> Result<(), Errno> {
    unserved!(pathname, mode)
}

/// `mkdirat(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn mkdirat(dfd: DirFd, pathname: UserCStr, mode: Mode) -> Result<(), Errno> {
    unserved!(dfd, pathname, mode)
}

/// `renameat2(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn renameat2(
    olddfd: DirFd,
    oldname: UserCStr,
    newdfd: DirFd,
    newname: UserCStr,
    flags: Hex<u32>,
) -> Result<(), Errno> {
    unserved!(olddfd, oldname, newdfd, newname, flags)
}

/// `umask(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn umask(mask: i32) -> Result<i32, Errno> {
    unserved!(mask)
}

/// `copy_file_range(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn copy_file_range(
    fd_in: Fd,
    off_in: UserPtr<i64>,
    fd_out: Fd,
    off_out: UserPtr<i64>,
    len: usize,
    flags: Hex<u32>,
) -> Result<usize, Errno> {
    unserved!(fd_in, off_in, fd_out, off_out, len, flags)
}

/// `sendfile(2)` (x86-64's; ia32's `sendfile64` has the same shape).
#[syscall_define(abi(x86_64, ia32))]
pub fn sendfile(out_fd: Fd, in_fd: Fd, offset: UserPtr<i64>, count: usize) -> Result<usize, Errno> {
    unserved!(out_fd, in_fd, offset, count)
}

/// `poll(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn poll(ufds: UserPtr<Pollfd>, nfds: u32, timeout_msecs: i32) -> Result<i32, Errno> {
    unserved!(ufds, nfds, timeout_msecs)
}

// ---- memory ----

/// `brk(2)` (the kernel's parameter is named `brk` too).
#[syscall_define(abi(x86_64, ia32))]
pub fn brk(addr: Addr) -> Result<usize, Errno> {
    unserved!(addr)
}

/// `munmap(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn munmap(addr: Addr, len: usize) -> Result<(), Errno> {
    unserved!(addr, len)
}

/// `mprotect(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn mprotect(start: Addr, len: usize, prot: Prot) -> Result<(), Errno> {
    unserved!(start, len, prot)
}

/// `madvise(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn madvise(start: Addr, len_in: usize, behavior: i32) -> Result<(), Errno> {
    unserved!(start, len_in, behavior)
}

/// `mremap(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn mremap(
    addr: Addr,
    old_len: usize,
    new_len: usize,
    flags: usize,
    new_addr: Addr,
) -> Result<usize, Errno> {
    unserved!(addr, old_len, new_len, flags, new_addr)
}

// ---- processes, threads, signals, time ----

/// `execve(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn execve(
    filename: UserCStr,
    argv: UserPtr<UserPtr<c_char>>,
    envp: UserPtr<UserPtr<c_char>>,
) -> Result<(), Errno> {
    unserved!(filename, argv, envp)
}

/// `exit(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn exit(error_code: i32) -> Result<(), Errno> {
    unserved!(error_code)
}

/// `exit_group(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn exit_group(error_code: i32) -> Result<(), Errno> {
    unserved!(error_code)
}

/// `getppid(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn getppid() -> Result<i32, Errno> {
    unserved!()
}

/// `gettid(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn gettid() -> Result<i32, Errno> {
    unserved!()
}

/// `getuid(2)` (on ia32, the 16-bit `getuid`).
#[syscall_define(abi(x86_64, ia32))]
pub fn getuid() -> Result<usize, Errno> {
    unserved!()
}

/// `geteuid(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn geteuid() -> Result<usize, Errno> {
    unserved!()
}

/// `getgid(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn getgid() -> Result<usize, Errno> {
    unserved!()
}

/// `getegid(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn getegid() -> Result<usize, Errno> {
    unserved!()
}

/// `fork(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn fork() -> Result<i32, Errno> {
    unserved!()
}

/// `vfork(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn vfork() -> Result<i32, Errno> {
    unserved!()
}

/// `getpgrp(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn getpgrp() -> Result<i32, Errno> {
    unserved!()
}

/// `setpgid(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn setpgid(pid: i32, pgid: i32) -> Result<(), Errno> {
    unserved!(pid, pgid)
}

/// `kill(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn kill(pid: i32, sig: Signal) -> Result<(), Errno> {
    unserved!(pid, sig)
}

/// `tgkill(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn tgkill(tgid: i32, pid: i32, sig: Signal) -> Result<(), Errno> {
    unserved!(tgid, pid, sig)
}

/// `wait4(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn wait4(
    upid: i32,
    stat_addr: UserPtr<i32>,
    options: i32,
    ru: UserPtr<Rusage>,
) -> Result<i32, Errno> {
    unserved!(upid, stat_addr, options, ru)
}

/// `clone3(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn clone3(uargs: UserPtr<CloneArgs>, size: usize) -> Result<i32, Errno> {
    unserved!(uargs, size)
}

/// `arch_prctl(2)` (ia32 has it too, as `compat_sys_arch_prctl`).
#[syscall_define(abi(x86_64, ia32))]
pub fn arch_prctl(option: i32, arg2: Addr) -> Result<(), Errno> {
    unserved!(option, arg2)
}

/// `set_thread_area(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn set_thread_area(u_info: UserPtr<UserDesc>) -> Result<(), Errno> {
    unserved!(u_info)
}

/// `set_tid_address(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn set_tid_address(tidptr: UserPtr<i32>) -> Result<i32, Errno> {
    unserved!(tidptr)
}

/// `set_robust_list(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn set_robust_list(head: UserPtr<RobustListHead>, len: usize) -> Result<(), Errno> {
    unserved!(head, len)
}

/// `rseq(2)` (the kernel names the first parameter `rseq`; a Rust parameter cannot shadow the
/// syscall's own unit struct).
#[syscall_define(abi(x86_64, ia32))]
pub fn rseq(rseq_area: UserPtr<Rseq>, rseq_len: u32, flags: i32, sig: u32) -> Result<(), Errno> {
    unserved!(rseq_area, rseq_len, flags, sig)
}

/// `prlimit64(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn prlimit64(
    pid: i32,
    resource: u32,
    new_rlim: UserPtr<Rlimit64>,
    old_rlim: UserPtr<Rlimit64>,
) -> Result<(), Errno> {
    unserved!(pid, resource, new_rlim, old_rlim)
}

/// `getrlimit(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn getrlimit(resource: u32, rlim: UserPtr<Rlimit>) -> Result<(), Errno> {
    unserved!(resource, rlim)
}

/// `getrandom(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn getrandom(buf: UserPtr<u8>, count: usize, flags: u32) -> Result<usize, Errno> {
    unserved!(buf, count, flags)
}

/// `futex(2)` (ia32: the `old_timespec32` one; `futex_time64` has the same arguments).
#[syscall_define(abi(x86_64, ia32))]
pub fn futex(
    uaddr: UserPtr<u32>,
    op: i32,
    val: u32,
    utime: UserPtr<Timespec>,
    uaddr2: UserPtr<u32>,
    val3: u32,
) -> Result<isize, Errno> {
    unserved!(uaddr, op, val, utime, uaddr2, val3)
}

/// `rt_sigaction(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn rt_sigaction(
    sig: Signal,
    act: UserPtr<Sigaction>,
    oact: UserPtr<Sigaction>,
    sigsetsize: usize,
) -> Result<(), Errno> {
    unserved!(sig, act, oact, sigsetsize)
}

/// `rt_sigprocmask(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn rt_sigprocmask(
    how: i32,
    nset: UserPtr<Sigset>,
    oset: UserPtr<Sigset>,
    sigsetsize: usize,
) -> Result<(), Errno> {
    unserved!(how, nset, oset, sigsetsize)
}

/// `rt_sigreturn(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn rt_sigreturn() -> Result<isize, Errno> {
    unserved!()
}

/// `rt_sigsuspend(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn rt_sigsuspend(unewset: UserPtr<Sigset>, sigsetsize: usize) -> Result<(), Errno> {
    unserved!(unewset, sigsetsize)
}

/// `sigaltstack(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn sigaltstack(uss: UserPtr<SigaltStack>, uoss: UserPtr<SigaltStack>) -> Result<(), Errno> {
    unserved!(uss, uoss)
}

/// `clock_gettime(2)` (ia32: 32-bit `time_t`; `clock_gettime64` has the same arguments).
#[syscall_define(abi(x86_64, ia32))]
pub fn clock_gettime(which_clock: ClockId, tp: UserPtr<Timespec>) -> Result<(), Errno> {
    unserved!(which_clock, tp)
}

/// `nanosleep(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn nanosleep(rqtp: UserPtr<Timespec>, rmtp: UserPtr<Timespec>) -> Result<(), Errno> {
    unserved!(rqtp, rmtp)
}

/// `clock_nanosleep(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn clock_nanosleep(
    which_clock: ClockId,
    flags: i32,
    rqtp: UserPtr<Timespec>,
    rmtp: UserPtr<Timespec>,
) -> Result<(), Errno> {
    unserved!(which_clock, flags, rqtp, rmtp)
}

/// `sched_getaffinity(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn sched_getaffinity(pid: i32, len: u32, user_mask_ptr: UserPtr<usize>) -> Result<i32, Errno> {
    unserved!(pid, len, user_mask_ptr)
}

/// `sched_yield(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn sched_yield() -> Result<(), Errno> {
    unserved!()
}

// ---- sockets (ia32 has the direct calls since Linux 4.3, and `socketcall`) ----

/// `socket(2)` (`type` is a Rust keyword).
#[syscall_define(abi(x86_64, ia32))]
pub fn socket(family: i32, type_: i32, protocol: i32) -> Result<i32, Errno> {
    unserved!(family, type_, protocol)
}

/// `connect(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn connect(fd: Fd, uservaddr: UserPtr<Sockaddr>, addrlen: i32) -> Result<(), Errno> {
    unserved!(fd, uservaddr, addrlen)
}

/// `sendto(2)`.
#[syscall_define(abi(x86_64, ia32))]
pub fn sendto(
    fd: Fd,
    buff: UserPtr<c_void>,
    len: usize,
    flags: u32,
    addr: UserPtr<Sockaddr>,
    addr_len: i32,
) -> Result<usize, Errno> {
    unserved!(fd, buff, len, flags, addr, addr_len)
}

// ---- x86-64 only ----

/// x86-64 `mmap(2)`: six `unsigned long`s (`arch/x86/kernel/sys_x86_64.c`), the offset in bytes.
#[syscall_define(abi(x86_64))]
pub fn mmap(
    addr: Addr,
    len: usize,
    prot: Prot,
    flags: MapFlags,
    fd: FdLong,
    off: usize,
) -> Result<usize, Errno> {
    unserved!(addr, len, prot, flags, fd, off)
}

/// x86-64 `newfstatat` (glibc's `fstatat`).
#[syscall_define(abi(x86_64))]
pub fn newfstatat(
    dfd: DirFd,
    filename: UserCStr,
    statbuf: UserPtr<Stat>,
    flag: Hex<i32>,
) -> Result<(), Errno> {
    unserved!(dfd, filename, statbuf, flag)
}

/// x86-64 `clone(2)`: flags, newsp, parent_tid, child_tid, tls.
#[syscall_define(abi(x86_64))]
pub fn clone(
    clone_flags: Hex<usize>,
    newsp: Addr,
    parent_tidptr: UserPtr<i32>,
    child_tidptr: UserPtr<i32>,
    tls: Addr,
) -> Result<i32, Errno> {
    unserved!(clone_flags, newsp, parent_tidptr, child_tidptr, tls)
}

// ---- ia32 only ----

/// ia32 `_llseek`: the offset as two `unsigned long` halves, high first, as Linux declares it;
/// the result goes to `*result`.
#[syscall_define(abi(ia32))]
pub fn _llseek(
    fd: Fd,
    offset_high: usize,
    offset_low: usize,
    result: UserPtr<i64>,
    whence: Whence,
) -> Result<(), Errno> {
    unserved!(fd, offset_high, offset_low, result, whence)
}

/// ia32 `mmap2`: the offset in 4096-byte pages.
#[syscall_define(abi(ia32))]
pub fn mmap2(
    addr: Addr,
    len: usize,
    prot: Prot,
    flags: MapFlags,
    fd: FdLong,
    pgoff: usize,
) -> Result<usize, Errno> {
    unserved!(addr, len, prot, flags, fd, pgoff)
}

/// ia32 `fadvise64_64`: offset and len in register pairs (ecx:edx, esi:edi), advice in ebp.
#[syscall_define(abi(ia32))]
pub fn fadvise64_64(fd: Fd, offset: i64, len: i64, advice: i32) -> Result<(), Errno> {
    unserved!(fd, offset, len, advice)
}

/// ia32 `ftruncate64`.
#[syscall_define(abi(ia32))]
pub fn ftruncate64(fd: Fd, length: i64) -> Result<(), Errno> {
    unserved!(fd, length)
}

/// ia32 `truncate64`.
#[syscall_define(abi(ia32))]
pub fn truncate64(path: UserCStr, length: i64) -> Result<(), Errno> {
    unserved!(path, length)
}

/// ia32 `fstatat64`.
#[syscall_define(abi(ia32))]
pub fn fstatat64(
    dfd: DirFd,
    filename: UserCStr,
    statbuf: UserPtr<Stat64>,
    flag: i32,
) -> Result<(), Errno> {
    unserved!(dfd, filename, statbuf, flag)
}

/// ia32 `stat64`.
#[syscall_define(abi(ia32))]
pub fn stat64(filename: UserCStr, statbuf: UserPtr<Stat64>) -> Result<(), Errno> {
    unserved!(filename, statbuf)
}

/// ia32 `lstat64`.
#[syscall_define(abi(ia32))]
pub fn lstat64(filename: UserCStr, statbuf: UserPtr<Stat64>) -> Result<(), Errno> {
    unserved!(filename, statbuf)
}

/// ia32 `fstat64`.
#[syscall_define(abi(ia32))]
pub fn fstat64(fd: FdLong, statbuf: UserPtr<Stat64>) -> Result<(), Errno> {
    unserved!(fd, statbuf)
}

/// ia32 `statfs64`.
#[syscall_define(abi(ia32))]
pub fn statfs64(pathname: UserCStr, sz: usize, buf: UserPtr<Statfs>) -> Result<(), Errno> {
    unserved!(pathname, sz, buf)
}

/// ia32 `fstatfs64`.
#[syscall_define(abi(ia32))]
pub fn fstatfs64(fd: Fd, sz: usize, buf: UserPtr<Statfs>) -> Result<(), Errno> {
    unserved!(fd, sz, buf)
}

/// ia32 `fcntl64`.
#[syscall_define(abi(ia32))]
pub fn fcntl64(fd: Fd, cmd: Hex<u32>, arg: usize) -> Result<isize, Errno> {
    unserved!(fd, cmd, arg)
}

/// ia32 `ugetrlimit` (the `getrlimit` with unsigned limits).
#[syscall_define(abi(ia32))]
pub fn ugetrlimit(resource: u32, rlim: UserPtr<Rlimit>) -> Result<(), Errno> {
    unserved!(resource, rlim)
}

/// ia32 `socketcall`: one call number, and a pointer to the real arguments.
#[syscall_define(abi(ia32))]
pub fn socketcall(call: i32, args: UserPtr<u32>) -> Result<isize, Errno> {
    unserved!(call, args)
}

/// ia32 `waitpid`.
#[syscall_define(abi(ia32))]
pub fn waitpid(pid: i32, stat_addr: UserPtr<i32>, options: i32) -> Result<i32, Errno> {
    unserved!(pid, stat_addr, options)
}

/// ia32 definitions whose names x86-64 uses for a different declaration.
pub mod ia32 {
    use syscall_define::uapi::{Addr, Hex};
    use syscall_define::{Errno, UserPtr, syscall_define};

    use crate::uapi::MmapArgStruct;

    /// ia32 `mmap` (`old_mmap`): one pointer to a `struct mmap_arg_struct32`.
    #[syscall_define(abi(ia32))]
    pub fn mmap(arg: UserPtr<MmapArgStruct>) -> Result<usize, Errno> {
        unserved!(arg)
    }

    /// ia32 `clone` (`CLONE_BACKWARDS`): flags, newsp, parent_tid, tls, child_tid.
    #[syscall_define(abi(ia32))]
    pub fn clone(
        clone_flags: Hex<usize>,
        newsp: Addr,
        parent_tidptr: UserPtr<i32>,
        tls: Addr,
        child_tidptr: UserPtr<i32>,
    ) -> Result<i32, Errno> {
        unserved!(clone_flags, newsp, parent_tidptr, tls, child_tidptr)
    }
}
