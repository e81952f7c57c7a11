//! Return values: what the body returns, turned into the value the entry code hands back.

use core::convert::Infallible;

use crate::Errno;
use crate::abi::{ErrorConvention, Indication};

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
pub trait SyscallReturn: Sized {
    /// The value for the return register, an error as `-errno` in the generic numbering of
    /// [`Errno`].
    fn into_syscall_return(self) -> isize;

    /// The value an entry stub of `abi` returns: an error as `-errno` in `abi`'s own numbering
    /// (mips, sparc and parisc number errors differently: `Err(Errno::ENOSYS)` is -89 on mips).
    /// A value the body returns as a plain integer is passed on as it is.
    #[inline(always)]
    fn into_syscall_return_on(self, abi: &'static crate::abi::Abi) -> isize {
        let _ = abi;
        self.into_syscall_return()
    }

    /// Whether this value is a success even if it looks like an error (a [`Success`]): the exit
    /// path then clears the ABI's error flag or condition (`set_success`).
    #[inline(always)]
    fn forces_success(&self) -> bool {
        false
    }
}

/// A return value that is never an error, even in `-4095..=-1`: Linux's
/// `force_successful_syscall_return()`, for the calls whose successful results can look like
/// errors (ptrace's `PEEK*` data, `getpriority` on alpha, `lseek` near the top of a large
/// file). On mips, powerpc and sparc the exit path then clears the error flag or condition, so
/// user space sees a value; on a `-errno` ABI user space cannot tell, as with Linux. Reached
/// through [`HasStub::serve`](crate::HasStub::serve), which runs the exit path too.
///
/// ```
/// use syscall_define::regs::{ppc64, Ppc64};
/// use syscall_define::{get_return, syscall_define, Errno, HasStub, Success};
///
/// /// PTRACE_PEEKDATA: a word of the tracee's memory, whatever its value.
/// #[syscall_define(abi(ppc64))]
/// fn peek(addr: usize) -> Result<Success<isize>, Errno> {
///     if addr == 0 { Err(Errno::EIO) } else { Ok(Success(-9)) }
/// }
///
/// let mut regs = ppc64::PtRegs::default();
/// regs.gpr[3] = 0x1000;
/// // SAFETY: the entry path.
/// unsafe { <peek as HasStub<Ppc64>>::serve(&mut regs) };
/// assert_eq!(get_return::<Ppc64, _>(&regs), Ok(-9)); // CR0.SO clear: a value
/// regs.gpr[3] = 0;
/// unsafe { <peek as HasStub<Ppc64>>::serve(&mut regs) };
/// assert_eq!(get_return::<Ppc64, _>(&regs), Err(Errno::EIO));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Success<T>(pub T);

impl<T: SyscallReturn> SyscallReturn for Success<T> {
    #[inline(always)]
    fn into_syscall_return(self) -> isize {
        self.0.into_syscall_return()
    }

    #[inline(always)]
    fn into_syscall_return_on(self, abi: &'static crate::abi::Abi) -> isize {
        self.0.into_syscall_return_on(abi)
    }

    #[inline(always)]
    fn forces_success(&self) -> bool {
        true
    }
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

    #[inline(always)]
    fn into_syscall_return_on(self, abi: &'static crate::abi::Abi) -> isize {
        match self {
            Ok(value) => value.into_syscall_return_on(abi),
            Err(e) => errno_return_on(abi, e.into()),
        }
    }

    #[inline(always)]
    fn forces_success(&self) -> bool {
        matches!(self, Ok(value) if value.forces_success())
    }
}

/// `-errno`, the return value of a failed system call, in the generic numbering.
#[inline(always)]
pub fn errno_return(e: Errno) -> isize {
    -(e.into_raw() as isize)
}

/// `-errno` in `abi`'s numbering.
#[inline(always)]
pub fn errno_return_on(abi: &'static crate::abi::Abi, e: Errno) -> isize {
    -(abi.errno_to_abi(e.into_raw() as u16) as isize)
}

/// The registers a system call's result lives in, in a register file of ABI `A`: the result
/// register, the second result register (`pipe` on mips, sparc, …), and the error flag or
/// condition bit where the ABI has one (mips `a3`, powerpc CR0.SO in `ccr`, sparc's carry in
/// `tstate` / `psr`: which bit is the register file's, so a sparc32 process on sparc64 uses
/// `tstate`'s). [`set_return`], [`get_return`] and the others apply the ABI's convention to them.
pub trait ResultRegisters<A: crate::regs::AbiTag> {
    /// The result register (`ax`, `regs[0]`, `v0`, `gpr[3]`, …).
    fn result_word(&self) -> u64;
    /// Stores the result register.
    fn set_result_word(&mut self, word: u64);
    /// The second result register; 0 where the ABI has none.
    fn second_word(&self) -> u64;
    /// Stores the second result register (nothing where the ABI has none).
    fn set_second_word(&mut self, word: u64);
    /// Whether the error flag or condition bit is set (mips `a3 != 0`; powerpc CR0.SO; sparc
    /// either carry); false where the result alone says it.
    fn error_indicated(&self) -> bool;
    /// Sets or clears it (mips `a3 = 1` or 0; the bit(s) elsewhere); nothing where the result
    /// alone says it.
    fn set_error_indicated(&mut self, error: bool);
}

fn indication<A: crate::regs::AbiTag, R: ResultRegisters<A> + ?Sized>(regs: &R) -> Indication {
    match A::ABI.ret.error {
        ErrorConvention::NegativeErrno { .. } => Indication::InResult,
        ErrorConvention::FlagRegister { .. } => Indication::Flag(regs.error_indicated()),
        ErrorConvention::ConditionBit { .. } => Indication::Condition(regs.error_indicated()),
    }
}

fn write<A: crate::regs::AbiTag, R: ResultRegisters<A> + ?Sized>(
    regs: &mut R,
    ret: isize,
    force_success: bool,
) {
    let (word, indication) = A::ABI.encode_return(ret as i64, force_success);
    regs.set_result_word(word);
    match indication {
        Indication::Flag(error) | Indication::Condition(error) => regs.set_error_indicated(error),
        Indication::InResult => {}
    }
}

/// The exit path: writes what a stub returned (`-errno` for an error, in the ABI's numbering, as
/// every entry stub of this crate returns) into `regs` with ABI `A`'s convention (Linux's `syscall_set_return_value` after
/// the call): `-errno` in the result register on most ABIs; `+errno` and `a3 = 1` on mips;
/// `+errno` and CR0.SO on powerpc; `+errno` and the carry on sparc. A 32-bit ABI's result is
/// its low 32 bits.
///
/// ```
/// use syscall_define::regs::{mips64, ppc64, x86_64, MipsN64, Ppc64, X86_64};
/// use syscall_define::{get_return, set_return, Errno};
///
/// let mut regs = mips64::PtRegs::default();
/// set_return::<MipsN64, _>(&mut regs, -9); // -EBADF
/// assert_eq!((regs.regs[2], regs.regs[7]), (9, 1)); // v0 = EBADF, a3 = 1
/// assert_eq!(get_return::<MipsN64, _>(&regs), Err(Errno::EBADF));
///
/// let mut regs = ppc64::PtRegs::default();
/// set_return::<Ppc64, _>(&mut regs, -9);
/// assert_eq!((regs.gpr[3], regs.ccr & 0x1000_0000), (9, 0x1000_0000)); // r3 = EBADF, CR0.SO
///
/// let mut regs = x86_64::PtRegs::default();
/// set_return::<X86_64, _>(&mut regs, 3);
/// assert_eq!(get_return::<X86_64, _>(&regs), Ok(3));
/// ```
pub fn set_return<A: crate::regs::AbiTag, R: ResultRegisters<A> + ?Sized>(
    regs: &mut R,
    ret: isize,
) {
    write::<A, R>(regs, ret, false);
}

/// Writes `value` as a success even where it looks like an error (Linux's
/// `force_successful_syscall_return()`, for ptrace peeks, `lseek` near the top of a file,
/// `getpriority`): on mips, powerpc and sparc the flag or condition is cleared, so user space sees
/// a value. On a `-errno` ABI the value is written as it is, and user space cannot tell, as with
/// Linux.
pub fn set_success<A: crate::regs::AbiTag, R: ResultRegisters<A> + ?Sized>(
    regs: &mut R,
    value: isize,
) {
    write::<A, R>(regs, value, true);
}

/// Writes `errno` as the result, in ABI `A`'s numbering.
pub fn set_error<A: crate::regs::AbiTag, R: ResultRegisters<A> + ?Sized>(
    regs: &mut R,
    errno: Errno,
) {
    write::<A, R>(regs, errno_return_on(A::ABI, errno), false);
}

/// What user space sees in `regs` after a system call of ABI `A` (Linux's
/// `syscall_get_return_value` and `syscall_get_error`): the value, or the error (as an [`Errno`]
/// of the generic numbering, translated from the ABI's: mips' 89 is `ENOSYS`).
pub fn get_return<A: crate::regs::AbiTag, R: ResultRegisters<A> + ?Sized>(
    regs: &R,
) -> Result<isize, Errno> {
    A::ABI
        .decode_return(regs.result_word(), indication::<A, R>(regs))
        .map(|value| value as isize)
        .map_err(|errno| Errno::new(i32::from(A::ABI.errno_from_abi(errno))))
}

/// Whether the system call in `regs` failed, by ABI `A`'s convention.
pub fn is_error<A: crate::regs::AbiTag, R: ResultRegisters<A> + ?Sized>(regs: &R) -> bool {
    get_return::<A, R>(regs).is_err()
}
