//! A small strace whose system-call knowledge is `#[syscall_define]` definitions (the engine is
//! the examples' library, `tracer/`).
//!
//! ```text
//! cargo run --example strace -- ls /
//! cargo run --example strace -- -f -o trace.txt make
//! cargo run --example strace -- -c -f ./program
//! cargo run --example strace -- -p 1234
//! cargo run --example strace -- --serve uname,getpid uname -a
//! cargo run --example strace -- --seccomp 'uname = EPERM' uname -a
//! ```
//!
//! Options, as strace's:
//!
//! - `-f`: follow `fork`, `vfork`, `clone` and `clone3`: children and threads are traced too, each
//!   line prefixed by its pid (`[pid  1234] `; with `-o`, `1234  ` on every line).
//! - `-o FILE`: the trace goes to FILE instead of stderr.
//! - `-p PID`: attach to a running process (with `-f`, to all its threads); Ctrl-C detaches.
//! - `-e trace=NAME[,NAME...]` (or `-e NAME,...`; `!NAME` for all but): trace only these calls.
//! - `-c`: no trace; at the end, a table of the calls: `% time`, `seconds`, `usecs/call`,
//!   `calls`, `errors`, `syscall` (system CPU time, as strace; `-w`: wall-clock time in the
//!   calls).
//! - `-s N`: show at most N bytes of the buffers calls read and write (default 32).
//! - `-q`: no `strace: Process N attached` lines.
//!
//! And the tracer's own: `--serve NAMES` makes the tracer the kernel for the named calls
//! (`uname`, `getpid`); `--seccomp POLICY` installs a seccomp filter built from the tracer's
//! definitions in the tracee (the syntax: `tracer::seccomp`); `--dump-bpf` prints that filter's
//! program, one instruction a line, before running (or alone, without a command).
//!
//! The command starts with the signal dispositions the tracer was given (an ELF constructor
//! records them before the Rust runtime ignores `SIGPIPE`: see `tracer::signals`). The tracer
//! exits with the command's exit status; if a signal killed the command, the tracer kills itself
//! with the same signal (without a core dump), as strace does; 127 if the command cannot be
//! found. With a trace on the terminal, or `-p`, Ctrl-C (and `SIGTERM`, `SIGHUP`, `SIGQUIT`)
//! ends the current line, then kills the command with that signal, or detaches from the
//! attached processes, and the tracer dies of the signal; with `-o FILE` and a command, Ctrl-C
//! reaches the command alone (the file records how it ended) and only `SIGTERM` interrupts the
//! tracer.

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod constructor {
    /// Runs before `main` (before the Rust runtime sets `SIGPIPE` to `SIG_IGN`): records the
    /// signal dispositions this process was started with, for the command it will trace.
    extern "C" fn capture_signals() {
        tracer::signals::capture_inherited();
    }

    #[used]
    #[unsafe(link_section = ".init_array")]
    static CAPTURE_SIGNALS: extern "C" fn() = capture_signals;
}

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn main() {
    use std::ffi::OsString;
    use std::io::{BufWriter, Write};

    use tracer::print::{Announce, Filter, PidPrefix, Printer, Summary};
    use tracer::signals::{self, Interrupts};
    use tracer::{Event, Status};

    fn usage() -> ! {
        eprintln!(
            "usage: strace [-cfqw] [-e trace=NAME,...] [-o FILE] [-s N] [--serve NAME[,NAME...]] \
             [--seccomp POLICY] [--dump-bpf] {{-p PID | [--] COMMAND [ARG...]}}"
        );
        eprintln!(
            "       --serve: the tracer is the kernel for these calls ({})",
            tracer::sandbox::SERVABLE.join(", ")
        );
        std::process::exit(2)
    }
    fn fail(code: i32, message: impl std::fmt::Display) -> ! {
        eprintln!("strace: {message}");
        std::process::exit(code)
    }

    let mut args = std::env::args_os().skip(1).peekable();
    let mut output: Option<OsString> = None;
    let mut serve: Vec<String> = Vec::new();
    let mut policy: Option<String> = None;
    let mut dump_bpf = false;
    let mut follow = false;
    let mut count = false;
    let mut wall_clock = false;
    let mut quiet = false;
    let mut attach: Option<tracer::Pid> = None;
    let mut filter: Option<Filter> = None;
    let mut limit = tracer::print::DEFAULT_STRING_LIMIT;
    while let Some(arg) = args.peek() {
        let text = arg.to_string_lossy().into_owned();
        match text.as_str() {
            "--" => {
                args.next();
                break;
            }
            "-h" | "--help" => usage(),
            "--serve" => {
                args.next();
                let list = args.next().unwrap_or_else(|| usage());
                serve.extend(list.to_string_lossy().split(',').map(str::to_owned));
            }
            _ if text.starts_with("--serve=") => {
                serve.extend(text["--serve=".len()..].split(',').map(str::to_owned));
                args.next();
            }
            "--seccomp" => {
                args.next();
                policy = Some(
                    args.next()
                        .unwrap_or_else(|| usage())
                        .to_string_lossy()
                        .into_owned(),
                );
            }
            _ if text.starts_with("--seccomp=") => {
                policy = Some(text["--seccomp=".len()..].to_owned());
                args.next();
            }
            "--dump-bpf" => {
                dump_bpf = true;
                args.next();
            }
            _ if text.starts_with("--") => {
                eprintln!("strace: unknown option {text}");
                usage()
            }
            // Short options, strace's way: flags cluster (`-fc`), a value follows its letter
            // (`-s64`) or comes next (`-s 64`).
            _ if text.starts_with('-') && text.len() > 1 => {
                args.next();
                for (at, letter) in text[1..].char_indices() {
                    match letter {
                        'f' => follow = true,
                        'c' => count = true,
                        'w' => wall_clock = true,
                        'q' => quiet = true,
                        'o' | 'p' | 's' | 'e' => {
                            let rest = &text[1 + at + 1..];
                            let value = if rest.is_empty() {
                                args.next()
                                    .unwrap_or_else(|| usage())
                                    .to_string_lossy()
                                    .into_owned()
                            } else {
                                rest.to_owned()
                            };
                            let invalid =
                                |what: &str| -> ! { fail(2, format!("invalid {what}: '{value}'")) };
                            match letter {
                                'o' => output = Some(value.clone().into()),
                                'p' => {
                                    let pid = value.parse().ok().filter(|&p: &i32| p > 0);
                                    attach = Some(pid.unwrap_or_else(|| invalid("process id")));
                                }
                                's' => limit = value.parse().unwrap_or_else(|_| invalid("-s")),
                                _ => {
                                    filter =
                                        Some(Filter::parse(&value).unwrap_or_else(|e| fail(2, e)))
                                }
                            }
                            break;
                        }
                        _ => {
                            eprintln!("strace: unknown option -{letter}");
                            usage()
                        }
                    }
                }
            }
            _ => break,
        }
    }
    let seccomp = policy.map(|text| {
        tracer::seccomp::Policy::parse(&text)
            .and_then(|policy| policy.compile())
            .unwrap_or_else(|e| fail(2, format!("--seccomp: {e}")))
    });
    if dump_bpf {
        match &seccomp {
            Some(program) => eprint!("{program}"),
            None => fail(2, "--dump-bpf needs --seccomp POLICY"),
        }
    }
    let program = args.next();
    if program.is_none() && attach.is_none() {
        if dump_bpf {
            std::process::exit(0)
        }
        usage()
    }
    if program.is_some() && attach.is_some() {
        fail(2, "-p and a command are mutually exclusive")
    }

    let tracer = tracer::Tracer::new()
        .serve(serve.iter().map(String::as_str))
        .unwrap_or_else(|e| fail(2, format!("--serve: {e}")))
        .follow_forks(follow)
        .system_times(count && !wall_clock);
    let command = program.map(|program| {
        let mut command = tracer::Command::new(&program, args).unwrap_or_else(|e| {
            fail(
                127,
                format!("cannot run {}: {e}", program.to_string_lossy()),
            )
        });
        if let Some(filter) = seccomp {
            command = command.seccomp(filter);
        }
        command
    });
    let sink: Box<dyn Write> = match &output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .unwrap_or_else(|e| fail(1, format!("{}: {e}", path.to_string_lossy()))),
        ),
        None => Box::new(std::io::stderr()),
    };
    // The printer flushes at each call's entry and each line's end, as strace does.
    let sink = BufWriter::with_capacity(64 * 1024, sink);
    let interactive = output.is_none() || attach.is_some();
    signals::catch_interrupts(if interactive {
        Interrupts::Interactive
    } else {
        Interrupts::Quiet
    })
    .unwrap_or_else(|e| fail(1, format!("cannot install signal handlers: {e}")));

    let prefix = if output.is_some() && follow {
        PidPrefix::Always
    } else {
        PidPrefix::WhenSeveral
    };
    let mut printer = Printer::new(sink)
        .pid_prefix(prefix)
        .string_limit(limit)
        .filter(filter.clone())
        // strace's default: `-q` with `-o FILE` and a command, not with `-p`.
        .announce(match (quiet, &output, attach) {
            (true, ..) | (false, Some(_), None) => Announce::No,
            (false, None, _) => Announce::InTrace,
            (false, Some(_), Some(_)) => Announce::Stderr,
        })
        .announce_first(attach.is_some());
    let mut summary = count.then(|| Summary::new(wall_clock, filter));
    let on_event = |event: Event<'_>| match &mut summary {
        Some(summary) => summary.event(&event),
        // A closed trace output must not stop the tracee: ignore write errors.
        None => {
            let _ = printer.event(event);
        }
    };
    let status = match (attach, command) {
        (Some(pid), _) => tracer.attach(pid, on_event),
        (None, Some(command)) => tracer.run(command, on_event),
        (None, None) => unreachable!("checked above"),
    };
    let status = status.unwrap_or_else(|e| fail(1, e));
    let mut sink = printer.into_inner();
    if let Some(summary) = &summary {
        let _ = summary.write(&mut sink);
    }
    let _ = sink.flush();
    drop(sink);
    match status {
        // strace -p exits with 0 when the process ends, however it ends.
        Status::Exited(_) | Status::Killed(_) | Status::Dumped(_) if attach.is_some() => {
            std::process::exit(0)
        }
        Status::Exited(code) => std::process::exit(code),
        Status::Killed(sig) | Status::Dumped(sig) | Status::Interrupted(sig) => {
            signals::die_of(sig)
        }
    }
}

#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
fn main() {
    eprintln!("strace: this example traces x86-64 Linux processes only");
    std::process::exit(1);
}
