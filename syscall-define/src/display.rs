//! How an argument's value is shown: chosen by its type ([`SyscallArg::DISPLAY`]), so every
//! tracer built on the descriptors shows a kernel's own types the same way, with no
//! per-syscall table.
//!
//! ```
//! use syscall_define::uapi::{DirFd, Mode, OpenFlags};
//! use syscall_define::{syscall_define, Errno, UserCStr};
//!
//! #[syscall_define(abi(x86_64))]
//! fn openat(dfd: DirFd, filename: UserCStr, flags: OpenFlags, mode: Mode) -> Result<i32, Errno> {
//!     let _ = (dfd, filename, flags, mode);
//!     Err(Errno::ENOENT)
//! }
//!
//! let values = [-100i64 as u64, 0x7fff_1000, 0o2_000_102, 0o644];
//! assert_eq!(
//!     openat::DESCRIPTOR.display_call(&values).to_string(),
//!     "openat(dfd=AT_FDCWD, filename=0x7fff1000, flags=O_RDWR|O_CREAT|O_CLOEXEC, mode=0644)"
//! );
//! ```
//!
//! [`SyscallArg::DISPLAY`]: crate::SyscallArg::DISPLAY

use core::fmt;

use crate::ArgMeta;
use crate::abi::ArgKind;

/// How a tracer shows one argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArgDisplay {
    /// As its kind says: a signed type in signed decimal, an unsigned one in decimal, a pointer
    /// in hex (`NULL` for 0).
    Default,
    /// In hex (`0x1f`).
    Hex,
    /// An address passed as an integer (`unsigned long addr`): in hex, `NULL` for 0.
    Address,
    /// In octal with a leading zero, as a file mode (`0644`).
    Octal,
    /// A file descriptor: its low 32 bits as a C `int`, whatever the type (`-1`, also for
    /// `mmap`'s `unsigned long fd`).
    Fd,
    /// A directory file descriptor of the `*at` calls: [`Fd`](ArgDisplay::Fd), and
    /// `AT_FDCWD` for -100.
    DirFd,
    /// One of named values (`SEEK_SET`, `SIGTERM`, `CLOCK_MONOTONIC`); another value in decimal.
    /// The values are compared as the type's signed or unsigned value.
    Named(&'static [(i64, &'static str)]),
    /// A set of flags: `O_RDWR|O_CREAT|O_CLOEXEC`; bits no flag names in hex.
    Flags(&'static FlagSet),
    /// The address of a NUL-terminated string: a tracer reads and quotes it.
    CString,
    /// The address of bytes: a tracer shows them, as many as the next argument says (for
    /// bytes the call reads, like `write`'s, at entry) or as the call returns (for bytes the
    /// call writes, like `read`'s, at exit: `written`).
    Bytes {
        /// Whether the call writes them (shown at exit).
        written: bool,
    },
}

/// The names of a flag argument's bits (Linux's `O_*`, `PROT_*`, `MAP_*`).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct FlagSet {
    /// A field of the value that is a choice rather than bits (`O_ACCMODE`: `O_RDONLY`,
    /// `O_WRONLY`, `O_RDWR`; `MAP_TYPE`: `MAP_SHARED`, `MAP_PRIVATE`): its mask and its values.
    pub field: Option<(u64, &'static [(u64, &'static str)])>,
    /// The flags, each one or more bits, in the order they are printed. A flag of several bits
    /// (`O_SYNC`) is shown when all of them are set, and takes them.
    pub flags: &'static [(u64, &'static str)],
    /// What 0 is called when no field names it (`PROT_NONE`).
    pub zero: Option<&'static str>,
}

impl ArgMeta {
    /// The argument's value (as [`Descriptor::decode_words`](crate::Descriptor::decode_words)
    /// gives it) as its type says it is shown. Strings and bytes show their address: a
    /// tracer that reads the tracee's memory shows them itself, after
    /// [`display`](ArgMeta::display) tells it to.
    pub fn show(&self, value: u64) -> impl fmt::Display + '_ {
        Show { meta: self, value }
    }
}

struct Show<'a> {
    meta: &'a ArgMeta,
    value: u64,
}

fn signed(kind: ArgKind) -> bool {
    matches!(
        kind,
        ArgKind::Int { signed: true, .. }
            | ArgKind::Long { signed: true }
            | ArgKind::Wide { signed: true }
    )
}

impl fmt::Display for Show<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, value) = (self.meta.kind, self.value);
        let as_fd = || value as u32 as i32;
        match self.meta.display {
            ArgDisplay::Hex if value == 0 => f.write_str("0"),
            ArgDisplay::Hex => write!(f, "{value:#x}"),
            ArgDisplay::Address if value == 0 => f.write_str("NULL"),
            ArgDisplay::Address => write!(f, "{value:#x}"),
            ArgDisplay::Octal => write!(f, "0{value:02o}"),
            ArgDisplay::Fd => write!(f, "{}", as_fd()),
            ArgDisplay::DirFd if as_fd() == -100 => f.write_str("AT_FDCWD"),
            ArgDisplay::DirFd => write!(f, "{}", as_fd()),
            ArgDisplay::Named(names) => {
                // A signed value is sign-extended already, an unsigned one below 2^63.
                match names.iter().find(|(v, _)| *v == value as i64) {
                    Some((_, name)) => f.write_str(name),
                    None if signed(kind) => write!(f, "{}", value as i64),
                    None => write!(f, "{value}"),
                }
            }
            ArgDisplay::Flags(set) => show_flags(f, set, value, kind),
            ArgDisplay::Default | ArgDisplay::CString | ArgDisplay::Bytes { .. } => match kind {
                ArgKind::Pointer if value == 0 => f.write_str("NULL"),
                ArgKind::Pointer => write!(f, "{value:#x}"),
                _ if signed(kind) => write!(f, "{}", value as i64),
                _ => write!(f, "{value}"),
            },
        }
    }
}

fn show_flags(f: &mut fmt::Formatter<'_>, set: &FlagSet, value: u64, kind: ArgKind) -> fmt::Result {
    // A narrow type's sign extension is not flags.
    let value = match kind {
        ArgKind::Int { bits, .. } if bits < 64 => value & ((1u64 << bits) - 1),
        _ => value,
    };
    let mut rest = value;
    let mut wrote = false;
    let part = |f: &mut fmt::Formatter<'_>, wrote: &mut bool, text: fmt::Arguments<'_>| {
        if *wrote {
            f.write_str("|")?;
        }
        *wrote = true;
        f.write_fmt(text)
    };
    if let Some((mask, names)) = set.field
        && let Some((_, name)) = names.iter().find(|(v, _)| *v == value & mask)
    {
        part(f, &mut wrote, format_args!("{name}"))?;
        rest &= !mask;
    }
    for &(bits, name) in set.flags {
        if bits != 0 && rest & bits == bits {
            part(f, &mut wrote, format_args!("{name}"))?;
            rest &= !bits;
        }
    }
    if rest != 0 {
        part(f, &mut wrote, format_args!("{rest:#x}"))?;
    }
    if !wrote {
        f.write_str(set.zero.unwrap_or("0"))?;
    }
    Ok(())
}
