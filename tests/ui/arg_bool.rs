use syscall_define::{Errno, syscall_define};

#[syscall_define(abi(x86_64, ia32))]
fn example(fd: u32, value: bool) -> Result<usize, Errno> {
    let _ = (fd, value);
    Ok(0)
}

fn main() {}
