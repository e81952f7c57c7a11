//! 5. **kernel**: instructions per system-call round trip in the example kernel
//!    (`examples/x86-kernel`), from the user's `syscall` (or `int $0x80`) to the first user
//!    instruction after it, for `getpid`: counted exactly by QEMU with `-icount shift=0`, where
//!    the TSC advances by one per instruction (`examples/x86-kernel/user/roundtrip.c` times N and
//!    2N iterations and checks the method on a one-`nop` loop). The anchor is Linux itself under
//!    the same QEMU: Debian's kernel image (`linux-image-amd64`, fetched with `apt-get download`,
//!    or `SYSCALL_DEFINE_LINUX_VMLINUZ=path`) booted with `mitigations=off` and the same static
//!    program as `/init`.

#[allow(dead_code)]
#[path = "../../examples/boot/mod.rs"]
mod boot;

use std::path::{Path, PathBuf};
use std::process::Command;

const ICOUNT: [&str; 2] = ["-icount", "shift=0,align=off,sleep=off"];

/// `(nop, syscall, int80, getppid)` from the program's `ROUNDTRIP` lines.
fn parse(output: &str) -> Option<(i64, i64, i64, i64)> {
    let value = |key: &str| {
        output
            .lines()
            .find_map(|l| l.trim().strip_prefix(key)?.trim().parse::<i64>().ok())
    };
    Some((
        value("ROUNDTRIP nop ")?,
        value("ROUNDTRIP syscall getpid ")?,
        value("ROUNDTRIP int80 getpid ")?,
        value("ROUNDTRIP syscall getppid ")?,
    ))
}

/// A `newc` cpio archive holding `/init`.
fn cpio_with_init(init: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut entry = |name: &str, mode: u32, data: &[u8], ino: u32| {
        let fields = [
            ino,
            mode,
            0,
            0,
            1,
            0,
            data.len() as u32,
            0,
            0,
            0,
            0,
            name.len() as u32 + 1,
            0,
        ];
        out.extend(b"070701");
        for f in fields {
            out.extend(format!("{f:08x}").bytes());
        }
        out.extend(name.bytes());
        out.push(0);
        while out.len() % 4 != 0 {
            out.push(0);
        }
        out.extend(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    };
    entry("init", 0o100_755, init, 2);
    entry("TRAILER!!!", 0, &[], 3);
    out
}

/// Debian's kernel image: the environment's, or the current `linux-image-amd64` fetched and
/// unpacked into `work`.
fn linux_image(work: &Path) -> Result<PathBuf, String> {
    if let Ok(path) = std::env::var("SYSCALL_DEFINE_LINUX_VMLINUZ") {
        return Ok(PathBuf::from(path));
    }
    let depends = Command::new("apt-cache")
        .args(["depends", "linux-image-amd64"])
        .output()
        .map_err(|e| format!("apt-cache: {e}"))?;
    let package = String::from_utf8_lossy(&depends.stdout)
        .lines()
        .find_map(|l| l.trim().strip_prefix("Depends: ").map(str::to_owned))
        .filter(|p| p.starts_with("linux-image-"))
        .ok_or("apt-cache names no linux-image package")?;
    let _ = work;
    // Kept between runs: the package is about 70 MB.
    let work = &std::env::temp_dir().join("syscall-define-linux-image");
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    let unpacked = work.join("linux");
    let version = package.trim_start_matches("linux-image-");
    let vmlinuz = unpacked.join(format!("boot/vmlinuz-{version}"));
    if vmlinuz.exists() {
        return Ok(vmlinuz);
    }
    let fetched = Command::new("apt-get")
        .current_dir(work)
        .args(["download", &package])
        .status()
        .map_err(|e| format!("apt-get download: {e}"))?;
    if !fetched.success() {
        return Err(format!("apt-get download {package} failed"));
    }
    let deb = std::fs::read_dir(work)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "deb") && p.to_string_lossy().contains(&package)
        })
        .ok_or("the downloaded package is not there")?;
    let status = Command::new("dpkg-deb")
        .arg("-x")
        .arg(&deb)
        .arg(&unpacked)
        .status()
        .map_err(|e| format!("dpkg-deb: {e}"))?;
    if !status.success() || !vmlinuz.exists() {
        return Err(format!(
            "unpacking {} gave no {}",
            deb.display(),
            vmlinuz.display()
        ));
    }
    Ok(vmlinuz)
}

/// Prints the table; returns the goals missed.
pub fn run() -> Vec<String> {
    println!("### System-call round trips in the example kernel\n");
    let kernel = boot::build_kernel();
    let work = boot::work_dir("bench");
    let program = work.join("roundtrip");
    boot::gcc(
        &boot::kernel_dir().join("user/roundtrip.c"),
        &program,
        false,
    );
    let program_bytes = std::fs::read(&program).expect("built");
    let initrd = work.join("roundtrip.sdfs");
    std::fs::write(
        &initrd,
        boot::initrd(&[
            ("/init", b"/bin/roundtrip\n"),
            ("/bin/roundtrip", &program_bytes),
        ]),
    )
    .expect("write the initrd");
    let (status, output) = boot::boot(&kernel, &initrd, "", &ICOUNT, false);
    let ours = parse(&output).filter(|_| status == 33);
    let Some((nop, sys, int80, ppid)) = ours else {
        return vec![format!(
            "the example kernel did not run the round-trip program (QEMU status {status}):\n{output}"
        )];
    };
    let mut missed = Vec::new();
    if nop != 1 {
        missed.push(format!(
            "the counting method is off: a one-nop loop counted {nop} per iteration"
        ));
    }

    let linux = linux_image(&work).and_then(|vmlinuz| {
        let cpio = work.join("roundtrip.cpio");
        std::fs::write(&cpio, cpio_with_init(&program_bytes)).map_err(|e| e.to_string())?;
        let (_, output) = boot::boot(
            &vmlinuz,
            &cpio,
            "console=ttyS0 mitigations=off quiet panic=-1",
            &ICOUNT,
            false,
        );
        let release = vmlinuz
            .file_name()
            .and_then(|n| n.to_str())
            .map_or("?", |n| n.trim_start_matches("vmlinuz-"))
            .to_owned();
        parse(&output)
            .map(|counts| (vmlinuz, release, counts))
            .ok_or_else(|| format!("Linux did not print the counts:\n{output}"))
    });

    println!("| round trip (user instruction to user instruction) | example kernel | Linux |");
    println!("|---|---:|---:|");
    match &linux {
        Ok((_, _, (lnop, lsys, lint80, lppid))) => {
            println!("| `syscall` → getpid → `sysretq` | {sys} | {lsys} |");
            println!("| `int $0x80` (ia32) → getpid → `iretq` | {int80} | {lint80} |");
            println!(
                "| `syscall` → getppid (the entry's fast path: `call __x64_sys_getppid`) | {ppid} | {lppid} |"
            );
            println!("| method check: one `nop` | {nop} | {lnop} |");
            if sys >= *lsys {
                missed.push(format!(
                    "syscall round trip: {sys} instructions, Linux {lsys}"
                ));
            }
            if int80 >= *lint80 {
                missed.push(format!(
                    "int $0x80 round trip: {int80} instructions, Linux {lint80}"
                ));
            }
        }
        Err(_) => {
            println!("| `syscall` → getpid → `sysretq` | {sys} | – |");
            println!("| `int $0x80` (ia32) → getpid → `iretq` | {int80} | – |");
            println!("| `syscall` → getppid (the entry's fast path) | {ppid} | – |");
        }
    }
    println!();
    match &linux {
        Ok((vmlinuz, release, _)) => println!(
            "QEMU TCG, `-icount shift=0`; Linux {release} ({}), `mitigations=off`, the same static program as init.\n",
            vmlinuz.display()
        ),
        Err(e) => println!("The Linux anchor was not measured: {e}\n"),
    }
    missed
}
