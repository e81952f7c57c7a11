//! Kernel code that calls a deprecated system call, or names its type, is warned, as for any
//! deprecated function (and here, denied).
#![deny(deprecated)]

use syscall_define::{syscall_define, Errno};

#[syscall_define(abi(x86_64, ia32), ksys)]
#[deprecated(note = "uselib is only for a.out binaries")]
fn uselib(library: usize) -> Result<(), Errno> {
    let _ = library;
    Err(Errno::ENOSYS)
}

fn main() {
    let _ = ksys_uselib(0);
    let _ = uselib::DESCRIPTOR;
}
