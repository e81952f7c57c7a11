//! Boots the example kernel (`examples/x86-kernel`) under QEMU and shows its serial port:
//!
//! ```text
//! cargo run --example boot                 # the programs, with a deny list for kill
//! cargo run --example boot -- trace        # and every system call traced by the kernel
//! ```
//!
//! It builds the kernel, two static glibc programs (64-bit, which execs the 32-bit one) and an
//! initrd with Debian's busybox-static; needs qemu-system-x86, busybox-static, gcc and
//! gcc-multilib. It exits with 0 when the kernel reported that every program exited with 0.

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[path = "boot/mod.rs"]
mod boot;

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmdline = if args.is_empty() {
        "deny=kill".to_string()
    } else {
        args.join(" ")
    };
    let booted = boot::boot_all(&cmdline, true);
    let passed = booted.status == 33
        && booted.output.lines().last() == Some("x86-kernel: all programs exited with 0");
    std::process::exit(if passed { 0 } else { 1 });
}

#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
fn main() {
    eprintln!("boot: builds an x86-64 kernel with the host's gcc; run it on x86-64 Linux");
    std::process::exit(1);
}
