//! An array the size of `pt_regs` is not a register file: nothing says which word is which.
use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32), ptregs)]
fn rt_sigreturn(regs: &mut [u64; 21]) -> isize {
    regs[10] as isize
}

fn main() {}
