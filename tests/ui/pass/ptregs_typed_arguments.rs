//! A full-register system call keeps its typed arguments: the register file first, then the
//! arguments, decoded from it per ABI. `Args`, the descriptor and `decode` see them, and the body
//! may still rewrite the registers (`clone`, `execve`).
use syscall_define::abi::{ArgKind, Placement, IA32};
use syscall_define::regs::{x86_64::PtRegs, Ia32, X86_64};
use syscall_define::{
    syscall_define, syscall_table, Descriptor, EntryAction, Syscall, SyscallHooks, UserPtr,
};

/// `clone(unsigned long flags, unsigned long newsp, int *parent_tid, int *child_tid, unsigned long
/// tls)`: the child's registers are a copy of the parent's, so the body needs them.
#[syscall_define(abi(x86_64, ia32), ptregs)]
fn clone(
    regs: &mut PtRegs,
    flags: usize,
    newsp: usize,
    parent_tid: UserPtr<i32>,
    child_tid: UserPtr<i32>,
    tls: usize,
) -> isize {
    let _ = (parent_tid, child_tid, tls);
    if newsp != 0 {
        regs.sp = newsp as u64;
    }
    (flags & 0xff) as isize
}

syscall_table! {
    static X64: SyscallTable<X86_64, PtRegs, 64> = { 56 => clone };
}

/// A tracer's hook: it sees a full-register call's typed arguments through the descriptor.
#[derive(Default)]
struct Trace {
    seen: Option<(&'static str, u64, u64)>,
}

impl SyscallHooks<X86_64, PtRegs> for Trace {
    fn on_entry(&mut self, _: isize, d: Option<&'static Descriptor>, regs: &PtRegs) -> EntryAction {
        if let Some(d) = d {
            let arg = |n| d.arg::<X86_64, _>(n, regs).unwrap();
            self.seen = Some((d.args[1].name, arg(0), arg(1)));
        }
        EntryAction::Allow
    }
}

fn main() {
    assert_eq!(clone::DESCRIPTOR.args.len(), 5);
    assert_eq!(clone::DESCRIPTOR.args[2].kind, ArgKind::Pointer);
    assert_eq!(clone::DESCRIPTOR.layout(&IA32).unwrap().arg(4), Placement::One(4));
    let mut regs = PtRegs { di: 0x11, si: 0x7000, dx: 0x100, ..Default::default() };
    let (flags, newsp, parent, _, _) = clone::decode::<X86_64, _>(&regs).unwrap();
    assert_eq!((flags, newsp, parent.addr()), (0x11, 0x7000, 0x100));
    // SAFETY (both): the entry path, on a register file built here.
    assert_eq!(unsafe { X64.dispatch(56, &mut regs) }, 0x11);
    assert_eq!(regs.sp, 0x7000, "the body rewrote the registers");
    assert!(X64.entry(56).unwrap().rewrites_registers());
    let mut trace = Trace::default();
    let mut regs = PtRegs { di: 0x33, si: 0x8000, ..Default::default() };
    assert_eq!(unsafe { X64.dispatch_with(56, &mut regs, &mut trace) }, 0x33);
    assert_eq!(trace.seen, Some(("newsp", 0x33, 0x8000)));
    // ia32: flags in ebx, newsp in ecx, low 32 bits.
    let mut regs = PtRegs { bx: 0xdead_0000_0000_0022, cx: 0x9000, ..Default::default() };
    assert_eq!(clone::decode::<Ia32, _>(&regs).unwrap().0, 0x22);
    assert_eq!(unsafe { __ia32_sys_clone(&mut regs) }, 0x22);
    assert_eq!(regs.sp, 0x9000);
    let _ = <clone as Syscall>::NAME;
}
