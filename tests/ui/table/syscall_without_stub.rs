use syscall_define::regs::{arm, Arm};
use syscall_define::{syscall_define, syscall_table};

// Stubs for x86_64 and ia32 only: it cannot go into an arm table.
#[syscall_define(abi(x86_64, ia32))]
fn getpid() -> i32 {
    1
}

syscall_table! {
    static TABLE: SyscallTable<Arm, arm::PtRegs, 400> = {
        20 => getpid,
    };
}

fn main() {
    let _ = &TABLE;
}
