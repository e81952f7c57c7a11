//! Argument types of Linux's user API that show themselves as strace shows them: file
//! descriptors, `AT_FDCWD`, `O_*`, `PROT_*` and `MAP_*` flags, file modes, signals, `SEEK_*`,
//! clock ids. Each is a `#[repr(transparent)]` newtype over the integer Linux declares, with the
//! same kind, so a definition can use it where it used the integer; a kernel's own newtypes say
//! how they are shown with `#[derive(SyscallArg)]` (an enum's variants are its names) or
//! [`SyscallArg::DISPLAY`].
//!
//! The numbers are Linux's asm-generic and x86 ones. Some ABIs number some of them otherwise
//! (arm's `O_DIRECTORY`, and most of these on mips, sparc, parisc and alpha); for those, define
//! your own type with that ABI's table.
//!
//! ```
//! use syscall_define::uapi::{Fd, Signal};
//! use syscall_define::{syscall_define, Errno};
//!
//! #[syscall_define(abi(x86_64))]
//! fn kill(pid: i32, sig: Signal) -> Result<(), Errno> {
//!     let _ = (pid, sig);
//!     Ok(())
//! }
//!
//! assert_eq!(kill::DESCRIPTOR.display_call(&[1234, 15]).to_string(), "kill(pid=1234, sig=SIGTERM)");
//! # let _ = Fd(0);
//! ```

use crate::abi::ArgKind;
use crate::{ArgDisplay, Errno, FlagSet, SyscallArg};

macro_rules! uapi_type {
    ($(#[$doc:meta])* $name:ident($inner:ty), $display:expr) => {
        $(#[$doc])*
        #[repr(transparent)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub $inner);

        impl SyscallArg for $name {
            const KIND: ArgKind = <$inner as SyscallArg>::KIND;
            const DISPLAY: ArgDisplay = $display;
            #[inline(always)]
            fn decode(value: u64) -> Result<Self, Errno> {
                <$inner as SyscallArg>::decode(value).map($name)
            }
            #[inline(always)]
            fn encode(&self) -> u64 {
                SyscallArg::encode(&self.0)
            }
        }
    };
}

/// Any integer argument shown in hex (a bit mask without names of its own): `Hex<u32>`.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hex<T>(pub T);

impl<T: SyscallArg> SyscallArg for Hex<T> {
    const KIND: ArgKind = T::KIND;
    const DISPLAY: ArgDisplay = ArgDisplay::Hex;
    #[inline(always)]
    fn decode(value: u64) -> Result<Self, Errno> {
        T::decode(value).map(Hex)
    }
    #[inline(always)]
    fn encode(&self) -> u64 {
        self.0.encode()
    }
}

uapi_type!(
    /// A file descriptor (C `int fd`, or `unsigned int fd` where Linux declares it so: the
    /// register's low 32 bits either way), shown signed (`-1`).
    Fd(i32),
    ArgDisplay::Fd
);
uapi_type!(
    /// A file descriptor Linux declares `unsigned long` (`mmap`'s, `readv`'s): the whole
    /// register is the argument; shown as its low 32 bits, signed.
    FdLong(usize),
    ArgDisplay::Fd
);
uapi_type!(
    /// An address Linux declares `unsigned long` (`brk`'s, `mmap`'s `addr`): in hex, `NULL`
    /// for 0.
    Addr(usize),
    ArgDisplay::Address
);
uapi_type!(
    /// The directory file descriptor of an `*at` call: [`Fd`], and `AT_FDCWD` (-100).
    DirFd(i32),
    ArgDisplay::DirFd
);
uapi_type!(
    /// `open`'s flags: `O_RDWR|O_CREAT|O_CLOEXEC`.
    OpenFlags(i32),
    ArgDisplay::Flags(&OPEN_FLAGS)
);
uapi_type!(
    /// A file mode (`umode_t`), in octal: `0644`.
    Mode(u16),
    ArgDisplay::Octal
);
uapi_type!(
    /// `mmap`'s and `mprotect`'s protection: `PROT_READ|PROT_WRITE`, `PROT_NONE`.
    Prot(usize),
    ArgDisplay::Flags(&PROT)
);
uapi_type!(
    /// `mmap`'s flags: `MAP_PRIVATE|MAP_ANONYMOUS`.
    MapFlags(usize),
    ArgDisplay::Flags(&MAP_FLAGS)
);
uapi_type!(
    /// A signal number: `SIGTERM`, `SIGRTMIN+2`… (0, a signal-less probe, as `0`).
    Signal(i32),
    ArgDisplay::Named(&SIGNALS)
);
uapi_type!(
    /// `lseek`'s `whence`: `SEEK_SET`, `SEEK_CUR`, `SEEK_END`, `SEEK_DATA`, `SEEK_HOLE`.
    Whence(u32),
    ArgDisplay::Named(&[(0, "SEEK_SET"), (1, "SEEK_CUR"), (2, "SEEK_END"), (3, "SEEK_DATA"), (4, "SEEK_HOLE")])
);
uapi_type!(
    /// A clock id (`clockid_t`): `CLOCK_MONOTONIC`.
    ClockId(i32),
    ArgDisplay::Named(&[
        (0, "CLOCK_REALTIME"),
        (1, "CLOCK_MONOTONIC"),
        (2, "CLOCK_PROCESS_CPUTIME_ID"),
        (3, "CLOCK_THREAD_CPUTIME_ID"),
        (4, "CLOCK_MONOTONIC_RAW"),
        (5, "CLOCK_REALTIME_COARSE"),
        (6, "CLOCK_MONOTONIC_COARSE"),
        (7, "CLOCK_BOOTTIME"),
        (8, "CLOCK_REALTIME_ALARM"),
        (9, "CLOCK_BOOTTIME_ALARM"),
        (11, "CLOCK_TAI"),
    ])
);

/// `O_*` (`include/uapi/asm-generic/fcntl.h`), in strace's order.
pub static OPEN_FLAGS: FlagSet = FlagSet {
    field: Some((3, &[(0, "O_RDONLY"), (1, "O_WRONLY"), (2, "O_RDWR")])),
    flags: &[
        (0o100, "O_CREAT"),
        (0o200, "O_EXCL"),
        (0o400, "O_NOCTTY"),
        (0o1000, "O_TRUNC"),
        (0o2000, "O_APPEND"),
        (0o4000, "O_NONBLOCK"),
        // O_SYNC is __O_SYNC | O_DSYNC; O_TMPFILE is __O_TMPFILE | O_DIRECTORY.
        (0o4_010_000, "O_SYNC"),
        (0o10_000, "O_DSYNC"),
        (0o20_000, "O_ASYNC"),
        (0o40_000, "O_DIRECT"),
        (0o100_000, "O_LARGEFILE"),
        (0o20_200_000, "O_TMPFILE"),
        (0o200_000, "O_DIRECTORY"),
        (0o400_000, "O_NOFOLLOW"),
        (0o1_000_000, "O_NOATIME"),
        (0o2_000_000, "O_CLOEXEC"),
        (0o10_000_000, "O_PATH"),
    ],
    zero: None,
};

/// `PROT_*` (`include/uapi/asm-generic/mman-common.h`).
pub static PROT: FlagSet = FlagSet {
    field: None,
    flags: &[
        (0x1, "PROT_READ"),
        (0x2, "PROT_WRITE"),
        (0x4, "PROT_EXEC"),
        (0x8, "PROT_SEM"),
        (0x0100_0000, "PROT_GROWSDOWN"),
        (0x0200_0000, "PROT_GROWSUP"),
    ],
    zero: Some("PROT_NONE"),
};

/// `MAP_*` (`include/uapi/linux/mman.h`, `asm-generic/mman-common.h`, x86's `MAP_32BIT`).
pub static MAP_FLAGS: FlagSet = FlagSet {
    field: Some((
        0xf,
        &[
            (1, "MAP_SHARED"),
            (2, "MAP_PRIVATE"),
            (3, "MAP_SHARED_VALIDATE"),
        ],
    )),
    flags: &[
        (0x10, "MAP_FIXED"),
        (0x20, "MAP_ANONYMOUS"),
        (0x40, "MAP_32BIT"),
        (0x100, "MAP_GROWSDOWN"),
        (0x800, "MAP_DENYWRITE"),
        (0x1000, "MAP_EXECUTABLE"),
        (0x2000, "MAP_LOCKED"),
        (0x4000, "MAP_NORESERVE"),
        (0x8000, "MAP_POPULATE"),
        (0x1_0000, "MAP_NONBLOCK"),
        (0x2_0000, "MAP_STACK"),
        (0x4_0000, "MAP_HUGETLB"),
        (0x8_0000, "MAP_SYNC"),
        (0x10_0000, "MAP_FIXED_NOREPLACE"),
    ],
    zero: None,
};

/// Signal numbers (`include/uapi/asm-generic/signal.h`, x86), then `SIGRTMIN` (32) to
/// `SIGRTMAX` (64) as strace names them.
pub static SIGNALS: [(i64, &str); 64] = {
    const NAMES: [&str; 31] = [
        "SIGHUP",
        "SIGINT",
        "SIGQUIT",
        "SIGILL",
        "SIGTRAP",
        "SIGABRT",
        "SIGBUS",
        "SIGFPE",
        "SIGKILL",
        "SIGUSR1",
        "SIGSEGV",
        "SIGUSR2",
        "SIGPIPE",
        "SIGALRM",
        "SIGTERM",
        "SIGSTKFLT",
        "SIGCHLD",
        "SIGCONT",
        "SIGSTOP",
        "SIGTSTP",
        "SIGTTIN",
        "SIGTTOU",
        "SIGURG",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGVTALRM",
        "SIGPROF",
        "SIGWINCH",
        "SIGIO",
        "SIGPWR",
        "SIGSYS",
    ];
    const RT: [&str; 33] = [
        "SIGRTMIN", "SIGRT_1", "SIGRT_2", "SIGRT_3", "SIGRT_4", "SIGRT_5", "SIGRT_6", "SIGRT_7",
        "SIGRT_8", "SIGRT_9", "SIGRT_10", "SIGRT_11", "SIGRT_12", "SIGRT_13", "SIGRT_14",
        "SIGRT_15", "SIGRT_16", "SIGRT_17", "SIGRT_18", "SIGRT_19", "SIGRT_20", "SIGRT_21",
        "SIGRT_22", "SIGRT_23", "SIGRT_24", "SIGRT_25", "SIGRT_26", "SIGRT_27", "SIGRT_28",
        "SIGRT_29", "SIGRT_30", "SIGRT_31", "SIGRT_32",
    ];
    let mut table = [(0i64, ""); 64];
    let mut i = 0;
    while i < 31 {
        table[i] = (i as i64 + 1, NAMES[i]);
        i += 1;
    }
    while i < 64 {
        table[i] = (i as i64 + 1, RT[i - 31]);
        i += 1;
    }
    table
};
