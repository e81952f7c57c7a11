//! Argument types: what each one is ([`SyscallArg::KIND`]) and how a register value becomes it.

use core::fmt;
use core::marker::PhantomData;

use crate::abi::{self, ArgKind, Layout, MAX_ARGS, Placement};
use crate::regs::{AbiTag, ArgRegisters};
use crate::{ArgDisplay, Errno};

/// A type that can be a system-call argument.
///
/// [`KIND`](SyscallArg::KIND) tells the allocator how many words the type takes and how a word is
/// extended, so `type loff_t = i64;` or a newtype around `i64` is placed in a register pair on a
/// 32-bit ABI exactly like `i64`. The crate implements it for the integer types, raw pointers to
/// sized types, and [`UserPtr`].
///
/// A newtype implements it to give an argument meaning, and may reject values: the entry stub then
/// returns the error (as `-errno`) without running the body. `#[derive(SyscallArg)]` does it for
/// a newtype over an integer or pointer (the field's kind), a fieldless `#[repr(u32)]` (or other
/// integer) enum, whose non-variants are rejected, and a flag set whose unknown bits are
/// (`#[syscall_arg(mask = …)]`); `#[syscall_arg(error = EBADF)]` names the errno (EINVAL by
/// default):
///
/// ```
/// use syscall_define::{Errno, SyscallArg};
///
/// #[derive(Clone, Copy, Debug, PartialEq, SyscallArg)]
/// #[repr(u32)]
/// enum Whence { Set = 0, Cur = 1, End = 2 }
///
/// #[derive(Debug, PartialEq, SyscallArg)]
/// #[syscall_arg(mask = 0o3 | 0o100)]
/// struct OpenFlags(u32);
///
/// assert_eq!(Whence::decode(2), Ok(Whence::End));
/// assert_eq!(Whence::decode(3), Err(Errno::EINVAL));
/// assert_eq!(OpenFlags::decode(0o101), Ok(OpenFlags(0o101)));
/// assert_eq!(OpenFlags::decode(0o4), Err(Errno::EINVAL));
/// ```
///
/// By hand:
///
/// ```
/// use syscall_define::{abi::ArgKind, Errno, SyscallArg};
///
/// /// A file descriptor: an `int` that must not be negative.
/// #[derive(Clone, Copy, Debug, PartialEq)]
/// struct Fd(i32);
///
/// impl SyscallArg for Fd {
///     const KIND: ArgKind = ArgKind::Int { bits: 32, signed: true };
///     fn decode(value: u64) -> Result<Self, Errno> {
///         let fd = value as i32;
///         if fd < 0 { Err(Errno::EBADF) } else { Ok(Fd(fd)) }
///     }
///     fn encode(&self) -> u64 {
///         self.0 as i64 as u64
///     }
/// }
///
/// assert_eq!(Fd::decode(3), Ok(Fd(3)));
/// assert_eq!(Fd::decode((-1i64) as u64), Err(Errno::EBADF));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a system-call argument",
    label = "this type has no register meaning",
    note = "use an integer type (u8..u64, i8..i64, usize, isize), a raw pointer, or `UserPtr<T>`; or implement `SyscallArg` for a newtype to say what it is"
)]
pub trait SyscallArg: Sized {
    /// What the type is: its width and extension on every ABI.
    const KIND: ArgKind;

    /// How a tracer shows a value of the type ([`ArgDisplay`]): by its kind unless the type
    /// says otherwise (a file descriptor, flags, named values, a string).
    const DISPLAY: ArgDisplay = ArgDisplay::Default;

    /// Builds the value from its argument value, already extended per [`KIND`](Self::KIND) by
    /// [`abi::decode_value`]; an `Err` is returned to user space and the body does not run.
    fn decode(value: u64) -> Result<Self, Errno>;

    /// The argument value a caller passes for `self` (the inverse of
    /// [`decode`](SyscallArg::decode)); used to build register files.
    fn encode(&self) -> u64;
}

/// Why `T::KIND` cannot describe `T`, or `None` when it can.
///
/// The allocator and every decoder trust [`SyscallArg::KIND`]: a newtype that declared
/// `Int { bits: 64 }` would be read from one register on ia32, where its value takes two. So the
/// kind is checked against the type's size: an [`ArgKind::Int`] has `bits` 8, 16 or 32 and is
/// exactly that wide; [`ArgKind::Wide`] and [`ArgKind::LoHi`] are 8 bytes; [`ArgKind::Long`] and
/// [`ArgKind::Pointer`] are pointer-sized (the host's `usize`, which holds the value of any ABI's
/// `long`). `#[syscall_define]` checks every argument type it cannot classify itself with this,
/// at compile time, on the type's tokens; [`decode_arg`] checks it too.
///
/// ```
/// use syscall_define::abi::ArgKind;
/// use syscall_define::{kind_mismatch, Errno, SyscallArg};
///
/// struct Mode(u16);
/// impl SyscallArg for Mode {
///     const KIND: ArgKind = ArgKind::Int { bits: 32, signed: false }; // wrong: a u16 is 16 bits
///     fn decode(value: u64) -> Result<Self, Errno> { Ok(Mode(value as u16)) }
///     fn encode(&self) -> u64 { u64::from(self.0) }
/// }
/// assert!(kind_mismatch::<Mode>().is_some());
/// assert!(kind_mismatch::<u16>().is_none());
/// ```
pub const fn kind_mismatch<T: SyscallArg>() -> Option<&'static str> {
    let bytes = core::mem::size_of::<T>();
    match T::KIND {
        ArgKind::Int { bits, .. } if bits != 8 && bits != 16 && bits != 32 => Some(
            "this argument type's `SyscallArg::KIND` is `ArgKind::Int` with `bits` other than 8, 16 or 32: a C integer narrower than `long` is 8, 16 or 32 bits. A 64-bit value is `ArgKind::Wide` (a register pair on 32-bit ABIs); C `long` is `ArgKind::Long`",
        ),
        ArgKind::Int { bits, .. } if bits as usize != bytes * 8 => Some(
            "this argument type's `SyscallArg::KIND` is `ArgKind::Int` with `bits` different from the type's size: the stub truncates the register to `bits` and hands the value to `decode`, so `bits` must be the type's width (`size_of::<T>() * 8`). Declare the kind of the integer the type wraps",
        ),
        ArgKind::Wide { .. } if bytes != 8 => Some(
            "this argument type's `SyscallArg::KIND` is `ArgKind::Wide`, but the type is not 8 bytes: a `Wide` value is 64 bits, a register pair on 32-bit ABIs. Wrap an `i64`/`u64`, or declare the kind of the integer the type wraps",
        ),
        ArgKind::LoHi if bytes != 8 => Some(
            "this argument type's `SyscallArg::KIND` is `ArgKind::LoHi`, but the type is not 8 bytes: a `LoHi` value is 64 bits passed as two words. Wrap a `u64`",
        ),
        ArgKind::Long { .. } | ArgKind::Pointer if bytes != core::mem::size_of::<usize>() => Some(
            "this argument type's `SyscallArg::KIND` is `ArgKind::Long` or `ArgKind::Pointer`, but the type is not pointer-sized: a C `long` or user address of any ABI is held in a `usize`/`isize`. Wrap a `usize`/`isize` or `UserPtr`, or declare `ArgKind::Int` for a narrower integer",
        ),
        _ => None,
    }
}

macro_rules! integer_arg {
    ($($ty:ty => $kind:expr, $via:ty;)*) => {$(
        impl SyscallArg for $ty {
            const KIND: ArgKind = $kind;
            #[inline(always)]
            fn decode(value: u64) -> Result<Self, Errno> {
                Ok(value as $ty)
            }
            #[inline(always)]
            fn encode(&self) -> u64 {
                *self as $via as u64
            }
        }
    )*};
}

integer_arg! {
    u8 => ArgKind::Int { bits: 8, signed: false }, u8;
    u16 => ArgKind::Int { bits: 16, signed: false }, u16;
    u32 => ArgKind::Int { bits: 32, signed: false }, u32;
    i8 => ArgKind::Int { bits: 8, signed: true }, i64;
    i16 => ArgKind::Int { bits: 16, signed: true }, i64;
    i32 => ArgKind::Int { bits: 32, signed: true }, i64;
    usize => ArgKind::Long { signed: false }, usize;
    isize => ArgKind::Long { signed: true }, i64;
    u64 => ArgKind::Wide { signed: false }, u64;
    i64 => ArgKind::Wide { signed: true }, i64;
}

impl<T> SyscallArg for *const T {
    const KIND: ArgKind = ArgKind::Pointer;
    #[inline(always)]
    fn decode(value: u64) -> Result<Self, Errno> {
        Ok(core::ptr::with_exposed_provenance(value as usize))
    }
    #[inline(always)]
    fn encode(&self) -> u64 {
        self.expose_provenance() as u64
    }
}

impl<T> SyscallArg for *mut T {
    const KIND: ArgKind = ArgKind::Pointer;
    #[inline(always)]
    fn decode(value: u64) -> Result<Self, Errno> {
        Ok(core::ptr::with_exposed_provenance_mut(value as usize))
    }
    #[inline(always)]
    fn encode(&self) -> u64 {
        self.expose_provenance() as u64
    }
}

/// A user-space address of a `T`, as a system call receives it (C's `T __user *`).
///
/// It is only an address: it cannot be dereferenced, so kernel code has to go through its own
/// checked copy routines, as Linux's `__user` annotation demands. Decoding zero-extends it from
/// the ABI's word, so a 32-bit process's pointer never picks up upper-half garbage.
#[repr(transparent)]
pub struct UserPtr<T: ?Sized> {
    addr: usize,
    _points_to: PhantomData<fn() -> *const T>,
}

impl<T: ?Sized> UserPtr<T> {
    /// The pointer with address `addr`.
    pub const fn new(addr: usize) -> Self {
        Self {
            addr,
            _points_to: PhantomData,
        }
    }

    /// The user-space address.
    pub const fn addr(self) -> usize {
        self.addr
    }

    /// Whether the address is 0.
    pub const fn is_null(self) -> bool {
        self.addr == 0
    }

    /// The same address, as a pointer to `U`.
    pub const fn cast<U: ?Sized>(self) -> UserPtr<U> {
        UserPtr::new(self.addr)
    }
}

impl<T: ?Sized> Clone for UserPtr<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: ?Sized> Copy for UserPtr<T> {}
impl<T: ?Sized> PartialEq for UserPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        self.addr == other.addr
    }
}
impl<T: ?Sized> Eq for UserPtr<T> {}
impl<T: ?Sized> core::hash::Hash for UserPtr<T> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.addr.hash(state);
    }
}
impl<T: ?Sized> fmt::Debug for UserPtr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserPtr({:#x})", self.addr)
    }
}
impl<T: ?Sized> fmt::LowerHex for UserPtr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.addr, f)
    }
}

impl<T: ?Sized> SyscallArg for UserPtr<T> {
    const KIND: ArgKind = ArgKind::Pointer;
    #[inline(always)]
    fn decode(value: u64) -> Result<Self, Errno> {
        Ok(Self::new(value as usize))
    }
    #[inline(always)]
    fn encode(&self) -> u64 {
        self.addr as u64
    }
}

macro_rules! user_pointer {
    ($(#[$doc:meta])* $name:ident, $display:expr) => {
        $(#[$doc])*
        #[repr(transparent)]
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name(pub UserPtr<u8>);

        impl $name {
            /// The pointer with address `addr`.
            pub const fn new(addr: usize) -> Self {
                Self(UserPtr::new(addr))
            }

            /// The user-space address.
            pub const fn addr(self) -> usize {
                self.0.addr()
            }

            /// Whether the address is 0.
            pub const fn is_null(self) -> bool {
                self.0.is_null()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:#x})"), self.addr())
            }
        }

        impl SyscallArg for $name {
            const KIND: ArgKind = ArgKind::Pointer;
            const DISPLAY: ArgDisplay = $display;
            #[inline(always)]
            fn decode(value: u64) -> Result<Self, Errno> {
                Ok(Self::new(value as usize))
            }
            #[inline(always)]
            fn encode(&self) -> u64 {
                self.addr() as u64
            }
        }
    };
}

user_pointer!(
    /// The address of a NUL-terminated string in user space (C's `const char __user *`): a
    /// path, a name. Tracers read and quote it.
    UserCStr,
    ArgDisplay::CString
);
user_pointer!(
    /// The address of bytes the call reads from user space (`write`'s `buf`); the next argument
    /// is their length. Tracers show them at entry.
    UserBuf,
    ArgDisplay::Bytes { written: false }
);
user_pointer!(
    /// The address of bytes the call writes to user space (`read`'s `buf`); the call's result
    /// is how many. Tracers show them at exit.
    UserBufMut,
    ArgDisplay::Bytes { written: true }
);

/// A 64-bit value that user space passes as two words, low then high, on every ABI, in
/// consecutive registers with no alignment and whatever the ABI's endianness: Linux's
/// `preadv(fd, vec, vlen, pos_l, pos_h)`, `pwritev`, `preadv2`, `pwritev2`. On a 64-bit ABI the
/// low word holds the whole value and the high word is ignored (Linux's `pos_from_hilo`); glibc
/// passes 0 there.
///
/// It is one argument of the definition and two argument words of every ABI:
///
/// ```
/// use syscall_define::{syscall_define, Errno, LoHi, Syscall, UserPtr};
/// use syscall_define::regs::{arm, x86_64, Arm, X86_64};
///
/// #[syscall_define(abi(x86_64, arm))]
/// fn preadv(fd: usize, vec: UserPtr<u8>, vlen: usize, pos: LoHi) -> Result<usize, Errno> {
///     Ok(pos.0 as usize)
/// }
///
/// // x86-64: pos_l is r10 and holds the whole offset; pos_h (r8) is ignored.
/// let regs = x86_64::PtRegs { r10: 0x1_0000_0004, r8: 0xdead, ..Default::default() };
/// assert_eq!(preadv::decode::<X86_64, _>(&regs).unwrap().3, LoHi(0x1_0000_0004));
/// // arm: pos_l is r3 and pos_h is r4: not an aligned pair.
/// let mut regs = arm::PtRegs::default();
/// (regs.uregs[3], regs.uregs[4]) = (4, 1);
/// assert_eq!(preadv::decode::<Arm, _>(&regs).unwrap().3, LoHi(0x1_0000_0004));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct LoHi(pub u64);

impl SyscallArg for LoHi {
    const KIND: ArgKind = ArgKind::LoHi;
    #[inline(always)]
    fn decode(value: u64) -> Result<Self, Errno> {
        Ok(LoHi(value))
    }
    #[inline(always)]
    fn encode(&self) -> u64 {
        self.0
    }
}

/// Reads the argument at `place` from `regs` and converts it to `T` with ABI `A`'s rules.
#[inline(always)]
pub fn decode_arg<T: SyscallArg, A: AbiTag, R: ArgRegisters<A> + ?Sized>(
    regs: &R,
    place: Placement,
) -> Result<T, Errno> {
    const {
        assert!(
            kind_mismatch::<T>().is_none(),
            "a SyscallArg's KIND does not match its type: see `kind_mismatch`"
        )
    };
    T::decode(abi::decode_value(
        T::KIND,
        read_raw::<A, R>(regs, place),
        A::ABI,
    ))
}

#[inline(always)]
fn read_raw<A: AbiTag, R: ArgRegisters<A> + ?Sized>(regs: &R, place: Placement) -> u64 {
    place.read(A::ABI, |slot| regs.arg_word(slot))
}

/// A tuple of argument types: a system call's whole argument list.
pub trait ArgTuple: Sized {
    /// The kinds, in declaration order.
    const KINDS: &'static [ArgKind];

    /// For each argument, why its type's `KIND` cannot describe it ([`kind_mismatch`]).
    const KIND_MISMATCHES: &'static [Option<&'static str>];

    /// How each argument is shown, in declaration order.
    const DISPLAYS: &'static [ArgDisplay];

    /// Decodes every argument from `regs` at the places `layout` gives.
    fn decode_from<A: AbiTag, R: ArgRegisters<A> + ?Sized>(
        regs: &R,
        layout: &Layout,
    ) -> Result<Self, Errno>;

    /// The argument values, in declaration order (unused entries are 0).
    fn encode_values(&self) -> [u64; MAX_ARGS];
}

macro_rules! arg_tuple {
    ($(($($t:ident $i:tt),*))*) => {$(
        impl<$($t: SyscallArg),*> ArgTuple for ($($t,)*) {
            const KINDS: &'static [ArgKind] = &[$($t::KIND),*];
            const KIND_MISMATCHES: &'static [Option<&'static str>] = &[$(kind_mismatch::<$t>()),*];
            const DISPLAYS: &'static [ArgDisplay] = &[$($t::DISPLAY),*];

            #[inline(always)]
            #[allow(unused_variables)]
            fn decode_from<A: AbiTag, R: ArgRegisters<A> + ?Sized>(
                regs: &R,
                layout: &Layout,
            ) -> Result<Self, Errno> {
                // Load the words last argument first, the first argument unclustered (see
                // `ArgRegisters::arg_word_unclustered`): its register is where the register-file
                // pointer arrives on most ABIs. Then decode in order.
                let mut raw = [0u64; MAX_ARGS];
                let mut i = layout.len();
                while i > 0 {
                    i -= 1;
                    raw[i] = if i == 0 {
                        layout.arg(0).read(A::ABI, |slot| regs.arg_word_unclustered(slot))
                    } else {
                        read_raw::<A, R>(regs, layout.arg(i))
                    };
                }
                Ok(($($t::decode(abi::decode_value($t::KIND, raw[$i], A::ABI))?,)*))
            }

            #[allow(unused_mut)]
            fn encode_values(&self) -> [u64; MAX_ARGS] {
                let mut values = [0; MAX_ARGS];
                $(values[$i] = self.$i.encode();)*
                values
            }
        }
    )*};
}

arg_tuple! {
    ()
    (T0 0)
    (T0 0, T1 1)
    (T0 0, T1 1, T2 2)
    (T0 0, T1 1, T2 2, T3 3)
    (T0 0, T1 1, T2 2, T3 3, T4 4)
    (T0 0, T1 1, T2 2, T3 3, T4 4, T5 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_narrow_types_encode_sign_extended_and_decode_truncated() {
        assert_eq!((-2i32).encode(), (-2i64) as u64);
        let v = abi::decode_value(i32::KIND, 0xdead_beef_ffff_fffe, &abi::X86_64);
        assert_eq!(i32::decode(v), Ok(-2));
        assert_eq!(
            isize::decode(abi::decode_value(isize::KIND, 0xffff_fffe, &abi::IA32)),
            Ok(-2)
        );
        assert_eq!(
            usize::decode(abi::decode_value(usize::KIND, 0xffff_fffe, &abi::IA32)),
            Ok(0xffff_fffe)
        );
    }

    #[test]
    fn user_ptr_is_an_address() {
        let p = UserPtr::<u8>::new(0x1000);
        assert_eq!(p.cast::<[u32]>().addr(), 0x1000);
        assert_eq!(format!("{p:?}"), "UserPtr(0x1000)");
        assert!(UserPtr::<u8>::new(0).is_null());
    }
}
