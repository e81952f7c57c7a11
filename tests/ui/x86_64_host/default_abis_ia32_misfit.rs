//! Without `abi(...)`, an x86-64 build emits the `x86_64` and `ia32` stubs: a signature that fits
//! x86_64 but not ia32 is an error there (and not on an aarch64 build, which emits no ia32 stub).
use syscall_define::{Errno, syscall_define};

#[syscall_define]
fn five_and_wide(a: u32, b: u32, c: u32, d: u32, e: u32, pos: i64) -> Result<usize, Errno> {
    let _ = (a, b, c, d, e, pos);
    Ok(0)
}

fn main() {}
