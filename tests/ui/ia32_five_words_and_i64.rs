use syscall_define::{Errno, syscall_define};

#[syscall_define(abi(x86_64, ia32))]
fn five_and_wide(a: u32, b: u32, c: u32, d: u32, e: u32, pos: i64) -> Result<usize, Errno> {
    let _ = (a, b, c, d, e, pos);
    Ok(0)
}

fn main() {}
