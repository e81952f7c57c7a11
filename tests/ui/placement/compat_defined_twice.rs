use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
pub fn ioctl(fd: u32, cmd: u32, arg: usize) -> isize {
    (fd as usize ^ cmd as usize ^ arg) as isize
}

#[syscall_define(compat, abi(ia32))]
pub fn ioctl(fd: u32, cmd: u32, arg: u32) -> isize {
    (fd ^ cmd ^ arg) as isize
}

#[syscall_define(compat, abi(arm))]
pub fn ioctl(fd: u32, cmd: u32, arg: u32) -> isize {
    (fd ^ cmd ^ arg) as isize
}

fn main() {}
