use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
fn openat(dfd: i32, #[cfg(target_os = "linux")] flags: u32, mode: u32) -> isize {
    let _ = (dfd, flags, mode);
    0
}

fn main() {}
