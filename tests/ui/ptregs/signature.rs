use syscall_define::regs::x86_64::PtRegs;
use syscall_define::syscall_define;

// A full-register syscall takes the register file by `&mut`, and nothing else.
#[syscall_define(abi(x86_64), ptregs)]
fn rt_sigreturn(regs: &PtRegs, extra: u32) -> isize {
    let _ = (regs, extra);
    0
}

fn main() {}
