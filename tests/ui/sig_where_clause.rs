use syscall_define::{Errno, syscall_define};

#[syscall_define(abi(x86_64, ia32))]
fn example(fd: u32, count: usize) -> Result<usize, Errno>
where
    usize: Copy,
{
    let _ = fd;
    Ok(count)
}

fn main() {}
