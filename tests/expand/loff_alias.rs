//! A type alias of `i64`: the macro cannot see through it, so the generated code checks the
//! layout in `const` items with the width `SyscallArg::KIND` declares.

use syscall_define::{Errno, syscall_define};

#[allow(non_camel_case_types)]
pub type loff_t = i64;

#[syscall_define(abi(x86_64, ia32, arm))]
pub fn ftruncate64(fd: u32, length: loff_t) -> Result<usize, Errno> {
    if fd != 3 {
        Err(Errno::EBADF)
    } else if length < 0 {
        Err(Errno::EINVAL)
    } else {
        Ok(length as usize)
    }
}
