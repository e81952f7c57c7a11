//! `#[syscall_define(ksys)]` gives in-kernel callers a typed `ksys_NAME`, with no registers.
use syscall_define::{Errno, UserPtr, syscall_define};

#[syscall_define(abi(x86_64, ia32), ksys)]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
    if fd != 3 {
        return Err(Errno::EBADF);
    }
    let _ = (buf, pos);
    Ok(count.min(100))
}

/// Kernel code that reads a file on behalf of user space, as `kernel_read` would.
fn read_config(buf: UserPtr<u8>) -> Result<usize, Errno> {
    ksys_pread64(3, buf, 4096, 0)
}

fn main() {
    assert_eq!(read_config(UserPtr::new(0x1000)), Ok(100));
    assert_eq!(
        ksys_pread64(4, UserPtr::new(0x1000), 1, 0),
        Err(Errno::EBADF)
    );
    assert_eq!(renamed::ksys_getppid(), 1);
}

/// `crate = path` names the facade when it is re-exported or renamed.
mod renamed {
    pub use syscall_define as facade;

    #[facade::syscall_define(abi(x86_64), ksys, crate = crate::renamed::facade)]
    pub fn getppid() -> isize {
        1
    }
}
