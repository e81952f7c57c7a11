use syscall_define::{Errno, UserPtr, syscall_define};

#[syscall_define(abi(x86_64, ia32))]
fn example<'a>(fd: u32, buf: UserPtr<&'a u8>) -> Result<usize, Errno> {
    let _ = (fd, buf);
    Ok(0)
}

fn main() {}
