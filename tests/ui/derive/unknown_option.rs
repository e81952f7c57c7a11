use syscall_define::SyscallArg;

#[derive(SyscallArg)]
#[syscall_arg(errno = EBADF)]
struct Fd(i32);

fn main() {}
