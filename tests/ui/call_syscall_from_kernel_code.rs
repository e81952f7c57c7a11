use syscall_define::{Errno, UserPtr, syscall_define};

#[syscall_define(abi(x86_64, ia32))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
    let _ = (fd, buf, pos);
    Ok(count)
}

// Kernel code must not call a system call: Linux's rule for SYSCALL_DEFINEx.
fn read_config(buf: UserPtr<u8>) -> Result<usize, Errno> {
    pread64(3, buf, 64, 0)
}

fn main() {
    let _ = read_config(UserPtr::new(0x1000));
}
