//! No arguments, the default ABI set (the target's: stubs under `#[cfg(target_arch)]`), no docs.

use syscall_define::syscall_define;

#[syscall_define]
pub fn getpid() -> isize {
    4242
}
