use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
const fn example(fd: u32, count: usize) -> usize {
    let _ = fd;
    count
}

fn main() {}
