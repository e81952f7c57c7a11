//! On an error the macro still defines the names a successful expansion would (the type, the
//! stubs), so the rest of the crate resolves them: the only error is the macro's.
use syscall_define::regs::x86_64::PtRegs;
use syscall_define::syscall_define;

#[syscall_define(abi(x86_64))]
fn setflag(on: bool) -> isize {
    on as isize
}

fn entry(regs: &PtRegs) -> isize {
    // SAFETY: the entry path.
    unsafe { __x64_sys_setflag(regs) }
}

fn takes(_: Option<setflag>) {}

fn main() {
    let _ = entry;
    takes(None);
}
