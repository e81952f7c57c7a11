//! Live tests of the tracer (`tracer/`): real programs, real ptrace.
//!
//! - The C programs in `tests/c/` are built here, 64-bit (`gcc -no-pie`) and 32-bit
//!   (`gcc -m32 -static`, which needs `gcc-multilib`), and traced twice: by our tracer and by
//!   strace (`-e raw=all`, raw argument words). Every call between the program's two markers must
//!   decode, argument by argument, to the value strace's words give at the places the
//!   definition's layout names (an ia32 `pos: i64` is two words joined low | high << 32), and to
//!   the value the C source passed.
//! - The sandbox serves `uname` and `getpid` to `uname -a` and to a C program printing them.
//! - A seccomp filter built from the definitions (`tracer::seccomp`) is installed in the 64- and
//!   32-bit builds of `tests/c/seccomp_probe.c`, whose calls sit at the policy's boundaries;
//!   each must get exactly the policy's action, and, without the filter, another outcome.
//!
//! They need ptrace, gcc, gcc-multilib and strace; where one is missing, a test fails and says
//! which.
#![cfg(all(target_os = "linux", target_arch = "x86_64"))]

use std::fs::File;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use syscall_define::abi::{self, Placement};
use tracer::{Call, Command, Event, Mode, Status, Tracer};

mod support;
use support::{Build, build, number, quiet, work_dir};

const V64_A: u64 = 0x1122_3344_5566_7788;
const V64_B: u64 = 0x0000_0001_8000_0004;
const MARK_BEGIN: u64 = 0x7e00;
const MARK_END: u64 = 0x7e01;

/// One traced call: the call at entry, and its return value if it returned.
#[derive(Debug)]
struct Traced {
    call: Call,
    ret: Option<i64>,
}

fn ptrace_failed(e: io::Error) -> ! {
    if e.kind() == io::ErrorKind::PermissionDenied {
        panic!("ptrace is not permitted here, so the tracer cannot run: {e}");
    }
    panic!("tracing failed: {e}")
}

/// Runs `command` under `tracer`; returns every call and how the program ended.
fn trace(tracer: &Tracer, command: Command) -> (Vec<Traced>, Status) {
    let mut calls: Vec<Traced> = Vec::new();
    let status = tracer
        .run(command, |event| match event {
            Event::Enter(call) => calls.push(Traced {
                call: call.clone(),
                ret: None,
            }),
            Event::Exit(_, ret, _) => {
                if let Some(last) = calls.last_mut() {
                    last.ret = Some(ret);
                }
            }
            _ => {}
        })
        .unwrap_or_else(|e| ptrace_failed(e));
    (calls, status)
}

/// Runs `program` under the tracer with its stdout in a file; returns the calls, the status and
/// the output.
fn trace_with_output(
    tracer: &Tracer,
    program: &Path,
    args: &[&str],
    tag: &str,
) -> (Vec<Traced>, Status, String) {
    let out_path = work_dir().join(format!("{tag}.stdout"));
    let out = File::create(&out_path).expect("create the output file");
    let command = Command::new(program, args)
        .expect("program exists")
        .stdout(out);
    let (calls, status) = trace(tracer, command);
    let output = std::fs::read_to_string(&out_path).expect("read the output");
    (calls, status, output)
}

/// One line of `strace -e raw=all`: the name, the raw argument words, the return text.
#[derive(Debug)]
struct StraceLine {
    name: String,
    words: Vec<u64>,
    ret: String,
}

/// `strace -qq -e raw=all` of `program`, with address-space randomization off.
fn strace(program: &Path, tag: &str) -> Vec<StraceLine> {
    let log = work_dir().join(format!("{tag}.strace"));
    let output = support::run_strace(&["-qq", "-e", "raw=all"], program, &[], &log);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "strace {} failed: {stderr}",
        program.display()
    );
    let text = std::fs::read_to_string(&log).expect("read strace's log");
    text.lines()
        .filter_map(|line| {
            let (head, ret) = line.split_once(" = ")?;
            let head = head.trim_end();
            let open = head.find('(')?;
            let args = head.strip_suffix(')')?.get(open + 1..)?;
            let words = if args.is_empty() {
                Vec::new()
            } else {
                args.split(", ")
                    .map(|w| number(w).unwrap_or(u64::MAX))
                    .collect()
            };
            Some(StraceLine {
                name: head[..open].to_string(),
                words,
                ret: ret.trim().to_string(),
            })
        })
        .collect()
}

/// The program's calls between its two markers.
fn window(calls: Vec<Traced>) -> Vec<Traced> {
    let begin = calls
        .iter()
        .position(|t| t.call.nr == MARK_BEGIN)
        .expect("the begin marker was traced");
    let end = calls
        .iter()
        .position(|t| t.call.nr == MARK_END)
        .expect("the end marker was traced");
    calls.into_iter().take(end).skip(begin + 1).collect()
}

fn strace_window(lines: Vec<StraceLine>) -> Vec<StraceLine> {
    let begin = lines
        .iter()
        .position(|l| l.name == "syscall_0x7e00")
        .expect("strace saw the begin marker");
    let end = lines
        .iter()
        .position(|l| l.name == "syscall_0x7e01")
        .expect("strace saw the end marker");
    lines.into_iter().take(end).skip(begin + 1).collect()
}

/// Calls whose last declared argument strace does not print: on 64-bit ABIs it shows `preadv`
/// and `pwritev` with four arguments, as the kernel ignores `pos_h` there.
const STRACE_OMITS: &[(Mode, &str)] = &[(Mode::X86_64, "preadv"), (Mode::X86_64, "pwritev")];

/// Each decoded argument against strace's raw words at the places the definition's layout
/// names, and each return value against strace's.
fn compare_with_strace(mode: Mode, ours: &[Traced], theirs: &[StraceLine]) {
    let names = |v: Vec<&str>| v.join(" ");
    assert_eq!(
        names(
            ours.iter()
                .map(|t| t.call.display_name().unwrap_or("?"))
                .collect()
        ),
        names(theirs.iter().map(|l| l.name.as_str()).collect()),
        "{mode:?}: the same calls, in the same order"
    );
    let abi = mode.abi();
    for (t, line) in ours.iter().zip(theirs) {
        let call = &t.call;
        assert_eq!(call.mode, Some(mode), "{}: traced as {mode:?}", line.name);
        let entry = call
            .entry
            .unwrap_or_else(|| panic!("{mode:?} {}: no definition", line.name));
        let layout = entry.descriptor.layout(abi).expect("defined for this ABI");
        let shown = line.words.len();
        let omitted = STRACE_OMITS.contains(&(mode, line.name.as_str()));
        assert!(
            layout.words_used() == shown || omitted,
            "{mode:?} {}: the definition uses {} argument words, strace shows {shown}",
            line.name,
            layout.words_used(),
        );
        for (i, (arg, value)) in call.args().into_iter().enumerate() {
            let word = |slot: u8| line.words.get(slot as usize).copied();
            let raw = match layout.arg(i) {
                Placement::One(slot) => word(slot),
                Placement::Pair { lo, hi } => word(lo)
                    .zip(word(hi))
                    .map(|(lo, hi)| abi::join_pair(lo, hi)),
                // A 64-bit kernel ignores the high word (strace does not even show it).
                Placement::LoHi { lo, .. } if abi.word_bits == 64 => word(lo),
                Placement::LoHi { lo, hi } => word(lo)
                    .zip(word(hi))
                    .map(|(lo, hi)| abi::join_pair(lo, hi)),
            };
            let Some(raw) = raw else {
                assert!(
                    omitted,
                    "{mode:?} {}: strace does not show argument `{}`",
                    line.name, arg.name
                );
                continue;
            };
            let expected = abi::decode_value(arg.kind, raw, abi);
            let hint = if arg.kind == abi::ArgKind::Pointer {
                " (an address: both runs disable ASLR with personality(ADDR_NO_RANDOMIZE); does this \
                 machine allow it?)"
            } else {
                ""
            };
            assert_eq!(
                value, expected,
                "{mode:?} {}: argument `{}` decodes to {value:#x}, strace's words say {expected:#x} \
                 ({:?}){hint}",
                line.name, arg.name, line.words
            );
        }
        let ret = t.ret.expect("the call returned");
        if (-4095..0).contains(&ret) {
            let errno = tracer::format::errno_name(-ret);
            assert!(
                line.ret.starts_with(&format!("-1 {errno} ")),
                "{mode:?} {}: returned {errno}, strace says {}",
                line.name,
                line.ret
            );
        } else {
            assert_eq!(
                number(&line.ret),
                Some(ret as u64),
                "{mode:?} {}: return value",
                line.name
            );
        }
    }
}

/// The value of argument `arg` of the `nth` call named `name` (the C source's side).
fn arg_of(calls: &[Traced], name: &str, nth: usize, arg: &str) -> u64 {
    let call = &calls
        .iter()
        .filter(|t| t.call.display_name() == Some(name))
        .nth(nth)
        .unwrap_or_else(|| panic!("no call #{nth} of {name}"))
        .call;
    call.args()
        .into_iter()
        .find(|(meta, _)| meta.name == arg)
        .unwrap_or_else(|| panic!("{name} has no argument {arg}"))
        .1
}

/// Traces `calls.c` built `how` with both tracers and compares; returns our calls.
fn calls_program(how: Build, mode: Mode) -> Vec<Traced> {
    let program = build("calls", how);
    let tag = format!("calls-{mode:?}");
    let command = Command::new(&program, [""; 0])
        .unwrap()
        .no_aslr(true)
        .stdout(quiet());
    let (calls, status) = trace(&Tracer::new(), command);
    assert_eq!(status, Status::Exited(0));
    let ours = window(calls);
    let theirs = strace_window(strace(&program, &tag));
    compare_with_strace(mode, &ours, &theirs);
    ours
}

#[test]
fn x86_64_arguments_equal_strace_raw_words() {
    let calls = calls_program(Build::Dynamic64, Mode::X86_64);
    let minus2 = (-2i64) as u64;
    for (name, nth, arg, value) in [
        ("pread64", 0, "pos", V64_A),
        ("pread64", 0, "fd", 1000),
        ("pread64", 0, "count", 0x123),
        ("pread64", 1, "fd", 0x7fff_ffff),
        ("pread64", 1, "pos", minus2),
        ("pwrite64", 0, "pos", V64_B),
        ("fallocate", 0, "offset", V64_A),
        ("fallocate", 0, "len", V64_B),
        ("ftruncate", 0, "length", V64_A),
        ("truncate", 0, "length", V64_B),
        ("lseek", 0, "offset", V64_B),
        ("lseek", 1, "offset", minus2),
        ("mmap", 0, "addr", 0x1234_5000),
        ("mmap", 0, "off", 0x1_8000_3000),
        ("fadvise64", 0, "offset", V64_A),
        ("fadvise64", 0, "len", V64_B),
        ("fadvise64", 1, "offset", minus2),
        ("sync_file_range", 0, "offset", V64_A),
        ("sync_file_range", 0, "nbytes", V64_B),
        ("openat", 0, "dfd", (-100i64) as u64),
        ("openat", 0, "mode", 0o640),
        ("openat", 1, "dfd", minus2),
        ("preadv2", 0, "pos", V64_A),
        ("pwritev2", 0, "pos", V64_B),
        ("preadv", 0, "pos", minus2),
    ] {
        assert_eq!(
            arg_of(&calls, name, nth, arg),
            value,
            "x86_64 {name} #{nth} {arg}"
        );
    }
}

#[test]
fn ia32_arguments_equal_strace_raw_words() {
    let calls = calls_program(Build::Static32, Mode::Ia32);
    let minus2 = (-2i64) as u64;
    for (name, nth, arg, value) in [
        // 64-bit values: one i64 each, from a register pair.
        ("pread64", 0, "pos", V64_A),
        ("pread64", 1, "fd", 0x7fff_ffff),
        ("pread64", 1, "pos", minus2),
        ("pwrite64", 0, "pos", V64_B),
        ("fallocate", 0, "offset", V64_A),
        ("fallocate", 0, "len", V64_B),
        ("ftruncate64", 0, "length", V64_A),
        ("truncate64", 0, "length", V64_B),
        ("fadvise64_64", 0, "offset", V64_A),
        ("fadvise64_64", 0, "len", V64_B),
        ("fadvise64_64", 0, "advice", 4),
        ("fadvise64", 0, "offset", minus2),
        ("fadvise64", 0, "len", 0x7ffff),
        ("fadvise64", 0, "advice", 2),
        ("sync_file_range", 0, "offset", V64_A),
        ("sync_file_range", 0, "nbytes", V64_B),
        ("sync_file_range", 0, "flags", 2),
        // Declared as halves by Linux: _llseek's stay two arguments; the preadv family's
        // `pos_l, pos_h` are one `LoHi` joined from esi (low) and edi (high).
        ("_llseek", 0, "offset_high", 1),
        ("_llseek", 0, "offset_low", 0x8000_0004),
        ("preadv2", 0, "pos", V64_A),
        ("pwritev2", 0, "pos", V64_B),
        ("preadv", 0, "pos", minus2),
        // `long` sign-extends, `unsigned long` does not.
        ("lseek", 0, "offset", minus2),
        ("mmap2", 0, "addr", 0x1234_5000),
        ("mmap2", 0, "pgoff", 0x18_0003),
        ("openat", 0, "dfd", (-100i64) as u64),
        ("openat", 0, "mode", 0o640),
    ] {
        assert_eq!(
            arg_of(&calls, name, nth, arg),
            value,
            "ia32 {name} #{nth} {arg}"
        );
    }
}

fn sandbox() -> Tracer {
    Tracer::new()
        .serve(["uname", "getpid"])
        .expect("uname and getpid are servable")
}

fn served(calls: &[Traced], name: &str) -> Vec<(isize, Option<i64>)> {
    calls
        .iter()
        .filter(|t| t.call.display_name() == Some(name))
        .map(|t| (t.call.served.expect("served by the sandbox"), t.ret))
        .collect()
}

#[test]
fn sandbox_serves_uname_to_uname_a() {
    let uname = tracer::ptrace::resolve_program("uname".as_ref()).expect("uname(1) is installed");
    let (_, status, real) = trace_with_output(&Tracer::new(), &uname, &["-a"], "uname-real");
    assert_eq!(status, Status::Exited(0));
    assert!(!real.contains("SyscallDefine"), "{real}");

    let (calls, status, output) = trace_with_output(&sandbox(), &uname, &["-a"], "uname-served");
    assert_eq!(status, Status::Exited(0));
    let id = tracer::sandbox::IDENTITY;
    let expected = format!(
        "{} {} {} {} {}",
        id.sysname, id.nodename, id.release, id.version, id.machine
    );
    assert!(
        output.starts_with(&expected),
        "uname -a under the sandbox printed {output:?}"
    );
    assert_eq!(served(&calls, "uname"), [(0, Some(0))]);
}

fn check_ident(how: Build) {
    let program = build("ident", how);
    let tag = format!("ident-{how:?}");
    let (calls, status, output) = trace_with_output(&sandbox(), &program, &[], &tag);
    assert_eq!(status, Status::Exited(0), "{output}");
    let id = tracer::sandbox::IDENTITY;
    let expect = [
        format!(
            "sysname={} nodename={} release={} machine={}",
            id.sysname, id.nodename, id.release, id.machine
        ),
        format!("pid={}", id.pid),
    ];
    for line in &expect {
        assert!(
            output.lines().any(|l| l == line),
            "{tag}: no line {line:?} in {output:?}"
        );
    }
    assert_eq!(served(&calls, "uname"), [(0, Some(0))]);
    assert_eq!(
        served(&calls, "getpid"),
        [(id.pid as isize, Some(id.pid as i64))]
    );
    if how == Build::Static32 {
        assert!(
            output.contains(&format!("olduname.sysname={}\n", id.sysname)),
            "{output}"
        );
        assert!(
            output.contains(&format!("oldolduname.sysname={}\n", &id.sysname[..8])),
            "{output}"
        );
        assert_eq!(served(&calls, "olduname"), [(0, Some(0))]);
        assert_eq!(served(&calls, "oldolduname"), [(0, Some(0))]);
    }
}

#[test]
fn sandbox_serves_uname_and_getpid_to_a_64_bit_program() {
    check_ident(Build::Dynamic64);
}

#[test]
fn sandbox_serves_uname_and_getpid_to_a_32_bit_program() {
    check_ident(Build::Static32);
}

#[test]
fn every_call_of_ls_cat_dd_and_a_32_bit_program_has_a_definition() {
    let dir = work_dir();
    let file = dir.join("cat-me.txt");
    std::fs::write(&file, "hello\n").unwrap();
    let file = file.to_str().unwrap().to_string();
    let ident32 = build("ident", Build::Static32);
    let runs: Vec<(PathBuf, Vec<String>)> = vec![
        ("ls".into(), vec!["-la".into(), "/".into()]),
        ("cat".into(), vec![file.clone()]),
        (
            "dd".into(),
            vec![
                format!("if={file}"),
                "of=/dev/null".into(),
                "bs=1".into(),
                "count=3".into(),
            ],
        ),
        (ident32, vec![]),
    ];
    let mut missing = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (program, args) in runs {
        let command = Command::new(&program, &args)
            .expect("program exists")
            .stdout(quiet())
            .stderr(quiet());
        let (calls, status) = trace(&Tracer::new(), command);
        assert_eq!(status, Status::Exited(0), "{}", program.display());
        for t in &calls {
            let name = t.call.display_name().unwrap_or("?");
            seen.insert((t.call.mode, name));
            if t.call.entry.is_none() {
                missing.push(format!(
                    "{} {:?} {name}#{}",
                    program.display(),
                    t.call.mode,
                    t.call.nr
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "calls without a definition: {missing:?}"
    );
    assert!(
        seen.len() >= 30,
        "only {} distinct calls seen: {seen:?}",
        seen.len()
    );
}

#[test]
fn a_killed_tracee_ends_the_trace_with_its_status() {
    let (calls, status) = trace(
        &Tracer::new(),
        Command::new("sh", ["-c", "kill -9 $$"]).unwrap(),
    );
    assert_eq!(status, Status::Killed(libc::SIGKILL));
    assert_eq!(status.code(), 128 + 9);
    assert_eq!(
        calls.last().map(|t| (t.call.display_name(), t.ret)),
        Some((Some("kill"), None))
    );

    let (_, status) = trace(
        &Tracer::new(),
        Command::new("sh", ["-c", "exit 7"]).unwrap(),
    );
    assert_eq!(status, Status::Exited(7));
}

#[test]
fn a_missing_command_is_a_clear_error() {
    let e = Command::new("no-such-command-syscall-define", [""; 0]).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::NotFound);
    assert!(e.to_string().contains("PATH"), "{e}");
    let e = Command::new("/no/such/program", [""; 0]).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::NotFound);
}

#[test]
fn unknown_numbers_print_raw_registers() {
    // The markers of calls.c are unassigned numbers: no name, no definition, raw words.
    let program = build("calls", Build::Dynamic64);
    let (calls, _) = trace(
        &Tracer::new(),
        Command::new(&program, [""; 0]).unwrap().stdout(quiet()),
    );
    let marker = &calls
        .iter()
        .find(|t| t.call.nr == MARK_BEGIN)
        .expect("marker traced")
        .call;
    assert!(marker.entry.is_none() && marker.name.is_none());
    assert_eq!(&marker.words[..2], &[1, 0x600d_cafe]);
    let text = tracer::format::call(marker);
    assert!(
        text.starts_with("syscall#32256(raw: 0x1, 0x600dcafe, "),
        "{text}"
    );
}

#[test]
fn serve_rejects_calls_without_a_body() {
    let e = Tracer::new().serve(["read"]).unwrap_err();
    assert!(e.contains("uname") && e.contains("getpid"), "{e}");
}

// ---- seccomp: filters built from the definitions, installed in real processes ----

/// The policy the probe program (`tests/c/seccomp_probe.c`) is written against.
const PROBE_POLICY: &str = "pread64(pos > 0xffffffff) = EACCES; pread64(pos < 0) = ERANGE; \
     close(fd == 1000) = EPERM; kill(sig < 0) = ERANGE; getppid = trap(7); \
     bad-arch = errno(18); default = allow";

const AUDIT_ARCH_X86_64: &str = "c000003e";
const AUDIT_ARCH_I386: &str = "40000003";

/// What the policy says each probe gets, as the probe prints it (`RET ERRNO`, or `trap DATA
/// ARCH`): EACCES 13, ERANGE 34, EPERM 1, EXDEV 18; EBADF (9) and the successes are the
/// kernel's own answers to calls the policy allows.
fn probe_expectations(how: Build) -> Vec<(&'static str, String)> {
    let own_arch = match how {
        Build::Dynamic64 => AUDIT_ARCH_X86_64,
        Build::Static32 => AUDIT_ARCH_I386,
    };
    let mut expected: Vec<(&str, String)> = vec![
        ("pread_below_4g", "0 0".into()),
        ("pread_4g", "-1 13".into()),
        ("pread_above_4g", "-1 13".into()),
        ("pread_zero", "0 0".into()),
        ("pread_minus_1", "-1 34".into()),
        ("pread_min", "-1 34".into()),
        ("close_1000", "-1 1".into()),
        ("close_1001", "-1 9".into()),
        ("kill_sig_minus_5", "-1 34".into()),
        ("kill_sig_0", "0 0".into()),
        ("getppid", format!("trap 7 {own_arch}")),
    ];
    if how == Build::Dynamic64 {
        expected.extend([
            ("close_1000_garbage", "-1 1".into()),
            ("close_1001_garbage", "-1 9".into()),
            ("kill_minus_5_garbage", "-1 34".into()),
            ("kill_0_garbage", "0 0".into()),
            ("x32_getpid", "-1 18".into()),
            ("int80_getppid", format!("trap 7 {AUDIT_ARCH_I386}")),
            ("int80_getpid_is_pid", "1 0".into()),
            ("int80_close_1000", "-1 1".into()),
        ]);
    }
    expected
}

/// Runs `program` with `filter` installed (none: unfiltered); returns its output, probe → outcome.
fn run_probe(
    program: &Path,
    filter: Option<&syscall_define::seccomp::Program<{ tracer::seccomp::CAPACITY }>>,
) -> Vec<(String, String)> {
    let mut command = Process::new(program);
    command.stdout(Stdio::piped()).stderr(Stdio::inherit());
    if let Some(filter) = filter {
        let filter = *filter;
        // SAFETY: the closure only makes the two system calls of `install`.
        unsafe {
            command.pre_exec(move || {
                tracer::seccomp::install(&filter).map_err(io::Error::from_raw_os_error)
            });
        }
    }
    let output = command.output().expect("run the probe program");
    assert!(
        output.status.success(),
        "{}: {:?}",
        program.display(),
        output.status
    );
    String::from_utf8(output.stdout)
        .expect("text")
        .lines()
        .map(|line| {
            let (name, outcome) = line.split_once(' ').expect("NAME OUTCOME");
            (name.to_owned(), outcome.to_owned())
        })
        .collect()
}

fn seccomp_probes(how: Build) {
    let program = build("seccomp_probe", how);
    let filter = tracer::seccomp::Policy::parse(PROBE_POLICY)
        .and_then(|p| p.compile())
        .expect("the policy compiles");
    let filtered = run_probe(&program, Some(&filter));
    let unfiltered = run_probe(&program, None);
    for (name, expected) in probe_expectations(how) {
        let got = filtered
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("probe {name} did not run: {filtered:?}"));
        assert_eq!(got.1, expected, "probe {name} ({how:?}), filter:\n{filter}");
        // Without the filter, every probe the policy decides comes out otherwise.
        let free = unfiltered
            .iter()
            .find(|(n, _)| n == name)
            .expect("same probes");
        let decided = expected.starts_with("trap")
            || [" 13", " 34", " 18"].iter().any(|e| expected.ends_with(e))
            || (expected == "-1 1" && name.contains("close"));
        if decided {
            assert_ne!(
                free.1, expected,
                "probe {name} ({how:?}) gets the same without the filter"
            );
        }
    }
    // ia32 iopl (110, x86-64's getppid number) is not trapped: the ia32 block has its own numbers.
    if how == Build::Dynamic64 {
        let iopl = filtered
            .iter()
            .find(|(n, _)| n == "int80_110")
            .expect("probe int80_110");
        assert!(!iopl.1.starts_with("trap"), "int80_110: {}", iopl.1);
    }
}

/// A seccomp filter built from the definitions, installed in a 64-bit program: 64-bit offsets
/// on both sides of 4 GiB, signed and garbage-topped 32-bit arguments, an x32 number, and ia32
/// calls by `int $0x80` each get exactly the policy's action.
#[test]
fn seccomp_filter_in_a_64_bit_process() {
    seccomp_probes(Build::Dynamic64);
}

/// The same filter in a 32-bit program: ia32's numbers, and `pos` split over two words.
#[test]
fn seccomp_filter_in_a_32_bit_process() {
    seccomp_probes(Build::Static32);
}

/// `--seccomp` in the tracer: the filter is installed in the tracee, and the trace shows its
/// verdicts as the calls' results.
#[test]
fn the_tracer_installs_the_filter() {
    let program = build("seccomp_probe", Build::Dynamic64);
    let filter = tracer::seccomp::Policy::parse(PROBE_POLICY)
        .and_then(|p| p.compile())
        .expect("the policy compiles");
    let command = Command::new(&program, Vec::<String>::new())
        .expect("program exists")
        .stdout(quiet())
        .seccomp(filter);
    let (calls, status) = trace(&Tracer::new(), command);
    assert_eq!(status, Status::Exited(0));
    let preads: Vec<(u64, Option<i64>)> = calls
        .iter()
        .filter(|c| c.call.display_name() == Some("pread64"))
        .map(|c| (c.call.values.expect("decoded"), c.ret))
        // The probe's own reads (one byte); the dynamic loader's come first.
        .filter(|(values, _)| values[2] == 1)
        .map(|(values, ret)| (values[3], ret))
        .collect();
    assert_eq!(
        preads,
        [
            (0xffff_ffff, Some(0)),
            (0x1_0000_0000, Some(-13)),
            (0x5_0000_0001, Some(-13)),
            (0, Some(0)),
            (u64::MAX, Some(-34)),
            (1 << 63, Some(-34)),
        ]
    );
}

#[test]
fn seccomp_policy_mistakes_are_reported() {
    let err = |text: &str| {
        tracer::seccomp::Policy::parse(text)
            .and_then(|p| p.compile())
            .unwrap_err()
    };
    assert!(
        err("pread64(offset > 1) = EACCES")
            .contains("has no argument `offset` (it has: fd, buf, count, pos)")
    );
    assert!(
        err("kill(sig == 0x100000000) = EPERM").contains("not a value of `sig`'s type `Signal`")
    );
    assert!(err("nosuchcall = allow").contains("no definition of `nosuchcall`"));
    assert!(err("close = EWHAT").contains("`EWHAT` is no errno name"));
}
