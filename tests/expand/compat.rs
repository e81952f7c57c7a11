//! A compat definition beside the native one of the same system call (Linux's
//! `COMPAT_SYSCALL_DEFINE3(ioctl, …)` beside `SYSCALL_DEFINE3(ioctl, …)`): the type is
//! `compat_ioctl`, the stubs `__ia32_compat_sys_ioctl` and `__arm64_compat_sys_ioctl`.

use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
pub fn ioctl(fd: u32, cmd: u32, arg: usize) -> isize {
    (fd as usize ^ cmd as usize ^ arg) as isize
}

#[syscall_define(compat, abi(ia32, arm))]
pub fn ioctl(fd: u32, cmd: u32, arg: u32) -> isize {
    (fd ^ cmd ^ arg) as isize
}
