use syscall_define::SyscallArg;

// How wide is it in the register?
#[derive(SyscallArg)]
enum Whence {
    Set,
    Cur,
}

fn main() {}
