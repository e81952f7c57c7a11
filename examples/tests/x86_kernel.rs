//! Boots `examples/x86-kernel` under QEMU (TCG) and checks what it did.
//!
//! The test builds the kernel (its own crate: `cargo build --release` in its directory), a C
//! program twice with gcc and glibc (`-static`, 64-bit and `-m32`, no other flags), and an
//! initrd holding them, Debian's `busybox-static` binary and two data files. The kernel runs
//! `/init`'s lines: the 64-bit program, which execs the 32-bit one (a full-register system call
//! replacing the register file and returning to compat mode), then four busybox applets. Each C
//! call with 64-bit arguments is printed by the program as it passed it (`CALL …`) and by the
//! kernel's `#[syscall_define]` body as it received it (`SYS …`): the two lists must be equal.
//!
//! QEMU ends through `isa-debug-exit` with 33 when every program exited 0; a triple fault also
//! ends QEMU (with 0), so the final marker line is checked too.
//!
//! Needs qemu-system-x86 and busybox-static (`scripts/test` installs them), gcc and
//! gcc-multilib; where one is missing the test fails and says which.
#![cfg(all(target_os = "linux", target_arch = "x86_64"))]

#[path = "../boot/mod.rs"]
mod boot;

use boot::boot_all;

/// The lines of one program's run: from its `run`/`execve` line to the next.
fn segments(output: &str) -> Vec<Vec<&str>> {
    let mut segments: Vec<Vec<&str>> = Vec::new();
    for line in output.lines() {
        if line.starts_with("x86-kernel: run ") || line.starts_with("x86-kernel: execve ") {
            segments.push(Vec::new());
        }
        if let Some(segment) = segments.last_mut() {
            segment.push(line);
        }
    }
    segments
}

fn with_prefix<'a>(lines: &[&'a str], prefix: &str) -> Vec<&'a str> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix(prefix))
        .collect()
}

#[test]
fn boots_and_runs_unmodified_linux_programs() {
    let booted = boot_all("deny=kill", false);
    let out = &booted.output;
    assert_eq!(
        booted.status, 33,
        "QEMU's exit status (0x10 << 1 | 1):\n{out}"
    );
    assert_eq!(
        out.lines().last(),
        Some("x86-kernel: all programs exited with 0"),
        "{out}"
    );
    let segments = segments(out);
    assert_eq!(
        segments.len(),
        6,
        "calls64, its execve of calls32, four applets:\n{out}"
    );
    for (segment, bits, machine) in [(&segments[0], 64, "x86_64"), (&segments[1], 32, "i686")] {
        let passed = with_prefix(segment, "CALL ");
        // Without the program's own reads of the file (`RESULT pread64`), what each body received.
        let received: Vec<&str> = with_prefix(segment, "SYS ")
            .into_iter()
            .filter(|l| {
                *l != "pread64 fd=0x3 count=0x5 pos=0x0" && *l != "pread64 fd=0x4 count=0x5 pos=0x0"
            })
            .collect();
        assert_eq!(passed.len(), 8, "{bits}-bit: the program's calls:\n{out}");
        assert_eq!(
            received, passed,
            "{bits}-bit: what the bodies received vs what the program passed"
        );
        let results = with_prefix(segment, "RESULT ");
        for expected in [
            "lseek 0x180000004".to_string(),
            // `/data` as the initrd gave it (the ftruncate and fallocate went past its room).
            "fstat 0 size=18 regular=1".into(),
            "mmap mapped".into(),
            "pread64 5 hello".into(),
            // The deny list (`deny=kill`): EPERM before the body.
            "kill -1 errno=1".into(),
            "getppid 1".into(),
            format!("uname Linux 6.1.0-syscall-define {machine}"),
            "malloc ok".into(),
        ] {
            assert!(
                results.contains(&expected.as_str()),
                "{bits}-bit: no `RESULT {expected}` in {results:?}"
            );
        }
        assert!(
            segment
                .iter()
                .any(|l| l.ends_with(&format!("done ({bits}-bit)"))),
            "{bits}-bit: its stdout:\n{out}"
        );
    }
    let applet = |n: usize| -> Vec<&str> {
        segments[n]
            .iter()
            .copied()
            .filter(|l| !l.starts_with("x86-kernel: "))
            .collect()
    };
    assert_eq!(applet(2), ["hello from busybox"]);
    assert_eq!(
        applet(3),
        ["Linux syscall-define 6.1.0-syscall-define #1 x86-kernel x86_64 GNU/Linux"]
    );
    assert_eq!(applet(4), ["a file of the in-memory table"]);
    assert_eq!(applet(5), ["bin", "data", "etc", "init"]);
}

/// The trace, switched on from the command line: every call as its descriptor decodes it, on
/// both tables; ia32's `pos` joined from its two registers.
#[test]
fn the_trace_shows_every_call_decoded() {
    let booted = boot_all("trace", false);
    let out = &booted.output;
    assert_eq!(booted.status, 33, "{out}");
    let trace: Vec<&str> = out.lines().filter(|l| l.starts_with("[trace ")).collect();
    for expected in [
        "[trace x86_64] pread64(fd=3, buf=",
        "[trace ia32] pread64(fd=4, buf=",
        "[trace ia32] _llseek(fd=4, offset_high=1, offset_low=2147483652, ",
        "[trace ia32] set_thread_area(u_info=",
        "[trace x86_64] arch_prctl(option=4098, ",
        "[trace x86_64] execve(filename=",
        "[trace x86_64] getppid()",
    ] {
        assert!(
            trace.iter().any(|l| l.starts_with(expected)),
            "no trace line `{expected}…`:\n{out}"
        );
    }
    assert!(
        trace
            .iter()
            .any(|l| l.starts_with("[trace ia32] pread64(")
                && l.ends_with("count=16, pos=6442450948)")),
        "ia32 pread64's pos (0x180000004) joined from esi:edi:\n{out}"
    );
    // Without a deny list, kill reaches its body.
    assert!(out.lines().any(|l| l == "RESULT kill 0 errno=0"), "{out}");
}
