use syscall_define::regs::x86_64::PtRegs;
use syscall_define::{Errno, UserPtr, syscall_define};

#[syscall_define(abi(x86_64, ia32))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> Result<usize, Errno> {
    let _ = (fd, buf, pos);
    Ok(count)
}

// Only the arch entry code may run an entry stub; from safe code it needs `unsafe`.
fn read_config(regs: &PtRegs) -> isize {
    __x64_sys_pread64(regs)
}

fn main() {
    let _ = read_config(&PtRegs::default());
}
