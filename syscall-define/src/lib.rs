//! Write a system call once, as an ordinary Rust function; get an entry stub for every ABI.
//!
//! `#[syscall_define]` is Linux's `SYSCALL_DEFINEx` with `ARCH_HAS_SYSCALL_WRAPPER`, checked by
//! the compiler. From one definition it emits:
//!
//! | item | what it is |
//! |---|---|
//! | `__do_sys_NAME` | the body, a private function inside an anonymous `const` block: nothing but the stubs reaches it |
//! | `__x64_sys_NAME(regs)`, `__ia32_sys_NAME`, `__arm64_sys_NAME`, `__mips_o32_sys_NAME`, … (the ABI's [`stub_prefix`](abi::Abi::stub_prefix)) | one `unsafe` entry stub per ABI, taking that ABI's register file: it reads exactly the registers the ABI passes the arguments in, converts each with the ABI's rules, runs the body and returns the value for the return register (`Err(e)` becomes `-e`) |
//! | `NAME` | a braced struct (`struct NAME {}`: a type, not a value) implementing [`Syscall`]: the name, the argument types, [`Syscall::decode`] |
//! | `NAME::DESCRIPTOR` | a [`Descriptor`]: names, types as written, and per ABI the register words of each argument |
//!
//! ```
//! use syscall_define::{syscall_define, Errno, Syscall, UserPtr};
//! use syscall_define::regs::{x86_64::PtRegs, Ia32, X86_64};
//!
//! #[syscall_define(abi(x86_64, ia32))]
//! fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
//!     if fd != 3 {
//!         return Err(Errno::EBADF);
//!     }
//!     Ok(count.min(100))
//! }
//!
//! // A 32-bit process on an x86-64 kernel: `pos` arrives split over esi (low) and edi (high).
//! let regs = PtRegs { bx: 3, cx: 0x0804_a000, dx: 4096, si: 0x5566_7788, di: 0x1122_3344, ..Default::default() };
//!
//! // Tracers and emulators decode without running the body: safe, typed.
//! let (fd, buf, count, pos) = pread64::decode::<Ia32, _>(&regs).unwrap();
//! assert_eq!((fd, buf.addr(), count, pos), (3, 0x0804_a000, 4096, 0x1122_3344_5566_7788));
//!
//! // The descriptor says where each argument lives, per ABI.
//! let layout = pread64::DESCRIPTOR.layout(&syscall_define::abi::IA32).unwrap();
//! assert_eq!(syscall_define::abi::IA32.slot_name(layout.arg(3)), ("si", Some("di")));
//!
//! // Arch entry code calls the stub of the process's ABI; it is `unsafe` so that no other code
//! // does.
//! assert_eq!(unsafe { __ia32_sys_pread64(&regs) }, 100);
//! let regs64 = PtRegs { di: 4, ..Default::default() };
//! assert_eq!(unsafe { __x64_sys_pread64(&regs64) }, -9); // -EBADF
//! ```
//!
//! Which ABIs: every Linux ABI is an entry of the table in [`abi`] (22: x86-64, x32, ia32,
//! aarch64, arm, riscv64/32, loongarch64, mips o32 and n64 (both byte orders), n32, ppc32, ppc64,
//! ppc64le, s390x, s390 compat, sparc64/32, parisc, m68k), each with its register files in
//! [`regs`]. By default a definition emits those the target's kernel serves (x86-64: `x86_64` and
//! `ia32`; aarch64: `aarch64` and `arm`; riscv64: `riscv64`; mips64: n64, n32 and o32; …). Name
//! any set with `#[syscall_define(abi(...))]`, or all with `abi(all)`, on any host: an emulator
//! on x86-64 can decode arm.
//!
//! ## Options
//!
//! `ksys` also emits a typed function for the few in-kernel callers (Linux's `ksys_*`); without
//! it, nothing typed is callable:
//!
//! ```
//! use syscall_define::{syscall_define, Errno};
//!
//! #[syscall_define(abi(x86_64), ksys)]
//! fn ftruncate(fd: u32, length: i64) -> Result<(), Errno> {
//!     if length < 0 { Err(Errno::EINVAL) } else { Ok(()) }
//! }
//!
//! assert_eq!(ksys_ftruncate(3, -1), Err(Errno::EINVAL));
//! ```
//!
//! `ABI(order = (...))` keeps one body and declared order and gives one ABI another register
//! order, as Linux does with `sync_file_range2` and `arm_fadvise64_64` on arm (whose even
//! register pairs would otherwise need seven words):
//!
//! ```
//! use syscall_define::abi::{Placement, ARM, IA32};
//! use syscall_define::{syscall_define, Errno};
//!
//! #[syscall_define(abi(ia32, arm), arm(order = (fd, flags, offset, nbytes)))]
//! fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> Result<(), Errno> {
//!     let _ = (fd, offset, nbytes, flags);
//!     Ok(())
//! }
//!
//! let arm = sync_file_range::DESCRIPTOR.layout(&ARM).unwrap();
//! assert_eq!(arm.arg(3), Placement::One(1)); // flags in r1
//! assert_eq!(arm.arg(1), Placement::Pair { lo: 2, hi: 3 }); // offset in r2:r3
//! let ia32 = sync_file_range::DESCRIPTOR.layout(&IA32).unwrap();
//! assert_eq!(ia32.arg(3), Placement::One(5)); // declared order: flags in ebp
//! ```
//!
//! `ptregs` hands the body the register file itself, for the system calls that rewrite it
//! (`rt_sigreturn`, `clone`, `execve`); a table marks their entries so the exit path restores
//! every register:
//!
//! ```
//! use syscall_define::regs::{x86_64::PtRegs, X86_64};
//! use syscall_define::{syscall_define, syscall_table};
//!
//! #[syscall_define(abi(x86_64), ptregs)]
//! fn rt_sigreturn(regs: &mut PtRegs) -> isize {
//!     regs.ip = 0x40_1000; // restored from the signal frame
//!     regs.ax as isize
//! }
//!
//! syscall_table! {
//!     static TABLE: SyscallTable<X86_64, PtRegs, 16> = { 15 => rt_sigreturn };
//! }
//!
//! let mut regs = PtRegs { ax: 7, ..Default::default() };
//! // SAFETY: the entry path.
//! assert_eq!(unsafe { TABLE.dispatch(15, &mut regs) }, 7);
//! assert_eq!(regs.ip, 0x40_1000);
//! assert!(TABLE.entry(15).unwrap().rewrites_registers());
//! ```
//!
//! `export` emits each stub as a `#[no_mangle] extern "C"` symbol with Linux's name, taking the
//! register file the target's kernel saves for that ABI, so a table written in C or assembly
//! links it:
//!
//! ```
//! use syscall_define::regs::x86_64::PtRegs;
//! use syscall_define::syscall_define;
//!
//! #[syscall_define(abi(x86_64, ia32), export)]
//! pub fn getppid() -> i32 {
//!     1
//! }
//!
//! // What C entry code declares: long __ia32_sys_getppid(const struct pt_regs *regs);
//! unsafe extern "C" {
//!     #[link_name = "__ia32_sys_getppid"]
//!     fn c_entry(regs: *const PtRegs) -> isize;
//! }
//! // SAFETY: the entry path.
//! assert_eq!(unsafe { c_entry(&PtRegs::default()) }, 1);
//! ```
//!
//! `compat` makes a compat definition (Linux's `COMPAT_SYSCALL_DEFINE`), with compat types,
//! beside the native one: its type is `compat_NAME` and its stubs have Linux's compat names,
//! for the compat ABIs only:
//!
//! ```
//! use syscall_define::regs::x86_64::PtRegs;
//! use syscall_define::syscall_define;
//!
//! #[syscall_define(abi(x86_64, ia32))]
//! fn ioctl(fd: u32, cmd: u32, arg: usize) -> isize {
//!     (fd as usize + cmd as usize + arg) as isize
//! }
//!
//! /// `compat_sys_ioctl(unsigned int fd, unsigned int cmd, compat_ulong_t arg)`.
//! #[syscall_define(compat, abi(ia32))]
//! fn ioctl(fd: u32, cmd: u32, arg: u32) -> isize {
//!     (fd + cmd + arg) as isize
//! }
//!
//! let regs = PtRegs { bx: 1, cx: 2, dx: 3, ..Default::default() };
//! // SAFETY: the entry path.
//! assert_eq!(unsafe { __ia32_compat_sys_ioctl(&regs) }, 6);
//! assert_eq!(<compat_ioctl as syscall_define::Syscall>::NAME, "ioctl");
//! ```
//!
//! The exit path writes a stub's value with the ABI's error convention ([`set_return`]: `-errno`
//! on most ABIs, `+errno` and a flag on mips, CR0.SO on powerpc, the carry on sparc), and a
//! tracer reads it back with [`get_return`]; errors are in each ABI's own numbering.
//!
//! `crate = path` names the facade when it is re-exported under another path.
//!
//! The ABI model and the register allocator live in [`abi`] (the `syscall-define-abi` crate).
#![cfg_attr(not(test), no_std)]

#[doc(inline)]
pub use syscall_define_abi as abi;
pub use syscall_define_macros::{SyscallArg, syscall_define};
/// A Linux error number, from the [`syscalls`](https://docs.rs/syscalls) crate.
pub use syscalls::Errno;

mod arg;
mod display;
pub mod regs;
mod ret;
pub mod seccomp;
pub mod table;
pub mod uapi;

pub use arg::{
    ArgTuple, LoHi, SyscallArg, UserBuf, UserBufMut, UserCStr, UserPtr, decode_arg, kind_mismatch,
};
pub use display::{ArgDisplay, FlagSet};
pub use ret::{
    ResultRegisters, Success, SyscallReturn, get_return, is_error, set_error, set_return,
    set_success,
};
pub use table::{Entry, EntryAction, HasStub, NoHooks, SyscallHooks, SyscallTable, TableEntry};

use abi::{Abi, ArgKind, Layout, MAX_ARGS};
use regs::{AbiTag, ArgRegisters};

// The README's Rust examples are compiled and run as doctests (on an x86-64 host: the README's
// example relies on the default ABIs of that target).
#[cfg(all(doctest, target_arch = "x86_64"))]
#[doc = include_str!("../../README.md")]
mod readme {}

// The attribute's own guide (what an IDE shows on hover), whose examples run here.
#[cfg(doctest)]
#[doc = include_str!("../../syscall-define-macros/src/guide.md")]
mod attribute_guide {}

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

/// A system call defined with `#[syscall_define]`: implemented by the braced struct that carries
/// the syscall's name.
///
/// Entry stubs are `unsafe fn`s: Linux's rule is that nothing but the system-call entry path calls
/// a system call, and the compiler enforces it here. The body itself has no name outside the
/// macro's expansion; [`decode`](Syscall::decode) gives tracers the arguments without running it.
pub trait Syscall: Sized + 'static {
    /// The system call's name, as written.
    const NAME: &'static str;
    /// Its arguments: names, types as written, kinds.
    const ARGS: &'static [ArgMeta];
    /// The argument types, as a tuple.
    type Args: ArgTuple;
    /// The body's return type (`Infallible` for a body declared `-> !`).
    type Return: SyscallReturn;
    /// The descriptor (also reachable as `NAME::DESCRIPTOR`).
    const DESCRIPTOR: &'static Descriptor;
    /// Per-ABI register orders (`#[syscall_define(arm(order = (fd, flags, offset, nbytes)))]`):
    /// on each listed ABI, argument `order[0]` takes the first registers, and so on. The body
    /// keeps the declared order; other ABIs use it too.
    const ORDERS: &'static [(abi::AbiId, &'static [u8])] = &[];

    /// Where each argument lives on ABI `A`, computed at compile time. A signature that does not
    /// fit `A` is a compile error where this is used.
    #[inline(always)]
    fn layout<A: AbiTag>() -> Layout {
        <Self as LayoutOn<A>>::LAYOUT
    }

    /// Decodes the arguments from a register file of ABI `A`, as the entry stub does, without
    /// running the body. An `Err` is what the stub would return instead of running the body (a
    /// newtype argument that rejected its value).
    #[inline(always)]
    fn decode<A: AbiTag, R: ArgRegisters<A> + ?Sized>(regs: &R) -> Result<Self::Args, Errno> {
        <Self::Args as ArgTuple>::decode_from::<A, R>(regs, &<Self as LayoutOn<A>>::LAYOUT)
    }
}

trait LayoutOn<A: AbiTag> {
    const LAYOUT: Layout;
}

/// The layout of `S` on `abi`: in `S`'s declared register order for `abi` if it has one.
const fn layout_of<S: Syscall>(abi: &Abi) -> Result<Layout, abi::AllocError> {
    let kinds = <S::Args as ArgTuple>::KINDS;
    let mut i = 0;
    while i < S::ORDERS.len() {
        let (id, order) = S::ORDERS[i];
        if id as u8 == abi.id as u8 {
            return abi::allocate_in_order(abi, kinds, order);
        }
        i += 1;
    }
    abi::allocate(abi, kinds)
}

impl<S: Syscall, A: AbiTag> LayoutOn<A> for S {
    const LAYOUT: Layout = match layout_of::<S>(A::ABI) {
        Ok(layout) => layout,
        Err(_) => panic!(
            "a #[syscall_define] system call's arguments do not fit this ABI's argument registers; the note below names the syscall and the ABI"
        ),
    };
}

/// One argument of a system call, as metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ArgMeta {
    /// The parameter's name.
    pub name: &'static str,
    /// Its type, as written in the definition.
    pub ty: &'static str,
    /// What the type is ([`SyscallArg::KIND`]).
    pub kind: ArgKind,
    /// How a tracer shows it ([`SyscallArg::DISPLAY`]).
    pub display: ArgDisplay,
}

/// A system call's metadata, for tables, tracers and audit: its name, its arguments, and the
/// register layout on every ABI it was emitted for (only those: its size grows with the ABIs a
/// definition emits, not with the table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Descriptor {
    /// The system call's name.
    pub name: &'static str,
    /// Its arguments.
    pub args: &'static [ArgMeta],
    layouts: &'static [(&'static Abi, Layout)],
}

impl Descriptor {
    /// The descriptor of `S`, with the layouts of the ABIs it was emitted for. Generated code
    /// calls this, with `layouts` built by [`__private::layout_on`].
    #[doc(hidden)]
    pub const fn new<S: Syscall>(layouts: &'static [(&'static Abi, Layout)]) -> Self {
        // `ARGS` and `Args` are declared separately by a hand-written `Syscall` impl.
        assert!(
            S::ARGS.len() == <S::Args as ArgTuple>::KINDS.len(),
            "`Syscall::ARGS` and `Syscall::Args` list a different number of arguments"
        );
        Descriptor {
            name: S::NAME,
            args: S::ARGS,
            layouts,
        }
    }

    /// The layout on `abi`, if stubs were emitted for it.
    pub fn layout(&self, abi: &Abi) -> Option<Layout> {
        self.layouts
            .iter()
            .find(|(a, _)| a.id == abi.id)
            .map(|(_, layout)| *layout)
    }

    /// The ABIs this system call was emitted for, with their layouts.
    pub fn abis(&self) -> impl Iterator<Item = (&'static Abi, Layout)> + '_ {
        self.layouts.iter().copied()
    }

    /// Decodes the arguments from `abi`'s argument words (`words[n]` = slot `n`) into their
    /// values as 64-bit integers, extended per their kinds: what a tracer prints when it does not
    /// know the types. `None` if stubs were not emitted for `abi`, or `words` is too short.
    pub fn decode_words(&self, abi: &Abi, words: &[u64]) -> Option<[u64; MAX_ARGS]> {
        let layout = self.layout(abi)?;
        if words.len() < layout.words_used() {
            return None;
        }
        let mut values = [0; MAX_ARGS];
        for (i, arg) in self.args.iter().enumerate() {
            values[i] = abi::decode_value(arg.kind, layout.raw(i, words), abi);
        }
        Some(values)
    }

    /// Argument `n` read from `regs` of ABI `A`, as a 64-bit value extended per its kind (a pair
    /// joined): constant time, for seccomp, audit and tracers. `None` if stubs were not emitted
    /// for `A` or there is no argument `n`.
    ///
    /// On an ABI with register pairs, "argument n" is not "register n": `pread64`'s `pos` is
    /// argument 3 but registers r4 and r5 on arm. The layout, computed once at compile time,
    /// answers without walking arguments 0..n.
    ///
    /// ```
    /// use syscall_define::regs::{arm, Arm};
    /// use syscall_define::{syscall_define, UserPtr};
    ///
    /// #[syscall_define(abi(arm))]
    /// fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> isize {
    ///     let _ = (fd, buf, count, pos);
    ///     0
    /// }
    ///
    /// let mut regs = arm::PtRegs::default();
    /// regs.uregs[..6].copy_from_slice(&[3, 0x1000, 64, 0xdead, 0x5566_7788, 0x1122_3344]);
    /// assert_eq!(pread64::DESCRIPTOR.arg::<Arm, _>(3, &regs), Some(0x1122_3344_5566_7788));
    /// assert_eq!(pread64::DESCRIPTOR.arg::<Arm, _>(4, &regs), None);
    /// ```
    #[inline]
    pub fn arg<A: AbiTag, R: ArgRegisters<A> + ?Sized>(&self, n: usize, regs: &R) -> Option<u64> {
        let layout = self.layout(A::ABI)?;
        let raw = layout
            .args()
            .get(n)?
            .read(A::ABI, |slot| regs.arg_word(slot));
        Some(abi::decode_value(self.args[n].kind, raw, A::ABI))
    }

    /// Reads the argument words of ABI `A` from `regs` and decodes them as
    /// [`decode_words`](Descriptor::decode_words) does. `None` if stubs were not emitted for `A`.
    pub fn decode_regs<A: AbiTag, R: ArgRegisters<A> + ?Sized>(
        &self,
        regs: &R,
    ) -> Option<[u64; MAX_ARGS]> {
        self.decode_words(A::ABI, &regs::arg_words::<A, R>(regs)[..A::ABI.max_words()])
    }

    /// Formats a call strace-style from argument values (as [`decode_words`] gives them):
    /// `pread64(fd=3, buf=0x804a000, count=4096, pos=-2)`, each argument as its type shows it
    /// ([`ArgMeta::show`]: pointers in hex, signed kinds as signed decimals, the types of
    /// [`uapi`] by name).
    ///
    /// [`decode_words`]: Descriptor::decode_words
    pub fn display_call<'a>(&'a self, values: &'a [u64]) -> impl core::fmt::Display + 'a {
        DisplayCall {
            descriptor: self,
            values,
        }
    }
}

struct DisplayCall<'a> {
    descriptor: &'a Descriptor,
    values: &'a [u64],
}

impl core::fmt::Display for DisplayCall<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}(", self.descriptor.name)?;
        for (i, (arg, value)) in self.descriptor.args.iter().zip(self.values).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}={}", arg.name, arg.show(*value))?;
        }
        f.write_str(")")
    }
}

/// Builds a [`SyscallTable`] at compile time from `number => syscall` pairs.
///
/// Every number not listed returns `-ENOSYS` (in the ABI's numbering). An entry may carry
/// attributes (`#[cfg(…)]`, as Linux's tables carry `CONFIG_` rows); the size may be any constant
/// expression in braces (`{ NR_syscalls }`). A number listed twice, or not below the size, is a
/// compile error naming the entry; a system call without a stub for the table's ABI does not
/// compile. The numbers can come from a crate of syscall numbers
/// (`syscalls::x86_64::Sysno::read as usize`). See [`table`] for an example.
///
/// ```
/// use syscall_define::regs::{x86_64::PtRegs, X86_64};
/// use syscall_define::{syscall_define, syscall_table};
///
/// #[syscall_define(abi(x86_64))]
/// fn getpid() -> i32 { 1 }
/// #[syscall_define(abi(x86_64))]
/// fn getppid() -> i32 { 0 }
///
/// const NR_SYSCALLS: usize = 64;
/// syscall_table! {
///     static TABLE: SyscallTable<X86_64, PtRegs, { NR_SYSCALLS }> = {
///         39 => getpid,
///         #[cfg(any())] // a configuration without getppid
///         110 => getppid,
///     };
/// }
/// assert!(TABLE.descriptor(39).is_some());
/// ```
#[macro_export]
macro_rules! syscall_table {
    (
        $(#[$attr:meta])*
        $vis:vis static $name:ident : SyscallTable<$abi:ty, $regs:ty, $n:tt> = {
            $($entries:tt)*
        };
    ) => {
        $crate::__private::split_table_entries!(
            $crate [$(#[$attr])* $vis $name, $abi, $regs, $n] $($entries)*
        );
    };
    (@parse [$(#[$attr:meta])* $vis:vis $name:ident, $abi:ty, $regs:ty, $n:tt] [] [$(([$($a:tt)*] [$($nr:tt)*] $sys:ty))*]) => {
        $(#[$attr])*
        // A table lists a deprecated system call on purpose (old binaries still call it).
        #[allow(unused_braces, deprecated)]
        $vis static $name: $crate::SyscallTable<$abi, $regs, $n> =
            $crate::SyscallTable::from_checked(&[
                $( $($a)* (($($nr)*) as usize, <$sys as $crate::table::TableEntry<$abi, $regs>>::ENTRY) ),*
            ]);
        // Each entry's number is below the size and listed once; the error names the entry.
        #[allow(unused_braces)]
        const _: () = {
            const NUMBERS: &[usize] = &[$( $($a)* (($($nr)*) as usize) ),*];
            $(
                $($a)*
                const _: () = {
                    if (($($nr)*) as usize) >= $n {
                        ::core::panic!("{}", ::core::concat!("syscall table: `", ::core::stringify!($($nr)*), " => ", ::core::stringify!($sys), "`: the number is not below the table's size `", ::core::stringify!($n), "`"));
                    }
                    if $crate::table::count(NUMBERS, ($($nr)*) as usize) != 1 {
                        ::core::panic!("{}", ::core::concat!("syscall table: `", ::core::stringify!($($nr)*), " => ", ::core::stringify!($sys), "`: another entry has the same number"));
                    }
                };
            )*
        };
    };
}
