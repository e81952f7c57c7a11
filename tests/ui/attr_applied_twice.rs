use syscall_define::syscall_define;

#[syscall_define(abi(x86_64))]
#[syscall_define(abi(ia32))]
fn close(fd: u32) -> isize {
    let _ = fd;
    0
}

fn main() {}
