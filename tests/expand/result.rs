//! A `Result` return, and `ksys` for in-kernel callers.

use syscall_define::{Errno, syscall_define};

#[syscall_define(abi(x86_64, ia32), ksys)]
pub fn close(fd: u32) -> Result<(), Errno> {
    if fd < 3 { Ok(()) } else { Err(Errno::EBADF) }
}
