//! Building and booting `examples/x86-kernel`: shared by `cargo run --example boot` and
//! `tests/x86_kernel.rs`. Builds the kernel (its own crate: `cargo build --release` in its
//! directory), `x86-kernel/user/calls.c` twice with gcc and glibc (`-static`, 64-bit and
//! `-m32`), and an initrd holding them, Debian's `busybox-static` binary and two data files, and
//! boots it with QEMU (TCG), the serial port on stdout.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `examples/x86-kernel`, from the including package's directory (`examples/` or `benches/`).
pub fn kernel_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/x86-kernel")
}

/// A directory of this boot's own (boots may run in parallel in one process).
pub fn work_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "syscall-define-x86-kernel-{}-{tag}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("create the work directory");
    dir
}

/// Builds the kernel with its own profile and flags (`.cargo/config.toml` in its directory).
pub fn build_kernel() -> PathBuf {
    let dir = kernel_dir();
    let target_dir = dir.join("target");
    let status = Command::new(env!("CARGO"))
        .current_dir(&dir)
        .args(["build", "--release", "--quiet", "--target-dir"])
        .arg(&target_dir)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_TARGET")
        .status()
        .expect("run cargo");
    assert!(status.success(), "building examples/x86-kernel failed");
    target_dir.join("x86_64-unknown-linux-gnu/release/x86-kernel")
}

pub fn gcc(source: &Path, out: &Path, m32: bool) {
    let mut gcc = Command::new("gcc");
    gcc.args(["-static", "-O1", "-Wall", "-Werror", "-o"])
        .arg(out)
        .arg(source);
    if m32 {
        gcc.arg("-m32");
    }
    let output = gcc
        .output()
        .unwrap_or_else(|e| panic!("gcc: {e} (apt-get install -y gcc)"));
    assert!(
        output.status.success(),
        "gcc{} cannot build {}: {}{}",
        if m32 { " -m32" } else { "" },
        source.display(),
        String::from_utf8_lossy(&output.stderr),
        if m32 {
            "\n(32-bit support: apt-get install -y gcc-multilib)"
        } else {
            ""
        }
    );
}

/// Debian's `busybox-static`: a statically linked busybox (the `busybox` package's is dynamic,
/// and this kernel has no dynamic loader).
fn busybox() -> Vec<u8> {
    let bytes = std::fs::read("/bin/busybox")
        .unwrap_or_else(|e| panic!("/bin/busybox: {e} (apt-get install -y busybox-static)"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains("/lib64/ld-linux-x86-64.so.2"),
        "/bin/busybox is dynamically linked: install busybox-static (apt-get install -y busybox-static)"
    );
    bytes
}

/// The initrd: `SDFS0001`, then per file its name and data lengths (`u32` LE), name, data,
/// padding to 4; a zero name length ends it.
pub fn initrd(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = b"SDFS0001".to_vec();
    for (name, data) in files {
        out.extend((name.len() as u32).to_le_bytes());
        out.extend((data.len() as u32).to_le_bytes());
        out.extend(name.as_bytes());
        out.extend(*data);
        while !out.len().is_multiple_of(4) {
            out.push(0);
        }
    }
    out.extend(0u32.to_le_bytes());
    out
}

/// Boots `kernel` with `initrd` and `cmdline`: QEMU's exit status and the serial output.
/// Boots `kernel` (ours, or any `-kernel` QEMU takes) with `initrd`, `cmdline` and `extra` QEMU
/// arguments: QEMU's exit status and the serial output.
pub fn boot(
    kernel: &Path,
    initrd: &Path,
    cmdline: &str,
    extra: &[&str],
    echo: bool,
) -> (i32, String) {
    let mut qemu = Command::new("qemu-system-x86_64")
        .args([
            "-accel", "tcg", "-m", "1G", "-display", "none", "-monitor", "none",
        ])
        .args(["-serial", "stdio", "-no-reboot"])
        .args(["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"])
        .arg("-kernel")
        .arg(kernel)
        .arg("-initrd")
        .arg(initrd)
        .args(["-append", cmdline])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("qemu-system-x86_64: {e} (apt-get install -y qemu-system-x86)"));
    let mut stdout = qemu.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let mut chunk = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut chunk) {
            if n == 0 {
                break;
            }
            if echo {
                let _ = std::io::stdout().write_all(&chunk[..n]);
            }
            text.extend_from_slice(&chunk[..n]);
        }
        String::from_utf8_lossy(&text).into_owned()
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = qemu.try_wait().expect("wait for qemu") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(300) {
            let _ = qemu.kill();
            panic!("the kernel did not finish in 300 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), reader.join().expect("reader"))
}

/// How a boot ended: QEMU's exit status and the serial output.
pub struct Booted {
    pub status: i32,
    pub output: String,
}

/// Builds everything and boots with `cmdline`; with `echo`, the serial output is also copied
/// to stdout as it comes.
pub fn boot_all(cmdline: &str, echo: bool) -> Booted {
    let kernel = build_kernel();
    let tag = cmdline.replace([' ', '=', ','], "_");
    let work = work_dir(&tag);
    let source = kernel_dir().join("user/calls.c");
    let (calls64, calls32) = (work.join("calls64"), work.join("calls32"));
    gcc(&source, &calls64, false);
    gcc(&source, &calls32, true);
    let image = initrd(&[
        (
            "/init",
            b"/bin/calls64 /bin/calls32\n\
              /bin/busybox echo hello from busybox\n\
              /bin/busybox uname -a\n\
              /bin/busybox cat /etc/motd\n\
              /bin/busybox ls /\n",
        ),
        ("/bin/calls64", &std::fs::read(&calls64).expect("built")),
        ("/bin/calls32", &std::fs::read(&calls32).expect("built")),
        ("/bin/busybox", &busybox()),
        ("/data", b"hello, file table\n"),
        ("/etc/motd", b"a file of the in-memory table\n"),
    ]);
    let initrd_path = work.join("initrd.sdfs");
    std::fs::write(&initrd_path, image).expect("write the initrd");
    let (status, output) = boot(&kernel, &initrd_path, cmdline, &[], echo);
    Booted { status, output }
}
