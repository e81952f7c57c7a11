//! The system-call tables: number → definition, per mode, as arch entry code has them.
//!
//! Numbers come from the `syscalls` crate (`x86_64::Sysno`, `x86::Sysno`); each entry pairs the
//! definition's [`Descriptor`] with its generated entry stub for that ABI.

use syscall_define::Descriptor;
use syscall_define::regs::x86_64::PtRegs;

use crate::Mode;
use crate::defs::*;

/// An entry stub, instantiated for the x86-64 register file (`pt_regs` holds a 32-bit
/// process's registers too).
pub type Stub = unsafe fn(&PtRegs) -> isize;

/// How the return value prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Returns {
    /// A number (or `-errno`).
    Int,
    /// An address (`mmap`, `brk`, …): hex.
    Addr,
}

/// One table entry.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The definition's metadata.
    pub descriptor: &'static Descriptor,
    /// Its entry stub for the table's ABI.
    pub stub: Stub,
    /// How its return value prints.
    pub returns: Returns,
}

const fn e(descriptor: &'static Descriptor, stub: Stub) -> Entry {
    Entry {
        descriptor,
        stub,
        returns: Returns::Int,
    }
}

const fn a(descriptor: &'static Descriptor, stub: Stub) -> Entry {
    Entry {
        descriptor,
        stub,
        returns: Returns::Addr,
    }
}

/// The definition of system call `nr` in `mode`, if the tracer has one.
pub fn lookup(mode: Mode, nr: u64) -> Option<Entry> {
    let nr = usize::try_from(nr).ok()?;
    match mode {
        Mode::X86_64 => x86_64(syscalls::x86_64::Sysno::new(nr)?),
        Mode::Ia32 => ia32(syscalls::x86::Sysno::new(nr)?),
    }
}

/// The name `mode`'s table gives system call `nr` (also for calls without a definition).
pub fn name(mode: Mode, nr: u64) -> Option<&'static str> {
    let nr = usize::try_from(nr).ok()?;
    match mode {
        Mode::X86_64 => syscalls::x86_64::Sysno::new(nr).map(|s| s.name()),
        Mode::Ia32 => syscalls::x86::Sysno::new(nr).map(|s| s.name()),
    }
}

/// Every definition in the tables, per mode: `(mode, number, entry)`.
pub fn all() -> impl Iterator<Item = (Mode, u64, Entry)> {
    let x64 = syscalls::x86_64::Sysno::iter()
        .filter_map(|s| Some((Mode::X86_64, s.id() as u64, x86_64(s)?)));
    let x32 =
        syscalls::x86::Sysno::iter().filter_map(|s| Some((Mode::Ia32, s.id() as u64, ia32(s)?)));
    x64.chain(x32)
}

/// The x86-64 table.
fn x86_64(sysno: syscalls::x86_64::Sysno) -> Option<Entry> {
    use syscalls::x86_64::Sysno;
    Some(match sysno {
        Sysno::read => e(&READ, __x64_sys_read),
        Sysno::write => e(&WRITE, __x64_sys_write),
        Sysno::open => e(&OPEN, __x64_sys_open),
        Sysno::openat => e(&OPENAT, __x64_sys_openat),
        Sysno::close => e(&CLOSE, __x64_sys_close),
        Sysno::pread64 => e(&PREAD64, __x64_sys_pread64),
        Sysno::pwrite64 => e(&PWRITE64, __x64_sys_pwrite64),
        Sysno::readv => e(&READV, __x64_sys_readv),
        Sysno::writev => e(&WRITEV, __x64_sys_writev),
        Sysno::preadv => e(&PREADV, __x64_sys_preadv),
        Sysno::pwritev => e(&PWRITEV, __x64_sys_pwritev),
        Sysno::preadv2 => e(&PREADV2, __x64_sys_preadv2),
        Sysno::pwritev2 => e(&PWRITEV2, __x64_sys_pwritev2),
        Sysno::fallocate => e(&FALLOCATE, __x64_sys_fallocate),
        Sysno::sync_file_range => e(&SYNC_FILE_RANGE, __x64_sys_sync_file_range),
        Sysno::fadvise64 => e(&FADVISE64, __x64_sys_fadvise64),
        Sysno::lseek => e(&LSEEK, __x64_sys_lseek),
        Sysno::ftruncate => e(&FTRUNCATE, __x64_sys_ftruncate),
        Sysno::truncate => e(&TRUNCATE, __x64_sys_truncate),
        Sysno::stat => e(&STAT, __x64_sys_stat),
        Sysno::lstat => e(&LSTAT, __x64_sys_lstat),
        Sysno::fstat => e(&FSTAT, __x64_sys_fstat),
        Sysno::newfstatat => e(&NEWFSTATAT, __x64_sys_newfstatat),
        Sysno::statx => e(&STATX, __x64_sys_statx),
        Sysno::statfs => e(&STATFS, __x64_sys_statfs),
        Sysno::fstatfs => e(&FSTATFS, __x64_sys_fstatfs),
        Sysno::access => e(&ACCESS, __x64_sys_access),
        Sysno::faccessat => e(&FACCESSAT, __x64_sys_faccessat),
        Sysno::faccessat2 => e(&FACCESSAT2, __x64_sys_faccessat2),
        Sysno::getdents64 => e(&GETDENTS64, __x64_sys_getdents64),
        Sysno::getdents => e(&GETDENTS, __x64_sys_getdents),
        Sysno::ioctl => e(&IOCTL, __x64_sys_ioctl),
        Sysno::fcntl => e(&FCNTL, __x64_sys_fcntl),
        Sysno::dup => e(&DUP, __x64_sys_dup),
        Sysno::dup2 => e(&DUP2, __x64_sys_dup2),
        Sysno::dup3 => e(&DUP3, __x64_sys_dup3),
        Sysno::pipe => e(&PIPE, __x64_sys_pipe),
        Sysno::pipe2 => e(&PIPE2, __x64_sys_pipe2),
        Sysno::readlink => e(&READLINK, __x64_sys_readlink),
        Sysno::readlinkat => e(&READLINKAT, __x64_sys_readlinkat),
        Sysno::getxattr => e(&GETXATTR, __x64_sys_getxattr),
        Sysno::lgetxattr => e(&LGETXATTR, __x64_sys_lgetxattr),
        Sysno::fchown => e(&FCHOWN, __x64_sys_fchown),
        Sysno::fchownat => e(&FCHOWNAT, __x64_sys_fchownat),
        Sysno::getcwd => e(&GETCWD, __x64_sys_getcwd),
        Sysno::chdir => e(&CHDIR, __x64_sys_chdir),
        Sysno::fchdir => e(&FCHDIR, __x64_sys_fchdir),
        Sysno::unlink => e(&UNLINK, __x64_sys_unlink),
        Sysno::unlinkat => e(&UNLINKAT, __x64_sys_unlinkat),
        Sysno::mkdir => e(&MKDIR, __x64_sys_mkdir),
        Sysno::mkdirat => e(&MKDIRAT, __x64_sys_mkdirat),
        Sysno::renameat2 => e(&RENAMEAT2, __x64_sys_renameat2),
        Sysno::umask => e(&UMASK, __x64_sys_umask),
        Sysno::copy_file_range => e(&COPY_FILE_RANGE, __x64_sys_copy_file_range),
        Sysno::sendfile => e(&SENDFILE, __x64_sys_sendfile),
        Sysno::poll => e(&POLL, __x64_sys_poll),
        Sysno::mmap => a(&MMAP, __x64_sys_mmap),
        Sysno::brk => a(&BRK, __x64_sys_brk),
        Sysno::munmap => e(&MUNMAP, __x64_sys_munmap),
        Sysno::mprotect => e(&MPROTECT, __x64_sys_mprotect),
        Sysno::madvise => e(&MADVISE, __x64_sys_madvise),
        Sysno::mremap => a(&MREMAP, __x64_sys_mremap),
        Sysno::execve => e(&EXECVE, __x64_sys_execve),
        Sysno::exit => e(&EXIT, __x64_sys_exit),
        Sysno::exit_group => e(&EXIT_GROUP, __x64_sys_exit_group),
        Sysno::getpid => e(&GETPID, __x64_sys_getpid),
        Sysno::getppid => e(&GETPPID, __x64_sys_getppid),
        Sysno::gettid => e(&GETTID, __x64_sys_gettid),
        Sysno::getuid => e(&GETUID, __x64_sys_getuid),
        Sysno::geteuid => e(&GETEUID, __x64_sys_geteuid),
        Sysno::getgid => e(&GETGID, __x64_sys_getgid),
        Sysno::getegid => e(&GETEGID, __x64_sys_getegid),
        Sysno::fork => e(&FORK, __x64_sys_fork),
        Sysno::vfork => e(&VFORK, __x64_sys_vfork),
        Sysno::getpgrp => e(&GETPGRP, __x64_sys_getpgrp),
        Sysno::setpgid => e(&SETPGID, __x64_sys_setpgid),
        Sysno::kill => e(&KILL, __x64_sys_kill),
        Sysno::tgkill => e(&TGKILL, __x64_sys_tgkill),
        Sysno::wait4 => e(&WAIT4, __x64_sys_wait4),
        Sysno::clone => e(&CLONE, __x64_sys_clone),
        Sysno::clone3 => e(&CLONE3, __x64_sys_clone3),
        Sysno::arch_prctl => e(&ARCH_PRCTL, __x64_sys_arch_prctl),
        Sysno::set_thread_area => e(&SET_THREAD_AREA, __x64_sys_set_thread_area),
        Sysno::set_tid_address => e(&SET_TID_ADDRESS, __x64_sys_set_tid_address),
        Sysno::set_robust_list => e(&SET_ROBUST_LIST, __x64_sys_set_robust_list),
        Sysno::rseq => e(&RSEQ, __x64_sys_rseq),
        Sysno::prlimit64 => e(&PRLIMIT64, __x64_sys_prlimit64),
        Sysno::getrlimit => e(&GETRLIMIT, __x64_sys_getrlimit),
        Sysno::getrandom => e(&GETRANDOM, __x64_sys_getrandom),
        Sysno::futex => e(&FUTEX, __x64_sys_futex),
        Sysno::rt_sigaction => e(&RT_SIGACTION, __x64_sys_rt_sigaction),
        Sysno::rt_sigprocmask => e(&RT_SIGPROCMASK, __x64_sys_rt_sigprocmask),
        Sysno::rt_sigreturn => e(&RT_SIGRETURN, __x64_sys_rt_sigreturn),
        Sysno::rt_sigsuspend => e(&RT_SIGSUSPEND, __x64_sys_rt_sigsuspend),
        Sysno::sigaltstack => e(&SIGALTSTACK, __x64_sys_sigaltstack),
        Sysno::clock_gettime => e(&CLOCK_GETTIME, __x64_sys_clock_gettime),
        Sysno::nanosleep => e(&NANOSLEEP, __x64_sys_nanosleep),
        Sysno::clock_nanosleep => e(&CLOCK_NANOSLEEP, __x64_sys_clock_nanosleep),
        Sysno::sched_getaffinity => e(&SCHED_GETAFFINITY, __x64_sys_sched_getaffinity),
        Sysno::sched_yield => e(&SCHED_YIELD, __x64_sys_sched_yield),
        Sysno::socket => e(&SOCKET, __x64_sys_socket),
        Sysno::connect => e(&CONNECT, __x64_sys_connect),
        Sysno::sendto => e(&SENDTO, __x64_sys_sendto),
        Sysno::uname => e(&UNAME, __x64_sys_uname),
        _ => return None,
    })
}

/// The ia32 table: a 32-bit process on the x86-64 kernel.
fn ia32(sysno: syscalls::x86::Sysno) -> Option<Entry> {
    use crate::defs::ia32 as only;
    use syscalls::x86::Sysno;
    Some(match sysno {
        Sysno::read => e(&READ, __ia32_sys_read),
        Sysno::write => e(&WRITE, __ia32_sys_write),
        Sysno::open => e(&OPEN, __ia32_sys_open),
        Sysno::openat => e(&OPENAT, __ia32_sys_openat),
        Sysno::close => e(&CLOSE, __ia32_sys_close),
        Sysno::pread64 => e(&PREAD64, __ia32_sys_pread64),
        Sysno::pwrite64 => e(&PWRITE64, __ia32_sys_pwrite64),
        Sysno::readv => e(&READV, __ia32_sys_readv),
        Sysno::writev => e(&WRITEV, __ia32_sys_writev),
        Sysno::preadv => e(&PREADV, __ia32_sys_preadv),
        Sysno::pwritev => e(&PWRITEV, __ia32_sys_pwritev),
        Sysno::preadv2 => e(&PREADV2, __ia32_sys_preadv2),
        Sysno::pwritev2 => e(&PWRITEV2, __ia32_sys_pwritev2),
        Sysno::fallocate => e(&FALLOCATE, __ia32_sys_fallocate),
        Sysno::sync_file_range => e(&SYNC_FILE_RANGE, __ia32_sys_sync_file_range),
        Sysno::fadvise64 => e(&FADVISE64, __ia32_sys_fadvise64),
        Sysno::fadvise64_64 => e(&FADVISE64_64, __ia32_sys_fadvise64_64),
        Sysno::lseek => e(&LSEEK, __ia32_sys_lseek),
        Sysno::_llseek => e(&_LLSEEK, __ia32_sys__llseek),
        Sysno::ftruncate => e(&FTRUNCATE, __ia32_sys_ftruncate),
        Sysno::ftruncate64 => e(&FTRUNCATE64, __ia32_sys_ftruncate64),
        Sysno::truncate => e(&TRUNCATE, __ia32_sys_truncate),
        Sysno::truncate64 => e(&TRUNCATE64, __ia32_sys_truncate64),
        Sysno::stat => e(&STAT, __ia32_sys_stat),
        Sysno::lstat => e(&LSTAT, __ia32_sys_lstat),
        Sysno::fstat => e(&FSTAT, __ia32_sys_fstat),
        Sysno::stat64 => e(&STAT64, __ia32_sys_stat64),
        Sysno::lstat64 => e(&LSTAT64, __ia32_sys_lstat64),
        Sysno::fstat64 => e(&FSTAT64, __ia32_sys_fstat64),
        Sysno::fstatat64 => e(&FSTATAT64, __ia32_sys_fstatat64),
        Sysno::statx => e(&STATX, __ia32_sys_statx),
        Sysno::statfs => e(&STATFS, __ia32_sys_statfs),
        Sysno::fstatfs => e(&FSTATFS, __ia32_sys_fstatfs),
        Sysno::statfs64 => e(&STATFS64, __ia32_sys_statfs64),
        Sysno::fstatfs64 => e(&FSTATFS64, __ia32_sys_fstatfs64),
        Sysno::access => e(&ACCESS, __ia32_sys_access),
        Sysno::faccessat => e(&FACCESSAT, __ia32_sys_faccessat),
        Sysno::faccessat2 => e(&FACCESSAT2, __ia32_sys_faccessat2),
        Sysno::getdents64 => e(&GETDENTS64, __ia32_sys_getdents64),
        Sysno::getdents => e(&GETDENTS, __ia32_sys_getdents),
        Sysno::ioctl => e(&IOCTL, __ia32_sys_ioctl),
        Sysno::fcntl => e(&FCNTL, __ia32_sys_fcntl),
        Sysno::fcntl64 => e(&FCNTL64, __ia32_sys_fcntl64),
        Sysno::dup => e(&DUP, __ia32_sys_dup),
        Sysno::dup2 => e(&DUP2, __ia32_sys_dup2),
        Sysno::dup3 => e(&DUP3, __ia32_sys_dup3),
        Sysno::pipe => e(&PIPE, __ia32_sys_pipe),
        Sysno::pipe2 => e(&PIPE2, __ia32_sys_pipe2),
        Sysno::readlink => e(&READLINK, __ia32_sys_readlink),
        Sysno::readlinkat => e(&READLINKAT, __ia32_sys_readlinkat),
        Sysno::getxattr => e(&GETXATTR, __ia32_sys_getxattr),
        Sysno::lgetxattr => e(&LGETXATTR, __ia32_sys_lgetxattr),
        Sysno::fchown32 => e(&FCHOWN, __ia32_sys_fchown),
        Sysno::fchownat => e(&FCHOWNAT, __ia32_sys_fchownat),
        Sysno::getcwd => e(&GETCWD, __ia32_sys_getcwd),
        Sysno::chdir => e(&CHDIR, __ia32_sys_chdir),
        Sysno::fchdir => e(&FCHDIR, __ia32_sys_fchdir),
        Sysno::unlink => e(&UNLINK, __ia32_sys_unlink),
        Sysno::unlinkat => e(&UNLINKAT, __ia32_sys_unlinkat),
        Sysno::mkdir => e(&MKDIR, __ia32_sys_mkdir),
        Sysno::mkdirat => e(&MKDIRAT, __ia32_sys_mkdirat),
        Sysno::renameat2 => e(&RENAMEAT2, __ia32_sys_renameat2),
        Sysno::umask => e(&UMASK, __ia32_sys_umask),
        Sysno::copy_file_range => e(&COPY_FILE_RANGE, __ia32_sys_copy_file_range),
        Sysno::sendfile64 => e(&SENDFILE, __ia32_sys_sendfile),
        Sysno::poll => e(&POLL, __ia32_sys_poll),
        Sysno::mmap => a(&only::MMAP, only::__ia32_sys_mmap),
        Sysno::mmap2 => a(&MMAP2, __ia32_sys_mmap2),
        Sysno::brk => a(&BRK, __ia32_sys_brk),
        Sysno::munmap => e(&MUNMAP, __ia32_sys_munmap),
        Sysno::mprotect => e(&MPROTECT, __ia32_sys_mprotect),
        Sysno::madvise => e(&MADVISE, __ia32_sys_madvise),
        Sysno::mremap => a(&MREMAP, __ia32_sys_mremap),
        Sysno::execve => e(&EXECVE, __ia32_sys_execve),
        Sysno::exit => e(&EXIT, __ia32_sys_exit),
        Sysno::exit_group => e(&EXIT_GROUP, __ia32_sys_exit_group),
        Sysno::getpid => e(&GETPID, __ia32_sys_getpid),
        Sysno::getppid => e(&GETPPID, __ia32_sys_getppid),
        Sysno::gettid => e(&GETTID, __ia32_sys_gettid),
        Sysno::getuid | Sysno::getuid32 => e(&GETUID, __ia32_sys_getuid),
        Sysno::geteuid | Sysno::geteuid32 => e(&GETEUID, __ia32_sys_geteuid),
        Sysno::getgid | Sysno::getgid32 => e(&GETGID, __ia32_sys_getgid),
        Sysno::getegid | Sysno::getegid32 => e(&GETEGID, __ia32_sys_getegid),
        Sysno::fork => e(&FORK, __ia32_sys_fork),
        Sysno::vfork => e(&VFORK, __ia32_sys_vfork),
        Sysno::getpgrp => e(&GETPGRP, __ia32_sys_getpgrp),
        Sysno::setpgid => e(&SETPGID, __ia32_sys_setpgid),
        Sysno::kill => e(&KILL, __ia32_sys_kill),
        Sysno::tgkill => e(&TGKILL, __ia32_sys_tgkill),
        Sysno::wait4 => e(&WAIT4, __ia32_sys_wait4),
        Sysno::waitpid => e(&WAITPID, __ia32_sys_waitpid),
        Sysno::clone => e(&only::CLONE, only::__ia32_sys_clone),
        Sysno::clone3 => e(&CLONE3, __ia32_sys_clone3),
        Sysno::arch_prctl => e(&ARCH_PRCTL, __ia32_sys_arch_prctl),
        Sysno::set_thread_area => e(&SET_THREAD_AREA, __ia32_sys_set_thread_area),
        Sysno::set_tid_address => e(&SET_TID_ADDRESS, __ia32_sys_set_tid_address),
        Sysno::set_robust_list => e(&SET_ROBUST_LIST, __ia32_sys_set_robust_list),
        Sysno::rseq => e(&RSEQ, __ia32_sys_rseq),
        Sysno::prlimit64 => e(&PRLIMIT64, __ia32_sys_prlimit64),
        Sysno::getrlimit => e(&GETRLIMIT, __ia32_sys_getrlimit),
        Sysno::ugetrlimit => e(&UGETRLIMIT, __ia32_sys_ugetrlimit),
        Sysno::getrandom => e(&GETRANDOM, __ia32_sys_getrandom),
        Sysno::futex | Sysno::futex_time64 => e(&FUTEX, __ia32_sys_futex),
        Sysno::rt_sigaction => e(&RT_SIGACTION, __ia32_sys_rt_sigaction),
        Sysno::rt_sigprocmask => e(&RT_SIGPROCMASK, __ia32_sys_rt_sigprocmask),
        Sysno::rt_sigreturn => e(&RT_SIGRETURN, __ia32_sys_rt_sigreturn),
        Sysno::rt_sigsuspend => e(&RT_SIGSUSPEND, __ia32_sys_rt_sigsuspend),
        Sysno::sigaltstack => e(&SIGALTSTACK, __ia32_sys_sigaltstack),
        Sysno::clock_gettime | Sysno::clock_gettime64 => {
            e(&CLOCK_GETTIME, __ia32_sys_clock_gettime)
        }
        Sysno::nanosleep => e(&NANOSLEEP, __ia32_sys_nanosleep),
        Sysno::clock_nanosleep | Sysno::clock_nanosleep_time64 => {
            e(&CLOCK_NANOSLEEP, __ia32_sys_clock_nanosleep)
        }
        Sysno::sched_getaffinity => e(&SCHED_GETAFFINITY, __ia32_sys_sched_getaffinity),
        Sysno::sched_yield => e(&SCHED_YIELD, __ia32_sys_sched_yield),
        Sysno::socket => e(&SOCKET, __ia32_sys_socket),
        Sysno::connect => e(&CONNECT, __ia32_sys_connect),
        Sysno::sendto => e(&SENDTO, __ia32_sys_sendto),
        Sysno::socketcall => e(&SOCKETCALL, __ia32_sys_socketcall),
        Sysno::uname => e(&UNAME, __ia32_sys_uname),
        Sysno::olduname => e(&OLDUNAME, __ia32_sys_olduname),
        Sysno::oldolduname => e(&OLDOLDUNAME, __ia32_sys_oldolduname),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_decodes_on_its_abi_and_is_named_as_the_table_names_it() {
        // Table names that map to a definition of another name: the ABI's variants of one call.
        const ALIASES: &[(&str, &str)] = &[
            ("getuid32", "getuid"),
            ("geteuid32", "geteuid"),
            ("getgid32", "getgid"),
            ("getegid32", "getegid"),
            ("fchown32", "fchown"),
            ("sendfile64", "sendfile"),
            ("futex_time64", "futex"),
            ("clock_gettime64", "clock_gettime"),
            ("clock_nanosleep_time64", "clock_nanosleep"),
        ];
        let mut definitions = std::collections::BTreeSet::new();
        for (mode, nr, entry) in all() {
            let table_name = name(mode, nr).unwrap();
            let d = entry.descriptor;
            assert!(
                d.layout(mode.abi()).is_some(),
                "{mode:?} {table_name}: not defined for the ABI"
            );
            assert!(
                d.name == table_name || ALIASES.contains(&(table_name, d.name)),
                "{mode:?} {table_name} maps to {}",
                d.name
            );
            assert_eq!(lookup(mode, nr).map(|e| e.descriptor.name), Some(d.name));
            definitions.insert((mode, d.name));
        }
        assert!(
            definitions.len() >= 2 * 60,
            "{} definitions",
            definitions.len()
        );
    }

    #[test]
    fn the_calls_with_64_bit_arguments_have_their_per_abi_definitions() {
        use syscalls::{x86::Sysno as I, x86_64::Sysno as X};
        for (mode, sysno, expected) in [
            (Mode::X86_64, X::pread64.id(), "pread64"),
            (Mode::X86_64, X::mmap.id(), "mmap"),
            (Mode::X86_64, X::fadvise64.id(), "fadvise64"),
            (Mode::X86_64, X::ftruncate.id(), "ftruncate"),
            (Mode::Ia32, I::pread64.id(), "pread64"),
            (Mode::Ia32, I::mmap2.id(), "mmap2"),
            (Mode::Ia32, I::_llseek.id(), "_llseek"),
            (Mode::Ia32, I::fadvise64_64.id(), "fadvise64_64"),
            (Mode::Ia32, I::ftruncate64.id(), "ftruncate64"),
            (Mode::Ia32, I::fstatat64.id(), "fstatat64"),
            (Mode::Ia32, I::socketcall.id(), "socketcall"),
        ] {
            let entry = lookup(mode, sysno as u64).unwrap();
            assert_eq!(entry.descriptor.name, expected);
        }
        // ia32's `mmap` is the old one-pointer call, not x86-64's.
        let old = lookup(Mode::Ia32, I::mmap.id() as u64).unwrap();
        assert_eq!(old.descriptor.args.len(), 1);
        // An ia32 pread64's `pos` is one argument over esi:edi.
        let layout = lookup(Mode::Ia32, I::pread64.id() as u64)
            .unwrap()
            .descriptor
            .layout(Mode::Ia32.abi())
            .unwrap();
        assert_eq!(
            Mode::Ia32.abi().slot_name(layout.arg(3)),
            ("si", Some("di"))
        );
    }

    #[test]
    fn unknown_numbers_have_no_entry() {
        assert!(lookup(Mode::X86_64, 0x7e00).is_none());
        assert!(lookup(Mode::Ia32, u64::MAX).is_none());
        assert!(name(Mode::Ia32, 0x7e00).is_none());
    }

    #[test]
    fn a_served_stub_without_a_tracee_returns_efault() {
        let regs = PtRegs {
            di: 0x1000,
            ..Default::default()
        };
        // SAFETY: a test standing in for the entry path; the body finds no tracee.
        assert_eq!(unsafe { __x64_sys_uname(&regs) }, -14);
        // SAFETY: as above.
        assert_eq!(
            unsafe { __ia32_sys_getpid(&regs) },
            crate::sandbox::IDENTITY.pid as isize
        );
    }
}
