use syscall_define::regs::{x86_64::PtRegs, X86_64};
use syscall_define::syscall_table;

fn close(fd: u32) -> isize {
    let _ = fd;
    0
}

syscall_table! {
    static X64: SyscallTable<X86_64, PtRegs, 64> = { 3 => close };
}

fn main() {}
