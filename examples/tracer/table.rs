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

/// The ia32 definition of the call a `socketcall` sub-call stands for (`socket`, `connect`, …;
/// see [`crate::nargs::socketcall`]): ia32's direct call of that name, where it has one (Linux
/// 4.3 added them with the same arguments). `accept`, `send` and `recv` have none.
pub fn socketcall_entry(name: &str) -> Option<Entry> {
    use syscalls::x86::Sysno;
    let sysno = match name {
        "socket" => Sysno::socket,
        "bind" => Sysno::bind,
        "connect" => Sysno::connect,
        "listen" => Sysno::listen,
        "getsockname" => Sysno::getsockname,
        "getpeername" => Sysno::getpeername,
        "socketpair" => Sysno::socketpair,
        "sendto" => Sysno::sendto,
        "recvfrom" => Sysno::recvfrom,
        "shutdown" => Sysno::shutdown,
        "setsockopt" => Sysno::setsockopt,
        "getsockopt" => Sysno::getsockopt,
        "sendmsg" => Sysno::sendmsg,
        "recvmsg" => Sysno::recvmsg,
        "accept4" => Sysno::accept4,
        "recvmmsg" => Sysno::recvmmsg,
        "sendmmsg" => Sysno::sendmmsg,
        _ => return None,
    };
    ia32(sysno)
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
        Sysno::read => e(read::DESCRIPTOR, __x64_sys_read),
        Sysno::write => e(write::DESCRIPTOR, __x64_sys_write),
        Sysno::open => e(open::DESCRIPTOR, __x64_sys_open),
        Sysno::openat => e(openat::DESCRIPTOR, __x64_sys_openat),
        Sysno::close => e(close::DESCRIPTOR, __x64_sys_close),
        Sysno::pread64 => e(pread64::DESCRIPTOR, __x64_sys_pread64),
        Sysno::pwrite64 => e(pwrite64::DESCRIPTOR, __x64_sys_pwrite64),
        Sysno::readv => e(readv::DESCRIPTOR, __x64_sys_readv),
        Sysno::writev => e(writev::DESCRIPTOR, __x64_sys_writev),
        Sysno::preadv => e(preadv::DESCRIPTOR, __x64_sys_preadv),
        Sysno::pwritev => e(pwritev::DESCRIPTOR, __x64_sys_pwritev),
        Sysno::preadv2 => e(preadv2::DESCRIPTOR, __x64_sys_preadv2),
        Sysno::pwritev2 => e(pwritev2::DESCRIPTOR, __x64_sys_pwritev2),
        Sysno::fallocate => e(fallocate::DESCRIPTOR, __x64_sys_fallocate),
        Sysno::sync_file_range => e(sync_file_range::DESCRIPTOR, __x64_sys_sync_file_range),
        Sysno::fadvise64 => e(fadvise64::DESCRIPTOR, __x64_sys_fadvise64),
        Sysno::lseek => e(lseek::DESCRIPTOR, __x64_sys_lseek),
        Sysno::ftruncate => e(ftruncate::DESCRIPTOR, __x64_sys_ftruncate),
        Sysno::truncate => e(truncate::DESCRIPTOR, __x64_sys_truncate),
        Sysno::stat => e(stat::DESCRIPTOR, __x64_sys_stat),
        Sysno::lstat => e(lstat::DESCRIPTOR, __x64_sys_lstat),
        Sysno::fstat => e(fstat::DESCRIPTOR, __x64_sys_fstat),
        Sysno::newfstatat => e(newfstatat::DESCRIPTOR, __x64_sys_newfstatat),
        Sysno::statx => e(statx::DESCRIPTOR, __x64_sys_statx),
        Sysno::statfs => e(statfs::DESCRIPTOR, __x64_sys_statfs),
        Sysno::fstatfs => e(fstatfs::DESCRIPTOR, __x64_sys_fstatfs),
        Sysno::access => e(access::DESCRIPTOR, __x64_sys_access),
        Sysno::faccessat => e(faccessat::DESCRIPTOR, __x64_sys_faccessat),
        Sysno::faccessat2 => e(faccessat2::DESCRIPTOR, __x64_sys_faccessat2),
        Sysno::getdents64 => e(getdents64::DESCRIPTOR, __x64_sys_getdents64),
        Sysno::getdents => e(getdents::DESCRIPTOR, __x64_sys_getdents),
        Sysno::ioctl => e(ioctl::DESCRIPTOR, __x64_sys_ioctl),
        Sysno::fcntl => e(fcntl::DESCRIPTOR, __x64_sys_fcntl),
        Sysno::dup => e(dup::DESCRIPTOR, __x64_sys_dup),
        Sysno::dup2 => e(dup2::DESCRIPTOR, __x64_sys_dup2),
        Sysno::dup3 => e(dup3::DESCRIPTOR, __x64_sys_dup3),
        Sysno::pipe => e(pipe::DESCRIPTOR, __x64_sys_pipe),
        Sysno::pipe2 => e(pipe2::DESCRIPTOR, __x64_sys_pipe2),
        Sysno::readlink => e(readlink::DESCRIPTOR, __x64_sys_readlink),
        Sysno::readlinkat => e(readlinkat::DESCRIPTOR, __x64_sys_readlinkat),
        Sysno::getxattr => e(getxattr::DESCRIPTOR, __x64_sys_getxattr),
        Sysno::lgetxattr => e(lgetxattr::DESCRIPTOR, __x64_sys_lgetxattr),
        Sysno::fchown => e(fchown::DESCRIPTOR, __x64_sys_fchown),
        Sysno::fchownat => e(fchownat::DESCRIPTOR, __x64_sys_fchownat),
        Sysno::getcwd => e(getcwd::DESCRIPTOR, __x64_sys_getcwd),
        Sysno::chdir => e(chdir::DESCRIPTOR, __x64_sys_chdir),
        Sysno::fchdir => e(fchdir::DESCRIPTOR, __x64_sys_fchdir),
        Sysno::unlink => e(unlink::DESCRIPTOR, __x64_sys_unlink),
        Sysno::unlinkat => e(unlinkat::DESCRIPTOR, __x64_sys_unlinkat),
        Sysno::mkdir => e(mkdir::DESCRIPTOR, __x64_sys_mkdir),
        Sysno::mkdirat => e(mkdirat::DESCRIPTOR, __x64_sys_mkdirat),
        Sysno::renameat2 => e(renameat2::DESCRIPTOR, __x64_sys_renameat2),
        Sysno::umask => e(umask::DESCRIPTOR, __x64_sys_umask),
        Sysno::copy_file_range => e(copy_file_range::DESCRIPTOR, __x64_sys_copy_file_range),
        Sysno::sendfile => e(sendfile::DESCRIPTOR, __x64_sys_sendfile),
        Sysno::poll => e(poll::DESCRIPTOR, __x64_sys_poll),
        Sysno::mmap => a(mmap::DESCRIPTOR, __x64_sys_mmap),
        Sysno::brk => a(brk::DESCRIPTOR, __x64_sys_brk),
        Sysno::munmap => e(munmap::DESCRIPTOR, __x64_sys_munmap),
        Sysno::mprotect => e(mprotect::DESCRIPTOR, __x64_sys_mprotect),
        Sysno::madvise => e(madvise::DESCRIPTOR, __x64_sys_madvise),
        Sysno::mremap => a(mremap::DESCRIPTOR, __x64_sys_mremap),
        Sysno::execve => e(execve::DESCRIPTOR, __x64_sys_execve),
        Sysno::exit => e(exit::DESCRIPTOR, __x64_sys_exit),
        Sysno::exit_group => e(exit_group::DESCRIPTOR, __x64_sys_exit_group),
        Sysno::getpid => e(getpid::DESCRIPTOR, __x64_sys_getpid),
        Sysno::getppid => e(getppid::DESCRIPTOR, __x64_sys_getppid),
        Sysno::gettid => e(gettid::DESCRIPTOR, __x64_sys_gettid),
        Sysno::getuid => e(getuid::DESCRIPTOR, __x64_sys_getuid),
        Sysno::geteuid => e(geteuid::DESCRIPTOR, __x64_sys_geteuid),
        Sysno::getgid => e(getgid::DESCRIPTOR, __x64_sys_getgid),
        Sysno::getegid => e(getegid::DESCRIPTOR, __x64_sys_getegid),
        Sysno::fork => e(fork::DESCRIPTOR, __x64_sys_fork),
        Sysno::vfork => e(vfork::DESCRIPTOR, __x64_sys_vfork),
        Sysno::getpgrp => e(getpgrp::DESCRIPTOR, __x64_sys_getpgrp),
        Sysno::setpgid => e(setpgid::DESCRIPTOR, __x64_sys_setpgid),
        Sysno::kill => e(kill::DESCRIPTOR, __x64_sys_kill),
        Sysno::tgkill => e(tgkill::DESCRIPTOR, __x64_sys_tgkill),
        Sysno::wait4 => e(wait4::DESCRIPTOR, __x64_sys_wait4),
        Sysno::clone => e(clone::DESCRIPTOR, __x64_sys_clone),
        Sysno::clone3 => e(clone3::DESCRIPTOR, __x64_sys_clone3),
        Sysno::arch_prctl => e(arch_prctl::DESCRIPTOR, __x64_sys_arch_prctl),
        Sysno::set_thread_area => e(set_thread_area::DESCRIPTOR, __x64_sys_set_thread_area),
        Sysno::set_tid_address => e(set_tid_address::DESCRIPTOR, __x64_sys_set_tid_address),
        Sysno::set_robust_list => e(set_robust_list::DESCRIPTOR, __x64_sys_set_robust_list),
        Sysno::rseq => e(rseq::DESCRIPTOR, __x64_sys_rseq),
        Sysno::prlimit64 => e(prlimit64::DESCRIPTOR, __x64_sys_prlimit64),
        Sysno::getrlimit => e(getrlimit::DESCRIPTOR, __x64_sys_getrlimit),
        Sysno::getrandom => e(getrandom::DESCRIPTOR, __x64_sys_getrandom),
        Sysno::futex => e(futex::DESCRIPTOR, __x64_sys_futex),
        Sysno::rt_sigaction => e(rt_sigaction::DESCRIPTOR, __x64_sys_rt_sigaction),
        Sysno::rt_sigprocmask => e(rt_sigprocmask::DESCRIPTOR, __x64_sys_rt_sigprocmask),
        Sysno::rt_sigreturn => e(rt_sigreturn::DESCRIPTOR, __x64_sys_rt_sigreturn),
        Sysno::rt_sigsuspend => e(rt_sigsuspend::DESCRIPTOR, __x64_sys_rt_sigsuspend),
        Sysno::sigaltstack => e(sigaltstack::DESCRIPTOR, __x64_sys_sigaltstack),
        Sysno::clock_gettime => e(clock_gettime::DESCRIPTOR, __x64_sys_clock_gettime),
        Sysno::nanosleep => e(nanosleep::DESCRIPTOR, __x64_sys_nanosleep),
        Sysno::clock_nanosleep => e(clock_nanosleep::DESCRIPTOR, __x64_sys_clock_nanosleep),
        Sysno::sched_getaffinity => e(sched_getaffinity::DESCRIPTOR, __x64_sys_sched_getaffinity),
        Sysno::sched_yield => e(sched_yield::DESCRIPTOR, __x64_sys_sched_yield),
        Sysno::socket => e(socket::DESCRIPTOR, __x64_sys_socket),
        Sysno::connect => e(connect::DESCRIPTOR, __x64_sys_connect),
        Sysno::sendto => e(sendto::DESCRIPTOR, __x64_sys_sendto),
        Sysno::uname => e(uname::DESCRIPTOR, __x64_sys_uname),
        _ => return None,
    })
}

/// The ia32 table: a 32-bit process on the x86-64 kernel.
fn ia32(sysno: syscalls::x86::Sysno) -> Option<Entry> {
    use crate::defs::ia32 as only;
    use syscalls::x86::Sysno;
    Some(match sysno {
        Sysno::read => e(read::DESCRIPTOR, __ia32_sys_read),
        Sysno::write => e(write::DESCRIPTOR, __ia32_sys_write),
        Sysno::open => e(open::DESCRIPTOR, __ia32_sys_open),
        Sysno::openat => e(openat::DESCRIPTOR, __ia32_sys_openat),
        Sysno::close => e(close::DESCRIPTOR, __ia32_sys_close),
        Sysno::pread64 => e(pread64::DESCRIPTOR, __ia32_sys_pread64),
        Sysno::pwrite64 => e(pwrite64::DESCRIPTOR, __ia32_sys_pwrite64),
        Sysno::readv => e(readv::DESCRIPTOR, __ia32_sys_readv),
        Sysno::writev => e(writev::DESCRIPTOR, __ia32_sys_writev),
        Sysno::preadv => e(preadv::DESCRIPTOR, __ia32_sys_preadv),
        Sysno::pwritev => e(pwritev::DESCRIPTOR, __ia32_sys_pwritev),
        Sysno::preadv2 => e(preadv2::DESCRIPTOR, __ia32_sys_preadv2),
        Sysno::pwritev2 => e(pwritev2::DESCRIPTOR, __ia32_sys_pwritev2),
        Sysno::fallocate => e(fallocate::DESCRIPTOR, __ia32_sys_fallocate),
        Sysno::sync_file_range => e(sync_file_range::DESCRIPTOR, __ia32_sys_sync_file_range),
        Sysno::fadvise64 => e(fadvise64::DESCRIPTOR, __ia32_sys_fadvise64),
        Sysno::fadvise64_64 => e(fadvise64_64::DESCRIPTOR, __ia32_sys_fadvise64_64),
        Sysno::lseek => e(lseek::DESCRIPTOR, __ia32_sys_lseek),
        Sysno::_llseek => e(_llseek::DESCRIPTOR, __ia32_sys__llseek),
        Sysno::ftruncate => e(ftruncate::DESCRIPTOR, __ia32_sys_ftruncate),
        Sysno::ftruncate64 => e(ftruncate64::DESCRIPTOR, __ia32_sys_ftruncate64),
        Sysno::truncate => e(truncate::DESCRIPTOR, __ia32_sys_truncate),
        Sysno::truncate64 => e(truncate64::DESCRIPTOR, __ia32_sys_truncate64),
        Sysno::stat => e(stat::DESCRIPTOR, __ia32_sys_stat),
        Sysno::lstat => e(lstat::DESCRIPTOR, __ia32_sys_lstat),
        Sysno::fstat => e(fstat::DESCRIPTOR, __ia32_sys_fstat),
        Sysno::stat64 => e(stat64::DESCRIPTOR, __ia32_sys_stat64),
        Sysno::lstat64 => e(lstat64::DESCRIPTOR, __ia32_sys_lstat64),
        Sysno::fstat64 => e(fstat64::DESCRIPTOR, __ia32_sys_fstat64),
        Sysno::fstatat64 => e(fstatat64::DESCRIPTOR, __ia32_sys_fstatat64),
        Sysno::statx => e(statx::DESCRIPTOR, __ia32_sys_statx),
        Sysno::statfs => e(statfs::DESCRIPTOR, __ia32_sys_statfs),
        Sysno::fstatfs => e(fstatfs::DESCRIPTOR, __ia32_sys_fstatfs),
        Sysno::statfs64 => e(statfs64::DESCRIPTOR, __ia32_sys_statfs64),
        Sysno::fstatfs64 => e(fstatfs64::DESCRIPTOR, __ia32_sys_fstatfs64),
        Sysno::access => e(access::DESCRIPTOR, __ia32_sys_access),
        Sysno::faccessat => e(faccessat::DESCRIPTOR, __ia32_sys_faccessat),
        Sysno::faccessat2 => e(faccessat2::DESCRIPTOR, __ia32_sys_faccessat2),
        Sysno::getdents64 => e(getdents64::DESCRIPTOR, __ia32_sys_getdents64),
        Sysno::getdents => e(getdents::DESCRIPTOR, __ia32_sys_getdents),
        Sysno::ioctl => e(ioctl::DESCRIPTOR, __ia32_sys_ioctl),
        Sysno::fcntl => e(fcntl::DESCRIPTOR, __ia32_sys_fcntl),
        Sysno::fcntl64 => e(fcntl64::DESCRIPTOR, __ia32_sys_fcntl64),
        Sysno::dup => e(dup::DESCRIPTOR, __ia32_sys_dup),
        Sysno::dup2 => e(dup2::DESCRIPTOR, __ia32_sys_dup2),
        Sysno::dup3 => e(dup3::DESCRIPTOR, __ia32_sys_dup3),
        Sysno::pipe => e(pipe::DESCRIPTOR, __ia32_sys_pipe),
        Sysno::pipe2 => e(pipe2::DESCRIPTOR, __ia32_sys_pipe2),
        Sysno::readlink => e(readlink::DESCRIPTOR, __ia32_sys_readlink),
        Sysno::readlinkat => e(readlinkat::DESCRIPTOR, __ia32_sys_readlinkat),
        Sysno::getxattr => e(getxattr::DESCRIPTOR, __ia32_sys_getxattr),
        Sysno::lgetxattr => e(lgetxattr::DESCRIPTOR, __ia32_sys_lgetxattr),
        Sysno::fchown32 => e(fchown::DESCRIPTOR, __ia32_sys_fchown),
        Sysno::fchownat => e(fchownat::DESCRIPTOR, __ia32_sys_fchownat),
        Sysno::getcwd => e(getcwd::DESCRIPTOR, __ia32_sys_getcwd),
        Sysno::chdir => e(chdir::DESCRIPTOR, __ia32_sys_chdir),
        Sysno::fchdir => e(fchdir::DESCRIPTOR, __ia32_sys_fchdir),
        Sysno::unlink => e(unlink::DESCRIPTOR, __ia32_sys_unlink),
        Sysno::unlinkat => e(unlinkat::DESCRIPTOR, __ia32_sys_unlinkat),
        Sysno::mkdir => e(mkdir::DESCRIPTOR, __ia32_sys_mkdir),
        Sysno::mkdirat => e(mkdirat::DESCRIPTOR, __ia32_sys_mkdirat),
        Sysno::renameat2 => e(renameat2::DESCRIPTOR, __ia32_sys_renameat2),
        Sysno::umask => e(umask::DESCRIPTOR, __ia32_sys_umask),
        Sysno::copy_file_range => e(copy_file_range::DESCRIPTOR, __ia32_sys_copy_file_range),
        Sysno::sendfile64 => e(sendfile::DESCRIPTOR, __ia32_sys_sendfile),
        Sysno::poll => e(poll::DESCRIPTOR, __ia32_sys_poll),
        Sysno::mmap => a(only::mmap::DESCRIPTOR, only::__ia32_sys_mmap),
        Sysno::mmap2 => a(mmap2::DESCRIPTOR, __ia32_sys_mmap2),
        Sysno::brk => a(brk::DESCRIPTOR, __ia32_sys_brk),
        Sysno::munmap => e(munmap::DESCRIPTOR, __ia32_sys_munmap),
        Sysno::mprotect => e(mprotect::DESCRIPTOR, __ia32_sys_mprotect),
        Sysno::madvise => e(madvise::DESCRIPTOR, __ia32_sys_madvise),
        Sysno::mremap => a(mremap::DESCRIPTOR, __ia32_sys_mremap),
        Sysno::execve => e(execve::DESCRIPTOR, __ia32_sys_execve),
        Sysno::exit => e(exit::DESCRIPTOR, __ia32_sys_exit),
        Sysno::exit_group => e(exit_group::DESCRIPTOR, __ia32_sys_exit_group),
        Sysno::getpid => e(getpid::DESCRIPTOR, __ia32_sys_getpid),
        Sysno::getppid => e(getppid::DESCRIPTOR, __ia32_sys_getppid),
        Sysno::gettid => e(gettid::DESCRIPTOR, __ia32_sys_gettid),
        Sysno::getuid | Sysno::getuid32 => e(getuid::DESCRIPTOR, __ia32_sys_getuid),
        Sysno::geteuid | Sysno::geteuid32 => e(geteuid::DESCRIPTOR, __ia32_sys_geteuid),
        Sysno::getgid | Sysno::getgid32 => e(getgid::DESCRIPTOR, __ia32_sys_getgid),
        Sysno::getegid | Sysno::getegid32 => e(getegid::DESCRIPTOR, __ia32_sys_getegid),
        Sysno::fork => e(fork::DESCRIPTOR, __ia32_sys_fork),
        Sysno::vfork => e(vfork::DESCRIPTOR, __ia32_sys_vfork),
        Sysno::getpgrp => e(getpgrp::DESCRIPTOR, __ia32_sys_getpgrp),
        Sysno::setpgid => e(setpgid::DESCRIPTOR, __ia32_sys_setpgid),
        Sysno::kill => e(kill::DESCRIPTOR, __ia32_sys_kill),
        Sysno::tgkill => e(tgkill::DESCRIPTOR, __ia32_sys_tgkill),
        Sysno::wait4 => e(wait4::DESCRIPTOR, __ia32_sys_wait4),
        Sysno::waitpid => e(waitpid::DESCRIPTOR, __ia32_sys_waitpid),
        Sysno::clone => e(only::clone::DESCRIPTOR, only::__ia32_sys_clone),
        Sysno::clone3 => e(clone3::DESCRIPTOR, __ia32_sys_clone3),
        Sysno::arch_prctl => e(arch_prctl::DESCRIPTOR, __ia32_sys_arch_prctl),
        Sysno::set_thread_area => e(set_thread_area::DESCRIPTOR, __ia32_sys_set_thread_area),
        Sysno::set_tid_address => e(set_tid_address::DESCRIPTOR, __ia32_sys_set_tid_address),
        Sysno::set_robust_list => e(set_robust_list::DESCRIPTOR, __ia32_sys_set_robust_list),
        Sysno::rseq => e(rseq::DESCRIPTOR, __ia32_sys_rseq),
        Sysno::prlimit64 => e(prlimit64::DESCRIPTOR, __ia32_sys_prlimit64),
        Sysno::getrlimit => e(getrlimit::DESCRIPTOR, __ia32_sys_getrlimit),
        Sysno::ugetrlimit => e(ugetrlimit::DESCRIPTOR, __ia32_sys_ugetrlimit),
        Sysno::getrandom => e(getrandom::DESCRIPTOR, __ia32_sys_getrandom),
        Sysno::futex | Sysno::futex_time64 => e(futex::DESCRIPTOR, __ia32_sys_futex),
        Sysno::rt_sigaction => e(rt_sigaction::DESCRIPTOR, __ia32_sys_rt_sigaction),
        Sysno::rt_sigprocmask => e(rt_sigprocmask::DESCRIPTOR, __ia32_sys_rt_sigprocmask),
        Sysno::rt_sigreturn => e(rt_sigreturn::DESCRIPTOR, __ia32_sys_rt_sigreturn),
        Sysno::rt_sigsuspend => e(rt_sigsuspend::DESCRIPTOR, __ia32_sys_rt_sigsuspend),
        Sysno::sigaltstack => e(sigaltstack::DESCRIPTOR, __ia32_sys_sigaltstack),
        Sysno::clock_gettime | Sysno::clock_gettime64 => {
            e(clock_gettime::DESCRIPTOR, __ia32_sys_clock_gettime)
        }
        Sysno::nanosleep => e(nanosleep::DESCRIPTOR, __ia32_sys_nanosleep),
        Sysno::clock_nanosleep | Sysno::clock_nanosleep_time64 => {
            e(clock_nanosleep::DESCRIPTOR, __ia32_sys_clock_nanosleep)
        }
        Sysno::sched_getaffinity => e(sched_getaffinity::DESCRIPTOR, __ia32_sys_sched_getaffinity),
        Sysno::sched_yield => e(sched_yield::DESCRIPTOR, __ia32_sys_sched_yield),
        Sysno::socket => e(socket::DESCRIPTOR, __ia32_sys_socket),
        Sysno::connect => e(connect::DESCRIPTOR, __ia32_sys_connect),
        Sysno::sendto => e(sendto::DESCRIPTOR, __ia32_sys_sendto),
        Sysno::socketcall => e(socketcall::DESCRIPTOR, __ia32_sys_socketcall),
        Sysno::uname => e(uname::DESCRIPTOR, __ia32_sys_uname),
        Sysno::olduname => e(olduname::DESCRIPTOR, __ia32_sys_olduname),
        Sysno::oldolduname => e(oldolduname::DESCRIPTOR, __ia32_sys_oldolduname),
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
