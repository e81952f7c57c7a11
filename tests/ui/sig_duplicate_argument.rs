use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
fn example(fd: u32, count: usize, fd: u32) -> isize {
    (fd as usize + count) as isize
}

fn main() {}
