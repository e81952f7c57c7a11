// Exported and with `ksys`: still one error (the second is neither exported nor named).
use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32), export, ksys)]
pub fn close(fd: u32) -> isize {
    fd as isize
}

#[syscall_define(abi(x86_64, ia32), export, ksys)]
pub fn close(fd: u32) -> isize {
    fd as isize
}

fn main() {
    let _ = ksys_close(3);
}
