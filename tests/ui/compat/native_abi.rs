use syscall_define::syscall_define;

// x86_64 is no kernel's compat ABI: a compat definition has no stub for it.
#[syscall_define(compat, abi(ia32, x86_64))]
fn ioctl(fd: u32, cmd: u32, arg: u32) -> isize {
    (fd ^ cmd ^ arg) as isize
}

fn main() {}
