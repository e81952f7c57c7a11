//! How argument types show their values (`SyscallArg::DISPLAY`, `ArgMeta::show`), against how
//! strace 6.1 prints the same values (`strace -e trace=openat,mmap,mprotect,kill,lseek`).

use syscall_define::uapi::{
    Addr, DirFd, Fd, FdLong, Hex, MapFlags, Mode, OpenFlags, Prot, Signal, Whence,
};
use syscall_define::{ArgDisplay, Errno, SyscallArg, UserCStr, syscall_define};

#[syscall_define(abi(x86_64, ia32))]
fn openat(dfd: DirFd, filename: UserCStr, flags: OpenFlags, mode: Mode) -> Result<i32, Errno> {
    let _ = (dfd, filename, flags, mode);
    Err(Errno::ENOSYS)
}

#[syscall_define(abi(x86_64))]
fn mmap(
    addr: Addr,
    len: usize,
    prot: Prot,
    flags: MapFlags,
    fd: FdLong,
    off: usize,
) -> Result<usize, Errno> {
    let _ = (addr, len, prot, flags, fd, off);
    Err(Errno::ENOSYS)
}

#[syscall_define(abi(x86_64, ia32))]
fn kill(pid: i32, sig: Signal) -> Result<(), Errno> {
    let _ = (pid, sig);
    Err(Errno::ENOSYS)
}

#[syscall_define(abi(x86_64, ia32))]
fn lseek(fd: Fd, offset: isize, whence: Whence) -> Result<isize, Errno> {
    let _ = (fd, offset, whence);
    Err(Errno::ENOSYS)
}

#[syscall_define(abi(x86_64, ia32))]
fn dup3(oldfd: Fd, newfd: Fd, flags: Hex<u32>) -> Result<i32, Errno> {
    let _ = (oldfd, newfd, flags);
    Err(Errno::ENOSYS)
}

fn shown(d: &syscall_define::Descriptor, values: &[u64]) -> String {
    d.display_call(values).to_string()
}

#[test]
fn as_strace_shows_them() {
    // openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3
    assert_eq!(
        shown(openat::DESCRIPTOR, &[-100i64 as u64, 0, 0x80000, 0]),
        "openat(dfd=AT_FDCWD, filename=NULL, flags=O_RDONLY|O_CLOEXEC, mode=000)"
    );
    // openat(3, "x", O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW, 0600)
    assert_eq!(
        shown(openat::DESCRIPTOR, &[3, 0x1000, 0o400_301, 0o600]),
        "openat(dfd=3, filename=0x1000, flags=O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW, mode=0600)"
    );
    // O_SYNC takes both of its bits; O_TMPFILE includes O_DIRECTORY's; unknown bits in hex.
    assert_eq!(
        shown(openat::DESCRIPTOR, &[3, 0, 0o4_010_002, 0]),
        "openat(dfd=3, filename=NULL, flags=O_RDWR|O_SYNC, mode=000)"
    );
    assert_eq!(
        shown(openat::DESCRIPTOR, &[3, 0, 0o20_200_002 | 0x4000_0000, 0]),
        "openat(dfd=3, filename=NULL, flags=O_RDWR|O_TMPFILE|0x40000000, mode=000)"
    );
    // mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)
    assert_eq!(
        shown(mmap::DESCRIPTOR, &[0, 8192, 3, 0x22, u64::MAX, 0]),
        "mmap(addr=NULL, len=8192, prot=PROT_READ|PROT_WRITE, flags=MAP_PRIVATE|MAP_ANONYMOUS, fd=-1, off=0)"
    );
    // mprotect(…, PROT_NONE); mmap(0x7f…, …, MAP_SHARED|MAP_FIXED, 3, …)
    assert_eq!(
        shown(
            mmap::DESCRIPTOR,
            &[0x7f00_0000_0000, 4096, 0, 0x11, 3, 4096]
        ),
        "mmap(addr=0x7f0000000000, len=4096, prot=PROT_NONE, flags=MAP_SHARED|MAP_FIXED, fd=3, off=4096)"
    );
    // kill(1234, SIGTERM); kill(1234, SIGRTMIN); a signal-less probe shows 0
    assert_eq!(
        shown(kill::DESCRIPTOR, &[1234, 15]),
        "kill(pid=1234, sig=SIGTERM)"
    );
    assert_eq!(
        shown(kill::DESCRIPTOR, &[1234, 32]),
        "kill(pid=1234, sig=SIGRTMIN)"
    );
    assert_eq!(shown(kill::DESCRIPTOR, &[1234, 0]), "kill(pid=1234, sig=0)");
    // lseek(-1, -2, SEEK_END) — an fd shown signed; a whence no name matches in decimal
    assert_eq!(
        shown(lseek::DESCRIPTOR, &[u64::MAX, -2i64 as u64, 2]),
        "lseek(fd=-1, offset=-2, whence=SEEK_END)"
    );
    assert_eq!(
        shown(lseek::DESCRIPTOR, &[3, 0, 9]),
        "lseek(fd=3, offset=0, whence=9)"
    );
    assert_eq!(
        shown(dup3::DESCRIPTOR, &[3, 4, 0x80000]),
        "dup3(oldfd=3, newfd=4, flags=0x80000)"
    );
    assert_eq!(
        shown(dup3::DESCRIPTOR, &[3, 4, 0]),
        "dup3(oldfd=3, newfd=4, flags=0)"
    );
}

#[test]
fn the_types_keep_their_integers_kind() {
    // A uapi type is read from the registers exactly as the integer Linux declares.
    assert_eq!(Fd::KIND, i32::KIND);
    assert_eq!(OpenFlags::KIND, i32::KIND);
    assert_eq!(Mode::KIND, u16::KIND);
    assert_eq!(Prot::KIND, usize::KIND);
    assert_eq!(Hex::<u32>::KIND, u32::KIND);
    assert_eq!(UserCStr::DISPLAY, ArgDisplay::CString);
    assert_eq!(openat::DESCRIPTOR.args[1].display, ArgDisplay::CString);
    assert_eq!(u32::DISPLAY, ArgDisplay::Default);
}
