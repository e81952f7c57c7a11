//! A small strace whose system-call knowledge is `#[syscall_define]` definitions (the engine is
//! the examples' library, `tracer/`).
//!
//! ```text
//! cargo run --example strace -- ls /
//! cargo run --example strace -- --serve uname,getpid uname -a
//! cargo run --example strace -- --seccomp 'uname = EPERM' uname -a
//! ```
//!
//! Options: `-o FILE` writes the trace to FILE instead of stderr; `--serve NAMES` makes the tracer
//! the kernel for the named calls (`uname`, `getpid`); `--seccomp POLICY` installs a seccomp
//! filter built from the tracer's definitions in the tracee (the syntax: `tracer::seccomp`);
//! `--dump-bpf` prints that filter's program, one instruction a line, before running (or alone,
//! without a command). The tracer exits with the tracee's exit
//! status (128 + the signal if a signal killed it), 127 if the command cannot be found.

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn main() {
    use std::ffi::OsString;
    use std::io::Write;

    fn usage() -> ! {
        eprintln!(
            "usage: strace [-o FILE] [--serve NAME[,NAME...]] [--seccomp POLICY] [--dump-bpf] [--] COMMAND [ARG...]"
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
    while let Some(arg) = args.peek() {
        let text = arg.to_string_lossy().into_owned();
        match text.as_str() {
            "--" => {
                args.next();
                break;
            }
            "-h" | "--help" => usage(),
            "-o" => {
                args.next();
                output = Some(args.next().unwrap_or_else(|| usage()));
            }
            "--serve" => {
                args.next();
                let list = args.next().unwrap_or_else(|| usage());
                serve.extend(list.to_string_lossy().split(',').map(str::to_owned));
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
            _ if text.starts_with("--serve=") => {
                serve.extend(text["--serve=".len()..].split(',').map(str::to_owned));
                args.next();
            }
            _ if text.starts_with('-') && text.len() > 1 => {
                eprintln!("strace: unknown option {text}");
                usage()
            }
            _ => break,
        }
    }
    let filter = policy.map(|text| {
        tracer::seccomp::Policy::parse(&text)
            .and_then(|policy| policy.compile())
            .unwrap_or_else(|e| fail(2, format!("--seccomp: {e}")))
    });
    if dump_bpf {
        match &filter {
            Some(program) => eprint!("{program}"),
            None => fail(2, "--dump-bpf needs --seccomp POLICY"),
        }
    }
    let Some(program) = args.next() else {
        if dump_bpf {
            std::process::exit(0)
        }
        usage()
    };

    let tracer = tracer::Tracer::new()
        .serve(serve.iter().map(String::as_str))
        .unwrap_or_else(|e| fail(2, format!("--serve: {e}")));
    let mut command = tracer::Command::new(&program, args).unwrap_or_else(|e| {
        fail(
            127,
            format!("cannot run {}: {e}", program.to_string_lossy()),
        )
    });
    if let Some(filter) = filter {
        command = command.seccomp(filter);
    }
    let sink: Box<dyn Write> = match &output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .unwrap_or_else(|e| fail(1, format!("{}: {e}", path.to_string_lossy()))),
        ),
        None => Box::new(std::io::stderr()),
    };
    let mut printer = tracer::format::Printer::new(sink);
    match tracer.run(command, |event| {
        // A closed trace output must not stop the tracee: ignore write errors.
        let _ = printer.event(event);
    }) {
        Ok(status) => std::process::exit(status.code()),
        Err(e) => fail(1, e),
    }
}

#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
fn main() {
    eprintln!("strace: this example traces x86-64 Linux processes only");
    std::process::exit(1);
}
