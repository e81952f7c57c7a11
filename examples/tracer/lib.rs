//! A small `strace` whose system-call knowledge is `#[syscall_define]` definitions.
//!
//! [`Tracer::run`] starts a command under ptrace and reports every system call it makes, 64-bit
//! and 32-bit alike: at each syscall stop, `PTRACE_GET_SYSCALL_INFO` says whether it is an entry
//! or an exit and which ABI the call uses (`AUDIT_ARCH_X86_64` or `AUDIT_ARCH_I386`);
//! `PTRACE_GETREGS` gives the register file (`pt_regs`), and the call's number picks its
//! definition from the [`table`] of that ABI. The generated [`Descriptor`] decodes the arguments
//! from the registers: the tracer itself decodes no register.
//!
//! In sandbox mode ([`Tracer::serve`]) the tracer is the kernel for a few calls: it suppresses
//! the real call at the entry stop, runs the definition's body through its generated entry stub
//! on the tracee's registers ([`sandbox`]), and at the exit stop writes the stub's return value
//! into the return register.
//!
//! The `strace` example is the command line; `tests/live.rs` checks the decoded arguments against
//! strace's raw words for the same programs.
#![cfg(all(target_os = "linux", target_arch = "x86_64"))]

use std::io;

use syscall_define::Descriptor;
use syscall_define::abi::{self, Abi};
use syscall_define::regs::{self, Ia32, X86_64, x86_64::PtRegs};

pub mod defs;
pub mod format;
pub mod nargs;
pub mod ptrace;
pub mod sandbox;
pub mod seccomp;
pub mod table;
pub mod uapi;

pub use ptrace::{Command, Pid, UserRegs};
pub use table::Entry;

/// The ABI of one system call: a process on the x86-64 kernel makes 64-bit calls or, as a
/// 32-bit program, IA32 calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// x86-64 (`syscall`), `AUDIT_ARCH_X86_64`.
    X86_64,
    /// IA32 emulation (`int $0x80`, `sysenter`), `AUDIT_ARCH_I386`.
    Ia32,
}

impl Mode {
    /// The mode `PTRACE_GET_SYSCALL_INFO`'s `arch` names; `None` for any other arch.
    pub fn from_audit_arch(arch: u32) -> Option<Mode> {
        match arch {
            ptrace::AUDIT_ARCH_X86_64 => Some(Mode::X86_64),
            ptrace::AUDIT_ARCH_I386 => Some(Mode::Ia32),
            _ => None,
        }
    }

    /// The ABI in the model.
    pub fn abi(self) -> &'static Abi {
        match self {
            Mode::X86_64 => &abi::X86_64,
            Mode::Ia32 => &abi::IA32,
        }
    }

    /// Bits of a word (a pointer, a `long`).
    pub fn word_bits(self) -> u32 {
        self.abi().word_bits
    }

    /// The six argument words of this ABI in `regs` (`di si dx r10 r8 r9`, or the low halves of
    /// `bx cx dx si di bp`), as `regs::arg_words` reads them.
    pub fn arg_words(self, regs: &PtRegs) -> [u64; 6] {
        let (words, mask) = match self {
            Mode::X86_64 => (regs::arg_words::<X86_64, _>(regs), u64::MAX),
            Mode::Ia32 => (regs::arg_words::<Ia32, _>(regs), 0xffff_ffff),
        };
        std::array::from_fn(|i| words[i] & mask)
    }

    /// Writes a served call's result into `regs` as this ABI's exit path does
    /// (`syscall_define::set_return`: `-errno` in `ax`, a 32-bit process's as 32 bits).
    pub fn set_return(self, regs: &mut PtRegs, ret: isize) {
        match self {
            Mode::X86_64 => syscall_define::set_return::<X86_64, _>(regs, ret),
            Mode::Ia32 => syscall_define::set_return::<Ia32, _>(regs, ret),
        }
    }

    /// The arguments of `descriptor`'s call in `regs`, decoded by the descriptor for this ABI;
    /// `None` if it was not defined for this ABI.
    pub fn decode(self, descriptor: &Descriptor, regs: &PtRegs) -> Option<[u64; 6]> {
        match self {
            Mode::X86_64 => descriptor.decode_regs::<X86_64, _>(regs),
            Mode::Ia32 => descriptor.decode_regs::<Ia32, _>(regs),
        }
    }
}

/// One system call, as seen at its entry stop.
#[derive(Clone, Debug)]
pub struct Call {
    /// The calling process.
    pub pid: Pid,
    /// `PTRACE_GET_SYSCALL_INFO`'s `arch`.
    pub arch: u32,
    /// The ABI, if the arch is one the tracer knows.
    pub mode: Option<Mode>,
    /// The system-call number.
    pub nr: u64,
    /// Its name in the ABI's table (the `syscalls` crate), if it has one.
    pub name: Option<&'static str>,
    /// The definition the table maps it to, if any.
    pub entry: Option<Entry>,
    /// The register file at entry.
    pub regs: UserRegs,
    /// The ABI's six argument words (for an unknown arch: the kernel's view of them).
    pub words: [u64; 6],
    /// The arguments, decoded by the definition's descriptor (as `Descriptor::decode_words`
    /// gives them: each extended per its kind to 64 bits).
    pub values: Option<[u64; 6]>,
    /// For a call the sandbox served: the stub's return value.
    pub served: Option<isize>,
}

impl Call {
    /// The name to show: the table's, else the definition's.
    pub fn display_name(&self) -> Option<&'static str> {
        self.name.or(self.entry.map(|e| e.descriptor.name))
    }

    /// The decoded arguments, one per declared argument, with their metadata.
    pub fn args(&self) -> Vec<(syscall_define::ArgMeta, u64)> {
        match (self.entry, self.values) {
            (Some(entry), Some(values)) => {
                entry.descriptor.args.iter().copied().zip(values).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// How the tracee ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// It exited with this status.
    Exited(i32),
    /// A signal killed it.
    Killed(i32),
}

impl Status {
    /// The exit status a shell would report: the status, or 128 + the signal.
    pub fn code(self) -> i32 {
        match self {
            Status::Exited(code) => code,
            Status::Killed(sig) => 128 + sig,
        }
    }
}

/// What the tracer reports.
#[derive(Clone, Copy, Debug)]
pub enum Event<'a> {
    /// A call entered (for a served call: after the stub ran).
    Enter(&'a Call),
    /// The call returned this value (for a served call: the stub's, now in the return register).
    Exit(&'a Call, i64),
    /// The tracee ended before the call returned (`exit_group`, or killed).
    Unfinished(&'a Call),
    /// The tracee's calls now use this ABI (after an `execve` of a program of the other kind).
    ModeChange(Pid, Mode),
    /// A signal is delivered to the tracee.
    Signal(Pid, i32),
    /// The tracee ended.
    Ended(Pid, Status),
}

/// The tracer: which calls it serves.
#[derive(Clone, Debug, Default)]
pub struct Tracer {
    serve: Vec<&'static str>,
}

fn gone(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::ESRCH)
}

/// Kills the tracee if the tracer leaves early (an error): `PTRACE_O_EXITKILL` only covers the
/// tracer's exit.
struct KillOnDrop(Pid, bool);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if self.1 {
            // SAFETY: plain syscalls on our own child.
            unsafe {
                libc::kill(self.0, libc::SIGKILL);
                libc::waitpid(self.0, std::ptr::null_mut(), libc::__WALL);
            }
        }
    }
}

impl Tracer {
    /// A tracer that serves nothing: every call goes to the kernel.
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves the named calls (see [`sandbox::SERVABLE`]); an unknown name is an error.
    pub fn serve<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        self.serve.extend(sandbox::expand_serve_names(names)?);
        Ok(self)
    }

    /// The descriptor names served.
    pub fn served(&self) -> &[&'static str] {
        &self.serve
    }

    /// Runs `command` under the tracer until it ends, reporting to `on_event`; returns how it
    /// ended. Call it on the thread that will make all ptrace requests for the tracee (ptrace
    /// binds a tracee to the tracer thread).
    pub fn run(&self, command: Command, mut on_event: impl FnMut(Event<'_>)) -> io::Result<Status> {
        let pid = command.spawn_traced()?;
        let mut guard = KillOnDrop(pid, true);
        ptrace::set_options(
            pid,
            libc::PTRACE_O_TRACESYSGOOD | libc::PTRACE_O_TRACEEXEC | libc::PTRACE_O_EXITKILL,
        )?;
        ptrace::resume_syscall(pid, 0)?;
        let mut pending: Option<Call> = None;
        let mut mode = Some(Mode::X86_64);
        loop {
            let status = match ptrace::wait(pid)? {
                ptrace::Wait::Exited(code) => Some(Status::Exited(code)),
                ptrace::Wait::Signaled(sig) => Some(Status::Killed(sig)),
                ptrace::Wait::SyscallStop => {
                    match self.syscall_stop(pid, &mut pending, &mut mode, &mut on_event) {
                        Err(e) if gone(&e) => continue,
                        other => other?,
                    }
                    None
                }
                ptrace::Wait::Event(_) => None,
                ptrace::Wait::Signal(sig) => {
                    if ptrace::is_signal_delivery(pid) {
                        on_event(Event::Signal(pid, sig));
                        match ptrace::resume_syscall(pid, sig) {
                            Err(e) if gone(&e) => {}
                            other => other?,
                        }
                        continue;
                    }
                    None // a group-stop: resume without a signal
                }
            };
            if let Some(status) = status {
                guard.1 = false;
                if let Some(call) = pending.take() {
                    on_event(Event::Unfinished(&call));
                }
                on_event(Event::Ended(pid, status));
                return Ok(status);
            }
            match ptrace::resume_syscall(pid, 0) {
                Err(e) if gone(&e) => {}
                other => other?,
            }
        }
    }

    fn syscall_stop(
        &self,
        pid: Pid,
        pending: &mut Option<Call>,
        last_mode: &mut Option<Mode>,
        on_event: &mut impl FnMut(Event<'_>),
    ) -> io::Result<()> {
        match ptrace::syscall_info(pid)? {
            ptrace::SyscallInfo::Entry { arch, nr, args } => {
                let regs = ptrace::get_regs(pid)?;
                let mode = Mode::from_audit_arch(arch);
                if mode != *last_mode {
                    *last_mode = mode;
                    if let Some(mode) = mode {
                        on_event(Event::ModeChange(pid, mode));
                    }
                }
                let entry = mode.and_then(|m| table::lookup(m, nr));
                let values = match (mode, entry) {
                    (Some(m), Some(e)) => m.decode(e.descriptor, &regs.regs),
                    _ => None,
                };
                let mut call = Call {
                    pid,
                    arch,
                    mode,
                    nr,
                    name: mode.and_then(|m| table::name(m, nr)),
                    entry,
                    regs,
                    words: mode.map_or(args, |m| m.arg_words(&regs.regs)),
                    values,
                    served: None,
                };
                if let (Some(mode), Some(entry)) = (mode, entry)
                    && self.serve.contains(&entry.descriptor.name)
                {
                    // Suppress the real call: the kernel skips system call -1.
                    let mut skip = regs;
                    skip.regs.orig_ax = u64::MAX;
                    ptrace::set_regs(pid, &skip)?;
                    let tracee = sandbox::Tracee { pid, mode };
                    // SAFETY: this is the (tracer's) entry path: the stub decodes the tracee's
                    // registers, and the body reaches the tracee only through `sandbox`.
                    let ret = sandbox::with_tracee(tracee, || unsafe { (entry.stub)(&regs.regs) });
                    call.served = Some(ret);
                }
                on_event(Event::Enter(&call));
                *pending = Some(call);
            }
            ptrace::SyscallInfo::Exit { rval, .. } => {
                let Some(call) = pending.take() else {
                    return Ok(());
                };
                let ret = match (call.served, call.mode) {
                    (Some(ret), Some(mode)) => {
                        let mut regs = ptrace::get_regs(pid)?;
                        mode.set_return(&mut regs.regs, ret);
                        ptrace::set_regs(pid, &regs)?;
                        ret as i64
                    }
                    _ => rval,
                };
                on_event(Event::Exit(&call, ret));
            }
            ptrace::SyscallInfo::Other => {}
        }
        Ok(())
    }
}
