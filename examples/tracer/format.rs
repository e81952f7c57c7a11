//! strace-style output, from the descriptors' metadata: each argument's name and its value as
//! its type says it is shown (`ArgMeta::show`; strings read from the tracee for a `UserCStr`),
//! the return value and the errno name.

use std::fmt::Write as _;

use syscall_define::{ArgDisplay, ArgMeta, Errno};

use crate::table::Returns;
use crate::{Call, Mode, ptrace};

/// How many bytes of a string argument are shown.
const STRING_MAX: usize = crate::print::DEFAULT_STRING_LIMIT;

/// One argument's value, as its type says it is shown ([`ArgMeta::show`]: file descriptors,
/// `AT_FDCWD`, flag sets, modes, signals by name; pointers in hex).
pub fn value(arg: &ArgMeta, value: u64) -> String {
    arg.show(value).to_string()
}

/// A string argument as strace shows it: quoted as strace quotes bytes
/// ([`quote_bytes`](crate::print::quote_bytes)), with `...` when cut.
pub fn quoted(bytes: &[u8], cut: bool) -> String {
    let mut out = crate::print::quote_bytes(bytes, None);
    if cut {
        out.push_str("...");
    }
    out
}

/// The call as strace prints it at entry: `pread64(fd=3, buf=0x804c0a0, count=10, pos=-2)`, or,
/// without a definition, its number and raw argument registers:
/// `clone3#435(raw: 0x7ffd1c0, 0x58, 0, 0, 0, 0)`. Strings are shown up to strace's default
/// `-s` (32 bytes); [`call_with`] takes the limit.
pub fn call(call: &Call) -> String {
    call_with(call, STRING_MAX)
}

/// [`call`], with strings cut at `string_limit` bytes (`-s`).
pub fn call_with(call: &Call, string_limit: usize) -> String {
    let mut out = String::new();
    match (call.entry, call.values) {
        (Some(entry), Some(values)) => {
            out.push_str(call.display_name().unwrap_or(entry.descriptor.name));
            out.push('(');
            for (i, (arg, v)) in entry.descriptor.args.iter().zip(values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "{}={}", arg.name, value(arg, v));
                if arg.display == ArgDisplay::CString
                    && v != 0
                    && let Some((bytes, cut)) = ptrace::read_c_string(call.pid, v, string_limit)
                {
                    out.push(' ');
                    out.push_str(&quoted(&bytes, cut));
                }
            }
            out.push(')');
        }
        _ => {
            let _ = write!(out, "{}#{}(raw: ", call.name.unwrap_or("syscall"), call.nr);
            let words: Vec<String> = call
                .words
                .iter()
                .map(|w| {
                    if *w == 0 {
                        "0".into()
                    } else {
                        format!("{w:#x}")
                    }
                })
                .collect();
            out.push_str(&words.join(", "));
            out.push(')');
        }
    }
    out
}

/// The name of a Linux error number, with the kernel-internal restart codes a tracer sees.
pub fn errno_name(errno: i64) -> String {
    match errno {
        512 => "ERESTARTSYS".into(),
        513 => "ERESTARTNOINTR".into(),
        514 => "ERESTARTNOHAND".into(),
        516 => "ERESTART_RESTARTBLOCK".into(),
        _ => Errno::new(errno as i32)
            .name()
            .map_or_else(|| format!("errno {errno}"), Into::into),
    }
}

/// glibc's text for `errno` (`strerror_r`, in the C locale: the tracer never calls
/// `setlocale`): "No such file or directory", "Bad file descriptor", "Unknown error 4000". These
/// are the words strace prints; the kernel's comments (the `syscalls` crate's descriptions) are
/// other words ("Bad file number").
pub fn strerror(errno: i64) -> String {
    let Ok(errno) = i32::try_from(errno) else {
        return format!("Unknown error {errno}");
    };
    let mut buf = [0u8; 256];
    // SAFETY: the XSI strerror_r (the libc crate binds glibc's __xpg_strerror_r) writes a
    // NUL-terminated message of at most `buf.len()` bytes into `buf`.
    let r = unsafe { libc::strerror_r(errno, buf.as_mut_ptr().cast(), buf.len()) };
    let len = buf.iter().position(|&b| b == 0).unwrap_or(0);
    if r != 0 && len == 0 {
        return format!("Unknown error {errno}");
    }
    String::from_utf8_lossy(&buf[..len]).into_owned()
}

/// The return value as strace prints it: `-1 ENOENT (No such file or directory)` (the text is
/// glibc's [`strerror`]), `? ERESTARTSYS (To be restarted if SA_RESTART is set)` for a call a
/// signal interrupted (the four restart codes, worded as strace's `syscall.c` words them), an
/// address in hex, or a number.
pub fn ret(call: &Call, ret: i64) -> String {
    // An error by the ABI's convention (`-4095..=-1` of its `long` on x86).
    let is_error = call
        .mode
        .map_or((-4095..0).contains(&ret), |m| m.abi().is_error_return(ret));
    let mut out = if is_error {
        let errno = -ret;
        match errno {
            512 => "? ERESTARTSYS (To be restarted if SA_RESTART is set)".into(),
            513 => "? ERESTARTNOINTR (To be restarted)".into(),
            514 => "? ERESTARTNOHAND (To be restarted if no handler)".into(),
            516 => "? ERESTART_RESTARTBLOCK (Interrupted by signal)".into(),
            _ => format!("-1 {} ({})", errno_name(errno), strerror(errno)),
        }
    } else if call.entry.is_some_and(|e| e.returns == Returns::Addr) {
        // A 32-bit process's address is its low 32 bits.
        let ret = if call.mode == Some(Mode::Ia32) {
            ret as u32 as u64
        } else {
            ret as u64
        };
        format!("{ret:#x}")
    } else {
        ret.to_string()
    };
    if call.served.is_some() {
        out.push_str("   [served by the sandbox]");
    }
    out
}

/// A signal's name as strace prints it (`src/signal.c`, `linux/generic/signalent.h`): `SIGCHLD`;
/// 32 is `SIGRTMIN`, 33..=64 are `SIGRT_1`..`SIGRT_32`; any other number in decimal. The names
/// are the library's (`syscall_define::uapi::SIGNALS`, what a `Signal` argument shows).
pub fn signal_name(sig: i32) -> String {
    syscall_define::uapi::SIGNALS
        .iter()
        .find(|(n, _)| *n == i64::from(sig))
        .map_or_else(|| sig.to_string(), |(_, name)| (*name).to_string())
}

pub use crate::print::Printer;

#[cfg(test)]
mod tests {
    use super::*;
    use syscall_define::regs::x86_64::PtRegs;

    fn call_of(mode: Mode, nr: u64, regs: PtRegs) -> Call {
        let entry = crate::table::lookup(mode, nr);
        Call {
            pid: 0,
            arch: 0,
            mode: Some(mode),
            nr,
            name: crate::table::name(mode, nr),
            entry,
            regs: crate::UserRegs {
                regs,
                ..Default::default()
            },
            words: mode.arg_words(&regs),
            values: entry.and_then(|e| mode.decode(e.descriptor, &regs)),
            served: None,
        }
    }

    #[test]
    fn calls_print_from_the_descriptor() {
        // ia32 pread64(3, 0x804a000, 10, -2): pos from esi:edi; garbage upper halves ignored.
        let regs = PtRegs {
            bx: 0xdead_0000_0000_0003,
            cx: 0x0804_a000,
            dx: 10,
            si: 0xffff_fffe,
            di: 0xffff_ffff,
            ..Default::default()
        };
        let nr = syscalls::x86::Sysno::pread64.id() as u64;
        let c = call_of(Mode::Ia32, nr, regs);
        assert_eq!(call(&c), "pread64(fd=3, buf=0x804a000, count=10, pos=-2)");
        // glibc's words, as strace prints them (not the kernel's "Bad file number").
        assert_eq!(ret(&c, -9), "-1 EBADF (Bad file descriptor)");
        assert_eq!(
            ret(&c, -512),
            "? ERESTARTSYS (To be restarted if SA_RESTART is set)"
        );
        assert_eq!(ret(&c, 10), "10");

        let nr = syscalls::x86_64::Sysno::openat.id() as u64;
        let regs = PtRegs {
            di: (-100i64) as u64,
            si: 0,
            dx: 0x80241,
            r10: 0o644,
            ..Default::default()
        };
        let c = call_of(Mode::X86_64, nr, regs);
        assert_eq!(
            call(&c),
            // As strace shows it: by the argument types (`DirFd`, `OpenFlags`, `Mode`).
            "openat(dfd=AT_FDCWD, filename=NULL, flags=O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, mode=0644)"
        );

        let nr = syscalls::x86_64::Sysno::mmap.id() as u64;
        let c = call_of(Mode::X86_64, nr, PtRegs::default());
        assert_eq!(ret(&c, 0x7f00_1234_5000), "0x7f0012345000");
    }

    #[test]
    fn unknown_numbers_print_the_number_and_raw_words() {
        let regs = PtRegs {
            di: 1,
            si: 0x600d_cafe,
            ..Default::default()
        };
        let c = call_of(Mode::X86_64, 0x7e00, regs);
        assert_eq!(call(&c), "syscall#32256(raw: 0x1, 0x600dcafe, 0, 0, 0, 0)");
        let c = call_of(
            Mode::X86_64,
            syscalls::x86_64::Sysno::io_setup.id() as u64,
            regs,
        );
        assert!(
            call(&c).starts_with("io_setup#206(raw: 0x1, "),
            "{}",
            call(&c)
        );
    }

    #[test]
    fn errno_and_signal_names() {
        assert_eq!(errno_name(2), "ENOENT");
        assert_eq!(errno_name(512), "ERESTARTSYS");
        assert_eq!(errno_name(4000), "errno 4000");
        assert_eq!(signal_name(9), "SIGKILL");
        // strace's names: SIGRTMIN is 32, SIGRT_n is 32 + n.
        assert_eq!(signal_name(32), "SIGRTMIN");
        assert_eq!(signal_name(34), "SIGRT_2");
        assert_eq!(signal_name(65), "65");
        assert_eq!(strerror(2), "No such file or directory");
        assert_eq!(strerror(4000), "Unknown error 4000");
        assert_eq!(quoted(b"a\"b\n\x01", true), "\"a\\\"b\\n\\1\"...");
    }
}
