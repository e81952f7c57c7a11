use syscall_define::{Errno, syscall_define};

#[allow(non_camel_case_types)]
type loff_t = i64;

#[syscall_define(abi(aarch64, arm))]
fn sync_file_range(fd: i32, offset: loff_t, nbytes: loff_t, flags: u32) -> Result<(), Errno> {
    let _ = (fd, offset, nbytes, flags);
    Ok(())
}

fn main() {}
