//! Return values: what the body returns, turned into the value the entry code hands back.

use core::convert::Infallible;

use crate::Errno;

/// A type a system call's body may return.
///
/// The entry stub converts it into the `long` the arch entry code stores in the return register:
/// a value as is, `()` as 0, and `Err(e)` as `-e` (Linux's negative errno).
///
/// ```
/// use syscall_define::{Errno, SyscallReturn};
///
/// assert_eq!(Ok::<usize, Errno>(12).into_syscall_return(), 12);
/// assert_eq!(Err::<usize, Errno>(Errno::EBADF).into_syscall_return(), -9);
/// assert_eq!(().into_syscall_return(), 0);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a system-call return type",
    label = "a system call returns one register",
    note = "return `isize`, `i32`, `usize`, `()`, `!`, or `Result<T, E>` with `T` one of those and `E: Into<Errno>`"
)]
pub trait SyscallReturn {
    /// The value for the return register.
    fn into_syscall_return(self) -> isize;
}

impl SyscallReturn for isize {
    #[inline(always)]
    fn into_syscall_return(self) -> isize {
        self
    }
}

impl SyscallReturn for i32 {
    #[inline(always)]
    fn into_syscall_return(self) -> isize {
        self as isize
    }
}

impl SyscallReturn for usize {
    #[inline(always)]
    fn into_syscall_return(self) -> isize {
        self as isize
    }
}

impl SyscallReturn for () {
    #[inline(always)]
    fn into_syscall_return(self) -> isize {
        0
    }
}

/// A body declared `-> !` never returns; its stub's type uses `Infallible` in its place.
impl SyscallReturn for Infallible {
    #[inline(always)]
    fn into_syscall_return(self) -> isize {
        match self {}
    }
}

impl<T: SyscallReturn, E: Into<Errno>> SyscallReturn for Result<T, E> {
    #[inline(always)]
    fn into_syscall_return(self) -> isize {
        match self {
            Ok(value) => value.into_syscall_return(),
            Err(e) => errno_return(e.into()),
        }
    }
}

/// `-errno`, the return value of a failed system call.
#[inline(always)]
pub fn errno_return(e: Errno) -> isize {
    -(e.into_raw() as isize)
}
