//! Safe wrappers over the few `ptrace(2)` requests, `waitpid(2)` and process-memory calls the
//! tracer makes, and the traced spawn.
//!
//! Nothing here knows about system calls' arguments: registers come and go as whole register
//! files; the generated decoders in [`crate::defs`] read the arguments out of them.

use std::ffi::{CString, OsStr, OsString, c_void};
use std::io;
use std::mem::{offset_of, size_of};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use syscall_define::regs::x86_64::PtRegs;

use crate::signals::{ChildSignals, SigInfo};

/// A process id.
pub type Pid = libc::pid_t;

/// What `PTRACE_GETREGS` fills and `PTRACE_SETREGS` takes on x86-64: the kernel's
/// `struct user_regs_struct`, whose first 21 fields are `struct pt_regs` in the kernel's order.
///
/// A 32-bit (IA32) tracee's registers arrive in the same struct: `bx cx dx si di bp` hold its
/// arguments, `orig_ax` its system-call number.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UserRegs {
    /// `r15` … `ss`: the register file the entry stubs and decoders take.
    pub regs: PtRegs,
    /// FS base (TLS).
    pub fs_base: u64,
    /// GS base.
    pub gs_base: u64,
    /// DS selector.
    pub ds: u64,
    /// ES selector.
    pub es: u64,
    /// FS selector.
    pub fs: u64,
    /// GS selector.
    pub gs: u64,
}

// `UserRegs` is `user_regs_struct`: same size, and the pt_regs fields at the same offsets.
const _: () = {
    type U = libc::user_regs_struct;
    assert!(size_of::<UserRegs>() == size_of::<U>());
    assert!(offset_of!(UserRegs, regs.r15) == offset_of!(U, r15));
    assert!(offset_of!(UserRegs, regs.bp) == offset_of!(U, rbp));
    assert!(offset_of!(UserRegs, regs.bx) == offset_of!(U, rbx));
    assert!(offset_of!(UserRegs, regs.r10) == offset_of!(U, r10));
    assert!(offset_of!(UserRegs, regs.r9) == offset_of!(U, r9));
    assert!(offset_of!(UserRegs, regs.r8) == offset_of!(U, r8));
    assert!(offset_of!(UserRegs, regs.ax) == offset_of!(U, rax));
    assert!(offset_of!(UserRegs, regs.cx) == offset_of!(U, rcx));
    assert!(offset_of!(UserRegs, regs.dx) == offset_of!(U, rdx));
    assert!(offset_of!(UserRegs, regs.si) == offset_of!(U, rsi));
    assert!(offset_of!(UserRegs, regs.di) == offset_of!(U, rdi));
    assert!(offset_of!(UserRegs, regs.orig_ax) == offset_of!(U, orig_rax));
    assert!(offset_of!(UserRegs, regs.ss) == offset_of!(U, ss));
    assert!(offset_of!(UserRegs, fs_base) == offset_of!(U, fs_base));
    assert!(offset_of!(UserRegs, gs) == offset_of!(U, gs));
};

/// `AUDIT_ARCH_X86_64` (`EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE`,
/// `include/uapi/linux/audit.h`): what `PTRACE_GET_SYSCALL_INFO` reports for a 64-bit stop.
pub const AUDIT_ARCH_X86_64: u32 = libc::EM_X86_64 as u32 | 0x8000_0000 | 0x4000_0000;
/// `AUDIT_ARCH_I386` (`EM_386 | __AUDIT_ARCH_LE`): a 32-bit (IA32) stop.
pub const AUDIT_ARCH_I386: u32 = libc::EM_386 as u32 | 0x4000_0000;

/// `struct ptrace_syscall_info` (`include/uapi/linux/ptrace.h`), with the union as words.
#[repr(C)]
#[derive(Clone, Copy, Default)]
struct RawSyscallInfo {
    op: u8,
    _reserved: u8,
    _flags: u16,
    arch: u32,
    instruction_pointer: u64,
    stack_pointer: u64,
    /// `entry`: nr, args[6]; `exit`: rval, is_error; `seccomp`: nr, args[6], ret_data.
    data: [u64; 8],
}

const _: () = assert!(size_of::<RawSyscallInfo>() == 88);

/// What `PTRACE_GET_SYSCALL_INFO` says about a syscall stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyscallInfo {
    /// A syscall-entry stop.
    Entry {
        /// `AUDIT_ARCH_*` of the call (a 64-bit kernel reports `AUDIT_ARCH_I386` for IA32 calls).
        arch: u32,
        /// The system-call number.
        nr: u64,
        /// The kernel's view of the six argument registers.
        args: [u64; 6],
    },
    /// A syscall-exit stop.
    Exit {
        /// `AUDIT_ARCH_*` at exit (it changes across an `execve` of a program of the other mode).
        arch: u32,
        /// The return value, sign-extended.
        rval: i64,
        /// Whether `rval` is a `-errno`.
        is_error: bool,
    },
    /// Any other stop (`PTRACE_SYSCALL_INFO_NONE` or `_SECCOMP`).
    Other,
}

fn check(ret: libc::c_long) -> io::Result<libc::c_long> {
    if ret == -1 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

fn request(
    req: libc::c_uint,
    pid: Pid,
    addr: usize,
    data: *mut c_void,
) -> io::Result<libc::c_long> {
    // SAFETY: every request made through here either ignores `data` or writes at most the size
    // of the object `data` points to, which the callers guarantee.
    check(unsafe { libc::ptrace(req, pid, addr as *mut c_void, data) })
}

/// `PTRACE_GETREGS`: the tracee's whole register file.
pub fn get_regs(pid: Pid) -> io::Result<UserRegs> {
    let mut regs = UserRegs::default();
    request(libc::PTRACE_GETREGS, pid, 0, (&raw mut regs).cast())?;
    Ok(regs)
}

/// `PTRACE_SETREGS`: replaces the tracee's register file.
pub fn set_regs(pid: Pid, regs: &UserRegs) -> io::Result<()> {
    let mut copy = *regs;
    request(libc::PTRACE_SETREGS, pid, 0, (&raw mut copy).cast())?;
    Ok(())
}

/// `PTRACE_GET_SYSCALL_INFO`: which kind of syscall stop this is, and its arch.
pub fn syscall_info(pid: Pid) -> io::Result<SyscallInfo> {
    let mut raw = RawSyscallInfo::default();
    request(
        libc::PTRACE_GET_SYSCALL_INFO,
        pid,
        size_of::<RawSyscallInfo>(),
        (&raw mut raw).cast(),
    )?;
    let d = raw.data;
    Ok(match raw.op {
        libc::PTRACE_SYSCALL_INFO_ENTRY => SyscallInfo::Entry {
            arch: raw.arch,
            nr: d[0],
            args: [d[1], d[2], d[3], d[4], d[5], d[6]],
        },
        libc::PTRACE_SYSCALL_INFO_EXIT => SyscallInfo::Exit {
            arch: raw.arch,
            rval: d[0] as i64,
            is_error: d[1] & 0xff != 0,
        },
        _ => SyscallInfo::Other,
    })
}

/// `PTRACE_SETOPTIONS`.
pub fn set_options(pid: Pid, options: libc::c_int) -> io::Result<()> {
    request(
        libc::PTRACE_SETOPTIONS,
        pid,
        0,
        options as usize as *mut c_void,
    )?;
    Ok(())
}

/// `PTRACE_SYSCALL`: resumes the tracee until the next syscall stop, delivering `signal` (0:
/// none).
pub fn resume_syscall(pid: Pid, signal: i32) -> io::Result<()> {
    request(libc::PTRACE_SYSCALL, pid, 0, signal as usize as *mut c_void)?;
    Ok(())
}

/// `PTRACE_CONT`: resumes the tracee without syscall stops, delivering `signal`.
pub fn resume(pid: Pid, signal: i32) -> io::Result<()> {
    request(libc::PTRACE_CONT, pid, 0, signal as usize as *mut c_void)?;
    Ok(())
}

/// `PTRACE_LISTEN`: ends the ptrace-stop of a tracee in a group-stop without ending the
/// group-stop: the process stays stopped until a `SIGCONT` (only for a seized tracee).
pub fn listen(pid: Pid) -> io::Result<()> {
    request(libc::PTRACE_LISTEN, pid, 0, std::ptr::null_mut())?;
    Ok(())
}

/// `PTRACE_SEIZE` with `options`: traces `pid` without stopping it.
pub fn seize(pid: Pid, options: libc::c_int) -> io::Result<()> {
    request(libc::PTRACE_SEIZE, pid, 0, options as usize as *mut c_void)?;
    Ok(())
}

/// `PTRACE_INTERRUPT`: stops a seized tracee (a `PTRACE_EVENT_STOP`, or whatever stop comes
/// first).
pub fn interrupt(pid: Pid) -> io::Result<()> {
    request(libc::PTRACE_INTERRUPT, pid, 0, std::ptr::null_mut())?;
    Ok(())
}

/// `PTRACE_DETACH`, delivering `signal` (0: none).
pub fn detach(pid: Pid, signal: i32) -> io::Result<()> {
    request(libc::PTRACE_DETACH, pid, 0, signal as usize as *mut c_void)?;
    Ok(())
}

/// `PTRACE_GETEVENTMSG`: the new pid at a fork, vfork or clone event; the former thread id at an
/// exec event.
pub fn event_msg(pid: Pid) -> io::Result<u64> {
    let mut msg: libc::c_ulong = 0;
    request(libc::PTRACE_GETEVENTMSG, pid, 0, (&raw mut msg).cast())?;
    Ok(msg as u64)
}

/// `PTRACE_GETSIGINFO`: the signal a signal-delivery-stop is about; `None` in a group-stop (where
/// the kernel answers `EINVAL`) or if the tracee is gone.
pub fn siginfo(pid: Pid) -> Option<SigInfo> {
    let mut bytes = [0u8; 128];
    const _: () = assert!(size_of::<libc::siginfo_t>() == 128);
    request(libc::PTRACE_GETSIGINFO, pid, 0, bytes.as_mut_ptr().cast()).ok()?;
    Some(SigInfo::from_bytes(bytes))
}

/// Whether a stop is a signal-delivery-stop (true) or a group-stop (false), by
/// `PTRACE_GETSIGINFO`, which fails with `EINVAL` in a group-stop.
pub fn is_signal_delivery(pid: Pid) -> bool {
    siginfo(pid).is_some()
}

/// `PTRACE_EVENT_STOP` (`include/uapi/linux/ptrace.h`): the stop of a seized tracee in a
/// group-stop, at `PTRACE_INTERRUPT`, and a new child's first stop.
pub const PTRACE_EVENT_STOP: i32 = 128;

/// How a `waitpid` on a tracee came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// The tracee exited with this status.
    Exited(i32),
    /// The tracee was killed by this signal; with a core dump if the flag says so.
    Signaled(i32, bool),
    /// A syscall stop (`SIGTRAP | 0x80`, with `PTRACE_O_TRACESYSGOOD`).
    SyscallStop,
    /// A `PTRACE_EVENT_*` stop other than `PTRACE_EVENT_STOP`.
    Event(i32),
    /// A `PTRACE_EVENT_STOP` (seized tracees), with the signal of the stop: a group-stop for
    /// `SIGSTOP`, `SIGTSTP`, `SIGTTIN` or `SIGTTOU`; `SIGTRAP` for a `PTRACE_INTERRUPT`, a new
    /// child's first stop, or the re-trap of a listening tracee at `SIGCONT`.
    EventStop(i32),
    /// A signal-delivery-stop for this signal (or, for a tracee that is not seized, a
    /// group-stop).
    Signal(i32),
}

impl Wait {
    fn from_status(status: libc::c_int) -> Wait {
        if libc::WIFEXITED(status) {
            Wait::Exited(libc::WEXITSTATUS(status))
        } else if libc::WIFSIGNALED(status) {
            Wait::Signaled(libc::WTERMSIG(status), libc::WCOREDUMP(status))
        } else if libc::WIFSTOPPED(status) {
            let sig = libc::WSTOPSIG(status);
            let event = status >> 16;
            if sig == libc::SIGTRAP | 0x80 {
                Wait::SyscallStop
            } else if event == PTRACE_EVENT_STOP {
                Wait::EventStop(sig)
            } else if event != 0 {
                Wait::Event(event)
            } else {
                Wait::Signal(sig)
            }
        } else {
            // WIFCONTINUED is not asked for; treat it as a stop with no signal.
            Wait::Signal(0)
        }
    }
}

/// `waitpid(pid, __WALL)`, retried on `EINTR`.
pub fn wait(pid: Pid) -> io::Result<Wait> {
    let mut status = 0;
    loop {
        // SAFETY: `status` is a valid out-pointer.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::__WALL) };
        if r >= 0 {
            break;
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
    Ok(Wait::from_status(status))
}

/// One state change of any tracee.
#[derive(Clone, Copy, Debug)]
pub struct Waited {
    /// Whose.
    pub pid: Pid,
    /// What.
    pub wait: Wait,
    /// The process's system CPU time so far (`wait4`'s `ru_stime`), if asked for.
    pub stime: Option<std::time::Duration>,
}

/// `wait4(-1, __WALL | __WNOTHREAD)`: the next state change of any child or tracee of the calling
/// thread (not of other threads: a test process runs several tracers at once). With `rusage`,
/// also the system CPU time the kernel reports for it. An `EINTR` is returned as the error
/// (`ErrorKind::Interrupted`), for the caller to look at what interrupted it.
pub fn wait_any(rusage: bool) -> io::Result<Waited> {
    let mut status = 0;
    // SAFETY: rusage is plain data.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let usage_ptr = if rusage {
        &raw mut usage
    } else {
        std::ptr::null_mut()
    };
    // SAFETY: valid out-pointers (or NULL for the rusage).
    let pid = unsafe { libc::wait4(-1, &mut status, libc::__WALL | libc::__WNOTHREAD, usage_ptr) };
    if pid < 0 {
        return Err(io::Error::last_os_error());
    }
    let stime = rusage.then(|| {
        std::time::Duration::new(
            usage.ru_stime.tv_sec as u64,
            usage.ru_stime.tv_usec as u32 * 1000,
        )
    });
    Ok(Waited {
        pid,
        wait: Wait::from_status(status),
        stime,
    })
}

/// Writes `data` at `addr` in the tracee: `process_vm_writev`, or `PTRACE_POKEDATA` word by word
/// where that is refused (`addr` in a read-only mapping, or no `process_vm_writev`).
pub fn write_memory(pid: Pid, addr: u64, data: &[u8]) -> io::Result<()> {
    if data.is_empty() {
        return Ok(());
    }
    let local = libc::iovec {
        iov_base: data.as_ptr() as *mut c_void,
        iov_len: data.len(),
    };
    let remote = libc::iovec {
        iov_base: addr as usize as *mut c_void,
        iov_len: data.len(),
    };
    // SAFETY: both iovecs describe valid ranges (the remote one is checked by the kernel).
    let n = unsafe { libc::process_vm_writev(pid, &local, 1, &remote, 1, 0) };
    if n == data.len() as isize {
        return Ok(());
    }
    poke(pid, addr, data)
}

fn peek_word(pid: Pid, addr: u64) -> io::Result<u64> {
    // PTRACE_PEEKDATA returns the word; -1 is only an error if errno says so.
    // SAFETY: errno is thread-local; PEEKDATA takes no out-pointer.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: PTRACE_PEEKDATA ignores `data`.
    let word = unsafe {
        libc::ptrace(
            libc::PTRACE_PEEKDATA,
            pid,
            addr as usize as *mut c_void,
            0usize,
        )
    };
    if word == -1 {
        let e = io::Error::last_os_error();
        if e.raw_os_error() != Some(0) {
            return Err(e);
        }
    }
    Ok(word as u64)
}

fn poke(pid: Pid, addr: u64, data: &[u8]) -> io::Result<()> {
    let start = addr & !7;
    // An address user space made up may wrap: that is a bad address, not a panic.
    let end = addr
        .checked_add(data.len() as u64)
        .filter(|end| end.checked_add(8).is_some())
        .ok_or_else(|| io::Error::from_raw_os_error(libc::EFAULT))?;
    let mut word_addr = start;
    while word_addr < end {
        let mut bytes = if word_addr < addr || word_addr + 8 > end {
            peek_word(pid, word_addr)?.to_le_bytes()
        } else {
            [0; 8]
        };
        for (i, b) in bytes.iter_mut().enumerate() {
            let a = word_addr + i as u64;
            if a >= addr && a < end {
                *b = data[(a - addr) as usize];
            }
        }
        request(
            libc::PTRACE_POKEDATA,
            pid,
            word_addr as usize,
            u64::from_le_bytes(bytes) as usize as *mut c_void,
        )?;
        word_addr += 8;
    }
    Ok(())
}

/// Reads up to `buf.len()` bytes at `addr` in the tracee; stops early at an unmapped page.
pub fn read_memory(pid: Pid, addr: u64, buf: &mut [u8]) -> io::Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        let Some(at) = addr.checked_add(done as u64) else {
            break;
        };
        // Never cross a page in one call: a later unmapped page would fail the whole read.
        let in_page = (4096 - (at % 4096)) as usize;
        let len = in_page.min(buf.len() - done);
        let local = libc::iovec {
            iov_base: buf[done..].as_mut_ptr().cast(),
            iov_len: len,
        };
        let remote = libc::iovec {
            iov_base: at as usize as *mut c_void,
            iov_len: len,
        };
        // SAFETY: `local` lies within `buf`.
        let n = unsafe { libc::process_vm_readv(pid, &local, 1, &remote, 1, 0) };
        if n <= 0 {
            if done == 0 {
                // process_vm_readv may be unavailable: fall back to one word.
                let word = peek_word(pid, at)?.to_le_bytes();
                let n = word.len().min(buf.len());
                buf[..n].copy_from_slice(&word[..n]);
                return Ok(n);
            }
            break;
        }
        done += n as usize;
    }
    Ok(done)
}

/// Reads a NUL-terminated string at `addr` in the tracee, at most `max` bytes of it. Returns the
/// bytes (without the NUL) and whether it was cut at `max`; `None` if nothing is readable there.
pub fn read_c_string(pid: Pid, addr: u64, max: usize) -> Option<(Vec<u8>, bool)> {
    let mut out = Vec::new();
    let mut at = addr;
    while out.len() < max {
        let mut chunk = [0u8; 256];
        let want = chunk
            .len()
            .min(max - out.len())
            .min((4096 - at % 4096) as usize);
        let n = read_memory(pid, at, &mut chunk[..want]).ok()?;
        if n == 0 {
            return if out.is_empty() {
                None
            } else {
                Some((out, true))
            };
        }
        if let Some(nul) = chunk[..n].iter().position(|&b| b == 0) {
            out.extend_from_slice(&chunk[..nul]);
            return Some((out, false));
        }
        out.extend_from_slice(&chunk[..n]);
        at = at.checked_add(n as u64)?;
    }
    Some((out, true))
}

/// Finds `program` as `execvp` would: a name with a `/` is a path; otherwise each directory of
/// `PATH` is tried. The result is an existing, executable regular file.
pub fn resolve_program(program: &OsStr) -> io::Result<PathBuf> {
    fn executable(path: &Path) -> bool {
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    let not_found = |what: String| io::Error::new(io::ErrorKind::NotFound, what);
    if program.is_empty() {
        return Err(not_found("empty command name".into()));
    }
    if program.as_bytes().contains(&b'/') {
        let path = PathBuf::from(program);
        return match path.metadata() {
            Err(e) => Err(e),
            Ok(_) if !executable(&path) => Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "not an executable file",
            )),
            Ok(_) => Ok(path),
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin".into());
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| executable(candidate))
        .ok_or_else(|| {
            not_found(format!(
                "no such command in PATH ({})",
                path.to_string_lossy()
            ))
        })
}

/// What to run under the tracer.
#[derive(Debug)]
pub struct Command {
    program: PathBuf,
    argv: Vec<OsString>,
    stdout: Option<OwnedFd>,
    stderr: Option<OwnedFd>,
    no_aslr: bool,
    seccomp: Option<Box<syscall_define::seccomp::Program<{ crate::seccomp::CAPACITY }>>>,
}

impl Command {
    /// `program` (looked up in `PATH` if it has no `/`) with `args`; `argv[0]` is `program` as
    /// given. Fails if there is no such program.
    pub fn new(
        program: impl AsRef<OsStr>,
        args: impl IntoIterator<Item = impl Into<OsString>>,
    ) -> io::Result<Self> {
        let program = program.as_ref();
        let resolved = resolve_program(program)?;
        let mut argv = vec![program.to_os_string()];
        argv.extend(args.into_iter().map(Into::into));
        Ok(Command {
            program: resolved,
            argv,
            stdout: None,
            stderr: None,
            no_aslr: false,
            seccomp: None,
        })
    }

    /// The program's path, as resolved.
    pub fn program(&self) -> &Path {
        &self.program
    }

    /// Sends the tracee's standard output to `file` instead of inheriting the tracer's.
    pub fn stdout(mut self, file: impl Into<OwnedFd>) -> Self {
        self.stdout = Some(file.into());
        self
    }

    /// Sends the tracee's standard error to `file`.
    pub fn stderr(mut self, file: impl Into<OwnedFd>) -> Self {
        self.stderr = Some(file.into());
        self
    }

    /// Runs the tracee with address-space randomization off (`personality(ADDR_NO_RANDOMIZE)`).
    pub fn no_aslr(mut self, yes: bool) -> Self {
        self.no_aslr = yes;
        self
    }

    /// Installs `program` as the tracee's seccomp filter, just before it `exec`s the program
    /// (so the `execve` is the first call the filter sees).
    pub fn seccomp(
        mut self,
        program: Box<syscall_define::seccomp::Program<{ crate::seccomp::CAPACITY }>>,
    ) -> Self {
        self.seccomp = Some(program);
        self
    }

    /// Forks and seizes the child, as strace does: the child restores the signal dispositions
    /// the tracer inherited ([`crate::signals`]), stops itself with `SIGSTOP`, and, once
    /// resumed, installs the seccomp filter if any and `execv`s the program. The tracer waits for
    /// that stop, attaches with `PTRACE_SEIZE` and `options` (so group-stops can be told apart
    /// and left stopped with `PTRACE_LISTEN`), waits for the seized child's `PTRACE_EVENT_STOP`
    /// and sends it `SIGCONT`. Returns the child's pid with the child in that stop, to be
    /// resumed; the tracer then sees the `execve` itself (and, first, the child's own last
    /// calls, which a tracer hides until the `execve`).
    ///
    /// Fails with [`io::ErrorKind::PermissionDenied`] where ptrace is not permitted.
    pub fn spawn_seized(self, options: libc::c_int) -> io::Result<Pid> {
        let to_c = |s: &OsStr| {
            CString::new(s.as_bytes()).map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "an argument contains a NUL byte",
                )
            })
        };
        let path = to_c(self.program.as_os_str())?;
        let argv: Vec<CString> = self
            .argv
            .iter()
            .map(|a| to_c(a))
            .collect::<io::Result<_>>()?;
        let mut argv_ptrs: Vec<*const libc::c_char> = argv.iter().map(|a| a.as_ptr()).collect();
        argv_ptrs.push(std::ptr::null());
        let stdout_fd = self.stdout.as_ref().map(AsRawFd::as_raw_fd);
        let stderr_fd = self.stderr.as_ref().map(AsRawFd::as_raw_fd);
        let signals = ChildSignals::prepare();

        // SAFETY: between fork and exec the child only makes async-signal-safe calls (dup2,
        // personality, sigaction, sigprocmask, kill, prctl, seccomp, write, execv, _exit) on
        // memory prepared before the fork.
        let pid = unsafe { libc::fork() };
        if pid < 0 {
            return Err(io::Error::last_os_error());
        }
        if pid == 0 {
            // SAFETY: see above.
            unsafe {
                if let Some(fd) = stdout_fd {
                    libc::dup2(fd, 1);
                }
                if let Some(fd) = stderr_fd {
                    libc::dup2(fd, 2);
                }
                if self.no_aslr {
                    let current = libc::personality(0xffff_ffff);
                    libc::personality((current | libc::ADDR_NO_RANDOMIZE) as libc::c_ulong);
                }
                signals.apply();
                libc::kill(libc::getpid(), libc::SIGSTOP);
                if let Some(program) = &self.seccomp
                    && let Err(errno) = crate::seccomp::install(program)
                {
                    const MESSAGE: &[u8] = b"strace: cannot install the seccomp filter\n";
                    libc::write(2, MESSAGE.as_ptr().cast(), MESSAGE.len());
                    libc::_exit(128 + errno.min(100));
                }
                libc::execv(path.as_ptr(), argv_ptrs.as_ptr());
                libc::_exit(127);
            }
        }
        drop(self.stdout);
        drop(self.stderr);
        let kill = || {
            // SAFETY: plain syscalls on our own child.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, std::ptr::null_mut(), libc::__WALL);
            }
        };
        // The child's own stop, before it is traced.
        let mut status = 0;
        loop {
            // SAFETY: a valid out-pointer.
            if unsafe { libc::waitpid(pid, &mut status, libc::WSTOPPED) } >= 0 {
                break;
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                kill();
                return Err(e);
            }
        }
        if !libc::WIFSTOPPED(status) {
            return Err(io::Error::other(format!(
                "the child ended before exec: {:?}",
                Wait::from_status(status)
            )));
        }
        if let Err(e) = seize(pid, options) {
            kill();
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("ptrace is not permitted here: PTRACE_SEIZE failed: {e}"),
            ));
        }
        // Seizing a stopped process makes it re-trap: PTRACE_EVENT_STOP for the SIGSTOP.
        match wait(pid)? {
            Wait::EventStop(_) => {}
            other => {
                kill();
                return Err(io::Error::other(format!(
                    "the seized child did not stop: {other:?}"
                )));
            }
        }
        // SAFETY: a signal to our own child: it continues (its SIGCONT delivery-stop comes
        // once it is resumed).
        unsafe { libc::kill(pid, libc::SIGCONT) };
        Ok(pid)
    }
}
