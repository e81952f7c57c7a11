//! The trace as strace prints it: one line per call, with the line layout, pid prefixes and
//! event lines of strace 6.1 (`src/strace.c`, `src/syscall.c`, `src/printsiginfo.c`, whose
//! behaviour is cited where it is followed), and the calls themselves as [`format::call`] shows
//! them from the descriptors.
//!
//! - The call is printed at its entry, the result at its exit, padded to column 40 (strace's
//!   `tabto`): `close(fd=3)                             = 0`. When another process prints in
//!   between, the open line ends with ` <unfinished ...>` and the result comes on a line of its
//!   own: `<... close resumed>)                      = 0`.
//! - With several processes, each line starts with `[pid  1234] ` (strace's `[pid %5u] `, when
//!   more than one process is traced); with the trace in a file and `-f`, with `1234  ` (strace's
//!   `%-5u `, on every line).
//! - Signals show their `siginfo_t`: `--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED,
//!   si_pid=1234, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---`; a group-stop is
//!   `--- stopped by SIGSTOP ---`.
//! - The bytes a call reads from the tracee (an argument whose type shows as
//!   [`ArgDisplay::Bytes`]: `write`'s `buf`) are shown after the pointer at the call's entry, as
//!   many as the next argument says; the bytes it writes (`read`'s) at its exit, as many as it
//!   returned; at most `-s` of them (default 32), quoted as strace quotes them.
//! - A call without a definition shows its raw words, as many as strace's table says the call
//!   takes ([`crate::nargs`]).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use syscall_define::ArgDisplay;

use crate::format::{self, signal_name};
use crate::{Call, Event, Mode, Pid, SigInfo, Status, Timing, nargs, ptrace, table};

/// strace's `-s` default: how many bytes of a buffer are shown.
pub const DEFAULT_STRING_LIMIT: usize = 32;

/// strace's `DEFAULT_ACOLUMN`: the column results are aligned to.
const RESULT_COLUMN: usize = 40;

/// How lines say which process they are about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PidPrefix {
    /// `[pid  1234] ` while more than one process is traced (strace on a terminal).
    #[default]
    WhenSeveral,
    /// `1234  ` on every line (strace with `-o FILE` and `-f`).
    Always,
}

/// Where the printer says which processes it traces from now on (`strace: Process N attached`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Announce {
    /// Nowhere (strace's `-q`).
    #[default]
    No,
    /// In the trace, which goes to stderr: the open line ends first.
    InTrace,
    /// On stderr, the trace going elsewhere.
    Stderr,
}

/// Which calls are traced: `-e trace=NAME,...` (`!` before the list: all but these).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    names: HashSet<String>,
    negated: bool,
}

impl Filter {
    /// Parses `[trace=][!]NAME[,NAME...]` (also `all` and `none`); every name must be a system
    /// call of x86-64 or ia32 (or a socketcall sub-call).
    pub fn parse(text: &str) -> Result<Filter, String> {
        let text = text.strip_prefix("trace=").unwrap_or(text);
        let (negated, list) = match text.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut names = HashSet::new();
        let mut all = false;
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name {
                "all" => all = true,
                "none" => {}
                _ if known_name(name) => {
                    names.insert(name.to_owned());
                }
                _ => return Err(format!("invalid system call '{name}'")),
            }
        }
        if all {
            // `all` is every call: no names means none, negated means all.
            return Ok(Filter {
                names: HashSet::new(),
                negated: !negated,
            });
        }
        Ok(Filter { names, negated })
    }

    /// Whether calls named `name` are traced.
    pub fn traces(&self, name: &str) -> bool {
        self.names.contains(name) != self.negated
    }
}

fn known_name(name: &str) -> bool {
    use std::str::FromStr;
    syscalls::x86_64::Sysno::from_str(name).is_ok()
        || syscalls::x86::Sysno::from_str(name).is_ok()
        || (1..=20).any(|n| nargs::socketcall(n).is_some_and(|(sub, _)| sub == name))
}

/// The name a call is counted and filtered by: its table's (or, for a socketcall, its
/// sub-call's), else `syscall_0x…` as strace names an unknown number.
pub fn call_name(call: &Call) -> String {
    match call.display_name() {
        Some(name) => name.to_owned(),
        None => format!("syscall_{:#x}", call.nr),
    }
}

/// Whether `call` is an ia32 `socketcall` the tracer shows as its sub-call.
pub fn is_socketcall_subcall(call: &Call) -> bool {
    call.mode == Some(Mode::Ia32)
        && table::name(Mode::Ia32, call.nr) == Some("socketcall")
        && call.display_name() != Some("socketcall")
}

/// A call without a definition: its name, number and as many raw words as strace says it takes
/// (`io_setup#206(raw: 0x1, 0x7ffd5e2c)`; a number no table names is `syscall_0x7e00`, with six
/// words, as strace shows it); a socketcall sub-call without a definition shows the words of its
/// block (`bind(raw: 0x3, 0xffb1c2c0, 0x10)`).
pub fn raw_call(call: &Call) -> String {
    let (head, words) = if is_socketcall_subcall(call) {
        let name = call.display_name().unwrap_or("socketcall");
        let words = (1..=20)
            .find_map(|n| nargs::socketcall(n).filter(|(sub, _)| *sub == name))
            .map_or(6, |(_, words)| words);
        (name.to_owned(), words)
    } else {
        let words = call.mode.map_or(6, |m| nargs::of(m, call.nr));
        let head = match call.name {
            Some(name) => format!("{name}#{}", call.nr),
            // A number no table names: strace's name for it.
            None => call_name(call),
        };
        (head, words)
    };
    let shown: Vec<String> = call.words[..words.min(6)]
        .iter()
        .map(|&w| {
            if w == 0 {
                "0".into()
            } else {
                format!("{w:#x}")
            }
        })
        .collect();
    if shown.is_empty() {
        format!("{head}()")
    } else {
        format!("{head}(raw: {})", shown.join(", "))
    }
}

/// `bytes` quoted as strace quotes a buffer (`string_quote` without `-x`): `\"` `\\` `\f` `\n`
/// `\r` `\t` `\v`, printable ASCII as it is, any other byte in octal (`\0`, `\177`; three digits
/// when a digit follows, so `\0` then `1` is `\0001`). `next` is the byte after the shown ones,
/// if one was read (strace looks one byte ahead).
pub fn quote_bytes(bytes: &[u8], next: Option<u8>) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x0c => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x0b => out.push_str("\\v"),
            0x20..=0x7e => out.push(b as char),
            _ => {
                let following = bytes.get(i + 1).copied().or(next);
                out.push('\\');
                if following.is_some_and(|c| c.is_ascii_digit() && c <= b'7') {
                    let _ = write!(out, "{b:03o}");
                } else {
                    let _ = write!(out, "{b:o}");
                }
            }
        }
    }
    out.push('"');
    out
}

/// `len` bytes at `addr` in `pid`, as strace's `printstr_ex` shows them with `-s limit`: the
/// first `limit`, quoted, and `...` if there were more; `None` if they cannot be read (strace
/// then shows the address, which the call already shows).
pub fn buffer(pid: Pid, addr: u64, len: u64, limit: usize) -> Option<String> {
    if addr == 0 {
        return None;
    }
    let fetch = (limit as u64).saturating_add(1).min(len) as usize;
    let mut bytes = vec![0u8; fetch];
    if fetch > 0 && ptrace::read_memory(pid, addr, &mut bytes).ok()? < fetch {
        return None;
    }
    let shown = fetch.min(limit);
    let mut text = quote_bytes(&bytes[..shown], bytes.get(shown).copied());
    if len > limit as u64 {
        text.push_str("...");
    }
    Some(text)
}

/// A pointer as strace prints one (`printaddr`): `NULL`, or hex.
fn ptr(value: u64) -> String {
    if value == 0 {
        "NULL".into()
    } else {
        format!("{value:#x}")
    }
}

/// strace's `siginfo_codes` (generic, for every signal), then its per-signal tables
/// (`src/xlat/*_codes.in`).
fn si_code_name(signo: i32, code: i32) -> Option<&'static str> {
    let generic = match code {
        0 => Some("SI_USER"),
        0x80 => Some("SI_KERNEL"),
        -1 => Some("SI_QUEUE"),
        -2 => Some("SI_TIMER"),
        -3 => Some("SI_MESGQ"),
        -4 => Some("SI_ASYNCIO"),
        -5 => Some("SI_SIGIO"),
        -6 => Some("SI_TKILL"),
        -7 => Some("SI_DETHREAD"),
        -60 => Some("SI_ASYNCNL"),
        _ => None,
    };
    if generic.is_some() {
        return generic;
    }
    let table: &[&str] = match signo {
        libc::SIGCHLD => &[
            "CLD_EXITED",
            "CLD_KILLED",
            "CLD_DUMPED",
            "CLD_TRAPPED",
            "CLD_STOPPED",
            "CLD_CONTINUED",
        ],
        libc::SIGSEGV => &[
            "SEGV_MAPERR",
            "SEGV_ACCERR",
            "SEGV_BNDERR",
            "SEGV_PKUERR",
            "SEGV_ACCADI",
            "SEGV_ADIDERR",
            "SEGV_ADIPERR",
            "SEGV_MTEAERR",
            "SEGV_MTESERR",
        ],
        libc::SIGBUS => &[
            "BUS_ADRALN",
            "BUS_ADRERR",
            "BUS_OBJERR",
            "BUS_MCEERR_AR",
            "BUS_MCEERR_AO",
        ],
        libc::SIGILL => &[
            "ILL_ILLOPC",
            "ILL_ILLOPN",
            "ILL_ILLADR",
            "ILL_ILLTRP",
            "ILL_PRVOPC",
            "ILL_PRVREG",
            "ILL_COPROC",
            "ILL_BADSTK",
        ],
        libc::SIGFPE => &[
            "FPE_INTDIV",
            "FPE_INTOVF",
            "FPE_FLTDIV",
            "FPE_FLTOVF",
            "FPE_FLTUND",
            "FPE_FLTRES",
            "FPE_FLTINV",
            "FPE_FLTSUB",
            "",
            "",
            "",
            "",
            "",
            "FPE_FLTUNK",
            "FPE_CONDTRAP",
        ],
        libc::SIGTRAP => &[
            "TRAP_BRKPT",
            "TRAP_TRACE",
            "TRAP_BRANCH",
            "TRAP_HWBKPT",
            "TRAP_UNK",
            "TRAP_PERF",
        ],
        libc::SIGIO => &[
            "POLL_IN", "POLL_OUT", "POLL_MSG", "POLL_ERR", "POLL_PRI", "POLL_HUP",
        ],
        libc::SIGSYS => &["SYS_SECCOMP", "SYS_USER_DISPATCH"],
        _ => &[],
    };
    usize::try_from(code - 1)
        .ok()
        .and_then(|i| table.get(i))
        .copied()
        .filter(|name| !name.is_empty())
}

/// A `siginfo_t` as strace prints it (`printsiginfo`): `{si_signo=SIGCHLD, si_code=CLD_EXITED,
/// si_pid=1234, si_uid=0, si_status=0, si_utime=0, si_stime=0}`, the fields each kind of signal
/// has.
pub fn siginfo(info: &SigInfo) -> String {
    let mut out = String::from("{");
    let signo = info.signo();
    if signo == 0 {
        out.push('}');
        return out;
    }
    let code = info.code();
    let _ = write!(out, "si_signo={}, si_code=", signal_name(signo));
    match si_code_name(signo, code) {
        Some(name) => out.push_str(name),
        None => {
            let _ = write!(out, "{code}");
        }
    }
    if info.errno() != 0 {
        let _ = write!(
            out,
            ", si_errno={}",
            format::errno_name(i64::from(info.errno()))
        );
    }
    let source = |out: &mut String| {
        let _ = write!(out, ", si_pid={}, si_uid={}", info.pid(), info.uid());
    };
    let sigval = |out: &mut String| {
        let value = info.value();
        let _ = write!(out, ", si_int={}, si_ptr={}", value as i32, ptr(value));
    };
    if code <= 0 {
        // Sent by a process (SI_FROMUSER).
        match code {
            // SI_USER, SI_TKILL
            0 | -6 => source(&mut out),
            // SI_TIMER
            -2 => {
                let _ = write!(
                    out,
                    ", si_timerid={:#x}, si_overrun={}",
                    info.timerid(),
                    info.overrun()
                );
                sigval(&mut out);
            }
            // SI_SIGIO
            -5 => {
                let _ = write!(out, ", si_band={}, si_fd={}", info.band(), info.fd());
            }
            _ => {
                source(&mut out);
                if info.value() != 0 {
                    sigval(&mut out);
                }
            }
        }
    } else {
        match signo {
            libc::SIGCHLD => {
                source(&mut out);
                if code == 1 {
                    let _ = write!(out, ", si_status={}", info.status());
                } else {
                    let _ = write!(out, ", si_status={}", signal_name(info.status()));
                }
                let _ = write!(
                    out,
                    ", si_utime={}, si_stime={}",
                    info.utime(),
                    info.stime()
                );
            }
            libc::SIGILL | libc::SIGFPE | libc::SIGBUS | libc::SIGSEGV | libc::SIGTRAP => {
                let _ = write!(out, ", si_addr={}", ptr(info.addr()));
            }
            libc::SIGIO if (1..=6).contains(&code) => {
                let _ = write!(out, ", si_band={}, si_fd={}", info.band(), info.fd());
            }
            libc::SIGSYS => {
                let arch = info.arch();
                let mode = Mode::from_audit_arch(arch);
                let nr = info.syscall();
                let _ = write!(out, ", si_call_addr={}, si_syscall=", ptr(info.addr()));
                match mode.and_then(|m| table::name(m, nr as u64)) {
                    Some(name) => {
                        let _ = write!(out, "__NR_{name}");
                    }
                    None => {
                        let _ = write!(out, "{nr}");
                    }
                }
                let _ = match mode {
                    Some(Mode::X86_64) => write!(out, ", si_arch=AUDIT_ARCH_X86_64"),
                    Some(Mode::Ia32) => write!(out, ", si_arch=AUDIT_ARCH_I386"),
                    None => write!(out, ", si_arch={arch:#x}"),
                };
            }
            _ => {
                if info.pid() != 0 || info.uid() != 0 {
                    source(&mut out);
                }
                if info.value() != 0 {
                    sigval(&mut out);
                }
            }
        }
    }
    out.push('}');
    out
}

/// A call whose line is open, or whose result is still to come.
#[derive(Debug)]
struct Open {
    /// For `<... NAME resumed>`.
    name: String,
    /// What follows the bytes of a buffer shown at exit, or the closing parenthesis.
    tail: String,
    /// The address of bytes the call writes, shown at exit.
    written: Option<u64>,
}

/// Prints events strace-style to `out`: the call at entry, its result at exit (so the tracee's
/// own output lands in between, as with strace), flushed at each entry and at each line's end
/// as strace flushes.
#[derive(Debug)]
pub struct Printer<W: Write> {
    out: W,
    /// The process whose line is open, and the line's column.
    open: Option<Pid>,
    column: usize,
    /// The processes traced now.
    live: HashSet<Pid>,
    /// The calls entered and not yet returned, per process (only those that are shown).
    calls: HashMap<Pid, Open>,
    prefix: PidPrefix,
    limit: usize,
    filter: Option<Filter>,
    announce: Announce,
    announce_first: bool,
    /// Processes attached and not yet announced: each is announced before its first line.
    unannounced: HashSet<Pid>,
}

impl<W: Write> Printer<W> {
    /// A printer to `out`.
    pub fn new(out: W) -> Self {
        Printer {
            out,
            open: None,
            column: 0,
            live: HashSet::new(),
            calls: HashMap::new(),
            prefix: PidPrefix::default(),
            limit: DEFAULT_STRING_LIMIT,
            filter: None,
            announce: Announce::No,
            announce_first: false,
            unannounced: HashSet::new(),
        }
    }

    /// How lines name their process.
    pub fn pid_prefix(mut self, prefix: PidPrefix) -> Self {
        self.prefix = prefix;
        self
    }

    /// At most this many bytes of a buffer (`-s`).
    pub fn string_limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Only the calls `filter` traces (`-e trace=`); signals and process events are all shown.
    pub fn filter(mut self, filter: Option<Filter>) -> Self {
        self.filter = filter;
        self
    }

    /// Where to say `strace: Process N attached` / `detached` when a process is traced from
    /// then on or let go (strace says it on its stderr, without `-q`).
    pub fn announce(mut self, to: Announce) -> Self {
        self.announce = to;
        self
    }

    /// With [`announce`](Printer::announce), also announces the first process (the one `-p`
    /// attached to; a command the tracer starts is not announced).
    pub fn announce_first(mut self, yes: bool) -> Self {
        self.announce_first = yes;
        self
    }

    /// The output so far.
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// The output.
    pub fn into_inner(self) -> W {
        self.out
    }

    fn put(&mut self, text: &str) -> io::Result<()> {
        self.column += text.len();
        self.out.write_all(text.as_bytes())
    }

    fn end_line(&mut self) -> io::Result<()> {
        self.out.write_all(b"\n")?;
        self.open = None;
        self.column = 0;
        self.out.flush()
    }

    /// Ends an open line, as strace's `printleader` does before another line starts.
    fn close_open_line(&mut self, note: &str) -> io::Result<()> {
        if self.open.is_some() {
            self.put(note)?;
            self.end_line()?;
        }
        Ok(())
    }

    /// Starts a line about `pid`: ends the open one (and announces `pid` if it is new), then
    /// the pid prefix.
    fn begin(&mut self, pid: Pid) -> io::Result<()> {
        if self.unannounced.remove(&pid) {
            self.note(&format!("strace: Process {pid} attached"))?;
        }
        self.close_open_line(" <unfinished ...>")?;
        match self.prefix {
            PidPrefix::Always => self.put(&format!("{pid:<5} ")),
            PidPrefix::WhenSeveral if self.live.len() > 1 => self.put(&format!("[pid {pid:>5}] ")),
            PidPrefix::WhenSeveral => Ok(()),
        }
    }

    /// A line of its own (not a call's).
    fn line(&mut self, pid: Pid, text: &str) -> io::Result<()> {
        self.begin(pid)?;
        self.put(text)?;
        self.end_line()
    }

    /// An announcement (`strace: Process N attached`), on stderr: in the trace if the trace
    /// goes there.
    fn note(&mut self, text: &str) -> io::Result<()> {
        match self.announce {
            Announce::No => Ok(()),
            Announce::InTrace => {
                self.close_open_line(" <unfinished ...>")?;
                self.put(text)?;
                self.end_line()
            }
            Announce::Stderr => writeln!(io::stderr(), "{text}"),
        }
    }

    fn shown(&self, call: &Call) -> bool {
        // strace traces a number it has no name for whatever the filter says.
        call.display_name().is_none()
            || self
                .filter
                .as_ref()
                .is_none_or(|f| f.traces(&call_name(call)))
    }

    fn enter(&mut self, call: &Call) -> io::Result<()> {
        if !self.shown(call) {
            return Ok(());
        }
        let mut text = match (call.entry, call.values) {
            (Some(_), Some(_)) => format::call_with(call, self.limit),
            _ => raw_call(call),
        };
        let mut tail = String::from(")");
        if text.ends_with(')') {
            text.pop();
        }
        let mut written = None;
        if let (Some(entry), Some(values)) = (call.entry, call.values) {
            let args = entry.descriptor.args;
            let bytes = args.iter().enumerate().find_map(|(i, a)| match a.display {
                ArgDisplay::Bytes { written } => Some((i, written)),
                _ => None,
            });
            // The bytes' argument is shown up to where the next argument (their length)
            // starts: the bytes go there.
            if let Some((i, writes)) = bytes
                && let Some(next) = args.get(i + 1)
                && let Some(at) = text.find(&format!(", {}=", next.name))
            {
                let rest = text.split_off(at);
                if writes {
                    written = Some(values[i]);
                    tail = rest + ")";
                } else {
                    if let Some(shown) = buffer(call.pid, values[i], values[i + 1], self.limit) {
                        text.push(' ');
                        text.push_str(&shown);
                    }
                    text.push_str(&rest);
                }
            }
        }
        self.begin(call.pid)?;
        self.put(&text)?;
        self.open = Some(call.pid);
        self.calls.insert(
            call.pid,
            Open {
                name: call_name(call),
                tail,
                written,
            },
        );
        // strace flushes each call's entry, so a call that blocks shows.
        self.out.flush()
    }

    /// The result of `pid`'s open call: `ret` is `None` for a call that never returns.
    fn exit(&mut self, call: &Call, ret: Option<i64>) -> io::Result<()> {
        let Some(open) = self.calls.remove(&call.pid) else {
            return Ok(());
        };
        if self.open != Some(call.pid) {
            self.begin(call.pid)?;
            self.put(&format!("<... {} resumed>", open.name))?;
        }
        if let (Some(addr), Some(ret)) = (open.written, ret)
            && ret >= 0
            && !is_error(call, ret)
            && let Some(shown) = buffer(call.pid, addr, ret as u64, self.limit)
        {
            self.put(" ")?;
            self.put(&shown)?;
        }
        self.put(&open.tail)?;
        self.put(" ")?;
        if self.column < RESULT_COLUMN {
            let pad = RESULT_COLUMN - self.column;
            self.put(&" ".repeat(pad))?;
        }
        match ret {
            Some(ret) => self.put(&format!("= {}", format::ret(call, ret)))?,
            None => self.put("= ?")?,
        }
        self.end_line()
    }

    /// Prints one event.
    pub fn event(&mut self, event: Event<'_>) -> io::Result<()> {
        match event {
            Event::Attached(pid) => {
                let first = self.live.is_empty();
                self.live.insert(pid);
                if self.announce != Announce::No && (!first || self.announce_first) {
                    // Before its first line, not in the middle of its parent's `clone`.
                    self.unannounced.insert(pid);
                }
            }
            Event::Enter(c) => self.enter(c)?,
            Event::Exit(c, value, _) => self.exit(c, Some(value))?,
            Event::Unfinished(c) => self.exit(c, None)?,
            Event::ModeChange(pid, mode) => {
                let bits = match mode {
                    Mode::X86_64 => 64,
                    Mode::Ia32 => 32,
                };
                self.close_open_line(" <unfinished ...>")?;
                self.put(&format!("[ Process PID={pid} runs in {bits} bit mode. ]"))?;
                self.end_line()?;
            }
            Event::Signal(pid, info) => self.line(
                pid,
                &format!("--- {} {} ---", signal_name(info.signo()), siginfo(info)),
            )?,
            Event::Stopped(pid, sig) => {
                self.line(pid, &format!("--- stopped by {} ---", signal_name(sig)))?
            }
            Event::Superseded(pid, former) => {
                if self.open == Some(former) {
                    self.put(&format!(" <pid changed to {pid} ...>"))?;
                    self.end_line()?;
                }
                self.calls.remove(&pid);
                if let Some(open) = self.calls.remove(&former) {
                    self.calls.insert(pid, open);
                }
                self.live.remove(&former);
                self.line(
                    pid,
                    &format!("+++ superseded by execve in pid {former} +++"),
                )?;
            }
            Event::Detached(pid) => {
                if self.open == Some(pid) {
                    self.put(" <detached ...>")?;
                    self.end_line()?;
                }
                self.calls.remove(&pid);
                self.live.remove(&pid);
                self.unannounced.remove(&pid);
                if self.announce != Announce::No {
                    self.note(&format!("strace: Process {pid} detached"))?;
                }
            }
            Event::Ended(pid, status) => {
                let text = match status {
                    Status::Exited(code) => format!("+++ exited with {code} +++"),
                    Status::Killed(sig) => format!("+++ killed by {} +++", signal_name(sig)),
                    Status::Dumped(sig) => {
                        format!("+++ killed by {} (core dumped) +++", signal_name(sig))
                    }
                    Status::Interrupted(sig) => {
                        format!("+++ interrupted by {} +++", signal_name(sig))
                    }
                };
                self.line(pid, &text)?;
                self.calls.remove(&pid);
                self.live.remove(&pid);
            }
        }
        Ok(())
    }

    /// Flushes the output.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Whether `ret` is an error return by the call's ABI.
fn is_error(call: &Call, ret: i64) -> bool {
    call.mode
        .map_or((-4095..0).contains(&ret), |m| m.abi().is_error_return(ret))
}

/// The `-c` summary: per mode, per call, the calls, the errors and the time spent, printed as
/// strace's `call_summary` prints them (`src/count.c`: `% time`, `seconds`, `usecs/call`,
/// `calls`, `errors`, `syscall`; sorted by time, then by number; the 32-bit mode's table under
/// `System call usage summary for 32 bit mode:`).
#[derive(Debug, Default)]
pub struct Summary {
    /// `(mode, sort key: the number, or 500 + a socketcall sub-call's) → counts`.
    rows: HashMap<(Mode, u64), Row>,
    wall_clock: bool,
    filter: Option<Filter>,
}

#[derive(Debug, Default)]
struct Row {
    name: String,
    calls: u64,
    errors: u64,
    time: std::time::Duration,
}

impl Summary {
    /// A summary of system CPU time (strace's default) or, with `wall_clock`, of the time from
    /// entry to exit (strace's `-w`), of the calls `filter` traces.
    pub fn new(wall_clock: bool, filter: Option<Filter>) -> Self {
        Summary {
            rows: HashMap::new(),
            wall_clock,
            filter,
        }
    }

    /// Counts a returned call (strace counts at exit: a call that never returns is not in the
    /// table).
    pub fn event(&mut self, event: &Event<'_>) {
        let Event::Exit(call, ret, Timing { wall, cpu }) = *event else {
            return;
        };
        // strace counts the calls of its tables only (`scno_in_range`).
        let (Some(mode), Some(name)) = (call.mode, call.display_name()) else {
            return;
        };
        let name = name.to_owned();
        if self.filter.as_ref().is_some_and(|f| !f.traces(&name)) {
            return;
        }
        // strace's index: the number; a socketcall sub-call's after every call (its
        // SYS_socket_subcall 500 + n).
        let key = if is_socketcall_subcall(call) {
            500 + (1..=20)
                .find(|&n| nargs::socketcall(n).is_some_and(|(sub, _)| sub == name))
                .unwrap_or(0)
        } else {
            call.nr
        };
        let row = self.rows.entry((mode, key)).or_insert_with(|| Row {
            name: name.clone(),
            ..Row::default()
        });
        row.calls += 1;
        if is_error(call, ret) {
            row.errors += 1;
        }
        row.time += if self.wall_clock { wall } else { cpu };
    }

    /// Prints the tables.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        for (i, mode) in [Mode::X86_64, Mode::Ia32].into_iter().enumerate() {
            let mut rows: Vec<(u64, &Row)> = self
                .rows
                .iter()
                .filter(|((m, _), _)| *m == mode)
                .map(|((_, key), row)| (*key, row))
                .collect();
            if rows.is_empty() {
                continue;
            }
            if i > 0 {
                writeln!(out, "System call usage summary for 32 bit mode:")?;
            }
            rows.sort_by(|a, b| b.1.time.cmp(&a.1.time).then(a.0.cmp(&b.0)));
            write_table(out, &rows)?;
        }
        Ok(())
    }
}

fn write_table(out: &mut impl Write, rows: &[(u64, &Row)]) -> io::Result<()> {
    let total: f64 = rows.iter().map(|(_, r)| r.time.as_secs_f64()).sum();
    let calls: u64 = rows.iter().map(|(_, r)| r.calls).sum();
    let errors: u64 = rows.iter().map(|(_, r)| r.errors).sum();
    let avg = |r: &Row| (r.time.as_secs_f64() / r.calls as f64 * 1e6) as u64;
    let avg_max = rows.iter().map(|(_, r)| avg(r)).max().unwrap_or(0);
    let name_max = rows.iter().map(|(_, r)| r.name.len()).max().unwrap_or(0);
    // strace's widths: the header's, or the widest value's.
    let w_seconds = 11.max(format!("{total:.6}").len());
    let w_avg = 11.max(avg_max.to_string().len());
    let w_calls = 9.max(calls.to_string().len());
    let w_errors = 9.max(errors.to_string().len());
    let w_name = 16.max(name_max + 1);
    writeln!(
        out,
        "{:>6} {:>w_seconds$} {:>w_avg$} {:>w_calls$} {:>w_errors$} syscall",
        "% time", "seconds", "usecs/call", "calls", "errors"
    )?;
    let divider = format!(
        "{} {} {} {} {} {}",
        "-".repeat(6),
        "-".repeat(w_seconds),
        "-".repeat(w_avg),
        "-".repeat(w_calls),
        "-".repeat(w_errors),
        "-".repeat(w_name)
    );
    writeln!(out, "{divider}")?;
    // `%.0u` of 0 prints nothing.
    let errors_text = |n: u64| if n == 0 { String::new() } else { n.to_string() };
    for (_, row) in rows {
        let time = row.time.as_secs_f64();
        let percent = if time == 0.0 {
            0.0
        } else {
            100.0 * time / total
        };
        writeln!(
            out,
            "{percent:>6.2} {time:>w_seconds$.6} {:>w_avg$} {:>w_calls$} {:>w_errors$} {}",
            avg(row),
            row.calls,
            errors_text(row.errors),
            row.name
        )?;
    }
    writeln!(out, "{divider}")?;
    let total_avg = if calls == 0 {
        0
    } else {
        (total / calls as f64 * 1e6) as u64
    };
    writeln!(
        out,
        "{:>6.2} {total:>w_seconds$.6} {total_avg:>w_avg$} {calls:>w_calls$} {:>w_errors$} total",
        100.0,
        errors_text(errors)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_quoted_as_strace_quotes_them() {
        // strace's string_quote: C escapes, octal for the rest, three digits before a digit.
        assert_eq!(quote_bytes(b"hi\n", None), r#""hi\n""#);
        assert_eq!(quote_bytes(b"\x7fELF\x02\x01", None), r#""\177ELF\2\1""#);
        assert_eq!(quote_bytes(b"\x001", None), r#""\0001""#);
        assert_eq!(quote_bytes(b"\x00", Some(b'7')), r#""\000""#);
        assert_eq!(quote_bytes(b"\x00", Some(b'8')), r#""\0""#);
        assert_eq!(
            quote_bytes(b"a\"\\\t\r\x0b\x0c", None),
            r#""a\"\\\t\r\v\f""#
        );
    }

    #[test]
    fn raw_calls_take_as_many_words_as_strace_says() {
        let call = |mode: Mode, nr: u64| Call {
            pid: 0,
            arch: 0,
            mode: Some(mode),
            nr,
            name: table::name(mode, nr),
            entry: None,
            regs: Default::default(),
            words: [1, 0x7ffd_5e2c, 3, 4, 5, 6],
            values: None,
            served: None,
        };
        use syscalls::x86_64::Sysno;
        // io_setup takes two words (strace's x86_64 syscallent.h), restart_syscall none; a
        // number no table has takes six.
        let io_setup = Sysno::io_setup.id() as u64;
        assert_eq!(
            raw_call(&call(Mode::X86_64, io_setup)),
            format!("io_setup#{io_setup}(raw: 0x1, 0x7ffd5e2c)")
        );
        let restart = Sysno::restart_syscall.id() as u64;
        assert_eq!(
            raw_call(&call(Mode::X86_64, restart)),
            format!("restart_syscall#{restart}()")
        );
        assert_eq!(
            raw_call(&call(Mode::X86_64, 0x7e00)),
            "syscall_0x7e00(raw: 0x1, 0x7ffd5e2c, 0x3, 0x4, 0x5, 0x6)"
        );
    }

    #[test]
    fn filters() {
        let f = Filter::parse("trace=open,read").unwrap();
        assert!(f.traces("read") && !f.traces("write"));
        let f = Filter::parse("!write").unwrap();
        assert!(f.traces("read") && !f.traces("write"));
        assert!(Filter::parse("all").unwrap().traces("read"));
        assert!(!Filter::parse("none").unwrap().traces("read"));
        assert!(Filter::parse("socket,bind,_llseek").is_ok());
        assert_eq!(
            Filter::parse("read,nosuch").unwrap_err(),
            "invalid system call 'nosuch'"
        );
    }

    #[test]
    fn siginfo_as_strace_prints_it() {
        let mut bytes = [0u8; 128];
        let put =
            |bytes: &mut [u8; 128], at: usize, v: &[u8]| bytes[at..at + v.len()].copy_from_slice(v);
        put(&mut bytes, 0, &libc::SIGCHLD.to_ne_bytes());
        put(&mut bytes, 8, &1i32.to_ne_bytes());
        put(&mut bytes, 16, &4321i32.to_ne_bytes());
        put(&mut bytes, 24, &3i32.to_ne_bytes());
        put(&mut bytes, 32, &2i64.to_ne_bytes());
        assert_eq!(
            siginfo(&SigInfo::from_bytes(bytes)),
            "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4321, si_uid=0, si_status=3, \
             si_utime=2, si_stime=0}"
        );
        put(&mut bytes, 8, &2i32.to_ne_bytes());
        put(&mut bytes, 24, &9i32.to_ne_bytes());
        assert!(siginfo(&SigInfo::from_bytes(bytes)).contains("si_code=CLD_KILLED"));
        assert!(siginfo(&SigInfo::from_bytes(bytes)).contains("si_status=SIGKILL"));
        let mut bytes = [0u8; 128];
        put(&mut bytes, 0, &libc::SIGSEGV.to_ne_bytes());
        put(&mut bytes, 8, &1i32.to_ne_bytes());
        assert_eq!(
            siginfo(&SigInfo::from_bytes(bytes)),
            "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}"
        );
        put(&mut bytes, 8, &(-6i32).to_ne_bytes());
        put(&mut bytes, 16, &77i32.to_ne_bytes());
        assert_eq!(
            siginfo(&SigInfo::from_bytes(bytes)),
            "{si_signo=SIGSEGV, si_code=SI_TKILL, si_pid=77, si_uid=0}"
        );
    }
}
