use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
struct Example {
    fd: u32,
}

fn main() {}
