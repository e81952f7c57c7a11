use syscall_define::syscall_define;

struct Syscalls;

impl Syscalls {
    #[syscall_define(abi(x86_64, ia32))]
    fn close(fd: u32) -> isize {
        let _ = fd;
        0
    }
}

fn main() {
    // The function stays in the impl, so code calling it keeps compiling.
    let _ = Syscalls::close(3);
}
