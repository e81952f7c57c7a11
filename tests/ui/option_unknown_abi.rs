use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, i386))]
fn example(fd: u32, count: usize) -> isize {
    let _ = fd;
    count as isize
}

fn main() {}
