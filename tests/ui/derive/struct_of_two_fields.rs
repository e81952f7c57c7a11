use syscall_define::SyscallArg;

// A register holds one value.
#[derive(SyscallArg)]
struct Range(u32, u32);

fn main() {}
