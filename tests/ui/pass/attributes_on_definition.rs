//! `#[deprecated]` and `#[cold]` on a definition go where they mean something, and the macro's
//! own items never warn: an old system call kept for old binaries builds cleanly however strict
//! the crate, its table entry too; kernel code that names it is warned (`deprecated_caller.rs`).
#![deny(warnings)]

use syscall_define::regs::{x86_64::PtRegs, X86_64};
use syscall_define::{syscall_define, syscall_table, Errno, LoHi, Syscall};

/// The old `uselib`: kept for binaries that still call it.
#[syscall_define(abi(x86_64, ia32), ksys)]
#[deprecated(note = "uselib is only for a.out binaries")]
#[cold]
fn uselib(library: usize) -> Result<(), Errno> {
    let _ = library;
    Err(Errno::ENOSYS)
}

/// A deprecated definition whose argument type the macro cannot classify alone (a kind check),
/// exported under its C name.
#[syscall_define(abi(x86_64, ia32), export)]
#[deprecated]
fn old_preadv(fd: usize, pos: LoHi) -> isize {
    let _ = (fd, pos);
    0
}

syscall_table! {
    static X64: SyscallTable<X86_64, PtRegs, 512> = { 134 => uselib, 295 => old_preadv };
}

fn main() {
    let mut regs = PtRegs {
        di: 7,
        ..PtRegs::default()
    };
    assert_eq!(
        unsafe { X64.dispatch(134, &mut regs) },
        -(Errno::ENOSYS.into_raw() as isize)
    );
    #[allow(deprecated)]
    {
        assert_eq!(uselib::DESCRIPTOR.name, "uselib");
        assert_eq!(<old_preadv as Syscall>::NAME, "old_preadv");
    }
}
