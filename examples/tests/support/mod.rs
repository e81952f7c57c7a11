//! What the live tests share: their work directory, the C programs they build (and what to
//! install when a build cannot work here), and the example binary.
#![allow(dead_code)] // each test file uses part of it

use std::fs::File;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The tests' scratch directory (under cargo's `CARGO_TARGET_TMPDIR`).
pub fn work_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("live");
    std::fs::create_dir_all(&dir).expect("create the test's work directory");
    dir
}

/// How a C program is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Build {
    /// `gcc -no-pie`: 64-bit, dynamically linked, fixed addresses.
    Dynamic64,
    /// `gcc -m32 -static`: 32-bit, fixed addresses.
    Static32,
}

/// The installed packages whose names match `pattern` (`dpkg-query -W`); empty where there is no
/// dpkg.
fn installed(pattern: &str) -> Vec<String> {
    let Ok(output) = Process::new("dpkg-query")
        .args(["-W", "-f", "${Package} ${db:Status-Status}\n", pattern])
        .output()
    else {
        return Vec::new();
    };
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| l.strip_suffix(" installed"))
        .map(str::to_owned)
        .collect()
}

/// Why `gcc -m32 -static` failed, and what to do about it, from gcc's messages.
fn why_32_bit_fails(stderr: &str) -> String {
    // The i386 <asm/...> headers come from gcc-multilib's /usr/include/asm link to the kernel
    // headers; libc's 32-bit headers and libraries from libc6-dev-i386, which it pulls in.
    let missing_asm = stderr.contains("asm/") && stderr.contains("No such file");
    let missing_libc = [
        "stubs-32.h",
        "cannot find -lc",
        "crt1.o",
        "cannot find -lgcc",
    ]
    .iter()
    .any(|s| stderr.contains(s));
    if !missing_asm && !missing_libc {
        return "32-bit support is missing or broken; install the `gcc-multilib` package \
                (apt-get install -y gcc-multilib)"
            .into();
    }
    let what = if missing_asm {
        "the 32-bit <asm/...> kernel headers are missing (gcc-multilib provides them: \
         /usr/include/asm)"
    } else {
        "the 32-bit C library is missing (libc6-dev-i386, which gcc-multilib brings)"
    };
    // On Debian, gcc-multilib conflicts with the gcc-*-linux-gnu* cross compilers.
    let mut cross = installed("gcc-*-linux-gnu*");
    cross.extend(installed("g++-*-linux-gnu*"));
    if installed("gcc-multilib").is_empty() && !cross.is_empty() {
        format!(
            "{what}, and gcc-multilib cannot be installed beside the cross compilers installed \
             here ({}): Debian's gcc-multilib conflicts with every gcc-*-linux-gnu* package. \
             Remove them (apt-get remove -y {}) and install gcc-multilib (apt-get install -y \
             gcc-multilib), or run these tests on a machine without the cross compilers",
            cross.join(", "),
            cross.join(" ")
        )
    } else if installed("gcc-multilib").is_empty() {
        format!("{what}: install the `gcc-multilib` package (apt-get install -y gcc-multilib)")
    } else {
        format!(
            "{what}, although gcc-multilib is installed: reinstall it and libc6-dev-i386 \
             (apt-get install --reinstall -y gcc-multilib libc6-dev-i386)"
        )
    }
}

/// Builds `tests/c/<name>.c`; fails with the package to install when the compiler or its 32-bit
/// support is missing (or with the packages in the way).
pub fn build(name: &str, how: Build) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/c")
        .join(format!("{name}.c"));
    let suffix = match how {
        Build::Dynamic64 => "64",
        Build::Static32 => "32",
    };
    let out = work_dir().join(format!("{name}-{suffix}"));
    // Tests run in parallel: build under a private name, then rename into place.
    static BUILDS: AtomicUsize = AtomicUsize::new(0);
    let n = BUILDS.fetch_add(1, Ordering::Relaxed);
    let tmp = work_dir().join(format!("{name}-{suffix}.tmp{}-{n}", std::process::id()));
    let mut gcc = Process::new("gcc");
    gcc.args(["-O0", "-Wall", "-Werror", "-pthread", "-o"])
        .arg(&tmp)
        .arg(&source);
    match how {
        Build::Dynamic64 => gcc.arg("-no-pie"),
        Build::Static32 => gcc.args(["-m32", "-static"]),
    };
    let output = match gcc.output() {
        Ok(output) => output,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            panic!("gcc is not installed: these tests build C programs (apt-get install -y gcc)")
        }
        Err(e) => panic!("running gcc: {e}"),
    };
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        if how == Build::Static32 {
            panic!(
                "`gcc -m32 -static` cannot build {}: {}.\n{stderr}",
                source.display(),
                why_32_bit_fails(&stderr)
            );
        }
        panic!("gcc cannot build {}:\n{stderr}", source.display());
    }
    std::fs::rename(&tmp, &out).expect("move the built program into place");
    out
}

/// The `strace` example's binary, which `cargo test` builds with the package's other targets.
pub fn strace_example() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    // target/<profile>/deps/<test> → target/<profile>/examples/strace
    let path = exe
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("examples/strace"))
        .expect("the test runs from target/<profile>/deps");
    assert!(
        path.is_file(),
        "{} is not built: `cargo test -p syscall-define-examples` builds it with the tests; \
         after `cargo test --test NAME`, build it with `cargo build -p syscall-define-examples \
         --example strace`",
        path.display()
    );
    path
}

/// `/dev/null`, for a tracee's output the test does not read.
pub fn quiet() -> File {
    File::options()
        .write(true)
        .open("/dev/null")
        .expect("open /dev/null")
}

/// A number as strace prints it: decimal or `0x` hex.
pub fn number(text: &str) -> Option<u64> {
    let text = text.trim();
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

/// For `pre_exec`: address-space randomization off, so two runs see the same addresses.
pub fn no_aslr() -> io::Result<()> {
    // SAFETY: personality(2) only changes this (child) process's execution domain.
    unsafe {
        let current = libc::personality(0xffff_ffff);
        libc::personality((current | libc::ADDR_NO_RANDOMIZE) as libc::c_ulong);
    }
    Ok(())
}

/// Runs strace with `args` on `program` with address-space randomization off, its log in
/// `log`; fails with what to install or permit.
pub fn run_strace(args: &[&str], program: &Path, program_args: &[&str], log: &Path) -> Output {
    let mut command = Process::new("strace");
    command
        .args(args)
        .arg("-o")
        .arg(log)
        .arg(program)
        .args(program_args)
        .stdout(Stdio::null());
    // SAFETY: the closure only calls personality(2), which is async-signal-safe.
    unsafe { command.pre_exec(no_aslr) };
    let output = match command.output() {
        Ok(output) => output,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            panic!(
                "strace is not installed: the test compares against it (apt-get install -y strace)"
            )
        }
        Err(e) => panic!("running strace: {e}"),
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("Operation not permitted"),
        "ptrace is not permitted here, so strace cannot run: {stderr}"
    );
    output
}
