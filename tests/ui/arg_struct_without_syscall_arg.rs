use syscall_define::{Errno, syscall_define};

/// A flags word that does not say what it is to the ABI (no `SyscallArg` impl).
#[derive(Clone, Copy, Debug)]
pub struct Flags(pub u32);

#[syscall_define(abi(x86_64, ia32))]
fn example(fd: u32, value: Flags) -> Result<usize, Errno> {
    let _ = (fd, value);
    Ok(0)
}

fn main() {}
