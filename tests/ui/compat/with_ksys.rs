use syscall_define::syscall_define;

// In-kernel callers call the native definition's `ksys_NAME`.
#[syscall_define(compat, ksys)]
fn ioctl(fd: u32, cmd: u32, arg: u32) -> isize {
    (fd ^ cmd ^ arg) as isize
}

fn main() {}
