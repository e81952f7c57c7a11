//! Signals around the tracer: the dispositions its own parent gave it (so the tracee starts with
//! them, not with the Rust runtime's), the signals that interrupt it (Ctrl-C, `SIGTERM`), the
//! `siginfo_t` of a signal a tracee receives, and dying of a tracee's signal as strace does.
//!
//! **Inherited dispositions.** Before `main`, Rust's runtime sets `SIGPIPE` to `SIG_IGN`, and an
//! ignored signal stays ignored across `execve`: a tracee the tracer forks would ignore `SIGPIPE`
//! too, and `yes | head -1` under the tracer would print "Broken pipe" instead of dying of
//! `SIGPIPE`. By the time `main` runs, the disposition the shell gave is gone — nothing records
//! it (`/proc/self/status`'s `SigIgn` shows the current set). The only place left to see it is
//! code that runs before the runtime's initialisation: an ELF constructor (`.init_array`), which
//! the dynamic loader (or a static binary's start code) runs before `main`. The `strace` example
//! registers one that calls [`capture_inherited`]; the traced child then gets exactly that set of
//! ignored signals and that signal mask (so `strace` run with `SIGPIPE` ignored, as `nohup` or
//! some CI runners do, passes the ignore on, as strace does). Without a capture (the library in a
//! test, say), the child only resets `SIGPIPE` to `SIG_DFL`, as `std::process::Command` does.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};

/// Signals 1..=64.
const NSIG: i32 = 64;

static CAPTURED: AtomicBool = AtomicBool::new(false);
/// Bit `sig - 1`: `sig` was `SIG_IGN` at startup.
static IGNORED: AtomicU64 = AtomicU64::new(0);
/// Bit `sig - 1`: `sig` was blocked at startup.
static BLOCKED: AtomicU64 = AtomicU64::new(0);

/// Records the signal dispositions and mask this process started with. Call it before anything
/// changes them: from an ELF constructor, which runs before the Rust runtime ignores `SIGPIPE`
/// (the `strace` example does). Only plain system calls: safe before `main`.
pub fn capture_inherited() {
    let mut ignored = 0u64;
    for sig in 1..=NSIG {
        // SAFETY: querying a disposition (act = NULL) changes nothing; `old` is a valid
        // out-pointer. glibc refuses its two internal signals (32, 33) with EINVAL: they are
        // never ignored.
        unsafe {
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(sig, std::ptr::null(), &mut old) == 0
                && old.sa_sigaction == libc::SIG_IGN
            {
                ignored |= 1 << (sig - 1);
            }
        }
    }
    let mut blocked = 0u64;
    // SAFETY: as above, a query of the mask.
    unsafe {
        let mut mask: libc::sigset_t = std::mem::zeroed();
        if libc::pthread_sigmask(libc::SIG_BLOCK, std::ptr::null(), &mut mask) == 0 {
            for sig in 1..=NSIG {
                if libc::sigismember(&mask, sig) == 1 {
                    blocked |= 1 << (sig - 1);
                }
            }
        }
    }
    IGNORED.store(ignored, Ordering::Relaxed);
    BLOCKED.store(blocked, Ordering::Relaxed);
    CAPTURED.store(true, Ordering::Release);
}

/// The dispositions captured by [`capture_inherited`]: `(ignored, blocked)` signal bit sets (bit
/// `sig - 1`), or `None` if nothing was captured.
pub fn inherited() -> Option<(u64, u64)> {
    CAPTURED.load(Ordering::Acquire).then(|| {
        (
            IGNORED.load(Ordering::Relaxed),
            BLOCKED.load(Ordering::Relaxed),
        )
    })
}

/// What a traced child does to its signals before `execve`, prepared before the fork (the child
/// may only make async-signal-safe calls).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ChildSignals {
    /// `Some((ignored, blocked))`: set exactly these; `None`: reset `SIGPIPE` only.
    inherited: Option<(u64, u64)>,
}

impl ChildSignals {
    pub(crate) fn prepare() -> Self {
        ChildSignals {
            inherited: inherited(),
        }
    }

    /// In the forked child: applies the dispositions. Async-signal-safe.
    pub(crate) fn apply(&self) {
        // SAFETY: sigaction, sigprocmask and sigset calls on this (child) process only.
        unsafe {
            match self.inherited {
                None => {
                    libc::signal(libc::SIGPIPE, libc::SIG_DFL);
                }
                Some((ignored, blocked)) => {
                    let mut mask: libc::sigset_t = std::mem::zeroed();
                    libc::sigemptyset(&mut mask);
                    for sig in 1..=NSIG {
                        let bit = 1u64 << (sig - 1);
                        if sig != libc::SIGKILL && sig != libc::SIGSTOP {
                            let handler = if ignored & bit != 0 {
                                libc::SIG_IGN
                            } else {
                                libc::SIG_DFL
                            };
                            libc::signal(sig, handler);
                        }
                        if blocked & bit != 0 {
                            libc::sigaddset(&mut mask, sig);
                        }
                    }
                    libc::sigprocmask(libc::SIG_SETMASK, &mask, std::ptr::null_mut());
                }
            }
        }
    }
}

// ---- interrupts ----

static INTERRUPTED: AtomicI32 = AtomicI32::new(0);

extern "C" fn on_interrupt(sig: libc::c_int) {
    INTERRUPTED.store(sig, Ordering::Relaxed);
}

/// The signal that interrupted the tracer (see [`catch_interrupts`]), if one did.
pub fn interrupted() -> Option<i32> {
    match INTERRUPTED.load(Ordering::Relaxed) {
        0 => None,
        sig => Some(sig),
    }
}

/// How the tracer treats the signals meant to stop it, as strace does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interrupts {
    /// `SIGINT`, `SIGTERM`, `SIGHUP`, `SIGQUIT` and `SIGPIPE` interrupt the trace: the tracer
    /// finishes the current line, kills the command it started (with that signal) or detaches
    /// from the processes it attached to, and dies of the signal. strace's default with the
    /// trace on the terminal, or with `-p`.
    Interactive,
    /// With the trace in a file (`-o`) and a command: the terminal's `SIGINT`, `SIGQUIT`,
    /// `SIGHUP` and `SIGPIPE` are ignored (Ctrl-C reaches the command itself, in the same process
    /// group, and the file records how it ended, as with strace's `-o`); `SIGTERM`, which is
    /// sent to the tracer on purpose, still interrupts it.
    Quiet,
}

/// Installs the tracer's signal handling: `SIGTTOU` and `SIGTTIN` ignored (a tracer in the
/// background of a terminal must not stop when it writes the trace), and the interrupting
/// signals per `mode`. The handlers are installed without `SA_RESTART`, so the tracer's `wait`
/// returns `EINTR` and the tracer sees [`interrupted`]. The traced child does not inherit any of
/// this: it gets the dispositions [`capture_inherited`] saw.
pub fn catch_interrupts(mode: Interrupts) -> io::Result<()> {
    let set = |sig: i32, handler: libc::sighandler_t| -> io::Result<()> {
        // SAFETY: a plain sigaction with a handler that only stores to an atomic.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = handler;
            libc::sigemptyset(&mut action.sa_mask);
            action.sa_flags = 0;
            if libc::sigaction(sig, &action, std::ptr::null_mut()) != 0 {
                return Err(io::Error::last_os_error());
            }
        }
        Ok(())
    };
    set(libc::SIGTTOU, libc::SIG_IGN)?;
    set(libc::SIGTTIN, libc::SIG_IGN)?;
    let handler = on_interrupt as extern "C" fn(libc::c_int) as libc::sighandler_t;
    for sig in [
        libc::SIGHUP,
        libc::SIGINT,
        libc::SIGQUIT,
        libc::SIGPIPE,
        libc::SIGTERM,
    ] {
        let action = match mode {
            Interrupts::Quiet if sig != libc::SIGTERM => libc::SIG_IGN,
            _ => handler,
        };
        set(sig, action)?;
    }
    Ok(())
}

/// Ends this process the way a tracee ended: killed by `sig`, as strace does — without a core
/// dump of the tracer (`RLIMIT_CORE` 0), with `sig` back at `SIG_DFL` and unblocked. If `sig`
/// does not kill (it is handled elsewhere, or it stops), exits with 128 + `sig`.
pub fn die_of(sig: i32) -> ! {
    // SAFETY: plain system calls on this process.
    unsafe {
        let no_core = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
        let mut mask: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut mask);
        libc::sigaddset(&mut mask, sig);
        libc::sigprocmask(libc::SIG_UNBLOCK, &mask, std::ptr::null_mut());
    }
    std::process::exit(128 + sig)
}

// ---- siginfo ----

/// A `siginfo_t` as `PTRACE_GETSIGINFO` gives it (the tracer's 64-bit layout, also for a 32-bit
/// tracee: the kernel converts), read by the kernel's field offsets
/// (`include/uapi/asm-generic/siginfo.h` on x86-64).
#[derive(Clone, Copy)]
pub struct SigInfo {
    bytes: [u8; 128],
}

impl std::fmt::Debug for SigInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigInfo")
            .field("signo", &self.signo())
            .field("code", &self.code())
            .finish_non_exhaustive()
    }
}

impl SigInfo {
    /// A siginfo from its 128 bytes.
    pub fn from_bytes(bytes: [u8; 128]) -> Self {
        SigInfo { bytes }
    }

    fn i32_at(&self, at: usize) -> i32 {
        i32::from_ne_bytes(self.bytes[at..at + 4].try_into().expect("4 bytes"))
    }

    fn u64_at(&self, at: usize) -> u64 {
        u64::from_ne_bytes(self.bytes[at..at + 8].try_into().expect("8 bytes"))
    }

    /// `si_signo`.
    pub fn signo(&self) -> i32 {
        self.i32_at(0)
    }
    /// `si_errno`.
    pub fn errno(&self) -> i32 {
        self.i32_at(4)
    }
    /// `si_code`.
    pub fn code(&self) -> i32 {
        self.i32_at(8)
    }
    /// `si_pid` (kill, rt, sigchld).
    pub fn pid(&self) -> i32 {
        self.i32_at(16)
    }
    /// `si_uid` (kill, rt, sigchld).
    pub fn uid(&self) -> u32 {
        self.i32_at(20) as u32
    }
    /// `si_status` (sigchld).
    pub fn status(&self) -> i32 {
        self.i32_at(24)
    }
    /// `si_utime` (sigchld), in clock ticks.
    pub fn utime(&self) -> i64 {
        self.u64_at(32) as i64
    }
    /// `si_stime` (sigchld), in clock ticks.
    pub fn stime(&self) -> i64 {
        self.u64_at(40) as i64
    }
    /// `si_addr` (sigill, sigfpe, sigsegv, sigbus, sigtrap; sigsys's `si_call_addr`).
    pub fn addr(&self) -> u64 {
        self.u64_at(16)
    }
    /// `si_int` / `si_ptr` (rt, timer): the `sigval`.
    pub fn value(&self) -> u64 {
        self.u64_at(24)
    }
    /// `si_timerid` (timer).
    pub fn timerid(&self) -> i32 {
        self.i32_at(16)
    }
    /// `si_overrun` (timer).
    pub fn overrun(&self) -> i32 {
        self.i32_at(20)
    }
    /// `si_band` (sigpoll).
    pub fn band(&self) -> i64 {
        self.u64_at(16) as i64
    }
    /// `si_fd` (sigpoll).
    pub fn fd(&self) -> i32 {
        self.i32_at(24)
    }
    /// `si_syscall` (sigsys).
    pub fn syscall(&self) -> i32 {
        self.i32_at(24)
    }
    /// `si_arch` (sigsys).
    pub fn arch(&self) -> u32 {
        self.i32_at(28) as u32
    }
}
