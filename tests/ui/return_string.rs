use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
fn example(fd: u32) -> String {
    fd.to_string()
}

fn main() {}
