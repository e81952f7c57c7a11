//! Two `export`ed definitions of one system call give two `#[no_mangle]` symbols of one name:
//! reported by `cargo check`, on the definitions, rather than by the linker.

mod fs {
    #[syscall_define::syscall_define(abi(x86_64), export)]
    pub fn close(fd: u32) -> isize {
        let _ = fd;
        0
    }
}

mod compat {
    #[syscall_define::syscall_define(abi(x86_64), export)]
    pub fn close(fd: u32) -> isize {
        let _ = fd;
        1
    }
}

fn main() {}
