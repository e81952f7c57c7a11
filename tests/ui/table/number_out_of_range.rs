use syscall_define::regs::{x86_64::PtRegs, X86_64};
use syscall_define::{syscall_define, syscall_table};

#[syscall_define(abi(x86_64))]
fn getpid() -> i32 {
    1
}

#[syscall_define(abi(x86_64))]
fn pread64(fd: u32, buf: usize, count: usize, pos: i64) -> isize {
    let _ = (fd, buf, count, pos);
    0
}

const NR_SYSCALLS: usize = 64;

// The error names the entry whose number is not below the size.
syscall_table! {
    static TABLE: SyscallTable<X86_64, PtRegs, { NR_SYSCALLS }> = {
        39 => getpid,
        #[cfg(all())]
        317 => pread64,
    };
}

fn main() {
    let _ = &TABLE;
}
