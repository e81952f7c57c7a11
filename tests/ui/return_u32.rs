use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
fn getuid_like() -> u32 {
    0
}

#[syscall_define(abi(x86_64, ia32))]
fn small() -> u16 {
    0
}

fn main() {}
