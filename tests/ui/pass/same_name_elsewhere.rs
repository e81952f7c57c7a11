//! One name defined as a system call in several places that do not clash: other modules, other
//! blocks, definitions under opposite `#[cfg]`s, a compat definition beside the native one. The
//! macro reads the source to find redefinitions; none of these is one.

use syscall_define::syscall_define;

mod native {
    use syscall_define::syscall_define;

    #[syscall_define(abi(x86_64))]
    pub fn close(fd: u32) -> isize {
        fd as isize
    }
}

mod emulated {
    use syscall_define::syscall_define;

    #[syscall_define(abi(x86_64))]
    pub fn close(fd: u32) -> isize {
        -(fd as isize)
    }
}

#[cfg(target_pointer_width = "64")]
#[syscall_define(abi(x86_64))]
fn getpid() -> isize {
    64
}

#[cfg(not(target_pointer_width = "64"))]
#[syscall_define(abi(x86_64))]
fn getpid() -> isize {
    32
}

#[syscall_define(abi(x86_64))]
#[cfg(target_endian = "little")]
fn getppid() -> isize {
    1
}

#[syscall_define(abi(x86_64))]
#[cfg(target_endian = "big")]
fn getppid() -> isize {
    2
}

#[syscall_define(abi(x86_64, ia32))]
fn ioctl(fd: u32, cmd: u32, arg: usize) -> isize {
    (fd as usize ^ cmd as usize ^ arg) as isize
}

#[syscall_define(compat, abi(ia32))]
fn ioctl(fd: u32, cmd: u32, arg: u32) -> isize {
    (fd ^ cmd ^ arg) as isize
}

fn main() {
    use syscall_define::Syscall;

    {
        #[syscall_define(abi(x86_64))]
        fn sync() -> isize {
            1
        }
        assert_eq!(sync::NAME, "sync");
    }
    {
        #[syscall_define(abi(aarch64))]
        fn sync() -> isize {
            2
        }
        assert_eq!(sync::DESCRIPTOR.abis().count(), 1);
    }
    assert_eq!(native::close::NAME, emulated::close::NAME);
    assert_eq!(getpid::NAME, "getpid");
    assert_eq!(getppid::NAME, "getppid");
    assert_eq!(ioctl::NAME, compat_ioctl::NAME);
}
