//! The tracer against `strace -f` (6.1): process families, signals, and the command line.
//!
//! - `tests/c/family.c` (fork, vfork, a thread, a pipe between two children), 64- and 32-bit,
//!   traced with `-f` by our tracer and by `strace -f -e raw=all`: each process's sequence of
//!   calls must be the same, every decoded argument equal to strace's raw words at the places the
//!   definition's layout names, every result the same, and its signal and exit lines (printed by
//!   our printer) the same text as strace's, pids renamed by the order the family was created in.
//! - `tests/c/signals.c`: a death by SIGPIPE (and, with SIGPIPE ignored, the EPIPE error), a
//!   program stopped by SIGSTOP and continued, a death by SIGSEGV: the `strace` example must end
//!   as the program ends untraced, and print strace's signal lines.
//! - The options: `-e trace=`, `-s`, `-c`, `-p` (and detaching on Ctrl-C), interrupting a traced
//!   command with SIGTERM; each compared with what strace does.
//! - ia32 `socketcall`: shown as its sub-call, decoded from the argument block, as strace shows
//!   it.
//!
//! They need ptrace, gcc, gcc-multilib and strace, and the `strace` example built (`cargo test`
//! builds it).
#![cfg(all(target_os = "linux", target_arch = "x86_64"))]

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use syscall_define::abi::{self, Placement};
use tracer::print::{PidPrefix, Printer};
use tracer::{Call, Command, Event, Mode, Pid, Status, Tracer};

mod support;
use support::{Build, build, number, quiet, strace_example, work_dir};

const MARK_BEGIN: &str = "syscall_0x7e00";
const MARK_END: &str = "syscall_0x7e01";

/// Runs strace with `args`; fails with what to install or permit.
fn run_strace(args: &[&str], program: &Path, program_args: &[&str], log: &Path) {
    support::run_strace(args, program, program_args, log);
}

// ---- one process's story, from each side ----

/// A call as our tracer reported it.
#[derive(Debug)]
struct OurCall {
    call: Call,
    ret: Option<i64>,
}

/// A call as strace printed it with `-e raw=all`.
#[derive(Debug)]
struct TheirCall {
    name: String,
    words: Vec<u64>,
    /// The result text: `0x1b`, `-1 ENOSYS (Function not implemented)`, `?`.
    ret: String,
}

#[derive(Debug)]
enum Item<C> {
    Call(C),
    /// A `--- ... ---` or `+++ ... +++` line, without its pid.
    Line(String),
}

type Story<C> = HashMap<Pid, Vec<Item<C>>>;

/// Traces `program` with `-f` in this process; returns the command's pid, each process's items
/// (its signal and exit lines as our printer prints them) and the command's status.
fn ours(program: &Path, args: &[&str]) -> (Pid, Story<OurCall>, Status) {
    let command = Command::new(program, args)
        .expect("program exists")
        .no_aslr(true)
        .stdout(quiet());
    let printer = RefCell::new(Printer::new(Vec::<u8>::new()).pid_prefix(PidPrefix::Always));
    let story: RefCell<Story<OurCall>> = RefCell::default();
    let mut root = None;
    let status = Tracer::new()
        .follow_forks(true)
        .run(command, |event| {
            printer.borrow_mut().event(event).expect("print to memory");
            let mut story = story.borrow_mut();
            // The line the printer just printed for this event.
            let line_of = |pid: Pid| {
                let printer = printer.borrow();
                let out = printer.get_ref();
                let end = out.len().saturating_sub(1);
                let start = out[..end]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let last = String::from_utf8_lossy(&out[start..end]).into_owned();
                let (who, line) = last.split_once(' ').expect("PID TEXT");
                assert_eq!(who.parse::<Pid>().ok(), Some(pid), "{last}");
                Item::Line(line.trim_start().to_owned())
            };
            match event {
                Event::Attached(pid) => {
                    root.get_or_insert(pid);
                }
                Event::Enter(call) => {
                    story.entry(call.pid).or_default().push(Item::Call(OurCall {
                        call: call.clone(),
                        ret: None,
                    }))
                }
                Event::Exit(call, ret, _) => {
                    if let Some(Item::Call(last)) = story.get_mut(&call.pid).and_then(|items| {
                        items.iter_mut().rev().find(|i| matches!(i, Item::Call(_)))
                    }) {
                        last.ret = Some(ret);
                    }
                }
                Event::Signal(pid, _)
                | Event::Stopped(pid, _)
                | Event::Ended(pid, _)
                | Event::Superseded(pid, _) => {
                    let line = line_of(pid);
                    story.entry(pid).or_default().push(line);
                }
                _ => {}
            }
        })
        .unwrap_or_else(|e| panic!("tracing failed: {e}"));
    (
        root.expect("the command was attached"),
        story.into_inner(),
        status,
    )
}

/// `strace -f -q -e raw=all -o LOG`'s lines, per pid: `<unfinished ...>` and `<... resumed>`
/// joined into one call.
fn theirs(log: &str) -> (Pid, Story<TheirCall>) {
    let mut story: Story<TheirCall> = HashMap::new();
    let mut open: HashMap<Pid, (String, Vec<u64>)> = HashMap::new();
    let mut root = None;
    let words = |args: &str| -> Vec<u64> {
        if args.trim().is_empty() {
            Vec::new()
        } else {
            args.split(", ")
                .map(|w| number(w).unwrap_or(u64::MAX))
                .collect()
        }
    };
    for line in log.lines() {
        let Some((pid, rest)) = line.split_once(' ') else {
            continue;
        };
        let Ok(pid) = pid.parse::<Pid>() else {
            continue;
        };
        root.get_or_insert(pid);
        let rest = rest.trim_start();
        let items = story.entry(pid).or_default();
        if rest.starts_with("---") || rest.starts_with("+++") {
            items.push(Item::Line(rest.to_owned()));
        } else if let Some(resumed) = rest.strip_prefix("<... ") {
            let ret = resumed.split_once(" = ").map_or("?", |(_, r)| r.trim());
            if let Some((name, words)) = open.remove(&pid) {
                items.push(Item::Call(TheirCall {
                    name,
                    words,
                    ret: ret.to_owned(),
                }));
            }
        } else if let Some(entry) = rest.strip_suffix(" <unfinished ...>") {
            let (name, args) = entry.split_once('(').expect("NAME(ARGS");
            open.insert(pid, (name.to_owned(), words(args)));
        } else if let Some((head, ret)) = rest.split_once(" = ") {
            let head = head.trim_end();
            let (name, args) = head.split_once('(').expect("NAME(ARGS)");
            let args = args.strip_suffix(')').unwrap_or(args);
            items.push(Item::Call(TheirCall {
                name: name.to_owned(),
                words: words(args),
                ret: ret.trim().to_owned(),
            }));
        }
    }
    (root.expect("strace traced something"), story)
}

/// Names each process by the order it was created in: the command is `P0`, each process's
/// `fork`, `vfork`, `clone` or `clone3` names its child next, in the order of the calls.
fn labels<C>(
    root: Pid,
    story: &Story<C>,
    child_of: impl Fn(&C) -> Option<Pid>,
) -> HashMap<Pid, String> {
    let mut labels = HashMap::from([(root, "P0".to_string())]);
    let mut order = vec![root];
    let mut i = 0;
    while i < order.len() {
        for item in story.get(&order[i]).into_iter().flatten() {
            if let Item::Call(call) = item
                && let Some(child) = child_of(call)
                && !labels.contains_key(&child)
            {
                labels.insert(child, format!("P{}", labels.len()));
                order.push(child);
            }
        }
        i += 1;
    }
    labels
}

const CREATES: &[&str] = &["fork", "vfork", "clone", "clone3"];

/// `si_pid=N` with N's label, and the children's CPU times (which no two runs share) as `T`.
fn normalise_line(line: &str, labels: &HashMap<Pid, String>) -> String {
    let mut out = String::new();
    for (i, field) in line.split(", ").enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let (key, value) = field.split_once('=').unwrap_or((field, ""));
        let bare = value.trim_end_matches(['}', ' ', '-']);
        let rest = &value[bare.len()..];
        match key {
            "si_pid" => match bare.parse::<Pid>().ok().and_then(|p| labels.get(&p)) {
                Some(label) => out.push_str(&format!("{key}={label}{rest}")),
                None => out.push_str(&format!("{key}=?{rest}")),
            },
            "si_utime" | "si_stime" => out.push_str(&format!("{key}=T{rest}")),
            _ => out.push_str(field),
        }
    }
    out
}

/// Futexes depend on which thread gets there first (whether `pthread_join` has to wait).
fn by_chance(name: &str) -> bool {
    matches!(name, "futex" | "futex_time64")
}

/// Compares one process's story from both sides; `mode` is the program's.
fn compare_process(
    label: &str,
    mode: Mode,
    ours: &[Item<OurCall>],
    theirs: &[Item<TheirCall>],
    our_labels: &HashMap<Pid, String>,
    their_labels: &HashMap<Pid, String>,
) {
    let ours: Vec<&Item<OurCall>> = ours
        .iter()
        .filter(|i| !matches!(i, Item::Call(c) if c.call.display_name().is_some_and(by_chance)))
        .collect();
    let theirs: Vec<&Item<TheirCall>> = theirs
        .iter()
        .filter(|i| !matches!(i, Item::Call(c) if by_chance(&c.name)))
        .collect();
    let summary = |items: &[&Item<OurCall>]| -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Call(c) => tracer::print::call_name(&c.call),
                Item::Line(l) => normalise_line(l, our_labels),
            })
            .collect()
    };
    let their_summary: Vec<String> = theirs
        .iter()
        .map(|i| match i {
            Item::Call(c) => c.name.clone(),
            Item::Line(l) => normalise_line(l, their_labels),
        })
        .collect();
    assert_eq!(
        summary(&ours),
        their_summary,
        "{label} ({mode:?}): the same calls and lines in the same order as strace's"
    );
    // A value that is a pid on both sides is the same process if it has the same label.
    let same = |ours: u64, theirs: u64| {
        ours == theirs
            || match (
                our_labels.get(&(ours as Pid)),
                their_labels.get(&(theirs as Pid)),
            ) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            }
    };
    for (o, t) in ours.iter().zip(&theirs) {
        let (Item::Call(o), Item::Call(t)) = (o, t) else {
            continue;
        };
        let call = &o.call;
        let what = format!("{label} {}", t.name);
        match (call.entry, call.values) {
            (Some(entry), Some(values)) => {
                let abi = mode.abi();
                let layout = entry.descriptor.layout(abi).expect("defined for the ABI");
                for (i, arg) in entry.descriptor.args.iter().enumerate() {
                    let word = |slot: u8| t.words.get(slot as usize).copied();
                    let raw = match layout.arg(i) {
                        Placement::One(slot) => word(slot),
                        Placement::Pair { lo, hi } => {
                            word(lo).zip(word(hi)).map(|(l, h)| abi::join_pair(l, h))
                        }
                        Placement::LoHi { lo, .. } if abi.word_bits == 64 => word(lo),
                        Placement::LoHi { lo, hi } => {
                            word(lo).zip(word(hi)).map(|(l, h)| abi::join_pair(l, h))
                        }
                    };
                    let Some(raw) = raw else {
                        panic!(
                            "{what}: strace shows no word for `{}` ({:?})",
                            arg.name, t.words
                        );
                    };
                    let expected = abi::decode_value(arg.kind, raw, abi);
                    assert!(
                        same(values[i], expected),
                        "{what}: `{}` decodes to {:#x}, strace's words say {expected:#x} ({:?})",
                        arg.name,
                        values[i],
                        t.words
                    );
                }
            }
            // No definition: the raw words, as many as strace shows.
            _ => assert_eq!(
                &call.words[..t.words.len()],
                &t.words[..],
                "{what}: raw words"
            ),
        }
        match o.ret {
            None => assert_eq!(t.ret, "?", "{what}: strace saw it return"),
            Some(ret) if (-4095..0).contains(&ret) => {
                let name = tracer::format::errno_name(-ret);
                assert!(
                    t.ret.starts_with(&format!("-1 {name} ")),
                    "{what}: returned {name}, strace says {}",
                    t.ret
                );
            }
            Some(ret) => {
                let theirs = number(&t.ret).unwrap_or_else(|| panic!("{what}: result {}", t.ret));
                assert!(
                    same(ret as u64, theirs),
                    "{what}: returned {ret:#x}, strace says {}",
                    t.ret
                );
            }
        }
    }
}

/// The command's items from its begin marker on, without the end marker (before the begin
/// marker: its loader and libc's start-up; its children are all created after it).
fn after_begin<C>(items: Vec<Item<C>>, marker: impl Fn(&C) -> bool) -> Vec<Item<C>> {
    let begin = items
        .iter()
        .position(|i| matches!(i, Item::Call(c) if marker(c)))
        .expect("the begin marker");
    items
        .into_iter()
        .skip(begin + 1)
        .filter(|i| !matches!(i, Item::Call(c) if marker(c)))
        .collect()
}

fn our_marker(call: &OurCall) -> bool {
    call.call.entry.is_none() && (call.call.nr == 0x7e00 || call.call.nr == 0x7e01)
}

fn their_marker(call: &TheirCall) -> bool {
    call.name == MARK_BEGIN || call.name == MARK_END
}

/// Traces `program` both ways with `-f` and compares every process.
fn compare_family(name: &str, how: Build, mode: Mode) {
    let program = build(name, how);
    let (our_root, mut our_story, status) = ours(&program, &[]);
    assert_eq!(status, Status::Exited(0), "{name} under our tracer");
    let log = work_dir().join(format!("{name}-{how:?}.strace-f"));
    run_strace(&["-f", "-q", "-e", "raw=all"], &program, &[], &log);
    let (their_root, mut their_story) =
        theirs(&std::fs::read_to_string(&log).expect("strace's log"));

    // The command: only between its markers (before them, its loader and libc start-up).
    let items = our_story.remove(&our_root).expect("the command's calls");
    our_story.insert(our_root, after_begin(items, our_marker));
    let items = their_story
        .remove(&their_root)
        .expect("strace saw the command");
    their_story.insert(their_root, after_begin(items, their_marker));

    let our_labels = labels(our_root, &our_story, |c: &OurCall| {
        let name = c.call.display_name()?;
        (CREATES.contains(&name) && c.ret? > 0).then(|| c.ret.unwrap() as Pid)
    });
    let their_labels = labels(their_root, &their_story, |c: &TheirCall| {
        (CREATES.contains(&c.name.as_str()))
            .then(|| number(&c.ret))
            .flatten()
            .filter(|&p| p > 0)
            .map(|p| p as Pid)
    });
    let names = |labels: &HashMap<Pid, String>| {
        let mut names: Vec<&String> = labels.values().collect();
        names.sort();
        names.into_iter().cloned().collect::<Vec<_>>()
    };
    assert_eq!(
        names(&our_labels),
        names(&their_labels),
        "{name}: the same processes"
    );
    // fork, fork, a thread, vfork.
    assert_eq!(our_labels.len(), 5, "{name}: {our_labels:?}");
    for (pid, label) in &our_labels {
        let their_pid = their_labels
            .iter()
            .find(|(_, l)| *l == label)
            .map(|(p, _)| *p)
            .expect("labelled alike");
        compare_process(
            label,
            mode,
            our_story.get(pid).map_or(&[][..], Vec::as_slice),
            their_story.get(&their_pid).map_or(&[][..], Vec::as_slice),
            &our_labels,
            &their_labels,
        );
    }
}

#[test]
fn a_64_bit_family_traced_with_f_is_traced_as_strace_f_traces_it() {
    compare_family("family", Build::Dynamic64, Mode::X86_64);
}

#[test]
fn a_32_bit_family_traced_with_f_is_traced_as_strace_f_traces_it() {
    compare_family("family", Build::Static32, Mode::Ia32);
}

// ---- the `strace` example against strace and against the program untraced ----

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tool {
    /// The `strace` example.
    Ours,
    /// strace itself.
    Strace,
}

impl Tool {
    fn command(self) -> Process {
        match self {
            Tool::Ours => Process::new(strace_example()),
            Tool::Strace => Process::new("strace"),
        }
    }

    fn log(self, tag: &str) -> PathBuf {
        work_dir().join(format!("{tag}.{self:?}.log"))
    }
}

/// The `---` and `+++` lines of a `-f -o` log, each with its pid, pids renamed: the log's first
/// pid is `P0`, this test process `TEST`.
fn event_lines(log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).expect("read the trace");
    let mut labels: HashMap<Pid, String> =
        HashMap::from([(std::process::id() as Pid, "TEST".to_string())]);
    let mut out = Vec::new();
    for line in text.lines() {
        let Some((pid, rest)) = line.split_once(' ') else {
            continue;
        };
        let Ok(pid) = pid.parse::<Pid>() else {
            continue;
        };
        if labels.len() == 1 {
            labels.insert(pid, "P0".into());
        }
        let rest = rest.trim_start();
        if rest.starts_with("---") || rest.starts_with("+++") {
            let who = labels.get(&pid).cloned().unwrap_or_else(|| "?".into());
            out.push(format!("{who} {}", normalise_line(rest, &labels)));
        }
    }
    out
}

/// Runs `command` with its stdout in a pipe of which only the first two bytes are read before
/// the read end is closed (as `| head -c 2` does), with SIGPIPE ignored if `ignore` (as a shell's
/// `trap '' PIPE` leaves it for its children); returns how it ended and its stderr.
fn into_short_pipe(mut command: Process, ignore: bool) -> (ExitStatus, String) {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    if ignore {
        // SAFETY: signal(2) only, in the child.
        unsafe {
            command.pre_exec(|| {
                libc::signal(libc::SIGPIPE, libc::SIG_IGN);
                Ok(())
            });
        }
    }
    let mut child = command.spawn().expect("spawn");
    let mut stdout = child.stdout.take().expect("piped");
    let mut two = [0u8; 2];
    stdout.read_exact(&mut two).expect("the program writes");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    (child.wait().expect("wait"), stderr)
}

fn sigpipe(how: Build, ignore: bool) {
    let program = build("signals", how);
    let mut untraced = Process::new(&program);
    untraced.arg("pipe");
    let (reference, reference_err) = into_short_pipe(untraced, ignore);
    if ignore {
        assert_eq!(reference.code(), Some(1), "untraced: {reference:?}");
    } else {
        assert_eq!(
            reference.signal(),
            Some(libc::SIGPIPE),
            "untraced: {reference:?}"
        );
    }
    let tag = format!("sigpipe-{how:?}-{ignore}");
    let mut lines = Vec::new();
    for tool in [Tool::Ours, Tool::Strace] {
        let mut command = tool.command();
        command
            .args(["-f", "-o"])
            .arg(tool.log(&tag))
            .arg(&program)
            .arg("pipe");
        let (status, stderr) = into_short_pipe(command, ignore);
        if tool == Tool::Ours {
            assert_eq!(
                (status.code(), status.signal()),
                (reference.code(), reference.signal()),
                "{how:?}, SIGPIPE ignored: {ignore}: the tracer ends as the program does untraced"
            );
            assert!(!status.core_dumped(), "the tracer dumped core");
            assert_eq!(stderr, reference_err, "the program's own stderr");
        }
        let events = event_lines(&tool.log(&tag));
        lines.push(events[events.len().saturating_sub(2)..].to_vec());
    }
    assert_eq!(lines[0], lines[1], "the last lines, ours and strace's");
}

#[test]
fn sigpipe_kills_the_traced_64_bit_program_and_the_tracer_as_untraced() {
    sigpipe(Build::Dynamic64, false);
}

#[test]
fn sigpipe_kills_the_traced_32_bit_program_and_the_tracer_as_untraced() {
    sigpipe(Build::Static32, false);
}

#[test]
fn an_ignored_sigpipe_stays_ignored_under_the_tracer() {
    sigpipe(Build::Dynamic64, true);
    sigpipe(Build::Static32, true);
}

/// Polls `done` every 10 ms, for at most 30 s (a wait, not a timing: it only has to happen).
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The state letter of `/proc/PID/stat` (`T` stopped, `t` stopped by tracing, `Z`, …), `None`
/// once the process is gone.
fn state(pid: Pid) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(") ")?.1.chars().next()
}

/// The signals `pid` ignores (`/proc/PID/status`'s `SigIgn`, bit `sig - 1`).
fn sig_ignored(pid: Pid) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let hex = status.lines().find_map(|l| l.strip_prefix("SigIgn:"))?;
    u64::from_str_radix(hex.trim(), 16).ok()
}

/// Kills the processes a test started if it fails before they end (a stopped program left
/// behind would stay stopped).
#[derive(Default)]
struct KillOnFailure(Vec<Pid>);

impl Drop for KillOnFailure {
    fn drop(&mut self) {
        if std::thread::panicking() {
            for &pid in &self.0 {
                // SAFETY: SIGKILL to a process this test started.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        }
    }
}

fn signal(pid: Pid, sig: i32) {
    // SAFETY: a signal to a process this test started.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0, "kill({pid}, {sig})");
}

fn stopped_and_continued(how: Build) {
    use std::io::BufRead;
    let program = build("signals", how);
    let tag = format!("stop-{how:?}");
    let mut outcomes = Vec::new();
    for tool in [None, Some(Tool::Ours), Some(Tool::Strace)] {
        let mut command = match tool {
            None => Process::new(&program),
            Some(tool) => {
                let mut command = tool.command();
                command.args(["-f", "-o"]).arg(tool.log(&tag)).arg(&program);
                command
            }
        };
        let mut child = command
            .arg("stop")
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut cleanup = KillOnFailure::default();
        cleanup.0.push(child.id() as Pid);
        let mut stdout = io::BufReader::new(child.stdout.take().expect("piped"));
        let mut first = String::new();
        stdout.read_line(&mut first).expect("stopping PID");
        let pid: Pid = first
            .trim()
            .strip_prefix("stopping ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("{first:?}"));
        cleanup.0.push(pid);
        if let Some(tool) = tool {
            wait_for("the group-stop in the trace", || {
                std::fs::read_to_string(tool.log(&tag))
                    .is_ok_and(|t| t.contains("--- stopped by SIGSTOP ---"))
            });
        }
        wait_for("the program to stop", || match state(pid) {
            Some('T' | 't') => true,
            None | Some('Z') => panic!("{tool:?}: the program ran on to its end"),
            _ => false,
        });
        // Stopped: it has not written another byte. (A tracer that resumed the group-stop would
        // let it run on and print "continued".)
        assert!(
            matches!(state(pid), Some('T' | 't')),
            "{tool:?}: {:?}",
            state(pid)
        );
        signal(pid, libc::SIGCONT);
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).expect("the rest");
        let status = child.wait().expect("wait");
        let lines = tool.map(|t| event_lines(&t.log(&tag)));
        outcomes.push((tool, status.code(), rest, lines));
    }
    let (_, code, rest, _) = &outcomes[0];
    assert_eq!((*code, rest.as_str()), (Some(0), "continued\n"), "untraced");
    for (tool, c, r, _) in &outcomes[1..] {
        assert_eq!((c, r), (code, rest), "{tool:?} against untraced");
    }
    assert_eq!(
        outcomes[1].3, outcomes[2].3,
        "{how:?}: our signal lines and strace's"
    );
    assert!(
        outcomes[1].3.as_ref().is_some_and(|l| l
            .iter()
            .any(|l| l.contains("SIGCONT") && l.contains("si_pid=TEST"))),
        "{:?}",
        outcomes[1].3
    );
}

#[test]
fn a_64_bit_program_stopped_by_sigstop_stays_stopped_until_sigcont() {
    stopped_and_continued(Build::Dynamic64);
}

#[test]
fn a_32_bit_program_stopped_by_sigstop_stays_stopped_until_sigcont() {
    stopped_and_continued(Build::Static32);
}

fn segv(how: Build) {
    let program = build("signals", how);
    let reference = Process::new(&program)
        .arg("segv")
        .status()
        .expect("run untraced");
    assert_eq!(reference.signal(), Some(libc::SIGSEGV), "untraced");
    let tag = format!("segv-{how:?}");
    let mut lines = Vec::new();
    for tool in [Tool::Ours, Tool::Strace] {
        let status = tool
            .command()
            .args(["-f", "-o"])
            .arg(tool.log(&tag))
            .arg(&program)
            .arg("segv")
            .stderr(Stdio::null())
            .status()
            .expect("run traced");
        assert_eq!(status.signal(), reference.signal(), "{tool:?}: {status:?}");
        if tool == Tool::Ours {
            assert!(!status.core_dumped(), "the tracer dumped core");
        }
        lines.push(event_lines(&tool.log(&tag)));
    }
    assert_eq!(lines[0], lines[1], "{how:?}: our signal lines and strace's");
    assert!(
        lines[0].iter().any(|l| l.contains("SEGV_MAPERR")),
        "{:?}",
        lines[0]
    );
}

#[test]
fn a_64_bit_program_killed_by_sigsegv_kills_the_tracer_with_sigsegv() {
    segv(Build::Dynamic64);
}

#[test]
fn a_32_bit_program_killed_by_sigsegv_kills_the_tracer_with_sigsegv() {
    segv(Build::Static32);
}

// ---- options ----

/// A call in a trace as text (ours or strace's): its name, its whole text (entry and resumed
/// part), its result text.
#[derive(Debug)]
struct Logged {
    name: String,
    text: String,
    ret: String,
}

/// The calls of a `-f -o` log, per pid, `<unfinished ...>` and `<... resumed>` joined.
fn logged_calls(log: &Path) -> HashMap<Pid, Vec<Logged>> {
    let text = std::fs::read_to_string(log).expect("read the trace");
    let mut calls: HashMap<Pid, Vec<Logged>> = HashMap::new();
    let mut open: HashMap<Pid, (String, String)> = HashMap::new();
    let result = |text: &str| {
        text.rsplit_once(" = ")
            .map_or(String::new(), |(_, r)| r.trim().to_owned())
    };
    for line in text.lines() {
        let Some((pid, rest)) = line.split_once(' ') else {
            continue;
        };
        let Ok(pid) = pid.parse::<Pid>() else {
            continue;
        };
        let rest = rest.trim_start();
        if rest.starts_with("---") || rest.starts_with("+++") {
            continue;
        }
        if rest.starts_with("<... ") {
            if let Some((name, entry)) = open.remove(&pid) {
                calls.entry(pid).or_default().push(Logged {
                    name,
                    text: format!("{entry}{rest}"),
                    ret: result(rest),
                });
            }
        } else if let Some((name, _)) = rest.split_once('(') {
            // Our calls without a definition are `name#nr(raw: ...)`.
            let name = name.split('#').next().unwrap_or(name);
            if rest.ends_with(" <unfinished ...>") {
                open.insert(pid, (name.to_owned(), rest.to_owned()));
            } else {
                calls.entry(pid).or_default().push(Logged {
                    name: name.to_owned(),
                    text: rest.to_owned(),
                    ret: result(rest),
                });
            }
        }
    }
    calls
}

/// The log's processes by label (see [`labels`]), the first pid being the command.
fn by_label(log: &Path) -> HashMap<String, Vec<Logged>> {
    let text = std::fs::read_to_string(log).expect("read the trace");
    let root: Pid = text
        .lines()
        .find_map(|l| l.split_once(' ')?.0.parse().ok())
        .expect("a line with a pid");
    let calls = logged_calls(log);
    let story: Story<&Logged> = calls
        .iter()
        .map(|(pid, calls)| (*pid, calls.iter().map(Item::Call).collect()))
        .collect();
    let labels = labels(root, &story, |c: &&Logged| {
        (CREATES.contains(&c.name.as_str()))
            .then(|| number(&c.ret))
            .flatten()
            .filter(|&p| p > 0)
            .map(|p| p as Pid)
    });
    drop(story);
    calls
        .into_iter()
        .filter_map(|(pid, calls)| Some((labels.get(&pid)?.clone(), calls)))
        .collect()
}

/// Runs the family under both tools with `options`, with `-f -o LOG`.
fn family_logs(tag: &str, options: &[&str]) -> [HashMap<String, Vec<Logged>>; 2] {
    let program = build("family", Build::Dynamic64);
    [Tool::Ours, Tool::Strace].map(|tool| {
        let log = tool.log(tag);
        let status = tool
            .command()
            .args(["-f", "-o"])
            .arg(&log)
            .args(options)
            .arg(&program)
            .stdout(Stdio::null())
            .status()
            .expect("run the tracer");
        assert!(status.success(), "{tool:?} {options:?}: {status:?}");
        by_label(&log)
    })
}

#[test]
fn trace_filters_the_calls_as_strace_does() {
    let filter = "trace=read,write,wait4,clone,clone3,vfork";
    let [ours, theirs] = family_logs("filter", &["-e", filter]);
    let names = |story: &HashMap<String, Vec<Logged>>| {
        let mut all: Vec<(String, Vec<String>)> = story
            .iter()
            .map(|(label, calls)| {
                (
                    label.clone(),
                    calls.iter().map(|c| c.name.clone()).collect(),
                )
            })
            .collect();
        all.sort();
        all
    };
    assert_eq!(names(&ours), names(&theirs), "-e {filter}");
    assert!(
        names(&ours)
            .iter()
            .flat_map(|(_, n)| n)
            // strace traces numbers it has no name for whatever the filter says.
            .all(|n| filter.contains(n.as_str()) || n.starts_with("syscall_0x")),
        "{:?}",
        names(&ours)
    );
    // All but the vfork child (which only exits) read, write or wait.
    assert_eq!(ours.len(), 4, "{:?}", names(&ours));
}

/// The first quoted string (`"..."`, and a `...` after it) in `text`.
fn first_quoted(text: &str) -> Option<String> {
    let start = text.find('"')?;
    let bytes = text.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() && bytes[i] != b'"' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    let mut end = (i + 1).min(text.len());
    if text[end..].starts_with("...") {
        end += 3;
    }
    Some(text[start..end].to_owned())
}

/// A `read` or `write` and the bytes it shows (`None`: none shown).
type Shown = (String, Option<String>);

fn buffers(options: &[&str], tag: &str) {
    let [ours, theirs] = family_logs(tag, options);
    let shown = |story: &HashMap<String, Vec<Logged>>| {
        let mut all: Vec<(String, Vec<Shown>)> = story
            .iter()
            .map(|(label, calls)| {
                let buffers = calls
                    .iter()
                    .filter(|c| c.name == "read" || c.name == "write")
                    .map(|c| (c.name.clone(), first_quoted(&c.text)))
                    .collect();
                (label.clone(), buffers)
            })
            .collect();
        all.sort();
        all
    };
    assert_eq!(shown(&ours), shown(&theirs), "buffers with {options:?}");
    // And every error in glibc's words, as strace prints it.
    let errors = |story: &HashMap<String, Vec<Logged>>| {
        let mut all: Vec<(String, Vec<(String, String)>)> = story
            .iter()
            .map(|(label, calls)| {
                let failed = calls
                    .iter()
                    .filter(|c| c.ret.starts_with("-1 ") && !by_chance(&c.name))
                    .map(|c| (c.name.clone(), c.ret.clone()))
                    .collect();
                (label.clone(), failed)
            })
            .collect();
        all.sort();
        all
    };
    assert_eq!(errors(&ours), errors(&theirs), "errors with {options:?}");
    assert!(
        errors(&ours)
            .iter()
            .flat_map(|(_, e)| e)
            .any(|(_, r)| r.ends_with("(No such file or directory)")),
        "{:?}",
        errors(&ours)
    );
    assert!(
        shown(&ours)
            .iter()
            .flat_map(|(_, b)| b)
            .any(|(_, q)| q.as_deref().is_some_and(|q| q.starts_with("\"hell"))),
        "{:?}",
        shown(&ours)
    );
}

#[test]
fn buffers_show_as_strace_shows_them_cut_at_s() {
    buffers(&[], "buffers-default");
    buffers(&["-s", "10"], "buffers-s10");
    buffers(&["-s4"], "buffers-s4");
}

/// The rows of a `-c` table: syscall → (calls, errors).
fn summary_rows(log: &Path) -> (String, HashMap<String, (u64, u64)>) {
    let text = std::fs::read_to_string(log).expect("read the summary");
    let header = text.lines().next().unwrap_or_default().to_owned();
    let rows = text
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with("------"))
        .map(|l| {
            let fields: Vec<&str> = l.split_whitespace().collect();
            let name = fields.last().expect("a name").to_string();
            let calls = fields[3].parse().expect("calls");
            let errors = if fields.len() == 6 {
                fields[4].parse().expect("errors")
            } else {
                0
            };
            (name, (calls, errors))
        })
        .filter(|(name, _)| !by_chance(name))
        .collect();
    (header, rows)
}

#[test]
fn c_counts_calls_and_errors_as_strace_c() {
    let program = build("family", Build::Dynamic64);
    let [ours, theirs] = [Tool::Ours, Tool::Strace].map(|tool| {
        let log = tool.log("summary");
        let status = tool
            .command()
            .args(["-c", "-f", "-o"])
            .arg(&log)
            .arg(&program)
            .stdout(Stdio::null())
            .status()
            .expect("run");
        assert!(status.success(), "{tool:?}: {status:?}");
        summary_rows(&log)
    });
    assert_eq!(ours.0, theirs.0, "the header");
    let mut a: Vec<_> = ours.1.iter().collect();
    let mut b: Vec<_> = theirs.1.iter().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "calls and errors per syscall");
    assert!(ours.1.contains_key("clone3") && ours.1.contains_key("vfork"));
}

#[test]
fn p_attaches_and_ctrl_c_detaches_as_strace() {
    use std::io::BufRead;
    let program = build("signals", Build::Dynamic64);
    let mut looping = Process::new(&program)
        .arg("loop")
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn the loop");
    let mut cleanup = KillOnFailure(vec![looping.id() as Pid]);
    let mut first = String::new();
    io::BufReader::new(looping.stdout.take().expect("piped"))
        .read_line(&mut first)
        .expect("looping PID");
    let pid = looping.id() as Pid;
    assert_eq!(first.trim(), format!("looping {pid}"));
    let tracer_of = |pid: Pid| {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("TracerPid:")?.trim().parse::<Pid>().ok())
            })
    };
    let mut statuses = Vec::new();
    for tool in [Tool::Ours, Tool::Strace] {
        let log = tool.log("attach");
        let _ = std::fs::remove_file(&log);
        let mut tracer = tool
            .command()
            .arg("-p")
            .arg(pid.to_string())
            .arg("-o")
            .arg(&log)
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the tracer");
        cleanup.0.push(tracer.id() as Pid);
        wait_for("the attached process's calls in the trace", || {
            std::fs::read_to_string(&log).is_ok_and(|t| t.contains("getppid()"))
        });
        assert_eq!(
            tracer_of(pid),
            Some(tracer.id() as Pid),
            "{tool:?} traces it"
        );
        signal(tracer.id() as Pid, libc::SIGINT);
        let status = tracer.wait().expect("wait for the tracer");
        // Detached: no tracer, and running (or sleeping), not stopped.
        assert_eq!(tracer_of(pid), Some(0), "{tool:?} detached");
        assert!(
            matches!(state(pid), Some('R' | 'S')),
            "{tool:?}: {:?}",
            state(pid)
        );
        statuses.push(status.signal());
    }
    looping.kill().expect("end the loop");
    let _ = looping.wait();
    assert_eq!(statuses[0], statuses[1], "ours and strace's end");
    assert_eq!(statuses[0], Some(libc::SIGINT));
}

#[test]
fn sigterm_to_the_tracer_ends_the_line_and_kills_the_command_as_strace() {
    let program = build("signals", Build::Dynamic64);
    // The signals the program ignores when it runs untraced, for the comparison below.
    let mut untraced = Process::new(&program)
        .arg("sleep")
        .spawn()
        .expect("run untraced");
    let mut cleanup = KillOnFailure(vec![untraced.id() as Pid]);
    wait_for("the untraced program's start", || {
        sig_ignored(untraced.id() as Pid).is_some()
            && std::fs::read_to_string(format!("/proc/{}/comm", untraced.id()))
                .is_ok_and(|c| c.starts_with("signals"))
    });
    let reference = sig_ignored(untraced.id() as Pid);
    untraced.kill().expect("end it");
    let _ = untraced.wait();
    cleanup.0.clear();
    let mut ends = Vec::new();
    for tool in [Tool::Ours, Tool::Strace] {
        // The trace on stderr: strace handles SIGTERM then (with -o and a command it ignores it).
        let mut tracer = tool
            .command()
            .arg(&program)
            .arg("sleep")
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the tracer");
        let mut cleanup = KillOnFailure(vec![tracer.id() as Pid]);
        let mut stderr = tracer.stderr.take().expect("piped");
        let mut seen = Vec::new();
        let mut chunk = [0u8; 4096];
        while !String::from_utf8_lossy(&seen).contains("nanosleep(") {
            let n = stderr.read(&mut chunk).expect("read the trace");
            assert!(
                n > 0,
                "{tool:?} ended early: {}",
                String::from_utf8_lossy(&seen)
            );
            seen.extend_from_slice(&chunk[..n]);
        }
        let tid = tracer.id();
        let child: Pid = std::fs::read_to_string(format!("/proc/{tid}/task/{tid}/children"))
            .expect("the tracer's children")
            .trim()
            .parse()
            .expect("one child");
        cleanup.0.push(child);
        // The command ignores what it ignores untraced (not the tracer's SIGTTOU and SIGTTIN,
        // which keep a background tracer from stopping when it writes to the terminal).
        assert_eq!(
            sig_ignored(child),
            reference,
            "{tool:?}: the command's ignored signals"
        );
        let tracer_ignores = sig_ignored(tid as Pid).expect("the tracer's SigIgn");
        let tty = (1u64 << (libc::SIGTTOU - 1)) | (1 << (libc::SIGTTIN - 1));
        assert_eq!(
            tracer_ignores & tty,
            tty,
            "{tool:?} ignores SIGTTOU and SIGTTIN"
        );
        signal(tracer.id() as Pid, libc::SIGTERM);
        stderr
            .read_to_end(&mut seen)
            .expect("the rest of the trace");
        let status = tracer.wait().expect("wait");
        wait_for("the command to die", || {
            matches!(state(child), None | Some('Z'))
        });
        let text = String::from_utf8_lossy(&seen).into_owned();
        let after = &text[text.rfind("nanosleep(").expect("seen")..];
        ends.push((status.signal(), after.contains(" <detached ...>")));
    }
    assert_eq!(ends[0], ends[1], "ours and strace's end");
    assert_eq!(ends[0], (Some(libc::SIGTERM), true));
}

#[test]
fn ia32_socketcall_shows_as_its_sub_call_as_strace_shows_it() {
    let program = build("sockets", Build::Static32);
    let (root, story, status) = ours(&program, &[]);
    assert_eq!(status, Status::Exited(0));
    let log = work_dir().join("sockets.strace");
    run_strace(&["-f", "-q", "-e", "raw=all"], &program, &[], &log);
    let (their_root, their_story) = theirs(&std::fs::read_to_string(&log).expect("the log"));
    let mut story = story;
    let mut their_story = their_story;
    let ours_items = after_begin(story.remove(&root).expect("calls"), our_marker);
    let their_items = after_begin(
        their_story.remove(&their_root).expect("calls"),
        their_marker,
    );
    let labels = HashMap::from([(root, "P0".to_string())]);
    let their_labels = HashMap::from([(their_root, "P0".to_string())]);
    compare_process(
        "P0",
        Mode::Ia32,
        &ours_items,
        &their_items,
        &labels,
        &their_labels,
    );
    let names: Vec<String> = ours_items
        .iter()
        .filter_map(|i| match i {
            Item::Call(c) => Some(tracer::print::call_name(&c.call)),
            Item::Line(_) => None,
        })
        .collect();
    assert!(
        names.starts_with(&[
            "socket".into(),
            "socket".into(),
            "bind".into(),
            "socketcall".into(),
            "socketcall".into()
        ]),
        "{names:?}"
    );
}

#[test]
fn restart_codes_read_as_strace_words_them() {
    let program = build("signals", Build::Dynamic64);
    let [ours, theirs] = [Tool::Ours, Tool::Strace].map(|tool| {
        let log = tool.log("restart");
        let status = tool
            .command()
            .args(["-f", "-o"])
            .arg(&log)
            .arg(&program)
            .arg("restart")
            .status()
            .expect("run");
        assert!(
            status.success(),
            "{tool:?}: the three calls were not interrupted: {status:?}"
        );
        let calls = logged_calls(&log);
        assert_eq!(calls.len(), 1, "one process");
        calls.into_values().next().expect("its calls")
    });
    // Each blocking call's exit shows its restart code; after the handler, rt_sigreturn
    // returns EINTR.
    let interrupted = |calls: &[Logged]| -> Vec<(String, String)> {
        ["read", "clock_nanosleep", "pause"]
            .iter()
            .map(|name| {
                let call = calls
                    .iter()
                    .find(|c| c.name == *name && c.ret.starts_with('?'))
                    .unwrap_or_else(|| {
                        let seen: Vec<(&str, &str)> = calls
                            .iter()
                            .map(|c| (c.name.as_str(), c.ret.as_str()))
                            .collect();
                        panic!("no interrupted {name}: {seen:?}")
                    });
                (call.name.clone(), call.ret.clone())
            })
            .chain(
                calls
                    .iter()
                    .find(|c| c.name == "rt_sigreturn" && c.ret.starts_with("-1"))
                    .map(|c| (c.name.clone(), c.ret.clone())),
            )
            .collect()
    };
    assert_eq!(interrupted(&ours), interrupted(&theirs));
    assert_eq!(interrupted(&ours).len(), 4, "{:?}", interrupted(&ours));
}

#[test]
fn a_panic_in_the_callback_leaves_no_tracee_behind() {
    let program = build("signals", Build::Dynamic64);
    let mut pid = None;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let command = Command::new(&program, ["sleep"]).expect("program exists");
        let _ = Tracer::new().follow_forks(true).run(command, |event| {
            if let Event::Attached(p) = event {
                pid = Some(p);
            }
            if let Event::Enter(call) = event
                && call.display_name() == Some("clock_nanosleep")
            {
                panic!("the callback gives up");
            }
        });
    }));
    assert!(result.is_err(), "the callback panicked");
    let pid = pid.expect("the command was attached");
    // Killed and reaped by the tracer on its way out: not stopped, not sleeping 1000 s.
    assert_eq!(state(pid), None, "the command is still there");
}
