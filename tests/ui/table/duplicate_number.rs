use syscall_define::regs::{x86_64::PtRegs, X86_64};
use syscall_define::{syscall_define, syscall_table};

#[syscall_define(abi(x86_64))]
fn getpid() -> i32 {
    1
}

#[syscall_define(abi(x86_64))]
fn getppid() -> i32 {
    0
}

syscall_table! {
    static TABLE: SyscallTable<X86_64, PtRegs, 128> = {
        39 => getpid,
        39 => getppid,
    };
}

fn main() {
    let _ = &TABLE;
}
