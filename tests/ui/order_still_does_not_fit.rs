use syscall_define::{Errno, syscall_define};

// The order given for arm still puts `flags` after the pairs.
#[syscall_define(abi(aarch64, arm), arm(order = (fd, offset, flags, nbytes)))]
fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> Result<(), Errno> {
    let _ = (fd, offset, nbytes, flags);
    Ok(())
}

fn main() {}
