//! System-call tables and dispatch, for arch entry code.
//!
//! A [`SyscallTable`] is an array built at compile time from `(number, syscall)` pairs with
//! [`syscall_table!`](crate::syscall_table): unlisted numbers get an entry that returns
//! `-ENOSYS` (Linux's `sys_ni_syscall`); a number listed twice, or a syscall without a stub for
//! the table's ABI, is a compile error. [`SyscallTable::dispatch`] bounds-checks the number, clamps
//! the index against speculation like Linux's `array_index_nospec`, and calls the entry.
//!
//! ```
//! use syscall_define::regs::{x86_64::PtRegs, X86_64};
//! use syscall_define::{syscall_define, syscall_table, Errno};
//!
//! #[syscall_define(abi(x86_64))]
//! fn getpid() -> i32 {
//!     42
//! }
//!
//! #[syscall_define(abi(x86_64))]
//! fn close(fd: u32) -> Result<(), Errno> {
//!     if fd < 3 { Ok(()) } else { Err(Errno::EBADF) }
//! }
//!
//! syscall_table! {
//!     static TABLE: SyscallTable<X86_64, PtRegs, 64> = {
//!         3 => close,
//!         39 => getpid,
//!     };
//! }
//!
//! let mut regs = PtRegs { di: 7, ..Default::default() };
//! // SAFETY: this is what the entry code does with the number in orig_ax.
//! unsafe {
//!     assert_eq!(TABLE.dispatch(39, &mut regs), 42);
//!     assert_eq!(TABLE.dispatch(3, &mut regs), -9); // -EBADF
//!     assert_eq!(TABLE.dispatch(40, &mut regs), -38); // -ENOSYS: not in the table
//!     assert_eq!(TABLE.dispatch(-1, &mut regs), -38); // -ENOSYS: out of range
//! }
//! assert_eq!(TABLE.descriptor(3).unwrap().name, "close");
//! ```

use core::marker::PhantomData;

use crate::regs::{AbiTag, ArgRegisters};
use crate::{Descriptor, Errno, Syscall};

/// A system call that has an entry stub for ABI `A`: `#[syscall_define]` implements it for every
/// ABI it emits.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no entry stub for the ABI of this table",
    label = "not emitted for this ABI",
    note = "name the ABI in the definition, e.g. `#[syscall_define(abi(x86_64, ia32))]`; by default only the ABIs of the target are emitted"
)]
pub trait HasStub<A: AbiTag>: Syscall {
    /// Runs ABI `A`'s entry path on `regs`, exactly what its generated stub (`__x64_sys_NAME`
    /// for [`X86_64`](crate::regs::X86_64), and so on) runs: decode, body, return value. Generic
    /// code, such as a test over every ABI or an emulator that serves several, reaches any
    /// ABI's stub through this; the named stubs are for entry code and symbol tables.
    ///
    /// # Safety
    /// Only for arch entry code, as the stub itself: see [`Syscall`].
    #[inline(always)]
    unsafe fn stub<R: ArgRegisters<A> + ?Sized>(regs: &R) -> isize
    where
        Self: crate::__private::Body,
    {
        // SAFETY: forwarded from the caller.
        unsafe { crate::__private::enter::<Self, A, R>(regs) }
    }

    /// The whole system call on `regs`, exit path included: decode, run the body, and write its
    /// result with ABI `A`'s convention ([`set_return`](crate::set_return), or
    /// [`set_success`](crate::set_success) for a body's [`Success`](crate::Success)). What an
    /// emulator serving a call, or a kernel's exit path, does.
    ///
    /// # Safety
    /// Only for arch entry code, as the stub itself: see [`Syscall`].
    #[inline(always)]
    unsafe fn serve<R>(regs: &mut R)
    where
        Self: crate::__private::Body,
        R: ArgRegisters<A> + crate::ResultRegisters<A> + ?Sized,
    {
        // SAFETY: forwarded from the caller.
        unsafe { crate::__private::serve::<Self, A, R>(regs) }
    }
}

/// What a system call puts in a table of ABI `A` over register file `R`: implemented for every
/// system call with a stub for `A` (its decoding entry path), and by `#[syscall_define(ptregs)]`
/// for a full-register system call on its register file (marked so the exit path knows the
/// registers may have changed).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an entry of a table of this ABI and register file",
    label = "no entry stub for this ABI, or a full-register syscall on another register file",
    note = "name the ABI in the definition, e.g. `#[syscall_define(abi(x86_64, ia32))]`; a `ptregs` syscall takes the register file its body names"
)]
pub trait TableEntry<A: AbiTag, R: ?Sized + 'static> {
    /// The entry.
    const ENTRY: Entry<R>;
}

impl<S, A, R> TableEntry<A, R> for S
where
    S: crate::__private::Body + HasStub<A>,
    A: AbiTag,
    R: ArgRegisters<A> + ?Sized + 'static,
{
    const ENTRY: Entry<R> = Entry::of::<S, A>();
}

/// The type of a table entry: the whole entry path of one system call on register file `R`.
pub type EntryFn<R> = unsafe fn(&mut R) -> isize;

/// One slot of a [`SyscallTable`].
pub struct Entry<R: ?Sized + 'static> {
    call: EntryFn<R>,
    descriptor: Option<&'static Descriptor>,
    full_regs: bool,
}

impl<R: ?Sized + 'static> Clone for Entry<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R: ?Sized + 'static> Copy for Entry<R> {}

impl<R: ?Sized + 'static> Entry<R> {
    /// The entry of an unimplemented number: returns `-ENOSYS` (`sys_ni_syscall`), in the generic
    /// numbering (a table's own unlisted numbers return its ABI's).
    pub const NOT_IMPLEMENTED: Self = Entry {
        call: ni_syscall::<R>,
        descriptor: None,
        full_regs: false,
    };

    /// The entry of `S` on ABI `A`.
    pub const fn of<S, A>() -> Self
    where
        S: crate::__private::Body + HasStub<A>,
        A: AbiTag,
        R: ArgRegisters<A>,
    {
        Entry {
            call: enter_mut::<S, A, R>,
            descriptor: Some(S::DESCRIPTOR),
            full_regs: false,
        }
    }

    /// An entry that takes the whole register file (a `#[syscall_define(ptregs)]` system call),
    /// marked so that the exit path knows the registers may have changed.
    pub const fn full_regs(call: EntryFn<R>, descriptor: &'static Descriptor) -> Self {
        Entry {
            call,
            descriptor: Some(descriptor),
            full_regs: true,
        }
    }

    /// The system call's descriptor; `None` for an unimplemented number.
    pub const fn descriptor(&self) -> Option<&'static Descriptor> {
        self.descriptor
    }

    /// Whether the system call may rewrite the register file (the exit path must then restore
    /// every register, Linux's slow exit).
    pub const fn rewrites_registers(&self) -> bool {
        self.full_regs
    }
}

#[inline(always)]
unsafe fn enter_mut<S: crate::__private::Body, A: AbiTag, R: ArgRegisters<A> + ?Sized>(
    regs: &mut R,
) -> isize {
    // SAFETY: forwarded from the table's caller, the entry path.
    unsafe { crate::__private::enter::<S, A, R>(regs) }
}

unsafe fn ni_syscall<R: ?Sized>(_regs: &mut R) -> isize {
    crate::ret::errno_return(Errno::ENOSYS)
}

/// `sys_ni_syscall` of ABI `A`: `-ENOSYS` in its numbering (89 on mips).
unsafe fn ni_syscall_on<A: AbiTag, R: ?Sized>(_regs: &mut R) -> isize {
    crate::ret::errno_return_on(A::ABI, Errno::ENOSYS)
}

/// How often `nr` occurs in `numbers`: `syscall_table!` checks that each entry's number occurs
/// once, naming the entry.
#[doc(hidden)]
pub const fn count(numbers: &[usize], nr: usize) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < numbers.len() {
        if numbers[i] == nr {
            n += 1;
        }
        i += 1;
    }
    n
}

/// A system-call table of ABI `A` over register file `R`, with numbers `0..N`.
pub struct SyscallTable<A: AbiTag, R: ?Sized + 'static, const N: usize> {
    entries: [Entry<R>; N],
    /// The entries' functions again, densely: the dispatch path loads one pointer per call
    /// (`table + 8 * nr`) instead of indexing 24-byte entries.
    calls: [EntryFn<R>; N],
    _abi: PhantomData<A>,
}

impl<A: AbiTag, R: ?Sized + 'static, const N: usize> SyscallTable<A, R, N> {
    /// Builds the table from `(number, entry)` pairs; every other number returns `-ENOSYS`.
    ///
    /// # Panics
    /// At compile time (in a `static` or `const`): a number listed twice, or a number `>= N`.
    pub const fn new(list: &[(usize, Entry<R>)]) -> Self {
        let mut listed = [false; N];
        let mut i = 0;
        while i < list.len() {
            let nr = list[i].0;
            if nr >= N {
                panic!("syscall table: a system-call number is not below the table's size N");
            }
            if listed[nr] {
                panic!("syscall table: two entries have the same system-call number");
            }
            listed[nr] = true;
            i += 1;
        }
        Self::from_checked(list)
    }

    /// [`new`](Self::new) for `syscall_table!`, which checks every entry's number itself and
    /// names the entry in the error: numbers out of range are left out here, so that the error
    /// is reported once.
    #[doc(hidden)]
    pub const fn from_checked(list: &[(usize, Entry<R>)]) -> Self {
        let not_implemented = Entry {
            call: ni_syscall_on::<A, R>,
            descriptor: None,
            full_regs: false,
        };
        let mut entries = [not_implemented; N];
        let mut i = 0;
        while i < list.len() {
            let (nr, entry) = list[i];
            if nr < N {
                entries[nr] = entry;
            }
            i += 1;
        }
        let mut calls: [EntryFn<R>; N] = [ni_syscall_on::<A, R>; N];
        let mut i = 0;
        while i < N {
            calls[i] = entries[i].call;
            i += 1;
        }
        SyscallTable {
            entries,
            calls,
            _abi: PhantomData,
        }
    }

    /// The number of slots (`NR_syscalls`).
    pub const fn len(&self) -> usize {
        N
    }

    /// Whether the table has no slots.
    pub const fn is_empty(&self) -> bool {
        N == 0
    }

    /// The entry for `nr`, if `nr` is in range.
    pub fn entry(&self, nr: usize) -> Option<&Entry<R>> {
        self.entries.get(nr)
    }

    /// The descriptor of the system call with number `nr`, if there is one.
    pub fn descriptor(&self, nr: usize) -> Option<&'static Descriptor> {
        self.entry(nr).and_then(|e| e.descriptor)
    }

    /// Calls the system call numbered `nr` (as the entry code read it: negative numbers and
    /// numbers `>= N` return `-ENOSYS`). The index is clamped with
    /// [`array_index_nospec`] before the table load, so a mispredicted bounds check cannot
    /// speculatively load an entry from outside the table.
    ///
    /// # Safety
    /// For the arch entry path only: it runs a system call on `regs`.
    #[inline(always)]
    pub unsafe fn dispatch(&self, nr: isize, regs: &mut R) -> isize {
        // SAFETY: forwarded.
        unsafe { self.dispatch_with(nr, regs, &mut NoHooks) }
    }

    /// [`dispatch`](Self::dispatch) with entry/exit work: `hooks` sees the system call before
    /// it runs (and may deny or skip it) and its return value after.
    ///
    /// # Safety
    /// For the arch entry path only: it runs a system call on `regs`.
    #[inline(always)]
    pub unsafe fn dispatch_with<H: SyscallHooks<A, R>>(
        &self,
        nr: isize,
        regs: &mut R,
        hooks: &mut H,
    ) -> isize {
        let index = nr as usize;
        if index >= N {
            return match hooks.on_entry(nr, None, regs) {
                EntryAction::Skip(ret) => hooks.on_exit(nr, None, regs, ret),
                EntryAction::Deny(e) => {
                    hooks.on_exit(nr, None, regs, crate::ret::errno_return_on(A::ABI, e))
                }
                EntryAction::Allow => hooks.on_exit(
                    nr,
                    None,
                    regs,
                    crate::ret::errno_return_on(A::ABI, Errno::ENOSYS),
                ),
            };
        }
        // `array_index_nospec` against the constant N (an immediate operand on x86-64).
        let index = index & index_mask_below::<N>(index);
        // SAFETY: the masked index is below N (0 when out of range).
        let entry = unsafe { self.entries.get_unchecked(index) };
        let ret = match hooks.on_entry(nr, entry.descriptor, regs) {
            // SAFETY: forwarded from the caller, the entry path.
            EntryAction::Allow => unsafe { (self.calls.get_unchecked(index))(regs) },
            EntryAction::Deny(e) => crate::ret::errno_return_on(A::ABI, e),
            EntryAction::Skip(ret) => ret,
        };
        hooks.on_exit(nr, entry.descriptor, regs, ret)
    }
}

/// What entry work decided about a system call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryAction {
    /// Run it.
    Allow,
    /// Do not run it; return `-errno` (seccomp's `SECCOMP_RET_ERRNO`).
    Deny(Errno),
    /// Do not run it; return this value (a tracer or emulator that served it).
    Skip(isize),
}

/// Entry and exit work around a system call: seccomp, ptrace, audit, tracing.
///
/// Both methods have defaults that do nothing, and [`NoHooks`] is the empty implementation:
/// with it, [`SyscallTable::dispatch_with`] compiles to the same code as
/// [`dispatch`](SyscallTable::dispatch). `descriptor` is `None` for numbers without a system call.
///
/// ```
/// use syscall_define::regs::{x86_64::PtRegs, X86_64};
/// use syscall_define::{syscall_define, syscall_table, Descriptor, EntryAction, Errno, SyscallHooks};
///
/// #[syscall_define(abi(x86_64))]
/// fn kill(pid: i32, sig: i32) -> Result<(), Errno> {
///     let _ = (pid, sig);
///     Ok(())
/// }
///
/// syscall_table! {
///     static TABLE: SyscallTable<X86_64, PtRegs, 64> = { 62 => kill };
/// }
///
/// /// Like a seccomp filter: no signal to pid 1, and count the calls.
/// struct Filter { calls: usize }
///
/// impl SyscallHooks<X86_64, PtRegs> for Filter {
///     fn on_entry(&mut self, _nr: isize, d: Option<&'static Descriptor>, regs: &PtRegs) -> EntryAction {
///         self.calls += 1;
///         match d.and_then(|d| d.arg::<X86_64, _>(0, regs)) {
///             Some(1) => EntryAction::Deny(Errno::EPERM),
///             _ => EntryAction::Allow,
///         }
///     }
/// }
///
/// let mut filter = Filter { calls: 0 };
/// let mut regs = PtRegs { di: 1, si: 9, ..Default::default() };
/// // SAFETY: the entry path.
/// assert_eq!(unsafe { TABLE.dispatch_with(62, &mut regs, &mut filter) }, -1); // -EPERM
/// regs.di = 1234;
/// assert_eq!(unsafe { TABLE.dispatch_with(62, &mut regs, &mut filter) }, 0);
/// assert_eq!(filter.calls, 2);
/// ```
pub trait SyscallHooks<A: AbiTag, R: ?Sized> {
    /// Before the call; the arguments can be read with
    /// [`Descriptor::arg`](crate::Descriptor::arg).
    #[inline(always)]
    fn on_entry(
        &mut self,
        nr: isize,
        descriptor: Option<&'static Descriptor>,
        regs: &R,
    ) -> EntryAction {
        let _ = (nr, descriptor, regs);
        EntryAction::Allow
    }

    /// After the call; returns the value for the return register.
    #[inline(always)]
    fn on_exit(
        &mut self,
        nr: isize,
        descriptor: Option<&'static Descriptor>,
        regs: &R,
        ret: isize,
    ) -> isize {
        let _ = (nr, descriptor, regs);
        ret
    }
}

/// No entry or exit work.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoHooks;

impl<A: AbiTag, R: ?Sized> SyscallHooks<A, R> for NoHooks {}

/// `index` if `index < size`, else 0, computed without a branch the CPU could mispredict (Linux's
/// `array_index_nospec`). Use it between a bounds check and the load it guards.
///
/// ```
/// use syscall_define::table::array_index_nospec;
///
/// let table = [10, 20, 30];
/// let nr = 2;
/// if nr < table.len() {
///     // Even if the bounds check is mispredicted, the load stays inside the table.
///     assert_eq!(table[array_index_nospec(nr, table.len())], 30);
/// }
/// assert_eq!(array_index_nospec(7, 3), 0);
/// ```
#[inline(always)]
pub fn array_index_nospec(index: usize, size: usize) -> usize {
    index & array_index_mask_nospec(index, size)
}

/// Linux's x86 `array_index_mask_nospec`: `cmp index, size` sets the carry flag iff
/// `index < size` (unsigned), and `sbb mask, mask` turns it into all ones or zero, without a
/// branch. `size` is an asm operand: a register, or an immediate for a constant.
#[cfg(target_arch = "x86_64")]
macro_rules! x86_index_mask {
    ($index:expr, $($size:tt)+) => {{
        let mask: usize;
        // SAFETY: arithmetic on registers only.
        unsafe {
            core::arch::asm!(
                "cmp {index}, {size}",
                "sbb {mask}, {mask}",
                index = in(reg) $index,
                size = $($size)+,
                mask = lateout(reg) mask,
                options(pure, nomem, nostack),
            );
        }
        mask
    }};
}

/// [`array_index_mask_nospec`] against a constant size: on x86-64 the size is the `cmp`'s
/// immediate, as Linux's `"g"` constraint allows, instead of a register loaded first.
#[inline(always)]
fn index_mask_below<const N: usize>(index: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    if N <= i32::MAX as usize {
        return x86_index_mask!(index, const N);
    }
    array_index_mask_nospec(index, N)
}

/// All ones if `index < size`, else 0, without a branch.
#[inline(always)]
pub fn array_index_mask_nospec(index: usize, size: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        x86_index_mask!(index, in(reg) size)
    }
    #[cfg(target_arch = "aarch64")]
    {
        let mask: usize;
        // SAFETY: arithmetic on registers only; `csdb` is Linux's speculation barrier for the
        // conditional select (arch/arm64/include/asm/barrier.h).
        unsafe {
            core::arch::asm!(
                "cmp {index}, {size}",
                "sbc {mask}, xzr, xzr",
                "hint #0x14", // csdb
                index = in(reg) index,
                size = in(reg) size,
                mask = lateout(reg) mask,
                options(pure, nomem, nostack),
            );
        }
        mask
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        // Linux's generic version: ~(index | (size - 1 - index)) has its top bit set iff
        // index < size; the arithmetic shift spreads it. `black_box` stands in for Linux's
        // OPTIMIZER_HIDE_VAR, so the compiler is discouraged from turning it into a branch.
        let bits = usize::BITS - 1;
        let mask = (!(index | size.wrapping_sub(1).wrapping_sub(index)) as isize >> bits) as usize;
        core::hint::black_box(mask)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_is_all_ones_below_size_and_zero_from_size_on() {
        for size in [1usize, 2, 63, 64, 450, usize::MAX / 2] {
            for index in [
                0usize,
                1,
                size - 1,
                size,
                size + 1,
                usize::MAX,
                usize::MAX / 2 + 7,
            ] {
                let expected = if index < size { usize::MAX } else { 0 };
                assert_eq!(
                    array_index_mask_nospec(index, size),
                    expected,
                    "{index} {size}"
                );
                assert_eq!(array_index_nospec(index, size), index & expected);
            }
        }
    }
}
