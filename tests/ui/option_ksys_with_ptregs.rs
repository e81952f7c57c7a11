use syscall_define::regs::x86_64::PtRegs;
use syscall_define::syscall_define;

#[syscall_define(abi(x86_64), ptregs, ksys)]
fn rt_sigreturn(regs: &mut PtRegs) -> isize {
    regs.ax as isize
}

fn main() {}
