//! A small `strace` whose system-call knowledge is `#[syscall_define]` definitions.
//!
//! [`Tracer::run`] starts a command under ptrace and reports every system call it makes, 64-bit
//! and 32-bit alike: at each syscall stop, `PTRACE_GET_SYSCALL_INFO` says whether it is an entry
//! or an exit and which ABI the call uses (`AUDIT_ARCH_X86_64` or `AUDIT_ARCH_I386`), and gives
//! the call's number and the six argument registers, whole, as the kernel's entry code saved them
//! (`di si dx r10 r8 r9`, or `bx cx dx si di bp`). The tracer puts them where that ABI's
//! `pt_regs` has them, and the call's number picks its definition from the [`table`] of that
//! ABI. The generated [`Descriptor`] decodes the arguments from the registers: the tracer itself
//! decodes no register. (The registers come with the stop: no `PTRACE_GETREGS` per call, which
//! is one request per call fewer than it took; a call the tracer serves reads and writes the
//! whole file.)
//!
//! In sandbox mode ([`Tracer::serve`]) the tracer is the kernel for a few calls: it suppresses
//! the real call at the entry stop, runs the definition's body through its generated entry stub
//! on the tracee's registers ([`sandbox`]), and at the exit stop writes the stub's return value
//! into the return register.
//!
//! Like strace, the tracer seizes its tracees (`PTRACE_SEIZE`), so a group-stop stays a stop
//! (`PTRACE_LISTEN`) until `SIGCONT`; with [`Tracer::follow_forks`] it follows every `fork`,
//! `vfork`, `clone` and `clone3` (the kernel seizes the children: their first stop may come
//! before their parent's event, and either one introduces them); [`Tracer::attach`] attaches to
//! a running process. Signals come with their `siginfo_t`, and the command starts with the signal
//! dispositions the tracer's own parent gave it ([`signals`]).
//!
//! The `strace` example is the command line; `tests/live.rs` checks the decoded arguments against
//! strace's raw words for the same programs, and `tests/follow.rs` the multi-process, signal and
//! option behaviour against `strace -f`.
#![cfg(all(target_os = "linux", target_arch = "x86_64"))]

use std::collections::HashMap;
use std::io;
use std::time::{Duration, Instant};

use syscall_define::Descriptor;
use syscall_define::abi::{self, Abi};
use syscall_define::regs::{self, Ia32, X86_64, x86_64::PtRegs};

pub mod defs;
pub mod format;
pub mod nargs;
pub mod print;
pub mod ptrace;
pub mod sandbox;
pub mod seccomp;
pub mod signals;
pub mod table;
pub mod uapi;

pub use ptrace::{Command, Pid, UserRegs};
pub use signals::SigInfo;
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
    /// The register file at entry: the number (`orig_ax`) and the argument registers of the
    /// call's ABI, as `PTRACE_GET_SYSCALL_INFO` gives them; for a call the sandbox serves, the
    /// whole file (`PTRACE_GETREGS`).
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
    /// A signal killed it, and it dumped core.
    Dumped(i32),
    /// The tracer was interrupted by this signal ([`signals::catch_interrupts`]) and let go of
    /// the tracees: it killed the command it started with the signal, or detached from the
    /// processes it attached to.
    Interrupted(i32),
}

impl Status {
    /// The exit status a shell would report: the status, or 128 + the signal.
    pub fn code(self) -> i32 {
        match self {
            Status::Exited(code) => code,
            Status::Killed(sig) | Status::Dumped(sig) | Status::Interrupted(sig) => 128 + sig,
        }
    }

    /// The signal that ended it, if one did.
    pub fn signal(self) -> Option<i32> {
        match self {
            Status::Exited(_) => None,
            Status::Killed(sig) | Status::Dumped(sig) | Status::Interrupted(sig) => Some(sig),
        }
    }
}

/// How long a call took, from its entry stop to its exit stop.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Timing {
    /// Wall-clock time.
    pub wall: Duration,
    /// The process's system CPU time over the call (`wait4`'s `ru_stime` at the two stops), if
    /// the tracer measures it ([`Tracer::system_times`]); zero otherwise.
    pub cpu: Duration,
}

/// What the tracer reports.
#[derive(Clone, Copy, Debug)]
pub enum Event<'a> {
    /// A process is traced from now on: the command at its start, a process `-p` attached to,
    /// or (following forks) a new child or thread.
    Attached(Pid),
    /// A call entered (for a served call: after the stub ran).
    Enter(&'a Call),
    /// The call returned this value (for a served call: the stub's, now in the return register),
    /// after this long.
    Exit(&'a Call, i64, Timing),
    /// The process is ending before the call returned (`exit_group`, or killed).
    Unfinished(&'a Call),
    /// The process's calls now use this ABI (after an `execve` of a program of the other kind).
    ModeChange(Pid, Mode),
    /// A signal is delivered to the process (its `PTRACE_GETSIGINFO`).
    Signal(Pid, &'a SigInfo),
    /// The process stopped (a group-stop) by this signal; it stays stopped until a `SIGCONT`.
    Stopped(Pid, i32),
    /// A thread of the process (the second pid) `execve`d: the thread group is that thread now,
    /// under the process's pid; its pending `execve` returns as the process's.
    Superseded(Pid, Pid),
    /// The tracer let go of the process (it was interrupted).
    Detached(Pid),
    /// The process ended.
    Ended(Pid, Status),
}

/// The tracer: which calls it serves, whether it follows forks, what it measures.
#[derive(Clone, Debug, Default)]
pub struct Tracer {
    serve: Vec<&'static str>,
    follow: bool,
    times: bool,
}

fn gone(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::ESRCH)
}

/// The state of one traced process (thread).
#[derive(Debug)]
struct Proc {
    /// The call it is in, with when it entered (wall clock, system CPU time).
    pending: Option<(Call, Instant, Duration)>,
    /// The mode of its last call; `None` for a new child until its first call.
    mode: Option<Mode>,
    /// The spawned command's own calls before its `execve` are the tracer's, not the
    /// program's: hidden, as strace hides them.
    hidden: bool,
    /// Its system CPU time at its last stop.
    stime: Duration,
}

impl Proc {
    fn new(mode: Option<Mode>, hidden: bool) -> Self {
        Proc {
            pending: None,
            mode,
            hidden,
            stime: Duration::ZERO,
        }
    }
}

/// How to resume a process after its stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resume {
    /// `PTRACE_SYSCALL`, delivering the signal (0: none).
    Syscall(i32),
    /// `PTRACE_LISTEN`: it stays in its group-stop.
    Listen,
}

/// One run of the tracer over a set of processes.
struct Session<'t, F: FnMut(Event<'_>)> {
    tracer: &'t Tracer,
    procs: HashMap<Pid, Proc>,
    /// The command started, or the process attached to.
    root: Pid,
    root_status: Option<Status>,
    /// Attached (`-p`): let go by detaching. Spawned: by killing the command.
    attached: bool,
    on_event: F,
}

/// The `ptrace` options: syscall stops marked (`TRACESYSGOOD`), exec and exit events, and with
/// `follow` the fork, vfork and clone events (their children are seized automatically);
/// `EXITKILL` for a command the tracer started, so it does not outlive the tracer.
fn options(follow: bool, spawned: bool) -> libc::c_int {
    let mut options =
        libc::PTRACE_O_TRACESYSGOOD | libc::PTRACE_O_TRACEEXEC | libc::PTRACE_O_TRACEEXIT;
    if follow {
        options |= libc::PTRACE_O_TRACECLONE | libc::PTRACE_O_TRACEFORK | libc::PTRACE_O_TRACEVFORK;
    }
    if spawned {
        options |= libc::PTRACE_O_EXITKILL;
    }
    options
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

    /// Follows forks (`strace -f`): the children and threads the traced processes create with
    /// `fork`, `vfork`, `clone` or `clone3` are traced too, from their first instruction.
    pub fn follow_forks(mut self, yes: bool) -> Self {
        self.follow = yes;
        self
    }

    /// Measures each call's system CPU time ([`Timing::cpu`], for `strace -c`).
    pub fn system_times(mut self, yes: bool) -> Self {
        self.times = yes;
        self
    }

    /// Runs `command` under the tracer until every traced process has ended, reporting to
    /// `on_event`; returns how the command ended. Call it on the thread that will make all
    /// ptrace requests for the tracees (ptrace binds a tracee to the tracer thread).
    pub fn run(&self, command: Command, on_event: impl FnMut(Event<'_>)) -> io::Result<Status> {
        let pid = command.spawn_seized(options(self.follow, true))?;
        let mut session = Session {
            tracer: self,
            procs: HashMap::from([(pid, Proc::new(Some(Mode::X86_64), true))]),
            root: pid,
            root_status: None,
            attached: false,
            on_event,
        };
        (session.on_event)(Event::Attached(pid));
        session.resume(pid, Resume::Syscall(0))?;
        session.run()
    }

    /// Attaches to the running process `pid` (`strace -p`): `PTRACE_SEIZE` and
    /// `PTRACE_INTERRUPT`, for each of its threads when following forks. Traces until every
    /// traced process has ended, and returns how `pid` ended; when interrupted, detaches.
    pub fn attach(&self, pid: Pid, on_event: impl FnMut(Event<'_>)) -> io::Result<Status> {
        let mut threads = vec![pid];
        if self.follow
            && let Ok(dir) = std::fs::read_dir(format!("/proc/{pid}/task"))
        {
            threads.extend(
                dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<Pid>().ok())
                    .filter(|&tid| tid != pid),
            );
        }
        let mut session = Session {
            tracer: self,
            procs: HashMap::new(),
            root: pid,
            root_status: None,
            attached: true,
            on_event,
        };
        for &tid in &threads {
            match ptrace::seize(tid, options(self.follow, false)) {
                Ok(()) => {}
                // A thread that ended meanwhile.
                Err(e) if gone(&e) && tid != pid => continue,
                Err(e) => {
                    session.let_go(None);
                    let kind = match e.raw_os_error() {
                        Some(libc::EPERM) => io::ErrorKind::PermissionDenied,
                        Some(libc::ESRCH) => io::ErrorKind::NotFound,
                        _ => e.kind(),
                    };
                    return Err(io::Error::new(
                        kind,
                        format!("cannot attach to {tid}: PTRACE_SEIZE: {e}"),
                    ));
                }
            }
            session.procs.insert(tid, Proc::new(None, false));
            (session.on_event)(Event::Attached(tid));
            match ptrace::interrupt(tid) {
                Err(e) if gone(&e) => {}
                other => other?,
            }
        }
        session.run()
    }
}

impl<F: FnMut(Event<'_>)> Session<'_, F> {
    /// Traces until every process has ended (or the tracer is interrupted); on an error, the
    /// session's `Drop` lets the processes go.
    fn run(&mut self) -> io::Result<Status> {
        self.trace()
    }

    fn trace(&mut self) -> io::Result<Status> {
        while !self.procs.is_empty() {
            if let Some(sig) = signals::interrupted() {
                self.let_go(Some((sig, None)));
                return Ok(Status::Interrupted(sig));
            }
            let waited = match ptrace::wait_any(self.tracer.times) {
                Ok(waited) => waited,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // Every tracee is gone without a word (it cannot happen, but do not spin).
                Err(e) if e.raw_os_error() == Some(libc::ECHILD) => break,
                Err(e) => return Err(e),
            };
            let pid = waited.pid;
            let Some(resume) = self.stop(waited)? else {
                continue;
            };
            if let Some(sig) = signals::interrupted() {
                let restart = match resume {
                    Resume::Syscall(sig) => sig,
                    Resume::Listen => 0,
                };
                self.let_go(Some((sig, Some((pid, restart)))));
                return Ok(Status::Interrupted(sig));
            }
            self.resume(pid, resume)?;
        }
        Ok(self.root_status.unwrap_or(Status::Exited(0)))
    }

    fn resume(&mut self, pid: Pid, how: Resume) -> io::Result<()> {
        let result = match how {
            Resume::Syscall(sig) => ptrace::resume_syscall(pid, sig),
            Resume::Listen => ptrace::listen(pid),
        };
        match result {
            // Killed meanwhile (SIGKILL, or another thread's exit_group): its end is reported.
            Err(e) if gone(&e) => Ok(()),
            other => other,
        }
    }

    /// Handles one state change; returns how to resume the process, `None` if it is not in a
    /// stop (it ended, or it is no tracee of ours).
    fn stop(&mut self, waited: ptrace::Waited) -> io::Result<Option<Resume>> {
        use ptrace::Wait;
        let pid = waited.pid;
        let ended = match waited.wait {
            Wait::Exited(code) => Some(Status::Exited(code)),
            Wait::Signaled(sig, false) => Some(Status::Killed(sig)),
            Wait::Signaled(sig, true) => Some(Status::Dumped(sig)),
            _ => None,
        };
        if let Some(status) = ended {
            // Another child of this thread (not a tracee): not ours to report.
            let Some(proc) = self.procs.remove(&pid) else {
                return Ok(None);
            };
            if let Some((call, ..)) = &proc.pending {
                (self.on_event)(Event::Unfinished(call));
            }
            if pid == self.root {
                self.root_status = Some(status);
            }
            (self.on_event)(Event::Ended(pid, status));
            return Ok(None);
        }
        if !self.procs.contains_key(&pid) {
            if !self.tracer.follow {
                // Not ours (a child that inherited tracing by CLONE_PTRACE): let it go.
                let _ = ptrace::detach(pid, 0);
                return Ok(None);
            }
            // A new child whose first stop came before its parent's fork event.
            self.procs.insert(pid, Proc::new(None, false));
            (self.on_event)(Event::Attached(pid));
        }
        if let Some(stime) = waited.stime
            && let Some(proc) = self.procs.get_mut(&pid)
        {
            proc.stime = stime;
        }
        let hidden = self.procs.get(&pid).is_some_and(|p| p.hidden);
        Ok(Some(match waited.wait {
            Wait::SyscallStop => {
                match self.syscall_stop(pid) {
                    Err(e) if gone(&e) => {}
                    other => other?,
                }
                Resume::Syscall(0)
            }
            Wait::Event(event) => {
                self.event(pid, event)?;
                Resume::Syscall(0)
            }
            Wait::EventStop(
                sig @ (libc::SIGSTOP | libc::SIGTSTP | libc::SIGTTIN | libc::SIGTTOU),
            ) => {
                if !hidden {
                    (self.on_event)(Event::Stopped(pid, sig));
                }
                Resume::Listen
            }
            // An interrupt, a new child's first stop, a listening process's SIGCONT.
            Wait::EventStop(_) => Resume::Syscall(0),
            Wait::Signal(sig) => match ptrace::siginfo(pid) {
                Some(info) => {
                    if !hidden {
                        (self.on_event)(Event::Signal(pid, &info));
                    }
                    Resume::Syscall(sig)
                }
                // Not a signal-delivery-stop: the tracee is gone, or this is a group-stop of a
                // tracee that is not seized.
                None => Resume::Syscall(0),
            },
            Wait::Exited(_) | Wait::Signaled(..) => unreachable!("handled above"),
        }))
    }

    /// A `PTRACE_EVENT_*` stop other than `PTRACE_EVENT_STOP`.
    fn event(&mut self, pid: Pid, event: i32) -> io::Result<()> {
        match event {
            libc::PTRACE_EVENT_FORK | libc::PTRACE_EVENT_VFORK | libc::PTRACE_EVENT_CLONE => {
                let child = match ptrace::event_msg(pid) {
                    Ok(child) => child as Pid,
                    Err(e) if gone(&e) => return Ok(()),
                    Err(e) => return Err(e),
                };
                if !self.procs.contains_key(&child) {
                    let mode = self.procs.get(&pid).and_then(|p| p.mode);
                    self.procs.insert(child, Proc::new(mode, false));
                    (self.on_event)(Event::Attached(child));
                }
            }
            libc::PTRACE_EVENT_EXEC => {
                // A thread other than the leader exec'd: it is the leader now, under the
                // leader's pid; the old leader's death is never reported.
                let former = ptrace::event_msg(pid).map_or(pid, |tid| tid as Pid);
                if former != pid
                    && let Some(mut thread) = self.procs.remove(&former)
                {
                    if let Some((call, ..)) = &mut thread.pending {
                        call.pid = pid;
                    }
                    self.procs.insert(pid, thread);
                    (self.on_event)(Event::Superseded(pid, former));
                }
            }
            libc::PTRACE_EVENT_EXIT => {
                // About to exit (exit_group, exit, or a fatal signal): the call in progress
                // never returns.
                if let Some(proc) = self.procs.get_mut(&pid)
                    && let Some((call, ..)) = proc.pending.take()
                {
                    (self.on_event)(Event::Unfinished(&call));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn syscall_stop(&mut self, pid: Pid) -> io::Result<()> {
        let Some(proc) = self.procs.get_mut(&pid) else {
            return Ok(());
        };
        match ptrace::syscall_info(pid)? {
            ptrace::SyscallInfo::Entry { arch, nr, args } => {
                let mode = Mode::from_audit_arch(arch);
                if proc.hidden {
                    // The spawned child's own calls end at its execve.
                    let name = mode.and_then(|m| table::name(m, nr));
                    if !matches!(name, Some("execve" | "execveat")) {
                        return Ok(());
                    }
                    proc.hidden = false;
                }
                let entry = mode.and_then(|m| table::lookup(m, nr));
                let served = entry.is_some_and(|e| {
                    mode.is_some() && self.tracer.serve.contains(&e.descriptor.name)
                });
                let regs = if served {
                    ptrace::get_regs(pid)?
                } else {
                    entry_registers(mode, nr, args)
                };
                match proc.mode {
                    // A new child's first call: the mode it inherited, not news.
                    None => proc.mode = mode,
                    Some(last) if mode != Some(last) => {
                        proc.mode = mode;
                        if let Some(mode) = mode {
                            (self.on_event)(Event::ModeChange(pid, mode));
                        }
                    }
                    Some(_) => {}
                }
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
                    && served
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
                } else if mode == Some(Mode::Ia32)
                    && entry.is_some_and(|e| e.descriptor.name == "socketcall")
                {
                    socketcall_subcall(&mut call);
                }
                (self.on_event)(Event::Enter(&call));
                let stime = self.procs.get(&pid).map_or(Duration::ZERO, |p| p.stime);
                if let Some(proc) = self.procs.get_mut(&pid) {
                    proc.pending = Some((call, Instant::now(), stime));
                }
            }
            ptrace::SyscallInfo::Exit { rval, .. } => {
                let stime = proc.stime;
                let Some((call, entered, entry_stime)) = proc.pending.take() else {
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
                let timing = Timing {
                    wall: entered.elapsed(),
                    cpu: stime.saturating_sub(entry_stime),
                };
                (self.on_event)(Event::Exit(&call, ret, timing));
            }
            ptrace::SyscallInfo::Other => {}
        }
        Ok(())
    }

    /// Ends the trace early: with `interrupt`, the tracer was interrupted by a signal (and the
    /// process in a stop, if any, with the signal its resumption would deliver): a spawned
    /// command gets that signal, as strace sends it, and every process is detached, so none
    /// stays stopped. Without, the tracer failed (or its caller's callback panicked): a spawned
    /// command's processes are killed and reaped, attached ones detached.
    fn let_go(&mut self, interrupt: Option<(i32, Option<(Pid, i32)>)>) {
        let mut pids: Vec<Pid> = self.procs.keys().copied().collect();
        pids.sort_unstable();
        self.procs.clear();
        if interrupt.is_none() && !self.attached {
            for &pid in &pids {
                // SAFETY: SIGKILL to our tracees (the command and its family).
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
            for &pid in &pids {
                // Reap each: a tracer may wait for its tracees. A killed tracee may still stop
                // once more, at PTRACE_EVENT_EXIT: let it go on to its death.
                while let Ok(stop) = ptrace::wait(pid) {
                    if matches!(stop, ptrace::Wait::Exited(_) | ptrace::Wait::Signaled(..)) {
                        break;
                    }
                    let _ = ptrace::resume(pid, 0);
                }
            }
            return;
        }
        if interrupt.is_some() {
            for &pid in &pids {
                (self.on_event)(Event::Detached(pid));
            }
        }
        if let Some((sig, _)) = interrupt
            && !self.attached
        {
            // SAFETY: signals to the process the tracer started; a stopped one must continue
            // to die of it, as strace does.
            unsafe {
                libc::kill(self.root, libc::SIGCONT);
                libc::kill(self.root, sig);
            }
        }
        let stopped = interrupt.and_then(|(_, stopped)| stopped);
        for pid in pids {
            match stopped {
                Some((at, sig)) if at == pid => {
                    let _ = ptrace::detach(pid, sig);
                }
                _ => detach_running(pid),
            }
        }
    }
}

impl<F: FnMut(Event<'_>)> Drop for Session<'_, F> {
    /// A session left with processes still traced (an error, or a panic in the callback) lets
    /// them go: none stays stopped, and a spawned command does not outlive the trace.
    fn drop(&mut self) {
        if !self.procs.is_empty() {
            self.let_go(None);
        }
    }
}

/// A call's registers as its ABI's entry code saved them, from `PTRACE_GET_SYSCALL_INFO`: the
/// number in `orig_ax`, the six argument words where that ABI's `pt_regs` has them (an unknown
/// arch's where x86-64 has them).
fn entry_registers(mode: Option<Mode>, nr: u64, args: [u64; 6]) -> UserRegs {
    let [a, b, c, d, e, f] = args;
    let regs = match mode {
        Some(Mode::Ia32) => PtRegs {
            bx: a,
            cx: b,
            dx: c,
            si: d,
            di: e,
            bp: f,
            orig_ax: nr,
            ..PtRegs::default()
        },
        Some(Mode::X86_64) | None => PtRegs {
            di: a,
            si: b,
            dx: c,
            r10: d,
            r8: e,
            r9: f,
            orig_ax: nr,
            ..PtRegs::default()
        },
    };
    UserRegs {
        regs,
        ..UserRegs::default()
    }
}

/// Detaches from a tracee that is running (or listening in a group-stop), as strace does:
/// `PTRACE_INTERRUPT` it, wait for its stop, and detach there, delivering the signal of a
/// signal-delivery-stop.
fn detach_running(pid: Pid) {
    use ptrace::Wait;
    match ptrace::detach(pid, 0) {
        Ok(()) => return,
        Err(e) if !gone(&e) => return,
        Err(_) => {}
    }
    // ESRCH: not in a ptrace-stop, or gone.
    if ptrace::interrupt(pid).is_err() {
        return;
    }
    // Whichever stop comes first (the interrupt's, or one already pending), detach there.
    match ptrace::wait(pid) {
        Ok(Wait::Signal(sig)) => {
            let _ = ptrace::detach(pid, sig);
        }
        Ok(Wait::SyscallStop | Wait::Event(_) | Wait::EventStop(_)) => {
            let _ = ptrace::detach(pid, 0);
        }
        // Ended, or no longer ours.
        Ok(Wait::Exited(_) | Wait::Signaled(..)) | Err(_) => {}
    }
}

/// ia32 `socketcall(call, args)` as the call it stands for, as the kernel runs it and strace
/// shows it: the sub-call's arguments are the words of the block at `args`, decoded by that
/// call's definition for ia32 (its registers, in order, hold the block's words); a sub-call
/// without a definition keeps its name and shows the words raw. A call number out of range, or a
/// block that cannot be read, stays `socketcall`.
fn socketcall_subcall(call: &mut Call) {
    let Some([number, block, ..]) = call.values else {
        return;
    };
    let Some((name, words)) = nargs::socketcall(number) else {
        return;
    };
    let mut bytes = [0u8; 6 * 4];
    let want = words * 4;
    if !matches!(ptrace::read_memory(call.pid, block, &mut bytes[..want]), Ok(n) if n == want) {
        return;
    }
    let mut args = [0u64; 6];
    for (i, word) in args.iter_mut().enumerate().take(words) {
        *word = u64::from(u32::from_le_bytes(
            bytes[i * 4..i * 4 + 4].try_into().expect("4 bytes"),
        ));
    }
    let regs = PtRegs {
        bx: args[0],
        cx: args[1],
        dx: args[2],
        si: args[3],
        di: args[4],
        bp: args[5],
        ..call.regs.regs
    };
    let entry = table::socketcall_entry(name);
    call.name = Some(name);
    call.entry = entry;
    call.values = entry.and_then(|e| Mode::Ia32.decode(e.descriptor, &regs));
    call.words = args;
}
