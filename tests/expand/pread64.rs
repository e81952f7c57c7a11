//! An `i64` on ia32 (a pair in si/di) and on arm (r3 skipped, the pair in r4/r5).

use syscall_define::{UserPtr, syscall_define};

#[syscall_define(abi(ia32, arm))]
pub fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> isize {
    if fd != 3 || buf.is_null() {
        return -9;
    }
    (pos as isize).wrapping_add(count as isize)
}
