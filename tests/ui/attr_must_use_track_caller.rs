use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
#[must_use]
fn close(fd: u32) -> isize {
    let _ = fd;
    0
}

#[syscall_define(abi(x86_64, ia32))]
#[track_caller]
fn dup(fd: u32) -> isize {
    let _ = fd;
    0
}

fn main() {}
