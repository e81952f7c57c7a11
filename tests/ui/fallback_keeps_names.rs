//! On an error the macro still defines the names a successful expansion would (the type, its
//! `Syscall` implementation and descriptor, the stubs), so the rest of the crate resolves them —
//! a table that lists the call, code that reads its descriptor: the only error is the macro's.
use syscall_define::regs::{x86_64::PtRegs, X86_64};
use syscall_define::{syscall_define, syscall_table};

#[syscall_define(abi(x86_64))]
fn setflag(on: bool) -> isize {
    on as isize
}

fn entry(regs: &PtRegs) -> isize {
    // SAFETY: the entry path.
    unsafe { __x64_sys_setflag(regs) }
}

fn takes(_: Option<setflag>) {}

syscall_table! {
    static TABLE: SyscallTable<X86_64, PtRegs, 400> = {
        310 => setflag,
    };
}

fn main() {
    let _ = entry;
    takes(None);
    let _ = (setflag::DESCRIPTOR.name, TABLE.descriptor(310));
}
