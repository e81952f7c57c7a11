use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
fn example((a, b): (u32, u32)) -> isize {
    (a + b) as isize
}

fn main() {}
