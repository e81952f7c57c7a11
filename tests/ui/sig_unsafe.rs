use syscall_define::{Errno, syscall_define};

#[syscall_define(abi(x86_64, ia32))]
unsafe fn example(fd: u32, count: usize) -> Result<usize, Errno> {
    let _ = fd;
    Ok(count)
}

fn main() {}
