use syscall_define::{syscall_define, Errno};

// arm's order must name every argument once.
#[syscall_define(abi(arm), arm(order = (fd, flags, offest)))]
fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> Result<(), Errno> {
    let _ = (fd, offset, nbytes, flags);
    Ok(())
}

fn main() {}
