//! `#[derive(SyscallArg)]`: newtypes take their field's kind, fieldless `#[repr(int)]` enums their
//! repr's; a value that is no variant, or has a bit outside a flag set's mask, is rejected with
//! its errno before the body runs. Tracers show an enum by its variants' names, a newtype as its
//! field, or as `display = …` says.
use syscall_define::abi::{ArgKind, Placement, IA32};
use syscall_define::regs::{i386, x86_64, Ia32, X86_64};
use syscall_define::{syscall_define, ArgDisplay, Errno, Syscall, SyscallArg};

/// A file descriptor.
#[derive(Clone, Copy, Debug, PartialEq, SyscallArg)]
#[syscall_arg(display = ArgDisplay::Fd)]
struct Fd(u32);

/// `loff_t`: a newtype over `i64` takes a register pair on ia32.
#[derive(Clone, Copy, Debug, PartialEq, SyscallArg)]
struct Offset {
    bytes: i64,
}

/// `lseek`'s whence: anything else is EINVAL.
#[derive(Clone, Copy, Debug, PartialEq, SyscallArg)]
#[repr(u32)]
enum Whence {
    Set = 0,
    Cur = 1,
    End = 2,
}

/// `O_*` flags with unknown bits rejected, as EBADF here to show the option.
#[derive(Clone, Copy, Debug, PartialEq, SyscallArg)]
#[syscall_arg(mask = 0o3 | 0o100 | 0o2000, error = EBADF)]
#[syscall_arg(display = ArgDisplay::Flags(&syscall_define::uapi::OPEN_FLAGS))]
struct OpenFlags(u32);

#[syscall_define(abi(x86_64, ia32))]
fn lseek64(fd: Fd, offset: Offset, whence: Whence, flags: OpenFlags) -> isize {
    let _ = flags;
    fd.0 as isize + offset.bytes as isize + whence as isize
}

fn main() {
    assert_eq!(Fd::KIND, ArgKind::Int { bits: 32, signed: false });
    assert_eq!(Whence::KIND, ArgKind::Int { bits: 32, signed: false });
    assert_eq!(Offset::KIND, ArgKind::Wide { signed: true });
    // The newtype of i64 takes ecx:edx on ia32.
    let layout = lseek64::DESCRIPTOR.layout(&IA32).unwrap();
    assert_eq!(layout.arg(1), Placement::Pair { lo: 1, hi: 2 });

    let regs = x86_64::PtRegs { di: 3, si: 100, dx: 2, r10: 0o100, ..Default::default() };
    let (fd, offset, whence, flags) = lseek64::decode::<X86_64, _>(&regs).unwrap();
    assert_eq!((fd, offset.bytes, whence, flags), (Fd(3), 100, Whence::End, OpenFlags(0o100)));
    // SAFETY (all): the entry path, on register files built here.
    assert_eq!(unsafe { __x64_sys_lseek64(&regs) }, 105);
    // No variant 7: EINVAL, and the body does not run.
    let bad = x86_64::PtRegs { dx: 7, ..regs };
    assert_eq!(lseek64::decode::<X86_64, _>(&bad), Err(Errno::EINVAL));
    assert_eq!(unsafe { __x64_sys_lseek64(&bad) }, -22);
    // An unknown flag bit: the errno the attribute names.
    let bad = x86_64::PtRegs { r10: 0o4, ..regs };
    assert_eq!(unsafe { __x64_sys_lseek64(&bad) }, -9);
    // ia32: fd ebx, offset ecx:edx, whence esi, flags edi.
    let regs = i386::PtRegs { bx: 1, cx: 10, dx: 0, si: 1, di: 0o2000, ..Default::default() };
    assert_eq!(unsafe { __ia32_sys_lseek64(&regs) }, 12);
    assert_eq!(lseek64::decode::<Ia32, _>(&regs).unwrap().2, Whence::Cur);
    // Encoding gives the register values back.
    assert_eq!((Whence::End.encode(), Fd(u32::MAX).encode()), (2, 0xffff_ffff));

    // How tracers show them: the fd signed, the offset as its i64, the enum by name, the flags.
    let shown = lseek64::DESCRIPTOR
        .display_call(&[0xffff_ffff, (-2i64) as u64, 2, 0o2102])
        .to_string();
    assert_eq!(shown, "lseek64(fd=-1, offset=-2, whence=End, flags=O_RDWR|O_CREAT|O_APPEND)");
    assert_eq!(Offset::DISPLAY, ArgDisplay::Default);
}
