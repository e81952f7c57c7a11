//! How many argument words each system call takes: strace 6.1's own numbers (the `nargs` of
//! each entry of `src/linux/x86_64/syscallent.h` and `src/linux/i386/syscallent.h`, with the
//! `generic/syscallent-common.h` and `32/syscallent-common-32.h` they include, and of the
//! socketcall sub-calls in `generic/subcallent.h`), extracted from strace's v6.1 tag. A call the
//! tracer has no definition for prints this many raw words, as strace prints a call it has no
//! decoder for (the `syscalls` crate has numbers and names, but no argument counts). A number no
//! table has takes six words (strace's `MAX_ARGS`).

use crate::Mode;

/// No entry.
const N: u8 = u8::MAX;

/// The argument words of system call `nr` in `mode`, as strace counts them: 6 for a number
/// strace has no entry for.
pub fn of(mode: Mode, nr: u64) -> usize {
    let table: &[u8] = match mode {
        Mode::X86_64 => &X86_64,
        Mode::Ia32 => &I386,
    };
    match usize::try_from(nr).ok().and_then(|i| table.get(i)) {
        Some(&n) if n != N => usize::from(n),
        _ => 6,
    }
}

/// The socketcall sub-call `call` (`SYS_SOCKET` = 1 … `SYS_SENDMMSG` = 20): its name and how
/// many words of the argument block it takes; `None` outside 1..=20 (the kernel's `EINVAL`).
pub fn socketcall(call: u64) -> Option<(&'static str, usize)> {
    let (n, name) = *SOCKETCALL.get(usize::try_from(call).ok()?)?;
    (n != N).then_some((name, usize::from(n)))
}

static X86_64: [u8; 451] = [
    3, 3, 3, 1, 2, 2, 2, 3, 3, 6, 3, 2, 1, 4, 4, 0, 3, 4, 4, 3, 3, 2, 1, 5, 0, 5, 3, 3, 3, 3, 3, 3,
    1, 2, 0, 2, 2, 1, 3, 0, 4, 3, 3, 3, 6, 6, 3, 3, 2, 3, 2, 3, 3, 4, 5, 5, 5, 0, 0, 3, 1, 4, 2, 1,
    3, 3, 4, 1, 2, 4, 5, 3, 3, 2, 1, 1, 2, 2, 3, 2, 1, 1, 2, 2, 1, 2, 2, 1, 2, 3, 2, 2, 3, 3, 3, 1,
    2, 2, 2, 1, 1, 4, 0, 3, 0, 1, 1, 0, 0, 2, 0, 0, 0, 2, 2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2,
    4, 3, 2, 2, 2, 3, 1, 1, 2, 2, 2, 3, 2, 3, 2, 2, 3, 1, 1, 1, 2, 2, 2, 1, 0, 0, 3, 2, 1, 5, 2, 1,
    2, 1, 0, 1, 2, 5, 2, 2, 1, 4, 2, 2, 1, 3, 2, 3, 2, 1, 5, 4, 3, 5, 5, 5, 3, 3, 0, 3, 5, 5, 5, 4,
    4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 6, 3, 3, 1, 2, 1, 5, 3, 3, 1, 3, 1, 4, 4, 5, 3, 1, 0, 4, 4, 3, 4,
    2, 1, 1, 2, 2, 2, 4, 1, 4, 4, 3, 2, 5, 6, 3, 5, 4, 1, 5, 5, 2, 3, 4, 5, 5, 4, 5, 3, 2, 0, 3, 2,
    4, 4, 3, 4, 5, 3, 4, 3, 4, 5, 3, 4, 3, 3, 6, 5, 1, 2, 3, 6, 4, 4, 4, 6, 4, 6, 3, 2, 1, 4, 4, 2,
    4, 4, 2, 1, 3, 2, 1, 4, 4, 4, 5, 5, 2, 5, 4, 5, 3, 2, 1, 4, 2, 3, 6, 6, 5, 3, 3, 4, 5, 3, 3, 2,
    5, 3, 5, 1, 3, 3, 6, 6, 6, 4, 2, 1, 5, 6, 4, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N,
    N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N,
    N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N,
    N, N, N, N, N, N, N, N, 4, 2, 6, 4, 3, 5, 2, 5, 3, 3, 2, 2, 3, 4, 3, 4, 5, 6, 5, 4, 3, 4, 2, 1,
    2, 5, 4,
];
static I386: [u8; 451] = [
    0, 1, 0, 3, 3, 3, 1, 3, 2, 2, 1, 3, 1, 1, 3, 2, 3, 0, 2, 3, 0, 5, 1, 1, 0, 1, 4, 1, 2, 0, 2, 2,
    2, 2, 1, 0, 0, 2, 2, 2, 1, 1, 1, 1, 0, 1, 1, 0, 2, 0, 0, 1, 2, 0, 3, 3, 0, 2, 2, 1, 1, 1, 2, 2,
    0, 0, 0, 3, 0, 1, 2, 2, 3, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1, 2, 2, 3, 1, 2, 4, 3, 1, 2, 2, 2, 2, 3,
    2, 3, 4, 2, 2, 3, 2, 3, 3, 2, 2, 2, 2, 1, 1, 0, 0, 1, 4, 1, 1, 6, 1, 0, 5, 2, 1, 3, 1, 3, 3, 2,
    3, 2, 1, 4, 1, 1, 2, 3, 1, 5, 1, 1, 5, 3, 5, 2, 3, 3, 3, 1, 1, 1, 2, 2, 1, 0, 2, 2, 3, 1, 0, 1,
    1, 2, 2, 5, 3, 3, 5, 5, 3, 3, 3, 3, 5, 0, 4, 4, 2, 4, 3, 2, 5, 5, 3, 2, 2, 2, 2, 4, 5, 5, 0, 2,
    6, 3, 3, 2, 2, 2, 3, 0, 0, 0, 0, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 2, 3, 3, 3, 3, N, N,
    0, 4, 5, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 2, 4, 6, 3, 3, 1, 1, 2, 1, 5, 3, 3, 5, N, 1, 4, 1, 4,
    4, 5, 1, 3, 4, 2, 1, 1, 2, 2, 2, 4, 3, 3, 3, 2, 6, 5, 6, 5, 3, 4, 1, 5, 5, 2, 3, 4, 5, N, 5, 4,
    5, 3, 2, 0, 3, 2, 4, 4, 3, 4, 5, 3, 4, 3, 4, 5, 3, 4, 3, 3, 6, 5, 1, 2, 3, 6, 6, 4, 4, 6, 3, 6,
    4, 3, 2, 1, 6, 4, 2, 4, 2, 1, 3, 2, 1, 5, 5, 4, 5, 5, 2, 6, 4, 5, 3, 2, 1, 4, 2, 6, 6, 5, 3, 3,
    4, 5, 3, 3, 2, 3, 5, 3, 4, 3, 3, 2, 4, 5, 5, 3, 3, 6, 3, 6, 3, 2, 1, 3, 3, 6, 6, 6, 4, 2, 1, 5,
    2, 6, 4, N, N, N, N, N, N, 3, 4, 3, 3, 3, 1, 2, 4, 5, 3, 2, 2, 2, 2, 4, 2, 4, 2, 4, 4, 6, 5, N,
    6, 5, 5, 5, 4, 4, 6, 2, 4, 2, 6, 4, 3, 5, 2, 5, 3, 3, 2, 2, 3, 4, 3, 4, 5, 6, 5, 4, 3, 4, 2, 1,
    2, 5, 4,
];
static SOCKETCALL: [(u8, &str); 21] = [
    (N, ""),
    (3, "socket"),
    (3, "bind"),
    (3, "connect"),
    (2, "listen"),
    (3, "accept"),
    (3, "getsockname"),
    (3, "getpeername"),
    (4, "socketpair"),
    (4, "send"),
    (4, "recv"),
    (6, "sendto"),
    (6, "recvfrom"),
    (2, "shutdown"),
    (5, "setsockopt"),
    (5, "getsockopt"),
    (3, "sendmsg"),
    (3, "recvmsg"),
    (4, "accept4"),
    (5, "recvmmsg"),
    (4, "sendmmsg"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_strace_has_them() {
        use syscalls::{x86::Sysno as I, x86_64::Sysno as X};
        assert_eq!(of(Mode::X86_64, X::read.id() as u64), 3);
        assert_eq!(of(Mode::X86_64, X::clone.id() as u64), 5);
        assert_eq!(of(Mode::X86_64, X::io_setup.id() as u64), 2);
        assert_eq!(of(Mode::X86_64, X::rt_sigreturn.id() as u64), 0);
        assert_eq!(of(Mode::X86_64, X::clone3.id() as u64), 2);
        assert_eq!(of(Mode::Ia32, I::socketcall.id() as u64), 2);
        assert_eq!(of(Mode::Ia32, I::mmap2.id() as u64), 6);
        assert_eq!(of(Mode::Ia32, I::futex_time64.id() as u64), 6);
        // No entry: six words.
        assert_eq!(of(Mode::X86_64, 0x7e00), 6);
        assert_eq!(of(Mode::X86_64, 400), 6);
        assert_eq!(socketcall(1), Some(("socket", 3)));
        assert_eq!(socketcall(11), Some(("sendto", 6)));
        assert_eq!(socketcall(20), Some(("sendmmsg", 4)));
        assert_eq!(socketcall(0), None);
        assert_eq!(socketcall(21), None);
    }
}
