use syscall_define::syscall_define;

trait Syscalls {
    #[syscall_define(abi(x86_64))]
    fn getpid() -> isize;
}

fn main() {}
