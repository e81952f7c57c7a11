use syscall_define::syscall_define;

// `all` already names every ABI.
#[syscall_define(abi(all, x86_64))]
fn getpid() -> i32 {
    1
}

fn main() {}
