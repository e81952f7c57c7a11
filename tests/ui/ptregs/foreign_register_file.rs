//! A `ptregs` body's register file must be one that every emitted ABI's stub can be handed: the
//! 32-bit ARM `pt_regs` is not an x86-64 register file.
use syscall_define::regs::arm;
use syscall_define::syscall_define;

#[syscall_define(abi(x86_64), ptregs)]
fn rt_sigreturn(regs: &mut arm::PtRegs) -> isize {
    regs.uregs[0] as isize
}

fn main() {}
