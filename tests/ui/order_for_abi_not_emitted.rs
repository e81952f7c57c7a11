use syscall_define::{syscall_define, Errno};

#[syscall_define(abi(x86_64, ia32), arm(order = (fd, flags, offset, nbytes)))]
fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> Result<(), Errno> {
    let _ = (fd, offset, nbytes, flags);
    Ok(())
}

fn main() {}
