use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
fn example(fd: u32, args: ...) -> isize {
    fd as isize
}

fn main() {}
