//! Support for generated code. Not API: names and signatures here change without notice.

pub use crate::abi;
pub use crate::regs::*;
pub use crate::{ArgMeta, ArgTuple, Descriptor, Errno, Syscall, SyscallArg, SyscallReturn};
pub use core::convert::Infallible;
pub use syscall_define_macros::__split_table_entries as split_table_entries;

/// The body of a system call. Implemented inside an anonymous `const` block next to the body's
/// function, so that only entry stubs (and `ksys_` functions, when asked for) can reach it.
pub trait Body: Syscall {
    /// Runs the body on decoded arguments.
    fn __do_sys(args: Self::Args) -> Self::Return;
}

/// The body of a full-register system call (`#[syscall_define(ptregs)]`): it receives the
/// register file itself, which it may rewrite, and its typed arguments decoded from it.
pub trait FullRegs<R: ?Sized>: Syscall {
    /// Runs the body on the register file and the arguments.
    fn __do_sys_full(regs: &mut R, args: Self::Args) -> Self::Return;
}

/// The entry path of a full-register system call: decode its typed arguments, run the body on
/// them and the register file, convert the result.
///
/// # Safety
/// Only for arch entry code: see [`Syscall`].
#[inline(always)]
pub unsafe fn enter_full<S: FullRegs<R>, A: AbiTag, R: ArgRegisters<A> + ?Sized>(
    regs: &mut R,
) -> isize {
    match S::decode::<A, R>(regs) {
        Ok(args) => SyscallReturn::into_syscall_return_on(S::__do_sys_full(regs, args), A::ABI),
        Err(e) => crate::ret::errno_return_on(A::ABI, e),
    }
}

/// A system call's entry stub for one ABI, generic over the register file, and its `HasStub`
/// impl: what `#[syscall_define]` emits per ABI (`stub! { vis __x64_sys_NAME NAME X86_64 "doc" }`),
/// written out here so that the macro emits few tokens per ABI, and an ABI whose `cfg` is off
/// (the default set's) costs no expansion.
#[doc(hidden)]
#[macro_export]
macro_rules! __syscall_define_stub {
    ($vis:vis $stub:ident $name:ident $tag:ident $doc:literal) => {
        #[doc = $doc]
        #[doc(hidden)]
        // `deprecated`: the type of a deprecated system call is `#[deprecated]`, and the stub,
        // which only wires it to the entry code, must not warn.
        #[allow(dead_code, non_snake_case, deprecated)]
        #[inline]
        $vis unsafe fn $stub<R>(regs: &R) -> isize
        where
            R: $crate::__private::ArgRegisters<$crate::__private::$tag> + ?::core::marker::Sized,
        {
            unsafe { $crate::__private::enter::<$name, $crate::__private::$tag, R>(regs) }
        }

        #[allow(deprecated)]
        impl $crate::HasStub<$crate::__private::$tag> for $name {}
    };
}
pub use crate::__syscall_define_stub as stub;

/// The whole entry path of one ABI: decode the arguments, run the body, convert the result.
/// A decoding error (a newtype that rejects its value) is returned as `-errno`; the body does
/// not run.
///
/// # Safety
/// Only for arch entry code: see [`Syscall`].
#[inline(always)]
pub unsafe fn enter<S: Body, A: AbiTag, R: ArgRegisters<A> + ?Sized>(regs: &R) -> isize {
    match S::decode::<A, R>(regs) {
        Ok(args) => SyscallReturn::into_syscall_return_on(S::__do_sys(args), A::ABI),
        Err(e) => crate::ret::errno_return_on(A::ABI, e),
    }
}

/// The whole system call with its exit path: decode, run the body, write the result with `A`'s
/// convention, a forced success ([`Success`](crate::Success)) as one.
///
/// # Safety
/// Only for arch entry code: see [`Syscall`].
#[inline(always)]
pub unsafe fn serve<S: Body, A: AbiTag, R>(regs: &mut R)
where
    R: ArgRegisters<A> + crate::ResultRegisters<A> + ?Sized,
{
    match S::decode::<A, R>(regs) {
        Ok(args) => {
            let ret = S::__do_sys(args);
            let forced = ret.forces_success();
            let value = SyscallReturn::into_syscall_return_on(ret, A::ABI);
            if forced {
                crate::set_success::<A, R>(regs, value);
            } else {
                crate::set_return::<A, R>(regs, value);
            }
        }
        Err(e) => crate::set_error::<A, R>(regs, e),
    }
}

/// The argument metadata of `S` from its names and type texts, with the kinds its argument types
/// declare.
pub const fn arg_meta<S: Syscall, const N: usize>(
    names: [&'static str; N],
    types: [&'static str; N],
) -> [ArgMeta; N] {
    let kinds = <S::Args as ArgTuple>::KINDS;
    let displays = <S::Args as ArgTuple>::DISPLAYS;
    let mut out = [ArgMeta {
        name: "",
        ty: "",
        kind: abi::ArgKind::Pointer,
        display: crate::ArgDisplay::Default,
    }; N];
    let mut i = 0;
    while i < N {
        out[i] = ArgMeta {
            name: names[i],
            ty: types[i],
            kind: kinds[i],
            display: displays[i],
        };
        i += 1;
    }
    out
}

/// Why argument `index` of `S` has a `SyscallArg::KIND` that cannot describe its type
/// ([`kind_mismatch`](crate::kind_mismatch)). Generated code checks it in a `const _` item for
/// every argument type the macro cannot classify itself, spanned on that type. Generic over `S`
/// (not the argument type), so that a type that is not a `SyscallArg` is reported once, by the
/// `Syscall` impl.
pub const fn kind_mismatch<S: Syscall>(index: usize) -> Option<&'static str> {
    <S::Args as ArgTuple>::KIND_MISMATCHES[index]
}

/// The layout of `S` on `abi`, for its descriptor; one that does not fit is a compile error
/// elsewhere (the macro's `const` check), and gives an empty layout here, so that it is reported
/// once.
pub const fn layout_on<S: Syscall>(abi: &'static abi::Abi) -> (&'static abi::Abi, abi::Layout) {
    match crate::layout_of::<S>(abi) {
        Ok(layout) => (abi, layout),
        Err(_) => (abi, abi::Layout::EMPTY),
    }
}

/// Whether `S`'s arguments fit `abi` (in `S`'s register order for `abi`, if it declares one).
/// Generated code checks it in a `const _` item for every ABI it emits, so the check runs in
/// `cargo check` too, with the widths the argument types declare (type aliases and newtypes
/// included), and panics right there, so the error points at the argument that does not fit.
pub const fn fits<S: Syscall>(abi: &abi::Abi) -> bool {
    crate::layout_of::<S>(abi).is_ok()
}
