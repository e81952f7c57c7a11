use syscall_define::{Errno, syscall_define};

#[syscall_define(abi(aarch64, arm))]
fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> Result<(), Errno> {
    let _ = (fd, offset, nbytes, flags);
    Ok(())
}

fn main() {}
